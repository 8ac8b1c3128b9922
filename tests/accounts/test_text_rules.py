"""accounts/text.py: the one rule for typed text, and Organizations' names under it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains

from accounts.models import Organization
from accounts.text import (
    BIDI_CONTROLS,
    is_control,
    search_term,
    single_line,
    validate_no_bidi_controls,
)
from tests.factories import OrganizationFactory, SecretariatFactory
from uploads.filetypes.names import clean_file_name

BIDI = [
    "\u061c",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
]


def test_the_text_direction_controls_are_the_twelve_of_unicode():
    assert sorted(BIDI_CONTROLS) == BIDI


@pytest.mark.parametrize("char", BIDI)
def test_every_text_direction_control_is_refused_by_name(char):
    with pytest.raises(ValidationError) as caught:
        validate_no_bidi_controls(f"Annual {char}report")
    assert caught.value.messages == [
        f"This text contains an invisible text-direction character (U+{ord(char):04X}), which "
        "can make it read differently from what is stored. Type it again, or paste it as plain "
        "text, without it."
    ]


@pytest.mark.parametrize("char", BIDI)
def test_file_names_refuse_the_same_characters(char):
    assert is_control(char)
    with pytest.raises(ValidationError) as caught:
        clean_file_name(f"paper{char}fdp.exe.pdf")
    assert caught.value.messages == ["The file name contains control or text-direction characters."]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Migration and\r\ndevelopment", "Migration and development"),
        ("Migration and\n\n  development", "Migration and development"),
        ("Migration\u2028and\u2029development", "Migration and development"),
        ("Migration\x0band\x0cdevelopment\x85", "Migration and development"),
        ("\tMigration\tand development ", "Migration and development"),
        ("Cre\u0301peau", "Cr\u00e9peau"),
        ("\u202eCrépeau\u202c", "Crépeau"),
        ("DESA\x00 staff", "DESA staff"),
        ("Åkerman-Börje", "Åkerman-Börje"),
    ],
)
def test_single_line_text_is_one_line_nfc_without_controls(typed, stored):
    assert single_line(typed) == stored


def test_a_search_is_for_the_nfc_form():
    assert search_term("Cre\u0301peau") == "Crépeau" == "Cr\u00e9peau"


@pytest.mark.django_db
def test_organization_names_are_stored_nfc_on_one_line_without_controls():
    organization = OrganizationFactory(
        name="Organisation internationale\r\npour les migrations\u202e", acronym="O\u0301IM"
    )

    organization.refresh_from_db()
    assert (organization.name, organization.acronym) == (
        "Organisation internationale pour les migrations",
        "\u00d3IM",
    )


@pytest.fixture
def secretariat_client(client):
    client.force_login(SecretariatFactory())
    return client


def organization_form(**data) -> dict:
    return {
        "name_en": "International Organization for Migration",
        "acronym_en": "IOM",
        "kind": "igo",
        "parent": "",
        "country": "",
        "website": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        **data,
    }


@pytest.mark.django_db
def test_admin_refuses_an_organization_name_with_a_right_to_left_override(secretariat_client):
    response = secretariat_client.post(
        reverse("admin:accounts_organization_add"),
        organization_form(name_en="International Organization\u202e for Migration"),
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["name_en"]
    assertContains(response, "invisible text-direction character (U+202E)")
    assert not Organization.objects.exists()


@pytest.mark.django_db
def test_admin_search_finds_an_organization_however_the_accent_is_typed(secretariat_client):
    oim = OrganizationFactory(name="Organización Internacional para las Migraciones")
    OrganizationFactory(name="Population Division")

    for query in ("Organización", "Organizacio\u0301n"):
        response = secretariat_client.get(
            reverse("admin:accounts_organization_changelist"), {"q": query}
        )
        assert list(response.context["cl"].result_list) == [oim], query
