"""What an uploaded document really is: recognised by its content, checked, hashed and named.

``inspect_upload()`` is the one gate every uploaded paper passes. It never trusts the file name or
the browser's content type, reads the upload in chunks (hashing as it goes) and refuses anything
outside the allow-list with one specific message. Accepted files that deserve a second look
(a PDF with JavaScript, say) carry ``review_reasons`` for the secretariat.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from uploads.filetypes.images import _check_image, open_image
from uploads.filetypes.kinds import ALLOWED_KINDS, FileKind
from uploads.filetypes.names import _download_name, clean_file_name
from uploads.filetypes.office import _check_office
from uploads.filetypes.pdf import PDFIUM_LOCK, _inspect_pdf, open_pdf
from uploads.filetypes.reading import MB, _check_size, _read
from uploads.filetypes.sniffing import _sniff

__all__ = [
    "ALLOWED_KINDS",
    "MB",
    "PDFIUM_LOCK",
    "FileKind",
    "Inspection",
    "clean_file_name",
    "inspect_upload",
    "local_path",
    "max_upload_size",
    "open_image",
    "open_pdf",
]

DEFAULT_MAX_UPLOAD_SIZE = 50 * MB


@dataclass(frozen=True)
class Inspection:
    """What inspect_upload() found out about an accepted file."""

    kind: FileKind
    size: int
    sha256: str
    page_count: int | None
    review_reasons: tuple[str, ...]
    original_name: str


def max_upload_size() -> int:
    return getattr(settings, "PAPERS_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


def inspect_upload(upload: UploadedFile[bytes], *, max_size: int, deep: bool = True) -> Inspection:
    """Recognise, check and hash an upload; raise ValidationError with one message if refused.

    Without `deep`, a PDF is only opened (damaged and locked files are still refused) and comes
    back without review reasons: what its objects do is found by the isolated check that runs in
    the background (papers.tasks), where a hostile file cannot stall a web worker. A
    nomination letter, refused at once for what it contains, keeps the deep check here.
    """
    # The name as the browser sent it, when it came through PaperUploadHandler: a name that
    # needed mending (a path, a control character) is refused, not silently mended.
    name = clean_file_name(getattr(upload, "sent_name", None) or upload.name or "")
    if upload.size is not None:
        _check_size(upload.size, max_size)
    upload.seek(0)
    head = upload.read(8192)
    if not head:
        raise ValidationError(_("The file is empty."), code="empty")
    key = _sniff(upload, head, name)
    page_count: int | None = None
    reasons: tuple[str, ...] = ()
    if key == "pdf":
        kind = ALLOWED_KINDS["pdf"]
        size, sha256, page_count, reasons = _inspect_pdf(upload, max_size, deep=deep)
    else:
        size, sha256 = _read(upload, max_size)
        if key == "office":
            kind, reasons = _check_office(upload, head, name, size)
        else:
            kind = ALLOWED_KINDS[key]
            _check_image(upload, kind)
    return Inspection(kind, size, sha256, page_count, reasons, _download_name(name, kind))


@contextmanager
def local_path(upload_or_path: str | os.PathLike[str] | File[bytes]) -> Iterator[str]:
    """A path on disk: the file's own, the upload's temporary file, or a copy deleted after."""
    if isinstance(upload_or_path, str | os.PathLike):
        yield os.fspath(upload_or_path)
    elif hasattr(upload_or_path, "temporary_file_path"):
        upload_or_path.flush()  # what was written must be on disk for PDFium to read it
        yield upload_or_path.temporary_file_path()
    else:
        with tempfile.NamedTemporaryFile() as copy:
            for chunk in upload_or_path.chunks():
                copy.write(chunk)
            copy.flush()
            yield copy.name
