"""The back office read by a screen reader: axe-core (WCAG 2.1 AA) finds nothing on the admin pages
the secretariat uses, with the demo loaded, and every input of a tabular inline is named by its
row and column ("Session 1: Starts"), also in a row added in the page."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from meetings.models import AgendaItem, Meeting, Person
from papers.models import Document
from participants.models import Registration

ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD = "plenary-Admin-demo-91"  # the demo's, set for this test
MEETING_SLUG = "tenth-coordination-meeting"


@pytest.fixture
def demo(monkeypatch) -> Meeting:
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.delenv("DEMO_USER_PASSWORD", raising=False)
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug=MEETING_SLUG)


def log_in(page: Page, live_url: str) -> None:
    page.goto(live_url + reverse("admin:login"))
    page.get_by_label("E-mail address").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def admin_pages(meeting: Meeting) -> dict[str, str]:
    item = AgendaItem.objects.filter(meeting=meeting).earliest("pk")
    person = Person.objects.filter(appearances__isnull=False).earliest("pk")
    document = Document.objects.filter(meeting=meeting).earliest("pk")
    registration = Registration.objects.get(meeting=meeting)
    return {
        "index": reverse("admin:index"),
        "meetings": reverse("admin:meetings_meeting_changelist"),
        "meeting": reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        "programme editor": reverse("admin:meetings_meeting_programme", args=[meeting.pk]),
        "meeting history": reverse("admin:meetings_meeting_history", args=[meeting.pk]),
        "translation status": reverse("admin:meetings_meeting_translations", args=[meeting.pk]),
        # Staff work in their own language: the meeting's page in the French admin.
        "meeting in French": "/fr" + reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        "new meeting": reverse("admin:meetings_meeting_add"),
        "agenda item": reverse("admin:meetings_agendaitem_change", args=[item.pk]),
        "person": reverse("admin:meetings_person_change", args=[person.pk]),
        "new person": reverse("admin:meetings_person_add"),
        "documents": reverse("admin:papers_document_changelist"),
        "document": reverse("admin:papers_document_change", args=[document.pk]),
        "nominations": reverse("admin:participants_nomination_changelist"),
        "registration": reverse("admin:participants_registration_change", args=[registration.pk]),
    }


def test_axe_finds_nothing_on_the_admin_pages_staff_use(
    live_server, page: Page, assert_accessible, demo
):
    log_in(page, live_server.url)
    for path in admin_pages(demo).values():
        response = page.goto(live_server.url + path)
        assert response is not None
        assert response.status == 200, path
        page.wait_for_load_state("load")
        assert_accessible(page)


def test_every_inline_input_is_named_by_its_row_and_column(
    live_server, page: Page, assert_accessible, demo
):
    log_in(page, live_server.url)
    page.goto(live_server.url + reverse("admin:meetings_meeting_change", args=[demo.pk]))
    expect(page.get_by_label("Session 1: Starts", exact=True)).to_have_value("10:00:00")
    expect(page.get_by_label("Session 2: Name [en]", exact=True)).to_be_visible()
    expect(page.get_by_label("Session 1: Delete?", exact=True)).to_be_visible()
    expect(page.get_by_role("columnheader", name="Session", exact=True).first).to_be_attached()

    # A row added in the page is named too, and axe still finds nothing.
    page.locator("#sessions-group").get_by_role("button", name="Add another Session").click()
    new_row = page.locator("#sessions-group tr.dynamic-sessions").last
    expect(new_row.get_by_label("New session: Starts", exact=True)).to_be_visible()
    assert_accessible(page)


def test_autocomplete_widgets_are_named_by_their_labels(
    live_server, page: Page, assert_accessible, demo
):
    log_in(page, live_server.url)
    document = Document.objects.filter(meeting=demo).earliest("pk")
    page.goto(live_server.url + reverse("admin:papers_document_change", args=[document.pk]))
    page.wait_for_load_state("load")
    expect(page.get_by_role("combobox", name="Organization:")).to_be_visible()
    expect(page.get_by_role("combobox", name="Presented under agenda item:")).to_be_visible()
    # Open, with its search box: named too.
    page.get_by_role("combobox", name="Organization:").click()
    expect(page.get_by_role("searchbox", name="Organization:")).to_be_focused()
    expect(page.get_by_role("combobox", name="Organization:")).to_have_attribute(
        "aria-controls", "select2-id_organization-results"
    )

    item = AgendaItem.objects.filter(meeting=demo).earliest("pk")
    page.goto(live_server.url + reverse("admin:meetings_agendaitem_change", args=[item.pk]))
    page.wait_for_load_state("load")
    # In a tabular inline: named by its cell's label, then the person chosen.
    person = page.locator('#id_appearances-0-person + .select2 [role="combobox"]')
    expect(person).to_have_accessible_name(re.compile(r" 1: Person \S"))


def test_staff_enter_a_translation_in_its_languages_tab(
    live_server, page: Page, assert_accessible, demo
):
    log_in(page, live_server.url)
    page.goto(live_server.url + reverse("admin:meetings_meeting_change", args=[demo.pk]))
    page.wait_for_load_state("load")
    english = page.locator("#id_title_en")
    russian = page.locator("#id_title_ru")
    expect(english).to_be_visible()
    expect(russian).to_be_hidden()  # behind its tab
    # With the keyboard: the arrow keys move from tab to tab.
    page.get_by_role("tab", name="English").first.focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#id_title_fr")).to_be_visible()
    expect(page.get_by_role("tab", name="French").first).to_be_focused()
    # With the mouse.
    page.get_by_role("tab", name="Russian").first.click()
    expect(russian).to_be_visible()
    expect(english).to_be_hidden()
    russian.fill("Десятое координационное совещание по международной миграции")
    assert_accessible(page)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    demo.refresh_from_db()
    assert demo.title_ru == "Десятое координационное совещание по международной миграции"
    assert demo.title_en == "Tenth Coordination Meeting on International Migration"


def test_a_field_with_an_error_shows_its_languages_tab_marked(
    live_server, page: Page, assert_accessible, demo
):
    """In the French admin the French tabs show; a page that comes back with an error in the
    English title opens its English tab, marked "!" and described by the error's message."""
    log_in(page, live_server.url)
    page.goto(live_server.url + "/fr" + reverse("admin:meetings_meeting_change", args=[demo.pk]))
    page.wait_for_load_state("load")
    english_tab = page.get_by_role("tab", name="Anglais", exact=True).first
    french_tab = page.get_by_role("tab", name="Français", exact=True).first
    english_tab.click()
    page.locator("#id_title_en").fill("")
    french_tab.click()
    expect(page.locator("#id_title_en")).to_be_hidden()
    page.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(page.locator(".errornote")).to_contain_text("Veuillez corriger l'erreur ci-dessous")
    english = page.locator("#id_title_en")
    expect(english).to_be_visible()
    expect(english_tab).to_have_attribute("aria-selected", "true")
    expect(french_tab).to_have_attribute("aria-selected", "false")
    expect(page.locator("#id_title_fr")).to_be_hidden()
    expect(english_tab).to_have_accessible_description("Ce champ est obligatoire.")
    expect(english_tab.locator(".plenary-tab-error-mark")).to_have_text("!")
    expect(english_tab.locator(".plenary-tab-error-mark")).to_be_visible()
    # Only the tab with the error is marked; the other groups keep the page's language.
    expect(page.locator(".plenary-tab-error")).to_have_count(1)
    expect(page.get_by_role("tab", name="Français", exact=True).nth(1)).to_have_attribute(
        "aria-selected", "true"
    )
    assert_accessible(page)
    demo.refresh_from_db()
    assert demo.title_en == "Tenth Coordination Meeting on International Migration"


