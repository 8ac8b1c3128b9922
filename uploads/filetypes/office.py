"""Word, Excel and PowerPoint (OOXML): told apart and checked from the zip's directory alone.

Nothing is unpacked but [Content_Types].xml (at most 1 MB of it): the whole archive's
expansion is bounded by the sizes its directory declares, each part's ratio and their sum.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from uploads.filetypes.kinds import _OOXML, ALLOWED_KINDS, FileKind
from uploads.filetypes.reading import MB, size_display
from uploads.filetypes.sniffing import _not_allowed

OFFICE_MAX_PARTS = 2000
OFFICE_MAX_UNPACKED_SIZE = 250 * MB
OFFICE_MAX_RATIO = 100
# A part this small cannot hurt whatever its compression ratio (real XML often passes 100:1).
OFFICE_RATIO_FLOOR = MB

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


def _office_damaged() -> ValidationError:
    return ValidationError(
        _("The Office document is damaged and cannot be opened."), code="office_damaged"
    )


def _check_office(
    upload: UploadedFile[bytes], head: bytes, name: str, size: int
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
            _check_part_name(part)
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
                params={"limit": size_display(OFFICE_MAX_UNPACKED_SIZE, rounding="down")},
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


def _check_part_name(part: zipfile.ZipInfo) -> None:
    """Refuse a part that would land outside the folder it is unpacked in, or that is a link.

    An Office program never writes such parts; unpacking tools that trust them write anywhere.
    """
    name = part.orig_filename
    segments = name.replace("\\", "/").split("/")
    escapes = (
        name.startswith(("/", "\\"))
        or "\\" in name
        or (len(name) > 1 and name[1] == ":")
        or ".." in segments
        or "\0" in name
    )
    is_link = part.create_system == 3 and (part.external_attr >> 16) & 0o170000 == 0o120000
    if escapes or is_link:
        raise ValidationError(
            _(
                "The Office file has a part with an unsafe name or a link (“%(name)s”); save it "
                "again from Word, Excel or PowerPoint, or as PDF, and upload it again."
            ),
            code="office_unsafe_part",
            params={"name": name[:80]},
        )


def _zip_directory(upload: UploadedFile[bytes], size: int) -> tuple[int, int]:
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


def _content_types(
    archive: zipfile.ZipFile, part: zipfile.ZipInfo
) -> tuple[dict[str, str], list[str]]:
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
