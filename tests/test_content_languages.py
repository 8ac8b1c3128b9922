"""Content entered in several languages, from one record (config/content_languages.py and each
app's translation.py): pages read the reader's language and mark a fallback with its own lang;
what staff save in one language never overwrites another; the released programme keeps every
language; the programme takes as many queries in each language; the demo has French and Spanish."""

import lxml.html
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import Organization
from meetings.models import AgendaItem, Honorific, Meeting, Person, Segment
from meetings.versions.services import live_snapshot
from meetings.versions.snapshot import programme_from_snapshot
from papers.models import DocumentStatus
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    DocumentFactory,
    MeetingFactory,
    ObjectiveFactory,
    PersonFactory,
    SecretariatFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

SLUG = "tenth-coordination-meeting"
LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]
FIRST_ITEM = "(//h5[@class='agenda-item'])[1]/bdi"


def address(code: str, path: str) -> str:
    return path if code == "en" else f"/{code}{path}"


def page(client, url: str) -> lxml.html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return lxml.html.fromstring(response.content.decode())


def texts(root, xpath: str) -> list[tuple[str, str | None]]:
    """Each element's text and its own lang attribute (None: the page's language)."""
    return [(e.text_content().strip(), e.get("lang")) for e in root.xpath(xpath)]


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_the_demo_programme_reads_in_french_and_spanish_from_one_record(client, demo):
    french = page(client, f"/fr/meetings/{SLUG}/programme/")
    assert texts(french, "//h1") == [
        ("Dixième Réunion de coordination sur les migrations internationales", None)
    ]
    headings = [text for text, _lang in texts(french, "//h5[@class='agenda-item']/bdi")]
    assert headings[0] == "Ouverture de la réunion"
    assert "Clôture de la réunion" in headings
    assert ("Séance du matin", None) in texts(french, "//span[@class='session-name']")

    spanish = page(client, f"/es/meetings/{SLUG}/programme/")
    assert texts(spanish, "//h1") == [
        ("Décima Reunión de Coordinación sobre Migración Internacional", None)
    ]
    assert "Apertura de la reunión" in [t for t, _ in texts(spanish, "//h5/bdi")]

    english = page(client, f"/meetings/{SLUG}/programme/")
    assert texts(english, "//h1") == [
        ("Tenth Coordination Meeting on International Migration", None)
    ]
    assert texts(english, FIRST_ITEM) == [("Opening of the meeting", None)]


def test_untranslated_content_falls_back_to_english_marked_lang_en(client, demo):
    arabic = page(client, f"/ar/meetings/{SLUG}/programme/")
    html = arabic.getroottree().getroot()
    assert (html.get("lang"), html.get("dir")) == ("ar", "rtl")
    assert texts(arabic, "//h1") == [
        ("Tenth Coordination Meeting on International Migration", "en")
    ]
    assert texts(arabic, FIRST_ITEM) == [("Opening of the meeting", "en")]
    assert {lang for _t, lang in texts(arabic, "//span[@class='session-name']")} == {"en"}
    # The honorific is Arabic, the Latin name isolated beside it.
    link = arabic.xpath("//a[@href='/ar/people/bela-hovy/']")[0]
    assert link.text_content() == "السيد Bela Hovy"
    assert link.xpath("bdi")[0].text == "Bela Hovy"

    overview = page(client, f"/ar/meetings/{SLUG}/")
    marked = overview.xpath("//*[@lang='en']")
    assert any("resolution 58/208" in element.text_content() for element in marked)


def test_a_text_translated_in_french_only_is_english_marked_on_the_spanish_page(client):
    meeting = MeetingFactory(title="Expert group meeting", status="published")
    meeting.title_fr = "Réunion du groupe d'experts"
    meeting.save()
    spanish = page(client, f"/es/meetings/{meeting.slug}/")
    assert texts(spanish, "//h1") == [("Expert group meeting", "en")]
    french = page(client, f"/fr/meetings/{meeting.slug}/")
    assert texts(french, "//h1") == [("Réunion du groupe d'experts", None)]


