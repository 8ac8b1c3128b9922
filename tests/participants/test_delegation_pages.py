"""The focal points' delegation pages: who reaches which, what "My delegation" shows, withdrawing,
and the nomination letter as a download."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meetings.models import Role
from participants.models import Nomination, NominationEventKind, NominationStatus
from tests.factories import (
    AppearanceFactory,
    MembershipFactory,
    NominationFactory,
    OrganizationFactory,
    PersonFactory,
    RegistrationFactory,
)
from tests.papers import samples

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def nomination(meeting, registration, organization, honorific):
    return NominationFactory(
        meeting=meeting,
        organization=organization,
        honorific=honorific,
        given_name="Ana",
        family_name="Lopes",
        position="Migration Officer",
        email="ana.lopes@iom.example",
        phone="+41229171234",
        requirements="Vegetarian meals",
        status=NominationStatus.PENDING,
        letter=SimpleUploadedFile("Note verbale – IOM.pdf", samples.pdf()),
        letter_name="Note verbale – IOM.pdf",
    )


def urls(meeting, organization, nomination) -> dict[str, str]:
    return {
        "choice": reverse("participants:delegation_choice", args=[meeting.slug]),
        "delegation": reverse("participants:delegation", args=[meeting.slug, organization.pk]),
        "nominate": reverse("participants:nominate", args=[meeting.slug, organization.pk]),
        "edit": reverse("participants:nomination_edit", args=[nomination.pk]),
        "withdraw": reverse("participants:nomination_withdraw", args=[nomination.pk]),
        "letter": reverse("participants:nomination_letter", args=[nomination.pk]),
    }


# Who reaches what ----------------------------------------------------------------------------

# For each page: what the other organization's focal point, IOM's own focal point, the
# Secretariat and other staff get. The choice page sends a focal point to their own delegation.
MATRIX = {
    "choice": {"other": "own-delegation", "own": "own-delegation", "staff": 403, "it": 403},
    "delegation": {"other": 404, "own": 200, "staff": 200, "it": 404},
    "nominate": {"other": 404, "own": 200, "staff": 404, "it": 404},
    "edit": {"other": 404, "own": 200, "staff": 404, "it": 404},
    "withdraw": {"other": 404, "own": 200, "staff": 404, "it": 404},
    "letter": {"other": 404, "own": 200, "staff": 200, "it": 404},
}


@pytest.mark.parametrize("page", sorted(MATRIX))
def test_anonymous_visitors_are_sent_to_log_in(client, page, meeting, organization, nomination):
    url = urls(meeting, organization, nomination)[page]
    response = client.get(url)
    assertRedirects(
        response, f"{reverse('accounts:login')}?next={url}", fetch_redirect_response=False
    )


@pytest.mark.parametrize("who", ["other", "own", "staff", "it"])
@pytest.mark.parametrize("page", sorted(MATRIX))
def test_access_matrix(
    client,
    page,
    who,
    meeting,
    organization,
    nomination,
    focal_point,
    other_focal_point,
    other_organization,
    staff,
    other_staff,
):
    user = {"other": other_focal_point, "own": focal_point, "staff": staff, "it": other_staff}[who]
    client.force_login(user)
    response = client.get(urls(meeting, organization, nomination)[page])
    if response.streaming:
        b"".join(response.streaming_content)  # read to its end, the letter's file is closed
    expected = MATRIX[page][who]
    if expected == "own-delegation":
        own = other_organization if who == "other" else organization
        assertRedirects(response, reverse("participants:delegation", args=[meeting.slug, own.pk]))
    else:
        assert response.status_code == expected


def test_a_meeting_without_registration_has_no_delegation_pages(client, focal_point, organization):
    meeting = RegistrationFactory().meeting
    meeting.registration.delete()
    client.force_login(focal_point)
    for url in (
        reverse("participants:delegation_choice", args=[meeting.slug]),
        reverse("participants:delegation", args=[meeting.slug, organization.pk]),
        reverse("participants:nominate", args=[meeting.slug, organization.pk]),
    ):
        assert client.get(url).status_code == 404


def test_a_focal_point_of_several_organizations_chooses(client, meeting, registration, focal_point):
    unicef = OrganizationFactory(name="United Nations Children's Fund", acronym="UNICEF")
    MembershipFactory(user=focal_point, organization=unicef)
    client.force_login(focal_point)

    response = client.get(reverse("participants:delegation_choice", args=[meeting.slug]))

    assert response.status_code == 200
    assertContains(response, "Which delegation?")
    for organization in focal_point.memberships.values_list("organization", flat=True):
        assertContains(
            response, reverse("participants:delegation", args=[meeting.slug, organization])
        )


def test_someone_of_no_organization_is_told_they_are_not_a_focal_point(
    client, meeting, registration, other_staff
):
    client.force_login(other_staff)
    response = client.get(reverse("participants:delegation_choice", args=[meeting.slug]))
    assertContains(response, "Only focal points nominate participants", status_code=403)
    assertContains(response, "it@un.example, which is not a focal point", status_code=403)


# What My delegation shows --------------------------------------------------------------------


def test_my_delegation_lists_nominations_with_status_and_contact_data(
    client, meeting, organization, nomination, focal_point, staff
):
    declined = NominationFactory(
        meeting=meeting,
        organization=organization,
        given_name="Bo",
        family_name="Chen",
        status=NominationStatus.DECLINED,
        decision_message="Only one place per delegation for the high-level segment.",
        decided_at=datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC),
    )
    client.force_login(focal_point)

    response = client.get(nomination.get_absolute_url())

    assertContains(response, "<h1>My delegation</h1>", html=True)
    assertContains(response, "Ms. Ana Lopes")
    assertContains(response, "Migration Officer")
    assertContains(response, "ana.lopes@iom.example")
    # Stored in E.164, shown grouped as people read it, dialled as stored.
    assertContains(response, '<a href="tel:+41229171234">+41 22 917 12 34</a>', html=True)
    assertContains(response, "Vegetarian meals")
    assertContains(response, "Awaiting decision")
    assertContains(response, "Declined")
    assertContains(response, "Decided on 4 May 2026")
    assertContains(response, "Only one place per delegation for the high-level segment.")
    assertContains(response, reverse("participants:nomination_letter", args=[nomination.pk]))
    # Changes while registration is open, for the nominations that still stand.
    assertContains(response, reverse("participants:nomination_edit", args=[nomination.pk]))
    assertContains(response, reverse("participants:nomination_withdraw", args=[nomination.pk]))
    assertNotContains(response, reverse("participants:nomination_edit", args=[declined.pk]))
    assertContains(response, "Nominate a participant")


def test_other_organizations_nominations_are_not_on_my_delegation(
    client, meeting, organization, nomination, focal_point, other_organization
):
    NominationFactory(meeting=meeting, organization=other_organization, email="someone@ilo.example")
    client.force_login(focal_point)
    response = client.get(nomination.get_absolute_url())
    assertNotContains(response, "someone@ilo.example")


def test_the_secretariat_reads_a_delegation_without_changing_it(client, nomination, staff):
    client.force_login(staff)

    response = client.get(nomination.get_absolute_url())

    assertContains(response, "Delegation of IOM")
    assertContains(response, "You read this delegation as the Secretariat.")
    assertContains(response, "ana.lopes@iom.example")
    assertNotContains(response, "Nominate a participant")
    assertNotContains(response, reverse("participants:nomination_edit", args=[nomination.pk]))


def test_places_used_and_left_are_shown(client, meeting, registration, organization, focal_point):
    registration.capacity = 10
    registration.places_per_organization = 3
    registration.save()
    NominationFactory(meeting=meeting, organization=organization, status=NominationStatus.PENDING)
    NominationFactory(meeting=meeting, organization=organization, status=NominationStatus.ACCEPTED)
    NominationFactory(
        meeting=meeting, organization=organization, status=NominationStatus.WAITLISTED
    )
    NominationFactory(meeting=meeting, status=NominationStatus.ACCEPTED)  # another organization
    client.force_login(focal_point)

    response = client.get(reverse("participants:delegation", args=[meeting.slug, organization.pk]))

    assertContains(response, "IOM: 2 of its 3 places used.")
    assertContains(response, "The meeting: 3 of its 10 places taken.")
    assertContains(response, "IOM can nominate 1 more participant.")
    assertContains(response, "Nominate a participant")


def test_a_full_delegation_says_why_it_cannot_nominate(
    client, meeting, registration, organization, focal_point
):
    registration.places_per_organization = 1
    registration.save()
    NominationFactory(meeting=meeting, organization=organization, status=NominationStatus.PENDING)
    client.force_login(focal_point)
    url = reverse("participants:delegation", args=[meeting.slug, organization.pk])

    response = client.get(url)

    assertContains(response, "IOM: 1 of its 1 place used.")
    assertContains(
        response,
        "IOM has used all its places: withdraw a nomination to nominate someone else.",
    )
    assertNotContains(response, "Nominate a participant")
    # The form's address sends them back with the reason.
    response = client.get(
        reverse("participants:nominate", args=[meeting.slug, organization.pk]), follow=True
    )
    assertRedirects(response, url)
    assertContains(response, "IOM has used all its places")


def test_a_full_meeting_says_so(client, meeting, registration, organization, focal_point):
    registration.capacity = 1
    registration.save()
    NominationFactory(meeting=meeting, status=NominationStatus.ACCEPTED)
    client.force_login(focal_point)
    response = client.get(reverse("participants:delegation", args=[meeting.slug, organization.pk]))
    assertContains(response, "The meeting is full: no place is left.")
    assertContains(response, "IOM can nominate 0 more participants.")


def test_after_registration_closes_nothing_can_change(
    client, meeting, registration, nomination, focal_point
):
    today = registration.today()  # the venue's date, not the server's
    registration.opens_on = today - 30 * DAY
    registration.closes_on = today - DAY
    registration.save()
    client.force_login(focal_point)

    response = client.get(nomination.get_absolute_url())

    closed = (today - DAY).strftime("%-d %B %Y")
    assertContains(response, f"Registration closed on {closed}.")
    assertContains(response, "Dates are in the venue's time zone (America/New_York).")
    assertContains(
        response, "Registration has closed: write to the Secretariat to change the delegation."
    )
    assertNotContains(response, "Nominate a participant")
    assertNotContains(response, reverse("participants:nomination_edit", args=[nomination.pk]))
    assertNotContains(response, reverse("participants:nomination_withdraw", args=[nomination.pk]))


def test_registration_not_open_yet_says_when_it_opens(
    client, meeting, registration, organization, focal_point
):
    today = registration.today()  # the venue's date, not the server's
    registration.opens_on = today + 10 * DAY
    registration.closes_on = today + 20 * DAY
    registration.save()
    client.force_login(focal_point)
    response = client.get(reverse("participants:delegation", args=[meeting.slug, organization.pk]))
    opens = (today + 10 * DAY).strftime("%-d %B %Y")
    closes = (today + 20 * DAY).strftime("%-d %B %Y")
    assertContains(response, f"Registration opens on {opens} and closes at the end of {closes}.")
    assertContains(response, "Registration is not open yet.")


def test_the_organizations_programme_people_are_listed(
    client, meeting, registration, organization, focal_point, other_organization
):
    speaker = PersonFactory(
        given_name="William Lacy", family_name="Swing", organization=organization
    )
    AppearanceFactory(agenda_item__meeting=meeting, person=speaker, role=Role.SPEAKER)
    AppearanceFactory(agenda_item__meeting=meeting, person=speaker, role=Role.MODERATOR)
    AppearanceFactory(
        agenda_item__meeting=meeting,
        person=PersonFactory(family_name="Elsewhere", organization=other_organization),
    )
    client.force_login(focal_point)

    response = client.get(reverse("participants:delegation", args=[meeting.slug, organization.pk]))

    assertContains(response, "These people of IOM are in the meeting's programme.")
    assertContains(response, "hold none of your organization's places")
    assertContains(response, "William Lacy Swing</span> (Moderator, Speaker)")
    assertNotContains(response, "Elsewhere")


def test_names_are_escaped_on_my_delegation(
    client, meeting, registration, organization, focal_point
):
    NominationFactory(
        meeting=meeting,
        organization=organization,
        given_name="<script>alert(1)</script>",
        family_name="<b>Bold</b>",
    )
    client.force_login(focal_point)
    response = client.get(reverse("participants:delegation", args=[meeting.slug, organization.pk]))
    assertContains(response, escape("<script>alert(1)</script> <b>Bold</b>"))
    assertNotContains(response, "<script>alert(1)</script>")


@pytest.mark.parametrize("size", [10, 500])
def test_my_delegation_query_count_does_not_grow(
    client, meeting, registration, organization, focal_point, django_assert_num_queries, size
):
    NominationFactory.create_batch(
        size, meeting=meeting, organization=organization, status=NominationStatus.PENDING
    )
    for _ in range(3):
        AppearanceFactory(
            agenda_item__meeting=meeting, person=PersonFactory(organization=organization)
        )
    client.force_login(focal_point)
    url = reverse("participants:delegation", args=[meeting.slug, organization.pk])

    with django_assert_num_queries(8):
        response = client.get(url)

    assert response.content.decode().count("/withdraw/") == size


@pytest.mark.parametrize("size", [10, 500])
def test_my_delegation_query_count_for_the_secretariat(
    client, meeting, registration, organization, staff, django_assert_num_queries, size
):
    NominationFactory.create_batch(size, meeting=meeting, organization=organization)
    client.force_login(staff)
    url = reverse("participants:delegation", args=[meeting.slug, organization.pk])
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.content.decode().count("@example.org") == size * 2  # mailto: and the text


# Withdrawing --------------------------------------------------------------------------------


def test_withdrawing_asks_first_then_frees_the_place(client, nomination, focal_point):
    client.force_login(focal_point)
    url = reverse("participants:nomination_withdraw", args=[nomination.pk])

    page = client.get(url)
    assertContains(page, "Withdraw this nomination?")
    assertContains(page, "Ms. Ana Lopes")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING

    response = client.post(url, follow=True)

    assertRedirects(response, nomination.get_absolute_url())
    assertContains(
        response, "The nomination of Ana Lopes was withdrawn; the place it held is free."
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN
    assert list(nomination.events.values_list("kind", "by")) == [
        (NominationEventKind.WITHDRAWN, focal_point.pk)
    ]


def test_another_organizations_focal_point_cannot_withdraw(client, nomination, other_focal_point):
    client.force_login(other_focal_point)
    response = client.post(reverse("participants:nomination_withdraw", args=[nomination.pk]))
    assert response.status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING


def test_withdrawing_after_registration_closed_is_refused(
    client, registration, nomination, focal_point
):
    today = registration.today()  # the venue's date, not the server's
    registration.opens_on = today - 30 * DAY
    registration.closes_on = today - DAY
    registration.save()
    client.force_login(focal_point)

    response = client.post(reverse("participants:nomination_withdraw", args=[nomination.pk]))

    assertContains(response, "Registration is closed", status_code=403)
    assertContains(response, "Nothing was stored.", status_code=403)
    assertContains(
        response, "To change a delegation now, write to the secretariat.", status_code=403
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING


def test_a_declined_nomination_cannot_be_withdrawn(client, nomination, focal_point):
    Nomination.objects.filter(pk=nomination.pk).update(status=NominationStatus.DECLINED)
    client.force_login(focal_point)

    response = client.post(
        reverse("participants:nomination_withdraw", args=[nomination.pk]), follow=True
    )

    assertRedirects(response, nomination.get_absolute_url())
    assertContains(
        response, "The nomination of Ana Lopes was declined: it can no longer be changed."
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECLINED


# The letter ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["own", "staff"])
def test_the_letter_is_a_download_that_runs_nothing(client, nomination, focal_point, staff, who):
    client.force_login(focal_point if who == "own" else staff)

    response = client.get(reverse("participants:nomination_letter", args=[nomination.pk]))

    assert response.status_code == 200
    with nomination.letter.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="Note verbale _ IOM.pdf"; '
        "filename*=UTF-8''Note%20verbale%20%E2%80%93%20IOM.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_nomination_without_letter_has_none_to_download(
    client, meeting, registration, organization, focal_point
):
    nomination = NominationFactory(meeting=meeting, organization=organization)
    client.force_login(focal_point)
    response = client.get(reverse("participants:nomination_letter", args=[nomination.pk]))
    assert response.status_code == 404
