"""A History page's timeline: the change records of django-simple-history, field by field, with
the admin log's own lines, newest first (the records are read by meetings.history.records)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.admin.models import LogEntry
from django.db import models
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .records import EMPTY, LONGEST, Loaded, Source, cut, m2m_fields, tracked_fields

__all__ = ["MERGED_REASON", "Change", "Entry", "Source", "timeline"]

# A merged person's records, now the kept person's: history_change_reason says whose they were.
MERGED_REASON = "merged:#{pk}"


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    at: datetime.datetime
    user: object | None
    action: str
    subject: str = ""
    changes: list[Change] = field(default_factory=list)
    key: tuple = ()

    @property
    def by(self) -> str:
        if self.user is None:
            return _("nobody: a command or the demo's load")
        return str(self.user)


def _same_text(old, new) -> bool:
    """A browser sends a text's line ends as CR LF: the same text saved again has not changed."""
    return isinstance(old, str) and isinstance(new, str) and _lines(old) == _lines(new)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_change(label: str, old: str, new: str) -> Change:
    """Two long texts: the part that changed, with a little of what stands around it."""
    old, new = _lines(old), _lines(new)
    if len(old) <= LONGEST and len(new) <= LONGEST:
        return Change(label, old or EMPTY, new or EMPTY)
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    context = 40

    def part(text: str) -> str:
        first, last = max(0, start - context), len(text) - max(0, end - context)
        if first:  # from the start of a word
            first = text.rfind(" ", 0, first) + 1
        if last < len(text):  # to the end of one
            last = next_space if (next_space := text.find(" ", last)) != -1 else len(text)
        middle = text[first:last]
        return (("…" if first else "") + cut(middle) + ("…" if last < len(text) else "")) or EMPTY

    return Change(label, part(old), part(new))


def _changes(loaded: Loaded, source: Source, record, previous) -> list[Change]:
    history_model = source.records.model
    changes = []
    for model_field in tracked_fields(history_model):
        new = getattr(record, model_field.attname)
        if previous is None:
            if record.history_type != "+" or new in (None, "") or model_field.name in source.omit:
                continue
            old = None
        else:
            old = getattr(previous, model_field.attname)
            if old == new or _same_text(old, new):
                continue
        label = str(capfirst(model_field.verbose_name))
        if isinstance(model_field, models.TextField) and not model_field.choices:
            changes.append(_text_change(label, old or "", new or ""))
            continue
        changes.append(
            Change(label, loaded.shown(model_field, old), loaded.shown(model_field, new))
        )
    for m2m in m2m_fields(history_model):
        new_set = loaded.m2m[(history_model, record.history_id)].get(m2m.name, frozenset())
        old_set = (
            loaded.m2m[(history_model, previous.history_id)].get(m2m.name, frozenset())
            if previous is not None
            else frozenset()
        )
        if new_set != old_set:
            changes.append(
                Change(
                    str(capfirst(m2m.verbose_name)),
                    loaded.shown_many(m2m, old_set),
                    loaded.shown_many(m2m, new_set),
                )
            )
    return changes


def _action(record) -> str:
    reason = record.history_change_reason or ""
    if reason.startswith(MERGED_REASON.split("#")[0]):
        return _("Merged into this person (record %(pk)s)") % {"pk": reason.split(":", 1)[1]}
    return {"+": _("Added"), "~": _("Changed"), "-": _("Deleted")}[record.history_type]


def _record_entries(loaded: Loaded, source: Source, records: list) -> list[Entry]:
    entries = []
    previous = None
    for record in records:
        chain = (record.id, record.history_change_reason or "")
        if previous is not None and (previous.id, previous.history_change_reason or "") != chain:
            previous = None
        changes = _changes(loaded, source, record, previous)
        if record.history_type == "~" and previous is not None and not changes:
            previous = record
            continue  # saved with nothing staff can see changed (a time stamp, a key)
        entries.append(
            Entry(
                at=record.history_date,
                user=record.history_user,
                action=_action(record),
                subject=loaded.label(record) if source.subject else "",
                changes=changes,
                key=(record.history_date, 1, record.history_id),
            )
        )
        previous = record
    return entries


def _is_structured(entry: LogEntry) -> bool:
    """The admin's own "Changed Title and Status." line, which the change records say better."""
    return entry.change_message.startswith("[") or not entry.change_message


def timeline(sources: Iterable[Source], admin_log: QuerySet[LogEntry]) -> list[Entry]:
    """Every change of the sources and the admin log's lines, newest first.

    The admin's generic lines ("Changed Title.") are shown only from before the first change
    record of the object: from then on its records say what changed, field by field. The lines
    services write ("Published.", "Personal data erased: 3 changes.") are always shown.
    """
    loaded = Loaded(sources)
    entries: list[Entry] = []
    first_record: datetime.datetime | None = None
    for source, records in loaded.sources:
        entries.extend(_record_entries(loaded, source, records))
        if not source.subject and records:
            own_first = min(record.history_date for record in records)
            first_record = own_first if first_record is None else min(first_record, own_first)
    for entry in admin_log.select_related("user"):
        if _is_structured(entry) and first_record is not None and entry.action_time >= first_record:
            continue
        entries.append(
            Entry(
                at=entry.action_time,
                user=entry.user,
                action=entry.get_change_message() or entry.get_action_flag_display(),
                key=(entry.action_time, 0, entry.pk),
            )
        )
    entries.sort(key=lambda entry: entry.key, reverse=True)
    return entries
