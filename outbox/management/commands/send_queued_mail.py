from typing import Any

from django.core.management.base import BaseCommand

from outbox.models import MAX_ATTEMPTS
from outbox.services import messages_retry


class Command(BaseCommand):
    help = (
        "Send the outbox's failed messages again, and queued ones left behind by a stopped "
        f"worker; each is tried at most {MAX_ATTEMPTS} times. Run it from cron, e.g. every "
        "10 minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent, failed = messages_retry()
        self.stdout.write(f"Sent {sent}, still failing {failed}.")
