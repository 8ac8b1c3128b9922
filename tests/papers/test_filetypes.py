import hashlib
import io
import os
import stat
import tempfile
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile, UploadedFile
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory
from tests.papers import samples
from uploads.filetypes import ALLOWED_KINDS, MB, Inspection, clean_file_name, inspect_upload
from uploads.handlers import PaperUploadHandler

LIMIT = 50 * MB
ADVICE = "upload a PDF, Word, PowerPoint or Excel document, or a PNG or JPEG image."
JAVASCRIPT = "The PDF contains JavaScript."
LAUNCH = "The PDF contains a launch action."
AUTOMATIC = "The PDF runs actions automatically when it is opened or viewed."
ATTACHED = "The PDF contains attached files."
UNCHECKED = "Parts of the PDF are encoded in a way that could not be checked."
DAMAGED_OFFICE = "The Office document is damaged and cannot be opened."


def inspect(name: str, data: bytes, *, max_size: int = LIMIT) -> Inspection:
    return inspect_upload(SimpleUploadedFile(name, data), max_size=max_size)


def refusal(name: str, data: bytes, *, max_size: int = LIMIT) -> tuple[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        inspect(name, data, max_size=max_size)
    return caught.value.code, caught.value.messages


@pytest.fixture
def temporary_upload():
    """Uploads as Django stores big ones: in a temporary file, read back in 64 KB chunks."""
    uploads = []

    def make(name: str, data: bytes) -> TemporaryUploadedFile:
        upload = TemporaryUploadedFile(name, "application/octet-stream", len(data), None)
        upload.write(data)
        upload.seek(0)
        uploads.append(upload)
        return upload

    yield make
    for upload in uploads:
        upload.close()


# File names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "cleaned"),
    [
        ("Étude migratoire – 2012.pdf", "Étude migratoire – 2012.pdf"),
        ("E\u0301tude.pdf", "Étude.pdf"),  # decomposed accent, as macOS sends it
        ("  Rapport annuel.docx ", "Rapport annuel.docx"),
        ("移民報告.pptx", "移民報告.pptx"),
        ("a" * 176 + ".pdf", "a" * 176 + ".pdf"),
    ],
)
def test_clean_file_name_keeps_unicode_and_normalizes_to_nfc(given, cleaned):
    assert clean_file_name(given) == cleaned


@pytest.mark.parametrize(
    "name", ["report\x00.pdf", "report\x1b.pdf", "report\x7f.pdf", "report\x85.pdf", "a\nb.pdf"]
)
def test_clean_file_name_refuses_control_characters(name):
    with pytest.raises(ValidationError) as caught:
        clean_file_name(name)
    assert caught.value.messages == ["The file name contains control or text-direction characters."]
    assert caught.value.code == "name_control"


@pytest.mark.parametrize(
    "char",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069", "\u200e", "\u061c"],
)
def test_clean_file_name_refuses_text_direction_characters(char):
    with pytest.raises(ValidationError) as caught:
        clean_file_name(f"invoice{char}fdp.exe")
    assert caught.value.messages == ["The file name contains control or text-direction characters."]


@pytest.mark.parametrize("name", ["../secret.pdf", "a/b.pdf", "..\\boot.ini", "notes..pdf"])
def test_clean_file_name_refuses_paths(name):
    with pytest.raises(ValidationError) as caught:
        clean_file_name(name)
    assert caught.value.messages == ["The file name must not contain “/”, “\\” or “..”."]
    assert caught.value.code == "name_path"


def test_clean_file_name_refuses_300_characters():
    with pytest.raises(ValidationError) as caught:
        clean_file_name("a" * 296 + ".pdf")
    assert caught.value.messages == ["The file name is too long (300 characters; at most 180)."]
    assert caught.value.code == "name_too_long"


@pytest.mark.parametrize("name", ["", "   ", "."])
def test_clean_file_name_refuses_no_name(name):
    with pytest.raises(ValidationError) as caught:
        clean_file_name(name)
    assert caught.value.messages == ["The file has no name."]


