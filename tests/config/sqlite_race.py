"""Two threads write to one file-based SQLite database at once, each through Django's connection.

Run by tests/config/test_sqlite_writes.py as a program of its own, with DATABASE_URL naming a
temporary file: `python tests/config/sqlite_race.py [DEFERRED]` prints, as JSON, how long the
second writer waited and what became of it. With DEFERRED, the settings' transaction mode is
replaced by SQLite's default, to show what happens without IMMEDIATE.
"""

import json
import os
import sys
import threading
import time
from pathlib import Path

import django
from django.conf import settings
from django.db import OperationalError, connection, transaction

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
HOLD = 1.0  # seconds the first writer keeps its transaction open


def main() -> None:
    if sys.argv[1:] == ["DEFERRED"]:
        settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = "DEFERRED"
    django.setup()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, writer TEXT)")
    connection.close()
    first_wrote = threading.Event()
    result: dict[str, object] = {"options": settings.DATABASES["default"]["OPTIONS"]}

    def first() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO note (writer) VALUES ('first')")
            first_wrote.set()
            time.sleep(HOLD)
        connection.close()

    def second() -> None:
        first_wrote.wait()
        started = time.monotonic()
        try:
            # Read, then write: what a form save does (a SELECT, then its INSERT or UPDATE).
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM note")
                cursor.execute("INSERT INTO note (writer) VALUES ('second')")
        except OperationalError as error:
            result["second"] = f"failed: {error}"
        else:
            result["second"] = "wrote"
        result["waited"] = time.monotonic() - started
        connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connection.cursor() as cursor:
        cursor.execute("SELECT writer FROM note ORDER BY id")
        result["rows"] = [row[0] for row in cursor.fetchall()]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
