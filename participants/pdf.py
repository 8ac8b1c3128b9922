"""PDFs made from HTML templates with WeasyPrint: the list of participants and the badges.

The templates carry their own CSS (the site's CSP governs pages, not WeasyPrint) and name the
Noto fonts (Debian's fonts-noto-core and fonts-noto-cjk, which .ci/run installs), so a name in
Latin, Cyrillic, Greek, Arabic, Hebrew or CJK script prints with its own glyphs: Arabic shaped
and right to left. WeasyPrint embeds the subset of each font it uses.

Rendering fetches nothing: no stylesheet, image or font by URL, whatever a template or a name
might hold. A rendered PDF is kept in the cache under the hash of its HTML when the caller asks
(the public list, which anybody may request again and again); any change to the list changes
the HTML and so the key.
"""

import hashlib
from typing import override

from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# The font stack every PDF template uses (in its CSS, via the `font_stack` context variable):
# fontconfig falls back through it script by script.
FONT_STACK = ", ".join(
    f'"{family}"'
    for family in (
        "Noto Sans",
        "Noto Sans Arabic",
        "Noto Sans Hebrew",
        "Noto Sans Devanagari",
        "Noto Sans Thai",
        "Noto Sans Armenian",
        "Noto Sans Georgian",
        "Noto Sans Ethiopic",
        "Noto Sans CJK SC",
        "Noto Sans CJK JP",
        "Noto Sans CJK KR",
    )
)
FONT_STACK += ", sans-serif"

_CACHE_SECONDS = 60 * 60


class NoFetching(URLFetcher):
    """Refuses every URL: a PDF is made from its HTML alone."""

    @override
    def fetch(self, url, headers=None):
        raise ValueError(f"PDF rendering loads nothing: {url}")


def render_pdf(template_name: str, context: dict, *, cached: bool = False) -> bytes:
    html = render_to_string(template_name, {**context, "font_stack": FONT_STACK})
    key = ""
    if cached:
        key = "participants-pdf:" + hashlib.sha256(html.encode()).hexdigest()
        found = cache.get(key)
        if found is not None:
            return found
    content = HTML(string=html, url_fetcher=NoFetching()).write_pdf(pdf_tags=True)
    if cached:
        cache.set(key, content, _CACHE_SECONDS)
    return content


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response.headers["Content-Disposition"] = content_disposition_header(
        as_attachment=not inline, filename=filename
    )
    return response