def test_inspect_upload_checks_the_name_first():
    assert refusal("paper\u202etxt.pdf", samples.pdf()) == (
        "name_control",
        ["The file name contains control or text-direction characters."],
    )


# Size -----------------------------------------------------------------------------------------


def test_empty_file_is_refused():
    assert refusal("paper.pdf", b"") == ("empty", ["The file is empty."])


@pytest.mark.parametrize(
    ("size", "limit", "message"),
    [
        (int(61.2 * MB), 50 * MB, "The file is 61.2\xa0MB; the limit is 50\xa0MB."),
        (50 * MB + 1, 50 * MB, "The file is 50.1\xa0MB; the limit is 50\xa0MB."),
        (1536, 1000, "The file is 1.5\xa0KB; the limit is 1,000\xa0bytes."),
        (3 * 1024 * MB, 50 * MB, "The file is 3\xa0GB; the limit is 50\xa0MB."),
    ],
)
def test_too_large_file_is_refused_by_its_size_before_reading(size, limit, message):
    upload = SimpleUploadedFile("paper.pdf", samples.pdf())
    upload.size = size  # the content is small: only the declared size is looked at
    with pytest.raises(ValidationError) as caught:
        inspect_upload(upload, max_size=limit)
    assert caught.value.messages == [message]
    assert caught.value.code == "too_large"


def test_too_large_file_is_refused_with_a_small_limit():
    data = b"%PDF-1.7\n" + bytes(1527)
    assert refusal("paper.pdf", data, max_size=1000) == (
        "too_large",
        ["The file is 1.5\xa0KB; the limit is 1,000\xa0bytes."],
    )


def test_file_longer_than_its_declared_size_is_refused_while_reading():
    upload = SimpleUploadedFile("paper.pdf", samples.pdf(pages=3))
    upload.size = 100
    with pytest.raises(ValidationError) as caught:
        inspect_upload(upload, max_size=500)
    assert caught.value.code == "too_large"


def test_file_shorter_than_its_declared_size_is_refused():
    data = samples.pdf()
    upload = SimpleUploadedFile("paper.pdf", data)
    upload.size = len(data) + 1
    with pytest.raises(ValidationError) as caught:
        inspect_upload(upload, max_size=LIMIT)
    assert caught.value.messages == ["The upload is incomplete; please try again."]


# PDF ------------------------------------------------------------------------------------------


def test_pdf_is_accepted_with_every_field():
    data = samples.pdf()
    assert inspect("Étude migratoire – 2012.pdf", data) == Inspection(
        kind=ALLOWED_KINDS["pdf"],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=1,
        review_reasons=(),
        original_name="Étude migratoire – 2012.pdf",
    )
    assert ALLOWED_KINDS["pdf"].content_type == "application/pdf"


def test_pdf_pages_are_counted():
    assert inspect("paper.pdf", samples.pdf(pages=7)).page_count == 7


def test_pdf_is_recognised_whatever_its_name_and_gets_its_extension():
    inspection = inspect("Programme.docx", samples.pdf())
    assert inspection.kind == ALLOWED_KINDS["pdf"]
    assert inspection.original_name == "Programme.pdf"
    assert inspect("notes.txt", samples.pdf()).original_name == "notes.txt.pdf"
    assert inspect("SCAN.PDF", samples.pdf()).original_name == "SCAN.PDF"


def test_big_pdf_is_read_from_its_temporary_file(temporary_upload):
    data = samples.pdf(pages=40)
    inspection = inspect_upload(temporary_upload("paper.pdf", data), max_size=LIMIT)
    assert (inspection.page_count, inspection.size) == (40, len(data))
    assert inspection.sha256 == hashlib.sha256(data).hexdigest()


