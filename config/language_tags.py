"""{% load languages %}: the language switcher and hreflang alternates of base.html, and
`long_date`, a date as a sentence in the reader's language writes it (config/dates.py)."""

from django import template

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
