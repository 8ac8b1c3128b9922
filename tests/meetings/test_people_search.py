"""People done right: found without accents and case, shown with their affiliation, sorted as
names are read, not added twice by mistake, and an appearance's affiliation follows its person."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accounts.text import folded
from meetings.models import Appearance, Honorific, Meeting, Person
from meetings.versions.services import programme_release
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    SecretariatFactory,
    StaffFactory,
)
from tests.meetings.test_reference_programme import SLUG, visible_lines
from tests.meetings.test_stale_pages import form_data

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = {"app_label": "meetings", "model_name": "appearance", "field_name": "person"}


@pytest.fixture
def secretariat_client(client):
    client.force_login(SecretariatFactory())
    return client


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def autocomplete(client, term: str) -> list[str]:
    response = client.get(reverse("admin:autocomplete"), {"term": term, **AUTOCOMPLETE})
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def changelist_names(client, **params) -> list[str]:
    response = client.get(reverse("admin:meetings_person_changelist"), params)
    assert response.status_code == 200
    return [person.full_name for person in response.context["cl"].result_list]


# The stored keys


def test_person_keeps_its_keys_up_to_date():
    person = PersonFactory(given_name="Eva", family_name="Åkerman-Börje", position="Ambassador")
    assert (person.name_key, person.search_key) == (
        "akerman-borje eva",
        "eva akerman-borje ambassador",
    )
    person.family_name = "Crépeau"
    person.save(update_fields=["family_name"])
    person.refresh_from_db()
    assert person.name_key == "crepeau eva"
    assert "crepeau" in person.search_key


def test_the_migration_filled_keys_the_same_way_save_does():
    person = PersonFactory(given_name="François", family_name="CRÉPEAU")
    Person.objects.filter(pk=person.pk).update(name_key="", search_key="")
    migration = importlib.import_module("meetings.migrations.0010_person_name_and_search_keys")
    migration.fill_keys(apps, None)
    person.refresh_from_db()
    assert person.name_key == folded("CRÉPEAU François") == "crepeau francois"


# Search, in the list and in the autocomplete


@pytest.mark.parametrize(
    "term", ["crepeau", "CREPEAU", "Crépeau", "francois crep", "Cre\u0301peau"]
)
def test_the_person_list_finds_crepeau_without_accents_or_case(secretariat_client, term):
    PersonFactory(given_name="François", family_name="Crépeau")
    PersonFactory(given_name="Bela", family_name="Hovy")
    assert changelist_names(secretariat_client, q=term) == ["François Crépeau"]


@pytest.mark.parametrize("term", ["akerman", "AKERMAN-BORJE", "eva åkerman", "börje"])
def test_the_autocomplete_finds_akerman_without_accents_or_case(secretariat_client, term):
    PersonFactory(given_name="Eva", family_name="Åkerman-Börje", position="")
    PersonFactory(given_name="Jorge", family_name="Bustamante")
    assert autocomplete(secretariat_client, term) == ["Eva Åkerman-Börje"]


def test_search_still_finds_people_by_their_organization(secretariat_client):
    organization = OrganizationFactory(name="Ministry of Justice", acronym="MoJ")
    PersonFactory(given_name="Eva", family_name="Åkerman-Börje", organization=organization)
    PersonFactory(given_name="Bela", family_name="Hovy")
    assert changelist_names(secretariat_client, q="Ministry of Justice") == ["Eva Åkerman-Börje"]
    assert changelist_names(secretariat_client, q="moj") == ["Eva Åkerman-Börje"]


def test_the_autocomplete_shows_honorific_name_and_current_affiliation(secretariat_client):
    PersonFactory(
        honorific=Honorific.objects.create(name="Professor"),
        given_name="François",
        family_name="Crépeau",
        position="Special Rapporteur on the human rights of migrants",
    )
    parent = OrganizationFactory(name="Department of Economic and Social Affairs", acronym="DESA")
    PersonFactory(
        honorific=Honorific.objects.get_or_create(name="Mr.")[0],
        given_name="Bela",
        family_name="Hovy",
        position="",
        organization=OrganizationFactory(name="Population Division", parent=parent),
    )
    assert autocomplete(secretariat_client, "crepeau") == [
        "Professor François Crépeau, Special Rapporteur on the human rights of migrants"
    ]
    assert autocomplete(secretariat_client, "hovy") == ["Mr. Bela Hovy, Population Division, DESA"]


def test_the_autocomplete_of_other_models_keeps_their_own_text(secretariat_client):
    OrganizationFactory(name="Ministry of Justice")
    response = secretariat_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Justice",
            "app_label": "meetings",
            "model_name": "person",
            "field_name": "organization",
        },
    )
    assert [row["text"] for row in response.json()["results"]] == ["Ministry of Justice"]


def test_the_autocomplete_query_count_does_not_grow_with_the_results(secretariat_client):
    def queries(n: int) -> int:
        organization = OrganizationFactory(parent=OrganizationFactory())
        for _ in range(n):
            PersonFactory(family_name="Crépeau", organization=organization, position="")
        with CaptureQueriesContext(connection) as context:
            autocomplete(secretariat_client, "crepeau")
        Person.objects.all().delete()
        return len(context)

    assert queries(2) == queries(12)


def test_the_person_list_shows_name_affiliation_and_sorts_as_names_are_read(secretariat_client):
    PersonFactory(given_name="Bela", family_name="Hovy", position="Chief")
    PersonFactory(
        honorific=Honorific.objects.create(name="Amb."),
        given_name="Eva",
        family_name="Åkerman-Börje",
        position="Ministry of Justice, Sweden",
    )
    PersonFactory(given_name="John", family_name="Bingham")
    PersonFactory(given_name="Zoë", family_name="Zapata")
    assert changelist_names(secretariat_client) == [
        "Eva Åkerman-Börje",
        "John Bingham",
        "Bela Hovy",
        "Zoë Zapata",
    ]
    response = secretariat_client.get(reverse("admin:meetings_person_changelist"))
    assertContains(response, "Amb. Eva Åkerman-Börje")
    assertContains(response, "Ministry of Justice, Sweden")
    assertContains(response, "Current affiliation")


def test_the_appearance_inline_shows_the_chosen_person_with_affiliation(secretariat_client, demo):
    appearance = Appearance.objects.get(
        agenda_item__meeting__slug=SLUG, person__family_name="Crépeau"
    )
    response = secretariat_client.get(
        reverse("admin:meetings_agendaitem_change", args=[appearance.agenda_item_id])
    )
    assertContains(
        response,
        "Professor François Crépeau, Special Rapporteur on the human rights of migrants</option>",
    )


# Who may search


def test_people_search_is_for_staff_with_permission(client):
    PersonFactory(family_name="Crépeau")
    url = reverse("admin:autocomplete")
    changelist = reverse("admin:meetings_person_changelist")
    params = {"term": "crepeau", **AUTOCOMPLETE}
    assert client.get(url, params).status_code == 302  # anonymous: to the login page
    assert client.get(changelist).status_code == 302
    client.force_login(MembershipFactory().user)  # a focal point, not staff
    assert client.get(url, params).status_code == 302
    assert client.get(changelist).status_code == 302
    client.force_login(StaffFactory())  # staff without the permission
    assert client.get(url, params).status_code == 403
    assert client.get(changelist).status_code == 403


# Adding a namesake


def person_data(**fields) -> dict:
    return {"given_name": "Francois", "family_name": "CREPEAU", "position": "", **fields}


def test_adding_a_namesake_warns_with_a_link_and_stores_nothing(secretariat_client):
    crepeau = PersonFactory(given_name="François", family_name="Crépeau", position="")
    response = secretariat_client.post(reverse("admin:meetings_person_add"), person_data())
    assert response.status_code == 200
    link = reverse("admin:meetings_person_change", args=[crepeau.pk])
    assertContains(
        response,
        f'François Crépeau already exists: <a href="{link}">François Crépeau</a>.',
    )
    assertContains(response, "This is another person")
    assert Person.objects.count() == 1


def test_a_confirmed_namesake_is_saved(secretariat_client):
    PersonFactory(given_name="François", family_name="Crépeau")
    response = secretariat_client.post(
        reverse("admin:meetings_person_add"), person_data(another_person="on")
    )
    assert response.status_code == 302
    assert Person.objects.filter(name_key="crepeau francois").count() == 2


def test_another_name_is_added_without_a_warning(secretariat_client):
    PersonFactory(given_name="François", family_name="Crépeau")
    response = secretariat_client.post(
        reverse("admin:meetings_person_add"), person_data(given_name="Marie")
    )
    assert response.status_code == 302


def test_an_erased_person_is_no_namesake(secretariat_client):
    PersonFactory(given_name="", family_name="", withheld_at="2020-01-01T00:00Z")
    response = secretariat_client.post(
        reverse("admin:meetings_person_add"), person_data(given_name="", family_name="X")
    )
    assert response.status_code == 302


def test_editing_a_person_asks_nothing(secretariat_client):
    PersonFactory(given_name="François", family_name="Crépeau")
    other = PersonFactory(given_name="Francois", family_name="Crepeau")
    response = secretariat_client.get(reverse("admin:meetings_person_change", args=[other.pk]))
    assertNotContains(response, "This is another person")


# An appearance's affiliation follows its person


def programme(client) -> list[str]:
    """The public programme once staff have published the change: a new version."""
    programme_release(meeting=Meeting.objects.get(slug=SLUG), by=None)
    return visible_lines(
        client.get(reverse("meetings:programme", kwargs={"slug": SLUG})).content.decode()
    )


def test_swapping_the_person_of_a_derived_appearance_derives_it_again(client, demo):
    appearance = Appearance.objects.get(
        agenda_item__meeting__slug=SLUG, person__family_name="Hovy", agenda_item__order=1
    )
    assert appearance.affiliation == appearance.person.default_affiliation()
    appearance.person = Person.objects.get(family_name="Crépeau")
    appearance.save()
    lines = programme(client)
    opening = lines.index("I. Opening of the meeting")
    assert lines[opening + 1] == (
        "Professor François Crépeau, Special Rapporteur on the human rights of migrants"
    )


def test_a_hand_typed_affiliation_is_kept_when_the_person_changes(client, demo):
    appearance = Appearance.objects.get(
        agenda_item__meeting__slug=SLUG, person__family_name="Hovy", agenda_item__order=1
    )
    appearance.affiliation = "Director, Population Division"
    appearance.save()
    appearance.person = Person.objects.get(family_name="Bingham")
    appearance.save()
    lines = programme(client)
    opening = lines.index("I. Opening of the meeting")
    assert lines[opening + 1] == "Mr. John Bingham, Director, Population Division"


def test_swapping_a_person_in_the_admin_shows_the_new_affiliation(client, secretariat_client, demo):
    appearance = Appearance.objects.get(
        agenda_item__meeting__slug=SLUG, person__family_name="Hovy", agenda_item__order=1
    )
    url = reverse("admin:meetings_agendaitem_change", args=[appearance.agenda_item_id])
    data = form_data(secretariat_client.get(url))
    key = next(
        k for k, v in data.items() if k.endswith("-person") and v == str(appearance.person_id)
    )
    data[key] = str(Person.objects.get(family_name="Crépeau").pk)
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    appearance.refresh_from_db()
    assert appearance.affiliation == "Special Rapporteur on the human rights of migrants"
    assert "Professor François Crépeau, Special Rapporteur on the human rights of migrants" in (
        programme(client)
    )


def test_an_affiliation_typed_with_the_swap_is_kept(secretariat_client, demo):
    appearance = Appearance.objects.get(
        agenda_item__meeting__slug=SLUG, person__family_name="Hovy", agenda_item__order=1
    )
    url = reverse("admin:meetings_agendaitem_change", args=[appearance.agenda_item_id])
    data = form_data(secretariat_client.get(url))
    key = next(
        k for k, v in data.items() if k.endswith("-person") and v == str(appearance.person_id)
    )
    data[key] = str(Person.objects.get(family_name="Crépeau").pk)
    data[key.removesuffix("person") + "affiliation"] = "University of Ottawa"
    assert secretariat_client.post(url, data).status_code == 302
    appearance.refresh_from_db()
    assert (appearance.person.family_name, appearance.affiliation) == (
        "Crépeau",
        "University of Ottawa",
    )
