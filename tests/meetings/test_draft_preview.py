"""Preview before publishing: staff who may change meetings see a draft's pages under a banner,
nobody else does, no shared cache keeps them; publishing goes through a confirmation page."""

import io

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from meetings.models import Appearance, Meeting, MeetingStatus
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    MeetingFactory,
    MembershipFactory,
    SecretariatFactory,
    SessionFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

SLUG = "tenth-coordination-meeting"
BANNER = "Draft: not public."


def page_urls(meeting):
    return [
        reverse("meetings:meeting_detail", args=[meeting.slug]),
        reverse("meetings:programme", args=[meeting.slug]),
    ]


def change_meeting_staff():
    user = StaffFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="change_meeting", content_type__app_label="meetings")
    )
    return user


@pytest.fixture
def draft():
    meeting = MeetingFactory(status=MeetingStatus.DRAFT, title="The draft meeting")
    item = AgendaItemFactory(meeting=meeting)
    item.sessions.add(SessionFactory(meeting=meeting))
    AppearanceFactory(agenda_item=item)
    return meeting


@pytest.mark.parametrize(
    "who", ["anonymous", "focal point", "staff without permission"], ids=lambda who: who
)
def test_nobody_else_sees_a_draft(client, draft, who):
    if who == "focal point":
        client.force_login(MembershipFactory().user)
    elif who == "staff without permission":
        client.force_login(StaffFactory())
    for url in page_urls(draft):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("make_user", [SecretariatFactory, change_meeting_staff])
def test_staff_who_may_change_meetings_preview_a_draft_under_a_banner(client, draft, make_user):
    client.force_login(make_user())
    for url in page_urls(draft):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "The draft meeting" in html
        assert html.count(BANNER) == 1
        assert 'role="status"' in html
        assert reverse("admin:meetings_meeting_publish", args=[draft.pk]) in html


def test_a_published_meeting_has_no_banner(client):
    meeting = MeetingFactory()
    client.force_login(SecretariatFactory())
    for url in page_urls(meeting):
        response = client.get(url)
        assert response.status_code == 200
        assert BANNER not in response.content.decode()


def test_a_draft_page_is_never_kept_by_a_shared_cache(client, draft):
    client.force_login(SecretariatFactory())
    for url in page_urls(draft):
        response = client.get(url)
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives
        assert "public" not in directives
        assert "Cookie" in response["Vary"]


def test_view_on_site_opens_the_draft(client, draft):
    client.force_login(SecretariatFactory())
    change = client.get(reverse("admin:meetings_meeting_change", args=[draft.pk]))
    shortcut = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(Meeting).pk, draft.pk]
    )
    assert shortcut in change.content.decode()
    response = client.get(shortcut, follow=True)
    assert response.status_code == 200
    assert BANNER in response.content.decode()


@pytest.fixture
def reference(db):
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get(slug=SLUG)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.DRAFT)
    meeting.refresh_from_db()
    return meeting


