"""A focal point is invited, sets a password and finds their (empty) submissions, in a browser."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from accounts.services import invitation_send
from tests.factories import OrganizationFactory, StaffFactory

NEW_PASSWORD = "a long passphrase for 2026"


@pytest.mark.browser
def test_invited_focal_point_signs_up_and_lands_on_my_submissions(
    live_server, page, assert_accessible, settings
):
    settings.SITE_URL = live_server.url
    organization = OrganizationFactory(name="International Organization for Migration")
    invitation_send(
        email="ana@iom.example",
        organization=organization,
        invited_by=StaffFactory(),
    )
    [message] = mail.outbox
    link = re.search(r"http://\S+/accounts/invitations/\S+/", message.body).group(0)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("International Organization for Migration")
    assert_accessible(page)
    page.locator("input[name=first_name]").fill("Ana")
    page.locator("input[name=last_name]").fill("López")
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    page.locator("main form").get_by_role("button").click()

    expect(page).to_have_url(live_server.url + reverse("papers:my_submissions"))
    expect(page.locator("main")).to_contain_text("International Organization for Migration")
    assert_accessible(page)

    page.goto(live_server.url + reverse("accounts:password_change"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


@pytest.mark.browser
def test_login_and_password_reset_pages_are_accessible(live_server, page, assert_accessible):
    page.goto(live_server.url + reverse("accounts:login"))
    page.locator("input[name=username]").fill("nobody@example.org")
    page.locator("input[name=password]").fill("wrong password")
    page.locator("main form").get_by_role("button").click()
    expect(page.locator("main")).to_contain_text("do not match an account")
    assert_accessible(page)

    page.goto(live_server.url + reverse("accounts:password_reset"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
