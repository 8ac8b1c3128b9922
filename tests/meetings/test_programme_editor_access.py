"""Who may open and save the programme editor: staff who may change meetings (the Secretariat);
staff without that permission get a 403; anyone else, the admin's login page."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from meetings.models import AgendaItem
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    SecretariatFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
)
from tests.meetings.test_programme_editor_page import PageForm, editor_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, title="Opening", order=1)
    item.sessions.set([SessionFactory(meeting=meeting)])
    return meeting


def test_anonymous_visitors_get_the_login_page(client, meeting):
    response = client.get(editor_url(meeting))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("make", [UserFactory, lambda: MembershipFactory().user])
def test_users_who_are_not_staff_get_the_login_page(client, meeting, make):
    client.force_login(make())  # a plain account, or another organization's focal point
    for response in (client.get(editor_url(meeting)), client.post(editor_url(meeting), {})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_permission_to_change_meetings_get_403(client, meeting):
    staff = StaffFactory()
    staff.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(staff)
    assert client.get(editor_url(meeting)).status_code == 403
    assert client.post(editor_url(meeting), {"item": ["1"]}).status_code == 403


def test_staff_who_may_change_meetings_but_not_items_save_nothing(client, meeting):
    staff = StaffFactory()
    staff.user_permissions.add(Permission.objects.get(codename="change_meeting"))
    client.force_login(staff)
    form = PageForm(client.get(editor_url(meeting)).text)
    item = meeting.agenda_items.get()
    form.set(f"item-{item.pk}-title", "Opening of the meeting")
    response = client.post(editor_url(meeting), form.data())
    assert response.status_code == 200
    assert "Your account may not change agenda items." in response.text
    assert AgendaItem.objects.get(pk=item.pk).title == "Opening"


def test_the_secretariat_opens_and_saves_it(client, meeting):
    client.force_login(SecretariatFactory())
    form = PageForm(client.get(editor_url(meeting)).text)
    item = meeting.agenda_items.get()
    form.set(f"item-{item.pk}-title", "Opening of the meeting")
    assert client.post(editor_url(meeting), form.data()).status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).title == "Opening of the meeting"
