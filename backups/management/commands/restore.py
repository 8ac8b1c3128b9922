from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from backups.services import backup_restore
from uploads.filetypes.reading import size_display


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into an empty installation (a fresh, "
        "possibly migrated database and no media file). The whole archive is checked first; "
        "a damaged one, another database vendor's or a non-empty installation changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The archive written by `manage.py backup`.")

    def handle(self, *args: object, **options: Any) -> None:
        summary = backup_restore(path=options["path"])
        self.stdout.write(
            _("Restored %(rows)s rows in %(tables)s tables, %(files)s files, %(size)s.")
            % {
                "rows": f"{summary.rows:,}",
                "tables": f"{summary.tables:,}",
                "files": f"{summary.files:,}",
                "size": size_display(summary.media_size),
            }
        )
        if summary.pending_migrations:
            self.stdout.write(
                _("The backup predates this code's migrations: run `manage.py migrate` now.")
            )
