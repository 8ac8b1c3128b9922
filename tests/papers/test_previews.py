"""The reviewer's pictures of the first pages: made once per version, bounded, stored through the
default storage, never failing an upload, and gone with their version."""

import errno
import io

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from papers.models import DocumentVersion
from papers.services import previews
from papers.services.versions import version_add
from tests.factories import DocumentFactory, VersionFactory
from tests.papers import samples
from tests.papers.storage import stored_files
from uploads import pictures as thumbnails
from uploads.filetypes import ALLOWED_KINDS
from uploads.pictures import make_review_pages

PDF = ALLOWED_KINDS["pdf"]


def picture(content) -> Image.Image:
    opened = Image.open(io.BytesIO(content.read()))
    opened.load()
    return opened


# Rendering -----------------------------------------------------------------------------------


def test_review_pages_are_the_first_three_pages_900_pixels_wide():
    pages = make_review_pages(SimpleUploadedFile("a.pdf", samples.pdf(pages=5, mark=True)), PDF)
    assert [page.name for page in pages] == ["page-1.png", "page-2.png", "page-3.png"]
    first, second, _third = (picture(page) for page in pages)
    assert (first.format, first.size, second.size) == ("PNG", (900, 1274), (900, 1274))
    assert first.getpixel((100, 100)) == (0, 0, 0)  # page 1's black quarter, right way up
    assert second.getpixel((100, 100)) == (255, 255, 255)


def test_a_300_page_pdf_renders_only_three_pages(monkeypatch):
    drawn = []
    original = thumbnails._to_width
    monkeypatch.setattr(
        thumbnails, "_to_width", lambda image, width: drawn.append(1) or original(image, width)
    )
    pages = make_review_pages(SimpleUploadedFile("long.pdf", samples.pdf(pages=300)), PDF)
    assert (len(pages), len(drawn)) == (3, 3)


def test_a_short_pdf_has_as_many_pictures_as_pages():
    pages = make_review_pages(SimpleUploadedFile("a.pdf", samples.pdf(pages=2)), PDF)
    assert len(pages) == 2


def test_a_very_long_page_is_cut_at_four_times_its_width():
    upload = SimpleUploadedFile("poster.pdf", samples.pdf(size=(100, 20000), mark=True))
    (page,) = make_review_pages(upload, PDF)
    assert picture(page).size == (900, 3600)


def test_an_image_is_scaled_down_to_900_pixels_never_up():
    large = SimpleUploadedFile("a.png", samples.image("PNG", (1800, 1200)))
    small = SimpleUploadedFile("b.jpg", samples.image("JPEG", (400, 300)))
    assert picture(make_review_pages(large, ALLOWED_KINDS["png"])[0]).size == (900, 600)
    assert picture(make_review_pages(small, ALLOWED_KINDS["jpeg"])[0]).size == (400, 300)


def test_office_files_have_no_review_pages():
    upload = SimpleUploadedFile("a.docx", samples.office("docx"))
    assert make_review_pages(upload, ALLOWED_KINDS["docx"]) == []


# Storing ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_stored_version_has_its_pictures_in_the_storage(settings):
    version = VersionFactory(file_data=samples.pdf(pages=4))
    assert len(version.preview_pages) == 3
    assert all(name.startswith("papers/previews/") for name in version.preview_pages)
    assert set(version.preview_pages) <= set(stored_files(settings))
    version.refresh_from_db()
    assert len(version.preview_pages) == 3


@pytest.mark.django_db
def test_a_file_that_cannot_be_drawn_is_stored_without_pictures(settings):
    # The pictures are drawn by the isolated check (uploads.checking), here one that cannot.
    settings.PAPERS_CHECK_FUNCTION = "tests.papers.test_checking_child.no_pictures"
    version = VersionFactory(file_name="Broken.pdf")
    version.refresh_from_db()
    assert (version.preview_pages, version.thumbnail.name) == ([], "")
    assert (version.pk is not None, version.check_state) == (True, "checked")
    assert stored_files(settings) == [version.file.name]


class PreviewRefusingStorage(FileSystemStorage):
    """A storage that takes the paper and its thumbnail, then fills up on the first preview."""

    def _save(self, name, content):
        if name.startswith("papers/previews/"):
            super()._save(name, content)  # written, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return super()._save(name, content)