def test_chinese_writes_the_honorific_after_the_name(client, demo):
    chinese = page(client, f"/zh-hans/meetings/{SLUG}/programme/")
    names = [a.text_content() for a in chinese.xpath("//a[@href='/zh-hans/people/bela-hovy/']")]
    assert names
    assert set(names) == {"Bela Hovy先生"}


def test_saving_in_french_leaves_english_and_the_other_languages_alone():
    item = AgendaItemFactory(title="Opening of the meeting")
    with translation.override("fr"):
        item = AgendaItem.objects.get(pk=item.pk)
        assert item.title == "Opening of the meeting"  # English, as the fallback
        item.order = 7
        item.save()
        item.refresh_from_db()
        assert item.title_fr is None  # the fallback was not copied into French
        item.title = "Ouverture de la réunion"
        item.save()
    row = AgendaItem.objects.filter(pk=item.pk).values("title", "title_en", "title_fr").get()
    assert row == {
        "title": "Opening of the meeting",
        "title_en": "Opening of the meeting",
        "title_fr": "Ouverture de la réunion",
    }


def test_queries_on_a_translated_field_read_english_whatever_the_language():
    AgendaItemFactory(title="Beta", title_fr="Alpha")
    AgendaItemFactory(title="Alpha", title_fr="Zeta")
    for code in LANGUAGES:
        with translation.override(code):
            ordered = list(AgendaItem.objects.order_by("title").values_list("title_en", flat=True))
            assert ordered == ["Alpha", "Beta"], code
            assert AgendaItem.objects.filter(title="Beta").count() == 1


def test_a_released_version_keeps_every_language_whoever_releases_it(client):
    meeting = MeetingFactory(status="published")
    session = SessionFactory(meeting=meeting, name="Morning session", name_fr="Séance du matin")
    item = AgendaItemFactory(meeting=meeting, title="Opening", title_es="Apertura")
    item.sessions.add(session)
    Segment.objects.create(agenda_item=item, order=1, title="Keynote", title_fr="Discours")
    with translation.override("fr"):
        snapshot = live_snapshot(meeting)
    assert snapshot["format"] == 2
    stored = snapshot["days"][0]["sessions"][0]
    assert (stored["name"], stored["translations"]) == (
        "Morning session",
        {"fr": "Séance du matin"},
    )
    assert (stored["items"][0]["title"], stored["items"][0]["translations"]) == (
        "Opening",
        {"es": "Apertura"},
    )
    programme = programme_from_snapshot(snapshot)
    entry = programme.days[0].sessions[0]
    for code, name, title, segment in [
        ("en", "Morning session", "Opening", "Keynote"),
        ("fr", "Séance du matin", "Opening", "Discours"),
        ("es", "Morning session", "Apertura", "Keynote"),
    ]:
        with translation.override(code):
            assert (
                entry.session.name,
                entry.items[0].item.title,
                entry.items[0].segments[0].segment.title,
            ) == (name, title, segment), code


def test_a_version_released_before_languages_still_reads():
    """Format 1 had one text per title: it is read as English."""
    snapshot = {
        "format": 1,
        "days": [],
        "unscheduled": [
            {
                "id": 1,
                "number": 1,
                "title": "Opening of the meeting",
                "continued": False,
                "people": None,
                "segments": [{"id": 2, "title": "Keynote", "people": None}],
            }
        ],
    }
    with translation.override("fr"):
        entry = programme_from_snapshot(snapshot).unscheduled[0]
        assert entry.item.title == "Opening of the meeting"
        assert entry.segments[0].segment.title == "Keynote"


