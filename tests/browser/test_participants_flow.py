"""Participants in a real browser, as on `make run`: the IOM focal point nominates two delegates
to the demo's Eleventh meeting, the Secretariat accepts one and wait-lists the other in the admin
and checks the accepted one in, the public reads the list of participants (with and without
JavaScript, and as PDF) and finds no contact data in it, and the Secretariat's Excel export and
badges hold every participant."""

import datetime
import io
import os
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Browser, BrowserContext, Page, expect

from meetings.models import Meeting
from participants.models import Nomination, NominationStatus
from participants.roster import meeting_roster

MEETING_SLUG = "eleventh-coordination-meeting"
MEETING_TITLE = "Eleventh Coordination Meeting on International Migration"
FOCAL_POINT = "focal@iom.example"
FOCAL_POINT_PASSWORD = "plenary-Focal-demo-58"
ADMIN = "admin@example.org"
ADMIN_PASSWORD = "plenary-Admin-demo-58"
IOM = "International Organization for Migration (IOM)"

# (honorific, given name, family name, position, e-mail, phone as typed, requirements)
ACCEPTED = (
    "Ms.",
    "Hélène",
    "Dubé-Lefèvre",
    "Migration Policy Officer",
    "h.dube-lefevre@iom.example",
    "+41 22 917 12 34",
    "Step-free access to the meeting room.",
)
WAITLISTED = (
    "Mr.",
    "Kwame",
    "Mensah",
    "Senior Regional Policy Adviser",
    "k.mensah@iom.example",
    "+1 212 555 0199",
    "",
)
ACCEPTED_NAME = "Ms. Hélène Dubé-Lefèvre"
WAITLISTED_NAME = "Mr. Kwame Mensah"
IMPOSSIBLE_PHONE = "+41 22 917"
EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")

# Set BROWSER_SCREENSHOTS to a folder to keep pictures of the pages at three widths, the list as
# the browser prints it and the badges.
SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS", "")
WIDTHS = (390, 768, 1280)


def screenshots(page: Page, name: str) -> None:
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    if size:
        page.set_viewport_size(size)


@pytest.fixture
def eleventh(monkeypatch) -> Meeting:
    """The demo as `make run` loads it, with the two demo users' passwords known."""
    monkeypatch.setenv("DEMO_USER_PASSWORD", FOCAL_POINT_PASSWORD)
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", ADMIN_PASSWORD)
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug=MEETING_SLUG)


def nominate(page: Page, delegate: tuple[str, ...], *, phone: str | None = None) -> None:
    honorific, given, family, position, email, typed_phone, requirements = delegate
    page.get_by_label("Honorific").select_option(label=honorific)
    page.get_by_label("Given name(s)").fill(given)
    page.get_by_label("Family name").fill(family)
    page.get_by_label("Position or title").fill(position)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Phone").fill(phone or typed_phone)
    page.get_by_label("Agrees to appear on the public list of participants").check()
    page.get_by_label("Special requirements").fill(requirements)
    page.get_by_role("button", name="Nominate", exact=True).click()


