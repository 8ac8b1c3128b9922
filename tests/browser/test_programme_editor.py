"""The programme editor in Chromium: a secretariat officer opens it from the meeting's page, adds a
session and speakers (a new person, and François Crépeau found by typing "crepeau"), moves an item
up with the keyboard and drags another, saves, and reads the change on the programme's preview.
axe-core finds nothing on the editor, with and without errors; no CSP error in the console; no
sideways scrolling at 1280 px."""

import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from meetings.models import AgendaItem, Meeting, Session
from tests.browser.test_admin_accessibility import demo, log_in  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(tempfile.gettempdir()) / "programme-editor-screenshots"  # to look at


def watch_console(page: Page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def editor_url(live_server, meeting: Meeting) -> str:
    return live_server.url + reverse("admin:meetings_meeting_programme", args=[meeting.pk])


def screenshot(page: Page, name: str, width: int) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 1000})
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=False)


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_editor_opens_from_the_meeting_and_fits(live_server, page: Page, assert_accessible, demo):  # noqa: F811
    problems = watch_console(page)
    log_in(page, live_server.url)
    page.goto(live_server.url + reverse("admin:meetings_meeting_change", args=[demo.pk]))
    page.get_by_role("link", name="Edit the Organization of work").click()
    expect(page.get_by_role("heading", name="Thursday, 9 February 2012")).to_be_visible()
    expect(page.get_by_label("Session 1: Starts", exact=True)).to_have_value("10:00")
    expect(page.get_by_label("Item II: Title", exact=True)).to_have_value(
        "The Global Forum on Migration and Development"
    )
    page.wait_for_load_state("load")
    assert_accessible(page)
    for width in (1280, 768, 390):
        screenshot(page, "editor", width)
    page.set_viewport_size({"width": 1280, "height": 1000})
    assert no_sideways_scroll(page)
    assert problems == []


def test_secretariat_edits_the_programme_in_one_save(
    live_server,
    page: Page,
    assert_accessible,
    demo,  # noqa: F811
):
    problems = watch_console(page)
    log_in(page, live_server.url)
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(editor_url(live_server, demo))
    page.wait_for_load_state("load")

    # A new session, which Item VII takes up before anything is saved.
    page.get_by_role("button", name="Add a session").click()
    page.get_by_label("New session 1: Date", exact=True).fill("2012-02-10")
    page.get_by_label("New session 1: Starts", exact=True).fill("18:30")
    page.get_by_label("New session 1: Ends", exact=True).fill("19:30")
    page.get_by_label("New session 1: Name", exact=True).fill("Evening session")
    closing = page.locator("li.pe-item", has_text="Item VII").first
    closing.get_by_role("checkbox", name="New session 1").check()

    # Two speakers under Item II: Crépeau, found by typing "crepeau", and a new person.
    forum = page.locator("li.pe-item", has_text="Item II:").first
    forum.get_by_role("button", name="Add a person · Item II").click()
    first = page.locator("li.pe-person[data-key^='new-']").last
    first.get_by_role("combobox", name="Item II, person 1: Person").click()
    page.locator(".select2-container--open .select2-search__field").fill("crepeau")
    page.get_by_role(
        "option",
        name="Professor François Crépeau, Special Rapporteur on the human rights of migrants",
    ).click()
    forum.get_by_role("button", name="Add a person · Item II").click()
    second = page.locator("li.pe-person[data-key^='new-']").last
    second.get_by_text("New person").click()
    second.get_by_label("Item II, person 2: Given name(s)", exact=True).fill("Ana")
    second.get_by_label("Item II, person 2: Family name", exact=True).fill("Novak")
    second.get_by_label("Item II, person 2: Position or affiliation", exact=True).fill("Researcher")
    assert_accessible(page)

    # Item III moves up with the keyboard; focus stays on its button, the move is announced.
    dialogue = AgendaItem.objects.get(meeting=demo, order=3)
    move_up = page.locator(f"#row-item-{dialogue.pk} > .pe-row-head [data-move='up']")
    expect(move_up).to_have_accessible_name("Move up Item III")
    move_up.focus()
    page.keyboard.press("Enter")
    expect(move_up).to_be_focused()
    expect(page.locator("#pe-announce")).to_have_text("Item III moved to place 2 of 7.")
    # Its fields are named by its new place, as after saving.
    expect(move_up).to_have_accessible_name("Move up Item II")
    expect(page.get_by_label("Item II: Title", exact=True)).to_have_value(dialogue.title)
    # Item VII is dragged above Item VI by its handle.
    items = page.locator("ol.pe-items > li.pe-item")
    page.set_viewport_size({"width": 1280, "height": 4000})  # both items in view
    items.nth(5).evaluate("item => item.scrollIntoView({block: 'start'})")
    handle = items.nth(6).locator(".pe-row-head .pe-handle").bounding_box()
    target = items.nth(5).locator(".pe-row-head").bounding_box()
    assert handle
    assert target
    page.mouse.move(handle["x"] + 4, handle["y"] + 4)
    page.mouse.down()
    for step in range(1, 11):
        y = handle["y"] + (target["y"] - handle["y"]) * step / 10
        page.mouse.move(handle["x"] + 4, y)
    page.mouse.up()
    expect(items.nth(5)).to_contain_text("Closing of the meeting")
    screenshot(page, "editor-edited", 1280)
    screenshot(page, "editor-edited", 768)

    page.set_viewport_size({"width": 1280, "height": 1000})
    assert no_sideways_scroll(page)
    page.get_by_role("button", name="Save the Organization of work").last.click()
    expect(page.locator(".messagelist")).to_contain_text(
        "The Organization of work was saved: 1 session added, 2 people in the programme added, "
        "4 agenda items changed."
    )
    page.get_by_role("link", name="View the programme on the site").click()
    main = page.locator("main")
    expect(main).to_contain_text("18.30 – 19.30 Evening session")
    expect(main).to_contain_text("II. The 2013 High-level Dialogue")
    expect(main).to_contain_text("III. The Global Forum on Migration and Development")
    expect(main).to_contain_text(
        "III. The Global Forum on Migration and Development "
        "Professor François Crépeau, Special Rapporteur on the human rights of migrants "
        "Ana Novak, Researcher"
    )
    expect(main).to_contain_text("VI. Closing of the meeting")
    assert problems == []


