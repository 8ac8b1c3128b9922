"""accounts 0004: organization kinds fine enough for a UN list of participants.

Existing "UN entity" rows stay the Secretariat's departments and offices; the regional
commissions and IOM move to their own kinds, and back when the migration is reversed.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("accounts", "0003_logos_checked_and_without_metadata")
# Forward to the migration itself only: going back from it then undoes one migration, not every
# later one of every app (the whole round trip is made once, at the end).
AFTER = ("accounts", "0004_organization_kinds_for_lists_of_participants")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def newest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_kinds_are_refined_and_coarsened_back():
    apps = migrate([BEFORE])
    Organization = apps.get_model("accounts", "Organization")
    rows = [
        ("Department of Economic and Social Affairs", "un"),
        ("Economic Commission for Africa", "un"),
        ("Economic and Social Commission for Western Asia", "un"),
        ("International Organization for Migration", "igo"),
        ("League of Arab States", "igo"),
        ("Ministry of Justice", "government"),
    ]
    for name, kind in rows:
        Organization.objects.create(name=name, kind=kind)

    apps = migrate([AFTER])
    Organization = apps.get_model("accounts", "Organization")
    assert dict(Organization.objects.values_list("name", "kind")) == {
        "Department of Economic and Social Affairs": "un",
        "Economic Commission for Africa": "un_regional",
        "Economic and Social Commission for Western Asia": "un_regional",
        "International Organization for Migration": "un_related",
        "League of Arab States": "igo",
        "Ministry of Justice": "government",
    }

    apps = migrate([BEFORE])
    Organization = apps.get_model("accounts", "Organization")
    assert set(Organization.objects.values_list("name", "kind")) == set(rows)
    migrate(newest())
