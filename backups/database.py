"""Dumping and restoring the configured database, each vendor with its own tool.

PostgreSQL: `pg_dump --format=custom` and `pg_restore --single-transaction`, so a restore that
fails leaves the database as it was. The password reaches them in PGPASSWORD, never on the command
line, where any user of the machine could read it. SQLite: Python's backup API, which copies a
consistent snapshot while the app keeps running, and writes the restored copy in one step.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _

SUPPORTED = ("sqlite", "postgresql")


def check_supported(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor not in SUPPORTED:
        raise CommandError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )


def dump(connection: BaseDatabaseWrapper, destination: Path) -> None:
    check_supported(connection)
    if connection.vendor == "postgresql":
        pg_dump(connection.settings_dict, destination)
    else:
        connection.ensure_connection()
        with closing(sqlite3.connect(destination)) as copy:
            connection.connection.backup(copy)


def restore(connection: BaseDatabaseWrapper, source: Path) -> None:
    """Replace the whole database with the dump; our own connections are closed first so none
    holds a lock or a stale cache across the swap."""
    check_supported(connection)
    connections.close_all()
    if connection.vendor == "postgresql":
        pg_restore(connection.settings_dict, source)
        return
    connection.ensure_connection()
    try:
        with closing(sqlite3.connect(source)) as dumped:
            dumped.backup(connection.connection)
    except sqlite3.Error as error:
        raise CommandError(
            _("The SQLite database could not be restored: %(error)s") % {"error": error}
        ) from error


# PostgreSQL ------------------------------------------------------------------------------------


def _client(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise CommandError(
            _(
                "%(tool)s was not found on PATH. Install the PostgreSQL client programs of the "
                "server's major version (Debian: postgresql-client)."
            )
            % {"tool": tool}
        )
    return found


def _connection_arguments(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Host, port, user and database name as arguments; the password and SSL mode in the
    environment."""
    arguments = []
    if settings_dict.get("HOST"):
        arguments += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        arguments += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        arguments += ["--username", str(settings_dict["USER"])]
    arguments += ["--no-password", f"--dbname={settings_dict['NAME']}"]
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    sslmode = settings_dict.get("OPTIONS", {}).get("sslmode")
    if sslmode:
        environment["PGSSLMODE"] = str(sslmode)
    return arguments, environment


def _run(tool: str, arguments: list[str], environment: dict[str, str]) -> None:
    program = _client(tool)
    try:
        finished = subprocess.run(  # noqa: S603 (a fixed program; arguments from settings)
            [program, *arguments], env=environment, capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise CommandError(
            _("%(tool)s could not run: %(error)s") % {"tool": tool, "error": error}
        ) from error
    if finished.returncode != 0:
        raise CommandError(
            _("%(tool)s failed: %(message)s")
            % {"tool": tool, "message": finished.stderr.strip() or finished.returncode}
        )


def pg_dump(settings_dict: dict[str, Any], destination: Path) -> None:
    arguments, environment = _connection_arguments(settings_dict)
    options = ["--format=custom", "--no-owner", "--no-privileges", f"--file={destination}"]
    _run("pg_dump", [*options, *arguments], environment)


def pg_restore(settings_dict: dict[str, Any], source: Path) -> None:
    arguments, environment = _connection_arguments(settings_dict)
    options = [
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
    ]
    _run("pg_restore", [*options, *arguments, str(source)], environment)
