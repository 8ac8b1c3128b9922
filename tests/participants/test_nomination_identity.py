"""Who a nomination is about, and what it tells: another organization's delegate is never named
nor linked to, a changed nomination that may be someone else awaits a new decision, a letter is
offered as a .pdf whatever its name ended in, and invisible characters make no second person."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.text import folded
from participants.models import Nomination, NominationEventKind, NominationStatus
from participants.services.decisions import nomination_accept, nomination_waitlist
from participants.services.nominations import (
    Nominee,
    nomination_create,
    nomination_update,
    nomination_withdraw,
)
from tests.factories import AppearanceFactory, MeetingFactory, NominationFactory, PersonFactory
from tests.papers import samples

pytestmark = pytest.mark.django_db

TAKEN = (
    "This e-mail address is already used for this meeting. If it is right, write to the "
    "Secretariat."
)


@pytest.fixture
def secret(meeting, registration, organization):
    """IOM's delegate, who did not agree to appear on the public list."""
    return NominationFactory(
        meeting=meeting,
        organization=organization,
        given_name="Secret",
        family_name="Delegate",
        email="secret.delegate@iom.example",
        listed=False,
        status=NominationStatus.PENDING,
    )


@pytest.fixture
def form(honorific):
    def filled(**overrides) -> dict:
        data = {
            "honorific": honorific.pk,
            "given_name": "Anyone",
            "family_name": "Else",
            "position": "Officer",
            "email": "anyone.else@ilo.example",
            "phone": "",
            "listed": "on",
            "requirements": "",
            **overrides,
        }
        return {key: value for key, value in data.items() if value is not None}

    return filled


def nominate(meeting, organization, by, **typed) -> Nomination:
    return nomination_create(
        meeting=meeting, organization=organization, nominee=Nominee(**typed), by=by
    )


# Another organization's nomination is not described ----------------------------------------


def test_another_organizations_delegate_is_not_named_on_the_form(
    client, meeting, other_organization, other_focal_point, secret, form
):
    client.force_login(other_focal_point)
    url = reverse("participants:nominate", args=[meeting.slug, other_organization.pk])

    response = client.post(url, form(email="Secret.Delegate@IOM.example"))

    assert response.context["form"].errors["email"] == [TAKEN]
    # The address typed is shown back in its box; nothing else of IOM's nomination is.
    for told in ("Secret Delegate", "Delegate is", "by IOM", "Organization for Migration"):
        assertNotContains(response, told)
    assertNotContains(response, "already nominated")
    assert list(Nomination.objects.all()) == [secret]


def test_the_own_organizations_nomination_is_still_named(
    registration, organization, focal_point, secret
):
    with pytest.raises(ValidationError) as refused:
        nominate(
            registration.meeting,
            organization,
            focal_point,
            family_name="Other",
            email="secret.delegate@iom.example",
        )
    since = secret.created_at.strftime("%-d %B %Y")
    assert refused.value.message_dict == {
        "email": [
            f"Secret Delegate is already nominated by IOM (awaiting decision, since {since})."
        ]
    }


def test_the_secretariat_reads_which_organization_nominated(
    registration, other_organization, staff, secret
):
    with pytest.raises(ValidationError) as refused:
        nomination_create(
            meeting=registration.meeting,
            organization=other_organization,
            nominee=Nominee(family_name="Else", email="secret.delegate@iom.example"),
            by=staff,
            by_staff=True,
        )
    [message] = refused.value.message_dict["email"]
    assert message.startswith("Secret Delegate is already nominated by IOM (awaiting decision")


def test_a_person_nominated_by_another_organization_is_refused_without_a_name(
    meeting, registration, organization, other_organization, other_focal_point
):
    # Staff merged two Persons: the one ILO nominated for a past meeting is also IOM's delegate.
    person = PersonFactory(given_name="Merged", family_name="Person", organization=organization)
    NominationFactory(
        meeting=meeting, organization=organization, person=person, email="merged@iom.example"
    )
    NominationFactory(
        meeting=MeetingFactory(),
        organization=other_organization,
        person=person,
        email="merged@ilo.example",
    )
    with pytest.raises(ValidationError) as refused:
        nominate(
            meeting,
            other_organization,
            other_focal_point,
            family_name="M.",
            email="merged@ilo.example",
        )
    assert refused.value.messages == [
        "This person is already nominated for this meeting. If that is right, write to the "
        "Secretariat."
    ]
    assert Nomination.objects.filter(meeting=meeting).count() == 1


# Never linked to another organization's Person -----------------------------------------------


@pytest.fixture
def iom_delegate(organization):
    """IOM's delegate at a past meeting: a Person, with IOM's address."""
    return NominationFactory(
        meeting=MeetingFactory(),
        organization=organization,
        given_name="Amal",
        family_name="Haddad",
        email="amal.haddad@iom.example",
    ).person