def test_the_confirmation_says_what_becomes_public_and_publishes_nothing(client, reference):
    client.force_login(SecretariatFactory())
    url = reverse("admin:meetings_meeting_publish", args=[reference.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Publish this meeting?" in html
    for line in ["4 sessions", "7 agenda items", "8 people in the programme", "3 documents"]:
        assert f"<li>{line}</li>" in html
    sessions = reference.sessions.count()
    items = reference.agenda_items.count()
    people = (
        Appearance.objects.filter(agenda_item__meeting=reference)
        .values("person")
        .distinct()
        .count()
    )
    assert f"{sessions} sessions" in html
    assert f"{items} agenda items" in html
    assert f"{people} people in the programme" in html
    reference.refresh_from_db()
    assert reference.status == MeetingStatus.DRAFT
    assert client.get(reverse("meetings:meeting_detail", args=[SLUG])).status_code == 200
    client.logout()
    assert client.get(reverse("meetings:meeting_detail", args=[SLUG])).status_code == 404


def test_the_list_action_leads_to_the_confirmation(client, draft):
    other = MeetingFactory(status=MeetingStatus.DRAFT)
    client.force_login(SecretariatFactory())
    response = client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "publish", "_selected_action": [draft.pk, other.pk]},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:meetings_meeting_publish_selected"))
    confirmation = client.get(response["Location"])
    assert "Publish these meetings?" in confirmation.content.decode()
    assert Meeting.objects.filter(status=MeetingStatus.DRAFT).count() == 2
    ids = confirmation.context["ids"]
    done = client.post(reverse("admin:meetings_meeting_publish_selected"), {"ids": ids})
    assert done["Location"] == reverse("admin:meetings_meeting_changelist")
    assert Meeting.objects.filter(status=MeetingStatus.PUBLISHED).count() == 2


def test_publishing_from_the_change_page_button(client, draft):
    user = SecretariatFactory()
    client.force_login(user)
    change_url = reverse("admin:meetings_meeting_change", args=[draft.pk])
    publish_url = reverse("admin:meetings_meeting_publish", args=[draft.pk])
    assert publish_url in client.get(change_url).content.decode()
    response = client.post(publish_url, follow=True)
    assert response.redirect_chain[-1][0] == change_url
    assert "1 meeting was published." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == MeetingStatus.PUBLISHED
    entries = LogEntry.objects.filter(object_id=str(draft.pk)).order_by("pk")
    assert [(entry.user, entry.change_message) for entry in entries] == [
        (user, "Published."),
        (user, "Programme version 1 released."),
    ]
    # Once public, the button publishes a new version of the programme (issue 9, point 3).
    change = client.get(change_url).content.decode()
    assert publish_url in change
    assert "Publish a new version…" in change
    assert "Publish…<" not in change
    client.logout()
    assert client.get(reverse("meetings:programme", args=[draft.slug])).status_code == 200


def test_a_republish_lists_what_changed_since_the_last_publish(client, draft):
    user = SecretariatFactory()
    client.force_login(user)
    publish_url = reverse("admin:meetings_meeting_publish", args=[draft.pk])
    client.post(publish_url)
    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "return_to_draft", "_selected_action": [draft.pk]},
    )
    assert Meeting.objects.get(pk=draft.pk).status == MeetingStatus.DRAFT
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[draft],
        action_flag=2,
        change_message='[{"changed": {"fields": ["Summary"]}}]',
    )
    html = client.get(publish_url).content.decode()
    assert (
        "The meeting\N{RIGHT SINGLE QUOTATION MARK}s own page, changed since it was last published"
        in html
    )
    assert "These edits are public already" in html
    assert "Changed Summary." in html
    messages = list(
        LogEntry.objects.filter(object_id=str(draft.pk))
        .order_by("pk")
        .values_list("change_message", flat=True)
    )
    assert messages[:3] == ["Published.", "Programme version 1 released.", "Returned to draft."]


@pytest.mark.parametrize("who", ["focal point", "staff without permission"])
def test_only_staff_who_may_change_meetings_publish(client, draft, who):
    user = MembershipFactory().user if who == "focal point" else StaffFactory()
    client.force_login(user)
    url = reverse("admin:meetings_meeting_publish", args=[draft.pk])
    assert client.get(url).status_code in {302, 403}
    assert client.post(url).status_code in {302, 403}
    draft.refresh_from_db()
    assert draft.status == MeetingStatus.DRAFT


def test_the_confirmation_query_count_does_not_grow(client, django_assert_max_num_queries):
    meetings = [MeetingFactory(status=MeetingStatus.DRAFT) for _ in range(2)]
    client.force_login(SecretariatFactory())
    url = reverse("admin:meetings_meeting_publish_selected")

    def count(ids):
        with django_assert_max_num_queries(100) as context:
            client.get(url, {"ids": ids})
        return len(context.captured_queries)

    small = count(str(meetings[0].pk))
    for meeting in meetings:
        for _ in range(3):
            item = AgendaItemFactory(meeting=meeting)
            item.sessions.add(SessionFactory(meeting=meeting))
            AppearanceFactory(agenda_item=item)
    assert count(str(meetings[0].pk)) == small
