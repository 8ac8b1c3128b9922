"""The participants' PDFs (the list of participants and the badges), made with config.pdf.

config.pdf holds what every PDF shares: the Noto font stack, the URL fetcher that loads nothing
and the rendering itself. What is particular to participants: a rendered PDF is kept in the
cache under the hash of its HTML when the caller asks (the public list, which anybody may
request again and again); any change to the list changes the HTML and so the key.
"""

import hashlib
from typing import Any

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from config.pdf import NoFetching, html_to_pdf, pdf_html

# NoFetching too: what a test of these PDFs checks rendering with.
__all__ = ["NoFetching", "pdf_response", "render_pdf"]

_CACHE_SECONDS = 60 * 60


def render_pdf(template_name: str, context: dict[str, Any], *, cached: bool = False) -> bytes:
    html = pdf_html(template_name, context)
    if not cached:
        return html_to_pdf(html)
    key = "participants-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    found: bytes | None = cache.get(key)
    if found is not None:
        return found
    content = html_to_pdf(html)
    cache.set(key, content, _CACHE_SECONDS)
    return content


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response.headers["Content-Disposition"] = content_disposition_header(
        as_attachment=not inline, filename=filename
    )
    return response
