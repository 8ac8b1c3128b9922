"""The programme editor's page as staff see it: the demo's Tenth meeting, days and sessions as on
the public page, every row's fields named by row and column, and a query count that does not grow
with the programme. `PageForm` sends the page back as a browser without JavaScript would."""

import datetime
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting, Role
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    MeetingFactory,
    SecretariatFactory,
    SegmentFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

SLUG = "tenth-coordination-meeting"


class PageForm(HTMLParser):
    """The editor's form as a browser sends it: every field in page order, the chosen options and
    ticked boxes only; the <template> rows the script copies are not part of it."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.pairs: list[list[str]] = []
        self.in_form = self.in_template = False
        self.select: str | None = None
        self.select_first: str | None = None
        self.select_chosen = False
        self.textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "programme-editor":
            self.in_form = True
        if tag == "template":
            self.in_template = True
        if not self.in_form or self.in_template:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.pairs.append([name, attrs.get("value", "on")])
            elif kind != "submit":
                self.pairs.append([name, attrs.get("value") or ""])
        elif tag == "select":
            self.select, self.select_first, self.select_chosen = name, None, False
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.select_first is None:
                self.select_first = value
            if "selected" in attrs:
                self.pairs.append([self.select, value])
                self.select_chosen = True
        elif tag == "textarea":
            self.textarea = name
            self.pairs.append([name, ""])

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template = False
        elif tag == "form":
            self.in_form = False
        elif tag == "select" and self.select:
            if not self.select_chosen:
                self.pairs.append([self.select, self.select_first or ""])
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and self.pairs and self.pairs[-1][0] == self.textarea:
            self.pairs[-1][1] += data.removeprefix("\n") if not self.pairs[-1][1] else data

    def get(self, name: str) -> str:
        return next(value for key, value in self.pairs if key == name)

    def values(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key == name]

    def set(self, name: str, value: str) -> None:
        pair = next((pair for pair in self.pairs if pair[0] == name), None)
        if pair is None:
            self.pairs.append([name, value])
        else:
            pair[1] = value

    def tick(self, name: str, value: str = "on") -> None:
        self.pairs.append([name, value])

    def untick(self, name: str, value: str) -> None:
        self.pairs = [pair for pair in self.pairs if pair != [name, value]]

    def order(self, name: str, keys: list[str]) -> None:
        """Send the rows `name` in this order (what moving them in the page does)."""
        slots = [pair for pair in self.pairs if pair[0] == name]
        assert sorted(pair[1] for pair in slots) == sorted(keys)
        for pair, key in zip(slots, keys, strict=True):
            pair[1] = key

    def add_row(self, kind: str, key: str, **fields: str) -> None:
        """A row the page's script adds: its key, then its fields."""
        self.pairs.append([kind, key])
        for name, value in fields.items():
            self.pairs.append([f"{kind}-{key}-{name.replace('__', '-')}", value])

    def drop_new_rows(self) -> None:
        """Leave out the empty rows offered for new entries, as the page's script does."""
        new = {
            f"{kind}-{key}-"
            for kind, key in self.pairs
            if kind in ("session", "item", "segment", "person") and key.startswith("new-")
        }
        self.pairs = [
            pair
            for pair in self.pairs
            if not pair[1].startswith("new-") and not pair[0].startswith(tuple(new))
        ]

    def data(self) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {}
        for name, value in self.pairs:
            data.setdefault(name, []).append(value)
        return data


@pytest.fixture
def tenth() -> Meeting:
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug=SLUG)


@pytest.fixture
def officer(client):
    user = SecretariatFactory(first_name="Sara", last_name="Secretariat")
    client.force_login(user)
    return user


def editor_url(meeting: Meeting) -> str:
    return reverse("admin:meetings_meeting_programme", args=[meeting.pk])


def open_editor(client, meeting: Meeting) -> PageForm:
    response = client.get(editor_url(meeting))
    assert response.status_code == 200
    return PageForm(response.content.decode())


def test_the_meetings_page_links_to_the_editor(client, officer, tenth):
    response = client.get(reverse("admin:meetings_meeting_change", args=[tenth.pk]))
    assert f'href="{editor_url(tenth)}">Edit the Organization of work</a>' in response.text


def test_editor_shows_the_days_and_sessions_as_the_public_page(client, officer, tenth):
    text = client.get(editor_url(tenth)).text
    for heading in ("Thursday, 9 February 2012", "Friday, 10 February 2012"):
        assert f"<h3>{heading}</h3>" in text
    assert '<span class="session-times">10.00 – 13.00</span> <span dir="auto">Morning session' in (
        text
    )
    assert "10:00:00" not in text
    assert (
        "V. Migration and development: Recent contributions to the evidence base (continued)"
        in (text)
    )
    assert '<span class="pe-name">Item II</span>: <bdi>The Global Forum' in text
    assert "Professor François Crépeau, Special Rapporteur on the human rights of migrants" in text


def test_every_field_is_named_by_its_row(client, officer, tenth):
    text = client.get(editor_url(tenth)).text
    assert '<span class="visually-hidden pe-name">Session 2: </span>Starts</label>' in text
    assert '<span class="visually-hidden pe-name">Item II: </span>Title</label>' in text
    assert (
        '<span class="visually-hidden pe-name">Item III, presentation 2, person 1: </span>Person'
        in text
    )
    assert '<span class="visually-hidden pe-name">New session 1: </span>Date</label>' in text
    assert 'value="10:00"' in text


def big_meeting(items: int) -> Meeting:
    meeting = MeetingFactory()
    sessions = [
        SessionFactory(
            meeting=meeting, start_time=datetime.time(hour), end_time=datetime.time(hour + 2)
        )
        for hour in (9, 12, 15)
    ]
    for number in range(items):
        item = AgendaItemFactory(meeting=meeting, order=number + 1)
        item.sessions.set([sessions[number % 3]])
        segment = SegmentFactory(agenda_item=item)
        AppearanceFactory(agenda_item=item, segment=segment)
        AppearanceFactory(agenda_item=item, role=Role.MODERATOR)
    return meeting


def test_query_count_does_not_grow_with_the_programme(
    client, officer, tenth, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as small:
        client.get(editor_url(tenth))
    count = len(small.captured_queries)  # now: each request empties the log
    assert count <= 25
    large = big_meeting(30)
    with django_assert_max_num_queries(count):
        response = client.get(editor_url(large))
    assert response.text.count('class="pe-row pe-item"') >= 30


def test_the_page_without_javascript_stays_within_djangos_field_limit(client, officer, tenth):
    """A browser without JavaScript sends the empty rows too: for the Tenth meeting, fewer
    fields than Django accepts in one request (DATA_UPLOAD_MAX_NUMBER_FIELDS)."""
    form = open_editor(client, tenth)
    assert len(form.pairs) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    assert client.post(editor_url(tenth), form.data()).status_code == 302
