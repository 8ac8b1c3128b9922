"""Taking a backup and restoring one: the two writes behind `manage.py backup` and `restore`.

A restore checks the whole archive (manifest, every checksum, the database vendor, the migration
state) and the installation (empty) before it changes anything; the database goes back in one
transaction, and the media files are written only once it has.
"""

import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from backups import database, installation, media
from backups.archive import (
    DATABASE_MEMBERS,
    MANIFEST,
    MEDIA,
    Entry,
    Manifest,
    Reader,
    add_file,
    copy_hashed,
)

SPOOL = 8 * 1024 * 1024  # media files up to this size are buffered in memory, larger on disk


@dataclass
class Summary:
    """What a backup holds or a restore brought back, for the command to print."""

    path: Path
    rows: int
    tables: int
    files: int
    media_size: int
    archive_size: int
    pending_migrations: bool = False


def default_path() -> Path:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.BASE_DIR) / "var" / "backups" / f"plenary-{stamp}.tar.gz"


def _mode(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".tar.gz", ".tgz")):
        return "w:gz"
    if name.endswith(".tar"):
        return "w"
    raise CommandError(
        _("A backup's name ends in .tar.gz, .tgz or .tar, not %(name)s.") % {"name": path.name}
    )


def _claim(path: Path) -> int:
    """Create the archive, readable by its owner only; never overwrite a file already there."""
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CommandError(
            _("%(path)s exists already; a backup never overwrites a file.") % {"path": path}
        ) from None
    except OSError as error:
        raise CommandError(
            _("%(path)s could not be created: %(error)s") % {"path": path, "error": error.strerror}
        ) from error


def _write(archive: tarfile.TarFile, scratch: Path) -> Manifest:
    database.check_supported(connection)
    migrations = installation.latest_migrations()
    created_at = timezone.now().isoformat()
    dump = scratch / "database"
    database.dump(connection, dump)
    member = DATABASE_MEMBERS[connection.vendor]
    with dump.open("rb") as source, tempfile.TemporaryFile(dir=scratch) as sink:
        entry = copy_hashed(source, sink)
        sink.seek(0)
        add_file(archive, member, sink, entry.size)
    manifest = Manifest(
        created_at=created_at,
        vendor=connection.vendor,
        migrations=migrations,
        database=Entry(name=member, size=entry.size, sha256=entry.sha256),
    )
    for name in media.names():
        # Copied aside first, so the size in the tar header is the size of what was read,
        # even when the file is replaced while the backup runs.
        with (
            default_storage.open(name, "rb") as stored,
            tempfile.SpooledTemporaryFile(max_size=SPOOL, dir=str(scratch)) as copy,
        ):
            found = copy_hashed(stored, copy)
            copy.seek(0)
            add_file(archive, MEDIA + name, copy, found.size)
        manifest.media.append(Entry(name=name, size=found.size, sha256=found.sha256))
    with tempfile.TemporaryFile(dir=scratch) as listing:
        size = listing.write(json.dumps(manifest.as_json(), indent=2).encode())
        listing.seek(0)
        add_file(archive, MANIFEST, listing, size)
    return manifest


def backup_create(*, output: Path | None = None) -> Summary:
    """Write the database dump, every media file and the manifest into one new archive.

    Raises CommandError when the path exists or has another suffix, or when the dump fails; a
    failed backup leaves no archive behind.
    """
    path = output or default_path()
    mode = _mode(path)
    if output is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = _claim(path)
    try:
        with (
            os.fdopen(descriptor, "wb") as file,
            tarfile.open(fileobj=file, mode=mode) as archive,  # type: ignore[call-overload]
            tempfile.TemporaryDirectory(prefix="plenary-backup-") as scratch,
        ):
            manifest = _write(archive, Path(scratch))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    rows, tables = installation.row_counts()
    return Summary(
        path=path,
        rows=rows,
        tables=tables,
        files=len(manifest.media),
        media_size=manifest.media_size,
        archive_size=path.stat().st_size,
    )


def _check_empty() -> None:
    filled = installation.models_with_rows()
    if filled:
        shown = ", ".join(filled[:5]) + (", …" if len(filled) > 5 else "")
        raise CommandError(
            _(
                "This installation is not empty (%(models)s hold rows). Restore into a fresh "
                "database and an empty media storage; nothing was changed."
            )
            % {"models": shown}
        )
    if media.any_file():
        raise CommandError(
            _(
                "The media storage already holds files. Restore into an empty media storage; "
                "nothing was changed."
            )
        )


def backup_restore(*, path: Path) -> Summary:
    """Bring back the archive's database and media files into this empty installation.

    Raises CommandError, changing nothing, when the archive is not a Plenary backup, is damaged,
    comes from another database vendor or a newer Plenary, or when the installation is not empty.
    """
    database.check_supported(connection)
    reader = Reader(str(path))
    try:
        with (
            tempfile.TemporaryDirectory(prefix="plenary-restore-") as scratch,
            (Path(scratch) / "database").open("wb") as dump,
        ):
            manifest = reader.check(vendor=connection.vendor, database_copy=dump)
            dump.close()
            unknown = installation.unknown_migrations(manifest.migrations)
            if unknown:
                raise CommandError(
                    _(
                        "This backup comes from a newer Plenary: its migrations %(names)s are "
                        "not in this code. Install that version first; nothing was changed."
                    )
                    % {"names": ", ".join(unknown)}
                )
            _check_empty()
            database.restore(connection, Path(dump.name))
        ContentType.objects.clear_cache()
        _restore_media(reader)
    finally:
        reader.close()
    rows, tables = installation.row_counts()
    return Summary(
        path=path,
        rows=rows,
        tables=tables,
        files=len(manifest.media),
        media_size=manifest.media_size,
        archive_size=path.stat().st_size,
        pending_migrations=installation.pending_migrations(),
    )


def _restore_media(reader: Reader) -> None:
    """Write every media file; on a failure, remove the ones written so a retry starts clean."""
    written: list[str] = []
    try:
        for entry, content in reader.media():
            media.write(entry, content)
            written.append(entry.name)
    except (OSError, CommandError) as error:
        for name in written:
            default_storage.delete(name)
        raise CommandError(
            _(
                "The database was restored, but the media files could not be written (%(error)s); "
                "those written were removed. Empty the database and run restore again."
            )
            % {"error": error}
        ) from error
