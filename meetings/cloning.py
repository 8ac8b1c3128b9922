"""Plan the next edition: copy a meeting into a draft of its next edition, and find what the copy's
texts still say about the old one (its ordinal, year, dates, General Assembly session).

The copy takes the series, organizer, place, time zone, sessions, agenda, segments, people and
objectives, with every date moved by one offset; documents are not copied unless the staff
member asks. Apps above meetings copy their own rows (participants: the registration window;
papers: the documents, when asked) from the `meeting_cloned` signal, inside the same
transaction.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.contrib.admin.models import ADDITION, LogEntry
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from config.content_languages import DEFAULT, codes, column

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
    """A year after the series' latest meeting (52 weeks, so the weekday stays), or after
    `meeting` when it has no series or is the latest."""
    latest = meeting.start_date
    if meeting.series_id:
        dates = Meeting.objects.filter(series_id=meeting.series_id).values_list(
            "start_date", flat=True
        )
        latest = max([latest, *dates])
    return latest + datetime.timedelta(weeks=52)


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
    *,
    meeting: Meeting,
    edition: int,
    start_date: datetime.date,
    by: User,
    options: dict[str, object] | None = None,
) -> Meeting:
    """A draft of `meeting`'s next edition starting on the weekday of `meeting` nearest
    `start_date`, with its programme and objectives; recorded in the admin log by `by`.

    `options` is what the staff member chose ({"copy_documents": True} to copy the documents
    too), passed to the apps that copy their own rows (meetings.signals.meeting_cloned)."""
    # Texts read and written in English, whatever language the staff member works in: the
    # copy's original columns hold English, as every row's do (config/content_languages.py).
    with translation.override(DEFAULT):
        copy = _copy(meeting, edition, start_date)
    moved = meeting_cloned.send(
        sender=Meeting,
        original=meeting,
        copy=copy,
        offset=copy.start_date - meeting.start_date,
        by=by,
        options=options or {},
    )
    lines = [line for _receiver, answer in moved for line in (answer or [])]
    message = _("Planned from “%(title)s”, every date %(days)d days later.") % {
        "title": meeting.title,
        "days": (copy.start_date - meeting.start_date).days,
    }
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[copy],
        action_flag=ADDITION,
        change_message=" ".join([message, *lines]),
    )
    copy.clone_lines = lines  # type: ignore[attr-defined]  # what other apps copied, for the page
    return copy


# Texts that name no edition, copied in every language; the others (the meeting's title, summary,
# description, mandate, outcome, objectives, agenda item descriptions) are copied in English only,
# where the review page finds what still names the old edition, and read in English, marked, until
# staff translate the new edition's texts (the translation status page lists them).
_KEPT_IN_EVERY_LANGUAGE = {
    Meeting: ("venue", "city"),
    Session: ("name",),
    AgendaItem: ("title",),
    Segment: ("title",),
}


def _translations(obj: Meeting | Session | AgendaItem | Segment) -> dict[str, str | None]:
    """obj's texts that name no edition, in each language but English (which the copy is
    given as its fields)."""
    return {
        column(field, code): getattr(obj, column(field, code))
        for field in _KEPT_IN_EVERY_LANGUAGE[type(obj)]
        for code in codes()
        if code != DEFAULT
    }


def _copy(meeting: Meeting, edition: int, start_date: datetime.date) -> Meeting:
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
        **_translations(meeting),
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
            **_translations(session),
        )
    items = meeting.agenda_items.prefetch_related(
        "sessions", "segments", "appearances__person__organization"
    )
    for item in items:
        item_copy = AgendaItem.objects.create(
            meeting=copy,
            order=item.order,
            title=item.title,
            description=item.description,
            **_translations(item),
        )
        item_copy.sessions.set([sessions[session.pk] for session in item.sessions.all()])
        segments = {}
        for segment in item.segments.all():
            segments[segment.pk] = Segment.objects.create(
                agenda_item=item_copy,
                order=segment.order,
                title=segment.title,
                session=sessions.get(segment.session_id) if segment.session_id else None,
                **_translations(segment),
            )
        Appearance.objects.bulk_create(
            Appearance(
                agenda_item=item_copy,
                segment=segments.get(appearance.segment_id) if appearance.segment_id else None,
                person=appearance.person,
                role=appearance.role,
                affiliation=appearance.person.default_affiliation("en"),
                order=appearance.order,
            )
            for appearance in item.appearances.all()
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
    kind: str = ""  # the row and field the phrase is in, and where in it
    pk: int = 0
    attr: str = ""
    start: int = 0
    end: int = 0
    # False for a phrase that may name the old edition (a year next to its own): offered with
    # its replacement, unchecked.
    likely: bool = True


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
    for place in texts_of(meeting):
        sessions.update(match.group(0).lower() for match in SESSION_ORDINAL.finditer(place.text))
    patterns.extend(re.compile(rf"\b{word}\b", re.IGNORECASE) for word in sorted(sessions))
    return patterns


@dataclass(frozen=True)
class TextPlace:
    """One text a meeting shows: `attr` of the row `kind`/`pk`, edited on the admin page of
    `edit_kind`/`edit_pk` (an objective is edited on its meeting's page)."""

    field: str
    text: str
    kind: str
    pk: int
    attr: str
    edit_kind: str
    edit_pk: int
    # Where the text is in its meeting ("agendaitem 3 title"): the same in a copy as in the
    # meeting it was copied from, so the two texts can be compared.
    slot: str = ""


def texts_of(meeting: Meeting) -> list[TextPlace]:
    """Every text a meeting shows, in page order."""
    texts = [
        TextPlace(
            label,
            getattr(meeting, attr),
            "meeting",
            meeting.pk,
            attr,
            "meeting",
            meeting.pk,
            slot=f"meeting {attr}",
        )
        for label, attr in (
            (_("title"), "title"),
            (_("summary"), "summary"),
            (_("description"), "description"),
            (_("mandate"), "mandate"),
            (_("expected outcome"), "expected_outcome"),
        )
    ]
    for number, objective in enumerate(meeting.objectives.all(), start=1):
        field = _("objective %(number)d") % {"number": number}
        texts.append(
            TextPlace(
                field, objective.text, "objective", objective.pk, "text", "meeting", meeting.pk
            )
        )
    for number, session in enumerate(meeting.sessions.chronological(), start=1):
        field = _("session “%(session)s” name") % {"session": session}
        texts.append(
            TextPlace(
                field,
                session.name,
                "session",
                session.pk,
                "name",
                "session",
                session.pk,
                slot=f"session {number}",
            )
        )
    items = meeting.agenda_items.with_number().prefetch_related("segments")  # type: ignore[no-untyped-call]
    for item in items:
        numeral = item.numeral
        for label, attr in (
            (_("agenda item %(n)s title"), "title"),
            (_("agenda item %(n)s description"), "description"),
        ):
            texts.append(
                TextPlace(
                    label % {"n": numeral},
                    getattr(item, attr),
                    "agendaitem",
                    item.pk,
                    attr,
                    "agendaitem",
                    item.pk,
                    slot=f"agendaitem {item.number} {attr}",
                )
            )
        for number, segment in enumerate(item.segments.all(), start=1):
            field = _("agenda item %(n)s, presentation %(number)d title") % {
                "n": numeral,
                "number": number,
            }
            texts.append(
                TextPlace(
                    field, segment.title, "segment", segment.pk, "title", "segment", segment.pk
                )
            )
    return [text for text in texts if text.text]


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


_TOKEN = re.compile(r"\w+(?:[-–]\w+)*|\W")


def _replaced_spans(
    original: str | None, text: str, patterns: list[re.Pattern[str]]
) -> list[tuple[int, int]]:
    """The stretches of `text` that staff wrote in place of an old-edition phrase of `original`
    ("sixty-seventh" → "sixty-eighth"): they are the correction, not an old phrase, even when
    they read like one of the old edition's phrases."""
    if not original:
        return []
    old_tokens, new_tokens = _TOKEN.findall(original), _TOKEN.findall(text)
    old_starts = _starts(old_tokens)
    new_starts = _starts(new_tokens)
    spans = []
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        replaced = original[old_starts[i1] : old_starts[i2]]
        if any(pattern.search(replaced) for pattern in patterns):
            spans.append((new_starts[j1], new_starts[j2]))
    return spans


def _starts(tokens: list[str]) -> list[int]:
    """Where each token starts in the text they were found in, and where the text ends."""
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token)
    return [*starts, position]


