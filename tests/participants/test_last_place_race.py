"""Two focal points race for the last place: only one gets it.

On PostgreSQL each thread has its own connection. The first nominates inside a transaction and
holds it open; the second nominates meanwhile. Without the lock on the registration row the
second would count the places before the first commits, see one free and take it too; with it,
it waits, counts again once the first has committed, and is refused.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from participants.models import Nomination
from participants.services.nominations import Nominee, nomination_create
from tests.factories import MembershipFactory, OrganizationFactory, RegistrationFactory

HOLD = 0.5  # seconds the first focal point keeps its transaction open


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two connections to one server")
def test_only_one_of_two_focal_points_gets_the_last_place():
    registration = RegistrationFactory(capacity=1)
    meeting = registration.meeting
    first_org, second_org = OrganizationFactory(acronym="IOM"), OrganizationFactory(acronym="ILO")
    first_user = MembershipFactory(organization=first_org).user
    second_user = MembershipFactory(organization=second_org).user
    first_holds = threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                nomination_create(
                    meeting=meeting,
                    organization=first_org,
                    nominee=Nominee(family_name="First"),
                    by=first_user,
                )
                first_holds.set()
                time.sleep(HOLD)
            outcome["first"] = "nominated"
        finally:
            first_holds.set()
            connection.close()

    def second() -> None:
        first_holds.wait()
        started = time.monotonic()
        try:
            nomination_create(
                meeting=meeting,
                organization=second_org,
                nominee=Nominee(family_name="Second"),
                by=second_user,
            )
            outcome["second"] = "nominated"
        except ValidationError as error:
            outcome["second"] = error.messages
        finally:
            outcome["waited"] = time.monotonic() - started
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcome["first"] == "nominated"
    assert outcome["second"] == ["The meeting is full: its 1 place is taken."]
    assert outcome["waited"] >= HOLD * 0.8  # it waited for the first to commit
    assert list(Nomination.objects.values_list("family_name", flat=True)) == ["First"]
