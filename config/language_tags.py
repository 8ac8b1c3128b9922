"""{% load languages %}: the language switcher and hreflang alternates of base.html;
`long_date`, a date as a sentence in the reader's language writes it (config/dates.py); and the
content entered in several languages, marked where it falls back (config/content_languages.py):

    <h1 dir="auto"{% lang_of meeting "title" %}>{{ meeting.title }}</h1>
    <li>{{ document|translated:"title" }}</li>
    {% translate "Add to calendar (.ics)" as label %}{{ label|extensions_ltr }}
"""

import re
from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

from config.content_languages import Text, comma, lang_attribute, marked, marked_text
from config.countries import country_text
from config.dates import long_date_filter
from config.languages import LanguageLink, language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context: template.Context) -> list[LanguageLink]:
    """The page in each of the six languages; empty when the page has no translated address
    (an error page, say), so that nothing offers a switch that would not switch."""
    request = context.get("request")
    if request is None:
        return []
    links = language_links(request)
    return links if len({link.address for link in links}) > 1 else []


register.filter("long_date", long_date_filter)


@register.filter
def translated(obj: Any, field: str) -> SafeString:
    """obj.field in the reader's language; a fallback in a span with its own lang."""
    return marked(obj, field) if obj is not None else SafeString("")


@register.filter
def country(name: str) -> SafeString:
    """A country as the reader's language names it (CLDR); one CLDR doesn't know as typed,
    marked English on a page in another language."""
    return marked_text(country_text(name or ""))


@register.filter
def joined_marked(texts: list[Text]) -> SafeString:
    """Texts (config/content_languages.Text) joined by the language's comma, each isolated in a
    <bdi> (English names in an Arabic line keep their order), a fallback with its own lang:
    "Siège de l'ONU, New York, États-Unis"."""
    parts = [
        format_html('<bdi lang="{}">{}</bdi>', text.language, text.value)
        if text.is_fallback
        else format_html("<bdi>{}</bdi>", text.value)
        for text in texts
    ]
    return SafeString(comma().join(parts))


# A file's extension named in a label: ".ics" in "Add to calendar (.ics)", after a space or a
# bracket (not the full stop of "Dr." or "v1.2").
_EXTENSION = re.compile(r"(?<![\w.])\.[A-Za-z0-9]+\b")


@register.filter
def extensions_ltr(label: str) -> SafeString:
    """A translated label, escaped, each file extension it names in a <bdi dir="ltr">: in an
    Arabic line ".ics" would otherwise read "ics." ("(ics.)"). The message stays one string,
    as its translators have it."""
    return SafeString(
        _EXTENSION.sub(lambda match: f'<bdi dir="ltr">{match.group()}</bdi>', str(escape(label)))
    )


@register.simple_tag(name="comma")
def comma_tag() -> str:
    """The comma between a name and what follows it, as the reader's language writes it
    (an Arabic comma in Arabic, a full-width one in Chinese)."""
    return comma()


@register.simple_tag
def lang_of(obj: Any, field: str) -> SafeString:
    """' lang="en"' when the element's content, obj.field, is a fallback; else nothing."""
    return lang_attribute(obj, field) if obj is not None else SafeString("")
