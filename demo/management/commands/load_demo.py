from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from demo.documents import demo_documents_load
from demo.loader import demo_load


class Command(BaseCommand):
    help = (
        "Load the reference meeting (Tenth Coordination Meeting on International Migration, "
        "New York, 9 and 10 February 2012) with its documents and its list of participants, the "
        "Eleventh next February with registration open, a demo superuser, admin@example.org, "
        "and a demo focal point of IOM, focal@iom.example. Their passwords are "
        "DEMO_ADMIN_PASSWORD and DEMO_USER_PASSWORD when set, else generated and printed. "
        "Safe to rerun."
    )

    def handle(self, *args, **options) -> None:
        try:
            demo_load(stdout=self.stdout)
            demo_documents_load(stdout=self.stdout)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
