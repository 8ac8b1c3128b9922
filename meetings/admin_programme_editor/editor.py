"""The editor's page as forms: rows made from the stored programme (to show it) or from what the
page sent (to save it), every row validated before anything is saved.

The page sends, in the order it shows them, one `session`, `item`, `segment` and `person` value
per row: its key. A presentation's row sends the key of its item (`segment-<key>-item`), a
person's row the keys of its item and presentation (`person-<key>-item`, `person-<key>-segment`).
A stored row keeps its item and presentation; only rows added in the page take what they say.
"""

from typing import Any

from accounts.collation import collation_key

from ..admin_person_search import person_label
from ..formatting import day_heading, time_range
from ..models import AgendaItem, Appearance, Person, Segment, Session
from .forms import (
    AppearanceRowForm,
    ItemRowForm,
    NewPersonForm,
    PersonSelect,
    SegmentRowForm,
    SessionRowForm,
)
from .loading import StoredProgramme
from .rows import Row, is_new, name_items, name_sessions
from .validation import ValidationMixin


def _by_name(person: Person) -> tuple[bytes, bytes, int]:
    """Family name, then given name, in the staff member's language."""
    return (collation_key(person.family_name), collation_key(person.given_name), person.pk)


class ProgrammeEditor(ValidationMixin):
    """The rows of one meeting's programme: `sessions`, and `items` with their presentations
    (`children`) and people; bound to what the page sent when `data` is given."""

    def __init__(
        self, stored: StoredProgramme, data: Any = None, *, admin_site: Any, honorifics: list
    ) -> None:
        self.stored = stored
        self.data = data
        self.admin_site = admin_site
        self.honorifics = honorifics
        self.errors: list[str] = []  # about the whole page
        self._new_keys = 0
        self.people_listed = self._people_listed()
        self.person_widget = PersonSelect(admin_site, self.people_listed)
        self.person_widget.is_required = False
        self.sessions = self._session_rows()
        name_sessions(self.sessions)
        self.session_choices = [(row.key, self._session_label(row)) for row in self.sessions]
        self.items = self._item_rows()
        name_items(self.items)

    # Building the rows ---------------------------------------------------------------------

    def _keys(self, kind: str, stored: list[int]) -> list[str]:
        """The rows' keys in the page's order, once each; a stored row the page did not send is
        left as it is. Shown afresh: the stored rows, in their order."""
        if self.data is None:
            return [str(pk) for pk in stored]
        known = {str(pk) for pk in stored}
        keys: list[str] = []
        for key in self.data.getlist(kind):
            if (is_new(key) or key in known) and key not in keys:
                keys.append(key)
        return keys

    def _blank_key(self) -> str:
        self._new_keys += 1
        return f"new-{self._new_keys}"

    def _blank(self, row: Row) -> Row:
        row.used = False
        return row

    def _form(self, form_class: type, kind: str, key: str, instance: Any, **kwargs: Any) -> Any:
        form = form_class(
            self.data,
            instance=instance,
            prefix=f"{kind}-{key}",
            empty_permitted=is_new(key),
            **kwargs,
        )
        return form

    def _session_rows(self) -> list[Row]:
        meeting = self.stored.meeting
        keys = self._keys("session", list(self.stored.sessions))
        if self.data is None:
            keys.append(self._blank_key())
        rows = []
        for key in keys:
            instance = Session(meeting=meeting) if is_new(key) else self.stored.sessions[int(key)]
            form = self._form(SessionRowForm, "session", key, instance)
            rows.append(Row("session", key, form, used=self.data is not None or not is_new(key)))
        return rows

    def _session_label(self, row: Row) -> str:
        session = row.form.instance
        if row.is_new:
            return row.name
        label = f"{day_heading(session.date)}, {time_range(session.start_time, session.end_time)}"
        return f"{label} {session.name}".strip()

    def _item_rows(self) -> list[Row]:
        stored = self.stored
        items = []
        for key in self._keys("item", list(stored.items)):
            items.append(self._item_row(key))
        if self.data is None:
            items.append(self._blank(self._item_row(self._blank_key())))
        by_key = {row.key: row for row in items}
        segments: dict[str, Row] = {}
        for key in self._keys("segment", list(stored.segments)):
            if is_new(key):
                parent = by_key.get(self.data.get(f"segment-{key}-item", ""))
                instance = Segment()
            else:
                instance = stored.segments[int(key)]
                parent = by_key.get(str(instance.agenda_item_id))
            if parent is None:
                continue
            row = self._segment_row(key, instance, parent)
            segments[key] = row
        for key in self._keys("person", list(stored.appearances)):
            if is_new(key):
                item = by_key.get(self.data.get(f"person-{key}-item", ""))
                segment_key = self.data.get(f"person-{key}-segment", "")
                instance = Appearance()
            else:
                instance = stored.appearances[int(key)]
                item = by_key.get(str(instance.agenda_item_id))
                segment_key = str(instance.segment_id or "")
            container = segments.get(segment_key) if segment_key else item
            if container is None or (segment_key and container.parent is not item):
                continue
            self._person_row(key, instance, container)
        if self.data is None:
            for item in items:
                for segment in item.children:
                    self._blank(self._person_row(self._blank_key(), Appearance(), segment))
                segment = self._blank(self._segment_row(self._blank_key(), Segment(), item))
                self._blank(self._person_row(self._blank_key(), Appearance(), segment))
                self._blank(self._person_row(self._blank_key(), Appearance(), item))
        return items

    def _item_row(self, key: str) -> Row:
        if is_new(key):
            instance, initial = AgendaItem(meeting=self.stored.meeting), {}
        else:
            instance = self.stored.items[int(key)]
            initial = {"sessions": [str(pk) for pk in self.stored.item_sessions[instance.pk]]}
        form = self._form(
            ItemRowForm,
            "item",
            key,
            instance,
            initial=initial,
            session_choices=self.session_choices,
        )
        return Row("item", key, form)

    def _segment_row(self, key: str, instance: Segment, item: Row) -> Row:
        initial = {"session": str(instance.session_id)} if instance.session_id else {}
        form = self._form(
            SegmentRowForm,
            "segment",
            key,
            instance,
            initial=initial,
            session_choices=self.session_choices,
        )
        row = Row("segment", key, form, parent=item)
        item.children.append(row)
        return row

    def _person_row(self, key: str, instance: Appearance, container: Row) -> Row:
        form = self._form(
            AppearanceRowForm, "person", key, instance, person_widget=self.person_widget
        )
        person_form = NewPersonForm(
            self.data,
            prefix=f"person-{key}-new",
            empty_permitted=True,
            honorifics=self.honorifics,
            admin_site=self.admin_site,
        )
        row = Row("person", key, form, parent=container, person_form=person_form)
        container.people.append(row)
        return row

    def _people_listed(self) -> list[tuple[str, str]]:
        """The people of this programme, and any other the page chose: one query for all."""
        people = {a.person_id: a.person for a in self.stored.appearances.values()}
        self.people: dict[int, Person] = dict(people)
        if self.data is not None:
            posted = {
                int(value)
                for name, value in self.data.items()
                if name.startswith("person-")
                and name.endswith(("-person", "-namesake"))
                and value.isdigit()
            }
            if wanted := posted - set(people):
                self.people.update(
                    (person.pk, person)
                    for person in Person.objects.named().with_details().filter(pk__in=wanted)
                )
        return sorted(
            ((str(pk), person_label(person)) for pk, person in self.people.items()),
            key=lambda choice: _by_name(self.people[int(choice[0])]),
        )

    # Reading the page ---------------------------------------------------------------------

    def move(self, order: str) -> None:
        """Apply a "Move up"/"Move down" sent without JavaScript: "item:12:up"; nothing is saved,
        the page is shown again with the row moved."""
        kind, _sep, rest = order.partition(":")
        key, _sep, direction = rest.partition(":")
        row = next((r for r in self.all_rows() if (r.kind, r.key) == (kind, key)), None)
        if row is None or kind == "session":
            return
        if kind == "item":
            siblings = self.items
        elif kind == "segment":
            siblings = row.parent.children
        else:
            siblings = row.parent.people
        index = siblings.index(row)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
        name_items(self.items)

    def all_rows(self) -> list[Row]:
        rows = list(self.sessions)
        for item in self.items:
            rows.append(item)
            for segment in item.children:
                rows.append(segment)
                rows.extend(segment.people)
            rows.extend(item.people)
        return rows

    def row_errors(self) -> list[tuple[Row, str, str, str]]:
        """(row, field's id, field's label, message) for the summary at the top of the page."""
        found = []
        for row in self.all_rows():
            if not row.used or not row.form.is_bound:
                continue
            forms = [row.form] + ([row.person_form] if row.new_person_used else [])
            for form in forms:
                for name, messages in form.errors.items():
                    bound = form[name] if name in form.fields else next(iter(form))
                    label = form.fields[name].label if name in form.fields else ""
                    for message in messages:
                        found.append((row, bound.id_for_label, label, message))
        return found
