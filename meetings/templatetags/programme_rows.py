"""The programme's repeated rows (a person, a list of people, a presentation, a role group),
rendered in Python for meetings/programme.html and meetings/programme_pdf.html.

A 300-presentation programme repeats these rows about a thousand times. As nested template
partials ({% partial %} inside {% with %} inside {% for %}) they were most of the page's cost
(issue 11: rendering 61 % of the time, reversing one URL per person link 16 %). Here each row is
one function call writing the same markup the partials wrote, escaped the same way, and person
links are built from one reversed prefix per page instead of one reverse() each.
"""

import re
from html import escape
from typing import Any

from babel.lists import format_list
from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from config.content_languages import active_content_language, comma, text_in
from config.dates import cldr_locale
from meetings.models import Appearance, Person
from meetings.models.people import with_honorific
from meetings.programme import ItemEntry, PeopleBlock, RoleGroup, SegmentEntry

register = template.Library()

# A slug Django's <slug:> converter accepts, which reverse() writes out unchanged.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_SAMPLE_SLUG = "sample-slug"


class PersonLinks:
    """Person page URLs, as Person.get_absolute_url gives them, from one reverse() per page."""

    def __init__(self) -> None:
        sample = reverse("meetings:person_detail", kwargs={"slug": _SAMPLE_SLUG})
        self.prefix, _slug, self.suffix = sample.rpartition(_SAMPLE_SLUG)

    def url(self, person: Person) -> str:
        if _PLAIN_SLUG.fullmatch(person.slug):
            return f"{self.prefix}{person.slug}{self.suffix}"
        return person.get_absolute_url()  # anything reverse() would quote or refuse


class Rows:
    """What every row on one page shares: the person links, the word "and", the markup options
    (the PDF gives the affiliation a class and the presentations no anchors)."""

    def __init__(self, *, affiliation_class: str = "", anchors: bool = True) -> None:
        self.links = PersonLinks()
        self.and_word = escape(gettext("and"))
        self.locale = cldr_locale()
        self.bdi = f'<bdi class="{escape(affiliation_class)}">' if affiliation_class else "<bdi>"
        self.anchors = anchors
        self.headings: dict[tuple[str, int], str] = {}
        self.continued = escape(gettext("(continued)"))
        self.language = active_content_language()
        # Between a name and its affiliation, as the language writes it ("، " in Arabic).
        self.comma = escape(comma(self.language))

    def person(self, appearance: Appearance) -> str:
        person = appearance.person
        if person.honorific_id and not person.withheld_at:
            honorific, lang = self.text(person.honorific, "name")
            marked = f"<span{lang}>{escape(honorific)}</span>" if lang else escape(honorific)
            # The name isolated from the honorific: a Latin name after an Arabic one.
            full_name = f"<bdi>{escape(person.full_name)}</bdi>"
            name = with_honorific(marked, full_name, self.language)
        else:
            name = escape(person.display_name)
        if person.withheld_at:
            html = f'<span class="name-withheld">{name}</span>'
        else:
            html = f'<a href="{escape(self.links.url(person))}" dir="auto">{name}</a>'
        if appearance.affiliation:
            html += f"{self.comma}{self.bdi}{escape(appearance.affiliation)}</bdi>"
        return html

    def people(self, appearances: list[Appearance]) -> str:
        """ "A", "A and B", "A, B and C", each with their link and affiliation."""
        names = [self.person(appearance) for appearance in appearances]
        if len(names) <= 1:
            return "".join(names)
        if self.locale is not None:  # "A, B et C", "A、B和C": the language's list pattern
            return format_list(names, locale=self.locale)
        return f"{', '.join(names[:-1])} {self.and_word} {names[-1]}"

    def heading(self, group: RoleGroup) -> str:
        """ "Moderator", "Moderators": asked of gettext once a page for each role and number."""
        key = (group.role, len(group.appearances))
        if key not in self.headings:
            self.headings[key] = escape(group.heading)
        return self.headings[key]

    def groups(self, block: PeopleBlock) -> str:
        return "".join(
            f'\n          <li><span class="role-heading">{self.heading(group)}:</span> '
            f"{self.people(group.appearances)}</li>"
            for group in block.groups
        )

    def text(self, obj: Any, field: str) -> tuple[str, str]:
        """obj.field in the reader's language, and ' lang="en"' when it falls back."""
        text = text_in(obj, field, self.language)
        return text.value, f' lang="{text.language}"' if text.is_fallback else ""

    def segment(self, entry: SegmentEntry) -> str:
        """A presentation's line ("A and B. Title", or the title alone), then its role groups."""
        title, lang = self.text(entry.segment, "title")
        title_html = (
            f'<span class="presentation-title" dir="auto"{lang}>{escape(title)}</span>'
            if title
            else ""
        )
        block = entry.people
        anchor = f' id="{escape(entry.anchor)}"' if self.anchors else ""
        html = ""
        if block.presenters:
            people = self.people(block.presenters)
            html = f"\n          <li{anchor}>{people}{'. ' if title else ''}{title_html}</li>"
        elif title:
            html = f"\n          <li{anchor}>{title_html}</li>"
        return html + self.groups(block)

    def item(self, entry: ItemEntry) -> str:
        """An agenda item on the web page: its heading ("IV. Title (continued)"), its people and
        presentations, then the documents filed under it. The numeral's box is in the page's
        direction, so that numerals line up at its start (the right in Arabic); the numeral
        itself is set left to right, so that "IV." reads so."""
        continued = f' <span class="continued">{self.continued}</span>' if entry.continued else ""
        title, lang = self.text(entry.item, "title")
        html = (
            f'\n        <h5 class="agenda-item" id="{escape(entry.anchor)}">'
            f'<span class="numeral"><bdi dir="ltr">{escape(entry.numeral)}.</bdi></span>'
            f" <bdi{lang}>{escape(title)}</bdi>{continued}</h5>"
        )
        if not entry.is_empty:
            presenters = entry.people.presenters if entry.people else []
            lines = "".join(f"\n          <li>{self.person(a)}</li>" for a in presenters)
            lines += "".join(self.segment(segment) for segment in entry.segments)
            lines += self.groups(entry.people) if entry.people else ""
            html += f'\n        <ul class="agenda-entries">{lines}\n        </ul>'
        if entry.links:
            heading = ngettext("Document:", "Documents:", len(entry.links))
            links = "".join(
                f'\n            <li><a href="{escape(link.url)}" dir="auto">'
                f"{link.label_html or escape(link.label)}</a>"
                + (
                    f' <span class="text-secondary-ink">(<bdi>{escape(link.byline)}</bdi>)</span>'
                    if link.byline
                    else ""
                )
                + "</li>"
                for link in entry.links
            )
            html += (
                f'\n        <div class="item-documents">\n          <span class="role-heading">'
                f"{escape(heading)}</span>\n          <ul>{links}\n          </ul>\n        </div>"
            )
        return html


