"""Every API answer asks the same number of queries for a meeting of 10 presentations as for
one of 1,000 (tests/meetings/sized.py), counted on the small one."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DocumentFactory
from tests.meetings.sized import meeting_with_presentations

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/meetings/{slug}/",
    "/api/v1/meetings/{slug}/programme/",
    "/api/v1/meetings/{slug}/documents/",
    "/api/v1/people/{person}/",
    "/api/v1/people/",
    "/api/v1/organizations/",
    "/api/v1/meetings/",
]


def queries_of(client, path: str) -> int:
    cache.clear()  # the first request after a change, not a cached answer
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    assert json.loads(response.content)
    return len(captured)


@pytest.mark.parametrize("path", PATHS)
def test_queries_do_not_grow_with_the_meeting(client, django_assert_num_queries, path):
    small = meeting_with_presentations(10, slug="small")
    for number in range(3):
        DocumentFactory(meeting=small, status="published", title=f"Paper {number}")
    person = small.agenda_items.first().appearances.first().person.slug
    expected = queries_of(client, path.format(slug=small.slug, person=person))

    large = meeting_with_presentations(1000, slug="large")
    for number in range(30):
        DocumentFactory(meeting=large, status="published", title=f"Paper {number}")
    person = large.agenda_items.first().appearances.first().person.slug
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(path.format(slug=large.slug, person=person))
    assert response.status_code == 200
