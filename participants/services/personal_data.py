"""Personal data of participants: what a person's erasure and merge do to nominations, their
history, the mail about them and check-ins, and the purge of contact data once the retention
period has passed."""

import datetime
import re
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from meetings.models import Person
from meetings.services import (
    WITHHELD_MESSAGE,
    admin_log_of,
    admin_log_withhold,
    names_pattern,
    names_withheld,
)
from outbox.models import Message
from participants.history import nomination_history_purge, nominations_history_erase
from participants.models import (
    CheckIn,
    Nomination,
    NominationEvent,
    NominationEventKind,
    NominationStatus,
)
from participants.services.nominations import event_record

CONTACT_FIELDS = ("email", "phone", "requirements")


def _letters(nomination: Nomination) -> list[str]:
    """The stored names of the nomination's letter and of every letter it replaced."""
    return [name for name in [nomination.letter.name, *nomination.earlier_letters] if name]


def _contact_cleared(nomination: Nomination) -> None:
    """Blank the contact data and delete the letter and the letters it replaced (they name the
    person)."""
    nomination.email = nomination.phone = nomination.requirements = ""
    storage = nomination.letter.storage
    for name in _letters(nomination):
        # Once the erase or purge commits: a rollback must find every file still there.
        transaction.on_commit(partial(storage.delete, name), robust=True)
    nomination.earlier_letters = []
    nomination.letter = ""
    nomination.letter_name = ""


def _names(person: Person, nominations: Iterable[Nomination]) -> list[str]:
    """The person's names as their record and their nominations give them, with and without
    the honorific."""
    names = {person.full_name, person.display_name}
    for nomination in nominations:
        names |= {nomination.full_name, nomination.display_name}
    return sorted({" ".join(name.split()) for name in names} - {"", str(_("Name withheld"))})


def _naming(
    events: Iterable[NominationEvent], pattern: re.Pattern[str] | None, letters: list[str]
) -> list[NominationEvent]:
    """The history lines that name the person or a stored letter. A merge's always does."""
    return [
        event
        for event in events
        if event.kind == NominationEventKind.MERGED
        or (pattern is not None and pattern.search(event.message))
        or any(letter in event.message for letter in letters)
    ]


def _nominations_erase(
    nominations: list[Nomination],
    pattern: re.Pattern[str] | None,
    by: User | None,
    apply: bool,
) -> list[str]:
    if not nominations:
        return []
    with_letter = sum(1 for nomination in nominations if nomination.letter)
    earlier = sum(len(nomination.earlier_letters) for nomination in nominations)
    letters = [name for nomination in nominations for name in _letters(nomination)]
    decisions = [
        nomination
        for nomination in nominations
        if names_withheld(nomination.decision_message, pattern) != nomination.decision_message
    ]
    events = _naming(
        NominationEvent.objects.filter(nomination__in=nominations).order_by("pk"), pattern, letters
    )
    history = admin_log_of(Nomination, [nomination.pk for nomination in nominations])
    entries = history.count()
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
    counted = [
        (
            with_letter,
            ngettext(
                "%(count)d nomination letter deleted",
                "%(count)d nomination letters deleted",
                with_letter,
            ),
        ),
        (
            earlier,
            ngettext(
                "%(count)d earlier nomination letter deleted (replaced by a later one)",
                "%(count)d earlier nomination letters deleted (replaced by later ones)",
                earlier,
            ),
        ),
        (
            len(decisions),
            ngettext(
                "%(count)d decision message: the name replaced by “Name withheld”",
                "%(count)d decision messages: the name replaced by “Name withheld”",
                len(decisions),
            ),
        ),
        (
            len(events),
            ngettext(
                "%(count)d message of the nominations' history withheld (it named the person "
                "or a letter)",
                "%(count)d messages of the nominations' history withheld (they named the person "
                "or a letter)",
                len(events),
            ),
        ),
        (
            entries,
            ngettext(
                "%(count)d entry of the nominations' admin history: shown as “Name withheld”, "
                "its message withheld if it names anyone",
                "%(count)d entries of the nominations' admin history: shown as “Name withheld”, "
                "their messages withheld if they name anyone",
                entries,
            ),
        ),
    ]
    lines.extend(line % {"count": count} for count, line in counted if count)
    lines.extend(nominations_history_erase(nominations, pattern, apply=apply))
    if apply:
        NominationEvent.objects.filter(pk__in=[event.pk for event in events]).update(
            message=str(WITHHELD_MESSAGE)
        )
        admin_log_withhold(history)
        now = timezone.now()
        for nomination in nominations:
            _contact_cleared(nomination)
            nomination.honorific = None
            nomination.given_name = nomination.family_name = nomination.position = ""
            nomination.decision_message = names_withheld(nomination.decision_message, pattern)
            nomination.erased_at = now
            nomination.save()
            event_record(nomination, NominationEventKind.ERASED, by)
    return lines