def test_small_pdf_is_copied_to_a_temporary_file_that_is_deleted(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert inspect("paper.pdf", samples.pdf(pages=2)).page_count == 2
    assert list(tmp_path.iterdir()) == []


def test_pdf_with_javascript_open_action_goes_to_review():
    data = samples.handwritten_pdf(b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")
    inspection = inspect("paper.pdf", data)
    assert (inspection.page_count, inspection.review_reasons) == (1, (JAVASCRIPT,))


def test_pdf_with_escaped_javascript_name_goes_to_review():
    data = samples.handwritten_pdf(b"/OpenAction << /S /J#61va#53cript /J#53 (app.alert\\(1\\)) >>")
    assert inspect("paper.pdf", data).review_reasons == (JAVASCRIPT,)


def test_pdf_with_launch_action_goes_to_review():
    data = samples.handwritten_pdf(b"/OpenAction << /S /Launch /F (calc.exe) >>")
    assert inspect("paper.pdf", data).review_reasons == (LAUNCH,)


def test_pdf_with_automatic_actions_goes_to_review():
    data = samples.handwritten_pdf(b"/AA << /WC << /S /URI /URI (https://example.org/) >> >>")
    assert inspect("paper.pdf", data).review_reasons == (AUTOMATIC,)


def test_pdf_names_split_between_chunks_are_found(temporary_upload):
    action = b"/OpenAction << /S /Launch /F (calc.exe) >>"
    unpadded = samples.handwritten_pdf(b"/Pad () " + action)
    padding = UploadedFile.DEFAULT_CHUNK_SIZE - 3 - unpadded.index(b"/Launch")
    data = samples.handwritten_pdf(b"/Pad (" + b"x" * padding + b") " + action)
    assert data.index(b"/Launch") == UploadedFile.DEFAULT_CHUNK_SIZE - 3
    inspection = inspect_upload(temporary_upload("paper.pdf", data), max_size=LIMIT)
    assert inspection.review_reasons == (LAUNCH,)


def test_pdf_names_that_only_look_alike_are_not_flagged():
    data = samples.handwritten_pdf(
        b"/Extra [/JSON /JS /AAB /Launcher /JavaScripts (JS) /AA /JS1 0 R /AA2 0 R]"
    )
    assert inspect("paper.pdf", data).review_reasons == ()


def test_pdf_with_javascript_in_a_compressed_object_stream_goes_to_review():
    data = samples.pdf_with_object_stream(
        b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"
    )
    assert b"JavaScript" not in data
    assert inspect("paper.pdf", data).review_reasons == (JAVASCRIPT,)


def test_pdf_javascript_in_an_object_stream_of_any_filter_is_found():
    """pikepdf (qpdf) decodes every filter: a hex-encoded object stream hides nothing."""
    names = (
        b"/Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (app.alert\\(1\\)) >>] >> >>"
    )
    data = samples.pdf_with_object_stream(names, hex_encoded=True)
    assert b"JavaScript" not in data
    assert inspect("paper.pdf", data).review_reasons == (JAVASCRIPT,)


FORM_DATA = "The PDF sends or imports form data."
OTHER_FILES = "The PDF opens other files or documents embedded in it."
RICH_MEDIA = "The PDF contains rich media (Flash, video or 3D)."
XFA = "The PDF contains an XFA form."


@pytest.mark.parametrize(
    ("catalog", "reasons"),
    [
        (b"/AcroForm << /Fields [] /XFA (<xdp/>) >>", (XFA,)),
        (b"/OpenAction << /S /SubmitForm /F (https://example.org/) >>", (FORM_DATA,)),
        (b"/OpenAction << /S /ImportData /F (data.fdf) >>", (FORM_DATA,)),
        (b"/OpenAction << /S /GoToR /F (other.pdf) /D [0 /Fit] >>", (OTHER_FILES,)),
        (b"/OpenAction << /S /GoToE /T << /R /C /N (a) >> /D [0 /Fit] >>", (OTHER_FILES,)),
        (b"/OpenAction << /S /RichMediaExecute /TA 3 0 R >>", (RICH_MEDIA,)),
        (b"/OpenAction << /S /Named /N /Print >>", (AUTOMATIC,)),
        (b"/OpenAction << /S /URI /URI (https://example.org/) >>", (AUTOMATIC,)),
        (
            b"/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /Launch /F (x.exe) >> >>",
            (LAUNCH,),
        ),
        (b"/OpenAction [3 0 R /Fit]", ()),
        (b"/OpenAction << /S /GoTo /D [3 0 R /Fit] >>", ()),
    ],
    ids=[
        "xfa",
        "submit-form",
        "import-data",
        "goto-remote",
        "goto-embedded",
        "rich-media",
        "named-action-on-open",
        "link-on-open",
        "launch-chained-after-a-goto",
        "destination",
        "plain-goto",
    ],
)
def test_pdf_actions_are_read_from_its_objects(catalog, reasons):
    assert inspect("paper.pdf", samples.handwritten_pdf(catalog)).review_reasons == reasons


def test_pdf_rich_media_annotation_goes_to_review():
    data = samples.handwritten_pdf(
        extra_objects=(b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>",)
    )
    assert inspect("paper.pdf", data).review_reasons == (RICH_MEDIA,)


def test_a_page_action_in_a_nested_dictionary_is_found():
    data = samples.handwritten_pdf(
        extra_objects=(b"<< /Kids [<< /AA << /O << /S /JavaScript /JS (x) >> >> >>] >>",)
    )
    assert inspect("paper.pdf", data).review_reasons == (JAVASCRIPT,)


def test_pdf_with_attached_file_goes_to_review():
    assert inspect("paper.pdf", samples.pdf_with_attachment()).review_reasons == (ATTACHED,)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + b"garbage " * 200,
        b"%PDF-",
        samples.pdf(pages=2)[:300],
        samples.handwritten_pdf().replace(b"/Kids [3 0 R] /Count 1", b"/Kids [] /Count 0"),
    ],
    ids=["garbage", "header-only", "truncated", "no-pages"],
)
def test_damaged_pdf_is_refused(data):
    assert refusal("paper.pdf", data) == (
        "pdf_damaged",
        ["The PDF is damaged and cannot be opened."],
    )


def test_password_protected_pdf_is_refused():
    assert refusal("paper.pdf", samples.encrypted_pdf()) == (
        "pdf_encrypted",
        ["The PDF is protected by a password; remove the password and upload it again."],
    )


# Office ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "label", "content_type"),
    [
        ("docx", "Word", samples.OOXML + "wordprocessingml.document"),
        ("xlsx", "Excel", samples.OOXML + "spreadsheetml.sheet"),
        ("pptx", "PowerPoint", samples.OOXML + "presentationml.presentation"),
    ],
)
def test_office_documents_are_told_apart_by_their_main_part(key, label, content_type):
    data = samples.office(key)
    assert inspect(f"Paper.{key}", data) == Inspection(
        kind=ALLOWED_KINDS[key],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=None,
        review_reasons=(),
        original_name=f"Paper.{key}",
    )
    assert (ALLOWED_KINDS[key].label, ALLOWED_KINDS[key].content_type) == (label, content_type)
    assert ALLOWED_KINDS[key].extension == f".{key}"


