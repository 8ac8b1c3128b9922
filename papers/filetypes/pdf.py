"""PDFs: opened with PDFium, their pages counted and their bytes scanned for active content."""

from __future__ import annotations

import re
import tempfile
import threading
import zlib
from contextlib import ExitStack

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from papers.filetypes.reading import MB, _read

# PDFium must never be called from two threads at once, not even for different documents.
PDFIUM_LOCK = threading.Lock()


def open_pdf(path: str) -> pdfium.PdfDocument:
    """Open a PDF with PDFium (hold PDFIUM_LOCK); damaged or locked files raise ValidationError."""
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ValidationError(
                _("The PDF is protected by a password; remove the password and upload it again."),
                code="pdf_encrypted",
            ) from error
        raise ValidationError(
            _("The PDF is damaged and cannot be opened."), code="pdf_damaged"
        ) from error


def _inspect_pdf(
    upload: UploadedFile[bytes], max_size: int
) -> tuple[int, str, int, tuple[str, ...]]:
    """Hash and scan the bytes, then open the file with PDFium from a path on disk."""
    scanner = _PdfScanner()
    with ExitStack() as stack:
        copy = None
        if hasattr(upload, "temporary_file_path"):
            path = upload.temporary_file_path()
        else:
            copy = stack.enter_context(tempfile.NamedTemporaryFile(suffix=".pdf"))
            path = copy.name
        size, sha256 = _read(upload, max_size, (scanner.feed,) + ((copy.write,) if copy else ()))
        if copy is not None:
            copy.flush()
        scanner.feed(b"", final=True)
        page_count, reasons = _check_pdf(path, scanner)
    return size, sha256, page_count, reasons


def _check_pdf(path: str, scanner: _PdfScanner) -> tuple[int, tuple[str, ...]]:
    with PDFIUM_LOCK, open_pdf(path) as document:
        page_count = len(document)
        scripts = pdfium_c.FPDFDoc_GetJavaScriptActionCount(document.raw)
        attachments = document.count_attachments()
    found = set(scanner.found)
    if not _scan_object_streams(path, scanner.object_streams, found):
        found.add("unchecked")
    if scripts > 0:
        found.add("javascript")
    if attachments > 0:
        found.add("attachment")
    reasons = {
        "javascript": _("The PDF contains JavaScript."),
        "launch": _("The PDF contains a launch action."),
        "automatic": _("The PDF runs actions automatically when it is opened or viewed."),
        "attachment": _("The PDF contains attached files."),
        "unchecked": _("Parts of the PDF are encoded in a way that could not be checked."),
    }
    return page_count, tuple(reason for key, reason in reasons.items() if key in found)


_WS = r"[\x00\t\n\f\r ]"
_REFERENCE = rf"\d+{_WS}+\d+{_WS}+R"
_NAME_END = r"(?=[\x00\t\n\f\r ()<>\[\]{}/%]|\Z)"


def _pdf_name(name: str, followed_by: str = _NAME_END) -> str:
    """A PDF name, also with letters written as #xx escapes, and what must come after it."""

    def letter(char: str) -> str:
        escape = "".join(f"[{d}{d.lower()}]" if d.isalpha() else d for d in f"{ord(char):02X}")
        return f"(?:{char}|#{escape})"

    return "/" + "".join(letter(char) for char in name) + followed_by


# /JS and /AA are short enough to turn up by chance in binary data: they count only with a value.
_PDF_FINDINGS = {
    finding: re.compile("|".join(alternatives).encode())
    for finding, alternatives in {
        "javascript": [
            _pdf_name("JavaScript"),
            _pdf_name("JS", rf"(?=[(<]|{_WS}+(?:[(<]|{_REFERENCE}))"),
        ],
        "launch": [_pdf_name("Launch")],
        "automatic": [_pdf_name("AA", rf"(?=<<|{_WS}+(?:<<|{_REFERENCE}))")],
        "attachment": [_pdf_name("EmbeddedFile"), _pdf_name("EmbeddedFiles")],
    }.items()
}
_PDF_OBJECT_STREAM = re.compile(_pdf_name("ObjStm").encode())
_PDF_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_MAX_OBJECT_STREAMS = 5000


class _PdfScanner:
    """Finds risky names in a PDF's bytes, fed in chunks; names split between chunks still count."""

    CARRY = 128  # longer than any name we look for, even fully #-escaped, and its value

    def __init__(self) -> None:
        self.found: set[str] = set()
        self.object_streams: list[int] = []  # file offsets just after each /ObjStm
        self._tail = b""
        self._offset = 0

    def feed(self, data: bytes, *, final: bool = False) -> None:
        buffer = self._tail + data
        # A match starting in the last CARRY bytes may be cut short: it is looked at next time.
        limit = len(buffer) if final else max(len(buffer) - self.CARRY, 0)
        for finding, pattern in _PDF_FINDINGS.items():
            if finding not in self.found:
                match = pattern.search(buffer)
                if match and match.start() < limit:
                    self.found.add(finding)
        for match in _PDF_OBJECT_STREAM.finditer(buffer):
            if match.start() >= limit or len(self.object_streams) > _MAX_OBJECT_STREAMS:
                break
            self.object_streams.append(self._offset + match.end())
        self._tail = buffer[limit:]
        self._offset += limit


def _scan_object_streams(path: str, offsets: list[int], found: set[str]) -> bool:
    """Inflate the compressed object streams (where dictionaries hide) and scan them too.

    Returns False when some could not be read: another filter, damaged, too many or too large.
    """
    if len(offsets) > _MAX_OBJECT_STREAMS:
        return False
    budget, complete = 64 * MB, True
    with open(path, "rb") as file:
        for offset in offsets:
            file.seek(offset)
            keyword = _PDF_STREAM.search(file.read(4096))
            if keyword is None:
                complete = False
                continue
            file.seek(offset + keyword.end())
            inflater, scanner = zlib.decompressobj(), _PdfScanner()
            try:
                while not inflater.eof:
                    data = inflater.unconsumed_tail or file.read(64 * 1024)
                    if not data:
                        break
                    inflated = inflater.decompress(data, MB)
                    budget -= len(inflated)
                    if budget < 0:
                        return False
                    scanner.feed(inflated)
            except zlib.error:
                complete = False
            scanner.feed(b"", final=True)
            found |= scanner.found
    return complete