def test_the_programme_takes_the_same_queries_in_every_language(client, demo, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    counts = {}
    for code in LANGUAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address(code, f"/meetings/{SLUG}/programme/"))
        assert response.status_code == 200
        counts[code] = len(queries)
    assert len(set(counts.values())) == 1, counts


def test_organizations_and_honorifics_read_in_the_readers_language(demo):
    iom = Organization.objects.get(name="International Organization for Migration")
    with translation.override("fr"):
        assert iom.label == "Organisation internationale pour les migrations (OIM)"
    with translation.override("es"):
        assert iom.label == "Organización Internacional para las Migraciones (OIM)"
    with translation.override("en"):
        assert iom.label == "International Organization for Migration (IOM)"
    population = Organization.objects.get(name="Population Division")
    labels = {}
    for code in ("en", "fr", "ar", "zh-hans"):
        with translation.override(code):
            labels[code] = (population.label, str(iom))
    assert labels == {
        "en": ("Population Division, DESA", "International Organization for Migration (IOM)"),
        "fr": ("Division de la population, DAES", iom.name_fr + " (OIM)"),
        # Arabic writes names out: no English acronym beside an Arabic name.
        "ar": ("شعبة السكان، إدارة الشؤون الاقتصادية والاجتماعية", iom.name_ar),
        "zh-hans": ("人口司，经社部", iom.name_zh_hans + " (移民组织)"),  # noqa: RUF001
    }
    mister = Honorific.objects.get(name="Mr.")
    expected = {"fr": "M.", "es": "Sr.", "ru": "г-н", "ar": "السيد", "zh-hans": "先生"}  # noqa: RUF001
    for code, name in expected.items():
        with translation.override(code):
            assert mister.name == name


def test_a_persons_position_reads_in_the_readers_language(client, demo):
    person = Person.objects.get(slug="francois-crepeau")
    french = page(
        client, reverse("meetings:person_detail", args=[person.slug]).replace("/", "/fr/", 1)
    )
    assert texts(french, "//p[contains(@class, 'lead')]")[0] == (
        "Rapporteur spécial sur les droits de l'homme des migrants",
        None,
    )


def test_history_records_a_change_to_the_french_title():
    meeting = MeetingFactory(title="Tenth meeting")
    meeting.title_fr = "Dixième réunion"
    meeting.save()
    record = Meeting.history.filter(id=meeting.pk).latest()
    assert (record.title, record.title_en, record.title_fr) == (
        "Tenth meeting",
        "Tenth meeting",
        "Dixième réunion",
    )


@pytest.fixture
def officer_client(client):
    client.force_login(SecretariatFactory())
    return client


def test_the_translation_status_lists_what_is_missing_per_language(officer_client):
    meeting = MeetingFactory(title="Tenth meeting", title_fr="Dixième réunion", summary="")
    item = AgendaItemFactory(meeting=meeting, title="Opening", title_fr="Ouverture")
    AgendaItemFactory(meeting=meeting, title="Closing")
    url = reverse("admin:meetings_meeting_translations", args=[meeting.pk])
    root = page(officer_client, url)
    summary = {
        row.xpath("th")[0].text_content().strip(): row.xpath("td")[0].text_content().strip()
        for row in root.xpath("//table[contains(@class, 'translation-summary')]/tbody/tr")
    }
    assert summary["French"] == "2 of 3 (66%)"
    assert summary["Spanish"] == "0 of 3 (0%)"
    french = root.xpath("//section[@aria-labelledby='language-fr']")[0]
    links = {a.text_content(): a.get("href") for a in french.xpath(".//a")}
    closing = AgendaItem.objects.get(title="Closing")
    # Each link opens the French tab at the field (static/admin-fixes/language_tabs.js).
    closing_url = reverse("admin:meetings_agendaitem_change", args=[closing.pk])
    assert links == {"Closing": closing_url + "#id_title_fr"}
    pages = [h.split("#")[0] for h in links.values()]
    assert item.pk not in [int(h.rstrip("/").split("/")[-2]) for h in pages]
    change_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    assert change_url in root.xpath("//ol[@class='breadcrumbs']//a/@href")
    change = page(officer_client, change_url)
    assert url in change.xpath("//ul[@class='object-tools']//a/@href")


