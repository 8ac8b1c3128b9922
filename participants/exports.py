"""The Secretariat's exports of a meeting's participants: CSV and Excel, one row per person.

The rows are the meeting's roster (accepted nominations and the programme's people) in the
order of the list of participants, with what badges and seating need: organization and kind,
status, roles in the programme, names, position, and the contact data and requirements only
the Secretariat reads.

Spreadsheets run a cell that begins with "=", "+", "-", "@", a tab or a carriage return as a
formula, so a name or requirement typed as `=HYPERLINK(...)` could run on the Secretariat's
machine. Such cells are neutralized:

- CSV: the cell gets a leading apostrophe ('=HYPERLINK(...)), the usual defence, which a
  spreadsheet shows as typed. A phone is stored in E.164 (+41229171234) and so begins with "+":
  it is neutralized too and reads '+41229171234 in the CSV, which keeps its "+" (unprefixed,
  a spreadsheet would read it as the number 41229171234). The Excel file shows it as it is.
- Excel: every text cell is written as text, never as a formula, and a cell that begins with one
  of those characters is also marked with Excel's own quote prefix (the apostrophe typed before
  a value, kept as a style), so it stays text when someone edits it; it reads exactly as stored.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from accounts.models import OrganizationKind
from meetings.models import Meeting
from participants.listing import arrange, in_order
from participants.roster import Participant, meeting_roster

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

type Cell = str | datetime.date | None


def needs_neutralizing(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def neutralized(value: str) -> str:
    """ "=1+1" becomes "'=1+1"; other text is unchanged."""
    return f"'{value}" if needs_neutralizing(value) else value


@dataclass(frozen=True)
class Export:
    headers: list[str]
    rows: list[list[Cell]]
    # Indexes of the columns holding long text, wrapped in Excel.
    wrapped: frozenset[int]


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _day(moment: datetime.datetime | None, meeting: Meeting) -> datetime.date | None:
    return moment.astimezone(meeting.zone).date() if moment else None


def _row(meeting: Meeting, group: str, participant: Participant) -> list[Cell]:
    organization = participant.organization
    nomination = participant.nomination
    return [
        group,
        organization.label if organization else "",
        str(OrganizationKind(organization.kind).label) if organization else "",
        participant.country,
        participant.status_label,
        ", ".join(participant.role_labels),
        participant.band,
        participant.honorific,
        participant.given_name,
        participant.family_name,
        participant.position,
        _yes_no(bool(nomination and nomination.head_of_delegation)),
        _yes_no(participant.listed),
        participant.email,
        participant.phone,
        participant.requirements,
        _day(nomination.created_at, meeting) if nomination else None,
        _day(nomination.decided_at, meeting) if nomination else None,
    ]


# The columns, in order; True where the text is long and wraps in Excel.
COLUMNS = (
    (gettext_lazy("Group"), False),
    (gettext_lazy("Organization"), False),
    (gettext_lazy("Organization kind"), False),
    (gettext_lazy("Country"), False),
    (gettext_lazy("Status"), False),
    (gettext_lazy("Roles in the programme"), False),
    (gettext_lazy("Badge"), False),
    (gettext_lazy("Honorific"), False),
    (gettext_lazy("Given name(s)"), False),
    (gettext_lazy("Family name"), False),
    (gettext_lazy("Position or title"), False),
    (gettext_lazy("Head of delegation"), False),
    (gettext_lazy("On the public list"), False),
    (gettext_lazy("E-mail address"), False),
    (gettext_lazy("Phone"), False),
    (gettext_lazy("Special requirements"), True),
    (gettext_lazy("Nominated on"), False),
    (gettext_lazy("Decided on"), False),
)


def participants_export(meeting: Meeting) -> Export:
    """Every participant of the meeting, in the list's order (the roster's two queries)."""
    rows = []
    for group, part, _entry, participant in in_order(arrange(meeting_roster(meeting))):
        heading = f"{group.heading}: {part.heading}" if part.heading else group.heading
        rows.append(_row(meeting, heading, participant))
    return Export(
        headers=[str(label) for label, _wrapped in COLUMNS],
        rows=rows,
        wrapped=frozenset(index for index, (_label, wrapped) in enumerate(COLUMNS) if wrapped),
    )


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralized(value)


def as_csv(export: Export) -> bytes:
    """UTF-8 with a byte order mark, so that Excel reads accents and scripts right."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([_csv_text(header) for header in export.headers])
    writer.writerows([_csv_text(value) for value in row] for row in export.rows)
    return out.getvalue().encode("utf-8-sig")


# Widths in characters: as wide as the longest cell, within these bounds.
_MIN_WIDTH, _MAX_WIDTH = 8, 50


def as_xlsx(export: Export, *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Participants")
    workbook.properties.title = title
    workbook.properties.creator = "Plenary"
    widths = [len(header) for header in export.headers]
    bold = Font(bold=True)
    for column, header in enumerate(export.headers, start=1):
        cell = sheet.cell(row=1, column=column)
        _write(cell, header)
        cell.font = bold
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate(export.rows, start=2):
        for index, value in enumerate(row):
            cell = sheet.cell(row=row_number, column=index + 1)
            _write(cell, value)
            if index in export.wrapped:
                cell.alignment = wrap
            text = value.isoformat() if isinstance(value, datetime.date) else (value or "")
            widths[index] = max(widths[index], len(text))
    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(_MAX_WIDTH, max(_MIN_WIDTH, width + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write(cell, value: Cell) -> None:
    if value is None:
        return
    if isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
        return
    # Control characters a free-text field let through have no place in an XLSX file.
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    # openpyxl takes text that begins with "=" for a formula: it is text, always.
    cell.data_type = "s"
    if needs_neutralizing(value):
        cell.quotePrefix = True
