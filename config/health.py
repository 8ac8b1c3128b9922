"""``/healthz`` for a load balancer: is the database, the cache and the media storage working?

200 ``{"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}}``, or 503
with ``"status": "unavailable"`` and ``"failed"`` against what failed (the details go to the
log, not to whoever asks). It is answered by a middleware placed first, before the host check,
the HTTPS redirect, sessions and logins, so a load balancer probing the server by its address
over plain HTTP gets the answer, not a 400 or a redirect.
"""

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

PATH = "/healthz"


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key, value = f"healthz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was just stored")
    cache.delete(key)


def _storage() -> None:
    # A real write: a full disk or a read-only mount fails it, as it would fail an upload.
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}", ContentFile(b"ok"))
    default_storage.delete(name)


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "cache": _cache,
    "storage": _storage,
}


def health() -> tuple[bool, dict[str, str]]:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # Whatever broke, the load balancer needs "failed", the log the rest.
            logger.exception("Health check failed: %s", name)
            results[name] = "failed"
        else:
            results[name] = "ok"
    return all(result == "ok" for result in results.values()), results


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info != PATH:
            return self.get_response(request)
        healthy, checks = health()
        response = JsonResponse(
            {"status": "ok" if healthy else "unavailable", "checks": checks},
            status=200 if healthy else 503,
        )
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
