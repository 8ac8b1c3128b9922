"""What an uploaded document really is: recognised by its content, checked, hashed and named.

``inspect_upload()`` is the one gate every uploaded paper passes. It never trusts the file name or
the browser's content type, reads the upload in chunks (hashing as it goes) and refuses anything
outside the allow-list with one specific message. Accepted files that deserve a second look
(a PDF with JavaScript, say) carry ``review_reasons`` for the secretariat.
"""

import hashlib
import os
import re
import struct
import tempfile
import threading
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import IO
from xml.parsers import expat

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

MB = 1024 * 1024
DEFAULT_MAX_UPLOAD_SIZE = 50 * MB
MAX_NAME_LENGTH = 180
OFFICE_MAX_PARTS = 2000
OFFICE_MAX_UNPACKED_SIZE = 250 * MB
OFFICE_MAX_RATIO = 100
# A part this small cannot hurt whatever its compression ratio (real XML often passes 100:1).
OFFICE_RATIO_FLOOR = MB

# PDFium must never be called from two threads at once, not even for different documents.
PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class FileKind:
    """One entry of the allow-list."""

    key: str
    label: str
    content_type: str
    extension: str


_OOXML = "application/vnd.openxmlformats-officedocument."
ALLOWED_KINDS: dict[str, FileKind] = {
    kind.key: kind
    for kind in (
        FileKind("pdf", "PDF", "application/pdf", ".pdf"),
        FileKind("docx", "Word", _OOXML + "wordprocessingml.document", ".docx"),
        FileKind("xlsx", "Excel", _OOXML + "spreadsheetml.sheet", ".xlsx"),
        FileKind("pptx", "PowerPoint", _OOXML + "presentationml.presentation", ".pptx"),
        FileKind("png", gettext_lazy("PNG image"), "image/png", ".png"),
        FileKind("jpeg", gettext_lazy("JPEG image"), "image/jpeg", ".jpg"),
    )
}
_NAME_EXTENSIONS = {kind.key: (kind.extension,) for kind in ALLOWED_KINDS.values()} | {
    "jpeg": (".jpg", ".jpeg")
}
_ALLOWED_EXTENSIONS = {ext for extensions in _NAME_EXTENSIONS.values() for ext in extensions}
# Extensions replaced, rather than kept, when the content turns out to be another allowed kind.
_REPLACED_EXTENSIONS = _ALLOWED_EXTENSIONS | {
    *(".doc", ".xls", ".ppt", ".docm", ".xlsm", ".pptm", ".htm", ".html", ".svg", ".zip")
}
_OFFICE_MAIN_TYPES = {
    _OOXML + "wordprocessingml.document.main+xml": "docx",
    _OOXML + "spreadsheetml.sheet.main+xml": "xlsx",
    _OOXML + "presentationml.presentation.main+xml": "pptx",
}
_OFFICE_VARIANT_TYPES = {
    _OOXML + "wordprocessingml.template.main+xml",
    _OOXML + "spreadsheetml.template.main+xml",
    _OOXML + "presentationml.template.main+xml",
    _OOXML + "presentationml.slideshow.main+xml",
}


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


def inspect_upload(upload: UploadedFile, *, max_size: int) -> Inspection:
    """Recognise, check and hash an upload; raise ValidationError with one message if refused."""
    name = clean_file_name(upload.name or "")
    if upload.size is not None:
        _check_size(upload.size, max_size)
    upload.seek(0)
    head = upload.read(8192)
    if not head:
        raise ValidationError(_("The file is empty."), code="empty")
    key = _sniff(upload, head, name)
    page_count, reasons = None, ()
    if key == "pdf":
        kind = ALLOWED_KINDS["pdf"]
        size, sha256, page_count, reasons = _inspect_pdf(upload, max_size)
    else:
        size, sha256 = _read(upload, max_size)
        if key == "office":
            kind, reasons = _check_office(upload, head, name, size)
        else:
            kind = ALLOWED_KINDS[key]
            _check_image(upload, kind)
    return Inspection(kind, size, sha256, page_count, reasons, _download_name(name, kind))


