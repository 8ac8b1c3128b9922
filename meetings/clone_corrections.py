"""The review step of "Plan the next edition", done in one go: for each phrase of the draft that
still names the old edition, a replacement is proposed ("Tenth" → "Eleventh", "2012" → "2013",
"9–10 February 2012" → the draft's dates, "sixty-seventh" → "sixty-eighth"), staff check or edit
it, and one save applies them all.

A correction names the text it changes (which row, which field) and the phrase's place in it;
when the text changed in between, that correction is refused rather than applied to other words.
"""

import datetime
import re
from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User

from .cloning import MONTHS, SESSION_ORDINAL, ordinal_figure, ordinal_word
from .models import AgendaItem, Meeting, Objective, Segment, Session

# Which rows a correction may change, and the fields of each that the review reads.
CORRECTABLE: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "meeting": (Meeting, ("title", "summary", "description", "mandate", "expected_outcome")),
    "objective": (Objective, ("text",)),
    "session": (Session, ("name",)),
    "agendaitem": (AgendaItem, ("title", "description")),
    "segment": (Segment, ("title",)),
}

_WORD_ORDINALS = {ordinal_word(number): number for number in range(1, 100)}
_DATE = re.compile(
    rf"^(?P<day>\d{{1,2}})(?:\s*[–-]\s*(?P<last>\d{{1,2}}))?\s+(?P<month>{'|'.join(MONTHS)})"
    r"(?:\s+(?P<year>\d{4}))?$"
)


def _same_case(found: str, replacement: str) -> str:
    if found.isupper():
        return replacement.upper()
    return replacement.capitalize() if found[:1].isupper() else replacement


def _date_text(day: datetime.date, last: datetime.date | None, with_year: bool) -> str:
    """ "9 February 2013", "9–10 February", "28 February–1 March 2013"."""
    year = f" {day.year}" if with_year else ""
    if last is None or last == day:
        return f"{day.day} {MONTHS[day.month - 1]}{year}"
    if last.month == day.month:
        return f"{day.day}–{last.day} {MONTHS[day.month - 1]}{year}"
    return f"{day.day} {MONTHS[day.month - 1]}–{last.day} {MONTHS[last.month - 1]}{year}"


def suggest(phrase: str, *, original: Meeting, copy: Meeting) -> str:
    """What the draft should say instead of `phrase`, or "" when nothing sensible is known."""
    lowered = phrase.lower()
    years = copy.start_date.year - original.start_date.year
    if original.edition and copy.edition and 0 < copy.edition < 100:
        if lowered == ordinal_word(original.edition):
            return _same_case(phrase, ordinal_word(copy.edition))
        if lowered == ordinal_figure(original.edition):
            return ordinal_figure(copy.edition)
    if phrase.isdigit() and len(phrase) == 4:
        return str(int(phrase) + years)
    if SESSION_ORDINAL.fullmatch(phrase) and lowered in _WORD_ORDINALS:
        number = _WORD_ORDINALS[lowered] + years
        return _same_case(phrase, ordinal_word(number)) if 0 < number < 100 else ""
    if match := _DATE.match(phrase):
        return _moved_date(match, original=original, copy=copy)
    return ""


def _moved_date(match: re.Match[str], *, original: Meeting, copy: Meeting) -> str:
    month = MONTHS.index(match["month"]) + 1
    year = int(match["year"]) if match["year"] else original.start_date.year
    try:
        day = datetime.date(year, month, int(match["day"]))
        last = datetime.date(year, month, int(match["last"])) if match["last"] else None
    except ValueError:
        return ""
    if day == original.start_date and last == original.end_date:
        # The meeting's own dates: the draft's, even when the move changed their length.
        return _date_text(copy.start_date, copy.end_date, bool(match["year"]))
    offset = copy.start_date - original.start_date
    return _date_text(day + offset, last + offset if last else None, bool(match["year"]))


@dataclass(frozen=True)
class Correction:
    """Replace text[start:end], which reads `phrase`, of one field of one row, by `replacement`."""

    kind: str
    pk: int
    attr: str
    start: int
    end: int
    phrase: str
    replacement: str

    @property
    def key(self) -> str:
        """How the review form names the phrase: "agendaitem-12-title-40-45"."""
        return f"{self.kind}-{self.pk}-{self.attr}-{self.start}-{self.end}"


def parse_key(key: str) -> tuple[str, int, str, int, int] | None:
    parts = key.split("-")
    if len(parts) != 5 or parts[0] not in CORRECTABLE:
        return None
    kind, pk, attr, start, end = parts
    if attr not in CORRECTABLE[kind][1] or not (pk + start + end).isdigit():
        return None
    if int(start) >= int(end):
        return None
    return kind, int(pk), attr, int(start), int(end)


def _rows(copy: Meeting, kind: str, pks: set[int]) -> dict[int, models.Model]:
    model = CORRECTABLE[kind][0]
    rows = model._default_manager.select_for_update().filter(pk__in=pks)
    meeting_of = {
        "meeting": "pk",
        "objective": "meeting",
        "session": "meeting",
        "agendaitem": "meeting",
        "segment": "agenda_item__meeting",
    }[kind]
    return {row.pk: row for row in rows.filter(**{meeting_of: copy.pk})}


@transaction.atomic
def clone_corrections_apply(
    *, copy: Meeting, corrections: list[Correction], by: User
) -> tuple[int, list[str]]:
    """Apply `corrections` to the draft `copy`; returns how many were applied and, for each one
    refused, why. Each row changed is saved once, through its model's validation."""
    refused: list[str] = []
    by_row: dict[tuple[str, int], list[Correction]] = {}
    for correction in corrections:
        by_row.setdefault((correction.kind, correction.pk), []).append(correction)
    rows: dict[tuple[str, int], models.Model] = {}
    for kind in {kind for kind, _pk in by_row}:
        pks = {pk for row_kind, pk in by_row if row_kind == kind}
        rows.update({(kind, pk): row for pk, row in _rows(copy, kind, pks).items()})
    applied = 0
    for place, row_corrections in by_row.items():
        row = rows.get(place)
        if row is None:
            refused.extend(
                _("“%(phrase)s”: that text is no longer part of this meeting.")
                % {"phrase": c.phrase}
                for c in row_corrections
            )
            continue
        changed: dict[str, str] = {}
        # From the end of each text, so earlier places stay where the review saw them.
        for correction in sorted(row_corrections, key=lambda c: (c.attr, -c.start)):
            text = changed.get(correction.attr, getattr(row, correction.attr))
            if text[correction.start : correction.end] != correction.phrase:
                refused.append(
                    _("“%(phrase)s” was not changed: its text was edited since the review.")
                    % {"phrase": correction.phrase}
                )
                continue
            changed[correction.attr] = (
                text[: correction.start] + correction.replacement + text[correction.end :]
            )
            applied += 1
        if not changed:
            continue
        for attr, text in changed.items():
            setattr(row, attr, text)
        try:
            row.full_clean()
        except ValidationError as error:
            raise ValidationError(
                _("The corrections were not saved: %(reason)s")
                % {"reason": " ".join(error.messages)}
            ) from error
        row.save()
    if applied:
        message = ngettext(
            "Review of the next edition: %(count)d phrase corrected.",
            "Review of the next edition: %(count)d phrases corrected.",
            applied,
        ) % {"count": applied}
        LogEntry.objects.log_actions(
            user_id=by.pk, queryset=[copy], action_flag=CHANGE, change_message=message
        )
    return applied, refused
