import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Only what tests must change: a fast password hasher and a throw-away media root."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
