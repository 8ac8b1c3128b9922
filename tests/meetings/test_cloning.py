"""Plan the next edition: the Tenth copied into a draft of the Twelfth (the demo already holds the
Eleventh), every copied row checked, every phrase the review page flags, who may do it, and a
failure half-way that stores nothing."""

import datetime
import html

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from pytest_django.asserts import assertContains

from accounts.models import User
from meetings.cloning import (
    meeting_clone,
    old_edition_mentions,
    ordinal_figure,
    ordinal_word,
    week_offset,
)
from meetings.models import (
    AgendaItem,
    Appearance,
    Meeting,
    MeetingStatus,
    Objective,
    Person,
    Segment,
    Session,
)
from meetings.signals import meeting_cloned
from participants.models import Registration
from tests.factories import MembershipFactory, SecretariatFactory, StaffFactory

pytestmark = pytest.mark.django_db

TENTH_SLUG = "tenth-coordination-meeting"
# The Eleventh is in the demo: its next free edition is the Twelfth, on the Thursday 54 weeks on.
START = datetime.date(2013, 2, 21)
OFFSET = datetime.timedelta(weeks=54)


@pytest.fixture
def tenth() -> Meeting:
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug=TENTH_SLUG)


@pytest.fixture
def admin_user(tenth) -> User:
    return User.objects.get(email="admin@example.org")


