"""Programme versions in a real browser: the public reads the version line and "What changed" on a
phone and a desktop; staff see what is not published yet and publish a new version with a note.
axe-core finds nothing on any of these pages."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from meetings.models import AgendaItem, Meeting

ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD = "plenary-Admin-demo-91"  # the demo's, set for this test
SLUG = "tenth-coordination-meeting"
WIDTHS = [390, 768, 1280]


@pytest.fixture
def demo(monkeypatch) -> Meeting:
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.delenv("DEMO_USER_PASSWORD", raising=False)
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug=SLUG)


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where screenshots go: $SCREENSHOT_DIR to look at them, else a temporary folder."""
    return Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_the_public_reads_the_version_and_what_changed(
    live_server, page: Page, assert_accessible, demo, shots, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("meetings:programme", args=[SLUG]))
    line = page.locator(".programme-version")
    expect(line).to_contain_text("Version 2, 3 February 2012: Civil society presentation added")
    no_sideways_scroll(page)
    assert_accessible(page)
    page.screenshot(path=shots / f"programme-{width}.png", full_page=True)

    line.get_by_role("link", name="What changed").click()
    expect(page.get_by_role("heading", name="What changed in the programme")).to_be_visible()
    expect(page.get_by_role("heading", name="Version 2, 3 February 2012")).to_be_visible()
    expect(page.get_by_role("heading", name="Version 1, 12 January 2012")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Speaker added to presentation")
    expect(page.locator("main")).to_contain_text("First published.")
    no_sideways_scroll(page)
    assert_accessible(page)
    page.screenshot(path=shots / f"changes-{width}.png", full_page=True)


@pytest.mark.browser
def test_staff_see_what_waits_and_publish_a_new_version(
    live_server, page: Page, assert_accessible, demo, shots
):
    item = AgendaItem.objects.get(meeting=demo, order=2)
    item.title = "The Global Forum on Migration and Development (GFMD)"
    item.save()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("E-mail address").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto(live_server.url + reverse("meetings:programme", args=[SLUG]))
    banner = page.get_by_role("status")
    expect(banner).to_contain_text("Includes changes not yet published since version 2.")
    assert_accessible(page)
    page.screenshot(path=shots / "staff-programme-1280.png", full_page=True)

    banner.get_by_role("link", name="Publish a new version…").click()
    expect(page.locator("#content-main")).to_contain_text(
        "Retitled: “The Global Forum on Migration and Development” → "
        "“The Global Forum on Migration and Development (GFMD)”."
    )
    assert_accessible(page)
    page.screenshot(path=shots / "publish-confirm-1280.png", full_page=True)
    page.get_by_label("Note for this version").fill("Item II retitled.")
    page.get_by_role("button", name="Yes, publish").click()
    expect(page.locator(".messagelist")).to_contain_text("programme version 3 released.")

    page.goto(live_server.url + reverse("meetings:programme_changes", args=[SLUG]))
    expect(page.get_by_role("heading", name="Not yet published")).to_be_visible()
    expect(page.locator("main")).to_contain_text("No change since version 3.")
    expect(page.locator("main")).to_contain_text("Item II retitled.")
    assert_accessible(page)
    page.get_by_role("link", name="Version 1, 12 January 2012").click()
    expect(page.get_by_role("status")).to_contain_text("the public sees version 3")
    assert_accessible(page)
    page.screenshot(path=shots / "staff-version-1-1280.png", full_page=True)
