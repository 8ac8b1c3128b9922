"""Programme versions on the site and in the admin (issue 9, point 3): the public reads the
latest released version, staff the live programme; "What changed"; earlier versions for staff;
publishing again from the admin."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import MeetingStatus, ProgrammeVersion
from meetings.versions.services import programme_release
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    MeetingFactory,
    MembershipFactory,
    SecretariatFactory,
    SegmentFactory,
    SessionFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

WHO = ["anonymous", "other organization", "staff without permission", "secretariat"]


def login(client, who):
    if who == "other organization":
        client.force_login(MembershipFactory().user)
    elif who == "staff without permission":
        client.force_login(StaffFactory())
    elif who == "secretariat":
        client.force_login(SecretariatFactory())


def change_meeting_staff():
    user = StaffFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="change_meeting", content_type__app_label="meetings")
    )
    return user


def urls(meeting):
    return {
        "programme": reverse("meetings:programme", args=[meeting.slug]),
        "changes": reverse("meetings:programme_changes", args=[meeting.slug]),
        "version": reverse("meetings:programme_version", args=[meeting.slug, 1]),
        "publish": reverse("admin:meetings_meeting_publish", args=[meeting.pk]),
    }


@pytest.fixture
def meeting():
    meeting = MeetingFactory(title="The Tenth")
    meeting.session = SessionFactory(meeting=meeting)
    meeting.item = AgendaItemFactory(meeting=meeting, title="Opening of the meeting")
    meeting.item.sessions.add(meeting.session)
    AppearanceFactory(agenda_item=meeting.item)
    version = programme_release(meeting=meeting, by=SecretariatFactory(), note="As adopted")
    # 03.00 UTC on the 13th is still the 12th in New York.
    version.published_at = datetime.datetime(2013, 1, 13, 3, tzinfo=datetime.UTC)
    version.save()
    meeting.item.title = "Opening of the session"
    meeting.item.save()
    return meeting


@pytest.mark.parametrize("who", WHO[:3])
def test_the_public_reads_the_released_version_with_its_line(client, meeting, who):
    login(client, who)
    response = client.get(urls(meeting)["programme"])
    assertContains(response, "Opening of the meeting")
    assertNotContains(response, "Opening of the session")
    assertContains(
        response,
        f'<p class="programme-version">Version 1, 12 January 2013: <span dir="auto">As adopted'
        f'</span><span class="no-print"> · <a href="{urls(meeting)["changes"]}">What changed</a>'
        "</span></p>",
        html=True,
    )
    assertNotContains(response, "not yet published")


@pytest.mark.parametrize("make_user", [SecretariatFactory, change_meeting_staff])
def test_staff_read_the_live_programme_with_what_is_not_published(client, meeting, make_user):
    client.force_login(make_user())
    response = client.get(urls(meeting)["programme"])
    assertContains(response, "Opening of the session")
    assertContains(response, "Includes changes not yet published since version 1.")
    assertContains(response, f'href="{urls(meeting)["publish"]}"')
    assertContains(response, f'href="{urls(meeting)["version"]}"')
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "Cookie" in response["Vary"]


def test_staff_are_told_when_nothing_waits(client, meeting):
    meeting.item.title = "Opening of the meeting"
    meeting.item.save()
    client.force_login(SecretariatFactory())
    response = client.get(urls(meeting)["programme"])
    assertContains(response, "No change since it was published: the public sees this programme.")
    assertNotContains(response, urls(meeting)["publish"])


def test_a_meeting_without_a_version_shows_its_live_programme(client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, title="Live item")
    response = client.get(urls(meeting)["programme"])
    assertContains(response, "Live item")
    assertNotContains(response, "programme-version")
    client.force_login(SecretariatFactory())
    assertContains(client.get(urls(meeting)["programme"]), "Publish version 1…")


@pytest.mark.parametrize("who", WHO)
def test_what_changed_is_public_for_a_published_meeting(client, meeting, who):
    programme_release(meeting=meeting, by=SecretariatFactory(), note="Title corrected")
    login(client, who)
    response = client.get(urls(meeting)["changes"])
    html = response.content.decode()
    assert html.index("Version 2,") < html.index("Version 1, 12 January 2013")
    assertContains(response, "Title corrected")
    # The item's numeral and title, each in its own direction, as on the programme.
    assertContains(response, '<bdi dir="ltr">I.</bdi> <bdi>Opening of the session</bdi>')
    assertContains(
        response,
        "Retitled: “<bdi>Opening of the meeting</bdi>” → “<bdi>Opening of the session</bdi>”.",
    )
    assertContains(response, "First published.")
    if who == "secretariat":
        assertContains(response, f'href="{urls(meeting)["version"]}"')
        assertContains(response, "No change since version 2.")
    else:
        assertNotContains(response, urls(meeting)["version"])
        assertNotContains(response, "Not yet published")


@pytest.mark.parametrize("who", WHO)
def test_a_drafts_versions_and_changes_are_for_staff_only(client, meeting, who):
    meeting.status = MeetingStatus.DRAFT
    meeting.save()
    login(client, who)
    for name in ["programme", "changes", "version"]:
        response = client.get(urls(meeting)[name])
        assert response.status_code == (200 if who == "secretariat" else 404), name
        if who == "secretariat":
            assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", WHO)
def test_earlier_versions_are_for_staff_who_may_change_meetings(client, meeting, who):
    programme_release(meeting=meeting, by=SecretariatFactory())
    login(client, who)
    response = client.get(urls(meeting)["version"])
    if who != "secretariat":
        assert response.status_code == 404
        return
    assertContains(response, "Opening of the meeting")
    assertNotContains(response, "Opening of the session")
    assertContains(response, "Version 1, published 12 January 2013.")
    assertContains(response, "An earlier version: the public sees version 2.")
    assert "no-store" in response["Cache-Control"]
    missing = reverse("meetings:programme_version", args=[meeting.slug, 3])
    assert client.get(missing).status_code == 404


def grow(meeting, items):
    for n in range(items):
        item = AgendaItemFactory(meeting=meeting, title=f"Item {n}")
        item.sessions.add(meeting.session)
        segment = SegmentFactory(agenda_item=item)
        AppearanceFactory(agenda_item=item, segment=segment)


def test_the_released_programme_page_takes_the_same_few_queries(
    client, meeting, django_assert_num_queries
):
    large = MeetingFactory()
    large.session = SessionFactory(meeting=large)
    grow(large, 40)
    programme_release(meeting=large, by=None)
    # The page cache's version, the meeting with its latest version, the documents filed under
    # its items, and its registration (the "Participants" tab).
    with django_assert_num_queries(4):
        client.get(urls(meeting)["programme"])
    with django_assert_num_queries(4):
        response = client.get(urls(large)["programme"])
    assert response.content.decode().count('class="presentation-title"') == 40


def test_what_changed_takes_as_many_queries_for_more_versions(
    client, meeting, django_assert_max_num_queries
):
    def count():
        with django_assert_max_num_queries(20) as context:
            client.get(urls(meeting)["changes"])
        return len(context.captured_queries)

    programme_release(meeting=meeting, by=None)
    small = count()
    for _ in range(4):
        grow(meeting, 5)
        programme_release(meeting=meeting, by=None)
    assert count() == small
    client.force_login(SecretariatFactory())
    staff = count()
    grow(meeting, 5)
    assert count() == staff


def test_republishing_lists_the_changes_and_releases_a_version_with_its_note(client, meeting):
    user = SecretariatFactory()
    client.force_login(user)
    change = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assertContains(change, "Publish a new version…")
    assertContains(change, f'href="{urls(meeting)["changes"]}">Programme versions')
    confirmation = client.get(urls(meeting)["publish"])
    assertContains(confirmation, "Publish a new version of this programme?")
    assertContains(confirmation, "Publishing releases version 2 of the programme.")
    assertContains(confirmation, "Retitled: “<bdi>Opening of the meeting</bdi>”")
    assertContains(confirmation, '<label for="id_note">Note for this version:</label>')
    done = client.post(urls(meeting)["publish"], {"note": "Item I retitled"}, follow=True)
    assertContains(done, "“The Tenth”: programme version 2 released.")
    version = ProgrammeVersion.objects.get(meeting=meeting, number=2)
    assert (version.note, version.published_by) == ("Item I retitled", user)
    client.logout()
    public = client.get(urls(meeting)["programme"])
    assertContains(public, "Opening of the session")
    assertContains(public, "Item I retitled")


def test_republishing_without_a_change_releases_nothing(client, meeting):
    programme_release(meeting=meeting, by=None)
    client.force_login(SecretariatFactory())
    confirmation = client.get(urls(meeting)["publish"])
    assertContains(confirmation, "No change to the programme since version 2")
    assertNotContains(confirmation, "Yes, publish")
    done = client.post(urls(meeting)["publish"], {"note": ""}, follow=True)
    assertContains(done, "no change to the programme since version 2, so no new version.")
    assert meeting.programme_versions.count() == 2


def test_the_list_action_republishes_published_meetings(client, meeting):
    client.force_login(SecretariatFactory())
    response = client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "publish", "_selected_action": [meeting.pk]},
    )
    confirmation = client.get(response["Location"])
    assertContains(confirmation, "Publishing releases version 2 of the programme.")
    client.post(reverse("admin:meetings_meeting_publish_selected"), {"ids": str(meeting.pk)})
    assert meeting.programme_versions.count() == 2


def test_a_note_with_a_text_direction_control_is_refused(client, meeting):
    client.force_login(SecretariatFactory())
    response = client.post(urls(meeting)["publish"], {"note": "Moved\u202e"})
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert meeting.programme_versions.count() == 1


def test_publishing_a_draft_releases_version_one(client):
    draft = MeetingFactory(status=MeetingStatus.DRAFT)
    AgendaItemFactory(meeting=draft, title="First item")
    client.force_login(SecretariatFactory())
    confirmation = client.get(urls(draft)["publish"])
    assertContains(confirmation, "Publishing releases version 1 of the programme")
    client.post(urls(draft)["publish"], {"note": "Provisional"})
    version = draft.programme_versions.get()
    assert (version.number, version.note) == (1, "Provisional")
    client.logout()
    assertContains(client.get(urls(draft)["programme"]), "Version 1, ")


def test_publishing_again_after_a_return_to_draft_releases_only_what_changed(client, meeting):
    meeting.item.title = "Opening of the meeting"  # as version 1 has it
    meeting.item.save()
    client.force_login(SecretariatFactory())
    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "return_to_draft", "_selected_action": [meeting.pk]},
    )
    done = client.post(urls(meeting)["publish"], {"note": ""}, follow=True)
    assertContains(done, "1 meeting was published.")
    assertContains(done, "no change to the programme since version 1, so no new version.")
    assert meeting.programme_versions.count() == 1
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
