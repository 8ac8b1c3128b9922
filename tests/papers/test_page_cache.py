"""A document's edits show at once on the cached pages that show it (meetings/pagecache.py,
papers.freshness): the meeting's page lists it, the document's own page describes it, and the
programme lists it under its agenda item."""

import pytest

from papers.models import DocumentStatus
from tests.factories import DocumentFactory, PersonFactory, VersionFactory
from tests.meetings.test_page_cache import World, read, warm
from tests.meetings.test_page_cache_freshness import assert_fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client) -> World:
    world = World()
    warm(client, world)
    return world


def test_a_document_s_title(client, settings, world):
    world.document.title = "Migration and sustainable development"
    world.document.save()
    assert_fresh(
        client, settings, world, "Migration and sustainable development", ["meeting", "document"]
    )


def test_a_document_filed_under_an_item_shows_in_the_programme(client, settings, world):
    world.document.agenda_item = world.item
    world.document.save()
    assert_fresh(client, settings, world, "Migration and development", ["programme"])


def test_a_withdrawn_document_leaves_the_pages(client, settings, world):
    world.document.status = DocumentStatus.WITHDRAWN
    world.document.save()
    assert "Migration and development" not in read(client, world.urls["meeting"])
    assert client.get(world.urls["document"]).status_code == 404


def test_a_new_document(client, settings, world):
    document = DocumentFactory(
        meeting=world.meeting, title="Remittances", status=DocumentStatus.PUBLISHED
    )
    VersionFactory(document=document)
    assert_fresh(client, settings, world, "Remittances", ["meeting"])


def test_an_author(client, settings, world):
    author = PersonFactory(given_name="Rainer", family_name="Muenz", slug="muenz")
    world.document.authors.add(author)
    assert_fresh(client, settings, world, "Muenz", ["meeting", "document"])
    author.family_name = "Münz"
    author.save()
    assert_fresh(client, settings, world, "Münz", ["meeting", "document"])


def test_a_document_version(client, settings, world):
    world.version.page_count = 7
    world.version.save()
    assert_fresh(client, settings, world, "7 pages", ["meeting", "document"])


def test_a_document_category(client, settings, world):
    world.category.name = "Background papers"
    world.category.save()
    assert_fresh(client, settings, world, "Background papers", ["meeting", "document"])