def test_office_document_is_recognised_whatever_its_name():
    inspection = inspect("slides.pdf", samples.office("pptx"))
    assert (inspection.kind.key, inspection.original_name) == ("pptx", "slides.pptx")


def test_office_document_with_zip64_end_records_is_accepted():
    assert inspect("paper.docx", samples.office("docx", zip64_end=True)).kind.key == "docx"


def test_zip_bomb_is_refused():
    assert refusal("paper.docx", samples.zip_bomb()) == (
        "office_zip_bomb",
        [
            "The Office file has a part that expands more than 100 times when unpacked "
            "(a “zip bomb”); it cannot be checked safely."
        ],
    )


def test_office_document_expanding_past_250_mb_is_refused():
    data = samples.office("docx", **{"word/media/a.bin": b"a", "word/media/b.bin": b"b"})
    data = samples.with_declared_size(
        data, "word/media/a.bin", file_size=200 * MB, compress_size=3 * MB
    )
    data = samples.with_declared_size(data, "word/media/b.bin", file_size=60 * MB, compress_size=MB)
    assert refusal("paper.docx", data) == (
        "office_too_large",
        ["The Office file expands to more than 250\xa0MB when unpacked."],
    )


@pytest.mark.parametrize("zip64_end", [False, True])
def test_office_document_with_3000_parts_is_refused(zip64_end):
    members = {**samples.office_members("docx"), **{f"word/p{i}.xml": b"" for i in range(3000)}}
    data = samples.zip_bytes(members, zip64_end=zip64_end)
    assert refusal("paper.docx", data) == (
        "office_too_many_parts",
        ["The Office file holds more than 2,000 parts."],
    )


