"""A reader switches the programme's language in a real browser, with and without JavaScript,
and stays on it; the pages in Arabic (right to left) and Chinese pass axe-core."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.test_languages import MISSING_PAGE, public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROGRAMME = "/meetings/tenth-coordination-meeting/programme/"


@pytest.fixture
def demo() -> None:
    call_command("load_demo", verbosity=0)


def switch(page: Page, language: str) -> None:
    """Follow the switcher's link to `language` (each is named in its own language)."""
    page.locator("nav.language-switcher").get_by_role("link", name=language, exact=True).click()


@pytest.mark.parametrize("javascript", [True, False])
def test_switching_language_keeps_the_reader_on_the_programme(
    browser: Browser, live_server, demo, javascript
):
    context: BrowserContext = browser.new_context(locale="en", java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}{PROGRAMME}")
    switch(page, "Français")
    expect(page).to_have_url(f"{live_server.url}/fr{PROGRAMME}")
    expect(page.get_by_role("heading", name="Organisation des travaux", exact=True)).to_be_visible()
    switch(page, "العربية")
    expect(page).to_have_url(f"{live_server.url}/ar{PROGRAMME}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="تنظيم الأعمال", exact=True)).to_be_visible()
    switch(page, "English")
    expect(page).to_have_url(f"{live_server.url}{PROGRAMME}")
    expect(page.get_by_role("heading", name="Organization of work", exact=True)).to_be_visible()
    # The choice is remembered: the home page now stays English too.
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/")
    context.close()


def test_a_browser_set_to_spanish_opens_the_spanish_programme(browser: Browser, live_server, demo):
    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    page.goto(f"{live_server.url}{PROGRAMME}")
    expect(page).to_have_url(f"{live_server.url}/es{PROGRAMME}")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    context.close()


@pytest.mark.parametrize("code", ["ar", "zh-hans", "fr", "ru", "es"])
def test_every_public_page_passes_axe_in_each_language(
    page: Page, live_server, demo, assert_accessible, code
):
    for path in public_pages():
        if path == MISSING_PAGE:
            continue  # a 404: its lang and dir are checked in tests/test_languages.py
        response = page.goto(f"{live_server.url}/{code}{path}")
        assert response is not None
        assert response.status == 200, path
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if code == "ar" else "ltr")
        assert_accessible(page)
