"""A meeting's History page: its own fields and its programme's rows, field by field, with who
and when, and the admin log's own lines ("Published.")."""

import datetime

import pytest
from django.urls import reverse

from meetings.cloning import meeting_clone
from meetings.models import Appearance, Meeting, MeetingStatus, Objective, Person, Session
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    MeetingFactory,
    ObjectiveFactory,
    PersonFactory,
    SegmentFactory,
    SessionFactory,
)
from tests.history.helpers import changes, entries, form_data, history_url, inline_key, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = MeetingFactory(
        title="Tenth Coordination Meeting", slug="tenth", status=MeetingStatus.DRAFT
    )
    session = SessionFactory(meeting=meeting, name="Morning session")
    item = AgendaItemFactory(meeting=meeting, title="Opening of the meeting", order=1)
    item.sessions.add(session)
    AppearanceFactory(
        agenda_item=item,
        person=PersonFactory(given_name="Bela", family_name="Hovy", position="Chief"),
    )
    return meeting


def test_a_changed_title_shows_old_and_new_with_the_user_and_time(officer_client, meeting):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(officer_client.get(url))
    data["title_en"] = "Tenth Coordination Meeting on International Migration"
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]

    page = officer_client.get(history_url(meeting))
    assert page.status_code == 200
    newest = entries(page)[0]
    assert newest.by == "Sara Officer"
    assert newest.action == "Changed"
    assert newest.subject == ""
    assert changes(newest) == [
        "Title: Tenth Coordination Meeting → Tenth Coordination Meeting on International Migration"
    ]
    assert abs(newest.at - Meeting.history.latest().history_date) < datetime.timedelta(seconds=1)
    assert (
        "Title: Tenth Coordination Meeting → Tenth Coordination Meeting on International "
        "Migration" in text(page)
    )
    # The admin's own "Changed Title." says less than the record: it is not shown twice.
    assert "Changed Title." not in text(page)


def test_a_session_moved_and_a_speaker_swapped_are_both_in_the_meetings_history(
    officer_client, meeting
):
    meeting_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(officer_client.get(meeting_url))
    session = meeting.sessions.get()
    data[inline_key(data, "-name_en", "Morning session")] = "Opening session"
    response = officer_client.post(meeting_url, data)
    assert response.status_code == 302, response.context["errors"]

    item = meeting.agenda_items.get()
    appearance = item.appearances.get()
    crepeau = PersonFactory(
        given_name="François", family_name="Crépeau", position="Special Rapporteur"
    )
    item_url = reverse("admin:meetings_agendaitem_change", args=[item.pk])
    data = form_data(officer_client.get(item_url))
    data[inline_key(data, "-person", str(appearance.person_id))] = str(crepeau.pk)
    response = officer_client.post(item_url, data)
    assert response.status_code == 302, response.context["errors"]

    page = officer_client.get(history_url(meeting))
    found = {(entry.subject, entry.action): changes(entry) for entry in entries(page)}
    session_label = f"Session “Opening session, {session.date.isoformat()} 10.00 – 13.00”"
    assert found[(session_label, "Changed")] == ["Name: Morning session → Opening session"]
    swapped = found[("Person in the programme “François Crépeau (Speaker)”", "Changed")]
    assert swapped == [
        "Person: Bela Hovy → François Crépeau",
        "Affiliation as shown: Chief → Special Rapporteur",
    ]
    assert all(entry.by == "Sara Officer" for entry in entries(page)[:2])


def test_an_items_sessions_are_listed_by_name(officer_client, meeting):
    item = meeting.agenda_items.get()
    afternoon = SessionFactory(meeting=meeting, name="Afternoon session")
    item.sessions.add(afternoon)
    page = officer_client.get(history_url(meeting))
    newest = entries(page)[0]
    assert newest.subject == "Agenda item “Opening of the meeting”"
    morning = meeting.sessions.get(name="Morning session")
    assert changes(newest) == [f"Sessions: {morning} → {afternoon}; {morning}"]


