import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from meetings.models import (
    AgendaItem,
    Appearance,
    Honorific,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Person,
    Role,
    Segment,
    Session,
)
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    HonorificFactory,
    MeetingFactory,
    ObjectiveFactory,
    OrganizationFactory,
    PersonFactory,
    SecretariatFactory,
    SegmentFactory,
    SeriesFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REGISTERED = [AgendaItem, Honorific, Meeting, MeetingSeries, Person, Segment, Session]


def admin_urls(model, obj) -> list[str]:
    opts = model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    return [
        reverse(f"{prefix}_changelist"),
        reverse(f"{prefix}_add"),
        reverse(f"{prefix}_change", args=[obj.pk]),
    ]


def management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    """The hidden fields every inline formset posts."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_data(**fields) -> dict[str, str]:
    return {
        "title_en": "Expert group meeting on migration",
        "slug": "egm-migration",
        "status": MeetingStatus.DRAFT,
        "start_date": "2012-02-09",
        "end_date": "2012-02-10",
        "time_zone": "America/New_York",
        # What the form shows filled in: each organization's limits for this meeting.
        "papers_per_organization": "20",
        "megabytes_per_organization": "250",
        **management("objectives"),
        **management("sessions"),
        **management("agenda_items"),
        **fields,
    }


@pytest.fixture
def programme():
    """One object of every model, linked as a real programme links them."""
    organization = OrganizationFactory()
    meeting = MeetingFactory(series=SeriesFactory(), organizer=organization)
    ObjectiveFactory(meeting=meeting)
    session = SessionFactory(meeting=meeting)
    item = AgendaItemFactory(meeting=meeting)
    item.sessions.add(session)
    segment = SegmentFactory(agenda_item=item, session=session)
    person = PersonFactory(honorific=HonorificFactory(), organization=organization)
    AppearanceFactory(agenda_item=item, segment=segment, person=person)
    return {
        AgendaItem: item,
        Honorific: person.honorific,
        Meeting: meeting,
        MeetingSeries: meeting.series,
        Person: person,
        Segment: segment,
        Session: session,
    }


@pytest.fixture
def secretariat_client(client):
    client.force_login(SecretariatFactory())
    return client


def test_every_meetings_model_with_a_page_is_registered():
    registered = {model for model in admin.site._registry if model._meta.app_label == "meetings"}
    assert registered == set(REGISTERED)


@pytest.mark.parametrize("model", REGISTERED)
def test_superuser_sees_every_page(admin_client, programme, model):
    for url in admin_urls(model, programme[model]):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize("model", REGISTERED)
def test_secretariat_sees_every_page(secretariat_client, programme, model):
    for url in admin_urls(model, programme[model]):
        response = secretariat_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("model", REGISTERED)
def test_anonymous_is_sent_to_login(client, programme, model):
    for url in admin_urls(model, programme[model]):
        assertRedirects(client.get(url), f"{reverse('admin:login')}?next={url}")


@pytest.mark.parametrize("model", REGISTERED)
def test_user_who_is_not_staff_is_sent_to_login(client, programme, model):
    client.force_login(UserFactory())
    for url in admin_urls(model, programme[model]):
        assertRedirects(client.get(url), f"{reverse('admin:login')}?next={url}")


def test_staff_outside_the_secretariat_sees_no_meetings(client, programme):
    client.force_login(StaffFactory())
    assert client.get(reverse("admin:meetings_meeting_changelist")).status_code == 403


def test_secretariat_group_has_exactly_the_permissions_staff_need():
    group = Group.objects.get(name="Secretariat")
    granted = {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    actions = ["add", "change", "delete", "view"]
    meetings_models = [
        "agendaitem",
        "appearance",
        "honorific",
        "meeting",
        "meetingseries",
        "objective",
        "person",
        "segment",
        "session",
    ]
    expected = {f"meetings.{action}_{model}" for model in meetings_models for action in actions}
    expected |= {f"accounts.{action}_organization" for action in actions}
    expected |= {"accounts.view_user"}
    # Focal points: staff invite them and manage who belongs to which organization.
    expected |= {
        f"accounts.{action}_{model}" for action in actions for model in ("invitation", "membership")
    }
    # Documents and their versions are never deleted (papers migration 0002).
    expected |= {f"papers.{action}_documentcategory" for action in actions}
    expected |= {"papers.add_document", "papers.change_document", "papers.view_document"}
    expected |= {"papers.add_documentversion", "papers.view_documentversion"}
    # Nominations are decided, never deleted; only a check-in marked by mistake is (participants
    # migration 0002).
    expected |= {f"participants.{action}_registration" for action in ("add", "change", "view")}
    expected |= {f"participants.{action}_nomination" for action in ("add", "change", "view")}
    expected |= {"participants.view_nominationevent"}
    expected |= {f"participants.{action}_checkin" for action in ("add", "delete", "view")}
    assert granted == expected


def test_meeting_list_shows_dates_and_series(admin_client):
    MeetingFactory(title="Expert group meeting", series=SeriesFactory(name="EGM series"))
    response = admin_client.get(reverse("admin:meetings_meeting_changelist"))
    assertContains(response, "Expert group meeting")
    assertContains(response, "9–10 February 2012")
    assertContains(response, "EGM series")


def test_agenda_item_list_shows_the_numeral(admin_client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, title="Opening")
    AgendaItemFactory(meeting=meeting, title="Adoption of the agenda")
    response = admin_client.get(reverse("admin:meetings_agendaitem_changelist"))
    assertContains(response, "I. Opening")
    assertContains(response, "II. Adoption of the agenda")


@pytest.mark.parametrize("model", [Meeting, MeetingSeries, AgendaItem, Segment, Person])
def test_view_on_site_leads_to_the_public_page(admin_client, programme, model):
    obj = programme[model]
    response = admin_client.get(admin_urls(model, obj)[2])
    assert response.context["has_absolute_url"]
    assertRedirects(
        admin_client.get(response.context["absolute_url"]),
        f"http://testserver{obj.get_absolute_url()}",
        fetch_redirect_response=False,
    )


def make_rows(model, count: int) -> None:
    """`count` rows of the changelist's model, each with its own related objects."""
    for _ in range(count):
        if model is Meeting:
            MeetingFactory(series=SeriesFactory())
        elif model is MeetingSeries:
            SeriesFactory()
        elif model is Session:
            SessionFactory()
        elif model is AgendaItem:
            AgendaItemFactory()
        elif model is Segment:
            SegmentFactory(session=SessionFactory())
        elif model is Person:
            PersonFactory(
                honorific=HonorificFactory(name=f"H{Person.objects.count()}"),
                organization=OrganizationFactory(),
            )
        elif model is Honorific:
            HonorificFactory(name=f"H{Honorific.objects.count()}")


