"""A person's public page follows the released programme, as the programme page does: an
appearance added after the latest version stays off it until staff publish again, and the
affiliation shown is the version's. A person deleted in the back office leaves no name in any
released version or in its "What changed"."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Person
from meetings.versions.services import programme_release
from tests.factories import AgendaItemFactory, AppearanceFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(title="Eleventh Coordination Meeting")


def test_an_unpublished_appearance_stays_off_the_persons_page(client, meeting):
    released = AppearanceFactory(
        agenda_item=AgendaItemFactory(meeting=meeting, title="Opening"),
        person=PersonFactory(given_name="Zoë", family_name="Núñez"),
        affiliation="Migration Policy Lab",
    )
    programme_release(meeting=meeting, by=None)
    newcomer = AppearanceFactory(
        agenda_item=AgendaItemFactory(meeting=meeting, title="Closing"),
        person=PersonFactory(given_name="Mohammed", family_name="Ali"),
    )
    released.affiliation = "University of Lagos"
    released.save()

    # Not yet released: no page for the newcomer, the released affiliation for Zoë.
    assert client.get(newcomer.person.get_absolute_url()).status_code == 404
    page = client.get(released.person.get_absolute_url())
    assertContains(page, "Migration Policy Lab")
    assertNotContains(page, "University of Lagos")

    programme_release(meeting=meeting, by=None)
    assertContains(client.get(newcomer.person.get_absolute_url()), "Closing")
    assertContains(client.get(released.person.get_absolute_url()), "University of Lagos")


def test_a_meeting_never_released_shows_its_live_appearances(client, meeting):
    appearance = AppearanceFactory(agenda_item=AgendaItemFactory(meeting=meeting, title="Opening"))
    assertContains(client.get(appearance.person.get_absolute_url()), "Opening")


def test_a_deleted_person_leaves_no_name_in_released_versions(client, admin_client, meeting):
    person = PersonFactory(given_name="Deleteme", family_name="Testperson")
    appearance = AppearanceFactory(agenda_item=AgendaItemFactory(meeting=meeting), person=person)
    programme_release(meeting=meeting, by=None)
    appearance.delete()
    programme_release(meeting=meeting, by=None)

    response = admin_client.post(
        reverse("admin:meetings_person_delete", args=[person.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    for url in (
        reverse("meetings:programme", args=[meeting.slug]),
        reverse("meetings:programme_changes", args=[meeting.slug]),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assertNotContains(page, "Testperson")
    assert "Testperson" not in str(list(meeting.programme_versions.values_list("snapshot")))
    assertContains(
        client.get(reverse("meetings:programme_changes", args=[meeting.slug])), "Name withheld"
    )
