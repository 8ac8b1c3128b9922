"""Sample uploads built in memory at test time, so no binary file lives in the repository."""

import functools
import io
import struct
import zipfile
import zlib
from unittest import mock

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

OOXML = "application/vnd.openxmlformats-officedocument."
MAIN_PARTS = {
    "docx": ("word/document.xml", OOXML + "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", OOXML + "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", OOXML + "presentationml.presentation.main+xml"),
}
MACRO_MAIN_TYPES = {
    "docx": "application/vnd.ms-word.document.macroEnabled.main+xml",
    "xlsx": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "pptx": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
}
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Target="%s" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
MB = 1024 * 1024


# PDF -----------------------------------------------------------------------------------------


def pdf(*, pages: int = 1, size: tuple[float, float] = (595, 842), mark: bool = False) -> bytes:
    """A real PDF written by pdfium; ``mark`` paints the top-left quarter of page 1 black."""
    document = pdfium.PdfDocument.new()
    try:
        for _ in range(pages):
            page = document.new_page(*size)
            if mark and len(document) == 1:
                width, height = size
                rect = pdfium_c.FPDFPageObj_CreateNewRect(0, height / 2, width / 2, height / 2)
                pdfium_c.FPDFPageObj_SetFillColor(rect, 0, 0, 0, 255)
                pdfium_c.FPDFPath_SetDrawMode(rect, pdfium_c.FPDF_FILLMODE_ALTERNATE, False)
                pdfium_c.FPDFPage_InsertObject(page.raw, rect)
                pdfium_c.FPDFPage_GenerateContent(page.raw)
            page.close()
        buffer = io.BytesIO()
        document.save(buffer)
    finally:
        document.close()
    return buffer.getvalue()


def pdf_with_attachment() -> bytes:
    document = pdfium.PdfDocument.new()
    try:
        document.new_page(200, 200).close()
        attachment = document.new_attachment("data.txt")
        attachment.set_data(b"figures")
        buffer = io.BytesIO()
        document.save(buffer)
    finally:
        document.close()
    return buffer.getvalue()


