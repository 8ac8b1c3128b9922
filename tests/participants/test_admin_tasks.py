"""The admin's first page counts the nominations that wait for a decision, for the staff who
decide them, with a link to the queue filtered to them; and the registry it reads."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from config.admin_tasks import AdminTask, task_register, tasks_for
from participants.admin.tasks import nominations_to_decide
from participants.models import NominationStatus
from tests.factories import NominationFactory, StaffFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
QUEUE = reverse("admin:participants_nomination_changelist") + "?status__exact=pending"


@pytest.fixture
def pending(registration, organization):
    return [
        NominationFactory(meeting=registration.meeting, organization=organization, status=status)
        for status in [
            NominationStatus.PENDING,
            NominationStatus.PENDING,
            NominationStatus.ACCEPTED,
        ]
    ]


def test_anonymous_and_focal_points_get_the_login_page(client, pending, focal_point):
    assertRedirects(client.get(INDEX), f"{reverse('admin:login')}?next={INDEX}")
    client.force_login(focal_point)
    assertRedirects(client.get(INDEX), f"{reverse('admin:login')}?next={INDEX}")


def test_other_staff_see_no_count(client, pending, other_staff):
    client.force_login(other_staff)
    response = client.get(INDEX)
    assert response.status_code == 200
    assertNotContains(response, "to decide")


def test_staff_who_may_only_view_nominations_see_no_count(client, pending):
    viewer = StaffFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_nomination"))
    client.force_login(viewer)
    assertNotContains(client.get(INDEX), "to decide")


def test_the_secretariat_sees_the_nominations_to_decide_with_a_link_to_them(client, pending, staff):
    client.force_login(staff)
    response = client.get(INDEX)
    assertContains(response, f'<a href="{QUEUE}">2 nominations to decide</a>', html=True)
    listed = client.get(QUEUE)
    assert listed.status_code == 200
    assert {n.pk for n in listed.context["cl"].result_list} == {n.pk for n in pending[:2]}


def test_one_nomination_is_said_in_the_singular(client, registration, organization, staff):
    NominationFactory(
        meeting=registration.meeting, organization=organization, status=NominationStatus.PENDING
    )
    client.force_login(staff)
    assertContains(client.get(INDEX), "1 nomination to decide")


def test_the_index_queries_do_not_grow_with_the_nominations(
    client, registration, organization, staff
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(INDEX).status_code == 200
        return len(context)

    client.force_login(staff)
    NominationFactory(
        meeting=registration.meeting, organization=organization, status=NominationStatus.PENDING
    )
    few = queries()
    for _ in range(5):
        NominationFactory(
            meeting=registration.meeting, organization=organization, status=NominationStatus.PENDING
        )
    assert queries() == few
    assertContains(client.get(INDEX), "6 nominations to decide")


def test_the_registry_asks_each_app_and_keeps_what_it_returns(staff, other_staff):
    assert task_register(nominations_to_decide) is nominations_to_decide  # registered once
    request = RequestFactory().get(INDEX)
    request.user = staff
    labels = [task.label for task in tasks_for(request)]
    assert labels == ["0 papers awaiting review", "0 nominations to decide"]
    task = nominations_to_decide(request)
    assert task == AdminTask(label="0 nominations to decide", count=0, url=QUEUE)
    request.user = other_staff
    assert tasks_for(request) == []
