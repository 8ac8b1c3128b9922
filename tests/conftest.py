from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path, tmp_path_factory):
    """Only what tests must change: a fast password hasher, throw-away media and upload folders."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    uploads = tmp_path_factory.mktemp("uploads")
    settings.FILE_UPLOAD_TEMP_DIR = str(uploads)


@pytest.fixture
def upload_dir(settings) -> Path:
    """Where uploads are spooled during a test: tests check nothing is left behind there."""
    return Path(settings.FILE_UPLOAD_TEMP_DIR)
