"""Failed logins: the (account, address) pair and a guessing address are locked, an account is
only slowed down, and its owner always gets back in through the password-reset e-mail."""

import datetime
import logging
import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.throttle import account_name
from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
ADMIN_LOGIN = reverse("admin:login")
WRONG_LOGIN = "The e-mail address and password do not match an account."
LOCKED_OUT = "logging in from it is paused for 15 minutes"
WHAT_TO_DO = (
    "Reset your password: enter your e-mail address on the next page and we send you a link."
)
NEW_PASSWORD = "a brand new passphrase 2026"
OWNER_ADDRESS = "198.51.100.7"
ATTACKER = "203.0.113.66"


def address(number: int) -> str:
    """Documentation addresses (RFC 5737): nothing is sent to them."""
    return f"192.0.2.{number}"


def slowed(seconds: int) -> str:
    return f"takes one attempt at a time. Wait {seconds} seconds and try again, or reset"


def log_in(client, email, password=PASSWORD, from_address=OWNER_ADDRESS, url=LOGIN, **data):
    return client.post(
        url, {"username": email, "password": password, **data}, REMOTE_ADDR=from_address
    )


def logged_in_user(client):
    return client.get(reverse("meetings:home")).wsgi_request.user


def test_an_attacker_locks_out_his_own_address_not_the_owner(client):
    owner = UserFactory(email="ana@example.org")
    for _ in range(4):
        assertContains(log_in(client, "ana@example.org", "guess", ATTACKER), WRONG_LOGIN)

    fifth = log_in(client, "ANA@example.org", "guess", ATTACKER)

    assertContains(fifth, LOCKED_OUT, status_code=429)
    assertContains(fifth, WHAT_TO_DO, status_code=429)
    assertContains(fifth, f'href="{reverse("accounts:password_reset")}"', status_code=429)
    # Even the right password is refused from the attacker's address...
    assertContains(
        log_in(client, "ana@example.org", PASSWORD, ATTACKER), LOCKED_OUT, status_code=429
    )
    assert not logged_in_user(client).is_authenticated
    # ...while the owner, on their own address, logs in.
    assertRedirects(log_in(client, "ana@example.org", PASSWORD, OWNER_ADDRESS), "/my/submissions/")
    assert logged_in_user(client) == owner


def test_an_attacker_on_the_back_office_does_not_lock_the_secretariat_out(client):
    staff = StaffFactory(email="staff@example.org", is_superuser=True)
    for _ in range(4):
        response = log_in(client, "staff@example.org", "x", ATTACKER, url=ADMIN_LOGIN)
        assert response.status_code == 200
    locked = log_in(client, "staff@example.org", "x", ATTACKER, url=ADMIN_LOGIN)
    assertContains(locked, LOCKED_OUT, status_code=429)

    response = log_in(
        client, "staff@example.org", PASSWORD, OWNER_ADDRESS, url=ADMIN_LOGIN, next="/admin/"
    )

    assertRedirects(response, reverse("admin:index"))
    assert logged_in_user(client) == staff


def test_an_address_that_fails_against_many_accounts_is_locked_at_twenty(client):
    UserFactory(email="ana@example.org")
    for number in range(19):
        log_in(client, f"guess{number}@example.org", "x", ATTACKER)
    # Nineteen failures, none of them ana's: she still logs in from that address (an office).
    assertRedirects(log_in(client, "ana@example.org", PASSWORD, ATTACKER), "/my/submissions/")
    client.post(reverse("accounts:logout"))

    twentieth = log_in(client, "guess19@example.org", "x", ATTACKER)

    assertContains(twentieth, LOCKED_OUT, status_code=429)
    assertContains(
        log_in(client, "ana@example.org", PASSWORD, ATTACKER), LOCKED_OUT, status_code=429
    )
    assert not logged_in_user(client).is_authenticated
    # The accounts are not locked: from another address ana logs in.
    assertRedirects(log_in(client, "ana@example.org", PASSWORD, OWNER_ADDRESS), "/my/submissions/")


def test_an_account_attacked_from_many_addresses_is_slowed_down_never_locked(client, clock):
    owner = UserFactory(email="ana@example.org")
    for number in range(10):
        assertContains(log_in(client, "ana@example.org", "guess", address(number)), WRONG_LOGIN)

    # The owner, on yet another address, is asked to wait: not locked, and not counted.
    response = log_in(client, "ana@example.org", PASSWORD, OWNER_ADDRESS)
    assertContains(response, slowed(2))
    assert not logged_in_user(client).is_authenticated

    clock.advance(seconds=2)
    assertRedirects(log_in(client, "ana@example.org", PASSWORD, OWNER_ADDRESS), "/my/submissions/")
    assert logged_in_user(client) == owner