@pytest.mark.parametrize("model", REGISTERED)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    counts = []
    for rows in (1, 5):
        make_rows(model, rows)
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    for obj in model._default_manager.all():
        assertContains(response, reverse(f"admin:meetings_{opts.model_name}_change", args=[obj.pk]))


def test_publish_action_publishes_the_selected_meetings(admin_client):
    chosen = MeetingFactory.create_batch(2, status=MeetingStatus.DRAFT)
    other = MeetingFactory(status=MeetingStatus.DRAFT)
    confirmation = admin_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "publish", "_selected_action": [meeting.pk for meeting in chosen]},
        follow=True,
    )
    assert confirmation.status_code == 200
    assert Meeting.objects.filter(status=MeetingStatus.PUBLISHED).count() == 0  # not yet
    response = admin_client.post(
        reverse("admin:meetings_meeting_publish_selected"),
        {"ids": ",".join(str(meeting.pk) for meeting in chosen)},
        follow=True,
    )
    assertContains(response, "2 meetings were published.")
    statuses = dict(Meeting.objects.values_list("pk", "status"))
    assert statuses == {
        chosen[0].pk: MeetingStatus.PUBLISHED,
        chosen[1].pk: MeetingStatus.PUBLISHED,
        other.pk: MeetingStatus.DRAFT,
    }


def test_return_to_draft_action(admin_client):
    meeting = MeetingFactory(status=MeetingStatus.PUBLISHED)
    response = admin_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "return_to_draft", "_selected_action": [meeting.pk]},
        follow=True,
    )
    assertContains(response, "1 meeting was returned to draft.")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT


def test_secretariat_adds_a_meeting_with_its_sessions(secretariat_client):
    data = meeting_data(
        **management("sessions", total=1),
        **{
            "sessions-0-date": "2012-02-10",
            "sessions-0-start_time": "10:00",
            "sessions-0-end_time": "13:00",
            "sessions-0-name_en": "Morning session",
        },
    )
    response = secretariat_client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert list(meeting.sessions.values_list("date", "name")) == [
        (datetime.date(2012, 2, 10), "Morning session")
    ]


def form_errors(response) -> dict:
    return response.context["adminform"].form.errors