def test_an_address_another_organization_nominated_before_does_not_link_its_person(
    registration, organization, focal_point, other_organization, other_focal_point, iom_delegate
):
    meeting = registration.meeting
    hijack = nominate(
        meeting,
        other_organization,
        other_focal_point,
        given_name="Anyone",
        family_name="Else",
        email="Amal.Haddad@iom.example",
    )
    assert hijack.person != iom_delegate
    assert (hijack.person.full_name, hijack.person.organization) == (
        "Anyone Else",
        other_organization,
    )
    hijack = nomination_update(
        nomination=hijack,
        nominee=Nominee(given_name="Anyone", family_name="Else", email="anyone@ilo.example"),
        by=other_focal_point,
    )

    own = nominate(
        meeting,
        organization,
        focal_point,
        given_name="Amal",
        family_name="Haddad",
        email="amal.haddad@iom.example",
    )

    assert own.person == iom_delegate
    iom_delegate.refresh_from_db()
    assert iom_delegate.full_name == "Amal Haddad"


def test_the_own_organizations_earlier_nomination_links_by_address(
    registration, organization, focal_point, iom_delegate
):
    nomination = nominate(
        registration.meeting,
        organization,
        focal_point,
        given_name="A.",
        family_name="Haddad",
        email="AMAL.HADDAD@iom.example",
    )
    assert nomination.person == iom_delegate


def test_another_organizations_speaker_of_the_same_name_is_not_linked(
    registration, organization, focal_point, other_organization
):
    speaker = PersonFactory(
        given_name="Amal", family_name="Haddad", organization=other_organization
    )
    nomination = nominate(
        registration.meeting,
        organization,
        focal_point,
        given_name="Amal",
        family_name="Haddad",
        email="amal@iom.example",
    )
    assert nomination.person != speaker
    assert nomination.person.organization == organization


# A changed nomination that may be someone else -----------------------------------------------


@pytest.fixture
def speaker(organization):
    person = PersonFactory(
        given_name="Ana", family_name="Lopes", position="Director", organization=organization
    )
    AppearanceFactory(person=person)
    return person


@pytest.fixture
def accepted(registration, organization, focal_point, staff, speaker):
    nomination = nominate(
        registration.meeting,
        organization,
        focal_point,
        given_name="Ana",
        family_name="Lopes",
        email="ana.lopes@iom.example",
        position="Officer",
    )
    assert nomination.person == speaker
    return nomination_accept(nomination=nomination, by=staff)


def typed(nomination: Nomination, **changes) -> Nominee:
    nominee = Nominee(
        **{field.name: getattr(nomination, field.name) for field in dataclasses.fields(Nominee)}
    )
    return dataclasses.replace(nominee, **changes)