def focal_point_nominates(page: Page, live_url: str, meeting: Meeting, axe_check) -> str:
    """Log in, nominate both delegates; the address of My delegation."""
    page.goto(live_url + reverse("accounts:login"))
    page.get_by_label("E-mail address").fill(FOCAL_POINT)
    page.get_by_label("Password").fill(FOCAL_POINT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log in")).to_have_count(0)

    page.goto(live_url + reverse("meetings:home"))
    page.get_by_role("link", name=MEETING_TITLE, exact=True).first.click()
    expect(page).to_have_url(live_url + meeting.get_absolute_url())
    participants = page.get_by_role("region", name="Participants")
    expect(participants).to_contain_text("78 places left of 80.")
    axe_check(page)

    participants.get_by_role("link", name="Nominate participants").click()
    delegation_url = page.url
    assert re.search(r"/delegation/\d+/$", delegation_url), delegation_url
    expect(page.get_by_role("heading", level=1)).to_have_text("My delegation")
    expect(page.locator("main")).to_contain_text("IOM can nominate 3 more participants.")
    expect(page.locator("main")).to_contain_text("IOM has nominated nobody for this meeting yet.")
    axe_check(page)
    screenshots(page, "delegation-empty")

    # The first one, with a phone number that cannot be: the form says so, and keeps nothing.
    page.get_by_role("link", name="Nominate a participant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nominate a participant")
    expect(page.locator("main")).to_contain_text("3 places are left for your organization.")
    axe_check(page)
    screenshots(page, "form")
    nominate(page, ACCEPTED, phone=IMPOSSIBLE_PHONE)
    expect(page.get_by_role("alert")).to_contain_text(
        "The nomination was not saved: correct what is marked below. Nothing was stored."
    )
    phone = page.get_by_label("Phone")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main")).to_contain_text(
        f"“{IMPOSSIBLE_PHONE}” is too short for a phone number with the country code +41."
    )
    # What was typed stays in the form.
    expect(page.get_by_label("Family name")).to_have_value(ACCEPTED[2])
    assert not Nomination.objects.filter(email=ACCEPTED[4]).exists()
    axe_check(page)
    screenshots(page, "form-errors")

    phone.fill(ACCEPTED[5])
    page.get_by_role("button", name="Nominate", exact=True).click()
    expect(page).to_have_url(delegation_url)
    row = page.get_by_role("row").filter(has_text=ACCEPTED_NAME)
    expect(row).to_contain_text("Awaiting decision")
    expect(row).to_contain_text("+41 22 917 12 34")  # stored in E.164, shown grouped
    expect(row).to_contain_text("On the public list")
    expect(page.locator("main")).to_contain_text("IOM can nominate 2 more participants.")

    page.get_by_role("link", name="Nominate a participant").click()
    expect(page.locator("main")).to_contain_text("2 places are left for your organization.")
    nominate(page, WAITLISTED)
    expect(page).to_have_url(delegation_url)
    for name in (ACCEPTED_NAME, WAITLISTED_NAME):
        expect(page.get_by_role("row").filter(has_text=name)).to_contain_text("Awaiting decision")
    main = page.locator("main")
    expect(main).to_contain_text("IOM: 2 of its 3 places used.")
    expect(main).to_contain_text("The meeting: 4 of its 80 places taken.")
    expect(main).to_contain_text("IOM can nominate 1 more participant.")
    axe_check(page)
    screenshots(page, "delegation")

    page.goto(live_url + meeting.get_absolute_url())
    expect(page.get_by_role("region", name="Participants")).to_contain_text("76 places left of 80.")
    return delegation_url


