"""What the public list of participants shows changes it at once, cached or not
(meetings/pagecache.py, participants.freshness): a decision, a nominee's name, honorific or
organization, and the list's publication itself."""

import pytest

from participants.services.decisions import nomination_accept, nomination_decline
from tests.factories import HonorificFactory, NominationFactory
from tests.meetings.test_page_cache import World, read, warm
from tests.meetings.test_page_cache_freshness import assert_fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client) -> World:
    world = World()
    warm(client, world)
    return world


def test_a_decline_takes_the_nominee_off_the_list(client, settings, world):
    assert "Delegada" in read(client, world.urls["participants"])
    nomination_decline(nomination=world.nomination, by=world.staff, message="No places left.")
    assert "Delegada" not in read(client, world.urls["participants"])
    assert_fresh(client, settings, world, "Hovy", ["participants"])


def test_an_acceptance_puts_the_nominee_on_the_list(client, settings, world):
    pending = NominationFactory(
        meeting=world.meeting,
        organization=world.delegation,
        family_name="Esperanza",
        status="pending",
    )
    assert "Esperanza" not in read(client, world.urls["participants"])
    nomination_accept(nomination=pending, by=world.staff)
    assert_fresh(client, settings, world, "Esperanza", ["participants"])


def test_a_nominee_s_details(client, settings, world):
    world.nomination.position = "First Secretary"
    world.nomination.honorific = HonorificFactory(name="Ms.")
    world.nomination.save()
    assert_fresh(client, settings, world, "First Secretary", ["participants"])


def test_a_nominee_s_honorific(client, settings, world):
    honorific = HonorificFactory(name="Ms.")
    world.nomination.honorific = honorific
    world.nomination.save()
    read(client, world.urls["participants"])
    honorific.name = "Mme"
    honorific.save()
    assert_fresh(client, settings, world, "Mme", ["participants"])


def test_a_nominee_s_organization(client, settings, world):
    world.delegation.country = "Norway"
    world.delegation.name = "Permanent Mission of Norway"
    world.delegation.save()
    assert_fresh(client, settings, world, "Norway", ["participants"])


def test_the_list_unpublished(client, settings, world):
    world.registration.list_published = False
    world.registration.save()
    assert client.get(world.urls["participants"]).status_code == 404
    assert "/participants/" not in read(client, world.urls["meeting"])


def test_the_registration_s_places(client, settings, world):
    world.registration.capacity = 40
    world.registration.save()
    assert_fresh(client, settings, world, "39", ["meeting"])
