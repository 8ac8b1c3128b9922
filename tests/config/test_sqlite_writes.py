"""On SQLite, a second writer waits for the first instead of failing with "database is locked".

The test database is in memory and shared by one thread, so the race runs in a program of its
own (sqlite_race.py) on a temporary file, with the settings a real run gets from DATABASE_URL.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def race(tmp_path: Path, *args: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(Path(__file__).with_name("sqlite_race.py")), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


def test_a_second_writer_waits_for_the_first_and_succeeds(tmp_path):
    result = race(tmp_path)

    assert result["options"] == {"transaction_mode": "IMMEDIATE", "timeout": 20}
    assert result["second"] == "wrote"
    assert 0.8 < result["waited"] < 20
    assert result["rows"] == ["first", "second"]


def test_without_immediate_transactions_the_second_writer_fails(tmp_path):
    result = race(tmp_path, "DEFERRED")

    assert result["second"] == "failed: database is locked"
    assert result["rows"] == ["first"]


def test_postgresql_gets_no_sqlite_options():
    code = "from config import settings; print(settings.DATABASES['default'].get('OPTIONS', {}))"
    env = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/plenary"}
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )

    assert done.stdout.strip() == "{}"
