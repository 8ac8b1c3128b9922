"""`manage.py fail_stalled_checks`: papers whose file check a killed worker left unfinished go to
review as "could not be checked" (papers.services.checking.stalled_checks_fail). Run it every few
minutes beside the worker (cron or a systemd timer); `make run` runs it at start."""

from typing import Any

from django.core.management.base import BaseCommand

from papers.services.checking import stalled_checks_fail


class Command(BaseCommand):
    help = "Mark file checks a killed worker left unfinished as 'could not be checked'."

    def handle(self, *args: Any, **options: Any) -> None:
        count = stalled_checks_fail()
        if count or options["verbosity"] > 1:
            self.stdout.write(f"{count} stalled check(s) marked as could not be checked.")