def clean_file_name(name: str) -> str:
    """The name to show and offer on download; refuses names that could mislead or escape."""
    name = unicodedata.normalize("NFC", name)
    if any(_is_control(char) for char in name):
        raise ValidationError(
            _("The file name contains control or text-direction characters."), code="name_control"
        )
    name = name.strip()
    if not name.strip("."):
        raise ValidationError(_("The file has no name."), code="name_empty")
    if "/" in name or "\\" in name or ".." in name:
        raise ValidationError(
            _("The file name must not contain “/”, “\\” or “..”."), code="name_path"
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("The file name is too long (%(length)s characters; at most %(limit)s)."),
            code="name_too_long",
            params={"length": len(name), "limit": MAX_NAME_LENGTH},
        )
    return name


@contextmanager
def local_path(upload_or_path: str | os.PathLike | File) -> Iterator[str]:
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


def open_image(fp: IO[bytes], kind: FileKind) -> Image.Image:
    """Open a PNG or JPEG with Pillow, its decompression-bomb guard turned into a refusal."""
    formats = ["PNG"] if kind.key == "png" else ["JPEG", "MPO"]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(fp, formats=formats)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("The image is too large to check safely (more than %(limit)s million pixels)."),
            code="image_too_large",
            params={"limit": (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000},
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise _image_damaged(kind) from error


# Size, name and first bytes -------------------------------------------------------------------


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


_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_LINE_BREAKS = frozenset("\u2028\u2029")


def _is_control(char: str) -> bool:
    # Cc is C0, DEL and C1; Cs a lone surrogate.
    category = unicodedata.category(char)
    return category in ("Cc", "Cs") or char in _BIDI_CONTROLS or char in _LINE_BREAKS


def _download_name(name: str, kind: FileKind) -> str:
    """The original name, ending in the extension of what the file really is."""
    stem, dot, suffix = name.rpartition(".")
    extension = f".{suffix.lower()}" if dot else ""
    if extension in _NAME_EXTENSIONS[kind.key]:
        return name
    base = stem if extension in _REPLACED_EXTENSIONS else name
    return base[: MAX_NAME_LENGTH - len(kind.extension)] + kind.extension


_PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SVG = object()


def _sniff(upload: UploadedFile, head: bytes, name: str) -> str:
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
    advice = _("upload a PDF, Word, PowerPoint or Excel document.")
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


# PDF ------------------------------------------------------------------------------------------


def _inspect_pdf(upload: UploadedFile, max_size: int) -> tuple[int, str, int, tuple[str, ...]]:
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


def _check_pdf(path: str, scanner: "_PdfScanner") -> tuple[int, tuple[str, ...]]:
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


# Office ---------------------------------------------------------------------------------------


def _office_damaged() -> ValidationError:
    return ValidationError(
        _("The Office document is damaged and cannot be opened."), code="office_damaged"
    )


def _office_encrypted() -> ValidationError:
    return ValidationError(
        _("The document is protected by a password; remove the password and upload it again."),
        code="office_encrypted",
    )


def _check_office(
    upload: UploadedFile, head: bytes, name: str, size: int
) -> tuple[FileKind, tuple[str, ...]]:
    """Decide Word, Excel or PowerPoint from the zip's directory and [Content_Types].xml alone."""
    entries, directory_size = _zip_directory(upload, size)
    too_many = ValidationError(
        _("The Office file holds more than %(limit)s parts."),
        code="office_too_many_parts",
        params={"limit": f"{OFFICE_MAX_PARTS:,}"},
    )
    if entries > OFFICE_MAX_PARTS:
        raise too_many
    if directory_size > MB:  # 2,000 real entries need a quarter of that
        raise _office_damaged()
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, UnicodeDecodeError) as error:
        raise _office_damaged() from error
    with archive:
        parts = archive.infolist()
        if len(parts) > OFFICE_MAX_PARTS:
            raise too_many
        for part in parts:
            if part.file_size > max(OFFICE_RATIO_FLOOR, OFFICE_MAX_RATIO * part.compress_size):
                raise ValidationError(
                    _(
                        "The Office file has a part that expands more than %(ratio)s times when "
                        "unpacked (a “zip bomb”); it cannot be checked safely."
                    ),
                    code="office_zip_bomb",
                    params={"ratio": OFFICE_MAX_RATIO},
                )
        if sum(part.file_size for part in parts) > OFFICE_MAX_UNPACKED_SIZE:
            raise ValidationError(
                _("The Office file expands to more than %(limit)s when unpacked."),
                code="office_too_large",
                params={"limit": _size(OFFICE_MAX_UNPACKED_SIZE, round_up=False)},
            )
        by_name = {part.filename.lower(): part for part in parts}
        if "[content_types].xml" not in by_name:
            odf = head[30:38] == b"mimetype" and b"application/vnd.oasis.opendocument" in head
            raise _not_allowed(_("an OpenDocument file") if odf else _("a zip archive"), name)
        macros = ValidationError(
            _(
                "This Office file contains macros; save it without them (.docx, .xlsx, .pptx) "
                "or as PDF and upload it again."
            ),
            code="office_macros",
        )
        if any(part_name.endswith("vbaproject.bin") for part_name in by_name):
            raise macros
        overrides, defaults = _content_types(archive, by_name["[content_types].xml"])
    every_type = {content_type.lower() for content_type in [*overrides.values(), *defaults]}
    if any("macroenabled" in t or "vbaproject" in t for t in every_type):
        raise macros
    mains = {
        (part, _OFFICE_MAIN_TYPES[ct.lower()])
        for part, ct in overrides.items()
        if ct.lower() in _OFFICE_MAIN_TYPES
    }
    if not mains:
        if every_type & _OFFICE_VARIANT_TYPES:
            raise ValidationError(
                _(
                    "This Office file is a template or slide show; save it as a document "
                    "(.docx, .xlsx, .pptx) or as PDF and upload it again."
                ),
                code="office_variant",
            )
        raise _not_allowed(None, name)
    if len(mains) > 1 or next(iter(mains))[0].lstrip("/") not in by_name:
        raise _office_damaged()
    kind = ALLOWED_KINDS[next(iter(mains))[1]]
    embedded = any(
        "/activex/" in part_name or ("/embeddings/" in part_name and part_name.endswith(".bin"))
        for part_name in by_name
    )
    reasons = (_("The Office document contains embedded objects or ActiveX controls."),)
    return kind, reasons if embedded else ()