def _rows(context: template.Context, *, pdf: bool = False) -> Rows:
    """One Rows per page render and kind of markup. Kept as an attribute of the render context
    object, which lives as long as the page's render: its dicts are pushed afresh for every
    {% partial %}, so a key in them would last one agenda item."""
    cache: dict[bool, Rows] | None = getattr(context.render_context, "programme_rows", None)
    if cache is None:
        cache = {}
        context.render_context.programme_rows = cache  # type: ignore[attr-defined]
    rows = cache.get(pdf)
    if rows is None:
        rows = Rows(affiliation_class="affiliation", anchors=False) if pdf else Rows()
        cache[pdf] = rows
    return rows


@register.simple_tag(takes_context=True)
def programme_person(
    context: template.Context, appearance: Appearance, pdf: bool = False
) -> SafeString:
    """One person: linked name (or "Name withheld"), then ", affiliation"."""
    return mark_safe(_rows(context, pdf=pdf).person(appearance))  # noqa: S308 (escaped above)


@register.simple_tag(takes_context=True)
def programme_segments(
    context: template.Context, entries: list[SegmentEntry], pdf: bool = False
) -> SafeString:
    """The lines of an item's presentations, each followed by its role groups."""
    rows = _rows(context, pdf=pdf)
    return mark_safe("".join(rows.segment(entry) for entry in entries))  # noqa: S308


@register.simple_tag(takes_context=True)
def programme_groups(
    context: template.Context, block: PeopleBlock | None, pdf: bool = False
) -> SafeString:
    """ "Moderators: A and B", one line a role."""
    if block is None:
        return mark_safe("")
    return mark_safe(_rows(context, pdf=pdf).groups(block))  # noqa: S308


@register.simple_tag(takes_context=True)
def programme_items(context: template.Context, entries: list[ItemEntry]) -> SafeString:
    """The web page's agenda items, each with its people, presentations and documents."""
    rows = _rows(context)
    return mark_safe("".join(rows.item(entry) for entry in entries))  # noqa: S308 (escaped)
