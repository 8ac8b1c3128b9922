"""The uploaded files, read and written only through the default storage.

Walking the storage with `listdir()` rather than the media folder keeps backups working when the
files live in object storage (S3): the storage names are what the database's file fields hold.
"""

import hashlib
from collections.abc import Iterator
from typing import IO

from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from backups.archive import CHUNK, Entry


def names(storage: Storage = default_storage, folder: str = "") -> Iterator[str]:
    """Every file's storage name: a folder's files, sorted, then its subfolders'."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a media folder never written to does not exist yet
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(folders):
        yield from names(storage, prefix + sub)


def any_file(storage: Storage = default_storage) -> bool:
    return next(names(storage), None) is not None


def sha256_of(name: str, storage: Storage = default_storage) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        while chunk := stored.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write(entry: Entry, content: IO[bytes], storage: Storage = default_storage) -> None:
    """Store one file under its own name and read it back to check its sha256."""
    saved = storage.save(entry.name, File(content, name=entry.name))
    if saved != entry.name:
        storage.delete(saved)
        raise CommandError(
            _("The storage would not keep the name %(name)s (it offered %(saved)s).")
            % {"name": entry.name, "saved": saved}
        )
    if sha256_of(saved, storage) != entry.sha256:
        raise CommandError(
            _("%(name)s was written but reads back different: check the storage.")
            % {"name": entry.name}
        )
