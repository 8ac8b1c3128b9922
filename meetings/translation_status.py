"""Which of a meeting's texts are not yet translated, by language (the admin's "Translation
status" page, README "Languages"): counts per language and a link to each text to translate.

One query per kind of content (the meeting, its objectives, sessions, agenda items,
presentations, and what the apps above add through `translatable_content`), whatever the
meeting holds; the counting is done on plain values.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config.content_languages import DEFAULT, codes, column

from .models import AgendaItem, Meeting, Objective, Segment, Session


@dataclass(frozen=True)
class Content:
    """A kind of content of a meeting: its rows, the fields entered in several languages, the
    field that names a row, and the admin page where a row is translated."""

    label: Any
    rows: QuerySet[Any]
    fields: tuple[str, ...]
    name_field: str
    change_url: Callable[[dict[str, Any]], str]
    # Other columns change_url reads (an objective links to its meeting's page).
    keys: tuple[str, ...] = ()
    # The prefix of the inline where the rows are edited, in the order of `rows`
    # ("objectives" on the meeting's page); "" where each row has its own page.
    inline: str = ""

    def field_id(self, index: int, name: str, language: str) -> str:
        """The id of the input of the row's field in that language, on its admin page: the
        link's fragment, which opens that language's tab at the field (language_tabs.js)."""
        prefix = f"{self.inline}-{index}-" if self.inline else ""
        return f"id_{prefix}{column(name, language)}"


type ContentMaker = Callable[[Meeting], list[Content]]
_content_makers: list[ContentMaker] = []


def translatable_content(maker: ContentMaker) -> ContentMaker:
    """Register, from an app above meetings, what it holds of a meeting in several languages
    (papers: the documents' titles). A decorator."""
    if maker not in _content_makers:
        _content_makers.append(maker)
    return maker


@dataclass
class Missing:
    """A text not entered in a language; `url` opens its admin page at that language's field."""

    name: str
    field: str
    url: str


@dataclass
class KindStatus:
    label: Any
    texts: int = 0
    missing: list[Missing] = field(default_factory=list)

    @property
    def translated(self) -> int:
        return self.texts - len(self.missing)


@dataclass
class LanguageStatus:
    code: str
    name: str
    kinds: list[KindStatus]

    @property
    def texts(self) -> int:
        return sum(kind.texts for kind in self.kinds)

    @property
    def missing(self) -> int:
        return sum(len(kind.missing) for kind in self.kinds)

    @property
    def translated(self) -> int:
        return self.texts - self.missing

    @property
    def percent(self) -> int:
        return 100 if not self.texts else self.translated * 100 // self.texts


def _admin_change(name: str, key: str = "pk") -> Callable[[dict[str, Any]], str]:
    return lambda row: reverse(f"admin:meetings_{name}_change", args=[row[key]])


def meeting_content(meeting: Meeting) -> list[Content]:
    return [
        Content(
            _("The meeting"),
            Meeting.objects.filter(pk=meeting.pk),
            ("title", "summary", "description", "mandate", "expected_outcome"),
            "title",
            _admin_change("meeting"),
        ),
        Content(
            _("Objectives"),
            Objective.objects.filter(meeting=meeting).order_by("order", "pk"),
            ("text",),
            "text",
            _admin_change("meeting", "meeting_id"),
            keys=("meeting_id",),
            inline="objectives",
        ),
        Content(
            _("Sessions"),
            Session.objects.filter(meeting=meeting).chronological(),
            ("name",),
            "name",
            _admin_change("session"),
        ),
        Content(
            _("Agenda items"),
            AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"),
            ("title", "description"),
            "title",
            _admin_change("agendaitem"),
        ),
        Content(
            _("Presentations"),
            Segment.objects.filter(agenda_item__meeting=meeting).order_by(
                "agenda_item__order", "order", "pk"
            ),
            ("title",),
            "title",
            _admin_change("segment"),
        ),
    ]


def translation_status(meeting: Meeting) -> list[LanguageStatus]:
    """Each language other than English: how many of the meeting's texts are translated, and
    which are not. A text counts where it is entered in any language (a blank summary has
    nothing to translate). English comes first when a text lacks it: a focal point working in
    French submits a paper's title in French only."""
    contents = meeting_content(meeting)
    for maker in _content_makers:
        contents += maker(meeting)
    languages = codes()
    names = dict(settings.LANGUAGES)
    statuses = {code: LanguageStatus(code, str(names[code]), []) for code in languages}
    for content in contents:
        columns = {column(f, code) for f in content.fields for code in languages}
        rows = list(content.rows.values("pk", *columns, *content.keys))
        kinds = {code: KindStatus(content.label) for code in languages}
        for code in languages:
            statuses[code].kinds.append(kinds[code])
        for index, row in enumerate(rows):
            name = _first_text(row, content.name_field, languages)
            url = content.change_url(row)
            for name_of_field in content.fields:
                entered = [
                    code for code in languages if (row[column(name_of_field, code)] or "").strip()
                ]
                if not entered:
                    continue
                verbose = content.rows.model._meta.get_field(name_of_field).verbose_name
                for code in languages:
                    kinds[code].texts += 1
                    if code not in entered:
                        at = f"{url}#{content.field_id(index, name_of_field, code)}"
                        kinds[code].missing.append(Missing(_short(name), str(verbose), at))
    english = statuses.pop(DEFAULT)
    return ([english] if english.missing else []) + list(statuses.values())


def _first_text(row: dict[str, Any], name_field: str, languages: tuple[str, ...]) -> str:
    """What names a row: its English text, else the first language it is entered in."""
    for code in (DEFAULT, *languages):
        text = (row[column(name_field, code)] or "").strip()
        if text:
            return text
    return ""


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
