from pathlib import Path

import django.tasks
import pytest
from django.core.cache import cache
from django.tasks import TaskBackendHandler
from django.utils import translation

from meetings.pagememory import memory as page_memory

SITE_URL = "https://plenary.example"
# Tests run background tasks at once, in the request; tests of the worker itself queue them in
# the database (tests/papers/test_checking.py).
IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path, tmp_path_factory, monkeypatch):
    """Only what tests must change: a fast password hasher, throw-away media and upload folders,
    and an empty cache (cached exports, throttle counts and PDFs stay inside one test).

    Links in mail come from SITE_URL, whichever request (or none) made them: tests name a site
    that is not the test client's host, so a link built from the request would show.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SITE_URL = SITE_URL
    settings.MEDIA_ROOT = tmp_path / "media"
    uploads = tmp_path_factory.mktemp("uploads")
    settings.FILE_UPLOAD_TEMP_DIR = str(uploads)
    monkeypatch.setattr(django.tasks, "task_backends", TaskBackendHandler(IMMEDIATE_TASKS))
    cache.clear()
    page_memory.clear()
    # Each test starts in English: a request leaves its language active in the thread (the
    # LocaleMiddleware does not undo it), and content saved under it would go to that
    # language's column (config/content_languages.py).
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    page_memory.clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def upload_dir(settings) -> Path:
    """Where uploads are spooled during a test: tests check nothing is left behind there."""
    return Path(settings.FILE_UPLOAD_TEMP_DIR)
