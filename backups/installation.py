"""What the installation holds: its migration state, its rows, and whether it is empty.

A restore goes only into an empty installation, a fresh (possibly migrated) database and no
media file, so it never mixes two sites' data or overwrites one by mistake. "Empty" counts the rows
of Plenary's own apps (the packages beside manage.py), less the rows a fresh `migrate` writes
itself: content types, permissions and the Secretariat group live in Django's apps, and the
document categories below come with papers' migrations.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

# Rows a fresh `migrate` makes in our own apps (papers 0002 writes the document categories).
MADE_BY_MIGRATIONS = {"papers.documentcategory"}


def our_app_labels() -> set[str]:
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    }


def models_with_rows() -> list[str]:
    """The labels of our models that hold rows, `migrate`'s own rows aside (a database never
    migrated has no tables and is empty too)."""
    ours = our_app_labels()
    tables = set(connection.introspection.table_names())
    return [
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in ours
        and model._meta.db_table in tables
        and model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in MADE_BY_MIGRATIONS
        and model._base_manager.exists()
    ]


def latest_migrations() -> dict[str, str]:
    """The newest applied migration of each app, as the manifest records it."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return dict(sorted(latest.items()))


def unknown_migrations(migrations: dict[str, str]) -> list[str]:
    """Migrations of the backup this code does not have: it came from a newer Plenary."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return [f"{app}.{name}" for app, name in migrations.items() if (app, name) not in known]


def pending_migrations() -> bool:
    """Whether this code has migrations the restored database has not had yet."""
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def row_counts() -> tuple[int, int]:
    """(rows, tables) over every table of the database, Django's own included."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        rows = 0
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows += cursor.fetchone()[0]
    return rows, len(tables)