def text(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def clone_url(meeting: Meeting) -> str:
    return reverse("admin:meetings_meeting_clone", args=[meeting.pk])


def test_ordinals_in_words_and_figures():
    assert [ordinal_word(n) for n in (1, 10, 11, 12, 20, 21, 67)] == [
        "first",
        "tenth",
        "eleventh",
        "twelfth",
        "twentieth",
        "twenty-first",
        "sixty-seventh",
    ]
    assert [ordinal_figure(n) for n in (1, 2, 3, 10, 11, 12, 13, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "10th",
        "11th",
        "12th",
        "13th",
        "22nd",
    ]


def test_offset_is_the_whole_number_of_weeks_nearest_the_date_asked():
    thursday = datetime.date(2012, 2, 9)
    assert week_offset(thursday, datetime.date(2013, 2, 21)) == datetime.timedelta(weeks=54)
    # A Saturday asked: the nearest Thursday, two days earlier.
    assert week_offset(thursday, datetime.date(2013, 2, 23)) == datetime.timedelta(weeks=54)
    assert week_offset(thursday, datetime.date(2013, 2, 9)) == datetime.timedelta(weeks=52)


def test_clone_copies_every_row_with_dates_moved_and_weekdays_kept(tenth, admin_user):
    crepeau = Person.objects.get(slug="francois-crepeau")
    crepeau.position = "Professor, McGill University"
    crepeau.save()

    copy = meeting_clone(meeting=tenth, edition=12, start_date=START, by=admin_user)

    assert copy.status == MeetingStatus.DRAFT
    assert copy.title == "Twelfth Coordination Meeting on International Migration"
    assert copy.slug == "twelfth-coordination-meeting"
    assert (copy.series, copy.edition, copy.organizer) == (tenth.series, 12, tenth.organizer)
    assert (copy.venue, copy.city, copy.country, copy.time_zone) == (
        tenth.venue,
        tenth.city,
        tenth.country,
        tenth.time_zone,
    )
    assert (copy.start_date, copy.end_date) == (
        datetime.date(2013, 2, 21),
        datetime.date(2013, 2, 22),
    )
    for name in ("summary", "description", "mandate", "expected_outcome"):
        assert getattr(copy, name) == getattr(tenth, name)
    # 9.00 in New York on 9 January 2012, 54 weeks later: 9.00 in New York on 21 January 2013.
    assert copy.submissions_open.astimezone(copy.zone).replace(tzinfo=None) == datetime.datetime(
        2013, 1, 21, 9, 0
    )
    assert copy.submissions_close is None

    old_sessions = list(tenth.sessions.order_by("date", "start_time"))
    new_sessions = list(copy.sessions.order_by("date", "start_time"))
    assert len(new_sessions) == len(old_sessions) == 4
    for old, new in zip(old_sessions, new_sessions, strict=True):
        assert new.date == old.date + OFFSET
        assert new.date.weekday() == old.date.weekday()
        assert (new.start_time, new.end_time, new.name, new.room) == (
            old.start_time,
            old.end_time,
            old.name,
            old.room,
        )

    assert list(copy.objectives.values_list("order", "text")) == list(
        tenth.objectives.values_list("order", "text")
    )
    assert Objective.objects.filter(meeting=copy).count() == 3

    def programme(meeting):
        rows = []
        for item in meeting.agenda_items.order_by("order", "pk"):
            sessions = [(s.date - meeting.start_date, s.start_time) for s in item.sessions.all()]
            segments = [
                (s.order, s.title, s.session and s.session.date - meeting.start_date)
                for s in item.segments.order_by("order", "pk")
            ]
            people = [
                (a.segment and a.segment.title, a.person_id, a.role, a.order)
                for a in item.appearances.order_by("order", "pk")
            ]
            rows.append(
                (item.order, item.title, item.description, sorted(sessions), segments, people)
            )
        return rows

    assert programme(copy) == programme(tenth)
    assert AgendaItem.objects.filter(meeting=copy).count() == 7
    assert Segment.objects.filter(agenda_item__meeting=copy).count() == 6
    assert Appearance.objects.filter(agenda_item__meeting=copy).count() == 9
    assert Session.objects.filter(meeting=tenth).count() == 4  # the Tenth keeps its own

    # Every appearance takes the person's current affiliation; the Tenth keeps what it showed.
    for appearance in Appearance.objects.filter(agenda_item__meeting=copy).select_related(
        "person__organization"
    ):
        assert appearance.affiliation == appearance.person.default_affiliation()
    assert (
        Appearance.objects.get(agenda_item__meeting=copy, person=crepeau).affiliation
        == "Professor, McGill University"
    )
    assert (
        Appearance.objects.get(agenda_item__meeting=tenth, person=crepeau).affiliation
        == "Special Rapporteur on the human rights of migrants"
    )

    registration, old = (
        Registration.objects.get(meeting=copy),
        Registration.objects.get(meeting=tenth),
    )
    assert (registration.opens_on, registration.closes_on) == (
        old.opens_on + OFFSET,
        old.closes_on + OFFSET,
    )
    assert registration.list_published is False
    assert old.list_published is True
    assert (registration.capacity, registration.letter_required) == (
        old.capacity,
        old.letter_required,
    )

    entry = LogEntry.objects.get(object_id=str(copy.pk), content_type__model="meeting")
    assert (entry.user, entry.action_flag) == (admin_user, ADDITION)
    assert entry.change_message.startswith(
        "Planned from “Tenth Coordination Meeting on International Migration”, every date "
        "378 days later."
    )


def test_review_page_flags_every_phrase_naming_the_tenth(client, tenth, admin_user):
    client.force_login(admin_user)
    response = client.post(clone_url(tenth), {"edition": 12, "start_date": "2028-02-17"})
    copy = Meeting.objects.get(edition=12)
    review = reverse("admin:meetings_meeting_clone_review", args=[copy.pk, tenth.pk])
    assert response.status_code == 302
    assert response["Location"] == review

    response = client.get(review)
    all_mentions = [row.mention for row in response.context["rows"]]
    # The years next to the Tenth's are offered too, as phrases that may need moving.
    assert [(m.field, m.phrase) for m in all_mentions if not m.likely] == [
        ("summary", "2013"),
        ("objective 1", "2013"),
        ("objective 2", "2011"),
        ("agenda item III title", "2013"),
        ("agenda item III, presentation 1 title", "2013"),
        ("agenda item III, presentation 2 title", "2013"),
        ("agenda item III, presentation 3 title", "2013"),
        ("agenda item IV, presentation 2 title", "2013"),
    ]
    mentions = [m for m in all_mentions if m.likely]
    assert [(m.field, m.phrase) for m in mentions] == [
        ("description", "Tenth"),
        ("expected outcome", "sixty-seventh"),
        ("objective 1", "sixty-eighth"),
        ("objective 2", "2012"),
    ]
    change = reverse("admin:meetings_meeting_change", args=[copy.pk])
    assert {m.edit_url for m in mentions} == {change}
    page = response.content.decode()
    assert (
        "The Population Division of the Department of Economic and Social Affairs of the United "
        "Nations is organizing the <mark>Tenth</mark> Coordination Meeting on International "
        "Migration."
    ) in page
    assert (
        "To examine the cooperation between international organizations and the 2011 and "
        "<mark>2012</mark> editions of the Global Forum on Migration and Development."
    ) in page
    assertContains(response, f'<a href="{change}">Edit expected outcome</a>', html=True)
    assert "12 phrases still name “Tenth Coordination Meeting on International Migration”" in text(
        response
    )


def test_review_flags_dates_figures_and_agenda_texts(tenth, admin_user):
    copy = meeting_clone(meeting=tenth, edition=12, start_date=START, by=admin_user)
    item = copy.agenda_items.order_by("order").first()
    item.description = "Held on 9–10 February 2012, the 10th meeting. Then on 10 February."
    item.save()
    session = copy.sessions.order_by("date", "start_time").first()
    session.name = "Tenth morning"
    session.save()

    mentions = old_edition_mentions(copy=copy, original=tenth, edit_url=lambda k, pk: f"{k}:{pk}")
    found = [(m.field, m.phrase, m.edit_url) for m in mentions]
    assert (f"session “{session}” name", "Tenth", f"session:{session.pk}") in found
    assert [(f, p) for f, p, _url in found if f == "agenda item I description"] == [
        ("agenda item I description", "9–10 February 2012"),
        ("agenda item I description", "10th"),
        ("agenda item I description", "10 February"),
    ]


def test_plan_the_next_edition_form_offers_the_next_free_edition_a_year_on(
    client, tenth, admin_user
):
    client.force_login(admin_user)
    response = client.get(clone_url(tenth))
    assert response.status_code == 200
    form = response.context["form"]
    # A year after the series' latest meeting, the Eleventh, on the Tenth's weekday.
    eleventh = Meeting.objects.get(series=tenth.series, edition=11)
    proposed = eleventh.start_date + datetime.timedelta(weeks=52)
    assert form.initial == {"edition": 12, "start_date": proposed}
    assert "Documents are not copied, unless you tick “Also copy the documents” below." in text(
        response
    )
    assertContains(
        response,
        '<input type="checkbox" name="copy_documents" id="id_copy_documents"'
        ' aria-describedby="id_copy_documents_helptext">',
        html=True,
    )

    response = client.post(clone_url(tenth), {"edition": 11, "start_date": "2013-02-21"})
    assert response.status_code == 200
    assert f"This series already has edition 11: {eleventh.title}." in text(response)
    assertContains(
        response,
        f'<a href="{reverse("admin:meetings_meeting_change", args=[eleventh.pk])}">'
        f"{eleventh.title}</a>",
        html=True,
    )
    assert not Meeting.objects.filter(title__startswith="Eleventh", status="draft").exists()


def test_the_clone_form_passes_the_choice_to_copy_documents_to_the_apps(client, tenth, admin_user):
    """meetings cannot import papers: the choice reaches it through meeting_cloned's options."""
    received = []

    def note(*, options, **_kwargs):
        received.append(options)
        return ["noted"]

    meeting_cloned.connect(note, dispatch_uid="test_note_options")
    client.force_login(admin_user)
    try:
        data = {"edition": 12, "start_date": "2028-02-17"}
        client.post(clone_url(tenth), data)
        later = {"edition": 13, "start_date": "2029-02-15", "copy_documents": "on"}
        client.post(clone_url(tenth), later)
        meeting_clone(meeting=tenth, edition=14, start_date=START, by=admin_user)
    finally:
        meeting_cloned.disconnect(dispatch_uid="test_note_options")
    assert received == [{"copy_documents": False}, {"copy_documents": True}, {}]
    twelfth = Meeting.objects.get(series=tenth.series, edition=12)
    entry = LogEntry.objects.get(
        content_type__model="meeting", object_id=str(twelfth.pk), action_flag=ADDITION
    )
    assert entry.change_message.endswith(" noted")


def test_meeting_page_has_the_button_and_the_list_the_action(client, tenth, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:meetings_meeting_change", args=[tenth.pk]))
    assertContains(response, f'<a href="{clone_url(tenth)}">Plan the next edition</a>', html=True)

    changelist = reverse("admin:meetings_meeting_changelist")
    response = client.post(
        changelist, {"action": "plan_next_edition", "_selected_action": [str(tenth.pk)]}
    )
    assert response.status_code == 302
    assert response["Location"] == clone_url(tenth)

    both = [str(pk) for pk in Meeting.objects.values_list("pk", flat=True)[:2]]
    response = client.post(
        changelist, {"action": "plan_next_edition", "_selected_action": both}, follow=True
    )
    assert "Choose one meeting to plan its next edition." in text(response)


def test_only_staff_who_may_add_meetings_plan_an_edition(client, tenth):
    url = clone_url(tenth)
    data = {"edition": 12, "start_date": "2028-02-17"}
    before = Meeting.objects.count()

    response = client.post(url, data)  # anonymous
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))

    client.force_login(MembershipFactory().user)  # a focal point
    assert client.post(url, data).status_code == 302

    staff = StaffFactory()
    staff.user_permissions.add(Permission.objects.get(codename="change_meeting"))
    client.force_login(staff)
    assert client.post(url, data).status_code == 403
    response = client.get(reverse("admin:meetings_meeting_change", args=[tenth.pk]))
    assert "Plan the next edition" not in text(response)
    assert Meeting.objects.count() == before

    client.force_login(SecretariatFactory())
    assert client.post(url, data).status_code == 302
    assert Meeting.objects.count() == before + 1


def test_a_failure_half_way_stores_nothing(tenth, admin_user):
    counts = [
        model.objects.count()
        for model in (Meeting, Session, AgendaItem, Segment, Appearance, Objective, Registration)
    ]
    entries = LogEntry.objects.count()

    def fail(**kwargs):
        raise RuntimeError("half-way")

    meeting_cloned.connect(fail, dispatch_uid="test_fail_half_way")
    try:
        with pytest.raises(RuntimeError, match="half-way"):
            meeting_clone(meeting=tenth, edition=12, start_date=START, by=admin_user)
    finally:
        meeting_cloned.disconnect(dispatch_uid="test_fail_half_way")

    assert [
        model.objects.count()
        for model in (Meeting, Session, AgendaItem, Segment, Appearance, Objective, Registration)
    ] == counts
    assert LogEntry.objects.count() == entries


def test_review_page_queries_do_not_grow_with_the_programme(client, tenth, admin_user):
    copy = meeting_clone(meeting=tenth, edition=12, start_date=START, by=admin_user)
    client.force_login(admin_user)
    review = reverse("admin:meetings_meeting_clone_review", args=[copy.pk, tenth.pk])
    client.get(review)  # warm the session and content types
    with CaptureQueriesContext(connection) as small:
        client.get(review)
    for n in range(5):
        item = AgendaItem.objects.create(meeting=copy, title=f"Tenth item {n}")
        Segment.objects.create(agenda_item=item, title="In 2012")
        Objective.objects.create(meeting=copy, text="The tenth again")
    with CaptureQueriesContext(connection) as large:
        response = client.get(review)
    assert len(response.context["rows"]) == 4 + 8 + 15
    assert len(large) == len(small)


def test_staff_working_in_french_plan_an_edition_whose_labels_keep_their_translations(
    tenth, admin_user, client
):
    with translation.override("fr"):
        copy = meeting_clone(meeting=tenth, edition=12, start_date=START, by=admin_user)
    copy = Meeting.objects.get(pk=copy.pk)
    # English in the original columns, whichever language the staff member worked in.
    assert copy.title_en == "Twelfth Coordination Meeting on International Migration"
    assert copy.__dict__["title"] == copy.title_en
    # Labels that name no edition keep their French and Spanish.
    assert (copy.venue_fr, copy.city_es) == (
        "Siège de l'Organisation des Nations Unies",
        "Nueva York",
    )
    first = copy.agenda_items.order_by("order").first()
    assert (first.title_fr, first.title_es) == ("Ouverture de la réunion", "Apertura de la reunión")
    sessions = {session.name_fr for session in copy.sessions.all()}
    assert "Séance du matin" in sessions
    # Texts that name the edition are copied in English only: their translations said "dixième".
    assert (copy.title_fr, copy.summary_fr) == (None, None)
    assert "dixième" in tenth.description_fr.lower()
    assert not copy.description_fr

    copy.status = MeetingStatus.PUBLISHED
    copy.save()
    french = client.get(f"/fr/meetings/{copy.slug}/programme/").content.decode()
    assert "Ouverture de la réunion" in french
    assert '<h1 dir="auto" lang="en">Twelfth Coordination Meeting' in french
