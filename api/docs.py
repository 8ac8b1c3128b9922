"""The API's OpenAPI 3 schema (drf-spectacular, from the serializers) and its documentation
page (Swagger UI, from static/vendor/swagger-ui-dist: no CDN). The page holds no inline script
or style, so the site's Content Security Policy stands: drf-spectacular's split view serves the
script that starts Swagger UI as a file of its own (`?script`)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .conditional import ConditionalMixin

DESCRIPTION = _(
    """Plenary's open data: the published meetings, their programmes (the released "Organization
of work"), the people and organizations the public pages name, the published documents and, once
it is published, the list of participants.

**Read-only and public.** Every endpoint answers `GET` (and `HEAD`, `OPTIONS`); any other method
is a `405`. Nothing needs a key or a login, and everyone reads the same data: a meeting still in
draft is a `404` for all. No personal contact data (e-mail, phone, address) is ever part of an
answer.

**Links.** Every object carries its `url` in this API and its `page_url` on the site; programme
entries link to their exact place on the programme page (`…/programme/#item-12`). Sessions, agenda
items and segments have a `uid` that stays the same across edits and versions, as in the calendar
and schedule files.

**Times.** Session times are given in the venue's local time (`start_time`, `"10:00"`) and as ISO
8601 date-times with the venue's UTC offset that day (`start`, `"2012-02-09T10:00:00-05:00"`). The
meeting's `time_zone` is its IANA name.

**Lists** of meetings, people and organizations are paginated: `?page=2`, `?page_size=100` (at
most 200); each page says `count`, `next` and `previous`. A meeting's documents and its list of
participants come whole. A parameter that is not valid is a `400` that says why.

**Caching.** Answers carry an `ETag`, and a meeting's own answers (its detail, programme and
documents) a `Last-Modified` too: send `If-None-Match` (or `If-Modified-Since` where there is a
`Last-Modified`) to get a `304 Not Modified` when nothing changed. They may be cached for five
minutes (`Cache-Control: public, max-age=300`).

**CORS.** Any origin may read the API from a browser (`Access-Control-Allow-Origin: *`, without
credentials).

**Rate.** Clients are limited per address (600 requests a minute unless the site says otherwise);
past it, a `429` says when to come back (`Retry-After`)."""
)


class SchemaView(ConditionalMixin, SpectacularAPIView):
    """/api/v1/schema/: JSON unless YAML is asked for (`?format=yaml`)."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    custom_settings = {"DESCRIPTION": DESCRIPTION}


class DocsView(SpectacularSwaggerSplitView):
    """/api/v1/docs/: Swagger UI over the schema."""

    url_name = "api:schema"
    template_name = "api/swagger_ui.html"
    title = _("Plenary open data API")