def _outbox_erase(names: list[str], addresses: set[str], apply: bool) -> list[str]:
    """Copies of mail sent about the person (decisions, say): the name replaced, wherever it
    stands, by "Name withheld"; their own address taken out of the recipients."""
    pattern = names_pattern(names)
    wanted = Q()
    for name in names:
        wanted |= Q(subject__icontains=name) | Q(body__icontains=name)
    folded = {address.casefold() for address in addresses}
    for address in addresses:
        wanted |= Q(to__icontains=address)
    if not wanted:
        return []
    renamed, readdressed = [], []
    for message in Message.objects.filter(wanted).order_by("pk"):
        subject = names_withheld(message.subject, pattern)
        body = names_withheld(message.body, pattern)
        to = "\n".join(
            address for address in message.to.splitlines() if address.casefold() not in folded
        )
        if (subject, body) != (message.subject, message.body):
            renamed.append(message)
        if to != message.to:
            readdressed.append(message)
        message.subject, message.body, message.to = subject, body, to
    if apply:
        for message in {message.pk: message for message in renamed + readdressed}.values():
            message.save(update_fields=["subject", "body", "to"])
    counted = [
        (
            len(renamed),
            ngettext(
                "%(count)d e-mail message in the outbox: the name replaced by “Name withheld”",
                "%(count)d e-mail messages in the outbox: the name replaced by “Name withheld”",
                len(renamed),
            ),
        ),
        (
            len(readdressed),
            ngettext(
                "%(count)d e-mail message in the outbox: the person's address taken out of its "
                "recipients",
                "%(count)d e-mail messages in the outbox: the person's address taken out of "
                "their recipients",
                len(readdressed),
            ),
        ),
    ]
    return [line % {"count": count} for count, line in counted if count]


def _check_ins_kept(person: Person) -> list[str]:
    count = CheckIn.objects.filter(person=person).count()
    if not count:
        return []
    return [
        ngettext(
            "%(count)d check-in kept, as “Name withheld”",
            "%(count)d check-ins kept, as “Name withheld”",
            count,
        )
        % {"count": count}
    ]


def nominations_erase(*, person: Person, by: User | None, apply: bool) -> list[str]:
    """What erasing `person` does to what participants keeps about them, line by line: their
    nominations with their letters, history and admin log, the mail about them in the outbox,
    their check-ins (kept, under "Name withheld"); done when `apply`."""
    nominations = list(
        Nomination.objects.filter(person=person)
        .select_related("meeting", "honorific")
        .order_by("pk")
    )
    names = _names(person, nominations)
    addresses = {nomination.email for nomination in nominations if nomination.email}
    return [
        *_nominations_erase(nominations, names_pattern(names), by, apply),
        *_outbox_erase(names, addresses, apply),
        *_check_ins_kept(person),
    ]


def nominations_merge(*, kept: Person, merged: Person, by: User | None) -> list[str]:
    """The merged person's nominations and check-ins now belong to the kept one. A check-in for
    a day the kept person was checked in already is one check-in. Refused when both stand
    nominated for the same meeting: one of them must be withdrawn or declined first."""
    both = (  # one filter(): the merged person's nomination must itself be active, not another
        Nomination.objects.active()
        .filter(
            person=kept,
            meeting__nominations__person=merged,
            meeting__nominations__status__in=NominationStatus.active(),
        )
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
    contact data, a letter or a letter it replaced."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=retention_days())
    return (
        Nomination.objects.filter(meeting__end_date__lt=cutoff)
        .exclude(email="", phone="", requirements="", letter="", earlier_letters=[])
        .select_related("meeting")
    )


@transaction.atomic
def contact_data_purge(*, today: datetime.date | None = None, by: User | None = None) -> int:
    """Blank the e-mail, phone and requirements and delete the letters (and those they replaced)
    of nominations past the retention period; names stay, for the record of who attended.
    Returns how many."""
    count = 0
    for nomination in nominations_past_retention(today).select_for_update(of=("self",)):
        _contact_cleared(nomination)
        nomination.save()
        nomination_history_purge(nomination)
        event_record(nomination, NominationEventKind.PURGED, by)
        count += 1
    return count
