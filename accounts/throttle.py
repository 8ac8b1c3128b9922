"""How failed logins are throttled, so that nobody can lock someone else out (README, "Login
throttling").

django-axes counts failures in its database, for 15 minutes (AXES_COOLOFF_TIME), and locks:

- an (account, address) pair after AXES_FAILURE_LIMIT (5) failures: an attacker who guesses at
  an account locks out himself, not its owner on another address;
- an address after ADDRESS_FAILURE_LIMIT (20) failures against any accounts: one machine trying
  many accounts is stopped, and an office behind one address survives a colleague's typos.

An account is never locked. Failures against it from any addresses are counted here, in Django's
cache, and past SLOW_DOWN_AFTER (10) it takes one attempt at a time: after each failure the next
attempt waits 2 seconds, then 4, 8, ... up to SLOW_DOWN_LONGEST (a minute). Its owner can always
get in through the password-reset e-mail, which logs them in and clears the account's failures.
"""

import hashlib
import time

from axes.attempts import get_cool_off_threshold
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest

# An e-mail address is at most 254 characters (RFC 5321); what is typed is cut there, so that it
# fits django-axes' columns (255) and the log.
EMAIL_MAX_LENGTH = 254
ADDRESS_FAILURE_LIMIT = 20
SLOW_DOWN_AFTER = 10
SLOW_DOWN_LONGEST = 60  # seconds
PAIR = ["username", "ip_address"]


def account_name(typed: object) -> str | None:
    """The account a login is for, as counted and logged: the address as typed, in lower case,
    at most EMAIL_MAX_LENGTH characters; None when nothing was typed."""
    if not isinstance(typed, str) or not typed.strip():
        return None
    return typed.strip().casefold()[:EMAIL_MAX_LENGTH]


def login_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """What django-axes counts failed logins by (AXES_USERNAME_CALLABLE): "Ana@Example.org" and
    "ana@example.org" share one counter."""
    if credentials:
        return account_name(credentials.get("username"))
    return account_name(getattr(request, "POST", {}).get("username"))


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address, as django-axes reads it (see TRUSTED_PROXY_COUNT in settings)."""
    if request is None:
        return None
    return getattr(request, "axes_ip_address", None) or get_client_ip_address(request)


def lockout_parameters(request: HttpRequest, *_credentials: object) -> list:
    """AXES_LOCKOUT_PARAMETERS: always the pair; the address alone too once it has failed
    ADDRESS_FAILURE_LIMIT times, which then locks it (the limit is above AXES_FAILURE_LIMIT).
    django-axes passes the credentials too; they do not change the parameters."""
    address = client_address(request)
    if address and _address_failures(request, address) >= ADDRESS_FAILURE_LIMIT:
        return [PAIR, "ip_address"]
    return [PAIR]


def _address_failures(request: HttpRequest, address: str) -> int:
    if not hasattr(request, "axes_attempt_time"):
        AxesProxyHandler.update_request(request)
    recent = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return recent.aggregate(failures=Sum("failures_since_start"))["failures"] or 0


def _cache_key(account: str) -> str:
    return "plenary:login-failures:" + hashlib.sha256(account.encode()).hexdigest()


def account_wait(account: str) -> int:
    """Seconds before the account takes another attempt (0: now), whatever the address."""
    record = cache.get(_cache_key(account))
    if record is None or record["failures"] < SLOW_DOWN_AFTER:
        return 0
    delay = min(2 ** (record["failures"] - SLOW_DOWN_AFTER + 1), SLOW_DOWN_LONGEST)
    return max(0, int(record["last"] + delay - time.time() + 0.999))


def account_failure_add(account: str) -> None:
    """Count a failed login against the account; the count is forgotten after the cool-off."""
    key = _cache_key(account)
    record = cache.get(key) or {"failures": 0}
    record = {"failures": record["failures"] + 1, "last": time.time()}
    cooloff = get_cool_off()
    cache.set(key, record, int(cooloff.total_seconds()) if cooloff else None)


def lock_state_note(request: HttpRequest | None, account: str) -> None:
    """Note, before the password is tried, whether the lock already refuses this attempt: such
    an attempt is no guess, and must not count towards the account's slow-down (signals.py)."""
    if request is not None:
        request.login_refused_by_lock = not AxesProxyHandler.is_allowed(
            request, {"username": account}
        )


def account_failures_clear(account: str) -> None:
    """Forget the account's failures, from every address: its owner has just proved who they are
    (a password reset)."""
    cache.delete(_cache_key(account))
    AxesProxyHandler.reset_attempts(username=account)
