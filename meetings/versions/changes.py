"""What changed in a programme between two snapshots, in plain sentences grouped by agenda item.

Rows are matched by their ids; a row deleted and added again (the same person under the same
item, a presentation of the same title) counts as the same row, so rebuilding a list in the admin
does not read as "removed" and "added". Sessions come first, then the items in their new order,
then the items removed.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from meetings.formatting import roman

from .flat import Flat, Row, flatten, label_of, name_of, pair, role_of, times, when
from .snapshot import Snapshot


@dataclass
class ChangeGroup:
    """The sentences about one agenda item (or about the sessions). An item's heading is also
    given in its parts, its numeral and its title, for a page to set each in its direction."""

    heading: str
    lines: list[SafeString] = field(default_factory=list)
    numeral: str = ""
    title: str = ""


class _Comparison:
    def __init__(self, old: Flat, new: Flat) -> None:
        self.old, self.new = old, new
        self.groups: dict[Any, ChangeGroup] = {}

    def say(self, item_id: int | None, line: SafeString) -> None:
        if item_id is None:
            group = self.groups.setdefault("sessions", ChangeGroup(_("Sessions")))
        else:
            row = self.new.items.get(item_id) or self.old.items[item_id]
            numeral, title = roman(row["number"]), row["title"]
            group = self.groups.setdefault(
                item_id, ChangeGroup(f"{numeral}. {title}", numeral=numeral, title=title)
            )
        group.lines.append(line)

    def where(self, flat: Flat, session_ids: list[int]) -> str:
        if not session_ids:
            return _("not scheduled")
        return "; ".join(when(flat.sessions[pk]) for pk in session_ids)

    def sessions(self) -> None:
        old, new = self.old.sessions, self.new.sessions
        for pk in sorted(old.keys() - new.keys()):
            self.say(None, format_html(_("Session removed: {}."), when(old[pk])))
        for pk in sorted(new.keys() - old.keys()):
            self.say(None, format_html(_("Session added: {}."), when(new[pk])))
        for pk in sorted(old.keys() & new.keys()):
            before, after = old[pk], new[pk]
            if times(before) != times(after):
                self.say(
                    None,
                    format_html(_("Session moved: {} → {}."), when(before), when(after)),
                )
            if before["name"] != after["name"]:
                self.say(
                    None,
                    format_html(
                        _("Session of {} renamed: “<bdi>{}</bdi>” → “<bdi>{}</bdi>”."),
                        when(after),
                        before["name"],
                        after["name"],
                    ),
                )
            if before["room"] != after["room"]:
                self.say(
                    None,
                    format_html(
                        _("Room of the session of {}: “<bdi>{}</bdi>” → “<bdi>{}</bdi>”."),
                        when(after),
                        before["room"],
                        after["room"],
                    ),
                )

    def items(self) -> None:
        old, new = self.old.items, self.new.items
        removed = {pk: old[pk] for pk in sorted(old.keys() - new.keys())}
        added = {pk: new[pk] for pk in sorted(new.keys() - old.keys())}
        pairs = [(old[pk], new[pk]) for pk in sorted(old.keys() & new.keys())]
        self.item_ids = {id(row): pk for pk, row in [*old.items(), *new.items()]}
        pairs += pair(removed, added, lambda row: row["title"])
        for pk, row in added.items():
            self.say(
                pk,
                format_html(
                    _("Added to the programme: {}."), self.where(self.new, row["sessions"])
                ),
            )
        self.removed_items = set(removed)
        for pk in removed:
            self.say(pk, format_html("{}", _("Removed from the programme.")))
        for before, after in pairs:
            pk = self.item_ids[id(after)]
            if before["title"] != after["title"]:
                self.say(
                    pk,
                    format_html(
                        _("Retitled: “<bdi>{}</bdi>” → “<bdi>{}</bdi>”."),
                        before["title"],
                        after["title"],
                    ),
                )
            if before["number"] != after["number"]:
                self.say(
                    pk,
                    format_html(
                        _("Now item {} (was item {})."),
                        roman(after["number"]),
                        roman(before["number"]),
                    ),
                )
            if set(before["sessions"]) != set(after["sessions"]):
                self.say(
                    pk,
                    format_html(
                        _("Moved: {} → {}."),
                        self.where(self.old, before["sessions"]),
                        self.where(self.new, after["sessions"]),
                    ),
                )

    def segmentname_of(self, row: Row) -> SafeString:
        if row["title"]:
            return format_html(_("presentation “<bdi>{}</bdi>”"), row["title"])
        return format_html("{}", _("an untitled presentation"))

    def segments(self) -> None:
        old, new = self.old.segments, self.new.segments
        removed = {pk: old[pk] for pk in sorted(old.keys() - new.keys())}
        added = {pk: new[pk] for pk in sorted(new.keys() - old.keys())}
        pairs = [(old[pk], new[pk]) for pk in sorted(old.keys() & new.keys())]
        pairs += pair(removed, added, lambda row: (row["item"], row["title"]))
        for row in added.values():
            self.say(row["item"], format_html(_("Added: {}."), self.segmentname_of(row)))
        for row in removed.values():
            if row["item"] not in self.removed_items:
                self.say(row["item"], format_html(_("Removed: {}."), self.segmentname_of(row)))
        for before, after in pairs:
            item = after["item"]
            if before["item"] != item:
                number = self.old.items[before["item"]]["number"]
                self.say(
                    item,
                    format_html(
                        _("Moved here from item {}: {}."), roman(number), self.segmentname_of(after)
                    ),
                )
            elif before["session"] != after["session"] and before["session"] and after["session"]:
                self.say(
                    item,
                    format_html(
                        _("Moved: {}, {} → {}."),
                        self.segmentname_of(after),
                        when(self.old.sessions[before["session"]]),
                        when(self.new.sessions[after["session"]]),
                    ),
                )
            if before["title"] != after["title"]:
                self.say(
                    item,
                    format_html(
                        _("Presentation retitled: “<bdi>{}</bdi>” → “<bdi>{}</bdi>”."),
                        before["title"],
                        after["title"],
                    ),
                )

    def place(self, flat: Flat, row: Row) -> SafeString:
        if row["segment"] is not None:
            return self.segmentname_of(flat.segments[row["segment"]])
        return format_html(_("item {}"), roman(flat.items[row["item"]]["number"]))

    def appearances(self) -> None:
        old, new = self.old.appearances, self.new.appearances
        removed = {pk: old[pk] for pk in sorted(old.keys() - new.keys())}
        added = {pk: new[pk] for pk in sorted(new.keys() - old.keys())}
        pairs = [(old[pk], new[pk]) for pk in sorted(old.keys() & new.keys())]
        pairs += pair(removed, added, lambda row: (row["item"], row["person"]["id"]))
        pairs += pair(removed, added, lambda row: row["person"]["id"])
        for row in added.values():
            self.say(
                row["item"],
                format_html(
                    _("{} added to {}: <bdi>{}</bdi>."),
                    role_of(row),
                    self.place(self.new, row),
                    label_of(row),
                ),
            )
        for row in removed.values():
            if row["item"] in self.removed_items:
                continue
            self.say(
                row["item"],
                format_html(
                    _("{} removed from {}: <bdi>{}</bdi>."),
                    role_of(row),
                    self.place(self.old, row),
                    label_of(row),
                ),
            )
        for before, after in pairs:
            self.appearance_changed(before, after)

    def appearance_changed(self, before: Row, after: Row) -> None:
        item = after["item"]
        if before["person"]["id"] != after["person"]["id"]:
            self.say(
                item,
                format_html(
                    _("<bdi>{}</bdi> replaced by <bdi>{}</bdi>."), label_of(before), label_of(after)
                ),
            )
            return
        name = name_of(after["person"])
        if name_of(before["person"]) != name:
            self.say(
                item,
                format_html(
                    _("Name corrected: <bdi>{}</bdi> → <bdi>{}</bdi>."),
                    name_of(before["person"]),
                    name,
                ),
            )
        old_place, new_place = self.place(self.old, before), self.place(self.new, after)
        if (before["item"], before["segment"]) != (after["item"], after["segment"]) and (
            old_place != new_place
        ):
            self.say(
                item,
                format_html(_("<bdi>{}</bdi> moved: {} → {}."), name, old_place, new_place),
            )
        if before["role"] != after["role"]:
            self.say(
                item,
                format_html(_("<bdi>{}</bdi>: {} → {}."), name, role_of(before), role_of(after)),
            )
        if before["affiliation"] != after["affiliation"]:
            self.say(
                item,
                format_html(
                    _("Affiliation of <bdi>{}</bdi>: “<bdi>{}</bdi>” → “<bdi>{}</bdi>”."),
                    name,
                    before["affiliation"] or _("none"),
                    after["affiliation"] or _("none"),
                ),
            )

    def ordered(self) -> list[ChangeGroup]:
        def rank(key: Any) -> tuple[int, int]:
            if key == "sessions":
                return (0, 0)
            if key in self.new.items:
                return (1, self.new.items[key]["number"])
            return (2, self.old.items[key]["number"])

        return [self.groups[key] for key in sorted(self.groups, key=rank)]


def programme_changes(old: Snapshot, new: Snapshot) -> list[ChangeGroup]:
    """What changed from `old` to `new`: one group per item (and one for the sessions)."""
    comparison = _Comparison(flatten(old), flatten(new))
    comparison.sessions()
    comparison.items()
    comparison.segments()
    comparison.appearances()
    return comparison.ordered()
