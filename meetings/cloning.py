"""Plan the next edition: copy a meeting into a draft of its next edition, and find what the copy's
texts still say about the old one (its ordinal, year, dates, General Assembly session).

The copy takes the series, organizer, place, time zone, sessions, agenda, segments, people and
objectives, with every date moved by one offset; documents are not copied. Apps above meetings
copy their own rows (participants: the registration window) from the `meeting_cloned` signal,
inside the same transaction.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.admin.models import ADDITION, LogEntry
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User

from .models import AgendaItem, Appearance, Meeting, MeetingStatus, Objective, Segment, Session
from .signals import meeting_cloned

_UNITS = (
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNIT_WORDS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
# "sixty-seventh": the General Assembly's sessions, as texts write them.
SESSION_ORDINAL = re.compile(rf"\b(?:{'|'.join(_TENS[2:])})-(?:{_UNIT_WORDS})\b", re.IGNORECASE)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def ordinal_word(number: int) -> str:
    """11 -> "eleventh", 67 -> "sixty-seventh" (1 to 99)."""
    if not 0 < number < 100:
        raise ValueError(f"No ordinal word for {number}.")
    if number < 20:
        return _UNITS[number]
    tens, unit = divmod(number, 10)
    if unit == 0:
        return _TENS[tens][:-1] + "ieth"  # "twenty" -> "twentieth"
    return f"{_TENS[tens]}-{_UNITS[unit]}"


def ordinal_figure(number: int) -> str:
    """11 -> "11th", 22 -> "22nd"."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def week_offset(old_start: datetime.date, new_start: datetime.date) -> datetime.timedelta:
    """The whole number of weeks closest to moving `old_start` to `new_start`, so every session
    keeps its weekday."""
    return datetime.timedelta(weeks=round((new_start - old_start).days / 7))


def next_edition(meeting: Meeting) -> int:
    """The edition after `meeting`'s, or the first one after it its series has not held yet."""
    edition = (meeting.edition or 0) + 1
    if meeting.series_id:
        taken = set(
            Meeting.objects.filter(series_id=meeting.series_id).values_list("edition", flat=True)
        )
        while edition in taken:
            edition += 1
    return edition


def next_start(meeting: Meeting) -> datetime.date:
    """The same weekday a year later: 52 weeks on."""
    return meeting.start_date + datetime.timedelta(weeks=52)


def _replace_edition(text: str, old: int, new: int) -> str:
    """ "Tenth Coordination Meeting" -> "Eleventh Coordination Meeting"; "10th" -> "11th"."""

    def word(match: re.Match[str]) -> str:
        found, replacement = match.group(0), ordinal_word(new)
        if found.isupper():
            return replacement.upper()
        return replacement.capitalize() if found[0].isupper() else replacement

    text = re.sub(rf"\b{ordinal_word(old)}\b", word, text, flags=re.IGNORECASE)
    return re.sub(rf"\b{ordinal_figure(old)}\b", ordinal_figure(new), text)


def _unique_slug(base: str) -> str:
    base = slugify(base)[:90] or "meeting"
    slug, n = base, 2
    while Meeting.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _moved(
    moment: datetime.datetime | None, meeting: Meeting, offset: datetime.timedelta
) -> datetime.datetime | None:
    """The same time of day at the venue, `offset` later (a summer time change keeps 9.00)."""
    if moment is None:
        return None
    local: datetime.datetime = moment.astimezone(meeting.zone)
    return (local.replace(tzinfo=None) + offset).replace(tzinfo=meeting.zone)


@transaction.atomic
def meeting_clone(
    *, meeting: Meeting, edition: int, start_date: datetime.date, by: User
) -> Meeting:
    """A draft of `meeting`'s next edition starting on the weekday of `meeting` nearest
    `start_date`, with its programme and objectives; recorded in the admin log by `by`."""
    offset = week_offset(meeting.start_date, start_date)
    old_edition = meeting.edition
    title, slug = meeting.title, meeting.slug
    if old_edition and 0 < old_edition < 100 and 0 < edition < 100:
        title = _replace_edition(title, old_edition, edition)
        slug = _replace_edition(slug, old_edition, edition)
    copy = Meeting.objects.create(
        series=meeting.series,
        edition=edition,
        title=title,
        slug=_unique_slug(slug),
        organizer=meeting.organizer,
        venue=meeting.venue,
        city=meeting.city,
        country=meeting.country,
        start_date=meeting.start_date + offset,
        end_date=meeting.end_date + offset,
        time_zone=meeting.time_zone,
        summary=meeting.summary,
        description=meeting.description,
        mandate=meeting.mandate,
        expected_outcome=meeting.expected_outcome,
        submissions_open=_moved(meeting.submissions_open, meeting, offset),
        submissions_close=_moved(meeting.submissions_close, meeting, offset),
        papers_per_organization=meeting.papers_per_organization,
        megabytes_per_organization=meeting.megabytes_per_organization,
        papers_unedited_note=meeting.papers_unedited_note,
        status=MeetingStatus.DRAFT,
    )
    Objective.objects.bulk_create(
        Objective(meeting=copy, order=objective.order, text=objective.text)
        for objective in meeting.objectives.all()
    )
    sessions = {}
    for session in meeting.sessions.all():
        sessions[session.pk] = Session.objects.create(
            meeting=copy,
            date=session.date + offset,
            start_time=session.start_time,
            end_time=session.end_time,
            name=session.name,
            room=session.room,
        )
    items = meeting.agenda_items.prefetch_related(
        "sessions", "segments", "appearances__person__organization"
    )
    for item in items:
        item_copy = AgendaItem.objects.create(
            meeting=copy, order=item.order, title=item.title, description=item.description
        )
        item_copy.sessions.set([sessions[session.pk] for session in item.sessions.all()])
        segments = {}
        for segment in item.segments.all():
            segments[segment.pk] = Segment.objects.create(
                agenda_item=item_copy,
                order=segment.order,
                title=segment.title,
                session=sessions.get(segment.session_id) if segment.session_id else None,
            )
        Appearance.objects.bulk_create(
            Appearance(
                agenda_item=item_copy,
                segment=segments.get(appearance.segment_id) if appearance.segment_id else None,
                person=appearance.person,
                role=appearance.role,
                affiliation=appearance.person.default_affiliation(),
                order=appearance.order,
            )
            for appearance in item.appearances.all()
        )
    moved = meeting_cloned.send(sender=Meeting, original=meeting, copy=copy, offset=offset, by=by)
    lines = [line for _receiver, answer in moved for line in (answer or [])]
    message = _("Planned from “%(title)s”, every date %(days)d days later.") % {
        "title": meeting.title,
        "days": offset.days,
    }
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[copy],
        action_flag=ADDITION,
        change_message=" ".join([message, *lines]),
    )
    return copy


