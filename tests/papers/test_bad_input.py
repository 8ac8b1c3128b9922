"""Everything a form may be sent that it must refuse, each with its message and nothing stored.

Nothing stored means: no row, no file under MEDIA_ROOT, and no file left in the upload
directory (FILE_UPLOAD_TEMP_DIR).
"""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from papers.models import Document, DocumentStatus, DocumentVersion
from tests.factories import VersionFactory
from tests.papers import samples
from tests.papers.forms import submission_data

pytestmark = pytest.mark.django_db

ADVICE = "upload a PDF, Word, PowerPoint or Excel document, or a PNG or JPEG image."
KB = 1024


@pytest.fixture
def url(meeting) -> str:
    return reverse("papers:submit", kwargs={"slug": meeting.slug})


def assert_nothing_stored(settings, upload_dir: Path) -> None:
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()] == []
    assert list(upload_dir.iterdir()) == []


def assert_file_refused(response, message: str) -> None:
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]
    # crispy-bootstrap5 puts the message right under the file input.
    content = response.content.decode()
    field = content.index('id="id_file"')
    error = content.index('id="error_1_id_file"')
    assert 0 < error - field < 400


def padded_pdf(size: int) -> bytes:
    """A real PDF followed by a comment, exactly `size` bytes long."""
    data = samples.pdf() + b"\n%"
    return data + b"x" * (size - len(data))


def many_parts(count: int) -> bytes:
    return samples.office("docx", **{f"word/part{n}.xml": b"<p/>" for n in range(count)})