def test_office_document_with_2000_parts_is_accepted():
    members = {**samples.office_members("docx"), **{f"word/p{i}.xml": b"" for i in range(1997)}}
    assert inspect("paper.docx", samples.zip_bytes(members)).kind.key == "docx"


MACROS = (
    "This Office file contains macros; save it without them (.docx, .xlsx, .pptx) or as PDF "
    "and upload it again."
)


def test_macro_enabled_docm_is_refused():
    assert refusal("paper.docm", samples.docm()) == ("office_macros", [MACROS])


@pytest.mark.parametrize("key", ["docx", "xlsx", "pptx"])
def test_macro_enabled_content_type_is_refused(key):
    data = samples.zip_bytes(samples.office_members(key, macro=True))
    assert refusal(f"paper.{key}", data) == ("office_macros", [MACROS])


def test_vba_project_under_an_ordinary_content_type_is_refused():
    data = samples.office("xlsx", **{"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"})
    assert refusal("paper.xlsx", data) == ("office_macros", [MACROS])


def test_embedded_objects_go_to_review():
    data = samples.office("docx", **{"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"})
    assert inspect("paper.docx", data).review_reasons == (
        "The Office document contains embedded objects or ActiveX controls.",
    )
    chart = samples.office("pptx", **{"ppt/embeddings/Microsoft_Excel_Worksheet.xlsx": b"PK"})
    assert inspect("slides.pptx", chart).review_reasons == ()


def test_office_template_is_refused():
    part = "word/document.xml"
    members = samples.office_members("docx")
    members["[Content_Types].xml"] = samples.content_types(
        (part, samples.OOXML + "wordprocessingml.template.main+xml")
    )
    assert refusal("paper.docx", samples.zip_bytes(members)) == (
        "office_variant",
        [
            "This Office file is a template or slide show; save it as a document "
            "(.docx, .xlsx, .pptx) or as PDF and upload it again."
        ],
    )


def test_package_of_another_kind_is_refused():
    members = {
        "[Content_Types].xml": samples.content_types(
            ("Documents/1/FixedDocument.fdoc", "application/vnd.ms-package.xps-fixeddocument+xml")
        ),
        "Documents/1/FixedDocument.fdoc": b"<FixedDocument/>",
    }
    assert refusal("paper.docx", samples.zip_bytes(members)) == (
        "type_not_allowed",
        [f"The type of this file is not recognised; {ADVICE}"],
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("paper.docx", f"This file is a zip archive renamed to .docx; {ADVICE}"),
        ("papers.zip", f"This file is a zip archive; {ADVICE}"),
    ],
)
def test_plain_zip_is_refused(name, message):
    data = samples.zip_bytes({"paper.pdf": samples.pdf()})
    assert refusal(name, data) == ("type_not_allowed", [message])