def old_edition_mentions(
    *, copy: Meeting, original: Meeting, edit_url: Callable[[str, int], str]
) -> list[Mention]:
    """Every phrase of `copy`'s texts that still names `original`, in page order.

    `edit_url(kind, pk)` gives the admin page that edits a text ("meeting", "session",
    "agendaitem", "segment")."""
    patterns = old_edition_patterns(original)
    nearby = nearby_years(original)
    originals = {place.slot: place.text for place in texts_of(original)}
    mentions = []
    for place in texts_of(copy):
        text = place.text
        replaced = _replaced_spans(originals.get(place.slot), text, [*patterns, nearby])
        spans = {
            (m.start(), m.end(), pattern is not nearby)
            for pattern in [*patterns, nearby]
            for m in pattern.finditer(text)
            if not any(start <= m.start() and m.end() <= end for start, end in replaced)
        }
        found = sorted(spans, key=lambda span: (span[0], -span[1]))
        last_end = -1
        for start, end, likely in found:
            if start < last_end:
                continue  # inside a longer phrase already shown ("9 February 2012")
            last_end = end
            before, after = _sentence(text, start, end)
            mentions.append(
                Mention(
                    field=place.field,
                    phrase=text[start:end],
                    before=before,
                    after=after,
                    edit_url=edit_url(place.edit_kind, place.edit_pk),
                    kind=place.kind,
                    pk=place.pk,
                    attr=place.attr,
                    start=start,
                    end=end,
                    likely=likely,
                )
            )
    return mentions


def nearby_years(meeting: Meeting) -> re.Pattern[str]:
    """The years just before and after the meeting's: a text that names them ("the 2013
    High-level Dialogue", "in 2011 and 2012") may need them moved too, or may not."""
    years = {meeting.start_date.year, meeting.end_date.year}
    near = sorted({year + step for year in years for step in (-1, 1)} - years)
    return re.compile(rf"\b(?:{'|'.join(str(year) for year in near)})\b")
