from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from backups.services import backup_create
from uploads.filetypes.reading import size_display


class Command(BaseCommand):
    help = (
        "Write the database and every media file, with a manifest of their sha256 checksums, "
        "into one archive: var/backups/plenary-<UTC time>.tar.gz, or --output. Never overwrites "
        "a file. The secret key and the environment are not in it: keep them elsewhere."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="Where to write the archive (.tar.gz, .tgz or .tar); it must not exist.",
        )

    def handle(self, *args: object, **options: Any) -> None:
        summary = backup_create(output=options["output"])
        self.stdout.write(
            _(
                "Backed up %(rows)s rows in %(tables)s tables, %(files)s files, %(size)s "
                "to %(path)s (%(archive)s)."
            )
            % {
                "rows": f"{summary.rows:,}",
                "tables": f"{summary.tables:,}",
                "files": f"{summary.files:,}",
                "size": size_display(summary.media_size),
                "path": summary.path,
                "archive": size_display(summary.archive_size),
            }
        )
