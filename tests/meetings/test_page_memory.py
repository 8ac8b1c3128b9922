"""The page memory (meetings/pagememory.py): each process keeps the cached pages it served last,
in front of the shared cache, bounded by size, and an edit still shows at once."""

from unittest import mock

import pytest
from django.core.cache import cache

from meetings.pagememory import PageMemory, memory
from tests.meetings.test_page_cache import World, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return World()


def entry(size: int) -> dict:
    return {"content": b"x" * size, "content_type": "text/html", "headers": []}


def test_a_page_read_again_costs_no_trip_to_the_shared_cache(client, world):
    url = world.urls["programme"]
    first = read(client, url)
    with mock.patch.object(cache, "get", side_effect=AssertionError("asked the shared cache")):
        assert read(client, url) == first


def test_another_process_reads_the_page_from_the_shared_cache(client, world):
    """A second server (or worker) has nothing in its memory: it finds the page in Redis."""
    url = world.urls["meeting"]
    first = read(client, url)
    memory.clear()
    with (
        mock.patch.object(cache, "get", wraps=cache.get) as shared,
        mock.patch("meetings.views.MeetingDetailView.get_context_data") as render,
    ):
        assert read(client, url) == first
    assert shared.called
    assert not render.called
    assert len(memory) == 1, "kept for the next reader"


def test_an_edit_shows_at_once_though_the_old_page_is_in_memory(client, world):
    url = world.urls["programme"]
    assert "Trends in migration" in read(client, url)
    world.item.title = "Migration trends, revised"
    world.item.save()
    world.release()
    page = read(client, url)
    assert "Migration trends, revised" in page
    assert "Trends in migration" not in page


def test_the_memory_keeps_the_most_recently_read_pages_within_its_size(settings):
    settings.PUBLIC_PAGE_MEMORY_MB = 1
    pages = PageMemory()
    for name in "abc":
        pages.put(name, entry(400_000))
    assert pages.get("a") is None, "the oldest went first"
    assert pages.get("b") is not None
    pages.put("d", entry(400_000))
    assert pages.get("c") is None, "b was read since, so c was the least recently read"
    assert pages.get("b") is not None
    assert pages.get("d") is not None


def test_a_page_larger_than_the_memory_is_not_kept(settings):
    settings.PUBLIC_PAGE_MEMORY_MB = 1
    pages = PageMemory()
    pages.put("small", entry(1000))
    pages.put("huge", entry(2_000_000))
    assert pages.get("huge") is None
    assert pages.get("small") is not None


def test_zero_keeps_nothing(client, world, settings):
    settings.PUBLIC_PAGE_MEMORY_MB = 0
    read(client, world.urls["programme"])
    assert len(memory) == 0
