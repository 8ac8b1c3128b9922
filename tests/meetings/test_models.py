import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from meetings.models import AgendaItem, Appearance, Meeting, Session
from tests.factories import (
    AgendaItemFactory,
    HonorificFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    SegmentFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_session_ending_before_it_starts_is_refused_with_a_clear_message():
    session = SessionFactory.build(
        meeting=MeetingFactory(), start_time=datetime.time(13), end_time=datetime.time(10)
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["end_time"] == ["A session must end after it starts."]


def test_database_refuses_a_session_ending_before_it_starts():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError):
        Session.objects.create(
            meeting=meeting,
            date=meeting.start_date,
            start_time=datetime.time(13),
            end_time=datetime.time(13),
        )


def test_session_outside_the_meeting_dates_is_refused():
    meeting = MeetingFactory(
        start_date=datetime.date(2012, 2, 9), end_date=datetime.date(2012, 2, 10)
    )
    session = SessionFactory.build(meeting=meeting, date=datetime.date(2012, 2, 11))
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["date"] == [
        "The meeting runs from 2012-02-09 to 2012-02-10; this date is outside it."
    ]


def test_meeting_ending_before_it_starts_is_refused():
    meeting = MeetingFactory.build(
        start_date=datetime.date(2012, 2, 10), end_date=datetime.date(2012, 2, 9)
    )
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert error.value.message_dict["end_date"] == ["The meeting cannot end before it starts."]


def test_two_meetings_cannot_share_a_slug():
    MeetingFactory(slug="tenth")
    duplicate = MeetingFactory.build(slug="tenth")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict["slug"] == ["Another meeting already has this slug."]


def test_unknown_time_zone_is_refused():
    meeting = MeetingFactory.build(time_zone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "is not a time zone name" in error.value.message_dict["time_zone"][0]


def test_moving_meeting_dates_away_from_its_sessions_is_refused():
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting, date=meeting.end_date)
    meeting.end_date = meeting.start_date
    with pytest.raises(ValidationError, match="falls outside these dates"):
        meeting.full_clean()


def test_agenda_items_are_numbered_by_order_without_typing_numerals():
    meeting = MeetingFactory()
    third = AgendaItemFactory(meeting=meeting, order=30, title="Closing")
    first = AgendaItemFactory(meeting=meeting, order=10, title="Opening")
    second = AgendaItemFactory(meeting=meeting, order=20, title="Debate")
    AgendaItemFactory(order=1)  # another meeting's item does not shift the numbering
    numbered = {item.pk: item.number for item in AgendaItem.objects.with_number()}
    assert (numbered[first.pk], numbered[second.pk], numbered[third.pk]) == (1, 2, 3)
    assert third.numeral == "III"
    assert str(AgendaItem.objects.with_number().get(pk=second.pk)) == "II. Debate"


def test_new_agenda_item_goes_to_the_end():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, order=5)
    later = AgendaItem.objects.create(meeting=meeting, title="Any other business")
    assert later.order == 6


def test_appearance_keeps_the_affiliation_shown_at_that_meeting():
    person = PersonFactory(
        honorific=HonorificFactory(name="Amb."),
        given_name="Luis Alfonso",
        family_name="de Alba",
        position="Permanent Representative of Mexico to the United Nations",
    )
    appearance = Appearance.objects.create(agenda_item=AgendaItemFactory(), person=person)
    person.position = "Ambassador to Austria"
    person.save()
    appearance.refresh_from_db()
    assert appearance.label == (
        "Amb. Luis Alfonso de Alba, Permanent Representative of Mexico to the United Nations"
    )


def test_affiliation_defaults_to_the_organization_with_its_parent():
    desa = OrganizationFactory(name="Department of Economic and Social Affairs", acronym="DESA")
    division = OrganizationFactory(name="Population Division", parent=desa)
    person = PersonFactory(
        given_name="Bela", family_name="Hovy", position="", organization=division
    )
    assert person.default_affiliation() == "Population Division, DESA"


def test_person_slug_is_made_from_a_unicode_name_and_kept_unique():
    first = PersonFactory(given_name="Eva", family_name="Åkerman-Börje")
    second = PersonFactory(given_name="Eva", family_name="Åkerman-Börje")
    assert first.slug == "eva-akerman-borje"
    assert second.slug == "eva-akerman-borje-2"
    assert first.display_name == "Eva Åkerman-Börje"


def test_segment_session_must_belong_to_the_same_meeting():
    segment = SegmentFactory.build(agenda_item=AgendaItemFactory(), session=SessionFactory())
    with pytest.raises(ValidationError) as error:
        segment.full_clean()
    assert error.value.message_dict["session"] == ["Choose a session of this item's own meeting."]


def test_appearance_segment_must_belong_to_its_item():
    appearance = Appearance(
        agenda_item=AgendaItemFactory(), segment=SegmentFactory(), person=PersonFactory()
    )
    with pytest.raises(ValidationError) as error:
        appearance.full_clean()
    assert error.value.message_dict["segment"] == [
        "This presentation belongs to another agenda item."
    ]


def test_published_upcoming_and_past():
    today = datetime.date(2026, 11, 29)
    past = MeetingFactory(start_date=datetime.date(2012, 2, 9), end_date=datetime.date(2012, 2, 10))
    current = MeetingFactory(
        start_date=datetime.date(2026, 11, 28), end_date=datetime.date(2026, 11, 30)
    )
    MeetingFactory(status="draft", start_date=today, end_date=today)
    published = Meeting.objects.published()
    assert list(published.upcoming(today)) == [current]
    assert list(published.past(today)) == [past]


def test_submission_window_opens_and_closes_and_may_stay_open():
    opens = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
    meeting = MeetingFactory.build(submissions_open=opens, submissions_close=None)
    assert not meeting.submissions_are_open(opens - datetime.timedelta(seconds=1))
    assert meeting.submissions_are_open(opens)
    assert meeting.submissions_are_open(opens + datetime.timedelta(days=3650))
    meeting.submissions_close = opens + datetime.timedelta(days=7)
    assert not meeting.submissions_are_open(meeting.submissions_close)
    assert not MeetingFactory.build(submissions_open=None).submissions_are_open(opens)


def test_submissions_must_close_after_they_open():
    opens = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
    meeting = MeetingFactory.build(submissions_open=opens, submissions_close=opens)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert error.value.message_dict["submissions_close"] == [
        "Submissions must close after they open."
    ]
