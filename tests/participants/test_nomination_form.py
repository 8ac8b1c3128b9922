"""The nomination form as a focal point fills it: what is stored, and every refusal with the
message the person reads and nothing stored."""

import datetime
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from participants.models import Nomination, NominationEventKind, NominationStatus
from tests.factories import MembershipFactory, NominationFactory, PersonFactory
from tests.papers import samples

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def nominate_url(meeting, registration, organization):
    return reverse("participants:nominate", args=[meeting.slug, organization.pk])


@pytest.fixture
def delegation_url(meeting, organization):
    return reverse("participants:delegation", args=[meeting.slug, organization.pk])


@pytest.fixture
def focal_client(client, focal_point):
    client.force_login(focal_point)
    return client


@pytest.fixture
def form(honorific):
    """The form as a focal point fills it in (set a value to None to leave a box unticked)."""

    def filled(**overrides) -> dict:
        data = {
            "honorific": honorific.pk,
            "given_name": "María José",
            "family_name": "López Peña",
            "position": "Senior Migration Policy Officer",
            "email": "mj.lopez@iom.example",
            "phone": "+41 22 917 12 34",
            "listed": "on",
            "requirements": "Wheelchair access",
            **overrides,
        }
        return {key: value for key, value in data.items() if value is not None}

    return filled


def errors(response) -> dict:
    return response.context["form"].errors


# What a nomination stores --------------------------------------------------------------------


def test_a_focal_point_nominates_a_delegate(
    focal_client, nominate_url, delegation_url, form, focal_point, organization, honorific
):
    page = focal_client.get(nominate_url)
    assertContains(page, "Nominate a participant")
    assertContains(page, "Agrees to appear on the public list of participants")

    response = focal_client.post(nominate_url, form(head_of_delegation="on"), follow=True)

    assertRedirects(response, delegation_url)
    assertContains(
        response,
        "Ms. María José López Peña is nominated for IOM. The Secretariat will decide, and you "
        "will get an e-mail when it does.",
    )
    nomination = Nomination.objects.get()
    assert (
        nomination.organization,
        nomination.honorific,
        nomination.given_name,
        nomination.family_name,
        nomination.position,
        nomination.email,
        nomination.phone,
        nomination.listed,
        nomination.head_of_delegation,
        nomination.requirements,
        nomination.status,
        nomination.nominated_by,
        bool(nomination.letter),
    ) == (
        organization,
        honorific,
        "María José",
        "López Peña",
        "Senior Migration Policy Officer",
        "mj.lopez@iom.example",
        "+41229171234",
        True,
        True,
        "Wheelchair access",
        NominationStatus.PENDING,
        focal_point,
        False,
    )
    assert list(nomination.events.values_list("kind", flat=True)) == [NominationEventKind.NOMINATED]


def test_a_speaker_nominated_is_the_same_person(focal_client, nominate_url, form, organization):
    speaker = PersonFactory(
        given_name="Maria Jose", family_name="Lopez Pena", organization=organization
    )
    focal_client.post(nominate_url, form())
    assert Nomination.objects.get().person == speaker


@pytest.mark.parametrize(
    "typed", ["+41 22 917 12 34", "0041 22 917 12 34", "+41 (0)22 917 12 34", "+41-22-917-1234"]
)
def test_the_phone_is_stored_in_e164(focal_client, nominate_url, form, typed):
    focal_client.post(nominate_url, form(phone=typed))
    assert Nomination.objects.get().phone == "+41229171234"


def test_the_phone_is_optional(focal_client, nominate_url, form):
    focal_client.post(nominate_url, form(phone=""))
    assert Nomination.objects.get().phone == ""


def test_names_are_stored_as_typed_and_shown_escaped(
    focal_client, nominate_url, delegation_url, form
):
    response = focal_client.post(
        nominate_url,
        form(given_name="<b>Ana</b>", family_name="<script>alert(1)</script>"),
        follow=True,
    )
    nomination = Nomination.objects.get()
    assert (nomination.given_name, nomination.family_name) == (
        "<b>Ana</b>",
        "<script>alert(1)</script>",
    )
    assertContains(response, escape("Ms. <b>Ana</b> <script>alert(1)</script>"))
    assertNotContains(response, "<script>alert(1)</script>")
    assertNotContains(response, "<b>Ana</b>")