def test_publishing_through_the_confirmation_is_recorded_with_the_user(officer_client, meeting):
    response = officer_client.post(
        reverse("admin:meetings_meeting_publish", args=[meeting.pk]), {"note": ""}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    record = Meeting.history.filter(id=meeting.pk).latest()
    assert record.history_user.email == "sara@un.example"

    page = officer_client.get(history_url(meeting))
    actions = [(entry.action, changes(entry), entry.by) for entry in entries(page)]
    assert ("Changed", ["Status: Draft → Published"], "Sara Officer") in actions
    assert ("Published.", [], "Sara Officer") in actions


def test_planning_the_next_edition_records_every_copied_row_by_who_planned_it(officer, meeting):
    ObjectiveFactory(meeting=meeting, text="Take stock of migration")
    SegmentFactory(agenda_item=meeting.agenda_items.get(), title="Remittances")
    copy = meeting_clone(
        meeting=meeting, edition=11, start_date=datetime.date(2013, 2, 7), by=officer
    )
    objective = Objective.objects.get(meeting=copy)
    assert objective.history.get().history_user == officer
    appearance = Appearance.objects.get(agenda_item__meeting=copy)
    assert appearance.history.get().history_user == officer
    assert Meeting.history.get(id=copy.pk).history_user == officer
    assert Session.history.filter(meeting_id=copy.pk).count() == 1


def test_a_deleted_session_stays_in_the_history(officer_client, meeting):
    session = SessionFactory(meeting=meeting, name="Evening session")
    label = f"Session “Evening session, {session.date.isoformat()} 10.00 – 13.00”"
    session.delete()
    page = officer_client.get(history_url(meeting))
    assert [entry.action for entry in entries(page) if entry.subject == label] == [
        "Deleted",
        "Added",
    ]


def _programme(meeting, size: int) -> None:
    for n in range(size):
        session = SessionFactory(meeting=meeting, name=f"Session {n}")
        item = AgendaItemFactory(meeting=meeting, title=f"Item {n}")
        item.sessions.add(session)
        segment = SegmentFactory(agenda_item=item, session=session)
        appearance = AppearanceFactory(agenda_item=item, segment=segment)
        appearance.person = Person.objects.create(family_name=f"Other {n}")
        appearance.save()
        ObjectiveFactory(meeting=meeting)
        meeting.title = f"Title {n}"
        meeting.save()


@pytest.mark.parametrize("size", [1, 12])
def test_the_history_page_costs_the_same_however_long_the_history(
    officer_client, meeting, size, django_assert_max_num_queries
):
    _programme(meeting, size)
    officer_client.get(history_url(meeting))  # the session, permissions and content types
    with django_assert_max_num_queries(18):
        page = officer_client.get(history_url(meeting))
    assert page.status_code == 200
    assert len(entries(page)) >= 7 * size


def test_a_long_text_shows_the_part_that_changed(officer_client, meeting):
    words = " ".join(f"word{n}" for n in range(100))
    meeting.description = words
    meeting.save()
    meeting.description = words.replace("word50", "WORD-FIFTY")
    meeting.save()
    newest = entries(officer_client.get(history_url(meeting)))[0]
    assert changes(newest) == [
        "Description: …word44 word45 word46 word47 word48 word49 word50 word51 word52 word53"
        " word54 word55 word56…"
        " → …word44 word45 word46 word47 word48 word49 WORD-FIFTY word51 word52 word53"
        " word54 word55 word56…"
    ]


def test_text_saved_again_with_browser_line_ends_is_no_change(officer_client, meeting):
    meeting.description = "First line.\nSecond line."
    meeting.save()
    meeting.description = "First line.\r\nSecond line."
    meeting.save()
    newest = entries(officer_client.get(history_url(meeting)))[0]
    assert changes(newest) == ["Description: — → First line.\nSecond line."]
