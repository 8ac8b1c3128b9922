"""The backup archive: what it holds, and the checks it passes before anything is restored.

One tar file (gzip optional) with exactly three kinds of member: the database dump
(`database.sqlite3` or `database.pgdump`), every media file under `media/<storage name>`, and
`manifest.json` last, which lists the others with their size and sha256. The manifest comes last
because its checksums are computed while the files stream into the archive; reading it back needs
no extraction to disk, and nothing is ever extracted by tar's own rules: a member is read only when
its name is one of ours, so a hostile archive cannot write outside the storage.
"""

import hashlib
import json
import tarfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

FORMAT = "plenary-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media/"
# The dump's member name says what made it, so a PostgreSQL dump is never read as SQLite.
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK = 1024 * 1024


@dataclass
class Entry:
    """One file of the archive as the manifest lists it."""

    name: str
    size: int
    sha256: str

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "size": self.size, "sha256": self.sha256}


@dataclass
class Manifest:
    created_at: str
    vendor: str
    migrations: dict[str, str]
    database: Entry
    media: list[Entry] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "created_at": self.created_at,
            "vendor": self.vendor,
            "migrations": self.migrations,
            "database": self.database.as_json(),
            "media": [entry.as_json() for entry in self.media],
        }

    @property
    def media_size(self) -> int:
        return sum(entry.size for entry in self.media)


def copy_hashed(source: IO[bytes], destination: IO[bytes]) -> Entry:
    """Copy `source` into `destination`, returning its size and sha256 (the name left empty)."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        destination.write(chunk)
    return Entry(name="", size=size, sha256=digest.hexdigest())


def hashed(source: IO[bytes]) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def add_file(archive: tarfile.TarFile, name: str, source: IO[bytes], size: int) -> None:
    """Add a regular file, readable by its owner only: the archive holds personal data."""
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(time.time())
    archive.addfile(info, source)


# Reading ---------------------------------------------------------------------------------------


def not_a_backup(path: object, why: str) -> CommandError:
    return CommandError(_("%(path)s is not a Plenary backup: %(why)s") % {"path": path, "why": why})


def safe_media_name(member_name: str) -> str | None:
    """The storage name of a `media/...` member, or None when the name could leave the storage."""
    if not member_name.startswith(MEDIA) or "\\" in member_name or "\x00" in member_name:
        return None
    name = member_name.removeprefix(MEDIA)
    parts = PurePosixPath(name).parts
    if not name or name.startswith("/") or any(part in {"", ".", ".."} for part in parts):
        return None
    if "/".join(parts) != name:
        return None
    return name


def _entry(data: object) -> Entry:
    if not isinstance(data, dict):
        raise TypeError
    name, size, sha256 = data["name"], data["size"], data["sha256"]
    if not (isinstance(name, str) and isinstance(size, int) and isinstance(sha256, str)):
        raise TypeError
    return Entry(name=name, size=size, sha256=sha256)


def _manifest(data: object) -> Manifest:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TypeError
    migrations = data["migrations"]
    if not isinstance(migrations, dict):
        raise TypeError
    return Manifest(
        created_at=str(data["created_at"]),
        vendor=str(data["vendor"]),
        migrations={str(app): str(name) for app, name in migrations.items()},
        database=_entry(data["database"]),
        media=[_entry(item) for item in data["media"]],
    )


class Reader:
    """An archive opened for restoring: `check()` reads every member once and compares it with
    the manifest before the caller changes anything; `media()` then yields the files to write."""

    def __init__(self, path: str) -> None:
        self.path = path
        if not Path(path).is_file():
            raise CommandError(_("%(path)s does not exist or is not a file.") % {"path": path})
        try:
            self.tar = tarfile.open(path, "r:*")  # noqa: SIM115 (closed by close())
            self.members = self.tar.getmembers()
        except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
            raise not_a_backup(path, _("it is not a readable tar archive.")) from error

    def close(self) -> None:
        self.tar.close()

    def _read_manifest(self) -> Manifest:
        found = [member for member in self.members if member.name == MANIFEST]
        if len(found) != 1 or not found[0].isfile():
            raise not_a_backup(self.path, _("it has no manifest.json."))
        stream = self.tar.extractfile(found[0])
        try:
            assert stream is not None  # noqa: S101 (a regular file always has a stream)
            return _manifest(json.loads(stream.read()))
        except (ValueError, KeyError, TypeError) as error:
            raise not_a_backup(self.path, _("its manifest.json is not Plenary's.")) from error

    def check(self, *, vendor: str, database_copy: IO[bytes]) -> Manifest:
        """Compare every member with the manifest; copy the dump into `database_copy`.

        Refuses a member that is not ours (a link, a device, a name with `..`), one the manifest
        does not list or lists twice, a missing one, a size or checksum that differs, and a dump
        made by another database vendor.
        """
        manifest = self._read_manifest()
        if manifest.vendor != vendor:
            raise CommandError(
                _(
                    "This backup holds a %(archive)s database and this installation uses "
                    "%(here)s. Restore it into a %(archive)s installation; converting between "
                    "databases is not supported."
                )
                % {
                    "archive": VENDOR_NAMES.get(manifest.vendor, manifest.vendor),
                    "here": VENDOR_NAMES.get(vendor, vendor),
                }
            )
        expected = {MEDIA + entry.name: entry for entry in manifest.media}
        database_member = DATABASE_MEMBERS[vendor]
        expected[database_member] = manifest.database
        if manifest.database.name != database_member:
            raise not_a_backup(self.path, _("its manifest names another database dump."))
        if len(expected) != len(manifest.media) + 1:
            raise not_a_backup(self.path, _("its manifest lists a file twice."))
        seen: set[str] = set()
        for member in self.members:
            if member.name == MANIFEST:
                continue
            if member.name != database_member and safe_media_name(member.name) is None:
                raise not_a_backup(
                    self.path,
                    _("it holds %(name)s, outside media/ and the database dump; refused.")
                    % {"name": member.name},
                )
            entry = expected.get(member.name)
            if entry is None or member.name in seen or not member.isfile():
                raise not_a_backup(
                    self.path,
                    _("%(name)s is not a file its manifest lists.") % {"name": member.name},
                )
            seen.add(member.name)
            stream = self.tar.extractfile(member)
            assert stream is not None  # noqa: S101 (isfile() above)
            if member.name == database_member:
                found = copy_hashed(stream, database_copy)
                size, sha256 = found.size, found.sha256
            else:
                size, sha256 = hashed(stream)
            if (size, sha256) != (entry.size, entry.sha256):
                raise CommandError(
                    _(
                        "The backup is damaged: %(name)s does not match its checksum in the "
                        "manifest. Nothing was restored."
                    )
                    % {"name": member.name}
                )
        missing = sorted(set(expected) - seen)
        if missing:
            raise CommandError(
                _("The backup is incomplete: %(names)s missing. Nothing was restored.")
                % {"names": ", ".join(missing)}
            )
        return manifest

    def media(self) -> Iterator[tuple[Entry, IO[bytes]]]:
        """Each media file with its manifest entry, in archive order (after `check()`)."""
        entries = {MEDIA + entry.name: entry for entry in self._read_manifest().media}
        for member in self.members:
            if member.name in entries:
                stream = self.tar.extractfile(member)
                assert stream is not None  # noqa: S101 (checked by check())
                yield entries[member.name], stream
