"""A member of the public finds the demo meeting and reads its programme, in a real browser."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from meetings.models import Meeting

MEETING_TITLE = "Tenth Coordination Meeting on International Migration"
CONTINUED_ITEM = (
    "V. Migration and development: Recent contributions to the evidence base (continued)"
)


@pytest.fixture
def demo_meeting() -> Meeting:
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(title=MEETING_TITLE)


def assert_programme_reads(page: Page) -> None:
    """What the "Organization of work" of 9-10 February 2012 says, as a reader sees it."""
    main = page.locator("main")
    expect(page.get_by_role("heading", name="Organization of work", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Thursday, 9 February 2012")).to_be_visible()
    expect(page.get_by_role("heading", name="Friday, 10 February 2012")).to_be_visible()
    expect(main).to_contain_text("10.00 – 13.00")
    expect(main).to_contain_text("15.00 – 18.00")
    expect(
        page.get_by_role(
            "heading",
            name="III. The 2013 High-level Dialogue on International Migration and Development",
        )
    ).to_be_visible()
    expect(page.get_by_role("link", name="Amb. Eva Åkerman-Börje")).to_be_visible()
    expect(main).to_contain_text("Amb. Eva Åkerman-Börje, Ministry of Justice, Sweden")
    # Item V runs over two sessions: the later one says so, the first does not.
    expect(page.get_by_role("heading", name=CONTINUED_ITEM, exact=True)).to_have_count(1)
    expect(
        page.get_by_role(
            "heading",
            name="V. Migration and development: Recent contributions to the evidence base",
            exact=True,
        )
    ).to_have_count(1)


@pytest.mark.browser
def test_public_reads_programme_from_home_page(live_server, page, assert_accessible, demo_meeting):
    page.goto(live_server.url + reverse("meetings:home"))
    expect(page).to_have_title(re.compile("Meetings"))
    assert_accessible(page)

    page.get_by_role("link", name=MEETING_TITLE, exact=True).first.click()
    detail_url = reverse("meetings:meeting_detail", kwargs={"slug": demo_meeting.slug})
    expect(page).to_have_url(live_server.url + detail_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETING_TITLE)
    assert_accessible(page)

    page.get_by_role("link", name="Organization of work", exact=True).click()
    programme_url = reverse("meetings:programme", kwargs={"slug": demo_meeting.slug})
    expect(page).to_have_url(live_server.url + programme_url)
    assert_programme_reads(page)
    assert_accessible(page)


@pytest.mark.browser
def test_programme_reads_without_javascript(
    live_server, no_js_context: BrowserContext, context, assert_accessible, demo_meeting
):
    url = live_server.url + reverse("meetings:programme", kwargs={"slug": demo_meeting.slug})
    page = no_js_context.new_page()
    page.goto(url)
    assert_programme_reads(page)

    # axe cannot run where JavaScript is off (its run waits on timers that never fire), so it
    # checks the same page with every script request refused: the DOM such a reader gets.
    checked = context.new_page()
    checked.route(re.compile(r"\.m?js(\?|$)"), lambda route: route.abort())
    checked.goto(url)
    assert_accessible(checked)


@pytest.mark.browser
def test_speaker_and_series_pages_are_accessible(
    live_server, page, assert_accessible, demo_meeting
):
    page.goto(live_server.url + reverse("meetings:programme", kwargs={"slug": demo_meeting.slug}))
    page.get_by_role("link", name="Professor François Crépeau").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Professor François Crépeau")
    expect(page.locator("main")).to_contain_text(
        "Preparing for the 2013 High-level Dialogue: A human rights perspective"
    )
    assert_accessible(page)

    page.goto(live_server.url + demo_meeting.series.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_meeting.series.name)
    expect(page.get_by_role("link", name=MEETING_TITLE)).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + "/meetings/no-such-meeting/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)