def test_opendocument_is_refused():
    assert refusal("paper.odt", samples.opendocument()) == (
        "type_not_allowed",
        [f"This file is an OpenDocument file; {ADVICE}"],
    )


@pytest.mark.parametrize(
    "data",
    [
        samples.office("docx")[:-30],
        samples.office("docx").replace(b"PK\x05\x06", b"PK\x05\x07"),
        samples.zip_bytes(
            {k: v for k, v in samples.office_members("docx").items() if k != "word/document.xml"}
        ),
        samples.zip_bytes(
            {
                **samples.office_members("docx"),
                "[Content_Types].xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><Types>&a;</Types>',
            }
        ),
        samples.zip_bytes({**samples.office_members("docx"), "[Content_Types].xml": b"<Types"}),
    ],
    ids=["truncated", "no-end-record", "main-part-missing", "entities", "bad-xml"],
)
def test_damaged_office_document_is_refused(data):
    assert refusal("paper.docx", data) == ("office_damaged", [DAMAGED_OFFICE])


def test_old_binary_office_formats_are_refused():
    assert refusal("minutes.doc", samples.ole2()) == (
        "legacy_office",
        [
            "This file is in the old Word, Excel or PowerPoint format (.doc, .xls, .ppt), which "
            "cannot be checked safely; save it as PDF or in the current format (.docx, .xlsx, "
            ".pptx) and upload it again."
        ],
    )


def test_password_protected_office_document_is_refused(temporary_upload):
    # Word and Excel wrap an encrypted document in the old container format.
    upload = temporary_upload("budget.xlsx", samples.ole2(encrypted_package=True))
    with pytest.raises(ValidationError) as caught:
        inspect_upload(upload, max_size=LIMIT)
    assert caught.value.messages == [
        "The document is protected by a password; remove the password and upload it again."
    ]


# Images ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "key", "name", "label", "content_type"),
    [
        ("PNG", "png", "photo.png", "PNG image", "image/png"),
        ("JPEG", "jpeg", "photo.jpeg", "JPEG image", "image/jpeg"),
    ],
)
def test_images_are_accepted(fmt, key, name, label, content_type):
    data = samples.image(fmt)
    assert inspect(name, data) == Inspection(
        kind=ALLOWED_KINDS[key],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=None,
        review_reasons=(),
        original_name=name,
    )
    assert (ALLOWED_KINDS[key].label, ALLOWED_KINDS[key].content_type) == (label, content_type)


def test_png_named_jpg_gets_the_png_extension():
    assert inspect("photo.jpg", samples.image("PNG")).original_name == "photo.png"


@pytest.mark.parametrize(
    "data",
    [samples.png_claiming(100_000, 100_000), samples.png_claiming(10_000, 10_000)],
    ids=["over-twice-the-limit", "over-the-limit"],
)
def test_decompression_bomb_is_refused(data):
    assert refusal("photo.png", data) == (
        "image_too_large",
        ["The image is too large to check safely (more than 50 million pixels)."],
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", samples.image("PNG")[:60], "The PNG image is damaged and cannot be opened."),
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n" + bytes(40),
            "The PNG image is damaged and cannot be opened.",
        ),
        (
            "photo.jpg",
            samples.image("JPEG")[:300],
            "The JPEG image is damaged and cannot be opened.",
        ),
    ],
)
def test_damaged_image_is_refused(name, data, message):
    assert refusal(name, data) == ("image_damaged", [message])


