"""Production settings for the app servers the two-server test starts, with two changes: static
files are served as they are, not from a `collectstatic` manifest (which takes a minute to build
on a small machine and has nothing to do with several servers sharing their state)."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# As in every test (tests/conftest.py): a fast password hasher, for the logins.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