def admin_logs_in(page: Page, live_url: str) -> None:
    page.goto(live_url + reverse("admin:index"))
    page.locator("#id_username").fill(ADMIN)
    page.locator("#id_password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_url + reverse("admin:index"))


def secretariat_decides(page: Page, live_url: str, meeting: Meeting, axe_check) -> None:
    admin_logs_in(page, live_url)
    page.goto(live_url + reverse("admin:participants_nomination_changelist"))
    page.locator("#changelist-filter").get_by_role("link", name=MEETING_TITLE).click()
    expect(page).to_have_url(re.compile(rf"meeting__id__exact={meeting.pk}"))
    places = page.locator(".places-summary table")
    expect(places.locator("caption")).to_have_text(f"Places for {MEETING_TITLE}")
    expect(places.get_by_role("row").filter(has_text="Meeting")).to_contain_text("4 of 80 places")
    expect(places.get_by_role("row").filter(has_text="IOM")).to_contain_text("2 of 3 places")
    results = page.locator("#result_list")
    expect(results.locator("tbody tr")).to_have_count(4)  # ECLAC, IOM twice, Sweden
    axe_check(page)
    screenshots(page, "queue")

    # Accept the first IOM nomination, through its confirmation page.
    page.get_by_role("checkbox", name=f"Select this object for an action - {ACCEPTED[1]}").check()
    page.locator("select[name=action]").select_option(label="Accept selected nominations")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accept nominations")
    expect(page.get_by_role("table", name="1 nomination")).to_contain_text(ACCEPTED_NAME)
    expect(page.get_by_role("table", name="1 nomination")).not_to_contain_text(WAITLISTED_NAME)
    axe_check(page)
    page.get_by_role("button", name="Accept nominations").click()
    expect(page.locator(".messagelist")).to_contain_text(f"1 nomination accepted: {ACCEPTED_NAME}.")

    # Wait-list the second, through its page, which takes an optional message.
    page.get_by_role("checkbox", name=f"Select this object for an action - {WAITLISTED[1]}").check()
    page.locator("select[name=action]").select_option(label="Wait-list selected nominations")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wait-list nominations")
    expect(page.get_by_role("table", name="1 nomination")).to_contain_text(WAITLISTED_NAME)
    axe_check(page)
    page.get_by_role("button", name="Wait-list nominations").click()
    expect(page.locator(".messagelist")).to_contain_text(
        f"1 nomination wait-listed: {WAITLISTED_NAME}."
    )
    expect(places.get_by_role("row").filter(has_text="IOM")).to_contain_text("1 of 3 places")
    expect(places.get_by_role("row").filter(has_text="IOM")).to_contain_text("1 wait-listed")
    axe_check(page)

    statuses = dict(
        Nomination.objects.filter(meeting=meeting, organization__acronym="IOM").values_list(
            "email", "status"
        )
    )
    assert statuses == {
        ACCEPTED[4]: NominationStatus.ACCEPTED,
        WAITLISTED[4]: NominationStatus.WAITLISTED,
    }


def secretariat_checks_in(page: Page, live_url: str, meeting: Meeting, axe_check) -> None:
    page.goto(live_url + reverse("admin:participants_registration_changelist"))
    page.get_by_role("link", name=MEETING_TITLE).click()
    # The note is entered in each language: modeltranslation puts its language switch in the
    # heading, after the title.
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Change registration"))
    expect(page.locator("#content")).to_contain_text(MEETING_TITLE)
    axe_check(page)

    # The meeting's first day has come (the desk marks no one for a day still to come).
    today = timezone.now().astimezone(meeting.zone).date()
    Meeting.objects.filter(pk=meeting.pk).update(
        start_date=today, end_date=today + datetime.timedelta(days=1)
    )
    page.get_by_role("link", name="Check-in", exact=True).click()
    expect(page).to_have_url(live_url + reverse("participants:checkin", args=[meeting.slug]))
    axe_check(page)
    page.get_by_label("Find a participant by name or organization").fill("helene dube")
    page.get_by_role("button", name="Search").click()
    people = page.get_by_role("region", name="1 participant found")
    expect(people).to_contain_text(ACCEPTED_NAME)
    people.get_by_role("button", name=f"Check in {ACCEPTED[1]} {ACCEPTED[2]}").click()
    expect(page.locator("main")).to_contain_text(f"{ACCEPTED_NAME} is checked in for")
    expect(page.get_by_role("region", name="1 participant found")).to_contain_text("Checked in at")
    axe_check(page)
    screenshots(page, "checkin")


def assert_list_reads(page: Page) -> None:
    """The Eleventh's list as the public reads it, after the Secretariat's decisions."""
    un_system = page.get_by_role("region", name="United Nations system")
    iom = un_system.locator(".participants-entry").filter(
        has=page.get_by_role("heading", name=IOM, exact=True)
    )
    expect(iom).to_contain_text(f"{ACCEPTED_NAME}, {ACCEPTED[3]}")
    expect(iom).to_contain_text("Michele Klein Solomon")  # the moderator, from the programme
    # The programme's speakers, each under their organization.
    for heading, name in [
        ("Economic Commission for Latin America and the Caribbean (ECLAC)", "Mr. Paulo Saad"),
        ("Economic Commission for Europe (ECE)", "Mr. Andres Vikat"),
        ("Population Division, DESA", "Mr. Bela Hovy"),
        ("Sweden", "Amb. Eva Åkerman-Börje"),
    ]:
        entry = page.locator(".participants-entry").filter(
            has=page.get_by_role("heading", name=heading, exact=True)
        )
        expect(entry).to_contain_text(name)
    expect(page.locator("main")).to_contain_text("Professor François Crépeau")
    expect(page.locator("main")).not_to_contain_text(WAITLISTED[2])


def assert_no_contact_data(text: str, meeting: Meeting) -> None:
    """Not one nominee's e-mail address, phone number or requirement, in any form."""
    for email, phone, requirements in Nomination.objects.filter(meeting=meeting).values_list(
        "email", "phone", "requirements"
    ):
        assert email not in text
        if phone:
            digits = phone.removeprefix("+")
            assert digits not in re.sub(r"\D", "", text), phone
        if requirements:
            assert requirements not in text
    for delegate in (ACCEPTED, WAITLISTED):
        typed_phone = delegate[5]
        assert typed_phone not in text
    assert not EMAIL_PATTERN.search(text), EMAIL_PATTERN.search(text)


def public_reads_list(
    page: Page, live_url: str, meeting: Meeting, axe_check, no_js: BrowserContext
) -> None:
    page.goto(live_url + meeting.get_absolute_url())
    page.get_by_role("link", name="List of participants").click()
    list_url = live_url + reverse("participants:list", args=[meeting.slug])
    expect(page).to_have_url(list_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETING_TITLE)
    assert_list_reads(page)
    assert_no_contact_data(page.locator("body").inner_text(), meeting)
    assert_no_contact_data(page.content(), meeting)
    axe_check(page)
    screenshots(page, "list")
    if SCREENSHOTS:
        page.pdf(path=Path(SCREENSHOTS) / "list-print.pdf", format="A4")

    link = page.get_by_role("link", name="Download the list as PDF")
    response = page.request.get(live_url + link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert ACCEPTED_NAME in text
    assert WAITLISTED[2] not in text
    assert_no_contact_data(text, meeting)

    # Without JavaScript the page reads the same; axe, which needs it, checks the same page
    # with every script refused.
    plain = no_js.new_page()
    plain.goto(list_url)
    assert_list_reads(plain)
    assert_no_contact_data(plain.content(), meeting)
    page.route(re.compile(r"\.m?js(\?|$)"), lambda route: route.abort())
    page.goto(list_url)
    assert_list_reads(page)
    axe_check(page)


def pdf_text(content: bytes) -> str:
    """The text of every page; PDFium marks a hyphen that ends a line as U+FFFE."""
    document = pdfium.PdfDocument(content)
    try:
        pages = [document[index] for index in range(len(document))]
        text = "\n".join(page.get_textpage().get_text_range() for page in pages)
        return text.replace("\ufffe", "-")
    finally:
        document.close()


def secretariat_takes_files(page: Page, live_url: str, meeting: Meeting) -> None:
    """The Excel export holds one row per participant; the badges, every participant's name."""
    roster = meeting_roster(meeting)
    assert {participant.name for participant in roster} >= {
        f"{ACCEPTED[1]} {ACCEPTED[2]}",
        "Mariana Quispe Huamán",
        "Paulo Saad",
    }
    page.goto(live_url + reverse("admin:participants_registration_changelist"))
    page.get_by_role("link", name=MEETING_TITLE).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export Excel").click()
    download = download_info.value
    assert download.suggested_filename == f"{meeting.slug}-participants.xlsx"
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    column = {name: index for index, name in enumerate(header)}
    names = sorted((row[column["Given name(s)"]] or "", row[column["Family name"]]) for row in rows)
    assert names == sorted((p.given_name, p.family_name) for p in roster)
    by_name = {row[column["Family name"]]: row for row in rows}
    accepted = by_name[ACCEPTED[2]]
    assert accepted[column["Organization"]] == IOM
    assert accepted[column["Status"]] == "Accepted"
    assert accepted[column["E-mail address"]] == ACCEPTED[4]
    assert accepted[column["Phone"]] == "+41229171234"
    assert accepted[column["Special requirements"]] == ACCEPTED[6]
    assert by_name["Saad"][column["Roles in the programme"]] == "Speaker"
    assert WAITLISTED[2] not in by_name

    badges = page.request.get(live_url + reverse("participants:badges", args=[meeting.slug]))
    assert badges.ok
    assert badges.headers["content-type"] == "application/pdf"
    text = pdf_text(badges.body())
    if SCREENSHOTS:
        (Path(SCREENSHOTS) / "badges.pdf").write_bytes(badges.body())
    flat = " ".join(text.split())
    missing = [p.name for p in roster if p.name not in flat]
    assert not missing, f"not on the badges: {missing}\n{text}"
    assert WAITLISTED[2] not in flat


@pytest.mark.browser
def test_nominations_go_from_focal_point_to_the_public_list(
    live_server, browser: Browser, no_js_context, assert_accessible, eleventh
):
    contexts = [browser.new_context(locale="en", accept_downloads=True) for _ in range(3)]
    focal_point, secretariat, public = (context.new_page() for context in contexts)
    try:
        delegation_url = focal_point_nominates(
            focal_point, live_server.url, eleventh, assert_accessible
        )
        secretariat_decides(secretariat, live_server.url, eleventh, assert_accessible)
        secretariat_checks_in(secretariat, live_server.url, eleventh, assert_accessible)

        # The focal point sees the decisions on My delegation.
        focal_point.goto(delegation_url)
        expect(focal_point.get_by_role("row").filter(has_text=ACCEPTED_NAME)).to_contain_text(
            "Accepted"
        )
        expect(focal_point.get_by_role("row").filter(has_text=WAITLISTED_NAME)).to_contain_text(
            "Wait-listed"
        )

        public_reads_list(public, live_server.url, eleventh, assert_accessible, no_js_context)
        secretariat_takes_files(secretariat, live_server.url, eleventh)
    finally:
        for context in contexts:
            context.close()
