"""The editor's rows as the page lists them, each with its form, its place and its name for
screen readers ("Item II", "Item II, presentation 1, person 2", "New session 1")."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ..formatting import roman

NEW_KEY = re.compile(r"new-\d{1,4}")


def is_new(key: str) -> bool:
    return bool(NEW_KEY.fullmatch(key))


@dataclass(eq=False)
class Row:
    kind: str  # "session", "item", "segment", "person"
    key: str
    form: Any
    name: str = ""
    parent: "Row | None" = None
    children: list["Row"] = field(default_factory=list)  # an item's presentations
    people: list["Row"] = field(default_factory=list)  # an item's or presentation's own people
    person_form: Any = None  # a person row's "New person"
    new_person_used: bool = False  # the row creates the person its "New person" names
    used: bool = True  # an empty row offered for a new entry is not
    taken_up: list[str] = field(default_factory=list)  # a session's items, as the site shows

    @property
    def is_new(self) -> bool:
        return is_new(self.key) or self.key == "__key__"  # or the page's template row

    @property
    def prefix(self) -> str:
        return f"{self.kind}-{self.key}"

    @property
    def removed(self) -> bool:
        """Ticked "Remove", or under a removed item or presentation."""
        if self.form.is_bound and self.form.data.get(self.form.add_prefix("remove")):
            return True
        return self.parent is not None and self.parent.removed

    @property
    def item(self) -> "Row":
        row = self
        while row.kind != "item" and row.parent is not None:
            row = row.parent
        return row

    @property
    def segment(self) -> "Row | None":
        return self.parent if self.parent is not None and self.parent.kind == "segment" else None

    @property
    def anchor(self) -> str:
        return f"row-{self.prefix}"


def name_sessions(sessions: list[Row]) -> None:
    """Names by place: "Session 2"; rows added in the page are "New session 1"."""
    for number, row in enumerate([r for r in sessions if not r.is_new], start=1):
        row.name = _("Session %(number)d") % {"number": number}
    for number, row in enumerate([r for r in sessions if r.is_new], start=1):
        row.name = _("New session %(number)d") % {"number": number}


def name_items(items: list[Row]) -> None:
    """Names by place: "Item III, presentation 1, person 2"; an item added is "New item 1"."""
    stored_items = 0
    new_items = 0
    for row in items:
        if row.is_new:
            new_items += 1
            row.name = _("New item %(number)d") % {"number": new_items}
        else:
            stored_items += 1
            row.name = _("Item %(numeral)s") % {"numeral": roman(stored_items)}
        for number, segment in enumerate(row.children, start=1):
            segment.name = _("%(item)s, presentation %(number)d") % {
                "item": row.name,
                "number": number,
            }
            _name_people(segment)
        _name_people(row)


def _name_people(container: Row) -> None:
    for number, person in enumerate(container.people, start=1):
        person.name = _("%(container)s, person %(number)d") % {
            "container": container.name,
            "number": number,
        }
