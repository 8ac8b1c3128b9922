"""Conditional GET for every API answer: an ETag (a hash of the body), a Last-Modified when the
view knows one, a 304 for a client that already holds the answer, and public caching."""

import datetime
import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

# How long a client or proxy may reuse an answer before asking again (with its ETag).
MAX_AGE_SECONDS = 5 * 60


def body_etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


class ConditionalMixin:
    """For a view that sets `self.last_modified` (a datetime) while it answers, if it can."""

    last_modified: datetime.datetime | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.last_modified = None
        response: HttpResponseBase = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if hasattr(response, "render"):
            response.render()
        etag = body_etag(response.content)  # type: ignore[attr-defined]
        stamp = int(self.last_modified.timestamp()) if self.last_modified else None
        conditional = get_conditional_response(request, etag=etag, last_modified=stamp)
        if conditional is not None:
            response = conditional
        response.headers["ETag"] = etag
        if stamp is not None:
            response.headers["Last-Modified"] = http_date(stamp)
        patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
        return response
