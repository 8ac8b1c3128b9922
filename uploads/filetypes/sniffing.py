"""Recognising a file by its first bytes, and the message that refuses a kind not allowed."""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from uploads.filetypes.names import _ALLOWED_EXTENSIONS
from uploads.filetypes.reading import _contains

_PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SVG = object()


def _sniff(upload: UploadedFile[bytes], head: bytes, name: str) -> str:
    """The kind of file from its first bytes (pdf, office, png, jpeg); anything else is refused."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "office"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(_OLE2_MAGIC):
        if _contains(upload, "EncryptedPackage".encode("utf-16-le")):
            raise _office_encrypted()
        raise ValidationError(
            _(
                "This file is in the old Word, Excel or PowerPoint format (.doc, .xls, .ppt), "
                "which cannot be checked safely; save it as PDF or in the current format "
                "(.docx, .xlsx, .pptx) and upload it again."
            ),
            code="legacy_office",
        )
    raise _not_allowed(_looks_like(head), name)


def _looks_like(head: bytes) -> str | object | None:
    if head.startswith(_PROGRAM_MAGIC):
        return _("a program")
    if head.startswith(b"PK"):
        return _("a zip archive")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return _("a GIF image")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _("a WebP image")
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1"):
        return _("a HEIC image")
    if head.startswith(b"{\\rtf"):
        return _("an RTF document")
    text = head.decode("utf-8", "replace").removeprefix("\ufeff").lstrip().lower()
    if text.startswith(("<!doctype html", "<html")):
        return _("an HTML page")
    if "<svg" in text:
        return _SVG
    if any(tag in text for tag in ("<html", "<head", "<body", "<script", "<iframe")):
        return _("an HTML page")
    return None


def _not_allowed(what: str | object | None, name: str) -> ValidationError:
    advice = _("upload a PDF, Word, PowerPoint or Excel document, or a PNG or JPEG image.")
    if what is None:
        message = _("The type of this file is not recognised; %(advice)s")
    elif what is _SVG:
        message = _("This file is an SVG image, which can carry scripts; %(advice)s")
    else:
        extension = os.path.splitext(name)[1].lower()
        if extension in _ALLOWED_EXTENSIONS:
            message = _("This file is %(what)s renamed to %(extension)s; %(advice)s")
        else:
            message = _("This file is %(what)s; %(advice)s")
        return ValidationError(
            message,
            code="type_not_allowed",
            params={"what": what, "extension": extension, "advice": advice},
        )
    return ValidationError(message, code="type_not_allowed", params={"advice": advice})


def _office_encrypted() -> ValidationError:
    return ValidationError(
        _("The document is protected by a password; remove the password and upload it again."),
        code="office_encrypted",
    )
