"""The check-in desk: a participant is marked present once per day of the meeting, by whom and
when, and a mistaken mark can be undone."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from config.dates import long_date
from config.security_log import security_log
from meetings.formatting import clock
from meetings.models import Appearance, Meeting, Person
from participants.models import CheckIn, Nomination


def is_participant(meeting: Meeting, person: Person) -> bool:
    """Whether `person` takes part in `meeting`, as meeting_roster() counts it: an accepted
    nomination or a place in its programme, and a name not erased."""
    if person.withheld_at is not None:
        return False
    return (
        Nomination.objects.for_meeting(meeting).accepted().filter(person=person).exists()
        or Appearance.objects.filter(agenda_item__meeting=meeting, person=person).exists()
    )


def _day_check(meeting: Meeting, day: datetime.date) -> None:
    if not meeting.start_date <= day <= meeting.end_date:
        raise ValidationError(
            _("%(day)s is not a day of %(meeting)s, which runs %(dates)s.")
            % {
                "day": long_date(day),
                "meeting": meeting.title,
                "dates": meeting.dates_display,
            },
            code="not_a_meeting_day",
        )
    if day > meeting.local_today():
        raise ValidationError(
            _(
                "%(day)s has not come yet at the venue: check people in on the day (or "
                "afterwards, from the sign-in sheets)."
            )
            % {"day": long_date(day)},
            code="day_to_come",
        )


def already_checked_in(check_in: CheckIn) -> ValidationError:
    """The refusal of a second check-in, saying when the first was made and by whom."""
    time = clock(check_in.at.astimezone(check_in.meeting.zone).time())
    if check_in.by is not None:
        message = _("%(name)s is already checked in for this day, at %(time)s by %(by)s.") % {
            "name": check_in.person.full_name,
            "time": time,
            "by": check_in.by,
        }
    else:
        message = _("%(name)s is already checked in for this day, at %(time)s.") % {
            "name": check_in.person.full_name,
            "time": time,
        }
    return ValidationError(message, code="already_checked_in")


def _existing(meeting: Meeting, person: Person, day: datetime.date) -> CheckIn | None:
    existing: CheckIn | None = (
        CheckIn.objects.for_day(meeting, day)
        .filter(person=person)
        .select_related("person", "by", "meeting")
        .first()
    )
    return existing


def check_in(*, meeting: Meeting, person: Person, day: datetime.date, by: User) -> CheckIn:
    """Mark `person` present at `meeting` on `day`, recording who marked them and when.

    Refused with a ValidationError when the person is not a participant of the meeting, when the
    day is not one of the meeting's, or when they are checked in for that day already.
    """
    _day_check(meeting, day)
    if not is_participant(meeting, person):
        raise ValidationError(
            _("%(name)s is not a participant of %(meeting)s.")
            % {"name": person.full_name, "meeting": meeting.title},
            code="not_a_participant",
        )
    existing = _existing(meeting, person, day)
    if existing is not None:
        raise already_checked_in(existing)
    try:
        with transaction.atomic():
            marked = CheckIn.objects.create(meeting=meeting, person=person, day=day, by=by)
    except IntegrityError as error:
        # Checked in at another desk a moment ago: the constraint holds, the message says so.
        existing = _existing(meeting, person, day)
        if existing is None:
            raise
        raise already_checked_in(existing) from error
    security_log.info(
        "check-in meeting=%s person=%s day=%s user=%s", meeting.pk, person.pk, day, by.email
    )
    return marked


@transaction.atomic
def check_in_undo(*, meeting: Meeting, person: Person, day: datetime.date, by: User) -> bool:
    """Take back a check-in marked by mistake; False when there was none to take back."""
    deleted, _rows = CheckIn.objects.for_day(meeting, day).filter(person=person).delete()
    if deleted:
        security_log.info(
            "check-in undone meeting=%s person=%s day=%s user=%s",
            meeting.pk,
            person.pk,
            day,
            by.email,
        )
    return bool(deleted)