def test_text_direction_controls_are_stripped_with_a_notice(focal_client, nominate_url, form):
    response = focal_client.post(
        nominate_url,
        form(given_name="\u202eAna\u202c", family_name="Lopes\u200f", position="Officer"),
        follow=True,
    )
    nomination = Nomination.objects.get()
    assert (nomination.given_name, nomination.family_name) == ("Ana", "Lopes")
    assertContains(
        response,
        "Invisible text-direction characters were removed from the given name(s) and family "
        "name: check that they read as they should.",
    )


# Refusals: the message, and nothing stored -------------------------------------------------


def refused(response, field, message):
    assert response.status_code == 200
    assert errors(response)[field] == [message]
    assertContains(response, "The nomination was not saved")
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "022 917 12 34",
            "Give the number with its country code, starting with + (for example "
            "+41 22 917 12 34).",
        ),
        ("+41 22", "“+41 22” is too short for a phone number with the country code +41."),
        (
            "+41 22 917 12 34 567890",
            "“+41 22 917 12 34 567890” is too long for a phone number with the country code +41.",
        ),
        (
            "+41 12 345 67 89",
            "“+41 12 345 67 89” is not a valid phone number with the country code +41. Check "
            "the number.",
        ),
        (
            "+999 123",
            "“+999 123” is not a phone number. Give it with its country code, for example "
            "+41 22 917 12 34.",
        ),
        (
            "+ call me",
            "“+ call me” is not a phone number. Give it with its country code, for "
            "example +41 22 917 12 34.",
        ),
    ],
)
def test_an_impossible_phone_is_refused(focal_client, nominate_url, form, typed, message):
    refused(focal_client.post(nominate_url, form(phone=typed)), "phone", message)


@pytest.mark.parametrize("typed", ["mj.lopez@", "mj lopez@iom.example", "@iom.example"])
def test_an_impossible_email_is_refused(focal_client, nominate_url, form, typed):
    refused(
        focal_client.post(nominate_url, form(email=typed)), "email", "Enter a valid email address."
    )


def test_the_email_is_required(focal_client, nominate_url, form):
    refused(focal_client.post(nominate_url, form(email="")), "email", "This field is required.")


@pytest.mark.parametrize("field", ["given_name", "family_name", "position"])
@pytest.mark.parametrize(
    ("char", "code"), [("\x07", "U+0007"), ("\x1b", "U+001B"), ("\x85", "U+0085")]
)
def test_control_characters_in_names_are_refused(
    focal_client, nominate_url, form, field, char, code
):
    refused(
        focal_client.post(nominate_url, form(**{field: f"Ana{char}Lopes"})),
        field,
        f"This text contains an invisible control character ({code}). Type it again, or paste "
        "it as plain text, without it.",
    )


def test_a_family_name_of_only_direction_marks_is_refused(focal_client, nominate_url, form):
    refused(
        focal_client.post(nominate_url, form(family_name="\u200f\u200e")),
        "family_name",
        "This field is required.",
    )


def test_nominating_after_registration_closed_is_refused(
    focal_client, nominate_url, form, registration
):
    today = registration.today()  # the venue's date, not the server's
    registration.opens_on = today - 30 * DAY
    registration.closes_on = today - 2 * DAY
    registration.save()
    closed = (today - 2 * DAY).strftime("%-d %B %Y")

    page = focal_client.get(nominate_url)
    assertContains(page, "Registration is closed", status_code=403)
    assertContains(page, f"Registration closed on {closed}.", status_code=403)

    response = focal_client.post(nominate_url, form())
    assertContains(response, f"Registration closed on {closed}.", status_code=403)
    assertContains(response, "Nothing was stored.", status_code=403)
    assert not Nomination.objects.exists()


def test_nominating_before_registration_opens_is_refused(
    focal_client, nominate_url, form, registration
):
    today = registration.today()  # the venue's date, not the server's
    registration.opens_on = today + 5 * DAY
    registration.closes_on = None
    registration.save()
    opens = (today + 5 * DAY).strftime("%-d %B %Y")

    response = focal_client.post(nominate_url, form())

    assertContains(response, "Registration is not open", status_code=403)
    assertContains(response, f"Registration opens on {opens}.", status_code=403)
    assert not Nomination.objects.exists()