def inline_errors(response, prefix: str) -> list[dict]:
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return inline.formset.errors
    raise AssertionError(f"No inline {prefix}")


def test_new_meeting_rejects_a_session_outside_its_dates(admin_client):
    data = meeting_data(
        **management("sessions", total=1),
        **{
            "sessions-0-date": "2012-03-01",
            "sessions-0-start_time": "10:00",
            "sessions-0-end_time": "13:00",
        },
    )
    response = admin_client.post(reverse("admin:meetings_meeting_add"), data)
    message = "The meeting runs from 2012-02-09 to 2012-02-10; this date is outside it."
    assert inline_errors(response, "sessions") == [{"date": [message]}]
    assertContains(response, message)
    assert not Meeting.objects.exists()
    assert not Session.objects.exists()


def test_meeting_rejects_a_session_that_ends_before_it_starts(admin_client):
    meeting = MeetingFactory()
    data = meeting_data(
        title_en=meeting.title_en,
        slug=meeting.slug,
        **management("sessions", total=1),
        **{
            "sessions-0-date": "2012-02-09",
            "sessions-0-start_time": "13:00",
            "sessions-0-end_time": "10:00",
        },
    )
    response = admin_client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    message = "A session must end after it starts."
    assert inline_errors(response, "sessions") == [{"end_time": [message]}]
    assertContains(response, message)
    assert not Session.objects.exists()


def test_existing_meeting_rejects_a_session_outside_its_dates(admin_client):
    meeting = MeetingFactory()
    data = {
        "meeting": meeting.pk,
        "date": "2012-02-11",
        "start_time": "10:00",
        "end_time": "13:00",
    }
    response = admin_client.post(reverse("admin:meetings_session_add"), data)
    message = "The meeting runs from 2012-02-09 to 2012-02-10; this date is outside it."
    assert form_errors(response) == {"date": [message]}
    assertContains(response, message)
    assert not Session.objects.exists()


def test_session_page_rejects_a_session_that_ends_before_it_starts(admin_client):
    meeting = MeetingFactory()
    data = {"meeting": meeting.pk, "date": "2012-02-09", "start_time": "13:00", "end_time": "13:00"}
    response = admin_client.post(reverse("admin:meetings_session_add"), data)
    assert form_errors(response) == {"end_time": ["A session must end after it starts."]}
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"slug": "taken"}, "slug", "Another meeting already has this slug."),
        ({"end_date": "2012-02-08"}, "end_date", "The meeting cannot end before it starts."),
        (
            {"time_zone": "Mars/Olympus"},
            "time_zone",
            "“Mars/Olympus” is not a time zone name such as America/New_York or Europe/Zurich.",
        ),
    ],
)
def test_meeting_form_explains_what_is_wrong(admin_client, fields, field, message):
    MeetingFactory(slug="taken")
    response = admin_client.post(reverse("admin:meetings_meeting_add"), meeting_data(**fields))
    assert form_errors(response) == {field: [message]}
    assertContains(response, message)
    assert Meeting.objects.count() == 1


def test_agenda_item_offers_only_its_meetings_sessions(admin_client):
    item = AgendaItemFactory()
    own = SessionFactory(meeting=item.meeting)
    SessionFactory()
    response = admin_client.get(reverse("admin:meetings_agendaitem_change", args=[item.pk]))
    form = response.context["adminform"].form
    assert list(form.fields["sessions"].queryset) == [own]
    segments = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "segments"
    )
    assert [list(f.fields["session"].queryset) for f in segments.forms] == [[own]]


def item_data(item: AgendaItem, **fields) -> dict:
    return {
        "meeting": item.meeting_id,
        "order": item.order,
        "title_en": item.title_en,
        **management("segments"),
        **management("appearances"),
        **fields,
    }


def test_agenda_item_rejects_sessions_of_another_meeting(admin_client):
    item = AgendaItemFactory()
    other = SessionFactory()
    message = "Choose sessions of this item's own meeting."

    changed = admin_client.post(
        reverse("admin:meetings_agendaitem_change", args=[item.pk]),
        item_data(item, sessions=[other.pk]),
    )
    added = admin_client.post(
        reverse("admin:meetings_agendaitem_add"),
        item_data(item, title_en="New item", sessions=[other.pk]),
    )

    assert form_errors(changed) == {"sessions": [message]}
    assert form_errors(added) == {"sessions": [message]}
    assert list(item.sessions.all()) == []
    assert AgendaItem.objects.count() == 1


