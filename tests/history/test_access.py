"""Only staff who may view or change an object read its History page: not the public, not a
focal point, not staff without the permission."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    NominationFactory,
    PersonFactory,
    StaffFactory,
)
from tests.history.helpers import history_url

pytestmark = pytest.mark.django_db

OBJECTS = {
    "meeting": lambda: MeetingFactory(title="Tenth Coordination Meeting"),
    "person": lambda: PersonFactory(given_name="Amina", family_name="Diallo"),
    "document": lambda: DocumentFactory(title="Migration and development"),
    "nomination": lambda: NominationFactory(given_name="Amina", family_name="Diallo"),
}


@pytest.fixture(params=OBJECTS, ids=list(OBJECTS))
def obj(request):
    return OBJECTS[request.param]()


def test_anonymous_visitors_are_sent_to_the_login(client, obj):
    response = client.get(history_url(obj))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_focal_point_is_sent_to_the_login(client, obj):
    organization = getattr(obj, "organization", None)
    focal_point = MembershipFactory(**({"organization": organization} if organization else {}))
    client.force_login(focal_point.user)
    response = client.get(history_url(obj))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_the_permission_are_refused(client, obj):
    client.force_login(StaffFactory())
    assert client.get(history_url(obj)).status_code == 403


@pytest.mark.parametrize("action", ["view", "change"])
def test_staff_with_the_view_or_change_permission_read_it(client, obj, action):
    staff = StaffFactory()
    staff.user_permissions.add(
        Permission.objects.get(
            codename=f"{action}_{obj._meta.model_name}", content_type__app_label=obj._meta.app_label
        )
    )
    client.force_login(staff)
    response = client.get(history_url(obj))
    assert response.status_code == 200
    assert response.context["entries"].paginator.count >= 1


def test_the_secretariat_reads_it(officer_client, obj):
    response = officer_client.get(history_url(obj))
    assert response.status_code == 200
    assert [entry.action for entry in response.context["entries"]][-1] == "Added"
