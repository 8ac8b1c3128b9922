"""What happens around a login, whichever login page it came through (ours or the admin's).

Logins, failures and lockouts go to the security log ("plenary.security") with the account (as
typed, in lower case, see throttle.account_name) and the client's address, never the password;
a failure counts towards the account's slow-down; a login starts the session's clock.

Connected by AccountsConfig.ready(): django-axes' signals module loads its models.
"""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from config.security_log import security_log

from . import sessions, throttle


@receiver(user_logged_in, dispatch_uid="accounts.login_logged")
def login_logged(*, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    security_log.info(
        "login succeeded account=%s address=%s",
        throttle.account_name(user.get_username()),
        throttle.client_address(request),
    )
    if request is not None and hasattr(request, "session"):
        sessions.session_start(request, user)


@receiver(user_login_failed, dispatch_uid="accounts.login_failure_logged")
def login_failure_logged(
    *, credentials: dict, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    account = throttle.account_name(credentials.get("username"))
    if getattr(request, "login_refused_by_lock", False):
        # Refused by the lock before any password was tried: it is no guess, and counting it
        # would let a locked-out attacker keep slowing the account's owner down.
        security_log.warning(
            "login refused while locked account=%s address=%s",
            account,
            throttle.client_address(request),
        )
        return
    security_log.warning(
        "login failed account=%s address=%s", account, throttle.client_address(request)
    )
    if account:
        throttle.account_failure_add(account)


@receiver(user_locked_out, dispatch_uid="accounts.lockout_logged")
def lockout_logged(*, username: str | None, ip_address: str | None, **kwargs: Any) -> None:
    security_log.warning(
        "login locked out account=%s address=%s", throttle.account_name(username), ip_address
    )