def handwritten_pdf(
    catalog_extra: bytes = b"", *, extra_objects: tuple[bytes, ...] = (), trailer_extra: bytes = b""
) -> bytes:
    """A one-page PDF written by hand, with a correct cross-reference table.

    Objects 1-3 are the catalog, page tree and page; ``extra_objects`` are numbered from 4.
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer_extra,
        xref,
    )
    return bytes(out)


def encrypted_pdf() -> bytes:
    """A PDF encrypted with a user password (not the empty one), so it cannot be opened."""
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"ab" * 32, b"cd" * 32)
    file_id = b"<0123456789abcdef0123456789abcdef>"
    return handwritten_pdf(
        extra_objects=(encrypt,), trailer_extra=b"/Encrypt 4 0 R /ID [%s %s]" % (file_id, file_id)
    )


def pdf_with_object_stream(catalog_extra: bytes, *, hex_encoded: bool = False) -> bytes:
    """A PDF 1.5 whose catalog, page tree and page sit in a compressed object stream.

    ``hex_encoded`` stores the object stream with ASCIIHexDecode instead of FlateDecode.
    """
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    header, data, position = b"", b"", 0
    for number, body in enumerate(bodies, start=1):
        header += b"%d %d " % (number, position)
        data += body + b"\n"
        position += len(body) + 1
    content = header + data
    if hex_encoded:
        encoded, filter_name = content.hex().encode() + b">", b"/ASCIIHexDecode"
    else:
        encoded, filter_name = zlib.compress(content), b"/FlateDecode"
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    object_stream = len(out)
    out += b"4 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter %s /Length %d >>\nstream\n" % (
        len(header),
        filter_name,
        len(encoded),
    )
    out += encoded + b"\nendstream\nendobj\n"
    xref = len(out)
    rows = [(0, 0, 65535), (2, 4, 0), (2, 4, 1), (2, 4, 2), (1, object_stream, 0), (1, xref, 0)]
    table = b"".join(struct.pack(">BIH", *row) for row in rows)
    out += b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(
        table
    )
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# Office ---------------------------------------------------------------------------------------


def content_types(*overrides: tuple[str, str], defaults: tuple[tuple[str, str], ...] = ()) -> bytes:
    ns = "http://schemas.openxmlformats.org/package/2006/content-types"
    lines = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{ns}">']
    lines.append(
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    )
    lines.append('<Default Extension="xml" ContentType="application/xml"/>')
    lines += [f'<Default Extension="{ext}" ContentType="{ct}"/>' for ext, ct in defaults]
    lines += [f'<Override PartName="/{part}" ContentType="{ct}"/>' for part, ct in overrides]
    lines.append("</Types>")
    return "".join(lines).encode()


def zip_bytes(members: dict[str, bytes], *, zip64_end: bool = False) -> bytes:
    buffer = io.BytesIO()
    # zipfile writes the Zip64 end records only past 65,535 entries; a lower limit forces them.
    limit = 0 if zip64_end else zipfile.ZIP_FILECOUNT_LIMIT
    with (
        mock.patch.object(zipfile, "ZIP_FILECOUNT_LIMIT", limit),
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def office_members(key: str, *, macro: bool = False) -> dict[str, bytes]:
    part, main_type = MAIN_PARTS[key]
    if macro:
        main_type = MACRO_MAIN_TYPES[key]
    return {
        "[Content_Types].xml": content_types((part, main_type)),
        "_rels/.rels": RELS % part.encode(),
        part: b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><root/>',
    }


def office(key: str, *, zip64_end: bool = False, **extra: bytes) -> bytes:
    """A minimal Word (docx), Excel (xlsx) or PowerPoint (pptx) package."""
    return zip_bytes({**office_members(key), **extra}, zip64_end=zip64_end)


def docm() -> bytes:
    members = office_members("docx", macro=True)
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return zip_bytes(members)


def opendocument() -> bytes:
    """An OpenDocument text (.odt): a zip that starts with its uncompressed "mimetype" member."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@functools.cache
def zip_bomb() -> bytes:
    """A docx with one part of 300 MB of zeros, deflated to about 1.4 MB, written in 1 MB pieces."""
    buffer = io.BytesIO()
    zeros = bytes(MB)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in office_members("docx").items():
            archive.writestr(name, data)
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(zeros)
    return buffer.getvalue()


def with_declared_size(data: bytes, name: str, *, file_size: int, compress_size: int) -> bytes:
    """Rewrite one central-directory entry so that it claims other sizes than it holds."""
    encoded = name.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == encoded:
            patched = bytearray(data)
            struct.pack_into("<LL", patched, at + 20, compress_size, file_size)
            return bytes(patched)
        at = data.find(b"PK\x01\x02", at + 46)
    raise KeyError(name)


def ole2(*, encrypted_package: bool = False) -> bytes:
    """The start of a Compound File (.doc, .xls, .ppt); a password-protected docx is one too."""
    directory = "EncryptedPackage".encode("utf-16-le") if encrypted_package else b""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1016) + directory + bytes(2048)


# Images ---------------------------------------------------------------------------------------


def image(fmt: str, size: tuple[int, int] = (40, 30), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    picture = Image.new(mode, size, "white")
    picture.paste("black", (0, 0, size[0] // 2, size[1] // 2))
    picture.save(buffer, fmt)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims the given dimensions, followed by one empty data chunk."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        checksum = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


# Other things people upload ------------------------------------------------------------------

HTML = b"<!DOCTYPE html>\n<html><head><title>Paper</title></head><body>Hi</body></html>\n"
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>\n"
)
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(56) + b"This program cannot be run in DOS"
ELF_PROGRAM = b"\x7fELF\x02\x01\x01\x00" + bytes(56)
