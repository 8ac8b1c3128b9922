import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from accounts.models import Organization, User
from tests.factories import OrganizationFactory, SecretariatFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def admin_urls(model, obj) -> list[str]:
    opts = model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    return [
        reverse(f"{prefix}_changelist"),
        reverse(f"{prefix}_add"),
        reverse(f"{prefix}_change", args=[obj.pk]),
    ]


@pytest.fixture
def objects():
    return {
        Organization: OrganizationFactory(parent=OrganizationFactory()),
        User: UserFactory(),
        Group: Group.objects.get(name="Secretariat"),
    }


@pytest.mark.parametrize("model", [Organization, User, Group])
def test_superuser_sees_every_page(admin_client, objects, model):
    for url in admin_urls(model, objects[model]):
        assert admin_client.get(url).status_code == 200, url


def test_secretariat_manages_organizations(client, objects):
    client.force_login(SecretariatFactory())
    for url in admin_urls(Organization, objects[Organization]):
        assert client.get(url).status_code == 200, url


def test_secretariat_may_look_users_up_but_not_change_them(client, objects):
    client.force_login(SecretariatFactory())
    changelist, add, change = admin_urls(User, objects[User])
    assert client.get(changelist).status_code == 200
    assert client.get(change).status_code == 200
    assert client.get(add).status_code == 403
    assert client.post(change, {"email": "taken@example.org"}).status_code == 403
    assert User.objects.filter(email="taken@example.org").count() == 0


def test_secretariat_has_no_access_to_groups(client, objects):
    client.force_login(SecretariatFactory())
    for url in admin_urls(Group, objects[Group]):
        assert client.get(url).status_code == 403, url


def test_staff_outside_the_secretariat_is_refused(client, objects):
    client.force_login(StaffFactory())
    for url in admin_urls(Organization, objects[Organization]):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("model", [Organization, User, Group])
def test_anonymous_and_non_staff_are_sent_to_login(client, objects, model):
    for url in admin_urls(model, objects[model]):
        assertRedirects(client.get(url), f"{reverse('admin:login')}?next={url}")
    client.force_login(UserFactory())
    for url in admin_urls(model, objects[model]):
        assertRedirects(client.get(url), f"{reverse('admin:login')}?next={url}")


def test_superuser_adds_a_user_by_email(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Ana.Lopez@Example.org",
            "usable_password": "true",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    user = User.objects.get(email="Ana.Lopez@example.org")
    assertRedirects(response, reverse("admin:accounts_user_change", args=[user.pk]))
    assert user.check_password("a long enough passphrase")
    assert not user.is_staff


def test_user_email_is_unique_whatever_its_case(admin_client):
    UserFactory(email="ana@example.org")
    other = UserFactory(email="bo@example.org")
    message = "Another user already has this e-mail address."

    added = admin_client.post(
        reverse("admin:accounts_user_add"),
        {"email": "ANA@example.org", "usable_password": "false"},
    )
    changed = admin_client.post(
        reverse("admin:accounts_user_change", args=[other.pk]),
        {
            "email": "Ana@Example.org",
            "is_active": "on",
            "date_joined_0": "2026-01-05",
            "date_joined_1": "09:00:00",
        },
    )

    assert added.context["adminform"].form.errors == {"email": [message]}
    assert changed.context["adminform"].form.errors == {"email": [message]}
    assert User.objects.filter(email__iexact="ana@example.org").count() == 1


def test_superuser_changes_a_users_name(admin_client):
    user = UserFactory(email="ana@example.org")
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "email": "ana@example.org",
            "first_name": "Ana",
            "is_active": "on",
            "date_joined_0": "2026-01-05",
            "date_joined_1": "09:00:00",
            # The organizations inline, left empty.
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assertRedirects(response, reverse("admin:accounts_user_changelist"))
    user.refresh_from_db()
    assert (user.first_name, user.email) == ("Ana", "ana@example.org")


def test_organization_cannot_be_its_own_ancestor(admin_client):
    parent = OrganizationFactory(name="DESA")
    child = OrganizationFactory(name="Population Division", parent=parent)
    response = admin_client.post(
        reverse("admin:accounts_organization_change", args=[parent.pk]),
        {"name_en": "DESA", "kind": parent.kind, "parent": child.pk},
    )
    assert response.context["adminform"].form.errors == {
        "parent": ["An organization cannot be its own parent or ancestor."]
    }
    parent.refresh_from_db()
    assert parent.parent is None


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (Organization, lambda: OrganizationFactory(parent=OrganizationFactory())),
        (User, lambda: UserFactory()),
    ],
)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model, make):
    url = reverse(f"admin:accounts_{model._meta.model_name}_changelist")
    counts = []
    for rows in (1, 5):
        for _ in range(rows):
            make()
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    change = f"admin:accounts_{model._meta.model_name}_change"
    for obj in model._default_manager.all():
        assert reverse(change, args=[obj.pk]) in response.content.decode()
