"""Absolute links, for mail and anything else read away from the site: one setting, one helper.

Links are built from ``settings.SITE_URL`` (``DJANGO_SITE_URL``), never from the request that
happened to trigger a write, so a message sent by a command, a worker or the admin links to the
same address as one sent from a public page.
"""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``"/documents/3/"`` as ``"https://plenary.example.org/documents/3/"``."""
    if not path.startswith("/"):
        raise ValueError(f"absolute_url() takes a path that starts with '/', not {path!r}")
    return settings.SITE_URL.rstrip("/") + path