BAD_FILES = [
    pytest.param(
        "paper.pdf",
        samples.WINDOWS_PROGRAM,
        f"This file is a program renamed to .pdf; {ADVICE}",
        id="executable-renamed-pdf",
    ),
    pytest.param(
        "paper.pdf",
        samples.ELF_PROGRAM,
        f"This file is a program renamed to .pdf; {ADVICE}",
        id="linux-program-renamed-pdf",
    ),
    pytest.param(
        "paper.pdf",
        samples.HTML,
        f"This file is an HTML page renamed to .pdf; {ADVICE}",
        id="html-renamed-pdf",
    ),
    pytest.param(
        "chart.svg",
        samples.SVG,
        f"This file is an SVG image, which can carry scripts; {ADVICE}",
        id="svg",
    ),
    pytest.param("paper.pdf", b"", "The file is empty.", id="empty"),
    pytest.param(
        "paper.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog" + bytes(100),
        "The PDF is damaged and cannot be opened.",
        id="corrupt-pdf",
    ),
    pytest.param(
        "paper.docx",
        samples.zip_bomb(),
        "The Office file has a part that expands more than 100 times when unpacked "
        "(a “zip bomb”); it cannot be checked safely.",
        id="office-zip-bomb",
    ),
    pytest.param(
        "paper.docx",
        many_parts(2001),
        "The Office file holds more than 2,000 parts.",
        id="office-thousands-of-parts",
    ),
    pytest.param(
        "paper.docm",
        samples.docm(),
        "This Office file contains macros; save it without them (.docx, .xlsx, .pptx) or as "
        "PDF and upload it again.",
        id="office-macros",
    ),
    pytest.param(
        "paper.doc",
        samples.ole2(),
        "This file is in the old Word, Excel or PowerPoint format (.doc, .xls, .ppt), which "
        "cannot be checked safely; save it as PDF or in the current format (.docx, .xlsx, "
        ".pptx) and upload it again.",
        id="legacy-office",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES)
def test_bad_file_is_refused_next_to_the_field_and_nothing_is_stored(
    client, url, focal_point, settings, upload_dir, name, data, message
):
    client.force_login(focal_point)

    response = client.post(url, submission_data(file=SimpleUploadedFile(name, data)))

    assert_file_refused(response, message)
    assert_nothing_stored(settings, upload_dir)


def test_file_over_the_limit_is_refused_and_not_kept(
    client, url, focal_point, settings, upload_dir
):
    settings.PAPERS_MAX_UPLOAD_SIZE = 10 * KB
    client.force_login(focal_point)

    response = client.post(
        url, submission_data(file=SimpleUploadedFile("paper.pdf", padded_pdf(20 * KB)))
    )

    assert_file_refused(response, "The file is 20\xa0KB; the limit is 10\xa0KB.")
    assert_nothing_stored(settings, upload_dir)


def test_file_at_the_limit_is_accepted(client, url, focal_point, settings):
    settings.PAPERS_MAX_UPLOAD_SIZE = 10 * KB
    client.force_login(focal_point)

    client.post(url, submission_data(file=SimpleUploadedFile("paper.pdf", padded_pdf(10 * KB))))

    assert Document.objects.get().versions.get().size == 10 * KB


def test_missing_file_is_required(client, url, focal_point, settings, upload_dir):
    client.force_login(focal_point)

    response = client.post(url, submission_data())

    assert response.context["form"].errors["file"] == ["This field is required."]
    assert_nothing_stored(settings, upload_dir)


# File names, as the browser sends them -----------------------------------------------------------

BOUNDARY = "PlenaryTestBoundary7MA4YWxkTrZu0gW"


def multipart(fields_: dict, file_name: str, data: bytes, *, field: str = "file") -> bytes:
    """A multipart body written by hand: Django's test client would clean the file name."""
    body = b""
    for name, value in fields_.items():
        body += (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        ).encode()
    body += (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="{file_name}"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode() + data
    return body + f"\r\n--{BOUNDARY}--\r\n".encode()


@pytest.mark.parametrize(
    ("file_name", "message"),
    [
        pytest.param(
            "../../etc/paper.pdf",
            "The file name must not contain “/”, “\\” or “..”.",
            id="parent-directory",
        ),
        pytest.param(
            "..\\..\\paper.pdf",
            "The file name must not contain “/”, “\\” or “..”.",
            id="windows-parent-directory",
        ),
        pytest.param(
            "paper\x00.pdf.exe",
            "The file name contains control or text-direction characters.",
            id="nul",
        ),
        pytest.param(
            "report\u202efdp.exe",
            "The file name contains control or text-direction characters.",
            id="right-to-left-override",
        ),
        pytest.param(
            "a" * 296 + ".pdf",
            "The file name is too long (300 characters; at most 180).",
            id="300-characters",
        ),
    ],
)
def test_bad_file_name_is_refused_and_nothing_is_stored(
    client, url, focal_point, settings, upload_dir, file_name, message
):
    client.force_login(focal_point)

    response = client.post(
        url,
        multipart(submission_data(), file_name, samples.pdf()),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )

    assert_file_refused(response, message)
    assert_nothing_stored(settings, upload_dir)


@pytest.mark.parametrize(
    "file_name", ["../../etc/paper.pdf", "..\\..\\paper.pdf", "report\u202efdp.exe"]
)
def test_the_admin_refuses_the_same_file_names_as_the_public_form(
    secretariat_client, paper, settings, upload_dir, file_name
):
    """One file-name policy, whichever form the file comes through: refused, not mended."""
    data = {
        "title": paper.title,
        "meeting": paper.meeting_id,
        "category": paper.category_id,
        "organization": paper.organization_id,
        "language": paper.language,
        "authors_text": "",
        "symbol": "",
        "external_url": "",
        "agenda_item": "",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "1",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
    }
    files_before = sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())

    response = secretariat_client.post(
        reverse("admin:papers_document_change", args=[paper.pk]),
        multipart(data, file_name, samples.pdf(), field="new_file"),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )

    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["new_file"]
    assert message in (
        "The file name must not contain “/”, “\\” or “..”.",
        "The file name contains control or text-direction characters.",
    )
    assert paper.versions.count() == 1
    assert sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()) == files_before
    assert list(upload_dir.iterdir()) == []


def test_plain_file_name_sent_by_hand_is_accepted(client, url, focal_point):
    client.force_login(focal_point)

    client.post(
        url,
        multipart(submission_data(), "Rapport d\u2019\u00e9tape \u2013 2012.pdf", samples.pdf()),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )

    assert (
        Document.objects.get().versions.get().original_name
        == "Rapport d\u2019\u00e9tape \u2013 2012.pdf"
    )


# Text fields -----------------------------------------------------------------------------------