def test_a_text_entered_in_french_only_is_listed_as_missing_in_english(officer_client):
    meeting = MeetingFactory(title="Tenth meeting", title_fr="Dixième réunion")
    with translation.override("fr"):  # a focal point submits from the French pages
        paper = DocumentFactory(meeting=meeting, title="Migrations et développement")
    paper.refresh_from_db()
    assert (paper.title_en, paper.title_fr) == (None, "Migrations et développement")
    root = page(officer_client, reverse("admin:meetings_meeting_translations", args=[meeting.pk]))

    rows = root.xpath("//table[contains(@class, 'translation-summary')]/tbody/tr")
    summary = {
        row.xpath("th")[0].text_content().strip(): row.xpath("td")[0].text_content().strip()
        for row in rows
    }
    assert rows[0].xpath("th")[0].text_content().strip() == "English"  # first: the one to fix
    assert summary["English"] == "1 of 2 (50%)"
    assert summary["French"] == "2 of 2 (100%)"
    assert summary["Spanish"] == "0 of 2 (0%)"
    english = root.xpath("//section[@aria-labelledby='language-en']")[0]
    links = {a.text_content(): a.get("href") for a in english.xpath(".//a")}
    assert links == {
        "Migrations et développement": reverse("admin:papers_document_change", args=[paper.pk])
        + "#id_title_en"
    }
    assert "listed under English" in root.text_content()


def test_the_translation_status_leaves_english_out_when_nothing_lacks_it(officer_client):
    meeting = MeetingFactory(title="Tenth meeting", title_fr="Dixième réunion")
    root = page(officer_client, reverse("admin:meetings_meeting_translations", args=[meeting.pk]))
    assert root.xpath("//section[@aria-labelledby='language-en']") == []
    assert "listed under English" not in root.text_content()


def test_each_translation_status_link_opens_the_field_in_its_language(officer_client):
    """The fragment is the id of the field's input in that language on its admin page: the
    meeting's own fields, an objective's row of the meeting's inline, a session's page."""
    meeting = MeetingFactory(
        title="Tenth meeting",
        title_fr="Dixième réunion",
        title_zh_hans="第十次会议",
        title_ar="الاجتماع العاشر",
        title_ru="Десятое совещание",
        summary="",
    )
    ObjectiveFactory(meeting=meeting, order=1, text="Take stock", text_fr="Faire le point")
    ObjectiveFactory(meeting=meeting, order=2, text="Plan ahead")
    session = SessionFactory(meeting=meeting, name="Morning session", name_fr="Matinée")
    root = page(officer_client, reverse("admin:meetings_meeting_translations", args=[meeting.pk]))

    def links(code: str) -> dict[str, str]:
        section = root.xpath(f"//section[@aria-labelledby='language-{code}']")[0]
        return {a.text_content(): a.get("href") for a in section.xpath(".//a")}

    meeting_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    session_url = reverse("admin:meetings_session_change", args=[session.pk])
    assert links("fr") == {"Plan ahead": meeting_url + "#id_objectives-1-text_fr"}
    assert links("es") == {
        "Tenth meeting": meeting_url + "#id_title_es",
        "Take stock": meeting_url + "#id_objectives-0-text_es",
        "Plan ahead": meeting_url + "#id_objectives-1-text_es",
        "Morning session": session_url + "#id_name_es",
    }
    # The ids are the inputs' on those pages.
    change = page(officer_client, meeting_url)
    assert change.xpath("//input[@id='id_title_es']/@name") == ["title_es"]
    assert change.xpath("//*[@id='id_objectives-1-text_es']/@name") == ["objectives-1-text_es"]
    text_of = {e.get("id"): e.text_content().strip() for e in change.xpath("//textarea")}
    assert (text_of["id_objectives-1-text_en"], text_of["id_objectives-1-text_es"]) == (
        "Plan ahead",
        "",
    )
    assert page(officer_client, session_url).xpath("//input[@id='id_name_es']/@name") == ["name_es"]