def _zip_directory(upload: UploadedFile, size: int) -> tuple[int, int]:
    """Entry count and central-directory size from the end record, before zipfile reads them."""
    tail_size = min(size, 22 + 0xFFFF)
    upload.seek(size - tail_size)
    tail = upload.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        raise _office_damaged()
    entries, directory_size, directory_offset = struct.unpack_from("<HLL", tail, at + 10)
    if entries == 0xFFFF or 0xFFFFFFFF in (directory_size, directory_offset):
        locator = at - 20
        if locator < 0 or tail[locator : locator + 4] != b"PK\x06\x07":
            raise _office_damaged()
        (end_record,) = struct.unpack_from("<Q", tail, locator + 8)
        upload.seek(end_record)
        record = upload.read(56)
        if len(record) < 56 or not record.startswith(b"PK\x06\x06"):
            raise _office_damaged()
        entries, directory_size = struct.unpack_from("<QQ", record, 32)
    return entries, directory_size


def _content_types(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> tuple[dict, list]:
    """Overrides (part name → content type) and default content types; no DTDs, no entities."""
    if part.file_size > MB:
        raise _office_damaged()
    overrides: dict[str, str] = {}
    defaults: list[str] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if local == "Override":
            overrides[attributes.get("PartName", "").lower()] = attributes.get("ContentType", "")
        elif local == "Default":
            defaults.append(attributes.get("ContentType", ""))

    def refuse(*args: object) -> None:
        raise _office_damaged()

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        with archive.open(part) as member:
            parser.Parse(member.read(MB + 1), True)
    except (expat.ExpatError, zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
        raise _office_damaged() from error
    except (NotImplementedError, RuntimeError, ValueError) as error:  # odd compression, encrypted
        raise _office_damaged() from error
    return overrides, defaults


# Images ---------------------------------------------------------------------------------------


def _image_damaged(kind: FileKind) -> ValidationError:
    return ValidationError(
        _("The %(label)s is damaged and cannot be opened."),
        code="image_damaged",
        params={"label": kind.label},
    )


def _check_image(upload: UploadedFile, kind: FileKind) -> None:
    upload.seek(0)
    with open_image(upload, kind) as image:
        try:
            if kind.key == "png":
                image.verify()  # every chunk's checksum, without decoding the pixels
            else:
                image.draft(None, (1, 1))  # decode every block at 1/8 scale: cheap, yet complete
                image.load()
        except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
            raise _image_damaged(kind) from error
