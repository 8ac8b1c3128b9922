"""/healthz tells a load balancer whether the database, the cache and the media storage work."""

import errno

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


def fail(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def test_healthz_says_ok_without_a_session_and_is_never_cached(client, settings):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    assert response["Cache-Control"] == "no-store"
    assert response.cookies == {}
    assert list((settings.MEDIA_ROOT / "healthz").iterdir()) == []


def test_healthz_answers_a_probe_by_address_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["plenary.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", HTTP_HOST="10.0.0.5")

    assert (response.status_code, response.json()["status"]) == (200, "ok")


def test_healthz_names_the_database_when_it_is_down(client, monkeypatch):
    monkeypatch.setattr(connection, "ensure_connection", fail)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "failed", "cache": "ok", "storage": "ok"},
    }
    assert response["Cache-Control"] == "no-store"


def test_healthz_names_the_storage_when_it_is_full(client, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(default_storage, "save", disk_full)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "storage": "failed"}


def test_healthz_names_the_cache_when_it_loses_what_it_stored(client, monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failed"