def test_errors_are_listed_and_accessible(live_server, page: Page, assert_accessible, demo):  # noqa: F811
    problems = watch_console(page)
    log_in(page, live_server.url)
    page.goto(editor_url(live_server, demo))
    page.get_by_role("button", name="Add a session").click()
    page.get_by_label("New session 1: Date", exact=True).fill("2012-02-10")
    page.get_by_label("New session 1: Starts", exact=True).fill("19:30")
    page.get_by_label("New session 1: Ends", exact=True).fill("18:30")
    page.get_by_label("Item I: Title", exact=True).fill("")
    page.get_by_role("button", name="Add a person · Item I", exact=True).click()
    namesake = page.locator("li.pe-person[data-key^='new-']").last
    key = namesake.get_attribute("data-key")
    namesake.get_by_text("New person").click()
    namesake.get_by_label("Item I, person 2: Given name(s)", exact=True).fill("Francois")
    namesake.get_by_label("Item I, person 2: Family name", exact=True).fill("CREPEAU")
    page.get_by_role("button", name="Save the Organization of work").last.click()
    summary = page.locator("#pe-error-summary")
    expect(summary).to_contain_text("Please correct the 3 errors below: nothing was saved.")
    expect(summary).to_contain_text("François Crépeau already exists")
    # The person already in Plenary is offered in the row.
    expect(
        page.get_by_role(
            "radio",
            name="Professor François Crépeau, Special Rapporteur on the human rights of migrants",
        )
    ).to_be_visible()
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Item I, title: This field is required.").click()
    expect(page.get_by_label("Item I: Title", exact=True)).to_be_focused()
    page.wait_for_load_state("load")
    assert_accessible(page)
    for width in (1280, 768):
        screenshot(page, "editor-errors", width)
    page.locator(f"#row-person-{key}").scroll_into_view_if_needed()
    screenshot(page, "editor-namesake", 1280)
    assert Session.objects.filter(meeting=demo).count() == 4
    assert AgendaItem.objects.filter(meeting=demo, title="Opening of the meeting").exists()
    assert problems == []
