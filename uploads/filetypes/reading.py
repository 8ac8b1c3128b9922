"""Reading an upload in chunks: its size checked and shown, its bytes hashed or searched."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from decimal import Decimal

from babel.numbers import format_decimal
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.dates import cldr_locale

MB = 1024 * 1024


def _check_size(size: int, max_size: int) -> None:
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_size:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={
                "size": size_display(size, rounding="up"),
                "limit": size_display(max_size, rounding="down"),
            },
        )


def size_display(count: int, *, rounding: str = "nearest") -> str:
    """ "800 bytes", "1.5 KB", "61.2 MB": every size Plenary shows, in one style, in the
    reader's language ("1,5 Ko", "602 octets", "25,6 КБ"; numbers by CLDR, through Babel).

    `rounding` is "nearest" for a file's size as listed; a refusal rounds the file's size "up"
    and the limit "down", so "The file is 50.1 MB; the limit is 50 MB." never shows a tie.
    """
    units = ((_("%s GB"), 1024 * MB), (_("%s MB"), MB), (_("%s KB"), 1024))
    for unit, factor in units:
        if count >= factor:
            if rounding == "up":
                tenths = -(-count * 10 // factor)
            elif rounding == "down":
                tenths = count * 10 // factor
            else:
                tenths = (count * 20 // factor + 1) // 2
            number = format_decimal(Decimal(tenths) / 10, "#,##0.#", locale=cldr_locale() or "en")
            return (unit % number).replace(" ", "\N{NO-BREAK SPACE}")
    # Django's own message (its catalogues translate it), with the count grouped as the language
    # groups digits ("1,000 bytes", "1 000 octets").
    in_bytes = ngettext("%(size)d byte", "%(size)d bytes", count) % {"size": count}
    grouped = format_decimal(count, "#,##0", locale=cldr_locale() or "en")
    return in_bytes.replace(str(count), grouped, 1).replace(" ", "\N{NO-BREAK SPACE}")


def _read(
    upload: UploadedFile[bytes], max_size: int, sinks: tuple[Callable[[bytes], object], ...] = ()
) -> tuple[int, str]:
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


def _contains(upload: UploadedFile[bytes], needle: bytes) -> bool:
    tail = b""
    for chunk in upload.chunks():
        buffer = tail + chunk
        if needle in buffer:
            return True
        tail = buffer[-len(needle) + 1 :]
    return False