def test_another_person_swapped_in_awaits_a_new_decision(accepted, focal_point, speaker):
    nomination = nomination_update(
        nomination=accepted,
        nominee=typed(accepted, given_name="Bo", family_name="Chen", email="bo.chen@iom.example"),
        by=focal_point,
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING
    assert (nomination.decided_by, nomination.decided_at) == (None, None)
    assert nomination.person != speaker
    assert (nomination.person.full_name, nomination.person.organization) == (
        "Bo Chen",
        accepted.organization,
    )
    speaker.refresh_from_db()
    assert (speaker.full_name, speaker.position) == ("Ana Lopes", "Director")
    event = nomination.events.get(kind=NominationEventKind.CHANGED)
    assert event.message == (
        "family name, given name(s), e-mail address. It was accepted; with other names or "
        "another e-mail address it awaits a new decision."
    )


def test_other_names_with_the_same_address_are_another_person(accepted, focal_point, speaker):
    nomination = nomination_update(
        nomination=accepted,
        nominee=typed(accepted, given_name="Bo", family_name="Chen"),
        by=focal_point,
    )
    assert nomination.status == NominationStatus.PENDING
    assert nomination.person != speaker  # not found again through its own address
    assert nomination.person.full_name == "Bo Chen"


def test_another_address_alone_keeps_the_person_and_awaits_a_decision(
    accepted, focal_point, speaker
):
    nomination = nomination_update(
        nomination=accepted,
        nominee=typed(accepted, email="a.lopes@iom.example"),
        by=focal_point,
    )
    assert nomination.status == NominationStatus.PENDING
    assert nomination.person == speaker
    assert nomination.events.get(kind=NominationEventKind.CHANGED).message == (
        "e-mail address. It was accepted; with other names or another e-mail address it awaits "
        "a new decision."
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"position": "Chief of Mission", "phone": "+41227179111"},
        {"given_name": "ANA", "family_name": "Lópes"},  # accents and case only
        {"email": "Ana.Lopes@IOM.example"},  # the same address
    ],
)
def test_other_details_keep_the_decision(accepted, focal_point, speaker, changes):
    nomination = nomination_update(
        nomination=accepted, nominee=typed(accepted, **changes), by=focal_point
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACCEPTED
    assert nomination.person == speaker


def test_other_names_of_another_of_the_organizations_people_link_that_person(
    accepted, focal_point, organization
):
    colleague = PersonFactory(given_name="Bo", family_name="Chen", organization=organization)
    nomination = nomination_update(
        nomination=accepted,
        nominee=typed(accepted, given_name="Bo", family_name="Chen"),
        by=focal_point,
    )
    assert nomination.person == colleague


def test_swapping_in_someone_nominated_already_is_refused(accepted, focal_point, organization):
    nominate(
        accepted.meeting, organization, focal_point, given_name="Bo", family_name="Chen", email=""
    )
    with pytest.raises(ValidationError) as refused:
        nomination_update(
            nomination=accepted,
            nominee=typed(accepted, given_name="Bo", family_name="Chen"),
            by=focal_point,
        )
    [message] = refused.value.message_dict["family_name"]
    assert message.startswith("Bo Chen is already nominated by IOM (awaiting decision")
    accepted.refresh_from_db()
    assert (accepted.full_name, accepted.status) == ("Ana Lopes", NominationStatus.ACCEPTED)


def test_an_accepted_nomination_keeps_its_place_when_it_awaits_a_decision_again(
    accepted, focal_point, registration
):
    registration.places_per_organization = 1  # its own place: the delegation is full
    registration.save()
    nomination = nomination_update(
        nomination=accepted,
        nominee=typed(accepted, given_name="Bo", family_name="Chen"),
        by=focal_point,
    )
    assert nomination.status == NominationStatus.PENDING


def test_a_wait_listed_nomination_of_another_person_needs_a_place(
    registration, organization, focal_point, staff
):
    registration.places_per_organization = 1
    registration.save()
    waiting = nominate(registration.meeting, organization, focal_point, family_name="Waiting")
    waiting = nomination_waitlist(nomination=waiting, by=staff, message="Full for now.")
    holding = nominate(registration.meeting, organization, focal_point, family_name="Holding")

    with pytest.raises(ValidationError) as refused:
        nomination_update(
            nomination=waiting, nominee=typed(waiting, family_name="Someone"), by=focal_point
        )
    assert refused.value.messages == [
        "IOM has used its 1 place for this meeting. With other names or another e-mail "
        "address, this nomination awaits a new decision and needs a place: keep them, or "
        "withdraw another nomination first."
    ]
    waiting.refresh_from_db()
    assert (waiting.family_name, waiting.status) == ("Waiting", NominationStatus.WAITLISTED)

    nomination_withdraw(nomination=holding, by=focal_point)
    nomination = nomination_update(
        nomination=waiting, nominee=typed(waiting, family_name="Someone"), by=focal_point
    )
    nomination.refresh_from_db()
    assert (nomination.status, nomination.decision_message) == (NominationStatus.PENDING, "")
    assert nomination.holds_a_place


def test_the_edit_page_says_the_nomination_awaits_a_new_decision(
    client, accepted, focal_point, honorific
):
    client.force_login(focal_point)
    data = {
        "honorific": honorific.pk,
        "given_name": "Bo",
        "family_name": "Chen",
        "position": "Officer",
        "email": "bo.chen@iom.example",
    }
    response = client.post(
        reverse("participants:nomination_edit", args=[accepted.pk]), data, follow=True
    )
    assertRedirects(response, accepted.get_absolute_url())
    assertContains(
        response,
        "The nomination of Ms. Bo Chen is saved. It was accepted; with other names or another "
        "e-mail address it awaits a new decision by the Secretariat.",
    )
    assertContains(response, "Awaiting decision")


# The letter's name -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("Note verbale – IOM.pdf", "Note verbale – IOM.pdf"),
        ("note-verbale.html", "note-verbale.pdf"),
        ("Letter.PDF", "Letter.pdf"),
        ("letter", "letter.pdf"),
        ("a.b.exe", "a.b.pdf"),
        (".html", "letter.pdf"),
        ("C:\\fakepath\\Note.htm", "Note.pdf"),
        ("\u202eLetter\u200b.html", "Letter.pdf"),
        ("x" * 300 + ".html", "x" * 251 + ".pdf"),
    ],
)
def test_the_letter_is_offered_as_a_pdf_whatever_it_was_called(
    registration, organization, focal_point, sent, stored, upload_dir
):
    letter = SimpleUploadedFile("upload", samples.pdf(), content_type="application/pdf")
    letter.sent_name = sent  # as uploads.handlers leaves the name the browser sent
    nomination = nomination_create(
        meeting=registration.meeting,
        organization=organization,
        nominee=Nominee(family_name="Okafor"),
        by=focal_point,
        letter=letter,
    )
    assert nomination.letter_name == stored


