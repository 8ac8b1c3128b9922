"""Writes on meetings that are more than a form save."""

import json
import re
from collections.abc import Iterable
from functools import partial

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from config.security_log import security_log

from .freshness import touch_meetings
from .models import AgendaItem, Appearance, Meeting, MeetingStatus, Person, Segment
from .signals import person_erasing, person_merged
from .versions.services import versions_merge_person, versions_withhold_person


@transaction.atomic
def meetings_set_status(*, meetings: QuerySet[Meeting], status: MeetingStatus) -> int:
    """Publish meetings or return them to draft; returns how many changed. Each is saved, so
    that its history records the change."""
    changing = list(meetings.exclude(status=status))
    for meeting in changing:
        meeting.status = status
        meeting.save(update_fields=["status", "updated_at"])
    return len(changing)


# Fields of the person kept by a merge that take the other person's value when they are blank.
MERGE_FILLS = ("honorific", "given_name", "position", "organization", "country", "photo", "bio")


# What a message that named an erased person reads instead: the admin log's, a nomination's history.
WITHHELD_MESSAGE = gettext_lazy("Withheld when the personal data were erased.")


def admin_log_of(model: type[models.Model], pks: list[int]) -> QuerySet[LogEntry]:
    """The admin log's entries about these rows of `model` (its history pages)."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    )


def _names_nobody(change_message: str) -> bool:
    """Django's own structured message ("Changed Given name and Bio.") names fields only,
    unless it names an inline object it added, changed or deleted; any other text may name
    anyone."""
    if not change_message:
        return True
    if not change_message.startswith("["):
        return False
    try:
        entries = json.loads(change_message)
    except json.JSONDecodeError:
        return False
    return isinstance(entries, list) and all(
        isinstance(entry, dict)
        and all(isinstance(detail, dict) and "object" not in detail for detail in entry.values())
        for entry in entries
    )


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """The names as words (not "Li" in "delivered"), in any case, however they are spaced;
    the longest first, so "Mr. Paulo Saad" goes as a whole."""
    spelt = {" ".join(name.split()) for name in names} - {"", str(_("Name withheld"))}
    if not spelt:
        return None
    alternatives = "|".join(
        r"\s+".join(map(re.escape, name.split()))
        for name in sorted(spelt, key=lambda name: (-len(name), name))
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def names_withheld(text: str, pattern: re.Pattern[str] | None) -> str:
    """`text` with each of the names `pattern` finds reading "Name withheld"."""
    return pattern.sub(str(_("Name withheld")), text) if pattern else text


def _objects_withheld(change_message: str, pattern: re.Pattern[str] | None) -> str:
    """An entry's message with the names withheld; in Django's structured message, in the
    inline objects it names ("Added appearance “Amina Diallo (Speaker)”.")."""
    try:
        entries = json.loads(change_message) if change_message.startswith("[") else None
    except json.JSONDecodeError:
        entries = None
    if not isinstance(entries, list):
        return names_withheld(change_message, pattern)
    changed = False
    for entry in entries:
        for detail in entry.values() if isinstance(entry, dict) else ():
            if isinstance(detail, dict) and isinstance(detail.get("object"), str):
                withheld = names_withheld(detail["object"], pattern)
                changed |= withheld != detail["object"]
                detail["object"] = withheld
    return json.dumps(entries) if changed else change_message


def _programme_log_naming(person: Person) -> list[LogEntry]:
    """Entries of the admin log about the agenda items and segments the person appears in
    that name them, as an appearance added, changed or deleted on their pages, with the
    names withheld (not saved)."""
    pattern = names_pattern([person.full_name, person.display_name])
    appearances = Appearance.objects.filter(person=person)
    items = set(appearances.values_list("agenda_item_id", flat=True))
    segments = set(appearances.exclude(segment=None).values_list("segment_id", flat=True))
    entries = admin_log_of(AgendaItem, sorted(items)) | admin_log_of(Segment, sorted(segments))
    naming = []
    for entry in entries.order_by("pk"):
        withheld = _objects_withheld(entry.change_message, pattern)
        if withheld != entry.change_message:
            entry.change_message = withheld
            naming.append(entry)
    return naming


def admin_log_withhold(entries: QuerySet[LogEntry]) -> int:
    """Entries of the admin log about an erased person's rows: each now reads "Name withheld",
    and a message that may name someone reads WITHHELD_MESSAGE. Returns how many entries."""
    naming = [entry.pk for entry in entries if not _names_nobody(entry.change_message)]
    entries.filter(pk__in=naming).update(change_message=str(WITHHELD_MESSAGE))
    return entries.update(object_repr=_("Name withheld"))


def _admin_log(*, person: Person, by: User | None, message: str) -> None:
    if by is not None and by.pk is not None:
        LogEntry.objects.log_actions(
            user_id=by.pk, queryset=[person], action_flag=CHANGE, change_message=message
        )


@transaction.atomic
def person_merge(*, kept: Person, merged: Person, by: User | None) -> list[str]:
    """Make `merged` one with `kept`: its appearances, and every other app's rows, move to `kept`,
    blank fields of `kept` take its values, then it is deleted. Returns what moved.

    A row that nobody moved still points at `merged` and protects it: the delete fails and the
    whole merge is undone, so nothing is ever lost.
    """
    if kept.pk == merged.pk:
        raise ValidationError(_("Choose two different people to merge."), code="same_person")
    locked = {
        person.pk: person
        for person in Person.objects.select_for_update().filter(pk__in=[kept.pk, merged.pk])
    }
    if len(locked) != 2:
        raise ValidationError(_("One of these people no longer exists."), code="gone")
    kept, merged = locked[kept.pk], locked[merged.pk]
    if kept.withheld_at or merged.withheld_at:
        raise ValidationError(
            _("A person whose personal data was erased cannot be merged."), code="withheld"
        )
    filled = []
    for name in MERGE_FILLS:
        field = Person._meta.get_field(name)
        if not getattr(kept, field.attname) and getattr(merged, field.attname):
            setattr(kept, field.attname, getattr(merged, field.attname))
            filled.append(str(field.verbose_name))
    kept.save()
    touch_meetings(Meeting.objects.filter(agenda_items__appearances__person=merged))
    moved = Appearance.objects.filter(person=merged).update(person=kept)
    lines = [
        ngettext(
            "%(count)d appearance in a programme", "%(count)d appearances in programmes", moved
        )
        % {"count": moved}
    ]
    versions = versions_merge_person(kept=kept, merged=merged)
    if versions:
        lines.append(
            ngettext(
                "%(count)d released programme version",
                "%(count)d released programme versions",
                versions,
            )
            % {"count": versions}
        )
    for _receiver, response in person_merged.send(sender=Person, kept=kept, merged=merged, by=by):
        lines.extend(response or [])
    # The merged record's history is now the kept one's, so an erasure of it finds every entry.
    history = admin_log_of(Person, [merged.pk]).update(object_id=str(kept.pk))
    if history:
        lines.append(
            ngettext(
                "%(count)d entry of the admin history",
                "%(count)d entries of the admin history",
                history,
            )
            % {"count": history}
        )
    if filled:
        lines.append(_("filled from the merged record: %(fields)s") % {"fields": ", ".join(filled)})
    merged_label, merged_pk = f"{merged.full_name} (#{merged.pk})", merged.pk
    merged.delete()
    message = _("Merged %(merged)s into this person: %(moved)s.") % {
        "merged": merged_label,
        "moved": "; ".join(lines),
    }
    _admin_log(person=kept, by=by, message=message)
    security_log.info(  # by number only: an erasure cannot reach a log file
        "person merged kept=%s merged=%s user=%s", kept.pk, merged_pk, by.email if by else "-"
    )
    return lines


def person_erase_changes(*, person: Person, by: User | None = None) -> list[str]:
    """What erasing the person's personal data would change, line by line, changing nothing."""
    return _erase(person=person, by=by, apply=False)


