"""Issue 9's "Done when", as a new secretariat officer does it in Chromium on the demo: plan the
next edition from the Tenth, apply the review's corrections, add a session and a speaker in the
programme editor, preview the draft, publish it, change it, publish again and read "What
changed", in under 40 clicks; axe-core checks each admin page on the way."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from meetings.models import Meeting, MeetingStatus, ProgrammeVersion
from tests.browser.test_admin_accessibility import demo, log_in  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

CREPEAU = "Professor François Crépeau, Special Rapporteur on the human rights of migrants"


class Clicks:
    """Counts what the officer clicks (and the Enter presses that stand for a click)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.count = 0

    def __call__(self, locator) -> None:
        self.count += 1
        locator.click()


def test_plan_preview_publish_and_republish_the_next_edition(
    live_server,
    page: Page,
    assert_accessible,
    demo,  # noqa: F811
):
    page.set_viewport_size({"width": 1280, "height": 1000})
    log_in(page, live_server.url)
    click = Clicks(page)
    click.count = 1  # "Log in"

    # From the admin's first page to the Tenth, and "Plan the next edition".
    click(page.get_by_role("link", name="Meetings", exact=True).first)
    click(page.get_by_role("link", name="Tenth Coordination Meeting on International Migration"))
    click(page.get_by_role("link", name="Plan the next edition"))
    assert_accessible(page)
    # The demo holds the Eleventh already: the form proposes the Twelfth, a year after it.
    expect(page.get_by_label("Edition")).to_have_value("12")
    click(page.get_by_role("button", name="Create the draft"))

    # The review step proposes a replacement for every phrase naming the Tenth.
    expect(page.locator(".messagelist")).to_contain_text(
        "“Twelfth Coordination Meeting on International Migration” was created as a draft."
    )
    expect(page.get_by_label("Replacement for “Tenth” in description")).to_have_value("Twelfth")
    assert_accessible(page)
    click(page.get_by_role("button", name="Apply the checked replacements"))
    expect(page.locator(".messagelist")).to_contain_text("4 phrases were corrected.")
    # Left: the years next to the Tenth's ("the 2013 High-level Dialogue"), offered unchecked.
    expect(page.locator("#content")).to_contain_text("8 phrases still name")
    twelfth = Meeting.objects.get(series=demo.series, edition=12)
    assert twelfth.status == MeetingStatus.DRAFT
    assert "organizing the Twelfth Coordination Meeting" in twelfth.description

    # The programme editor: a new evening session taken up by Item VII, and Crépeau under
    # Item II, found without his accents; one save.
    click(page.get_by_role("link", name="Edit the Organization of work"))
    page.wait_for_load_state("load")
    assert_accessible(page)
    day = (twelfth.start_date + datetime.timedelta(days=1)).isoformat()
    click(page.get_by_role("button", name="Add a session"))
    page.get_by_label("New session 1: Date", exact=True).fill(day)
    page.get_by_label("New session 1: Starts", exact=True).fill("18:30")
    page.get_by_label("New session 1: Ends", exact=True).fill("19:30")
    page.get_by_label("New session 1: Name", exact=True).fill("Evening session")
    closing = page.locator("li.pe-item", has_text="Item VII").first
    click(closing.get_by_role("checkbox", name="New session 1"))
    forum = page.locator("li.pe-item", has_text="Item II:").first
    click(forum.get_by_role("button", name="Add a person · Item II"))
    row = page.locator("li.pe-person[data-key^='new-']").last
    click(row.get_by_role("combobox", name="Item II, person 1: Person"))
    page.locator(".select2-container--open .select2-search__field").fill("crepeau")
    click(page.get_by_role("option", name=CREPEAU))
    click(page.get_by_role("button", name="Save the Organization of work").last)
    expect(page.locator(".messagelist")).to_contain_text("1 session added")

    # The draft's preview, with its banner; the public gets nothing.
    click(page.get_by_role("link", name="Preview the programme (draft)"))
    expect(page.get_by_text("Draft: not public")).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("18.30 – 19.30 Evening session")
    expect(main).to_contain_text(f"The Global Forum on Migration and Development {CREPEAU}")
    assert_accessible(page)
    anonymous = page.context.browser.new_context()
    try:
        response = anonymous.new_page().goto(page.url)
        assert response is not None
        assert response.status == 404
    finally:
        anonymous.close()

    # Publish, with its confirmation.
    change = live_server.url + reverse("admin:meetings_meeting_change", args=[twelfth.pk])
    page.goto(change)  # the officer's back button; not a click
    click(page.get_by_role("link", name="Publish…"))
    expect(page.locator("#content")).to_contain_text("5 sessions")
    assert_accessible(page)
    click(page.get_by_role("button", name="Yes, publish"))
    expect(page.locator(".messagelist")).to_contain_text("1 meeting was published.")
    assert ProgrammeVersion.objects.filter(meeting=twelfth).count() == 1

    # A change, and a second publish with a note.
    click(page.get_by_role("link", name="Edit the Organization of work"))
    page.get_by_label("Item VII: Title", exact=True).fill("Closing of the meeting and next steps")
    click(page.get_by_role("button", name="Save the Organization of work").last)
    expect(page.locator(".messagelist")).to_contain_text("1 agenda item changed")
    page.goto(change)
    click(page.get_by_role("link", name="Publish a new version…"))
    expect(page.locator("#content")).to_contain_text("Closing of the meeting and next steps")
    page.get_by_label("Note for this version").fill("Item VII retitled")
    click(page.get_by_role("button", name="Yes, publish"))

    # The public reads version 2 and what changed.
    public = page.context.browser.new_context()
    try:
        reader = public.new_page()
        reader.goto(live_server.url + reverse("meetings:programme", args=[twelfth.slug]))
        expect(reader.locator("main")).to_contain_text("Version 2")
        expect(reader.locator("main")).to_contain_text("Item VII retitled")
        reader.get_by_role("link", name="What changed").click()
        changes = reader.locator("main")
        expect(changes).to_contain_text("Closing of the meeting and next steps")
        expect(changes).to_contain_text("First published")
        assert_accessible(reader)
    finally:
        public.close()

    assert click.count < 40, click.count
