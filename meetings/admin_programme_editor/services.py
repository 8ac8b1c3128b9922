"""Saving the editor's page: every row through its model's save() and delete(), in one
transaction, and one line in the meeting's history saying who changed what."""

import json
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User

from ..models import AgendaItem, Meeting, Person, Session

KINDS = ("session", "item", "segment", "person")


@dataclass
class Saved:
    """A row to save: added, or changed in `fields` (their labels)."""

    kind: str
    instance: models.Model
    added: bool
    fields: list[str] = field(default_factory=list)
    counted: bool = True  # False when only its order number is renumbered, nothing moved


@dataclass
class ProgrammeEdit:
    """Everything one save of the editor does, in the order it must be done."""

    new_people: list[Person] = field(default_factory=list)
    saved: list[Saved] = field(default_factory=list)  # sessions, items, segments, people
    item_sessions: list[tuple[AgendaItem, list[Session]]] = field(default_factory=list)
    removed: list[tuple[str, models.Model]] = field(default_factory=list)


@dataclass
class ProgrammeChanges:
    added: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        """ "2 sessions added, 1 agenda item changed"."""
        parts = []
        for counter, done in (
            (self.added, "added"),
            (self.changed, "changed"),
            (self.removed, "removed"),
        ):
            parts.extend(_count(kind, counter[kind], done) for kind in KINDS if counter[kind])
        return ", ".join(parts)


def _count(kind: str, count: int, done: str) -> str:
    nouns = {
        "session": ngettext("%(count)d session", "%(count)d sessions", count),
        "item": ngettext("%(count)d agenda item", "%(count)d agenda items", count),
        "segment": ngettext("%(count)d presentation", "%(count)d presentations", count),
        "person": ngettext(
            "%(count)d person in the programme", "%(count)d people in the programme", count
        ),
    }
    words = {"added": _("%(things)s added"), "changed": _("%(things)s changed")}
    words["removed"] = _("%(things)s removed")
    return words[done] % {"things": nouns[kind] % {"count": count}}


# How the history names each kind of row (Django's own structured change message).
LOG_NAMES = {
    "session": "session",
    "item": "agenda item",
    "segment": "presentation",
    "person": "person in the programme",
}


@transaction.atomic
def programme_save(*, meeting: Meeting, edit: ProgrammeEdit, by: User) -> ProgrammeChanges:
    """Save what the editor validated: new people first, then sessions, items and their
    sessions, presentations and people, each saved by its model; removals last.

    The meeting's history gets one entry listing what changed. A person in the programme is
    named there by role and item only; who it is goes in the history of their agenda item, as
    the item's own admin page records it, where erasing a person withholds their name."""
    changes = ProgrammeChanges()
    log: list[dict] = []
    item_logs: dict[AgendaItem, list[dict]] = {}
    for person in edit.new_people:
        person.save()
    if edit.new_people:
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=edit.new_people,
            action_flag=ADDITION,
            change_message=json.dumps([{"added": {}}]),
        )
    for saved in edit.saved:
        _refer_to_saved(saved.instance)
        saved.instance.save()
        if saved.added:
            changes.added[saved.kind] += 1
            _log(log, item_logs, "added", saved.kind, saved.instance)
        elif saved.counted:
            changes.changed[saved.kind] += 1
            _log(log, item_logs, "changed", saved.kind, saved.instance, saved.fields)
    for item, sessions in edit.item_sessions:
        item.sessions.set(sessions)
    for kind, instance in edit.removed:
        _log(log, item_logs, "deleted", kind, instance)
        instance.delete()
        changes.removed[kind] += 1
    if log:
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=[meeting],
            action_flag=CHANGE,
            change_message=json.dumps(log),
            single_object=True,
        )
    for item, messages in item_logs.items():
        if item.pk is not None and not any(r is item for _, r in edit.removed):
            LogEntry.objects.log_actions(
                user_id=by.pk, queryset=[item], action_flag=CHANGE, change_message=messages
            )
    return changes


def _log(
    log: list[dict],
    item_logs: dict[AgendaItem, list[dict]],
    action: str,
    kind: str,
    instance: models.Model,
    fields: list[str] | None = None,
) -> None:
    """One line of Django's structured change message ("Added session “…”.")."""
    entry: dict = {"name": LOG_NAMES[kind], "object": str(instance)}
    if action == "changed":
        entry["fields"] = fields or []
    if kind == "person":
        item = instance.agenda_item  # type: ignore[attr-defined]
        item_logs.setdefault(item, []).append({action: dict(entry)})
        entry["object"] = f"{instance.get_role_display()}, {item.title}"  # type: ignore[attr-defined]
    log.append({action: entry})


def _refer_to_saved(instance: models.Model) -> None:
    """Point the row's foreign keys at rows saved just before it (a new session, item,
    presentation or person), before its own save() reads them."""
    for model_field in instance._meta.concrete_fields:
        if not model_field.is_relation or getattr(instance, model_field.attname) is not None:
            continue
        related = model_field.get_cached_value(instance, None)
        if related is not None and related.pk is not None:
            setattr(instance, model_field.name, related)