@transaction.atomic
def person_erase(*, person: Person, by: User | None) -> list[str]:
    """Remove the person's name and contact data from every list; returns what was changed.

    The person's row stays, so past programmes keep the appearance with the affiliation as shown;
    the name reads "Name withheld" and the person has no public page.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.withheld_at:
        raise ValidationError(
            _("This person's personal data was erased already."), code="already_erased"
        )
    lines = _erase(person=person, by=by, apply=True)
    # Named by nobody: the lines name the person, the log entry outlives the erasure.
    _admin_log(
        person=person,
        by=by,
        message=ngettext(
            "Personal data erased: %(count)d change.",
            "Personal data erased: %(count)d changes.",
            len(lines),
        )
        % {"count": len(lines)},
    )
    security_log.info("person erased person=%s user=%s", person.pk, by.email if by else "-")
    return lines


def _erase(*, person: Person, by: User | None, apply: bool) -> list[str]:
    lines = [_("Name “%(name)s” → “Name withheld”") % {"name": person.full_name}]
    if person.photo:
        lines.append(_("Photo deleted"))
    if person.bio:
        lines.append(_("Short bio deleted"))
    appearances = person.appearances.count()
    if appearances:
        lines.append(
            ngettext(
                "%(count)d appearance in a programme kept with its affiliation, as “Name withheld”",
                "%(count)d appearances in programmes kept with their affiliations, as "
                "“Name withheld”",
                appearances,
            )
            % {"count": appearances}
        )
    versions = versions_withhold_person(person=person, apply=apply)
    if versions:
        lines.append(
            ngettext(
                "%(count)d released version of a programme: the name replaced by “Name withheld”",
                "%(count)d released versions of programmes: the name replaced by “Name withheld”",
                versions,
            )
            % {"count": versions}
        )
    history = admin_log_of(Person, [person.pk])
    entries = history.count()
    if entries:
        lines.append(
            ngettext(
                "%(count)d entry of the person's admin history: shown as “Name withheld”, "
                "its message withheld if it names anyone",
                "%(count)d entries of the person's admin history: shown as “Name withheld”, "
                "their messages withheld if they name anyone",
                entries,
            )
            % {"count": entries}
        )
    programme_log = _programme_log_naming(person)
    if programme_log:
        lines.append(
            ngettext(
                "%(count)d entry of the programme's admin history: the name replaced by "
                "“Name withheld”",
                "%(count)d entries of the programme's admin history: the name replaced by "
                "“Name withheld”",
                len(programme_log),
            )
            % {"count": len(programme_log)}
        )
    for _receiver, response in person_erasing.send(
        sender=Person, person=person, by=by, apply=apply
    ):
        lines.extend(response or [])
    if apply:
        admin_log_withhold(history)
        for entry in programme_log:
            entry.save(update_fields=["change_message"])
        if person.photo:
            # Once the erase commits: a rollback must find the photo still there.
            transaction.on_commit(
                partial(person.photo.storage.delete, person.photo.name), robust=True
            )
            person.photo = ""
        person.honorific = None
        person.given_name = ""
        person.family_name = ""
        person.bio = ""
        person.slug = f"withheld-{person.pk}"
        person.withheld_at = timezone.now()
        person.save()
    return lines
