"""PDFs made from HTML templates with WeasyPrint, for every app that prints (participants' list
and badges, the meetings' programme).

A PDF template carries its own CSS (the site's CSP governs pages, not WeasyPrint) and names the
Noto fonts through the `font_stack` context variable (Debian's fonts-noto-core and
fonts-noto-cjk, which .ci/run installs), so a name in Latin, Cyrillic, Greek, Arabic, Hebrew or
CJK script prints with its own glyphs: Arabic shaped and right to left. WeasyPrint embeds the
subset of each font it uses, and tags the PDF (its structure, for screen readers and reflow).

Rendering fetches nothing: no stylesheet, image or font by URL, whatever a template or a name
might hold.
"""

import re
import unicodedata
from collections.abc import Mapping
from typing import Any, NoReturn, override

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
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


class NoFetching(URLFetcher):
    """Refuses every URL: a PDF is made from its HTML alone."""

    @override
    def fetch(self, url: str, headers: Any = None) -> NoReturn:
        raise ValueError(f"PDF rendering loads nothing: {url}")


def pdf_html(template_name: str, context: Mapping[str, Any]) -> str:
    """The template rendered for WeasyPrint, with the font stack in its context and each
    direction the browser would find resolved (directions_resolved)."""
    return directions_resolved(
        render_to_string(template_name, {**context, "font_stack": FONT_STACK})
    )


# An element whose direction its text decides: dir="auto", or <bdi> (which is dir="auto" too).
_AUTO = re.compile(r'<(bdi)(?=[\s>])([^>]*)>|<([a-z][a-z0-9]*)([^>]*?)\sdir="auto"([^>]*)>')
_EXPLICIT = re.compile(r'\sdir="(?:ltr|rtl)"')
_MARKUP = re.compile(r"<[^>]*>|&#?\w+;")
_DIRECTIONS = {"L": "ltr", "R": "rtl", "AL": "rtl"}


def _first_strong_direction(html: str, start: int, name: str) -> str | None:
    """ltr or rtl, by the first letter with a strong direction in the text of the <name>
    element whose content starts at `start` (tags and character references skipped, and nothing
    after the element's end); None when there is none."""
    depth = 1
    position = start
    for markup in _MARKUP.finditer(html, start):
        for character in html[position : markup.start()]:
            if direction := _DIRECTIONS.get(unicodedata.bidirectional(character)):
                return direction
        position = markup.end()
        tag = markup.group()
        if tag.startswith(f"</{name}>"):
            depth -= 1
            if depth == 0:
                return None
        elif re.match(rf"<{name}[\s>]", tag):
            depth += 1
    return None


def directions_resolved(html: str) -> str:
    """`html` with dir="auto" and <bdi> given the direction a browser finds from their text.

    WeasyPrint ignores both (it lays every run out in its parent's direction), so a Latin name
    on an Arabic badge would have its parts reordered right to left. Each such element gets the
    direction of its first strongly directional letter (a <bdi> becomes a <span> with it, and
    isolates its text as an embedding does); one without such a letter inherits its parent's.
    A <bdi> with its own dir ("IV.", an address) keeps it.
    """

    def resolve(match: re.Match[str]) -> str:
        if match.group(1) and _EXPLICIT.search(match.group(2)):  # <bdi dir="ltr">: as it says
            return f"<span{match.group(2)}>"
        direction = _first_strong_direction(html, match.end(), match.group(1) or match.group(3))
        attribute = f' dir="{direction}"' if direction else ""
        if match.group(1):  # <bdi …>
            return f"<span{match.group(2)}{attribute}>"
        return f"<{match.group(3)}{match.group(4)}{attribute}{match.group(5)}>"

    return _AUTO.sub(resolve, html).replace("</bdi>", "</span>")


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """A tagged PDF of `html`; its <title>, <meta> and lang become the document's metadata.
    `base_url` makes its relative links absolute (config.links.absolute_url("/")); nothing is
    fetched from it."""
    document = HTML(string=html, base_url=base_url, url_fetcher=NoFetching())
    content: bytes = document.write_pdf(pdf_tags=True)
    return content


def render_pdf(
    template_name: str, context: Mapping[str, Any], *, base_url: str | None = None
) -> bytes:
    return html_to_pdf(pdf_html(template_name, context), base_url=base_url)


def css_string(text: str) -> str:
    """`text` as a quoted CSS string, safe inside a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return '"' + escaped.replace("<", "\\3c ").replace(">", "\\3e ") + '"'


def page_number_content() -> str:
    """The CSS `content` of a "Page 3 of 12" margin box, in the reader's language."""
    text = _("Page %(page)s of %(pages)s") % {"page": "\0page\0", "pages": "\0pages\0"}
    parts = []
    for index, part in enumerate(text.split("\0")):
        if index % 2:
            parts.append(f"counter({part})")
        elif part:
            parts.append(css_string(part))
    return " ".join(parts)