def test_agenda_item_saves_its_segments_and_people(admin_client):
    item = AgendaItemFactory()
    session = SessionFactory(meeting=item.meeting)
    moderator, speaker = PersonFactory.create_batch(2)
    url = reverse("admin:meetings_agendaitem_change", args=[item.pk])
    data = item_data(
        item,
        sessions=[session.pk],
        **management("segments", total=1),
        **management("appearances", total=1),
        **{
            "segments-0-order": "1",
            "segments-0-title_en": "Trends in international migration",
            "segments-0-session": session.pk,
            "appearances-0-person": moderator.pk,
            "appearances-0-role": Role.MODERATOR,
            "appearances-0-order": "0",
        },
    )
    assert admin_client.post(url, data).status_code == 302
    segment = Segment.objects.get()

    data = item_data(
        item,
        sessions=[session.pk],
        **management("segments", total=1, initial=1),
        **management("appearances", total=2, initial=1),
        **{
            "segments-0-id": segment.pk,
            "segments-0-agenda_item": item.pk,
            "segments-0-order": "1",
            "segments-0-title_en": segment.title_en,
            "segments-0-session": session.pk,
            "appearances-0-id": Appearance.objects.get().pk,
            "appearances-0-agenda_item": item.pk,
            "appearances-0-person": moderator.pk,
            "appearances-0-role": Role.MODERATOR,
            "appearances-0-order": "0",
            "appearances-1-segment": segment.pk,
            "appearances-1-person": speaker.pk,
            "appearances-1-role": Role.SPEAKER,
            "appearances-1-order": "1",
        },
    )
    assert admin_client.post(url, data).status_code == 302

    assert list(item.sessions.all()) == [session]
    assert (segment.title, segment.session) == ("Trends in international migration", session)
    assert list(Appearance.objects.order_by("order").values_list("person", "role", "segment")) == [
        (moderator.pk, Role.MODERATOR, None),
        (speaker.pk, Role.SPEAKER, segment.pk),
    ]


def test_segment_inline_rejects_a_session_of_another_meeting(admin_client):
    item = AgendaItemFactory()
    other = SessionFactory()
    data = item_data(
        item,
        **management("segments", total=1),
        **{
            "segments-0-title_en": "Keynote",
            "segments-0-order": "1",
            "segments-0-session": other.pk,
        },
    )
    response = admin_client.post(reverse("admin:meetings_agendaitem_change", args=[item.pk]), data)
    assert list(inline_errors(response, "segments")[0]) == ["session"]
    assert not Segment.objects.exists()


def test_segment_page_adds_people_to_the_segment(admin_client):
    segment = SegmentFactory()
    person = PersonFactory()
    data = {
        "agenda_item": segment.agenda_item_id,
        "order": "1",
        "title_en": "Keynote",
        **management("appearances", total=1),
        "appearances-0-person": person.pk,
        "appearances-0-role": Role.PRESENTER,
        "appearances-0-order": "0",
    }
    response = admin_client.post(reverse("admin:meetings_segment_change", args=[segment.pk]), data)
    assert response.status_code == 302
    appearance = Appearance.objects.get()
    assert (appearance.agenda_item, appearance.segment) == (segment.agenda_item, segment)


def test_person_autocomplete_finds_people_by_name(admin_client):
    PersonFactory(given_name="Eva", family_name="Åkerman-Börje")
    PersonFactory(given_name="Jorge", family_name="Bustamante")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Åkerman",
            "app_label": "meetings",
            "model_name": "appearance",
            "field_name": "person",
        },
    )
    assert [result["text"] for result in response.json()["results"]] == [
        "Eva Åkerman-Börje, Director"
    ]


def test_staff_set_the_submission_window_and_the_unedited_note(admin_client):
    response = admin_client.post(
        reverse("admin:meetings_meeting_add"),
        meeting_data(
            submissions_open_0="2012-01-09",
            submissions_open_1="09:00",
            submissions_close_0="2012-01-31",
            submissions_close_1="18:00",
            papers_unedited_note="on",
        ),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(slug="egm-migration")
    assert meeting.papers_unedited_note is True
    assert meeting.submissions_close > meeting.submissions_open


def test_submissions_closing_before_they_open_are_refused_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("admin:meetings_meeting_add"),
        meeting_data(
            submissions_open_0="2012-01-31",
            submissions_open_1="09:00",
            submissions_close_0="2012-01-09",
            submissions_close_1="09:00",
        ),
    )
    assert response.status_code == 200
    assert "Submissions must close after they open." in response.content.decode()
    assert not Meeting.objects.filter(slug="egm-migration").exists()
