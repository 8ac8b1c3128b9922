"""Delete upload temporary files left behind by a worker that was killed mid-upload."""

import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Delete Django's upload temporary files (tmp*.upload*) older than --hours (1 by default) "
        "from FILE_UPLOAD_TEMP_DIR (or the system's temporary directory). Run it from cron, "
        "e.g. every hour; files of uploads still arriving are younger and stay."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=float, default=1.0, help="Minimum age, in hours.")

    def handle(self, *args: object, hours: float, **options: object) -> None:
        folder = Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())
        cutoff = time.time() - hours * 3600
        removed = 0
        for path in folder.glob("tmp*.upload*"):
            try:
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue  # its request finished meanwhile
        self.stdout.write(f"Removed {removed} stale upload file(s) from {folder}.")
