from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from meetings.demo import demo_load
from papers.demo import demo_documents_load


class Command(BaseCommand):
    help = (
        "Load the reference meeting (Tenth Coordination Meeting on International Migration, "
        "New York, 9 and 10 February 2012), its documents and a demo superuser, "
        "admin@example.org. Its password is DEMO_ADMIN_PASSWORD when set, else generated and "
        "printed. Safe to rerun."
    )

    def handle(self, *args, **options) -> None:
        try:
            demo_load(stdout=self.stdout)
            demo_documents_load(stdout=self.stdout)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