def test_the_slow_down_doubles_up_to_a_minute(client, clock):
    UserFactory(email="ana@example.org")
    for number in range(10):
        log_in(client, "ana@example.org", "guess", address(number))

    waits = []
    for number in range(10, 17):
        response = log_in(client, "ana@example.org", "guess", address(number))
        seconds = int(re.search(r"Wait (\d+) seconds?", response.content.decode()).group(1))
        waits.append(seconds)
        clock.advance(seconds=seconds)
        # After waiting, the attempt is tried (and fails): the next wait is longer.
        assertContains(log_in(client, "ana@example.org", "guess", address(number)), WRONG_LOGIN)

    assert waits == [2, 4, 8, 16, 32, 60, 60]
    assert not AccessAttempt.objects.filter(failures_since_start__gte=5).exists()


def test_the_slow_down_is_forgotten_after_fifteen_minutes(client, clock):
    UserFactory(email="ana@example.org")
    for number in range(15):
        log_in(client, "ana@example.org", "guess", address(number))
    assertContains(log_in(client, "ana@example.org", PASSWORD, OWNER_ADDRESS), "Wait ")

    clock.advance(minutes=15, seconds=1)

    assertRedirects(log_in(client, "ana@example.org", PASSWORD, OWNER_ADDRESS), "/my/submissions/")


def test_the_back_office_login_is_slowed_down_too(client):
    StaffFactory(email="staff@example.org")
    for number in range(10):
        log_in(client, "staff@example.org", "x", address(number), url=ADMIN_LOGIN)

    response = log_in(client, "staff@example.org", PASSWORD, OWNER_ADDRESS, url=ADMIN_LOGIN)

    assertContains(response, slowed(2))
    assert not logged_in_user(client).is_authenticated


def test_a_locked_out_owner_gets_back_in_through_the_password_reset_email(client):
    """The owner shares the attacker's address (one office, one NAT): the pair is locked, and the
    account slowed by failures from elsewhere. The reset e-mail gets them in at once."""
    owner = UserFactory(email="ana@example.org")
    for _ in range(5):
        log_in(client, "ana@example.org", "guess", ATTACKER)
    for number in range(10):
        log_in(client, "ana@example.org", "guess", address(number))
    assertContains(log_in(client, "ana@example.org", PASSWORD, ATTACKER), "Wait ")

    sent = client.post(
        reverse("accounts:password_reset"), {"email": "ana@example.org"}, REMOTE_ADDR=ATTACKER
    )
    assertRedirects(sent, reverse("accounts:password_reset_done"))
    link = re.search(
        r"https://plenary\.example(/accounts/password/reset/\S+/)", mail.outbox[0].body
    )
    form = client.get(link.group(1), follow=True, REMOTE_ADDR=ATTACKER)
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
        REMOTE_ADDR=ATTACKER,
    )

    assertContains(done, "You are logged in. Use the new password from now on.")
    assert logged_in_user(client) == owner
    # The account's failures are forgotten, from every address: no wait, no lock.
    assert not AccessAttempt.objects.filter(username="ana@example.org").exists()
    client.post(reverse("accounts:logout"))
    response = log_in(client, "ana@example.org", NEW_PASSWORD, ATTACKER)
    assertRedirects(response, "/my/submissions/")


def test_lockout_ends_after_fifteen_minutes(client):
    UserFactory(email="ana@example.org")
    for _ in range(5):
        log_in(client, "ana@example.org", "wrong")
    assertContains(log_in(client, "ana@example.org"), LOCKED_OUT, status_code=429)

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=15, seconds=1)
    )

    assertRedirects(log_in(client, "ana@example.org"), "/my/submissions/")


def test_a_successful_login_resets_the_pairs_count(client):
    UserFactory(email="ana@example.org")
    for _ in range(4):
        log_in(client, "ana@example.org", "wrong")
    assertRedirects(log_in(client, "ana@example.org"), "/my/submissions/")
    client.post(reverse("accounts:logout"))

    for _ in range(4):
        assertContains(log_in(client, "ana@example.org", "wrong"), WRONG_LOGIN)
    assertRedirects(log_in(client, "ana@example.org"), "/my/submissions/")


