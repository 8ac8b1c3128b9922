"""Every input of the back office has an accessible name in the HTML itself, before any script:
tabular inline cells by their row and column, file inputs by their field (the browser test,
tests/browser/test_admin_accessibility.py, runs axe-core on the pages)."""

import re

import pytest
from django.urls import reverse

from tests.factories import OrganizationFactory, PersonFactory, SecretariatFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(client):
    client.force_login(SecretariatFactory())
    return client


def test_each_cell_of_a_tabular_inline_is_labelled_by_its_row_and_column(secretariat_client):
    session = SessionFactory()
    response = secretariat_client.get(
        reverse("admin:meetings_meeting_change", args=[session.meeting.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<label for="id_sessions-0-start_time" class="visually-hidden">Session 1: Starts</label>'
        in html
    )
    assert (
        '<label for="id_sessions-0-DELETE" class="visually-hidden">Session 1: Delete?</label>'
        in html
    )
    # The row the page copies for "Add another Session".
    assert (
        '<label for="id_sessions-__prefix__-start_time" class="visually-hidden">'
        "New session: Starts</label>" in html
    )
    assert '<th class="original"><span class="visually-hidden">Session</span></th>' in html


def test_a_photo_input_is_named_by_its_field(secretariat_client):
    person = PersonFactory()
    response = secretariat_client.get(reverse("admin:meetings_person_change", args=[person.pk]))
    assert response.status_code == 200
    assert 'aria-label="Photo"' in response.content.decode()


def test_every_admin_page_loads_the_naming_script_with_the_csp_nonce(secretariat_client):
    response = secretariat_client.get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(
        r'<script src="/static/admin-fixes/autocomplete_names\.js" defer nonce="[^"]+">', html
    )
    assert re.search(r'<link rel="stylesheet" href="/static/admin-fixes/admin\.css" nonce="', html)


def test_a_logo_input_is_named_by_its_field(secretariat_client):
    organization = OrganizationFactory()
    response = secretariat_client.get(
        reverse("admin:accounts_organization_change", args=[organization.pk])
    )
    assert response.status_code == 200
    assert 'aria-label="Logo"' in response.content.decode()
