"""Sessions with a shared Redis cache (DJANGO_CACHE_URL set): read from Redis, written through to
the database, so a Redis restart logs nobody out, and a login's lifetime and idle timeout
(accounts/sessions.py) hold as they do with database sessions.

Needs a Redis on 127.0.0.1:6379 (skipped otherwise); the tests use keys under a prefix of their
own in database 13 and delete only those: never FLUSHDB on a Redis others may use.
"""

import time
import uuid

import pytest
import redis
from django.contrib.sessions.models import Session
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from tests.factories import MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/13"
MY_SUBMISSIONS = reverse("papers:my_submissions")
PASSWORD = "a long enough password 42"


@pytest.fixture
def shared_redis(settings):
    """Django's cache in Redis, as config/settings.py sets it up for DJANGO_CACHE_URL."""
    server = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        server.ping()
    except redis.RedisError as error:
        pytest.skip(f"No Redis answers at {REDIS_URL} ({error}).")
    prefix = f"plenary-test-{uuid.uuid4().hex[:8]}"
    original = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

    def keys() -> list[bytes]:
        return list(server.scan_iter(f"{prefix}:*"))

    yield keys
    for key in keys():
        server.delete(key)
    # Back to the local cache before tests/conftest.py clears "the" cache: not this Redis.
    settings.CACHES = original


def log_in(client, user) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302


@pytest.fixture
def focal_point():
    user = MembershipFactory(user__email="focal@iom.example").user
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_login_is_kept_in_redis_and_in_the_database(client, shared_redis, focal_point):
    log_in(client, focal_point)

    assert client.get(MY_SUBMISSIONS).status_code == 200
    session_keys = [key for key in shared_redis() if b"sessions" in key]
    assert len(session_keys) == 1
    assert session_keys[0].endswith(client.session.session_key.encode())
    assert Session.objects.filter(session_key=client.session.session_key).exists()


def test_a_redis_restart_logs_nobody_out(client, shared_redis, focal_point):
    log_in(client, focal_point)
    redis.Redis.from_url(REDIS_URL).delete(*shared_redis())  # all Redis held is gone

    page = client.get(MY_SUBMISSIONS)

    assert page.status_code == 200
    assert page.wsgi_request.user == focal_point
    assert [key for key in shared_redis() if b"sessions" in key] != []  # read back into Redis


def test_logging_out_ends_the_session_in_redis_and_in_the_database(
    client, shared_redis, focal_point
):
    log_in(client, focal_point)
    session_key = client.session.session_key

    client.post(reverse("accounts:logout"))

    assert [key for key in shared_redis() if b"sessions" in key] == []
    assert not Session.objects.filter(session_key=session_key).exists()
    assertRedirects(
        client.get(MY_SUBMISSIONS), f"{reverse('accounts:login')}?next={MY_SUBMISSIONS}"
    )


def test_a_staff_login_still_ends_after_its_idle_timeout(client, shared_redis, monkeypatch):
    staff = StaffFactory()
    staff.set_password(PASSWORD)
    staff.save()
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    log_in(client, staff)

    now[0] += 29 * 60
    assert client.get(MY_SUBMISSIONS).wsgi_request.user == staff
    now[0] += 30 * 60 + 1
    response = client.get(MY_SUBMISSIONS, follow=True)

    assertRedirects(response, f"{reverse('accounts:login')}?next={MY_SUBMISSIONS}")
    assertContains(response, "Your session has ended. Log in again to continue.")


def test_the_redis_cache_reuses_one_client_and_still_reads_and_writes(shared_redis):
    """config/cache.py keeps one redis.Redis per connection pool instead of Django's one per call
    (about a millisecond each with redis-py 8)."""
    from django.core.cache import caches  # noqa: PLC0415 (the cache the fixture set up)

    shared = caches.create_connection("default")
    shared.set("greeting", "hello")
    assert shared.get("greeting") == "hello"
    assert shared.get_many(["greeting", "missing"]) == {"greeting": "hello"}
    first = shared._cache.get_client(write=True)
    assert shared._cache.get_client(write=False) is first
    assert shared._cache.get_client("greeting") is first
    shared.delete("greeting")
    assert shared.get("greeting") is None
    assert shared_redis() == [], "nothing left behind under the test's prefix"
