"""Reading an upload in chunks: its size checked and shown, its bytes hashed or searched."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MB = 1024 * 1024


def _check_size(size: int, max_size: int) -> None:
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_size:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": _size(size, round_up=True), "limit": _size(max_size, round_up=False)},
        )


def _size(count: int, *, round_up: bool) -> str:
    """1,500 bytes, 1.5 KB, 61.2 MB; a file's size rounds up and a limit down, never to a tie."""
    for unit, factor in (("GB", 1024 * MB), ("MB", MB), ("KB", 1024)):
        if count >= factor:
            tenths = -(-count * 10 // factor) if round_up else count * 10 // factor
            return f"{tenths // 10:,}{f'.{tenths % 10}' if tenths % 10 else ''} {unit}"
    return f"{count:,} bytes"


def _read(upload: UploadedFile, max_size: int, sinks: tuple = ()) -> tuple[int, str]:
    """Stream the upload once: count, hash and hand each chunk to the sinks."""
    digest, size = hashlib.sha256(), 0
    for chunk in upload.chunks():
        size += len(chunk)
        if size <= max_size:
            digest.update(chunk)
            for sink in sinks:
                sink(chunk)
    _check_size(size, max_size)
    if upload.size is not None and size != upload.size:
        raise ValidationError(_("The upload is incomplete; please try again."), code="incomplete")
    return size, digest.hexdigest()


def _contains(upload: UploadedFile, needle: bytes) -> bool:
    tail = b""
    for chunk in upload.chunks():
        buffer = tail + chunk
        if needle in buffer:
            return True
        tail = buffer[-len(needle) + 1 :]
    return False
