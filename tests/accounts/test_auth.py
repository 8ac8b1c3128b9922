"""Logging in with an e-mail address, logging out, changing and resetting a password. The
lockout and slow-down after failures are in test_throttle.py."""

import re

import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
WRONG_LOGIN = (
    "The e-mail address and password do not match an account. Check both and try again, or "
    "reset your password."
)
NEW_PASSWORD = "a brand new passphrase 2026"


def log_in(client, email: str, password: str = PASSWORD, address: str = "192.0.2.10", **data):
    return client.post(
        LOGIN, {"username": email, "password": password, **data}, REMOTE_ADDR=address
    )


def logged_in_user(client):
    return client.get(reverse("meetings:home")).wsgi_request.user


def test_login_page_asks_for_email_and_password(client):
    response = client.get(LOGIN)

    assertContains(response, "<h1>Log in</h1>", html=True)
    assertContains(response, "E-mail address")
    assertContains(response, 'type="email" name="username"')
    assertContains(response, 'type="password" name="password"')
    assertContains(response, f'href="{reverse("accounts:password_reset")}"')


def test_login_with_email_in_any_case(client):
    user = UserFactory(email="ana.lopez@example.org")

    response = log_in(client, "Ana.Lopez@EXAMPLE.org")

    assertRedirects(response, "/my/submissions/")
    assert logged_in_user(client) == user
    home = client.get("/")
    assertContains(home, "Log out")
    assertNotContains(home, f'href="{LOGIN}"')


def test_login_goes_to_the_page_asked_for(client):
    UserFactory(email="ana@example.org")
    wanted = reverse("accounts:password_change")

    response = log_in(client, "ana@example.org", next=wanted)

    assertRedirects(response, wanted)


def test_wrong_password_says_so_and_does_not_log_in(client):
    UserFactory(email="ana@example.org")

    response = log_in(client, "ana@example.org", "not the password")

    assert response.status_code == 200
    assertContains(response, WRONG_LOGIN)
    assert not logged_in_user(client).is_authenticated


def test_unknown_address_gets_the_same_message(client):
    response = log_in(client, "nobody@example.org")

    assertContains(response, WRONG_LOGIN)


def test_inactive_user_cannot_log_in(client):
    UserFactory(email="ana@example.org", is_active=False)

    response = log_in(client, "ana@example.org")

    assertContains(response, WRONG_LOGIN)
    assert not logged_in_user(client).is_authenticated


def test_logout_is_a_post(client):
    client.force_login(UserFactory())

    refused = client.get(reverse("accounts:logout"))
    assert refused.status_code == 405
    assert logged_in_user(client).is_authenticated

    response = client.post(reverse("accounts:logout"))

    assertContains(response, "You have logged out")
    assertContains(response, f'href="{LOGIN}"')
    assert not logged_in_user(client).is_authenticated


def test_header_offers_log_in_to_anonymous_visitors(client):
    response = client.get("/")

    assertContains(response, f'<a href="{LOGIN}">Log in</a>', html=True)
    assertNotContains(response, "Log out")
    assertNotContains(response, "Change password")
    assertNotContains(response, "My submissions")


def test_header_offers_log_out_and_change_password_to_a_user(client):
    client.force_login(UserFactory())

    response = client.get("/")

    content = response.content.decode()
    logout_form = re.search(
        r'<form method="post" action="/accounts/logout/"[^>]*>(.*?)</form>', content, re.DOTALL
    )
    assert logout_form, content
    assert "csrfmiddlewaretoken" in logout_form.group(1)
    assert "Log out</button>" in logout_form.group(1)
    assertContains(
        response,
        f'<a href="{reverse("accounts:password_change")}">Change password</a>',
        html=True,
    )
    assertNotContains(response, f'href="{LOGIN}"')
    assertNotContains(response, "Back office")
    try:
        my_submissions = reverse("papers:my_submissions")
    except NoReverseMatch:
        assertNotContains(response, "My submissions")
    else:
        assertContains(response, f'<a href="{my_submissions}">My submissions</a>', html=True)


def test_header_offers_the_back_office_to_staff(client):
    client.force_login(StaffFactory())

    response = client.get("/")

    assertContains(response, f'<a href="{reverse("admin:index")}">Back office</a>', html=True)
    assertContains(response, "Log out")


def test_password_change_needs_a_login(client):
    url = reverse("accounts:password_change")

    assertRedirects(client.get(url), f"{LOGIN}?next={url}")


def test_password_change(client):
    user = UserFactory(email="ana@example.org")
    client.force_login(user)
    url = reverse("accounts:password_change")
    assertContains(client.get(url), "You are logged in as ana@example.org.")

    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )

    assertRedirects(response, reverse("accounts:password_change_done"))
    assertContains(response, "Your password was changed.")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert logged_in_user(client) == user


def test_password_change_with_a_wrong_current_password_is_refused(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assertContains(response, "Your old password was entered incorrectly.")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="ana@example.org")

    response = client.post(
        reverse("accounts:password_reset"), {"email": "ANA@example.org"}, follow=True
    )

    assertRedirects(response, reverse("accounts:password_reset_done"))
    assertContains(response, "Check your e-mail")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Reset your Plenary password"
    assert message.to == ["ana@example.org"]
    assert message.from_email == "plenary@localhost"
    link = re.search(
        r"https://plenary\.example(/accounts/password/reset/\S+/)", message.body
    ).group(1)

    form = client.get(link, follow=True)
    assertContains(form, "Choose a new password")
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assertRedirects(done, reverse("accounts:password_reset_complete"))
    assertContains(done, "Your new password is set")
    # The link proves who they are: they are logged in, with no lockout to wait out.
    assertContains(done, "You are logged in. Use the new password from now on.")
    assert logged_in_user(client) == user
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    client.post(reverse("accounts:logout"))
    assertRedirects(log_in(client, "ana@example.org", NEW_PASSWORD), "/my/submissions/")
    # The link works once.
    assertContains(client.get(link, follow=True), "This link does not work")


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True
    )

    assertContains(response, "Check your e-mail")
    assert mail.outbox == []
