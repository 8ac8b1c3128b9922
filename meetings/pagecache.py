"""The public pages, cached in the shared cache for anonymous readers and always right.

`cached_page(version_of)` wraps a public page's view. `version_of(request, **kwargs)` answers,
in one query, the page's `PageVersion`: a key that changes whenever anything the page shows
changes (a meeting's `content_changed_at`, meetings.freshness, moved by signals), and the
Last-Modified a meeting's own pages carry; or None when the page must not be cached (a draft,
an address that finds nothing). The rendered bytes are stored under a hash of the address, the
language and that key, so an edit is read at once on every server sharing the cache, and an
entry nobody asks for again simply lapses.

Only anonymous readers are served from the cache or fill it. Everyone else (a logged-in
focal point or staff member, whose pages carry their name and links and leave with
`private, no-store` from accounts.middleware.PrivateCacheMiddleware), a request with a message
to show, a POST, and an answer that is not a plain 200 or that sets a cookie are rendered as
usual and stored nowhere.

Every anonymous answer of these pages carries a strong ETag made from the key and, on a
meeting's pages, the meeting's Last-Modified; a conditional request that holds the page gets a
304. `Cache-Control: public, no-cache` lets a browser or proxy keep the page but ask each time
(an edit shows at once); `Vary: Cookie` keeps a proxy from answering someone who has since
logged in (and so sends a session cookie) with the anonymous copy. Site-wide pages (home,
series, person) carry only the ETag: their "last change" is a max() over meetings, which a
deleted or withdrawn meeting moves backwards (as api/conditional.py decided).

`settings.PUBLIC_PAGE_CACHE = False` turns all of it off: every page is rendered each time.
"""

import datetime
import hashlib
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Protocol

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import (
    Count,
    DateTimeField,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from .models import Meeting, MeetingStatus, Person, ProgrammeVersion
from .pagememory import memory

# An entry stays until its key changes; this only bounds what an unread one occupies.
CACHE_SECONDS = 24 * 60 * 60
# Headers the cache sets itself or must never replay to another reader.
_NOT_STORED = frozenset({"set-cookie", "vary", "cache-control", "etag", "last-modified"})


@dataclass(frozen=True)
class PageVersion:
    """What a page's content depends on: `key` changes when the page would; `last_modified`,
    when known, is the page's Last-Modified."""

    key: str
    last_modified: datetime.datetime | None = None


class VersionOf(Protocol):
    def __call__(self, request: HttpRequest, **kwargs: Any) -> PageVersion | None: ...


def page_key(request: HttpRequest, version: PageVersion) -> str:
    """The cache key of this request's page: its address (scheme, host, path, query string in
    a fixed order), the active language and the version, hashed."""
    query = sorted((name, value) for name, values in request.GET.lists() for value in values)
    parts = [
        request.scheme or "",
        request.get_host(),
        request.path,
        repr(query),
        get_language() or "",
        version.key,
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{digest}"


def page_etag(key: str) -> str:
    return '"' + key.removeprefix("page:")[:32] + '"'


def _cacheable_request(request: HttpRequest) -> bool:
    """An anonymous GET or HEAD with no message waiting to be shown. Reads the session only
    when the reader sent a session cookie, so a first visit costs no session query."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    # Counting the messages loads them (from the cookie, then the session) without marking
    # them read: the page rendered for this reader still shows them.
    return not (CookieStorage.cookie_name in request.COOKIES or len(messages.get_messages(request)))


def _storable(response: HttpResponseBase) -> bool:
    """A plain 200 for anyone: no cookie set, not marked private (a staff preview)."""
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    cache_control = response.headers.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


def _stored(response: HttpResponse) -> dict[str, Any]:
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in _NOT_STORED and name.lower() != "content-type"
    ]
    return {
        "content": response.content,
        "content_type": response.headers["Content-Type"],
        "headers": headers,
    }


def _replayed(entry: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    return response


def _mark(response: HttpResponseBase, etag: str, last_modified: int | None) -> None:
    response.headers["ETag"] = etag
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])


def cached_page(
    version_of: VersionOf,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """A view decorator (for a class, through method_decorator on `dispatch`)."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not settings.PUBLIC_PAGE_CACHE or not _cacheable_request(request):
                return view(request, *args, **kwargs)
            version = version_of(request, **kwargs)
            if version is None:
                return view(request, *args, **kwargs)
            key = page_key(request, version)
            etag = page_etag(key)
            stamp = int(version.last_modified.timestamp()) if version.last_modified else None
            response: HttpResponseBase | None = get_conditional_response(
                request, etag=etag, last_modified=stamp
            )
            if response is None:
                entry = memory.get(key)
                if entry is None:
                    entry = cache.get(key)
                    if entry is not None:
                        memory.put(key, entry)
                if entry is not None:
                    response = _replayed(entry)
                else:
                    response = view(request, *args, **kwargs)
                    if hasattr(response, "render"):
                        response.render()
                    if not _storable(response):
                        return response
                    entry = _stored(response)  # type: ignore[arg-type]
                    cache.set(key, entry, CACHE_SECONDS)
                    memory.put(key, entry)
            _mark(response, etag, stamp)
            return response

        return wrapper

    return decorator


# The versions of the public pages, one query each.


def _latest_version() -> Subquery:
    return Subquery(
        ProgrammeVersion.objects.filter(meeting=OuterRef("pk")).order_by("-number").values("pk")[:1]
    )


def _meetings_rows(meetings: QuerySet[Meeting]) -> QuerySet[Meeting, tuple[Any, ...]]:
    """What a meeting's page version is made of, for the first published one of `meetings`."""
    return (
        meetings.filter(status=MeetingStatus.PUBLISHED)
        .annotate(latest_version_pk=_latest_version())
        .values_list("pk", "content_changed_at", "time_zone", "latest_version_pk")[:1]
    )


def meeting_version(meetings: QuerySet[Meeting]) -> PageVersion | None:
    """The version of a published meeting's pages (the first of `meetings`): its
    `content_changed_at`, its latest released version and the date at the venue (registration
    opens and closes with the venue's days). None for a draft or no meeting."""
    row = next(iter(_meetings_rows(meetings)), None)
    return None if row is None else _meeting_page_version(*row)


class _CompiledQuery:
    """A query turned into SQL once per process, then run with another value in the place of
    `PLACEHOLDER`. A cache hit costs this one query: compiling it through the ORM each time
    took ten times as long as running it (1.2 ms against 0.1 ms), which was most of a hit."""

    PLACEHOLDER = "plenary-compiled-query-placeholder"

    def __init__(self, build: Callable[[str], QuerySet[Any, Any]]) -> None:
        self.build = build
        self.compiled: dict[str, tuple[str, list[Any], int]] = {}

    def rows(self, value: Any) -> list[tuple[Any, ...]]:
        connection = connections[DEFAULT_DB_ALIAS]
        compiled = self.compiled.get(connection.vendor)
        if compiled is None:
            sql, built = self.build(self.PLACEHOLDER).query.sql_with_params()
            compiled = (sql, list(built), list(built).index(self.PLACEHOLDER))
            self.compiled[connection.vendor] = compiled
        sql, params, index = compiled
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params[:index], value, *params[index + 1 :]])
            rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows


_meeting_by_slug = _CompiledQuery(lambda slug: _meetings_rows(Meeting.objects.filter(slug=slug)))
_CHANGED_AT = Meeting._meta.get_field("content_changed_at")


def _meeting_page_version(
    pk: int, changed: Any, time_zone: str, latest_version_pk: int | None
) -> PageVersion:
    """Last-Modified is the later of the meeting's last change and the start of the day at the
    venue, so a client asking If-Modified-Since after midnight there reads the new day's page."""
    changed = _CHANGED_AT.to_python(changed)  # SQLite answers raw SQL with text
    if timezone.is_naive(changed):
        changed = timezone.make_aware(changed, datetime.UTC)
    zone = zoneinfo.ZoneInfo(time_zone)
    today = timezone.now().astimezone(zone).date()
    key = ":".join(
        ("meeting", str(pk), changed.isoformat(), str(latest_version_pk or 0), today.isoformat())
    )
    midnight = datetime.datetime.combine(today, datetime.time(), tzinfo=zone)
    return PageVersion(key=key, last_modified=max(changed, midnight))


def meeting_page_version(_request: HttpRequest, *, slug: str, **_kwargs: Any) -> PageVersion | None:
    rows = _meeting_by_slug.rows(slug)
    return _meeting_page_version(*rows[0]) if rows else None


def _site_aggregates() -> dict[str, Any]:
    return {
        "meetings": Count("pk"),
        "changed": Max("content_changed_at"),
        "newest": Max("pk"),
    }


def _site_key(values: dict[str, Any]) -> str:
    changed = values["changed"].isoformat() if values["changed"] else ""
    return ":".join(
        (
            str(values["meetings"]),
            changed,
            str(values["newest"] or 0),
            timezone.localdate().isoformat(),  # the home page splits upcoming from past
        )
    )


def site_version(_request: HttpRequest, **_kwargs: Any) -> PageVersion:
    """The version of the pages that show every meeting (home, series): the meetings' count,
    latest change and newest id, and today's date; only an ETag."""
    values = Meeting.objects.aggregate(**_site_aggregates())
    return PageVersion(key="site:" + _site_key(values))


def _scalar(function: str, field: str, output_field: Any) -> Subquery:
    """`function(field)` over every meeting, as a subquery (a plain Func, so no GROUP BY)."""
    return Subquery(
        Meeting.objects.order_by()
        .annotate(value=Func(F(field), function=function, output_field=output_field))
        .values("value")[:1]
    )


def person_version(_request: HttpRequest, *, slug: str, **_kwargs: Any) -> PageVersion | None:
    """A person's page: the site version and the person's own row, in one query (the row
    changes the key even for someone in no meeting's programme)."""
    aggregates = {
        "meetings": _scalar("COUNT", "pk", IntegerField()),
        "changed": _scalar("MAX", "content_changed_at", DateTimeField()),
        "newest": _scalar("MAX", "pk", IntegerField()),
    }
    fields = [field.attname for field in Person._meta.concrete_fields]
    row = Person.objects.filter(slug=slug).annotate(**aggregates).values(*fields, *aggregates)
    found = row.first()
    if found is None:
        return None
    own = hashlib.sha256(repr([found[name] for name in fields]).encode()).hexdigest()[:16]
    return PageVersion(key=f"person:{own}:" + _site_key(found))
