"""Writes on meetings that are more than a form save."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from config.security_log import security_log

from .models import Appearance, Meeting, MeetingStatus, Person
from .signals import person_erasing, person_merged


@transaction.atomic
def meetings_set_status(*, meetings: QuerySet[Meeting], status: MeetingStatus) -> int:
    """Publish meetings or return them to draft; returns how many changed."""
    return meetings.exclude(status=status).update(status=status, updated_at=timezone.now())


# Fields of the person kept by a merge that take the other person's value when they are blank.
MERGE_FILLS = ("honorific", "given_name", "position", "organization", "country", "photo", "bio")


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
    moved = Appearance.objects.filter(person=merged).update(person=kept)
    lines = [
        ngettext(
            "%(count)d appearance in a programme", "%(count)d appearances in programmes", moved
        )
        % {"count": moved}
    ]
    for _receiver, response in person_merged.send(sender=Person, kept=kept, merged=merged, by=by):
        lines.extend(response or [])
    if filled:
        lines.append(_("filled from the merged record: %(fields)s") % {"fields": ", ".join(filled)})
    merged_label = f"{merged.full_name} (#{merged.pk})"
    merged.delete()
    message = _("Merged %(merged)s into this person: %(moved)s.") % {
        "merged": merged_label,
        "moved": "; ".join(lines),
    }
    _admin_log(person=kept, by=by, message=message)
    security_log.info(
        "person merged kept=%s merged=%s user=%s", kept.pk, merged_label, by.email if by else "-"
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
    _admin_log(person=person, by=by, message=_("Personal data erased: %s") % "; ".join(lines))
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
    for _receiver, response in person_erasing.send(
        sender=Person, person=person, by=by, apply=apply
    ):
        lines.extend(response or [])
    if apply:
        if person.photo:
            person.photo.delete(save=False)
        person.honorific = None
        person.given_name = ""
        person.family_name = ""
        person.bio = ""
        person.slug = f"withheld-{person.pk}"
        person.withheld_at = timezone.now()
        person.save()
    return lines
