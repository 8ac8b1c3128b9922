"""What every export answers besides its file: other methods, other sites' scripts, and a crowd
asking for it at once."""

import threading
import time

import pytest
from django.test import Client
from django.urls import reverse

from meetings.exports.source import cached_export, exportable_meeting
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    PersonFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def addresses() -> list[str]:
    session = SessionFactory(meeting__series=SeriesFactory())
    meeting = session.meeting
    item = AgendaItemFactory(meeting=meeting)
    item.sessions.set([session])
    person = PersonFactory()
    AppearanceFactory(agenda_item=item, person=person)
    slug = {"slug": meeting.slug}
    return [
        reverse("meetings:programme_ics", kwargs=slug),
        reverse("meetings:session_ics", kwargs={**slug, "session_pk": session.pk}),
        reverse("meetings:schedule_xml", kwargs=slug),
        reverse("meetings:schedule_json", kwargs=slug),
        reverse("meetings:programme_pdf", kwargs=slug),
        reverse("meetings:person_ics", kwargs={"slug": person.slug}),
        reverse("meetings:series_ics", kwargs={"slug": meeting.series.slug}),
    ]


def test_writing_to_an_export_is_a_405_not_a_form_error(addresses):
    client = Client(enforce_csrf_checks=True)
    for address in addresses:
        assert client.get(address).status_code == 200, address
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(address)
            assert response.status_code == 405, (method, address)
            assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}


def test_other_sites_may_read_the_exports_and_send_conditional_requests(client, addresses):
    origin = "https://schedule-reader.example"
    for address in addresses:
        response = client.get(address, headers={"origin": origin})
        assert response["Access-Control-Allow-Origin"] == "*", address
        assert "Access-Control-Allow-Credentials" not in response
        preflight = client.options(
            address,
            headers={
                "origin": origin,
                "access-control-request-method": "GET",
                "access-control-request-headers": "if-none-match, if-modified-since",
            },
        )
        allowed = preflight["Access-Control-Allow-Headers"].lower()
        assert "if-none-match" in allowed
        assert "if-modified-since" in allowed
    page = client.get("/", headers={"origin": origin})
    assert "Access-Control-Allow-Origin" not in page


def test_a_crowd_asking_at_once_makes_the_export_once(settings):
    session = SessionFactory()
    meeting = exportable_meeting(session.meeting.slug)
    made = []

    def make() -> bytes:
        made.append(1)
        time.sleep(0.5)  # a large PDF takes seconds
        return b"%PDF the programme"

    answers = []

    def ask() -> None:
        answers.append(cached_export(meeting, "crowd-test", make))

    crowd = [threading.Thread(target=ask) for _ in range(5)]
    for thread in crowd:
        thread.start()
    for thread in crowd:
        thread.join()
    assert answers == [b"%PDF the programme"] * 5
    assert len(made) == 1
