"""An edit shows at once on every cached page that shows it (meetings/pagecache.py keyed on
Meeting.content_changed_at, meetings.freshness). Each test warms every public page of the
meeting, edits one kind of object as staff would, and reads the pages again as the public: the
new text is where it belongs, and every page is the same as a fresh rendering.

The public programme (and the person page, which reads it) shows the released version: a change
to the programme shows there after a release, on the meeting's other pages at once."""

from collections.abc import Iterable

import pytest
from django.test import RequestFactory

from meetings.models import Appearance, Role
from meetings.pagecache import person_version
from tests.factories import AppearanceFactory, OrganizationFactory, PersonFactory
from tests.meetings.test_page_cache import World, read, warm

pytestmark = pytest.mark.django_db

ALL = ("home", "series", "meeting", "programme", "changes", "person", "document", "participants")


def assert_fresh(client, settings, world: World, text: str, shown_on: Iterable[str]) -> None:
    """`text` is on the `shown_on` pages, and every page from the cache is as freshly rendered."""
    cached = {name: read(client, url) for name, url in world.urls.items()}
    for name in shown_on:
        assert text in cached[name], name
    settings.PUBLIC_PAGE_CACHE = False
    for name, url in world.urls.items():
        assert read(client, url) == cached[name], name
    settings.PUBLIC_PAGE_CACHE = True


@pytest.fixture
def world(client) -> World:
    world = World()
    warm(client, world)
    return world


def test_a_meeting_s_title(client, settings, world):
    world.meeting.title = "Eleventh Coordination Meeting"
    world.meeting.save()
    assert_fresh(client, settings, world, "Eleventh Coordination Meeting", ALL)


def test_an_objective(client, settings, world):
    world.objective.text = "Agree on the figures"
    world.objective.save()
    assert_fresh(client, settings, world, "Agree on the figures", ["meeting"])


def test_a_series(client, settings, world):
    world.series.name = "Meetings on Human Mobility"
    world.series.save()
    assert_fresh(
        client, settings, world, "Meetings on Human Mobility", ["home", "series", "meeting"]
    )


def test_a_session_after_a_release(client, settings, world):
    world.session.name = "Closing session"
    world.session.save()
    assert_fresh(client, settings, world, "Opening session", ["programme", "person"])
    world.release()
    assert_fresh(client, settings, world, "Closing session", ["programme", "person"])


def test_an_agenda_item_after_a_release(client, settings, world):
    world.item.title = "Migration and cities"
    world.item.save()
    world.release()
    assert_fresh(client, settings, world, "Migration and cities", ["programme", "person"])


def test_a_segment_after_a_release(client, settings, world):
    world.segment.title = "Regional figures"
    world.segment.save()
    world.release()
    assert_fresh(client, settings, world, "Regional figures", ["programme", "person"])


def test_an_appearance(client, settings, world):
    world.appearance.role = Role.MODERATOR
    world.appearance.save()
    world.release()
    assert_fresh(client, settings, world, "Moderator", ["programme", "person"])


def test_a_new_appearance_on_the_list_at_once_and_the_programme_after_a_release(
    client, settings, world
):
    AppearanceFactory(
        agenda_item=world.item,
        segment=world.segment,
        person=PersonFactory(given_name="Carla", family_name="Oradora", slug="carla"),
        role=Role.DISCUSSANT,
    )
    assert_fresh(client, settings, world, "Oradora", ["participants"])
    world.release()
    assert_fresh(client, settings, world, "Oradora", ["programme", "participants"])


def test_an_appearance_removed(client, settings, world):
    Appearance.objects.filter(pk=world.appearance.pk).get().delete()
    world.release()
    programme = read(client, world.urls["programme"])
    assert "Trends in migration" in programme
    assert "Hovy" not in programme
    assert "Hovy" not in read(client, world.urls["participants"])
    assert client.get(world.urls["person"]).status_code == 404


def test_a_person(client, settings, world):
    world.person.family_name = "Hovy-Lindqvist"
    world.person.position = "Chief of Section"
    world.person.save()
    assert_fresh(client, settings, world, "Chief of Section", ["person", "participants"])
    world.release()
    assert_fresh(client, settings, world, "Hovy-Lindqvist", ["programme", "person", "participants"])


def test_a_person_in_no_programme_has_a_new_version(world):
    """The person's own row is in the key: an edit changes it even where no meeting is touched."""
    request = RequestFactory().get("/")
    loner = PersonFactory(slug="loner")
    before = person_version(request, slug="loner")
    loner.position = "Rapporteur"
    loner.save()
    assert person_version(request, slug="loner") != before


def test_an_honorific(client, settings, world):
    world.honorific.name = "H.E."
    world.honorific.save()
    assert_fresh(client, settings, world, "H.E.", ["person", "participants"])
    world.release()
    assert_fresh(client, settings, world, "H.E.", ["programme", "person", "participants"])


def test_a_speaker_s_organization(client, settings, world):
    world.speaker_org.name = "Institute of Human Mobility"
    world.speaker_org.save()
    assert_fresh(
        client,
        settings,
        world,
        "Institute of Human Mobility",
        ["person", "meeting", "document", "participants"],
    )


def test_the_organizer(client, settings, world):
    world.organizer.name = "Population Division of DESA"
    world.organizer.save()
    assert_fresh(client, settings, world, "Population Division of DESA", ["meeting"])


def test_a_programme_release(client, settings, world):
    world.release()
    assert_fresh(client, settings, world, "Version 2", ["programme", "changes"])


def test_a_speaker_s_organization_deleted(client, settings, world):
    institute = OrganizationFactory(name="Temporary Institute of Studies")
    world.person.organization = institute
    world.person.save()
    for name in ("person", "participants"):
        assert "Temporary Institute of Studies" in read(client, world.urls[name]), name
    institute.delete()
    for name in ("person", "participants"):
        assert "Temporary Institute of Studies" not in read(client, world.urls[name]), name
    assert_fresh(client, settings, world, "Hovy", ["person", "participants"])
