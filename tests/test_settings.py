"""Settings read from the environment: what production refuses to start without."""

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