def test_the_translation_status_is_for_staff_only(client, django_user_model):
    meeting = MeetingFactory()
    url = reverse("admin:meetings_meeting_translations", args=[meeting.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    focal_point = django_user_model.objects.create_user(email="focal@iom.example", password="x")
    client.force_login(focal_point)
    assert client.get(url).status_code == 302  # not staff: the admin's login
    staff = django_user_model.objects.create_user(
        email="intern@un.example", password="x", is_staff=True
    )
    client.force_login(staff)
    assert client.get(url).status_code == 403


def test_the_admin_offers_each_language_of_a_title(officer_client):
    meeting = MeetingFactory(title="Tenth meeting")
    root = page(officer_client, reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    names = set(root.xpath("//input/@name"))
    assert {f"title_{code.replace('-', '_')}" for code in LANGUAGES} <= names
    assert "title" not in names
    scripts = root.xpath("//script/@src")
    assert any(src.endswith("vendor/jquery-ui/jquery-ui.min.js") for src in scripts)
    assert not any(src.startswith(("http:", "https:", "//")) for src in scripts)


def test_each_languages_field_in_the_admin_is_typed_in_its_language(officer_client):
    """In the French admin, the Arabic title is typed right to left; each field carries its
    language, in a table's cell too (the objectives' inline), and a text area as an input."""
    meeting = MeetingFactory(title="Tenth meeting")
    ObjectiveFactory(meeting=meeting, text="Take stock")
    root = page(officer_client, "/fr" + reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert root.get("dir") == "ltr"

    def attributes(element_id: str) -> tuple[str, str | None, str | None]:
        element = root.get_element_by_id(element_id)
        return element.tag, element.get("lang"), element.get("dir")

    assert [attributes(f"id_title_{code.replace('-', '_')}") for code in LANGUAGES] == [
        ("input", "ar", "rtl"),
        ("input", "zh-hans", None),
        ("input", "en", None),
        ("input", "fr", None),
        ("input", "ru", None),
        ("input", "es", None),
    ]
    assert attributes("id_description_ar") == ("textarea", "ar", "rtl")
    assert attributes("id_objectives-0-text_ar") == ("textarea", "ar", "rtl")
    assert attributes("id_objectives-0-text_ru") == ("textarea", "ru", None)
    assert attributes("id_slug") == ("input", None, None)  # not a text in a language
    # And on a model of another app, with its own admin (papers' documents).
    document = DocumentFactory(meeting=meeting)
    paper = page(officer_client, reverse("admin:papers_document_change", args=[document.pk]))
    title = paper.get_element_by_id("id_title_ar")
    assert (title.get("lang"), title.get("dir")) == ("ar", "rtl")


def test_staff_find_an_item_by_its_french_title(officer_client):
    AgendaItemFactory(title="Opening of the meeting", title_fr="Ouverture de la réunion")
    response = officer_client.get(
        reverse("admin:meetings_agendaitem_changelist"), {"q": "Ouverture"}
    )
    assert "Opening of the meeting" in response.content.decode()


def test_a_person_in_the_programme_keeps_their_honorific_translated(client):
    meeting = MeetingFactory(status="published")
    session = SessionFactory(meeting=meeting)
    item = AgendaItemFactory(meeting=meeting, title="Opening")
    item.sessions.add(session)
    honorific = Honorific.objects.create(name="Amb.", name_fr="Ambassadeur", order=1)
    person = PersonFactory(honorific=honorific, given_name="Eva", family_name="Åkerman-Börje")
    AppearanceFactory(agenda_item=item, person=person)
    spanish = page(client, f"/es/meetings/{meeting.slug}/programme/")
    link = spanish.xpath(f"//a[@href='/es/people/{person.slug}/']")[0]
    assert link.text_content() == "Amb. Eva Åkerman-Börje"
    assert link.xpath("span")[0].get("lang") == "en"  # the English honorific, marked


def test_an_affiliation_derived_for_the_programme_is_stored_in_english():
    """It is plain text, the same for every reader: whoever saves works in French or not."""
    person = PersonFactory(position="Special Rapporteur", position_fr="Rapporteur spécial")
    item = AgendaItemFactory()
    with translation.override("fr"):
        appearance = AppearanceFactory(agenda_item=item, person=person, affiliation="")
    appearance.refresh_from_db()
    assert appearance.affiliation == "Special Rapporteur"


def test_a_document_under_an_item_is_listed_with_its_title_marked_where_it_falls_back(client):
    meeting = MeetingFactory(status="published")
    session = SessionFactory(meeting=meeting)
    item = AgendaItemFactory(meeting=meeting, title="Opening")
    item.sessions.add(session)
    DocumentFactory(
        meeting=meeting,
        agenda_item=item,
        title="Migration and development",
        status=DocumentStatus.PUBLISHED,
        external_url="https://example.org/paper",
    )
    DocumentFactory(
        meeting=meeting,
        agenda_item=item,
        title="Remittances",
        title_fr="Les envois de fonds",
        status=DocumentStatus.PUBLISHED,
        external_url="https://example.org/other",
    )
    french = page(client, f"/fr/meetings/{meeting.slug}/programme/")
    links = french.xpath("//a[contains(@href, '/fr/documents/')]")
    assert sorted((a.text_content(), [s.get("lang") for s in a.xpath("span")]) for a in links) == [
        ("Les envois de fonds", []),
        ("Migration and development", ["en"]),
    ]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "en",
            [("United Nations Headquarters", None), ("New York", None), ("United States", None)],
        ),
        (
            "fr",
            [
                ("Siège de l'Organisation des Nations Unies", None),
                ("New York", None),
                ("États-Unis", None),
            ],
        ),
        (
            "es",
            [("Sede de las Naciones Unidas", None), ("Nueva York", None), ("Estados Unidos", None)],
        ),
        # Venue and city not entered in Russian: English, marked; the country named by CLDR.
        (
            "ru",
            [
                ("United Nations Headquarters", "en"),
                ("New York", "en"),
                ("Соединенные Штаты", None),
            ],
        ),
        # Chinese joins them with its own comma.
        ("zh-hans", [("United Nations Headquarters", "en"), ("New York", "en"), ("美国", None)]),
    ],
)
def test_the_meeting_s_place_reads_in_the_reader_s_language(client, demo, code, expected):
    overview = page(client, address(code, f"/meetings/{SLUG}/"))
    header = overview.xpath("//p[contains(@class, 'lead')]")[0]
    place = header.text_content().split(" · ", 1)[1]
    comma = "，" if code == "zh-hans" else ", "  # noqa: RUF001
    assert place == comma.join(text for text, _lang in expected)
    marked = {bdi.text_content(): bdi.get("lang") for bdi in header.xpath("bdi[@lang]")}
    assert marked == {text: lang for text, lang in expected if lang}


def test_the_home_page_names_the_city_in_the_reader_s_language(client, demo):
    spanish = page(client, "/es/")
    assert any("Nueva York" in text for text, _lang in texts(spanish, "//main//li//span"))


def test_a_person_s_country_reads_in_the_reader_s_language(client, demo):
    spanish = page(client, "/es/people/eva-akerman-borje/")
    assert "Suecia" in [text for text, _lang in texts(spanish, "//main//p")]
    english = page(client, "/people/eva-akerman-borje/")
    assert "Sweden" in [text for text, _lang in texts(english, "//main//p")]