# Everything else ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("paper.pdf", samples.HTML, f"This file is an HTML page renamed to .pdf; {ADVICE}"),
        ("paper.html", samples.HTML, f"This file is an HTML page; {ADVICE}"),
        (
            "paper.docx",
            b"\xef\xbb\xbf  <p>Hi</p><script>x()</script>",
            f"This file is an HTML page renamed to .docx; {ADVICE}",
        ),
        ("logo.png", samples.SVG, f"This file is an SVG image, which can carry scripts; {ADVICE}"),
        ("paper.pdf", samples.WINDOWS_PROGRAM, f"This file is a program renamed to .pdf; {ADVICE}"),
        ("setup.exe", samples.WINDOWS_PROGRAM, f"This file is a program; {ADVICE}"),
        ("paper.pdf", samples.ELF_PROGRAM, f"This file is a program renamed to .pdf; {ADVICE}"),
        ("photo.jpg", b"GIF89a" + bytes(20), f"This file is a GIF image renamed to .jpg; {ADVICE}"),
        (
            "photo.png",
            b"RIFF\0\0\0\0WEBPVP8 ",
            f"This file is a WebP image renamed to .png; {ADVICE}",
        ),
        ("IMG_1.heic", b"\0\0\0\x18ftypheic\0\0\0\0", f"This file is a HEIC image; {ADVICE}"),
        ("paper.rtf", b"{\\rtf1\\ansi Hi}", f"This file is an RTF document; {ADVICE}"),
        ("paper.pdf", b"Just some notes.\n", f"The type of this file is not recognised; {ADVICE}"),
    ],
)
def test_other_files_are_refused_saying_what_they_look_like(name, data, message):
    assert refusal(name, data) == ("type_not_allowed", [message])


# Upload handler -------------------------------------------------------------------------------


def post_file(data: bytes):
    """The file as a focal point's submit page receives it."""
    url = reverse("papers:submit", kwargs={"slug": "a-meeting"})
    request = RequestFactory().post(url, {"file": SimpleUploadedFile("paper.pdf", data)})
    request.user = UserFactory.build()
    request.upload_handlers = [PaperUploadHandler(request)]
    return request.FILES["file"]


def test_upload_handler_stores_a_file_within_the_limit(settings):
    settings.PAPERS_MAX_UPLOAD_SIZE = 10_000
    data = samples.pdf()
    upload = post_file(data)
    try:
        assert upload.size == len(data)
        with open(upload.temporary_file_path(), "rb") as stored:
            assert stored.read() == data
        assert inspect_upload(upload, max_size=10_000).page_count == 1
    finally:
        upload.close()


def test_upload_handler_stops_storing_past_the_limit(settings):
    settings.PAPERS_MAX_UPLOAD_SIZE = 1000
    upload = post_file(b"%PDF-" + bytes(5 * 1024))
    try:
        assert upload.size == 5 * 1024 + 5
        assert os.path.getsize(upload.temporary_file_path()) == 0
        with pytest.raises(ValidationError) as caught:
            inspect_upload(upload, max_size=1000)
        assert caught.value.messages == ["The file is 5.1\xa0KB; the limit is 1,000\xa0bytes."]
    finally:
        upload.close()


def test_upload_handler_defaults_to_50_mb(settings):
    del settings.PAPERS_MAX_UPLOAD_SIZE
    assert PaperUploadHandler().max_size == 50 * 1024 * 1024


def test_zip_samples_are_real_zips():
    # Guards the samples above: a broken builder would make every refusal test pass vacuously.
    for key in ("docx", "xlsx", "pptx"):
        with zipfile.ZipFile(io.BytesIO(samples.office(key))) as archive:
            assert archive.testzip() is None


def office_with_part(info: zipfile.ZipInfo) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in samples.office_members("docx").items():
            archive.writestr(name, data)
        archive.writestr(info, b"payload")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name", ["../../etc/cron.d/evil", "/etc/passwd", "word\\..\\..\\evil.xml", "C:/evil.xml"]
)
def test_office_part_with_an_unsafe_name_is_refused(name):
    code, messages = refusal("paper.docx", office_with_part(zipfile.ZipInfo(name)))
    assert code == "office_unsafe_part"
    assert messages[0].startswith("The Office file has a part with an unsafe name or a link")


def test_office_part_that_is_a_symlink_is_refused():
    link = zipfile.ZipInfo("word/media/image1.png")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert refusal("paper.docx", office_with_part(link))[0] == "office_unsafe_part"
