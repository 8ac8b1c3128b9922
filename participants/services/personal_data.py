"""Personal data of participants: what a person's erasure and merge do to nominations and
check-ins, and the purge of contact data once the retention period has passed."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from meetings.models import Person
from participants.models import CheckIn, Nomination, NominationEventKind, NominationStatus
from participants.services.nominations import event_record

CONTACT_FIELDS = ("email", "phone", "requirements")


def _contact_cleared(nomination: Nomination) -> None:
    """Blank the contact data and delete the letter (it names the person)."""
    nomination.email = nomination.phone = nomination.requirements = ""
    if nomination.letter:
        nomination.letter.delete(save=False)
    nomination.letter_name = ""


def nominations_erase(*, person: Person, by: User | None, apply: bool) -> list[str]:
    """What erasing `person` does to their nominations; done when `apply`."""
    nominations = list(Nomination.objects.filter(person=person).select_related("meeting"))
    if not nominations:
        return []
    with_letter = sum(1 for nomination in nominations if nomination.letter)
    lines = [
        ngettext(
            "%(count)d nomination: name, e-mail, phone and requirements removed (%(meetings)s)",
            "%(count)d nominations: names, e-mail, phone and requirements removed (%(meetings)s)",
            len(nominations),
        )
        % {
            "count": len(nominations),
            "meetings": ", ".join(sorted({n.meeting.title for n in nominations})),
        }
    ]
    if with_letter:
        lines.append(
            ngettext(
                "%(count)d nomination letter deleted",
                "%(count)d nomination letters deleted",
                with_letter,
            )
            % {"count": with_letter}
        )
    if apply:
        now = timezone.now()
        for nomination in nominations:
            _contact_cleared(nomination)
            nomination.honorific = None
            nomination.given_name = nomination.family_name = nomination.position = ""
            nomination.erased_at = now
            nomination.save()
            event_record(nomination, NominationEventKind.ERASED, by)
    return lines


def nominations_merge(*, kept: Person, merged: Person, by: User | None) -> list[str]:
    """The merged person's nominations and check-ins now belong to the kept one. A check-in for
    a day the kept person was checked in already is one check-in. Refused when both stand
    nominated for the same meeting: one of them must be withdrawn or declined first."""
    both = (
        Nomination.objects.active()
        .filter(person=kept, meeting__nominations__person=merged)
        .filter(meeting__nominations__status__in=NominationStatus.active())
        .select_related("meeting")
        .first()
    )
    if both is not None:
        raise ValidationError(
            _(
                "Both people are nominated for %(meeting)s: withdraw or decline one of the two "
                "nominations first."
            )
            % {"meeting": both.meeting.title},
            code="both_nominated",
        )
    moving = list(Nomination.objects.filter(person=merged))
    moved = Nomination.objects.filter(person=merged).update(person=kept)
    for nomination in moving:
        event_record(
            nomination,
            NominationEventKind.MERGED,
            by,
            _("Merged %(merged)s (#%(pk)s) into %(kept)s (#%(kept_pk)s).")
            % {
                "merged": merged.full_name,
                "pk": merged.pk,
                "kept": kept.full_name,
                "kept_pk": kept.pk,
            },
        )
    days = set(CheckIn.objects.filter(person=kept).values_list("meeting_id", "day"))
    twice = [
        check_in.pk
        for check_in in CheckIn.objects.filter(person=merged)
        if (check_in.meeting_id, check_in.day) in days
    ]
    CheckIn.objects.filter(pk__in=twice).delete()
    checked = CheckIn.objects.filter(person=merged).update(person=kept)
    lines = []
    if moved:
        lines.append(
            ngettext("%(count)d nomination", "%(count)d nominations", moved) % {"count": moved}
        )
    if checked or twice:
        lines.append(
            ngettext("%(count)d check-in", "%(count)d check-ins", checked + len(twice))
            % {"count": checked + len(twice)}
        )
    return lines


def retention_days() -> int:
    return int(getattr(settings, "PARTICIPANTS_RETENTION_DAYS", 730))


def nominations_past_retention(today: datetime.date | None = None) -> QuerySet[Nomination]:
    """Nominations of meetings that ended more than the retention period ago and still hold
    contact data or a letter."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=retention_days())
    return (
        Nomination.objects.filter(meeting__end_date__lt=cutoff)
        .exclude(email="", phone="", requirements="", letter="")
        .select_related("meeting")
    )


@transaction.atomic
def contact_data_purge(*, today: datetime.date | None = None, by: User | None = None) -> int:
    """Blank the e-mail, phone and requirements and delete the letters of nominations past the
    retention period; names stay, for the record of who attended. Returns how many."""
    count = 0
    for nomination in nominations_past_retention(today).select_for_update(of=("self",)):
        _contact_cleared(nomination)
        nomination.save()
        event_record(nomination, NominationEventKind.PURGED, by)
        count += 1
    return count
