"""Validating the editor's page as a whole: which rows added in the page are used, what each row
refers to, the models' own rules through each row's ModelForm, the rules between rows, and what
the staff member may do; then what saving it does (services.ProgrammeEdit)."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..admin_person_search import person_label
from ..models import Person
from .rows import Row
from .services import ProgrammeEdit, Saved

MODELS = {"session": "session", "item": "agendaitem", "segment": "segment", "person": "appearance"}
NOT_ALLOWED = {
    "add": gettext_lazy("Your account may not add %(things)s."),
    "change": gettext_lazy("Your account may not change %(things)s."),
    "delete": gettext_lazy("Your account may not remove %(things)s."),
}


class ValidationMixin:
    sessions: list[Row]
    items: list[Row]
    errors: list[str]
    people: dict[int, Person]

    def all_rows(self) -> list[Row]:
        raise NotImplementedError

    def mark_used(self) -> None:
        """A row added in the page counts once something is typed in it or in a row under it;
        a new session once typed in or chosen by a row that counts."""
        chosen: set[str] = set()
        for item in self.items:
            for segment in item.children:
                for person in segment.people:
                    person.used = _person_filled(person)
                segment.used = not segment.is_new or segment.form.has_changed()
                segment.used = segment.used or any(p.used for p in segment.people)
            for person in item.people:
                person.used = _person_filled(person)
            item.used = not item.is_new or item.form.has_changed()
            item.used = item.used or any(r.used for r in item.children + item.people)
            for row in (item, *item.children):
                if row.used and not row.removed:
                    chosen.update(_posted(row, "sessions" if row is item else "session"))
        for session in self.sessions:
            session.used = not session.is_new or session.form.has_changed()
            session.used = session.used or session.key in chosen
        for row in self.all_rows():
            if row.is_new and row.removed:
                row.used = False

    def is_valid(self, user: Any) -> bool:
        self.mark_used()
        rows = [row for row in self.all_rows() if row.used and not row.removed]
        for row in rows:
            if row.is_new:
                row.form.empty_permitted = False
            row.form.resolve = getattr(self, f"_resolve_{row.kind}")
            row.form.row = row
        valid = True
        for row in rows:  # sessions, then each item before its rows
            valid = row.form.is_valid() and valid
            if row.new_person_used:
                valid = not row.person_form.errors and valid
        self._check_segment_sessions(rows)
        self._check_permissions(rows, user)
        return valid and not self.errors and all(not row.form.errors for row in rows)

    def _session_row(self, key: str) -> Row | None:
        return next((row for row in self.sessions if row.key == key), None)

    def _resolve_session(self, form: Any) -> None:
        pass

    def _resolve_item(self, form: Any) -> None:
        pass

    def _resolve_segment(self, form: Any) -> None:
        row = form.row
        form.instance.agenda_item = row.parent.form.instance
        key = form.cleaned_data.get("session") or ""
        session = self._session_row(key) if key else None
        if session is not None and session.removed:
            form.add_error("session", _("This session is being removed: choose another one."))
        form.instance.session = session.form.instance if session is not None else None

    def _resolve_person(self, form: Any) -> None:
        row = form.row
        form.instance.agenda_item = row.item.form.instance
        form.instance.segment = row.segment.form.instance if row.segment is not None else None
        chosen = form.cleaned_data.get("namesake") or form.cleaned_data.get("person") or ""
        new = row.person_form
        if chosen:
            person = self.people.get(int(chosen)) if chosen.isdigit() else None
            if person is None:
                form.add_error("person", _("Choose a person from the list."))
            elif new.is_filled and not form.cleaned_data.get("namesake"):
                form.add_error(
                    "person", _("Choose a person or type the names of a new one, not both.")
                )
            else:
                form.instance.person = person
            return
        if not new.is_filled:
            form.add_error("person", _("Choose a person, or type the names of a new person below."))
            return
        row.new_person_used = True
        if new.is_valid():
            form.instance.person = new.instance
            return
        if any(error.code == "namesake" for error in new.errors.as_data().get("__all__", [])):
            namesakes = Person.objects.same_name_as(
                new.data.get(new.add_prefix("given_name"), ""),
                new.data.get(new.add_prefix("family_name"), ""),
            ).with_details()[:5]
            self.people.update((person.pk, person) for person in namesakes)
            form.fields["namesake"].widget.choices = [
                (str(person.pk), person_label(person)) for person in namesakes
            ]

    def _check_segment_sessions(self, rows: list[Row]) -> None:
        for row in rows:
            if row.kind != "segment" or not row.form.is_valid():
                continue
            key = row.form.cleaned_data.get("session")
            item = row.parent.form
            if key and item.is_valid() and key not in item.cleaned_data["sessions"]:
                row.form.add_error(
                    "session",
                    _("Tick this session among the sessions of the item, or choose one of them."),
                )

    def _check_permissions(self, rows: list[Row], user: Any) -> None:
        things = {
            "session": _("sessions"),
            "item": _("agenda items"),
            "segment": _("presentations"),
            "person": _("people in the programme"),
        }
        needed: set[tuple[str, str]] = set()
        for row in rows:
            if row.is_new:
                needed.add(("add", row.kind))
            elif row.form.has_changed():
                needed.add(("change", row.kind))
            if row.person_form is not None and row.person_form.is_filled:
                needed.add(("add", "newperson"))
        for row in self.all_rows():
            if row.removed and not row.is_new and not (row.parent and row.parent.removed):
                needed.add(("delete", row.kind))
        for action, kind in sorted(needed):
            if kind == "newperson":
                if not user.has_perm("meetings.add_person"):
                    self.errors.append(NOT_ALLOWED["add"] % {"things": _("people")})
            elif not user.has_perm(f"meetings.{action}_{MODELS[kind]}"):
                self.errors.append(NOT_ALLOWED[action] % {"things": things[kind]})

    def edit(self) -> ProgrammeEdit:
        """What saving the page does; call once is_valid() said yes."""
        edit = ProgrammeEdit()
        self._orders: dict[Row, tuple[int, bool]] = {}
        for container in self._containers():
            self._orders.update(_orders(container))
        for row in self.all_rows():
            if row.removed:
                if not row.is_new and not (row.parent and row.parent.removed):
                    edit.removed.append((row.kind, row.form.instance))
                continue
            if row.used:
                self._plan(row, edit)
        order = {"person": 0, "segment": 1, "item": 2, "session": 3}
        edit.removed.sort(key=lambda removed: order[removed[0]])
        return edit

    def _containers(self) -> list[list[Row]]:
        containers = [self.items]
        for item in self.items:
            containers.append(item.children)
            containers.append(item.people)
            containers.extend(segment.people for segment in item.children)
        return containers

    def _plan(self, row: Row, edit: ProgrammeEdit) -> None:
        instance = row.form.instance
        fields = [str(row.form.fields[name].label) for name in row.form.changed_data]
        renumbered = False
        if row.kind != "session":
            position, moved = self._orders[row]
            renumbered = instance.order != position
            instance.order = position
            if moved:
                fields.append(str(_("Order")))
        if row.new_person_used:
            edit.new_people.append(instance.person)
        if row.is_new or fields or renumbered:
            edit.saved.append(
                Saved(row.kind, instance, added=row.is_new, fields=fields, counted=bool(fields))
            )
        if row.kind == "item" and (row.is_new or "sessions" in row.form.changed_data):
            keys = row.form.cleaned_data["sessions"]
            sessions = [self._session_row(key) for key in keys]
            edit.item_sessions.append(
                (instance, [s.form.instance for s in sessions if s is not None and not s.removed])
            )


def _orders(rows: list[Row]) -> dict[Row, tuple[int, bool]]:
    """Each row's order number and whether it moved. Stored rows keep their numbers while the
    page kept their order and only added rows after them; otherwise the rows are numbered 1, 2…"""
    live = [row for row in rows if row.used and not row.removed]
    stored = [row for row in live if not row.is_new]
    ranked = sorted(stored, key=lambda row: (row.form.instance.order, row.form.instance.pk))
    first_new = next((i for i, row in enumerate(live) if row.is_new), len(live))
    if stored == ranked and all(row.is_new for row in live[first_new:]):
        last = max((row.form.instance.order for row in stored), default=0)
        orders = {row: (row.form.instance.order, False) for row in stored}
        for offset, row in enumerate(live[first_new:], start=1):
            orders[row] = (last + offset, False)
        return orders
    return {
        row: (position, not row.is_new and ranked.index(row) != stored.index(row))
        for position, row in enumerate(live, start=1)
    }


def _posted(row: Row, name: str) -> list[str]:
    return row.form.data.getlist(row.form.add_prefix(name)) if row.form.is_bound else []


def _person_filled(row: Row) -> bool:
    if row.removed:
        return False
    return (
        not row.is_new
        or row.form.has_changed()
        or bool(row.person_form is not None and row.person_form.is_filled)
    )