def test_a_translation_status_link_opens_the_field_in_its_languages_tab(
    live_server, page: Page, assert_accessible, demo
):
    log_in(page, live_server.url)
    status = "/fr" + reverse("admin:meetings_meeting_translations", args=[demo.pk])
    page.goto(live_server.url + status)
    page.wait_for_load_state("load")
    assert_accessible(page)
    arabic = page.locator("section[aria-labelledby='language-ar']")
    arabic.get_by_role("listitem").filter(has_text=f"{demo.title_en} (titre)").get_by_role(
        "link"
    ).click()

    page.wait_for_load_state("load")
    assert page.url.endswith("#id_title_ar")
    title = page.locator("#id_title_ar")
    expect(title).to_be_visible()
    expect(title).to_be_focused()
    expect(title).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("tab", name="Arabe", exact=True).first).to_have_attribute(
        "aria-selected", "true"
    )
    expect(page.locator("#id_title_fr")).to_be_hidden()
    assert_accessible(page)

    # An objective's link opens the Arabic tab of its row in the meeting's table.
    page.goto(live_server.url + status)
    first_objective = demo.objectives.order_by("order", "pk").first()
    link = arabic.locator("a[href$='#id_objectives-0-text_ar']")
    expect(link).to_have_text(first_objective.text_en[:89].rstrip() + "…")  # shortened
    link.click()
    page.wait_for_load_state("load")
    objective = page.locator("#id_objectives-0-text_ar")
    expect(objective).to_be_visible()
    expect(objective).to_be_focused()
    expect(page.locator("#id_objectives-0-text_fr")).to_be_hidden()
