"""Saving the programme editor: everything in one save, reordering and removing, every error
keeping everything unsaved, a stale page refused, namesakes warned about, and a query count that
does not grow with the programme."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import AgendaItem, Appearance, Meeting, Person, Segment, Session
from tests.factories import SecretariatFactory
from tests.meetings import test_programme_editor_page as editor_page
from tests.meetings.test_programme_editor_page import PageForm, big_meeting, editor_url, open_editor

tenth = editor_page.tenth  # the demo's Tenth meeting
officer = editor_page.officer  # a Secretariat member, logged in

pytestmark = pytest.mark.django_db


def blank_key(form: PageForm, kind: str) -> str:
    return [key for key in form.values(kind) if key.startswith("new-")][-1]


def child_key(form: PageForm, kind: str, parent: str, parent_key: str) -> str:
    return next(
        key
        for key in form.values(kind)
        if key.startswith("new-") and form.get(f"{kind}-{key}-{parent}") == parent_key
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def public_programme(client, meeting: Meeting) -> str:
    return client.get(reverse("meetings:programme", kwargs={"slug": meeting.slug})).text


def test_one_save_adds_a_session_an_item_in_it_and_a_presentation_with_two_people(
    client, officer, tenth
):
    crepeau = Person.objects.get(family_name="Crépeau")
    form = open_editor(client, tenth)
    session = blank_key(form, "session")
    form.set(f"session-{session}-date", "2012-02-10")
    form.set(f"session-{session}-start_time", "18:30")
    form.set(f"session-{session}-end_time", "19:30")
    form.set(f"session-{session}-name", "Evening session")
    item = blank_key(form, "item")
    form.set(f"item-{item}-title", "Side event on data")
    form.tick(f"item-{item}-sessions", session)
    segment = child_key(form, "segment", "item", item)
    form.set(f"segment-{segment}-title", "A new study")
    form.set(f"segment-{segment}-session", session)
    speaker = child_key(form, "person", "segment", segment)
    form.set(f"person-{speaker}-new-given_name", "Ana")
    form.set(f"person-{speaker}-new-family_name", "Novak")
    form.set(f"person-{speaker}-new-position", "Researcher")
    form.add_row(  # as the page's script adds a row: a key that only the page knows
        "person", "new-900", item=item, segment=segment, person=str(crepeau.pk), role="speaker"
    )

    response = client.post(editor_url(tenth), form.data())

    assert response.status_code == 302, response.content.decode()[:3000]
    assert messages_of(response) == [
        "The Organization of work was saved: 1 session added, 1 agenda item added, "
        "1 presentation added, 2 people in the programme added."
    ]
    evening = Session.objects.get(meeting=tenth, name="Evening session")
    side_event = AgendaItem.objects.get(meeting=tenth, title="Side event on data")
    assert list(side_event.sessions.all()) == [evening]
    assert side_event.order == 8
    study = Segment.objects.get(agenda_item=side_event)
    assert (study.title, study.session, study.order) == ("A new study", evening, 1)
    people = list(
        study.appearances.order_by("order").values_list("person__family_name", "affiliation")
    )
    assert people == [
        ("Novak", "Researcher"),
        ("Crépeau", "Special Rapporteur on the human rights of migrants"),
    ]
    entry = LogEntry.objects.filter(object_id=str(tenth.pk), content_type__model="meeting").latest(
        "action_time"
    )
    assert entry.user == officer
    message = entry.get_change_message()
    assert "Added session “Evening session, 2012-02-10 18.30 – 19.30”." in message
    assert "Added person in the programme “Speaker, Side event on data”." in message
    assert "Novak" not in message  # who it is: in the item's history, which erasing withholds
    item_entry = LogEntry.objects.get(
        object_id=str(side_event.pk), content_type__model="agendaitem"
    )
    assert "Added person in the programme “Ana Novak (Speaker)”." in (
        item_entry.get_change_message()
    )
    page = public_programme(client, tenth)
    assert "18.30 – 19.30" in page
    assert (
        'Ana Novak</a>, <bdi>Researcher</bdi> and <a href="/people/francois-crepeau/" dir="auto">'
        "Professor <bdi>François Crépeau</bdi></a>, <bdi>Special Rapporteur on the human rights of "
        'migrants</bdi>. <span class="presentation-title" dir="auto">A new study</span>' in page
    )


def test_items_and_people_are_reordered(client, officer, tenth):
    form = open_editor(client, tenth)
    stored = [key for key in form.values("item") if not key.startswith("new-")]
    moved = [stored[0], stored[2], stored[1], *stored[3:]]
    form.order("item", [*moved, blank_key(form, "item")])
    response = client.post(editor_url(tenth), form.data())
    assert response.status_code == 302
    assert messages_of(response) == ["The Organization of work was saved: 2 agenda items changed."]
    titles = list(tenth.agenda_items.order_by("order").values_list("pk", flat=True))
    assert [str(pk) for pk in titles] == moved
    page = public_programme(client, tenth)
    assert page.index("II.</bdi></span> <bdi>The 2013 High-level Dialogue") < page.index(
        "III.</bdi></span> <bdi>The Global Forum"
    )


def test_rows_are_removed(client, officer, tenth):
    closing = AgendaItem.objects.get(meeting=tenth, title="Closing of the meeting")
    form = open_editor(client, tenth)
    form.tick(f"item-{closing.pk}-remove")
    response = client.post(editor_url(tenth), form.data())
    assert response.status_code == 302
    assert messages_of(response) == ["The Organization of work was saved: 1 agenda item removed."]
    assert not AgendaItem.objects.filter(pk=closing.pk).exists()
    assert not Appearance.objects.filter(agenda_item_id=closing.pk).exists()


def test_any_error_keeps_everything_unsaved_and_is_listed_at_the_top(client, officer, tenth):
    opening = AgendaItem.objects.get(meeting=tenth, title="Opening of the meeting")
    form = open_editor(client, tenth)
    form.set(f"item-{opening.pk}-title", "Opening, renamed")  # valid, but must not be saved
    session = blank_key(form, "session")
    form.set(f"session-{session}-date", "2012-02-10")
    form.set(f"session-{session}-start_time", "18:00")
    form.set(f"session-{session}-end_time", "17:00")
    item = blank_key(form, "item")
    form.tick(f"item-{item}-sessions", session)  # a new item without a title
    before = Session.objects.count(), AgendaItem.objects.count()

    response = client.post(editor_url(tenth), form.data())

    assert response.status_code == 200
    text = response.text
    assert "Please correct the 2 errors below: nothing was saved." in text
    assert (
        f'<a href="#id_session-{session}-end_time">New session 1, ends: A session must end '
        "after it starts.</a>" in text
    )
    assert f'<a href="#id_item-{item}-title">New item 1, title: This field is required.</a>' in text
    assert (Session.objects.count(), AgendaItem.objects.count()) == before
    opening.refresh_from_db()
    assert opening.title == "Opening of the meeting"
    # What was typed is still there.
    assert 'value="Opening, renamed"' in text


def test_a_presentation_takes_one_of_its_items_sessions(client, officer, tenth):
    opening = AgendaItem.objects.get(meeting=tenth, title="Opening of the meeting")
    afternoon = Session.objects.filter(meeting=tenth).order_by("date", "start_time")[1]
    form = open_editor(client, tenth)
    segment = child_key(form, "segment", "item", str(opening.pk))
    form.set(f"segment-{segment}-title", "Welcome")
    form.set(f"segment-{segment}-session", str(afternoon.pk))
    response = client.post(editor_url(tenth), form.data())
    assert response.status_code == 200
    assert (
        "Tick this session among the sessions of the item, or choose one of them." in response.text
    )
    assert not Segment.objects.filter(title="Welcome").exists()


def test_a_page_opened_before_someone_else_saved_is_refused(client, officer, tenth):
    form = open_editor(client, tenth)
    opening = AgendaItem.objects.get(meeting=tenth, title="Opening of the meeting")
    form.set(f"item-{opening.pk}-title", "Mine")
    other = AgendaItem.objects.get(meeting=tenth, title="Closing of the meeting")
    other.title = "Theirs"
    other.save()
    response = client.post(editor_url(tenth), form.data(), follow=True)
    assert "was changed by someone else after you opened this page" in response.text
    opening.refresh_from_db()
    assert opening.title == "Opening of the meeting"


def test_a_new_person_named_like_an_existing_one_is_asked_about(client, officer, tenth):
    crepeau = Person.objects.get(family_name="Crépeau")
    opening = AgendaItem.objects.get(meeting=tenth, title="Opening of the meeting")
    form = open_editor(client, tenth)
    row = child_key(form, "person", "item", str(opening.pk))
    form.set(f"person-{row}-new-given_name", "Francois")
    form.set(f"person-{row}-new-family_name", "CREPEAU")
    people = Person.objects.count()

    response = client.post(editor_url(tenth), form.data())

    assert response.status_code == 200
    assert "François Crépeau already exists" in response.text
    assert Person.objects.count() == people
    again = PageForm(response.text)
    assert f'value="{crepeau.pk}"' in response.text.split('class="pe-namesake"')[1][:2000]
    again.set(f"person-{row}-namesake", str(crepeau.pk))
    response = client.post(editor_url(tenth), again.data())
    assert response.status_code == 302
    assert Person.objects.count() == people
    assert Appearance.objects.filter(agenda_item=opening, person=crepeau).exists()


def test_this_is_another_person_creates_them(client, officer, tenth):
    opening = AgendaItem.objects.get(meeting=tenth, title="Opening of the meeting")
    form = open_editor(client, tenth)
    row = child_key(form, "person", "item", str(opening.pk))
    form.set(f"person-{row}-new-given_name", "François")
    form.set(f"person-{row}-new-family_name", "Crépeau")
    form.tick(f"person-{row}-new-another_person")
    response = client.post(editor_url(tenth), form.data())
    assert response.status_code == 302
    assert Person.objects.filter(family_name="Crépeau").count() == 2


def test_changing_the_person_takes_the_new_persons_affiliation(client, officer, tenth):
    crepeau = Person.objects.get(family_name="Crépeau")
    appearance = Appearance.objects.get(
        agenda_item__meeting=tenth, agenda_item__order=1, person__family_name="Hovy"
    )
    assert appearance.affiliation == appearance.person.default_affiliation()  # not typed
    form = open_editor(client, tenth)
    form.set(f"person-{appearance.pk}-person", str(crepeau.pk))
    response = client.post(editor_url(tenth), form.data())
    assert response.status_code == 302
    appearance.refresh_from_db()
    assert appearance.person == crepeau
    assert appearance.affiliation == "Special Rapporteur on the human rights of migrants"


def test_saving_asks_no_more_queries_for_a_longer_programme(
    client, officer, tenth, django_assert_max_num_queries
):
    def rename_first_item(meeting: Meeting) -> dict:
        form = open_editor(client, meeting)
        first = meeting.agenda_items.order_by("order", "pk").first()
        form.set(f"item-{first.pk}-title", "Renamed")
        form.drop_new_rows()  # as the page's script does: no empty rows
        return form.data()

    data = rename_first_item(tenth)
    with CaptureQueriesContext(connection) as small:
        assert client.post(editor_url(tenth), data).status_code == 302
    count = len(small.captured_queries)  # now: each request empties the log
    assert count <= 40
    large = big_meeting(30)
    data = rename_first_item(large)
    with django_assert_max_num_queries(count):
        assert client.post(editor_url(large), data).status_code == 302


def test_the_refusal_names_who_saved_in_between(client, officer, tenth):
    mine = open_editor(client, tenth)
    other = Client()
    other.force_login(SecretariatFactory(first_name="Omar", last_name="Officer"))
    theirs = open_editor(other, tenth)
    closing = AgendaItem.objects.get(meeting=tenth, title="Closing of the meeting")
    theirs.set(f"item-{closing.pk}-title", "Closing")
    assert other.post(editor_url(tenth), theirs.data()).status_code == 302

    opening = AgendaItem.objects.get(meeting=tenth, title="Opening of the meeting")
    mine.set(f"item-{opening.pk}-title", "Mine")
    response = client.post(editor_url(tenth), mine.data(), follow=True)
    assert "The Organization of work was changed by Omar Officer at " in response.text
    assert "Nothing you sent was saved" in response.text
    assert AgendaItem.objects.filter(meeting=tenth, title="Opening of the meeting").exists()


def test_presentations_are_reordered_and_a_person_removed(client, officer, tenth):
    dialogue = AgendaItem.objects.get(meeting=tenth, order=3)
    presentations = [
        str(pk) for pk in dialogue.segments.order_by("order").values_list("pk", flat=True)
    ]
    moderator = Appearance.objects.get(agenda_item=dialogue, segment=None)
    form = open_editor(client, tenth)
    sent = form.values("segment")
    start = sent.index(presentations[0])
    form.order("segment", [*sent[:start], *reversed(presentations), *sent[start + 3 :]])
    form.tick(f"person-{moderator.pk}-remove")

    response = client.post(editor_url(tenth), form.data())

    assert response.status_code == 302
    assert messages_of(response) == [
        "The Organization of work was saved: 2 presentations changed, "
        "1 person in the programme removed."
    ]
    order = [str(pk) for pk in dialogue.segments.order_by("order").values_list("pk", flat=True)]
    assert order == list(reversed(presentations))
    page = public_programme(client, tenth)
    assert page.index("Mr. <bdi>John Bingham") < page.index("Amb. <bdi>Eva Åkerman-Börje")
    assert "Luis Alfonso de Alba" not in page


def test_move_buttons_work_without_javascript(client, officer, tenth):
    dialogue = AgendaItem.objects.get(meeting=tenth, order=3)
    form = open_editor(client, tenth)
    form.tick("programme_move", f"item:{dialogue.pk}:up")
    response = client.post(editor_url(tenth), form.data())
    assert response.status_code == 200
    assert "Moved. Nothing is saved until you press" in response.text
    assert (
        f'<label for="id_item-{dialogue.pk}-title"><span class="visually-hidden pe-name">Item II: '
        in (response.text)
    )
    moved = PageForm(response.text)
    response = client.post(editor_url(tenth), moved.data())
    assert response.status_code == 302
    assert messages_of(response) == ["The Organization of work was saved: 2 agenda items changed."]
    second = tenth.agenda_items.order_by("order", "pk")[1]
    assert second == dialogue
