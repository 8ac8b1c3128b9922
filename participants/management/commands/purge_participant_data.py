"""Remove participants' contact data once the retention period has passed."""

from django.core.management.base import BaseCommand, CommandParser

from participants.services.personal_data import (
    contact_data_purge,
    nominations_past_retention,
    retention_days,
)


class Command(BaseCommand):
    help = (
        "Blank the e-mail, phone and special requirements, and delete the nomination letters, "
        "of nominations for meetings that ended more than DJANGO_PARTICIPANTS_RETENTION_DAYS "
        "ago (730 by default). Names stay, as the record of who took part. Run it from cron, "
        "e.g. daily; --dry-run only counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would be purged; change nothing."
        )

    def handle(self, *args: object, dry_run: bool, **options: object) -> None:
        days = retention_days()
        if dry_run:
            count = nominations_past_retention().count()
            self.stdout.write(
                f"{count} nomination(s) of meetings ended over {days} days ago hold contact "
                "data; nothing changed (--dry-run)."
            )
            return
        count = contact_data_purge()
        self.stdout.write(
            f"Purged the contact data of {count} nomination(s) of meetings ended over "
            f"{days} days ago."
        )
