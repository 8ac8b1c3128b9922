"""Settings read from the environment: what production refuses to start without."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.links import absolute_url

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "plenary.example.org",
}


def settings_load(**environment: str) -> subprocess.CompletedProcess:
    """Import config.settings in a fresh interpreter with exactly these DJANGO_ variables."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.SITE_URL)"],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_needs_a_site_url():
    result = settings_load(**PRODUCTION)
    assert result.returncode != 0
    assert "DJANGO_SITE_URL must be set when DJANGO_DEBUG is off" in result.stderr


@pytest.mark.parametrize(
    "value", ["plenary.example.org", "ftp://plenary.example.org", "https://example.org/plenary"]
)
def test_a_site_url_that_is_not_a_scheme_and_host_is_refused(value):
    result = settings_load(**PRODUCTION, DJANGO_SITE_URL=value)
    assert result.returncode != 0
    assert "DJANGO_SITE_URL must be a scheme and host (and port), with no path" in result.stderr


def test_the_site_url_is_read_without_its_trailing_slash():
    result = settings_load(**PRODUCTION, DJANGO_SITE_URL="https://plenary.example.org/")
    assert (result.returncode, result.stdout) == (0, "https://plenary.example.org\n")


def test_a_local_run_links_to_the_development_server():
    result = settings_load()
    assert (result.returncode, result.stdout) == (0, "http://127.0.0.1:8000\n")


def test_absolute_url_joins_the_site_url_and_a_path(settings):
    settings.SITE_URL = "https://plenary.example.org"
    assert absolute_url("/documents/3/") == "https://plenary.example.org/documents/3/"
    with pytest.raises(ValueError, match="starts with '/'"):
        absolute_url("documents/3/")


@pytest.mark.parametrize(
    ("variable", "value", "minimum"),
    [
        ("DJANGO_PARTICIPANTS_RETENTION_DAYS", "abc", 0),
        ("DJANGO_PARTICIPANTS_RETENTION_DAYS", "-5", 0),
        ("DJANGO_PAPERS_MAX_UPLOAD_MB", "0", 1),
        ("DATABASE_CONN_MAX_AGE", "a minute", 0),
    ],
)
def test_a_number_setting_that_is_not_one_stops_the_start(variable, value, minimum):
    result = settings_load(**{variable: value})
    assert result.returncode != 0
    assert f"{variable} must be a whole number of at least {minimum}, not '{value}'." in (
        result.stderr
    )


def test_the_retention_period_is_read_in_days():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.PARTICIPANTS_RETENTION_DAYS)"],
        cwd=ROOT,
        env={**env, "DJANGO_PARTICIPANTS_RETENTION_DAYS": " 90 "},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "90\n"


# Several app servers: the shared cache, sessions and media storage ----------------------------


def settings_read(expression: str, **environment: str):
    """A value of config.settings, as JSON, in a fresh interpreter with these DJANGO_ variables
    (and no AWS_ ones, which boto3 would read)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AWS_", "DATABASE_URL"))
    }
    program = f"import json, config.settings as s; print(json.dumps({expression}))"
    result = subprocess.run(  # noqa: S603 (this interpreter, with the test's own expression)
        [sys.executable, "-c", program],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_without_a_cache_url_the_cache_is_this_processs_memory_and_sessions_the_database():
    assert settings_read("[s.CACHES, s.SESSION_ENGINE]") == [
        {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        "django.contrib.sessions.backends.db",
    ]


def test_a_redis_cache_url_shares_the_cache_and_the_sessions():
    assert settings_read(
        "[s.CACHES, s.SESSION_ENGINE]", DJANGO_CACHE_URL=" redis://cache.internal:6380/2 "
    ) == [
        {
            "default": {
                "BACKEND": "config.cache.RedisCache",
                "LOCATION": "redis://cache.internal:6380/2",
                "KEY_PREFIX": "plenary",
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            }
        },
        "django.contrib.sessions.backends.cached_db",
    ]


def test_two_installations_on_one_redis_keep_their_keys_apart():
    caches = settings_read(
        "s.CACHES",
        DJANGO_CACHE_URL="rediss://:password@cache.internal",
        DJANGO_CACHE_KEY_PREFIX="plenary-staging",
    )
    assert caches["default"]["LOCATION"] == "rediss://:password@cache.internal"
    assert caches["default"]["KEY_PREFIX"] == "plenary-staging"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("cache.internal:6379", "cache.internal:6379"),
        ("memcached://cache.internal:11211", "memcached://cache.internal:11211"),
        ("redis://", "redis://"),
        ("redis://cache.internal:port/0", "redis://cache.internal:port/0"),
        ("redis://cache.internal:6379/sessions", "redis://cache.internal:6379/sessions"),
        ("redis://:s3cret@cache.internal:6379/zero", "redis://…@cache.internal:6379/zero"),
    ],
)
def test_a_cache_url_that_is_not_a_redis_address_stops_the_start(value, shown):
    result = settings_load(DJANGO_CACHE_URL=value)
    assert result.returncode != 0
    assert (
        f"DJANGO_CACHE_URL must be redis://host:port/db or rediss://host:port/db, not '{shown}'."
    ) in result.stderr
    assert "s3cret" not in result.stderr


def test_media_are_on_the_filesystem_unless_told_otherwise():
    assert settings_read('s.STORAGES["default"]') == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_media_in_object_storage_stay_private_and_are_never_overwritten():
    storage = settings_read(
        's.STORAGES["default"]',
        DJANGO_STORAGE="s3",
        DJANGO_S3_BUCKET="plenary-media",
        DJANGO_S3_ENDPOINT_URL="https://minio.internal:9000",
        DJANGO_S3_REGION="eu-west-1",
    )
    assert storage == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "plenary-media",
            "endpoint_url": "https://minio.internal:9000",
            "region_name": "eu-west-1",
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 3600,
            "file_overwrite": False,
            "max_memory_size": 2_621_440,
        },
    }


def test_amazon_s3_needs_only_a_bucket():
    options = settings_read(
        's.STORAGES["default"]["OPTIONS"]', DJANGO_STORAGE="S3", DJANGO_S3_BUCKET="plenary"
    )
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        "plenary",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"DJANGO_STORAGE": "s3"}, "DJANGO_S3_BUCKET must be set when DJANGO_STORAGE is s3."),
        ({"DJANGO_STORAGE": "ftp"}, "DJANGO_STORAGE must be filesystem or s3, not 'ftp'."),
    ],
)
def test_a_storage_that_cannot_work_stops_the_start(environment, message):
    result = settings_load(**environment)
    assert result.returncode != 0
    assert message in result.stderr
