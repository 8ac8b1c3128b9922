from pathlib import Path

import pytest
from django.core.cache import cache

SITE_URL = "https://plenary.example"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path, tmp_path_factory):
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
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def upload_dir(settings) -> Path:
    """Where uploads are spooled during a test: tests check nothing is left behind there."""
    return Path(settings.FILE_UPLOAD_TEMP_DIR)