def test_over_the_organizations_places_is_refused(
    focal_client, nominate_url, form, registration, meeting, organization
):
    registration.places_per_organization = 1
    registration.save()
    # The page was open when the last place went: the form still reaches the service.
    NominationFactory(meeting=meeting, organization=organization, status=NominationStatus.PENDING)

    response = focal_client.post(nominate_url, form())

    assert response.context["form"].non_field_errors() == [
        "IOM has used its 1 place for this meeting."
    ]
    assertContains(response, "Nothing was stored.")
    assert Nomination.objects.count() == 1


def test_over_the_meetings_capacity_is_refused(
    focal_client, nominate_url, form, registration, meeting
):
    registration.capacity = 2
    registration.save()
    NominationFactory.create_batch(2, meeting=meeting, status=NominationStatus.ACCEPTED)

    response = focal_client.post(nominate_url, form())

    assert response.context["form"].non_field_errors() == [
        "The meeting is full: all 2 places are taken."
    ]
    assert Nomination.objects.count() == 2


def test_the_same_email_in_another_case_is_refused_naming_the_nomination(
    focal_client, nominate_url, form, meeting, organization, honorific
):
    NominationFactory(
        meeting=meeting,
        organization=organization,
        honorific=honorific,
        given_name="María José",
        family_name="López",
        email="mj.lopez@iom.example",
        status=NominationStatus.PENDING,
    )
    earlier = Nomination.objects.get()
    since = earlier.created_at.strftime("%-d %B %Y")

    response = focal_client.post(
        nominate_url, form(email="MJ.Lopez@IOM.example", family_name="López Peña")
    )

    assert errors(response)["email"] == [
        f"Ms. María José López is already nominated by IOM (awaiting decision, since {since})."
    ]
    assert Nomination.objects.count() == 1


def test_the_same_email_in_another_organization_is_refused(
    focal_client, nominate_url, form, meeting, other_organization
):
    NominationFactory(
        meeting=meeting,
        organization=other_organization,
        given_name="Maria",
        family_name="Lopez",
        email="mj.lopez@iom.example",
    )

    response = focal_client.post(nominate_url, form())

    assert errors(response)["email"] == [
        "This e-mail address is already used for this meeting. If it is right, write to the "
        "Secretariat."
    ]
    assertNotContains(response, "Maria Lopez")
    assertNotContains(response, "ILO")
    assert Nomination.objects.count() == 1


@pytest.mark.parametrize(
    ("given", "family"),
    [("Maria Jose", "Lopez Pena"), ("MARÍA JOSÉ", "LÓPEZ PEÑA"), ("María  José", "López Peña")],
)
def test_the_same_names_with_or_without_accents_are_refused(
    focal_client, nominate_url, form, meeting, organization, given, family
):
    NominationFactory(
        meeting=meeting,
        organization=organization,
        given_name=given,
        family_name=family,
        email="other.address@iom.example",
        status=NominationStatus.ACCEPTED,
    )
    earlier = Nomination.objects.get()

    response = focal_client.post(nominate_url, form())

    assert errors(response)["family_name"] == [
        f"{given} {family} is already nominated by IOM (accepted, since "
        f"{earlier.created_at.strftime('%-d %B %Y')})."
    ]
    assert Nomination.objects.count() == 1


def test_a_withdrawn_nomination_does_not_stand_in_the_way(
    focal_client, nominate_url, form, meeting, organization
):
    NominationFactory(
        meeting=meeting,
        organization=organization,
        given_name="María José",
        family_name="López Peña",
        email="mj.lopez@iom.example",
        status=NominationStatus.WITHDRAWN,
    )
    focal_client.post(nominate_url, form())
    assert Nomination.objects.filter(status=NominationStatus.PENDING).count() == 1


def test_the_same_form_sent_twice_stores_one_nomination(
    focal_client, nominate_url, delegation_url, form
):
    focal_client.post(nominate_url, form())

    response = focal_client.post(nominate_url, form(), follow=True)

    assertRedirects(response, delegation_url)
    assertContains(
        response,
        "This form was sent already: Ms. María José López Peña was nominated then (awaiting "
        "decision). Nothing new was stored.",
    )
    assert Nomination.objects.count() == 1


