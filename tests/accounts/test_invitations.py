"""Staff invite an organization's focal points from the back office; the invitee follows the
e-mailed link to create an account, or to join with the account they have."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.models import Invitation, Membership, Organization, User, invitation_token_hash
from accounts.services import (
    InvitationError,
    invitation_accept,
    invitation_resend,
    invitation_send,
)
from tests.factories import (
    PASSWORD,
    InvitationFactory,
    MembershipFactory,
    OrganizationFactory,
    SecretariatFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ADD = reverse("admin:accounts_invitation_add")
CHANGELIST = reverse("admin:accounts_invitation_changelist")
NEW_PASSWORD = "a brand new passphrase 2026"
# Links come from SITE_URL, which tests/conftest.py sets to https://plenary.example.
LINK = re.compile(r"^https://plenary\.example/accounts/invitations/([\w-]+)/$", re.MULTILINE)


@pytest.fixture
def iom():
    return OrganizationFactory(name="International Organization for Migration", acronym="IOM")


def invitation_link(token: str) -> str:
    return reverse("accounts:invitation", kwargs={"token": token})


def token_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def logged_in_user(client):
    return client.get(reverse("meetings:home")).wsgi_request.user


def sign_up(client, token: str, **data):
    return client.post(
        invitation_link(token),
        {
            "first_name": "Ana",
            "last_name": "López",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            **data,
        },
        follow=True,
    )


# The back office


def test_staff_adds_an_invitation_and_the_link_is_mailed(
    admin_client, admin_user, iom, django_capture_on_commit_callbacks
):
    admin_user.first_name, admin_user.last_name = "Sara", "Secretariat"
    admin_user.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            ADD, {"email": "Ana.Lopez@IOM.example", "organization": iom.pk}, follow=True
        )

    assertRedirects(response, CHANGELIST)
    assertContains(response, '<th class="field-email">', count=1)
    assertContains(response, "Ana.Lopez@iom.example</a></th>")
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.organization, invitation.invited_by) == (
        "Ana.Lopez@iom.example",
        iom,
        admin_user,
    )
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=14)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Ana.Lopez@iom.example"]
    assert message.subject == (
        "Invitation: focal point for International Organization for Migration (IOM) on Plenary"
    )
    assert "Sara Secretariat of the secretariat invites you to be a focal point for " in (
        message.body
    )
    expiry = timezone.localtime(invitation.expires_at)
    assert f"open this link before {expiry:%-d %B %Y}:" in message.body
    token = token_in(message)
    assert len(token) >= 40
    # Only a digest of the token is stored.
    assert invitation.token_hash == invitation_token_hash(token)
    assert token not in invitation.token_hash


def test_no_mail_leaves_when_the_invitation_is_not_saved(admin_client, iom):
    response = admin_client.post(ADD, {"email": "not an address", "organization": iom.pk})

    assert response.context["adminform"].form.errors == {"email": ["Enter a valid email address."]}
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_open_invitation_is_not_duplicated(admin_client, iom):
    InvitationFactory(email="ana@iom.example", organization=iom)

    response = admin_client.post(ADD, {"email": "ANA@iom.example", "organization": iom.pk})

    assert response.context["adminform"].form.errors == {
        "email": [
            "ANA@iom.example already has an open invitation to International Organization for "
            'Migration (IOM): select it in the list of invitations and use "Send again".'
        ]
    }
    assert Invitation.objects.count() == 1


def test_a_member_is_not_invited_again(admin_client, iom):
    MembershipFactory(user=UserFactory(email="ana@iom.example"), organization=iom)

    response = admin_client.post(ADD, {"email": "Ana@IOM.example", "organization": iom.pk})

    assert response.context["adminform"].form.errors == {
        "email": [
            "Ana@IOM.example is already a member of International Organization for Migration (IOM)."
        ]
    }
    assert not Invitation.objects.exists()


def test_an_accepted_invitation_does_not_block_one_to_another_organization(iom):
    user = UserFactory(email="ana@iom.example")
    accepted = InvitationFactory(email="ana@iom.example", organization=iom)
    invitation_accept(invitation=accepted, user=user)

    other = OrganizationFactory()
    invitation = invitation_send(
        email="ana@iom.example",
        organization=other,
        invited_by=None,
    )

    assert invitation.organization == other


def test_send_again_mails_a_new_link_and_the_old_one_stops_working(
    admin_client, client, iom, django_capture_on_commit_callbacks
):
    old = InvitationFactory(email="ana@iom.example", organization=iom, token="old-token")
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now())
    accepted = InvitationFactory(organization=iom, token="used")
    invitation_accept(invitation=accepted, user=UserFactory(email=accepted.email))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST,
            {"action": "send_again", "_selected_action": [old.pk, accepted.pk]},
            follow=True,
        )

    assertContains(response, "Sent 1 invitation again, with a new link valid for 14 days.")
    assertContains(response, "Skipped 1 invitation that was already accepted.")
    assert [message.to for message in mail.outbox] == [["ana@iom.example"]]
    token = token_in(mail.outbox[0])
    old.refresh_from_db()
    assert old.expires_at > timezone.now() + datetime.timedelta(days=13)
    assertContains(
        client.get(invitation_link("old-token")),
        "This invitation link does not work",
        status_code=404,
    )
    assertContains(client.get(invitation_link(token)), "Create my account")


def test_invitation_page_in_the_back_office_is_read_only(admin_client, iom):
    invitation = InvitationFactory(email="ana@iom.example", organization=iom)

    response = admin_client.get(reverse("admin:accounts_invitation_change", args=[invitation.pk]))

    assertContains(response, "ana@iom.example")
    assertContains(response, "Pending")
    assertNotContains(response, 'name="email"')
    assertNotContains(response, 'name="_save"')


def test_invitations_are_filtered_by_status_and_organization_and_searched(admin_client, iom):
    pending = InvitationFactory(email="pending@iom.example", organization=iom)
    expired = InvitationFactory(email="expired@iom.example", organization=iom)
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    accepted = InvitationFactory(email="accepted@iom.example", organization=iom)
    invitation_accept(invitation=accepted, user=UserFactory(email=accepted.email))
    elsewhere = InvitationFactory(email="elsewhere@example.org")

    def emails(query: dict) -> set[str]:
        response = admin_client.get(CHANGELIST, query)
        return {invitation.email for invitation in response.context["cl"].result_list}

    assert emails({"status": "pending"}) == {pending.email, elsewhere.email}
    assert emails({"status": "expired"}) == {expired.email}
    assert emails({"status": "accepted"}) == {accepted.email}
    assert emails({"organization__id__exact": iom.pk}) == {
        pending.email,
        expired.email,
        accepted.email,
    }
    assert emails({"q": "elsewhere"}) == {elsewhere.email}
    assert emails({"q": "IOM"}) == {pending.email, expired.email, accepted.email}
    response = admin_client.get(CHANGELIST, {"status": "expired"})
    assertContains(response, '<td class="field-status_label">Expired</td>', html=True)


def test_invitation_list_queries_do_not_grow_with_rows(admin_client):
    counts = []
    for rows in (1, 5):
        for _ in range(rows):
            InvitationFactory(organization=OrganizationFactory(parent=OrganizationFactory()))
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(CHANGELIST)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    for invitation in Invitation.objects.all():
        assertContains(response, invitation.email)


def test_secretariat_invites_focal_points(client, iom, django_capture_on_commit_callbacks):
    client.force_login(SecretariatFactory())

    assert client.get(CHANGELIST).status_code == 200
    form = client.get(ADD)
    assertContains(form, 'name="email"')
    assertContains(form, 'name="organization"')
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, {"email": "ana@iom.example", "organization": iom.pk})

    assertRedirects(response, CHANGELIST)
    assert [message.to for message in mail.outbox] == [["ana@iom.example"]]


def test_staff_outside_the_secretariat_cannot_invite(client, iom):
    client.force_login(StaffFactory())

    assert client.get(CHANGELIST).status_code == 403
    assert client.post(ADD, {"email": "ana@iom.example", "organization": iom.pk}).status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("url", [CHANGELIST, ADD])
def test_anonymous_and_non_staff_are_sent_to_the_admin_login(client, url):
    assertRedirects(client.get(url), f"{reverse('admin:login')}?next={url}")
    client.force_login(MembershipFactory().user)
    assertRedirects(client.get(url), f"{reverse('admin:login')}?next={url}")


# The invitee, new to Plenary


def test_newcomer_creates_an_account_and_becomes_a_member(client, iom):
    invitation = InvitationFactory(email="ana@iom.example", organization=iom, token="t0ken")

    page = client.get(invitation_link("t0ken"))
    assertContains(
        page,
        "<h1>Become a focal point for International Organization for Migration (IOM)</h1>",
        html=True,
    )
    assertContains(page, "<strong>ana@iom.example</strong>", html=True)
    response = sign_up(client, "t0ken")

    assertRedirects(response, "/my/submissions/")
    assertContains(
        response, "Welcome: you are now a focal point for International Organization for "
    )
    assertContains(response, "Log out")
    user = User.objects.get(email="ana@iom.example")
    assert (user.first_name, user.last_name) == ("Ana", "López")
    assert user.check_password(NEW_PASSWORD)
    assert logged_in_user(client) == user
    assert list(Organization.objects.for_user(user)) == [iom]
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert (user.is_staff, user.is_superuser) == (False, False)


def test_newcomer_password_must_pass_the_validators(client, iom):
    InvitationFactory(email="ana@iom.example", organization=iom, token="t0ken")

    response = sign_up(client, "t0ken", password1="12345678", password2="12345678")

    assertContains(response, "This password is too common.")
    assertContains(response, "This password is entirely numeric.")
    assert not User.objects.filter(email="ana@iom.example").exists()
    similar = sign_up(client, "t0ken", password1="ana@iom.example", password2="ana@iom.example")
    assertContains(similar, "The password is too similar to the")
    mismatch = sign_up(client, "t0ken", password2="something else entirely")
    assertContains(mismatch, "The two password fields didn")
    assert not User.objects.filter(email="ana@iom.example").exists()
    assert not Membership.objects.exists()


def test_newcomer_must_give_a_name(client, iom):
    InvitationFactory(email="ana@iom.example", organization=iom, token="t0ken")

    response = sign_up(client, "t0ken", first_name="")

    assertContains(response, "This field is required.")
    assert not User.objects.filter(email="ana@iom.example").exists()


def test_account_created_meanwhile_is_told_to_log_in(client, iom):
    InvitationFactory(email="ana@iom.example", organization=iom, token="t0ken")
    assertContains(client.get(invitation_link("t0ken")), "Create my account")
    UserFactory(email="ANA@iom.example")

    response = client.post(
        invitation_link("t0ken"),
        {"first_name": "Ana", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assertContains(response, "There is already an account for")
    assert User.objects.filter(email__iexact="ana@iom.example").count() == 1
    assert not Membership.objects.exists()


# The invitee who has an account


def test_existing_user_logs_in_then_confirms_and_keeps_their_other_organizations(client, iom):
    user = UserFactory(email="ana@example.org", first_name="Ana")
    desa = MembershipFactory(user=user, organization=OrganizationFactory(name="DESA")).organization
    invitation = InvitationFactory(email="ANA@example.org", organization=iom, token="t0ken")
    link = invitation_link("t0ken")

    page = client.get(link)
    assertContains(page, "There is already an account for <strong>ANA@example.org</strong>.")
    assertContains(page, f'href="{reverse("accounts:login")}?next={link}"')
    assertNotContains(page, "Create my account")
    assert client.post(link, {"first_name": "Mallory"}).status_code == 200
    assert not Membership.objects.filter(organization=iom).exists()

    login = client.post(
        reverse("accounts:login"),
        {"username": "ana@example.org", "password": PASSWORD, "next": link},
    )
    assertRedirects(login, link)
    confirm = client.get(link)
    assertContains(confirm, "You are logged in as ana@example.org.")
    assertContains(confirm, '<button type="submit" class="btn btn-primary">Join International ')
    response = client.post(link, follow=True)

    assertRedirects(response, "/my/submissions/")
    assertContains(response, "Welcome: you are now a focal point for International Organization")
    assert set(Organization.objects.for_user(user)) == {desa, iom}
    user.refresh_from_db()
    assert (user.email, user.first_name, user.check_password(PASSWORD)) == (
        "ana@example.org",
        "Ana",
        True,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


@pytest.mark.parametrize("make_visitor", [UserFactory, StaffFactory, MembershipFactory])
def test_someone_else_logged_in_is_refused(client, iom, make_visitor):
    visitor = make_visitor()
    visitor = getattr(visitor, "user", visitor)
    client.force_login(visitor)
    InvitationFactory(email="ana@iom.example", organization=iom, token="t0ken")

    page = client.get(invitation_link("t0ken"))
    posted = client.post(
        invitation_link("t0ken"),
        {"first_name": "Eve", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    for response in (page, posted):
        assertContains(response, "This invitation is for someone else", status_code=403)
        assertContains(
            response,
            f"It was sent to ana@iom.example, and you are logged in as {visitor.email}.",
            status_code=403,
        )
        assertContains(
            response,
            f'<form method="post" action="{reverse("accounts:logout")}">',
            status_code=403,
        )
    assert not Membership.objects.filter(organization=iom).exists()
    assert not User.objects.filter(email="ana@iom.example").exists()


def test_someone_else_logs_out_and_comes_back_to_the_invitation(client, iom):
    client.force_login(UserFactory())
    InvitationFactory(email="ana@iom.example", organization=iom, token="t0ken")

    response = client.post(
        reverse("accounts:logout"), {"next": invitation_link("t0ken")}, follow=True
    )

    assertRedirects(response, invitation_link("t0ken"))
    assertContains(response, "Create my account")


# Links that no longer work


def test_unknown_link(client):
    response = client.get(invitation_link("no-such-token"))

    assertContains(response, "This invitation link does not work", status_code=404)
    assertContains(response, "ask the secretariat to send the invitation again", status_code=404)


def test_expired_link(client, iom):
    invitation = InvitationFactory(email="ana@iom.example", organization=iom, token="t0ken")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())

    page = client.get(invitation_link("t0ken"))
    posted = sign_up(client, "t0ken")

    for response in (page, posted):
        assertContains(response, "This invitation has expired", status_code=410)
        assertContains(
            response,
            "Ask the secretariat to send your invitation to International Organization for "
            "Migration (IOM) again.",
            status_code=410,
        )
    assert not User.objects.filter(email="ana@iom.example").exists()


def test_used_link_and_a_second_acceptance_are_refused(client, iom):
    InvitationFactory(email="ana@iom.example", organization=iom, token="t0ken")
    sign_up(client, "t0ken")
    client.post(reverse("accounts:logout"))

    page = client.get(invitation_link("t0ken"))
    again = sign_up(client, "t0ken", first_name="Someone")

    for response in (page, again):
        assertContains(response, "This invitation has already been accepted", status_code=410)
    assert list(User.objects.filter(memberships__isnull=False)) == [
        User.objects.get(email="ana@iom.example")
    ]
    assert Membership.objects.count() == 1


def test_a_used_link_says_so_to_the_member_too(client, iom):
    InvitationFactory(email="ana@iom.example", organization=iom, token="t0ken")
    sign_up(client, "t0ken")

    response = client.post(invitation_link("t0ken"))

    assertContains(response, "This invitation has already been accepted", status_code=410)
    assert Membership.objects.count() == 1


def test_service_accepts_an_invitation_once(iom):
    invitation = InvitationFactory(email="ana@iom.example", organization=iom)
    user = UserFactory(email="ana@iom.example")
    stale_copy = Invitation.objects.get(pk=invitation.pk)

    membership = invitation_accept(invitation=invitation, user=user)

    assert (membership.user, membership.organization) == (user, iom)
    with pytest.raises(InvitationError) as refused:
        invitation_accept(invitation=stale_copy, user=user)
    assert refused.value.reason == "accepted"
    with pytest.raises(InvitationError) as resent:
        invitation_resend(invitation=stale_copy)
    assert resent.value.reason == "accepted"


def test_service_refuses_another_users_acceptance(iom):
    invitation = InvitationFactory(email="ana@iom.example", organization=iom)

    with pytest.raises(InvitationError) as refused:
        invitation_accept(invitation=invitation, user=UserFactory(email="bo@iom.example"))

    assert refused.value.reason == "wrong_user"
    assert not Membership.objects.exists()