def test_a_pdf_sent_as_html_downloads_as_a_pdf(client, nomination_with_html_letter, focal_point):
    client.force_login(focal_point)
    response = client.get(
        reverse("participants:nomination_letter", args=[nomination_with_html_letter.pk])
    )
    b"".join(response.streaming_content)
    assert response["Content-Disposition"] == 'attachment; filename="note-verbale.pdf"'
    assert response["Content-Type"] == "application/pdf"


@pytest.fixture
def nomination_with_html_letter(client, meeting, registration, organization, focal_point, form):
    """A PDF sent through the form under an .html name, as a polyglot would be."""
    client.force_login(focal_point)
    letter = SimpleUploadedFile("note-verbale.html", samples.pdf(), content_type="text/html")
    response = client.post(
        reverse("participants:nominate", args=[meeting.slug, organization.pk]),
        form(email="okafor@iom.example", letter=letter),
    )
    assert response.status_code == 302
    client.logout()
    nomination = Nomination.objects.get()
    assert nomination.letter_name == "note-verbale.pdf"
    return nomination


def test_a_letter_replaced_under_an_html_name_is_offered_as_a_pdf(
    registration, organization, focal_point, upload_dir
):
    nomination = nominate(registration.meeting, organization, focal_point, family_name="Okafor")
    nomination = nomination_update(
        nomination=nomination,
        nominee=typed(nomination),
        by=focal_point,
        letter=SimpleUploadedFile("new.html", samples.pdf()),
    )
    assert nomination.letter_name == "new.pdf"


# Invisible characters --------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u200d"])
def test_invisible_characters_do_not_count_when_names_compare(char):
    assert folded(f"Jo{char}hn Smith") == folded("John Smith") == "john smith"


def test_a_zero_width_space_makes_no_second_person(registration, organization, focal_point):
    nominate(
        registration.meeting, organization, focal_point, given_name="John", family_name="Smith"
    )
    with pytest.raises(ValidationError) as refused:
        nominate(
            registration.meeting,
            organization,
            focal_point,
            given_name="Jo\u200bhn",
            family_name="Smith",
            email="other@iom.example",
        )
    [message] = refused.value.message_dict["family_name"]
    assert message.startswith("John Smith is already nominated by IOM")
    assert Nomination.objects.count() == 1


@pytest.fixture
def nominate_url(meeting, registration, organization):
    return reverse("participants:nominate", args=[meeting.slug, organization.pk])


@pytest.mark.parametrize("char", ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u180e"])
def test_the_form_removes_invisible_characters_with_a_notice(
    client, focal_point, nominate_url, form, char
):
    client.force_login(focal_point)
    response = client.post(
        nominate_url,
        form(given_name=f"Jo{char}hn", family_name="Smith", position=f"{char}Officer{char}"),
        follow=True,
    )
    nomination = Nomination.objects.get()
    assert (nomination.given_name, nomination.position) == ("John", "Officer")
    assertContains(
        response,
        "Invisible characters (zero-width spaces, soft hyphens) were removed from the given "
        "name(s) and position or title: check that they read as they should.",
    )


def test_the_form_keeps_the_joiners_names_are_written_with(client, focal_point, nominate_url, form):
    client.force_login(focal_point)
    persian = "\u0645\u0647\u0631\u200c\u0646\u0627\u0632"  # Mehr-naz, with a non-joiner
    malayalam = "\u0d15\u0d4d\u200d"  # a chillu written with the zero-width joiner
    response = client.post(
        nominate_url, form(given_name=persian, family_name=f"Nair{malayalam}"), follow=True
    )
    nomination = Nomination.objects.get()
    assert (nomination.given_name, nomination.family_name) == (persian, f"Nair{malayalam}")
    assertNotContains(response, "Invisible characters")


def test_a_family_name_of_only_a_zero_width_space_is_refused(
    client, focal_point, nominate_url, form
):
    client.force_login(focal_point)
    response = client.post(nominate_url, form(family_name="\u200b"))
    assert response.context["form"].errors["family_name"] == ["This field is required."]
    assert not Nomination.objects.exists()


def test_the_check_in_desk_finds_a_name_stored_with_a_zero_width_space(
    client, staff, meeting, registration, organization
):
    # Stored by a path that does not strip it (the admin, an import): the search still finds it.
    NominationFactory(
        meeting=meeting, organization=organization, given_name="Jo\u200bhn", family_name="Smith"
    )
    client.force_login(staff)
    response = client.get(reverse("participants:checkin", args=[meeting.slug]) + "?q=john+smith")
    assert [row.participant.name for row in response.context["rows"]] == ["Jo\u200bhn Smith"]
