"""The Secretariat's queue of nominations in the back office: who may see it, the places per
organization above the list, the decisions through their pages, the offer of a freed place,
the read-only change page, and a participant the Secretariat adds directly."""

import html
import re

import pytest
from django.contrib import admin
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meetings.models import Honorific
from participants.models import Nomination, NominationEventKind, NominationStatus, Registration
from tests.factories import (
    MeetingFactory,
    NominationFactory,
    OrganizationFactory,
    UserFactory,
)
from tests.papers import samples
from tests.papers.storage import stored_files

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:participants_nomination_changelist")
ADD = reverse("admin:participants_nomination_add")


def queue(meeting) -> str:
    return f"{CHANGELIST}?meeting__id__exact={meeting.pk}"


def text(response) -> str:
    """The page as a person reads it: its text, with runs of white space as one space."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def act(client, url, action, nominations, **data):
    return client.post(
        url,
        {"action": action, "_selected_action": [n.pk for n in nominations], **data},
        follow="post" in data,
    )


@pytest.fixture
def delegate(registration, organization, honorific):
    return NominationFactory(
        meeting=registration.meeting,
        organization=organization,
        honorific=honorific,
        given_name="Ana",
        family_name="Crépeau",
        email="ana.crepeau@iom.example",
        phone="+41229171234",
        requirements="Vegetarian meals",
        status=NominationStatus.PENDING,
    )


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


# Who may see and do what -----------------------------------------------------------------------


def pages(nomination) -> list[str]:
    return [
        CHANGELIST,
        queue(nomination.meeting),
        ADD,
        reverse("admin:participants_nomination_change", args=[nomination.pk]),
        reverse("admin:participants_nomination_history", args=[nomination.pk]),
    ]


def test_anonymous_and_focal_points_are_sent_to_the_admin_login(
    client, delegate, focal_point, other_focal_point
):
    for user in (None, focal_point, other_focal_point):
        if user is not None:
            client.force_login(user)
        for url in pages(delegate):
            assertRedirects(client.get(url), f"{reverse('admin:login')}?next={url}")


def test_staff_outside_the_secretariat_get_403_on_every_page_and_action(
    client, delegate, other_staff
):
    client.force_login(other_staff)
    for url in pages(delegate):
        assert client.get(url).status_code == 403, url
    for action in ("accept", "waitlist", "decline"):
        response = act(client, CHANGELIST, action, [delegate], post="yes", message="No")
        assert response.status_code == 403
    assert client.post(ADD, {"family_name": "Sneaked"}).status_code == 403
    delegate.refresh_from_db()
    assert delegate.status == NominationStatus.PENDING
    assertNotContains(client.get(reverse("admin:index")), "Nominations")


def test_the_secretariat_sees_every_page(staff_client, delegate):
    for url in pages(delegate):
        assert staff_client.get(url).status_code == 200, url
    assertContains(staff_client.get(reverse("admin:index")), CHANGELIST)


def test_nothing_is_deleted_not_even_by_a_superuser(staff_client, admin_client, delegate):
    for user_client in (staff_client, admin_client):
        response = user_client.get(CHANGELIST)
        actions = dict(response.context["action_form"].fields["action"].choices)
        assert set(actions) == {"", "accept", "waitlist", "decline"}
        delete = reverse("admin:participants_nomination_delete", args=[delegate.pk])
        assert user_client.post(delete, {"post": "yes"}).status_code == 403
    assert Nomination.objects.filter(pk=delegate.pk).exists()


def test_the_history_is_only_inline():
    registered = {
        model for model in admin.site._registry if model._meta.app_label == "participants"
    }
    assert {model.__name__ for model in registered} == {"Nomination", "Registration"}


# The list --------------------------------------------------------------------------------------


def test_the_list_shows_each_nomination_with_its_organization_and_status(staff_client, delegate):
    response = staff_client.get(queue(delegate.meeting))
    change = reverse("admin:participants_nomination_change", args=[delegate.pk])
    change += f"?_changelist_filters=meeting__id__exact%3D{delegate.meeting_id}"
    for cell in (
        f'<th class="field-name"><a href="{change}">'
        '<span dir="auto">Ms. Ana Crépeau</span></a></th>',
        '<td class="field-organization_name"><span title="International Organization for '
        'Migration" dir="auto">IOM</span></td>',
        '<td class="field-status">Awaiting decision</td>',
    ):
        assertContains(response, cell, html=True)
    # Short headers, so the list fits beside the filters; the kind is a filter, not a column.
    assertContains(response, '<th scope="col" class="sortable column-public_list">')
    assertNotContains(response, "column-organization_kind")
    assertNotContains(response, '<th scope="col" class="column-meeting">')
    assertContains(staff_client.get(CHANGELIST), "column-meeting")


def test_the_list_filters_by_organization_kind_and_status(
    staff_client, delegate, registration, other_organization
):
    other = NominationFactory(
        meeting=registration.meeting, organization=other_organization, family_name="Okafor"
    )
    by_kind = staff_client.get(f"{CHANGELIST}?organization__kind=un_agency")
    assert list(by_kind.context["cl"].result_list) == [other]
    by_status = staff_client.get(f"{CHANGELIST}?status__exact=pending")
    assert list(by_status.context["cl"].result_list) == [delegate]
    by_name = staff_client.get(f"{CHANGELIST}?q=crépeau")
    assert list(by_name.context["cl"].result_list) == [delegate]
    by_email = staff_client.get(f"{CHANGELIST}?q=ana.crepeau@iom.example")
    assert list(by_email.context["cl"].result_list) == [delegate]


def test_the_places_per_organization_are_counted_against_the_capacity(
    staff_client, registration, organization, other_organization
):
    registration.capacity = 100
    registration.places_per_organization = 3
    registration.save()
    meeting = registration.meeting
    for status in ("accepted", "pending", "waitlisted", "declined", "withdrawn"):
        NominationFactory(meeting=meeting, organization=organization, status=status)
    for _ in range(12):
        NominationFactory(meeting=meeting, organization=other_organization)
    NominationFactory(organization=organization)  # another meeting's

    page = text(staff_client.get(queue(meeting)))

    assert "Places for Eleventh Coordination Meeting" in page
    assert "Meeting 14 of 100 places" in page
    assert "ILO 12 of 3 places · full" in page
    assert "IOM 2 of 3 places 1 wait-listed" in page


def test_without_limits_the_places_are_only_counted(staff_client, registration, delegate):
    page = text(staff_client.get(queue(registration.meeting)))
    assert "Meeting 1 place held (no limit)" in page
    assert "IOM 1 place held (no limit)" in page


def test_without_a_meeting_filter_the_list_offers_the_meetings(staff_client, registration):
    response = staff_client.get(CHANGELIST)
    assertContains(response, "Choose a meeting to see its places per organization")
    assertContains(response, f'<a href="{queue(registration.meeting)}" dir="auto">')


def test_a_meeting_without_registration_says_so(staff_client):
    meeting = MeetingFactory()
    response = staff_client.get(queue(meeting))
    assertContains(response, "This meeting takes no nominations yet")


def queue_queries(client, meeting) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(queue(meeting))
    assert response.status_code == 200
    return len(queries)


def test_the_queue_runs_as_many_queries_for_500_nominations_as_for_10(
    staff_client, registration, organization
):
    registration.places_per_organization = 600
    registration.save()
    meeting = registration.meeting
    organizations = [organization, *OrganizationFactory.create_batch(4)]
    ms = Honorific.objects.get_or_create(name="Ms.")[0]

    def add(count):
        for n in range(count):
            NominationFactory(
                meeting=meeting,
                organization=organizations[n % 5],
                honorific=ms,
                status=("accepted", "pending", "waitlisted")[n % 3],
            )

    add(10)
    small = queue_queries(staff_client, meeting)
    add(490)
    large = queue_queries(staff_client, meeting)
    assert large == small


# Decisions through their pages ----------------------------------------------------------------


def test_accepting_shows_the_nominations_first_then_accepts_and_mails_after_commit(
    staff_client, staff, delegate, focal_point, django_capture_on_commit_callbacks
):
    page = act(staff_client, queue(delegate.meeting), "accept", [delegate])
    assert page.status_code == 200
    assert "Accept nominations" in text(page)
    assertContains(page, "Ms. Ana Crépeau")
    assertContains(page, '<input type="hidden" name="post" value="yes">', html=True)
    delegate.refresh_from_db()
    assert delegate.status == NominationStatus.PENDING

    with django_capture_on_commit_callbacks() as callbacks:
        response = act(staff_client, queue(delegate.meeting), "accept", [delegate], post="yes")
        assert mail.outbox == []  # nothing leaves before the decision commits
    for callback in callbacks:
        callback()

    assertRedirects(response, queue(delegate.meeting))
    assert messages_of(response) == ["1 nomination accepted: Ms. Ana Crépeau."]
    delegate.refresh_from_db()
    assert delegate.status == NominationStatus.ACCEPTED
    assert delegate.decided_by == staff
    assert delegate.decided_at is not None
    [event] = delegate.events.filter(kind=NominationEventKind.ACCEPTED)
    assert event.by == staff
    [message] = mail.outbox
    assert message.to == ["focal@iom.example"]
    assert message.subject == "Eleventh Coordination Meeting: Ana Crépeau — accepted"
    assert "The nomination is accepted: a place is reserved." in message.body


def test_accepting_over_capacity_is_refused_by_name_and_the_others_go_through(
    staff_client, registration, organization, other_organization, delegate, focal_point
):
    registration.places_per_organization = 1
    registration.save()
    waiting = NominationFactory(
        meeting=registration.meeting,
        organization=organization,
        given_name="Bo",
        family_name="Berg",
        status=NominationStatus.WAITLISTED,
    )
    other = NominationFactory(
        meeting=registration.meeting,
        organization=other_organization,
        given_name="Chidi",
        family_name="Okafor",
        status=NominationStatus.WAITLISTED,
    )

    response = act(
        staff_client, queue(registration.meeting), "accept", [waiting, other], post="yes"
    )

    assert messages_of(response) == [
        "Bo Berg (IOM): IOM has used its 1 place for this meeting.",
        "1 nomination accepted: Chidi Okafor.",
    ]
    assert [m.level_tag for m in response.context["messages"]] == ["warning", "success"]
    waiting.refresh_from_db()
    other.refresh_from_db()
    assert waiting.status == NominationStatus.WAITLISTED
    assert other.status == NominationStatus.ACCEPTED


def test_declining_requires_a_message(staff_client, delegate):
    response = act(staff_client, queue(delegate.meeting), "decline", [delegate], post="yes")
    assert response.status_code == 200
    assert "Decline nominations" in text(response)
    assert response.context["form"].errors == {"message": ["This field is required."]}
    assertContains(response, '<label for="id_message" class="required">')
    delegate.refresh_from_db()
    assert delegate.status == NominationStatus.PENDING
    assert mail.outbox == []


# A real commit: the mail leaves once the decision is committed, as in production. (A superuser
# decides: the Secretariat group, made by a migration, is gone once a transactional test flushed.)
@pytest.mark.django_db(transaction=True)
def test_declining_with_a_message_mails_it_to_the_focal_point(client, admin_user, registration):
    organization = OrganizationFactory(
        name="International Organization for Migration", acronym="IOM"
    )
    focal = UserFactory(email="focal@iom.example")
    focal.memberships.create(organization=organization)
    nomination = NominationFactory(
        meeting=registration.meeting,
        organization=organization,
        given_name="Ana",
        family_name="Crépeau",
        status=NominationStatus.PENDING,
    )
    client.force_login(admin_user)

    response = act(
        client,
        queue(registration.meeting),
        "decline",
        [nomination],
        post="yes",
        message="Only heads of delegation this year.",
    )

    assert messages_of(response) == ["1 nomination declined: Ana Crépeau."]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECLINED
    assert nomination.decision_message == "Only heads of delegation this year."
    [event] = nomination.events.filter(kind=NominationEventKind.DECLINED)
    assert (event.by, event.message) == (admin_user, "Only heads of delegation this year.")
    [message] = mail.outbox  # sent once the decision committed
    assert message.to == ["focal@iom.example"]
    assert "Only heads of delegation this year." in message.body


def test_wait_listing_takes_an_optional_message(staff_client, staff, delegate):
    page = act(staff_client, queue(delegate.meeting), "waitlist", [delegate])
    assertContains(page, '<label for="id_message">Message to the organization:</label>', html=True)
    assert "Optional." in text(page)

    response = act(staff_client, queue(delegate.meeting), "waitlist", [delegate], post="yes")

    assert messages_of(response) == ["1 nomination wait-listed: Ms. Ana Crépeau."]
    delegate.refresh_from_db()
    assert (delegate.status, delegate.decision_message) == (NominationStatus.WAITLISTED, "")
    assert delegate.events.get(kind=NominationEventKind.WAITLISTED).by == staff


def test_each_decision_mails_the_focal_point(
    staff_client, delegate, focal_point, other_focal_point, django_capture_on_commit_callbacks
):
    url = queue(delegate.meeting)
    with django_capture_on_commit_callbacks(execute=True):
        act(staff_client, url, "waitlist", [delegate], post="yes")
        act(staff_client, url, "accept", [delegate], post="yes")
        act(staff_client, url, "decline", [delegate], post="yes", message="Sorry.")
    assert [message.subject.rsplit(" — ", 1)[1] for message in mail.outbox] == [
        "wait-listed",
        "accepted",
        "declined",
    ]
    assert {tuple(message.to) for message in mail.outbox} == {("focal@iom.example",)}


def test_a_freed_place_is_offered_for_the_first_on_the_waiting_list(
    staff_client, staff, registration, organization, honorific
):
    registration.places_per_organization = 2
    registration.save()
    meeting = registration.meeting
    leaving = NominationFactory(meeting=meeting, organization=organization, family_name="Adams")
    NominationFactory(meeting=meeting, organization=organization, family_name="Baker")
    first = NominationFactory(
        meeting=meeting,
        organization=organization,
        honorific=honorific,
        given_name="Xenia",
        family_name="Xu",
        status=NominationStatus.WAITLISTED,
    )
    NominationFactory(
        meeting=meeting,
        organization=organization,
        family_name="Young",
        status=NominationStatus.WAITLISTED,
    )
    question = "A place is free for IOM: accept Ms. Xenia Xu, first on the waiting list?"
    assert question not in text(staff_client.get(queue(meeting)))

    response = act(
        staff_client, queue(meeting), "decline", [leaving], post="yes", message="Replaced."
    )

    page = text(response)
    assert question in page
    assert "Accept Ms. Xenia Xu" in page
    assert "IOM 1 of 2 places 2 wait-listed" in page

    # The offer's button leads to the accept page, like the action; nothing is decided yet.
    confirmation = staff_client.post(
        queue(meeting), {"action": "accept", "_selected_action": first.pk}
    )
    assert confirmation.status_code == 200
    assert "Ms. Xenia Xu" in text(confirmation)
    first.refresh_from_db()
    assert first.status == NominationStatus.WAITLISTED

    accepted = staff_client.post(
        queue(meeting),
        {"action": "accept", "_selected_action": first.pk, "post": "yes"},
        follow=True,
    )

    assert messages_of(accepted) == ["1 nomination accepted: Ms. Xenia Xu."]
    first.refresh_from_db()
    assert (first.status, first.decided_by) == (NominationStatus.ACCEPTED, staff)
    assert "A place is free" not in text(accepted)


# The change page -------------------------------------------------------------------------------


def test_the_change_page_shows_contact_data_and_history_but_changes_nothing(
    staff_client, staff, delegate
):
    delegate.letter.save("letter.pdf", SimpleUploadedFile("letter.pdf", samples.pdf()))
    delegate.letter_name = "Note verbale.pdf"
    delegate.save()
    act(staff_client, queue(delegate.meeting), "waitlist", [delegate], post="yes", message="Full")
    url = reverse("admin:participants_nomination_change", args=[delegate.pk])

    response = staff_client.get(url)

    page = text(response)
    for shown in (
        "ana.crepeau@iom.example",
        "+41229171234",
        "Vegetarian meals",
        "Note verbale.pdf",
    ):
        assert shown in page
    assertContains(response, reverse("participants:nomination_letter", args=[delegate.pk]))
    assert "Wait-listed by secretariat@un.example" in page
    assert "History" in page
    assert "Full" in page
    assertNotContains(response, 'name="status"')
    assertNotContains(response, 'name="_save"')
    assertNotContains(response, 'name="email"')

    assert (
        staff_client.post(url, {"status": "accepted", "email": "x@example.org"}).status_code == 403
    )
    delegate.refresh_from_db()
    assert (delegate.status, delegate.email) == (
        NominationStatus.WAITLISTED,
        "ana.crepeau@iom.example",
    )


# Adding a participant directly ---------------------------------------------------------------


def add_data(meeting, organization, **changes):
    data = {
        "meeting": meeting.pk,
        "organization": organization.pk,
        "honorific": "",
        "given_name": "Léa",
        "family_name": "Dubois",
        "position": "Adviser",
        "email": "lea.dubois@iom.example",
        "phone": "+41 22 917 12 34",
        "listed": "on",
        "requirements": "Step-free access",
    }
    return {**data, **changes}


def test_the_add_form_has_a_label_for_every_field(staff_client):
    response = staff_client.get(ADD)
    form = response.context["adminform"].form
    for name in ("meeting", "organization", "given_name", "family_name", "phone", "letter_file"):
        assert name in form.fields
        assertContains(response, f'for="id_{name}"')


def test_staff_add_a_participant_who_is_accepted_at_once(
    staff_client, staff, registration, organization
):
    response = staff_client.post(ADD, add_data(registration.meeting, organization), follow=True)

    nomination = Nomination.objects.get()
    assert (nomination.status, nomination.decided_by, nomination.nominated_by) == (
        NominationStatus.ACCEPTED,
        staff,
        staff,
    )
    assert nomination.phone == "+41229171234"
    assert nomination.person.full_name == "Léa Dubois"
    assert [e.kind for e in nomination.events.all()] == [NominationEventKind.ADDED]
    assert "was added successfully" in " ".join(messages_of(response))


def test_an_impossible_phone_is_refused_and_nothing_stored(
    staff_client, registration, organization
):
    response = staff_client.post(ADD, add_data(registration.meeting, organization, phone="+41 22"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["phone"] == [
        "“+41 22” is too short for a phone number with the country code +41."
    ]
    assert not Nomination.objects.exists()


def test_a_second_nomination_of_the_same_person_is_refused_by_name(
    staff_client, registration, organization, delegate
):
    response = staff_client.post(
        ADD,
        add_data(registration.meeting, organization, email="ANA.CREPEAU@iom.example"),
    )
    errors = response.context["adminform"].form.errors
    assert errors["email"][0].startswith("Ms. Ana Crépeau is already nominated by IOM")
    assert Nomination.objects.count() == 1


def test_adding_over_capacity_is_refused_and_the_letter_not_kept(
    staff_client, registration, organization, delegate, settings
):
    registration.capacity = 1
    registration.save()
    letter = SimpleUploadedFile("Note verbale.pdf", samples.pdf())
    response = staff_client.post(
        ADD, add_data(registration.meeting, organization, letter_file=letter)
    )
    assert response.context["adminform"].form.non_field_errors() == [
        "The meeting is full: its 1 place is taken."
    ]
    assert Nomination.objects.count() == 1
    assert stored_files(settings) == []


def test_a_letter_must_pass_the_file_checks_and_be_a_pdf(
    staff_client, registration, organization, settings
):
    png = SimpleUploadedFile("letter.png", samples.image("PNG"))
    response = staff_client.post(ADD, add_data(registration.meeting, organization, letter_file=png))
    [error] = response.context["adminform"].form.errors["letter_file"]
    assert "must be a PDF" in error
    assert not Nomination.objects.exists()

    pdf = SimpleUploadedFile("Note verbale.pdf", samples.pdf())
    staff_client.post(ADD, add_data(registration.meeting, organization, letter_file=pdf))
    nomination = Nomination.objects.get()
    assert nomination.letter_name == "Note verbale.pdf"
    with nomination.letter.open("rb") as letter:
        assert letter.read(5) == b"%PDF-"
    assert re.fullmatch(r"participants/letters/\d+/[0-9a-f]{32}\.pdf", nomination.letter.name)


def test_bidi_controls_in_names_are_refused_in_the_admin(staff_client, registration, organization):
    response = staff_client.post(
        ADD, add_data(registration.meeting, organization, family_name="Dub\u202eois")
    )
    [error] = response.context["adminform"].form.errors["family_name"]
    assert "U+202E" in error
    assert not Nomination.objects.exists()


def test_a_meeting_without_registration_takes_no_participants(staff_client, organization):
    meeting = MeetingFactory(title="Closed Meeting")
    response = staff_client.post(ADD, add_data(meeting, organization))
    assert response.context["adminform"].form.non_field_errors() == [
        "Closed Meeting takes no nominations."
    ]
    assert not Registration.objects.filter(meeting=meeting).exists()


@pytest.mark.parametrize(
    "value",
    ["\u00b2", "\u0661", "99999999999999999999999", "-1", "abc"],  # ², Arabic-Indic 1
)
def test_a_strange_meeting_filter_is_no_error(staff_client, delegate, value):
    response = staff_client.get(f"{CHANGELIST}?meeting__id__exact={value}")
    assert response.status_code in (200, 302)  # the admin's own "?e=1" for a wrong lookup
    assertNotContains(response, "places-summary", status_code=response.status_code)
