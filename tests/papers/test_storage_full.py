"""A full disk during an upload: a clear page, no row, no partial file anywhere."""

import errno
import io
import os
import time

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.core.management import call_command
from django.urls import reverse

from papers.models import Document, DocumentVersion
from tests.papers import samples
from tests.papers.forms import submission_data
from tests.papers.storage import stored_files

pytestmark = pytest.mark.django_db


class HalfWritingStorage(FileSystemStorage):
    """A disk that fills up half-way through a file: half the bytes land, then ENOSPC."""

    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = b"".join(content.chunks())
        with open(path, "wb") as partial:
            partial.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")


def fields() -> dict:
    return submission_data(file=SimpleUploadedFile("paper.pdf", samples.pdf(pages=3)))


def test_media_storage_full_gives_a_clear_page_and_leaves_nothing(
    client, meeting, focal_point, settings, upload_dir
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.HalfWritingStorage"},
    }
    client.force_login(focal_point)

    response = client.post(reverse("papers:submit", args=[meeting.slug]), fields())

    assert response.status_code == 507
    assert response["Retry-After"] == "600"
    assert "Storage is full: try again later" in response.content.decode()
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert stored_files(settings) == []  # the half-written file is gone too
    assert list(upload_dir.iterdir()) == []


def test_upload_folder_full_gives_a_clear_page_and_leaves_nothing(
    client, meeting, focal_point, settings, upload_dir, monkeypatch
):
    def disk_full(self, raw_data, start):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", disk_full)
    client.force_login(focal_point)

    response = client.post(reverse("papers:submit", args=[meeting.slug]), fields())

    assert response.status_code == 507
    assert not Document.objects.exists()
    assert stored_files(settings) == []
    assert list(upload_dir.iterdir()) == []


def test_another_os_error_is_not_called_a_full_disk(client, meeting, focal_point, monkeypatch):
    def broken(self, raw_data, start):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", broken)
    client.raise_request_exception = False
    client.force_login(focal_point)
    response = client.post(reverse("papers:submit", args=[meeting.slug]), fields())
    assert response.status_code == 500


def test_stale_upload_temp_files_are_cleaned_and_fresh_ones_kept(upload_dir, settings):
    stale, fresh, other = (
        upload_dir / "tmpabc123.upload.pdf",
        upload_dir / "tmpdef456.upload",
        upload_dir / "notes.txt",
    )
    for path in (stale, fresh, other):
        path.write_bytes(b"x")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    os.utime(other, (two_hours_ago, two_hours_ago))

    out = io.StringIO()
    call_command("clean_upload_temp", stdout=out)

    assert out.getvalue().startswith("Removed 1 stale upload file(s)")

    assert sorted(p.name for p in upload_dir.iterdir()) == ["notes.txt", "tmpdef456.upload"]
