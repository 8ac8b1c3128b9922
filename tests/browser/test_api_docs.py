"""The API's documentation (/api/v1/docs/) in a real browser: Swagger UI from the vendored
files renders the schema under the site's Content Security Policy, with no error in the console,
lists every endpoint, and "Try it out" reads the demo meeting."""

import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(tempfile.gettempdir())  # to look at
SWAGGER_UI = ("nested-interactive", "heading-order", "region")
ENDPOINTS = [
    "/api/v1/meetings/",
    "/api/v1/meetings/{slug}/",
    "/api/v1/meetings/{slug}/programme/",
    "/api/v1/meetings/{slug}/documents/",
    "/api/v1/meetings/{slug}/participants/",
    "/api/v1/people/",
    "/api/v1/people/{slug}/",
    "/api/v1/organizations/",
    "/api/v1/organizations/{id}/",
]


def watch(page: Page) -> tuple[list[str], list[str]]:
    """Console errors and warnings (a CSP refusal is one), and requests that left the site."""
    problems: list[str] = []
    outside: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems, outside


@pytest.mark.browser
def test_api_docs_render_every_endpoint_under_the_csp(live_server, page, axe):
    call_command("load_demo", verbosity=0)
    problems, outside = watch(page)
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(live_server.url) or request.url.startswith("data:")
            else outside.append(request.url)
        ),
    )
    page.goto(live_server.url + "/api/v1/docs/")
    expect(page.get_by_role("heading", name="Plenary open data API")).to_be_visible()
    for path in ENDPOINTS:
        expect(page.locator(f'.opblock-summary-path[data-path="{path}"]')).to_have_count(1)
    page.screenshot(path=str(SCREENSHOTS / "api-docs.png"), full_page=True)
    # axe-core on the page, except three rules Swagger UI's own markup breaks (a button inside
    # the button of each operation, its heading levels, its info block outside a landmark):
    # they are Swagger UI's to fix; the colours it falls short on are fixed in api/docs.css.
    results = axe.run(page, options={"rules": {rule: {"enabled": False} for rule in SWAGGER_UI}})
    assert results.violations_count == 0, results.generate_report()

    # Try one: the meeting list, read from this very server.
    block = page.locator("#operations-Meetings-meetings_list, .opblock-get").filter(
        has=page.locator('.opblock-summary-path[data-path="/api/v1/meetings/"]')
    )
    block.locator(".opblock-summary").first.click()
    page.get_by_role("button", name="Execute").first.click()
    live = page.locator(".live-responses-table tbody .response-col_status").first
    expect(live).to_contain_text("200")
    expect(page.locator(".live-responses-table")).to_contain_text("tenth-coordination-meeting")

    assert problems == []
    assert outside == []
    page.screenshot(path=str(SCREENSHOTS / "api-docs-tried.png"), full_page=False)