def test_behind_a_proxy_each_client_address_is_throttled_apart(client, settings):
    """With DJANGO_TRUSTED_PROXY_COUNT=1 the proxy's own address locks nobody out."""
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    UserFactory(email="ana@example.org")
    proxy = "10.0.0.1"

    def through_proxy(email, password, client_address, spoofed="203.0.113.9"):
        return client.post(
            LOGIN,
            {"username": email, "password": password},
            REMOTE_ADDR=proxy,
            # A client may send any X-Forwarded-For; the proxy appends the address it saw.
            HTTP_X_FORWARDED_FOR=f"{spoofed}, {client_address}",
        )

    for number in range(20):
        through_proxy(f"guess{number}@example.org", "x", address(1))
    assertContains(
        through_proxy("ana@example.org", PASSWORD, address(1)), LOCKED_OUT, status_code=429
    )
    # Another client behind the same proxy, claiming the same spoofed address, is not locked.
    assertRedirects(through_proxy("ana@example.org", PASSWORD, address(2)), "/my/submissions/")


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_an_address_too_long_to_be_one_is_refused_by_the_form(client, url):
    typed = "a" * 250 + "@example.org"  # 262 characters: longer than django-axes' column

    response = log_in(client, typed, "x", url=url)

    assertContains(response, "An e-mail address has at most 254 characters; this one has 262.")
    assert not AccessAttempt.objects.exists()
    assert not logged_in_user(client).is_authenticated


def test_an_address_of_254_characters_is_tried(client):
    typed = "a" * 242 + "@example.org"

    assertContains(log_in(client, typed, "x"), WRONG_LOGIN)
    assert AccessAttempt.objects.get().username == typed


def test_the_account_is_counted_and_logged_in_lower_case_and_at_most_254_characters():
    assert account_name("  Ana@Example.ORG ") == "ana@example.org"
    assert account_name("B" * 300) == "b" * 254
    assert account_name("   ") is None


def security_lines(caplog) -> list[tuple[str, str]]:
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "plenary.security"]


def test_logins_failures_and_lockouts_are_in_the_security_log(client, caplog):
    caplog.set_level(logging.INFO, logger="plenary.security")
    UserFactory(email="ana@example.org")

    log_in(client, "Ana@Example.org", PASSWORD, OWNER_ADDRESS)
    client.post(reverse("accounts:logout"))
    for _ in range(5):
        log_in(client, "ANA@example.org", "secret guess", ATTACKER)

    assert security_lines(caplog) == [
        ("INFO", f"login succeeded account=ana@example.org address={OWNER_ADDRESS}"),
        *[("WARNING", f"login failed account=ana@example.org address={ATTACKER}")] * 4,
        # django-axes hears of the fifth failure first, and locks.
        ("WARNING", f"login locked out account=ana@example.org address={ATTACKER}"),
        ("WARNING", f"login failed account=ana@example.org address={ATTACKER}"),
    ]
    assert "secret guess" not in caplog.text
    assert PASSWORD not in caplog.text


def test_the_security_log_reads_the_address_as_the_lockout_does(client, caplog, settings):
    caplog.set_level(logging.INFO, logger="plenary.security")
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

    client.post(
        LOGIN,
        {"username": "nobody@example.org", "password": "x"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=f"203.0.113.9, {ATTACKER}",
    )

    assert security_lines(caplog) == [
        ("WARNING", f"login failed account=nobody@example.org address={ATTACKER}")
    ]


def test_a_slowed_down_attempt_is_in_the_security_log(client, caplog):
    caplog.set_level(logging.INFO, logger="plenary.security")
    for number in range(10):
        log_in(client, "ana@example.org", "guess", address(number))
    caplog.clear()

    response = log_in(client, "ana@example.org", "guess", OWNER_ADDRESS)

    assertNotContains(response, WRONG_LOGIN)
    assert security_lines(caplog) == [
        ("WARNING", f"login slowed down account=ana@example.org address={OWNER_ADDRESS} wait=2s")
    ]


def test_a_locked_out_attacker_who_keeps_trying_does_not_slow_the_owner_down(client):
    """Attempts the lock refuses are no guesses: they must not feed the account's slow-down."""
    owner = UserFactory(email="ana@example.org")
    for _ in range(30):
        log_in(client, "ana@example.org", "guess", ATTACKER)
    assertRedirects(log_in(client, "ana@example.org", PASSWORD, OWNER_ADDRESS), "/my/submissions/")
    assert logged_in_user(client) == owner