def test_nominating_for_an_organization_one_does_not_belong_to_is_404(
    client, meeting, registration, other_organization, focal_point, form
):
    client.force_login(focal_point)
    url = reverse("participants:nominate", args=[meeting.slug, other_organization.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, form()).status_code == 404
    assert not Nomination.objects.exists()


def test_a_focal_point_whose_account_was_disabled_cannot_nominate(
    client, nominate_url, form, focal_point
):
    client.force_login(focal_point)
    focal_point.is_active = False
    focal_point.save()
    response = client.post(nominate_url, form())
    assert response.status_code == 302  # logged out: to the login page
    assert not Nomination.objects.exists()


# The letter ---------------------------------------------------------------------------------


@pytest.fixture
def letter_required(registration):
    registration.letter_required = True
    registration.save()
    return registration


def letter(data: bytes, name: str = "Note verbale.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_letter_is_stored_with_its_name(focal_client, nominate_url, form, letter_required):
    data = samples.pdf()
    response = focal_client.post(nominate_url, form(letter=letter(data, "Note verbale – IOM.pdf")))
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.letter_name == "Note verbale – IOM.pdf"
    with nomination.letter.open("rb") as stored:
        assert stored.read() == data
    assert nomination.letter.name.startswith(f"participants/letters/{nomination.meeting_id}/")


def test_a_missing_letter_is_refused_when_required(
    focal_client, nominate_url, form, letter_required
):
    page = focal_client.get(nominate_url)
    assertContains(page, "Required for this meeting: a note verbale or nomination letter")
    refused(
        focal_client.post(nominate_url, form()),
        "letter",
        "This meeting asks for a nomination letter (a PDF): attach it.",
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "letter.docx",
            samples.office("docx"),
            "The nomination letter must be a PDF, and this file is of another kind (Word). "
            "Save or scan the letter as a PDF and send that.",
        ),
        (
            "letter.png",
            samples.image("PNG"),
            "The nomination letter must be a PDF, and this file is of another kind (PNG image). "
            "Save or scan the letter as a PDF and send that.",
        ),
        (
            "letter.pdf",
            b"<!doctype html><html><script>alert(1)</script></html>",
            "This file is an HTML page renamed to .pdf; send the letter as a PDF.",
        ),
        (
            "letter.pdf",
            b"%PDF-1.7\n" + b"garbage " * 200,
            "The PDF is damaged and cannot be opened.",
        ),
        ("letter.pdf", b"", "The file is empty."),
        (
            "letter.pdf",
            samples.handwritten_pdf(b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"),
            "The PDF contains JavaScript. A nomination letter must be a plain PDF: print it to "
            "a new PDF, or scan it, and send that.",
        ),
    ],
    ids=["word", "png", "html", "broken-pdf", "empty", "javascript"],
)
def test_a_letter_that_fails_the_checks_is_refused_and_logged(
    focal_client, nominate_url, form, letter_required, name, data, message, caplog, upload_dir
):
    with caplog.at_level(logging.INFO, logger="plenary.security"):
        response = focal_client.post(nominate_url, form(letter=letter(data, name)))

    assert errors(response)["letter"] == [message]
    assert not Nomination.objects.exists()
    assert [
        r.getMessage()
        for r in caplog.records
        if r.name == "plenary.security" and r.getMessage().startswith("upload refused")
    ]
    assert list(upload_dir.iterdir()) == []


def test_a_refused_letter_on_an_optional_field_stores_nothing(focal_client, nominate_url, form):
    response = focal_client.post(
        nominate_url, form(letter=letter(samples.office("docx"), "letter.docx"))
    )
    assert "letter" in errors(response)
    assert not Nomination.objects.exists()


def test_two_letters_at_once_are_refused(focal_client, nominate_url, form):
    response = focal_client.post(
        nominate_url, form(letter=[letter(samples.pdf(), "a.pdf"), letter(samples.pdf(), "b.pdf")])
    )
    assert errors(response)["letter"] == ["Send one file at a time."]
    assert not Nomination.objects.exists()


# Editing ------------------------------------------------------------------------------------


@pytest.fixture
def nomination(meeting, registration, organization, honorific, focal_point):
    return NominationFactory(
        meeting=meeting,
        organization=organization,
        honorific=honorific,
        given_name="Ana",
        family_name="Lopes",
        position="Officer",
        email="ana.lopes@iom.example",
        phone="+41229171234",
        status=NominationStatus.PENDING,
        nominated_by=focal_point,
    )


def edit_url(nomination) -> str:
    return reverse("participants:nomination_edit", args=[nomination.pk])


def test_the_edit_form_is_filled_from_the_nomination(focal_client, nomination):
    response = focal_client.get(edit_url(nomination))
    form = response.context["form"]
    assert (form["given_name"].value(), form["email"].value(), form["phone"].value()) == (
        "Ana",
        "ana.lopes@iom.example",
        "+41229171234",
    )
    assertContains(response, "Change a nomination")
    assertContains(response, 'value="ana.lopes@iom.example"')


def test_a_focal_point_changes_a_nomination(focal_client, nomination, form, focal_point):
    response = focal_client.post(
        edit_url(nomination),
        form(
            given_name="Ana",
            family_name="Lopes",
            position="Chief of Mission",
            email="ana.lopes@iom.example",
            phone="0041 22 717 91 11",
        ),
        follow=True,
    )

    assertRedirects(response, nomination.get_absolute_url())
    assertContains(response, "The nomination of Ms. Ana Lopes is saved.")
    nomination.refresh_from_db()
    assert (nomination.position, nomination.phone, nomination.requirements) == (
        "Chief of Mission",
        "+41227179111",
        "Wheelchair access",
    )
    [event] = nomination.events.all()
    assert (event.kind, event.by) == (NominationEventKind.CHANGED, focal_point)
    assert "position or title" in event.message


def test_a_change_to_anothers_email_is_refused(
    focal_client, nomination, form, meeting, organization
):
    NominationFactory(
        meeting=meeting,
        organization=organization,
        given_name="Bo",
        family_name="Chen",
        email="bo.chen@iom.example",
    )
    response = focal_client.post(
        edit_url(nomination),
        form(given_name="Ana", family_name="Lopes", email="Bo.Chen@iom.example"),
    )
    assert errors(response)["email"][0].startswith("Bo Chen is already nominated by IOM")
    nomination.refresh_from_db()
    assert nomination.email == "ana.lopes@iom.example"


def test_a_letter_can_be_replaced(focal_client, nomination, form):
    page = focal_client.get(edit_url(nomination))
    assertContains(page, "Optional: a note verbale or nomination letter")
    focal_client.post(
        edit_url(nomination),
        form(
            given_name="Ana",
            family_name="Lopes",
            email="ana.lopes@iom.example",
            letter=letter(samples.pdf(), "Letter.pdf"),
        ),
    )
    nomination.refresh_from_db()
    assert nomination.letter_name == "Letter.pdf"
    page = focal_client.get(edit_url(nomination))
    assertContains(page, "Replace the nomination letter")
    assertContains(page, reverse("participants:nomination_letter", args=[nomination.pk]))


def test_editing_after_registration_closed_is_refused(focal_client, nomination, form, registration):
    today = registration.today()  # the venue's date, not the server's
    registration.opens_on = today - 30 * DAY
    registration.closes_on = today - DAY
    registration.save()
    response = focal_client.post(edit_url(nomination), form(position="Changed"))
    assertContains(response, "Registration is closed", status_code=403)
    assertContains(response, "Nothing was stored.", status_code=403)
    nomination.refresh_from_db()
    assert nomination.position == "Officer"


def test_a_withdrawn_nomination_cannot_be_edited(focal_client, nomination, form):
    Nomination.objects.filter(pk=nomination.pk).update(status=NominationStatus.WITHDRAWN)
    response = focal_client.post(edit_url(nomination), form(position="Changed"), follow=True)
    assertRedirects(response, nomination.get_absolute_url())
    assertContains(
        response, "The nomination of Ana Lopes was withdrawn: it can no longer be changed."
    )
    nomination.refresh_from_db()
    assert nomination.position == "Officer"


def test_another_organizations_focal_point_cannot_edit(client, nomination, form, other_focal_point):
    client.force_login(other_focal_point)
    assert client.get(edit_url(nomination)).status_code == 404
    assert client.post(edit_url(nomination), form(position="Changed")).status_code == 404
    nomination.refresh_from_db()
    assert nomination.position == "Officer"


def test_a_second_focal_point_of_the_organization_may_edit(client, nomination, form, organization):
    colleague = MembershipFactory(organization=organization).user
    client.force_login(colleague)
    response = client.post(
        edit_url(nomination),
        form(given_name="Ana", family_name="Lopes", email="ana.lopes@iom.example", position="New"),
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.position == "New"