def test_title_of_ten_thousand_characters_is_refused(
    client, url, focal_point, settings, upload_dir
):
    client.force_login(focal_point)

    response = client.post(
        url,
        submission_data(title="x" * 10_000, file=SimpleUploadedFile("paper.pdf", samples.pdf())),
    )

    assert response.context["form"].errors["title"] == [
        "Ensure this value has at most 300 characters (it has 10000)."
    ]
    assert_nothing_stored(settings, upload_dir)


SCRIPT_TITLE = '<script>alert("title")</script> & <b>bold</b>'
SCRIPT_AUTHORS = '<img src=x onerror="alert(1)">'
ESCAPED_TITLE = (
    "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
)
ESCAPED_AUTHORS = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"


def test_html_in_text_fields_is_stored_as_text_and_shown_escaped_everywhere(
    client, meeting, url, focal_point
):
    client.force_login(focal_point)
    client.post(
        url,
        submission_data(
            title=SCRIPT_TITLE,
            authors_text=SCRIPT_AUTHORS,
            file=SimpleUploadedFile("paper.pdf", samples.pdf()),
        ),
    )
    document = Document.objects.get()
    assert (document.title, document.authors_text) == (SCRIPT_TITLE, SCRIPT_AUTHORS)

    pages = [
        reverse("papers:my_submissions"),
        document.get_absolute_url(),
        reverse("papers:submission_edit", args=[document.pk]),
        reverse("papers:submission_withdraw", args=[document.pk]),
    ]
    for page in pages:
        response = client.get(page)
        assertNotContains(response, "<script>alert")
        assertNotContains(response, "<b>bold")
        assertNotContains(response, "<img src=x")
        assertContains(response, ESCAPED_TITLE)

    Document.objects.update(status=DocumentStatus.PUBLISHED)
    client.logout()
    for page in (meeting.get_absolute_url(), document.get_absolute_url()):
        response = client.get(page)
        assertContains(response, ESCAPED_TITLE)
        assertContains(response, ESCAPED_AUTHORS)
        assertNotContains(response, "<script>alert")
        assertNotContains(response, "<img src=x")


# Files that are accepted, for a careful look -----------------------------------------------------


def test_pdf_with_javascript_is_accepted_into_review_with_the_reason(client, url, focal_point):
    client.force_login(focal_point)
    data = samples.handwritten_pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")

    client.post(url, submission_data(file=SimpleUploadedFile("paper.pdf", data)))

    document = Document.objects.get()
    assert document.status == DocumentStatus.SUBMITTED
    assert "The PDF contains JavaScript." in document.review_reasons.splitlines()


def test_replacement_file_reasons_replace_the_earlier_ones(client, meeting, focal_point):
    organization = focal_point.memberships.get().organization
    document = VersionFactory(
        document__meeting=meeting,
        document__organization=organization,
        file_data=samples.handwritten_pdf(b"/OpenAction << /S /JavaScript /JS (x) >>"),
    ).document
    assert document.review_reasons == "The PDF contains JavaScript."  # version_add flags it
    client.force_login(focal_point)

    client.post(
        reverse("papers:submission_edit", args=[document.pk]),
        {
            "category": document.category_id,
            "title": document.title,
            "authors_text": "",
            "language": "en",
            "agenda_item": "",
            "file": SimpleUploadedFile("clean.pdf", samples.pdf()),
        },
    )

    document.refresh_from_db()
    assert document.review_reasons == ""
    assert document.versions.count() == 2


# Replacing a file ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES[:6])
def test_bad_replacement_file_is_refused_and_nothing_is_stored(
    client, meeting, focal_point, settings, upload_dir, name, data, message
):
    organization = focal_point.memberships.get().organization
    version = VersionFactory(document__meeting=meeting, document__organization=organization)
    document = version.document
    before = sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())
    client.force_login(focal_point)

    response = client.post(
        reverse("papers:submission_edit", args=[document.pk]),
        {
            "category": document.category_id,
            "title": "Changed",
            "authors_text": "",
            "language": "en",
            "agenda_item": "",
            "file": SimpleUploadedFile(name, data),
        },
    )

    assert response.context["form"].errors["file"] == [message]
    document.refresh_from_db()
    assert document.title != "Changed"
    assert list(document.versions.all()) == [version]
    after = sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())
    assert after == before
    assert list(upload_dir.iterdir()) == []
