"""Who belongs to which organization: the queries other apps ask, and the back office."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from accounts.models import Membership, Organization, User
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    SecretariatFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def inline_data(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def test_a_user_belongs_to_several_organizations():
    user = UserFactory()
    desa = OrganizationFactory(name="DESA")
    iom = OrganizationFactory(name="IOM")
    OrganizationFactory(name="ECLAC")
    MembershipFactory(user=user, organization=iom)
    MembershipFactory(user=user, organization=desa)
    MembershipFactory(organization=OrganizationFactory(name="ECE"))

    organizations = Organization.objects.for_user(user)

    assert list(organizations) == [desa, iom]
    assert list(Organization.objects.for_user(user)) == [desa, iom]
    # A queryset: the papers app may filter it further and join on it.
    assert list(organizations.filter(name="IOM")) == [iom]
    assert organizations.filter(pk=iom.pk).exists()


def test_nobody_else_gets_an_organization():
    MembershipFactory()

    assert list(Organization.objects.for_user(UserFactory())) == []
    assert list(Organization.objects.for_user(AnonymousUser())) == []


def test_an_inactive_member_acts_for_no_organization():
    membership = MembershipFactory(user=UserFactory(is_active=False))

    assert list(Organization.objects.for_user(membership.user)) == []
    assert list(User.objects.members_of(membership.organization)) == []


def test_members_of_an_organization():
    iom = OrganizationFactory()
    ana = MembershipFactory(organization=iom, user=UserFactory(email="ana@example.org")).user
    bo = MembershipFactory(organization=iom, user=UserFactory(email="bo@example.org")).user
    MembershipFactory()

    assert list(User.objects.members_of(iom)) == [ana, bo]


def test_membership_is_unique():
    membership = MembershipFactory()
    duplicate = Membership(user=membership.user, organization=membership.organization)

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.messages == ["This user is already a member of this organization."]
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_organization_page_lists_and_adds_focal_points(admin_client):
    iom = OrganizationFactory(name="IOM")
    MembershipFactory(organization=iom, user=UserFactory(email="ana@example.org"))
    bo = UserFactory(email="bo@example.org")
    url = reverse("admin:accounts_organization_change", args=[iom.pk])

    page = admin_client.get(url)
    assertContains(page, "Focal points (members who act for this organization)")
    assertContains(page, "ana@example.org")

    existing = Membership.objects.get()
    response = admin_client.post(
        url,
        {
            "name_en": "IOM",
            "kind": iom.kind,
            **inline_data(
                "memberships",
                [
                    {"id": existing.pk, "organization": iom.pk, "user": existing.user_id},
                    {"organization": iom.pk, "user": bo.pk},
                ],
                initial=1,
            ),
        },
    )

    assertRedirects(response, reverse("admin:accounts_organization_changelist"))
    assert list(User.objects.members_of(iom)) == [existing.user, bo]


def test_user_page_lists_and_adds_organizations(admin_client):
    user = UserFactory(email="ana@example.org")
    MembershipFactory(user=user, organization=OrganizationFactory(name="DESA"))
    iom = OrganizationFactory(name="IOM")
    url = reverse("admin:accounts_user_change", args=[user.pk])

    page = admin_client.get(url)
    assertContains(page, "Organizations this user is a focal point for")
    assertContains(page, "DESA")

    existing = Membership.objects.get()
    response = admin_client.post(
        url,
        {
            "email": "ana@example.org",
            "is_active": "on",
            "date_joined_0": "2026-01-05",
            "date_joined_1": "09:00:00",
            **inline_data(
                "memberships",
                [
                    {"id": existing.pk, "user": user.pk, "organization": existing.organization_id},
                    {"user": user.pk, "organization": iom.pk},
                ],
                initial=1,
            ),
        },
    )

    assertRedirects(response, reverse("admin:accounts_user_changelist"))
    assert [o.name for o in Organization.objects.for_user(user)] == ["DESA", "IOM"]


def test_the_same_membership_cannot_be_added_twice_in_the_back_office(admin_client):
    membership = MembershipFactory()
    organization = membership.organization

    response = admin_client.post(
        reverse("admin:accounts_organization_change", args=[organization.pk]),
        {
            "name_en": organization.name,
            "kind": organization.kind,
            **inline_data(
                "memberships",
                [
                    {
                        "id": membership.pk,
                        "organization": organization.pk,
                        "user": membership.user_id,
                    },
                    {"organization": organization.pk, "user": membership.user_id},
                ],
                initial=1,
            ),
        },
    )

    assertContains(response, "This user is already a member of this organization.")
    assert Membership.objects.count() == 1


def test_secretariat_manages_focal_points_from_the_organization_page(client):
    client.force_login(SecretariatFactory())
    organization = OrganizationFactory()
    user = UserFactory()

    response = client.post(
        reverse("admin:accounts_organization_change", args=[organization.pk]),
        {
            "name_en": organization.name,
            "kind": organization.kind,
            **inline_data("memberships", [{"organization": organization.pk, "user": user.pk}]),
        },
    )

    assertRedirects(response, reverse("admin:accounts_organization_changelist"))
    assert list(Organization.objects.for_user(user)) == [organization]


def test_staff_outside_the_secretariat_cannot_see_memberships(client):
    client.force_login(StaffFactory())
    membership = MembershipFactory()

    url = reverse("admin:accounts_organization_change", args=[membership.organization.pk])
    assert client.get(url).status_code == 403
