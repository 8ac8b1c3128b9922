"""How long a login lasts (README, "Sessions"): an absolute lifetime from the login and an idle
timeout since the last request, shorter for staff, whose back office can do more, than for focal
points. The SESSION_STAFF_* and SESSION_FOCAL_POINT_* settings hold them."""

import datetime
import time

from django.conf import settings
from django.http import HttpRequest

LOGGED_IN_AT = "plenary_logged_in_at"
SEEN_AT = "plenary_seen_at"
# Note a request at most once a minute, not to write the session on every request.
SEEN_EVERY = 60


def session_limits(user: object) -> tuple[datetime.timedelta, datetime.timedelta]:
    """(absolute lifetime, idle timeout) of this user's sessions."""
    if getattr(user, "is_staff", False):
        return settings.SESSION_STAFF_MAX_AGE, settings.SESSION_STAFF_IDLE_TIMEOUT
    return settings.SESSION_FOCAL_POINT_MAX_AGE, settings.SESSION_FOCAL_POINT_IDLE_TIMEOUT


def session_start(request: HttpRequest, user: object) -> None:
    """Start the clocks at the user's login."""
    now = time.time()
    request.session[LOGGED_IN_AT] = now
    _seen(request, user, now)


def session_expired(request: HttpRequest) -> bool:
    """Whether the logged-in user's session is past its lifetime or idle timeout; if not, note
    this request as the last seen."""
    now = time.time()
    logged_in_at = request.session.get(LOGGED_IN_AT)
    if logged_in_at is None:  # a session from before these limits: its clock starts now
        session_start(request, request.user)
        return False
    max_age, idle = session_limits(request.user)
    seen_at = request.session.get(SEEN_AT, logged_in_at)
    if now - logged_in_at > max_age.total_seconds() or now - seen_at > idle.total_seconds():
        return True
    if now - seen_at >= SEEN_EVERY:
        _seen(request, request.user, now)
    return False


def _seen(request: HttpRequest, user: object, now: float) -> None:
    max_age, idle = session_limits(user)
    request.session[SEEN_AT] = now
    # The cookie and the stored session end with the nearer limit too.
    left = max_age.total_seconds() - (now - request.session[LOGGED_IN_AT])
    request.session.set_expiry(max(1, int(min(idle.total_seconds(), left))))