@pytest.mark.django_db
def test_a_storage_refusing_the_pictures_does_not_fail_the_upload(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.PreviewRefusingStorage"},
    }
    version = VersionFactory(file_data=samples.pdf(pages=3))
    assert version.preview_pages == []
    assert stored_files(settings) == sorted([version.file.name, version.thumbnail.name])


@pytest.mark.django_db
def test_a_failed_upload_leaves_no_picture_behind(monkeypatch, settings):
    document = DocumentFactory()

    def fail(self, *args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(DocumentVersion, "save", fail)
    with pytest.raises(RuntimeError, match="database gone"):
        version_add(
            document=document,
            upload=SimpleUploadedFile("a.pdf", samples.pdf(pages=3)),
            by=None,
        )
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_a_deleted_version_takes_its_pictures_along(settings, django_capture_on_commit_callbacks):
    version = VersionFactory(file_data=samples.pdf(pages=2))
    assert len(stored_files(settings)) == 4  # the file, its thumbnail, two pictures
    with django_capture_on_commit_callbacks(execute=True):
        version.delete()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_forgetting_the_pictures_deletes_their_files_only_on_commit(
    settings, django_capture_on_commit_callbacks
):
    version = VersionFactory(file_data=samples.pdf(pages=2))
    names = list(version.preview_pages)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        previews.version_previews_delete(version=version)
    assert set(names) <= set(stored_files(settings))
    assert DocumentVersion.objects.get(pk=version.pk).preview_pages == []
    for callback in callbacks:
        callback()
    assert not set(names) & set(stored_files(settings))


# Versions stored before the pictures existed ------------------------------------------------


def without_pictures(version: DocumentVersion) -> DocumentVersion:
    """The version as it was before pictures existed (its pictures' files deleted)."""
    for name in version.preview_pages:
        version.file.storage.delete(name)
    DocumentVersion.objects.filter(pk=version.pk).update(preview_pages=[])
    return DocumentVersion.objects.get(pk=version.pk)


@pytest.mark.django_db
def test_pictures_are_made_once_for_an_older_version(monkeypatch):
    version = without_pictures(VersionFactory(file_data=samples.pdf(pages=2)))
    calls = []
    real = previews.make_review_pages
    monkeypatch.setattr(
        previews, "make_review_pages", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    names = previews.version_previews_make(version=version)
    assert len(names) == 2
    assert DocumentVersion.objects.get(pk=version.pk).preview_pages == names
    again = DocumentVersion.objects.get(pk=version.pk)
    assert previews.version_previews_make(version=again) == names
    assert calls == [1]


@pytest.mark.django_db
def test_the_command_makes_pictures_for_versions_without_them(settings):
    pdf = without_pictures(VersionFactory(file_data=samples.pdf(pages=3)))
    image = without_pictures(
        VersionFactory(file_data=samples.image("PNG", (1000, 500)), file_name="chart.png")
    )
    office = VersionFactory(file_data=samples.office("docx"), file_name="note.docx")
    out = io.StringIO()
    call_command("make_review_previews", stdout=out)
    assert out.getvalue() == "Review previews made for 2 version(s); 0 failed.\n"
    assert len(DocumentVersion.objects.get(pk=pdf.pk).preview_pages) == 3
    assert len(DocumentVersion.objects.get(pk=image.pk).preview_pages) == 1
    assert DocumentVersion.objects.get(pk=office.pk).preview_pages == []

    out = io.StringIO()
    call_command("make_review_previews", stdout=out)
    assert out.getvalue() == "Review previews made for 0 version(s); 0 failed.\n"


@pytest.mark.django_db
def test_the_command_can_do_only_the_current_versions():
    document = DocumentFactory()
    first = without_pictures(VersionFactory(document=document))
    second = without_pictures(VersionFactory(document=document))
    call_command("make_review_previews", "--current-only", stdout=io.StringIO())
    assert DocumentVersion.objects.get(pk=first.pk).preview_pages == []
    assert len(DocumentVersion.objects.get(pk=second.pk).preview_pages) == 1