@dataclass(frozen=True)
class Mention:
    """A phrase of a copied text that still names the old edition, in its sentence."""

    field: str  # "description", "objective 2", "agenda item III title"…
    phrase: str
    before: str
    after: str
    edit_url: str


def old_edition_patterns(meeting: Meeting) -> list[re.Pattern[str]]:
    """What names `meeting` in a text: its ordinal in words and figures, its year(s), its dates,
    and the General Assembly sessions its own texts name ("sixty-seventh")."""
    patterns = []
    if meeting.edition and 0 < meeting.edition < 100:
        patterns.append(re.compile(rf"\b{ordinal_word(meeting.edition)}\b", re.IGNORECASE))
        patterns.append(re.compile(rf"\b{ordinal_figure(meeting.edition)}\b", re.IGNORECASE))
    day = meeting.start_date
    dates = []
    while day <= meeting.end_date:
        dates.append(day)
        day += datetime.timedelta(days=1)
    for day in dates:
        month = MONTHS[day.month - 1]
        patterns.append(
            re.compile(rf"\b{day.day}(?:\s*[–-]\s*\d{{1,2}})?\s+{month}(?:\s+{day.year})?\b")
        )
    for year in sorted({meeting.start_date.year, meeting.end_date.year}):
        patterns.append(re.compile(rf"\b{year}\b"))
    sessions: set[str] = set()
    for text in texts_of(meeting):
        sessions.update(match.group(0).lower() for match in SESSION_ORDINAL.finditer(text[1]))
    patterns.extend(re.compile(rf"\b{word}\b", re.IGNORECASE) for word in sorted(sessions))
    return patterns


def texts_of(meeting: Meeting) -> list[tuple[str, str, str]]:
    """(field, text, admin URL name and pk) of every text a meeting shows, in page order."""
    from_meeting = [
        (_("title"), meeting.title),
        (_("summary"), meeting.summary),
        (_("description"), meeting.description),
        (_("mandate"), meeting.mandate),
        (_("expected outcome"), meeting.expected_outcome),
    ]
    texts = [(field, text, f"meeting:{meeting.pk}") for field, text in from_meeting]
    for number, objective in enumerate(meeting.objectives.all(), start=1):
        field = _("objective %(number)d") % {"number": number}
        texts.append((field, objective.text, f"meeting:{meeting.pk}"))
    for session in meeting.sessions.all():
        field = _("session “%(session)s” name") % {"session": session}
        texts.append((field, session.name, f"session:{session.pk}"))
    items = meeting.agenda_items.with_number().prefetch_related("segments")  # type: ignore[no-untyped-call]
    for item in items:
        numeral = item.numeral
        texts.append(
            (_("agenda item %(n)s title") % {"n": numeral}, item.title, f"agendaitem:{item.pk}")
        )
        texts.append(
            (
                _("agenda item %(n)s description") % {"n": numeral},
                item.description,
                f"agendaitem:{item.pk}",
            )
        )
        for number, segment in enumerate(item.segments.all(), start=1):
            field = _("agenda item %(n)s, segment %(number)d title") % {
                "n": numeral,
                "number": number,
            }
            texts.append((field, segment.title, f"segment:{segment.pk}"))
    return [text for text in texts if text[1]]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the sentence before and after text[start:end]."""
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            return text[begin:start], text[end : match.start()]
    return text[begin:start], text[end:]


def old_edition_mentions(
    *, copy: Meeting, original: Meeting, edit_url: Callable[[str, int], str]
) -> list[Mention]:
    """Every phrase of `copy`'s texts that still names `original`, in page order.

    `edit_url(kind, pk)` gives the admin page that edits a text ("meeting", "session",
    "agendaitem", "segment")."""
    patterns = old_edition_patterns(original)
    mentions = []
    for field, text, where in texts_of(copy):
        kind, pk = where.split(":")
        found = sorted(
            {(m.start(), m.end()) for pattern in patterns for m in pattern.finditer(text)},
            key=lambda span: (span[0], -span[1]),
        )
        last_end = -1
        for start, end in found:
            if start < last_end:
                continue  # inside a longer phrase already shown ("9 February 2012")
            last_end = end
            before, after = _sentence(text, start, end)
            mentions.append(Mention(field, text[start:end], before, after, edit_url(kind, int(pk))))
    return mentions
