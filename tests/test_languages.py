"""The six UN languages in the addresses (config/languages.py): English where it always was, the
others under their prefix; a first visit negotiated from Accept-Language; a switcher of plain links
that keeps the reader on the page; `lang`, `dir` and hreflang; complete catalogues."""

import gettext
import re
from pathlib import Path

import lxml.html
import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"
SLUG = "tenth-coordination-meeting"
PROGRAMME = f"/meetings/{SLUG}/programme/"
MISSING_PAGE = "/no-such-page/"
EXPECTED = {
    "ar": ("rtl", "تنظيم الأعمال"),
    "zh-hans": ("ltr", "工作安排"),
    "en": ("ltr", "Organization of work"),
    "fr": ("ltr", "Organisation des travaux"),
    "ru": ("ltr", "Организация работы"),
    "es": ("ltr", "Organización de los trabajos"),
}


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def address(code: str, path: str) -> str:
    return path if code == "en" else f"/{code}{path}"


def page(client, url: str, **headers) -> lxml.html.HtmlElement:
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return lxml.html.fromstring(response.content.decode())


@pytest.mark.parametrize("code", list(EXPECTED))
def test_the_programme_is_in_each_language_with_its_lang_and_dir(client, demo, code):
    direction, heading = EXPECTED[code]
    root = page(client, address(code, PROGRAMME))
    html = root.getroottree().getroot()
    assert (html.get("lang"), html.get("dir")) == (code, direction)
    assert heading in [h.text_content().strip() for h in root.xpath("//h2")]
    stylesheets = root.xpath('//link[@rel="stylesheet"]/@href')
    rtl_sheet = any("bootstrap.rtl.min.css" in href for href in stylesheets)
    assert rtl_sheet is (direction == "rtl")


def test_each_page_names_its_six_addresses_for_search_engines(client, demo, settings):
    root = page(client, f"/fr{PROGRAMME}")
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in root.xpath('//link[@rel="alternate"][@hreflang]')
    }
    site = settings.SITE_URL  # the site's own address, never the request's Host
    assert alternates == {
        "ar": f"{site}/ar{PROGRAMME}",
        "zh-hans": f"{site}/zh-hans{PROGRAMME}",
        "en": f"{site}{PROGRAMME}",
        "x-default": f"{site}{PROGRAMME}",
        "fr": f"{site}/fr{PROGRAMME}",
        "ru": f"{site}/ru{PROGRAMME}",
        "es": f"{site}/es{PROGRAMME}",
    }


def switcher(root: lxml.html.HtmlElement) -> dict[str, lxml.html.HtmlElement]:
    (nav,) = root.xpath('//nav[contains(@class, "language-switcher")]')
    return {link.text_content().strip(): link for link in nav.xpath(".//a")}


def test_the_switcher_offers_each_language_in_its_own_name_and_marks_the_current(client, demo):
    links = switcher(page(client, f"/ru{PROGRAMME}"))
    assert list(links) == ["العربية", "中文", "English", "Français", "Русский", "Español"]
    assert [name for name, a in links.items() if a.get("aria-current")] == ["Русский"]
    assert links["العربية"].get("dir") == "rtl"
    assert links["中文"].get("lang") == "zh-hans"


def test_the_switcher_keeps_the_reader_on_the_same_page_and_remembers(client, demo):
    links = switcher(page(client, f"{PROGRAMME}?day=2"))
    response = client.get(links["Français"].get("href"))
    assert response.status_code == 302
    assert response["Location"] == f"/fr{PROGRAMME}?day=2"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    # Remembered: an English address now opens in French.
    assert client.get("/")["Location"] == "/fr/"
    # Back to English from the French page: stays English.
    links = switcher(page(client, f"/fr{PROGRAMME}"))
    response = client.get(links["English"].get("href"))
    assert response["Location"] == PROGRAMME
    assert client.get(PROGRAMME).status_code == 200


def test_the_switcher_sends_nobody_to_another_site(client):
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.get(reverse("switch_language", args=["es"]), {"next": target})
        assert response["Location"] == "/es/", target


def test_an_unknown_language_is_english(client):
    response = client.get(reverse("switch_language", args=["xx"]), {"next": PROGRAMME})
    assert response["Location"] == PROGRAMME
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_first_visit_opens_in_the_browser_s_language(client, demo):
    response = client.get(PROGRAMME, HTTP_ACCEPT_LANGUAGE="es-MX, es;q=0.9, en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == f"/es{PROGRAMME}"
    assert "Accept-Language" in response["Vary"]
    assert "no-store" in response["Cache-Control"]
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert chinese["Location"] == "/zh-hans/"


def test_an_english_reader_and_a_prefixed_address_are_never_sent_elsewhere(client, demo):
    assert client.get(PROGRAMME, HTTP_ACCEPT_LANGUAGE="en-GB").status_code == 200
    assert client.get(PROGRAMME, HTTP_ACCEPT_LANGUAGE="de-DE").status_code == 200
    assert client.get(f"/ru{PROGRAMME}", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200


def test_an_english_choice_wins_over_the_browser(client, demo):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(PROGRAMME, HTTP_ACCEPT_LANGUAGE="ar").status_code == 200


def test_only_pages_are_sent_to_another_language(client, demo):
    """The API, robots.txt and a form posted to an English address answer where they are."""
    french = {"HTTP_ACCEPT_LANGUAGE": "fr"}
    assert client.get("/api/v1/meetings/", **french).status_code == 200
    assert client.get("/robots.txt", **french).status_code == 200
    login = client.post(reverse("accounts:login"), {"username": "x@example.org"}, **french)
    assert login.status_code == 200


def test_old_english_links_and_guessed_en_addresses_still_work(client, demo):
    assert client.get(PROGRAMME).status_code == 200
    response = client.get(f"/en{PROGRAMME}?day=1")
    assert (response.status_code, response["Location"]) == (302, f"{PROGRAMME}?day=1")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_the_admin_speaks_the_staff_member_s_language(admin_client):
    root = page(admin_client, "/fr/admin/")
    assert root.getroottree().getroot().get("lang") == "fr"
    (title,) = root.xpath("//title")
    assert title.text_content().strip() == "Secrétariat | Plenary"  # index title | site title
    (brand,) = root.xpath('//*[@id="site-name"]')
    assert brand.text_content().strip() == "Administration de Plenary"  # our site header
    assert "Secrétariat" in [h.text_content().strip() for h in root.xpath("//h1")]  # index title


def test_the_page_cache_keeps_each_language_apart(client, demo):
    english = client.get(PROGRAMME).content.decode()
    french = client.get(f"/fr{PROGRAMME}").content.decode()
    assert "Organization of work" in english
    assert "Organisation des travaux" in french
    assert client.get(PROGRAMME).content.decode() == english


def strings_of(string: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(string) if isinstance(string, (tuple, list)) else (string,)


@pytest.mark.parametrize("folder", ["ar", "zh_Hans", "fr", "ru", "es"])
def test_each_catalogue_is_complete_and_compiled(folder):
    """Every message translated, none fuzzy, the placeholders kept, and the compiled .mo the
    same messages as the .po (make messages compiles them)."""
    po_path = LOCALE / folder / "LC_MESSAGES" / "django.po"
    with po_path.open("rb") as po_file:
        catalogue = read_po(po_file)
    with (LOCALE / folder / "LC_MESSAGES" / "django.mo").open("rb") as mo_file:
        compiled = read_mo(mo_file)
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    # A plural form used for one number only (Arabic's "one" and "two") may spell it out in
    # words instead of its placeholder: "صفحتان" is "two pages".
    form_of = gettext.c2py(catalogue.plural_expr)
    numbers_of_form: dict[int, set[int]] = {}
    for n in range(1000):
        numbers_of_form.setdefault(form_of(n), set()).add(n)
    missing, fuzzy, broken, stale = [], [], [], []
    for message in catalogue:
        if not message.id:
            continue
        singular = message.id[0] if isinstance(message.id, tuple) else message.id
        plural = message.id[1] if isinstance(message.id, tuple) else message.id
        strings = strings_of(message.string)
        if not all(strings):
            missing.append(singular)
        if message.fuzzy:
            fuzzy.append(singular)
        wanted = set(placeholder.findall(plural)) - {"%(counter)s"}
        forms = list(enumerate(strings))[1:] if len(strings) > 1 else list(enumerate(strings))
        for form, text in forms:
            lost = wanted - set(placeholder.findall(text))
            if len(strings) > 1 and len(numbers_of_form.get(form, ())) == 1:
                lost = {kept for kept in lost if not kept.endswith(")d") and kept != "%(count)s"}
            if lost:
                broken.append(singular)
                break
        built = compiled.get(message.id, context=message.context)
        if built is None or strings_of(built.string) != strings:
            stale.append(singular)
    assert (missing, fuzzy, broken, stale) == ([], [], [], [])


class Lookups:
    """Every message the interface looked up in the catalogues while it was recording, with what
    came back: a message that comes back as it went in was not translated."""

    def __init__(self) -> None:
        self.untranslated: set[str] = set()
        self.recording = False
        self.same: set[str] = set()  # messages the catalogue translates as themselves

    def wrap(self, function, plural: bool = False, context: bool = False):
        def wrapped(*args):
            result = function(*args)
            if self.recording:
                messages = args[1:] if context else args
                singular, other = (messages[0], messages[1]) if plural else (messages[0], None)
                if (
                    result in (singular, other)
                    and result.strip()
                    and not IDENTICAL.match(result)
                    and result not in self.same
                ):
                    self.untranslated.add(result)
            return result

        return wrapped


# Messages that are the same in every language: the product's name, formats, and messages made
# only of placeholders and punctuation.
IDENTICAL = re.compile(r"^(Plenary|PDF|schedule\.(xml|json)|(%\(\w+\)[sd]|[\s:,.·—()→\-])+)$")


@pytest.fixture
def lookups(monkeypatch):
    from django.utils import translation  # noqa: PLC0415

    recorder = Lookups()
    trans = translation._trans
    for name, plural, context in (
        ("gettext", False, False),
        ("ngettext", True, False),
        ("pgettext", False, True),
        ("npgettext", True, True),
    ):
        monkeypatch.setattr(
            trans, name, recorder.wrap(getattr(trans, name), plural=plural, context=context)
        )
    return recorder


def public_pages() -> list[str]:
    """The public pages of the demo (and a 404), shared with tests/browser/test_languages.py."""
    from django.db.models import Count  # noqa: PLC0415

    from meetings.models import Meeting, Person  # noqa: PLC0415
    from papers.models import Document, DocumentStatus  # noqa: PLC0415

    meeting = Meeting.objects.get(slug=SLUG)
    person = Person.objects.filter(appearances__isnull=False).order_by("pk").first()
    published = Document.objects.filter(status=DocumentStatus.PUBLISHED)
    # A resolution (its symbol linked) and the document with files in several languages.
    documents = [
        published.order_by("pk").first(),
        published.annotate(files=Count("versions")).order_by("-files", "pk").first(),
    ]
    with translation.override("en"):  # the English addresses, to prefix with each language
        return _addresses(meeting, person, documents)


def _addresses(meeting, person, documents) -> list[str]:
    return [
        reverse("meetings:home"),
        reverse("meetings:series_detail", args=[meeting.series.slug]),
        reverse("meetings:meeting_detail", args=[SLUG]),
        reverse("meetings:programme", args=[SLUG]),
        reverse("meetings:programme_changes", args=[SLUG]),
        reverse("meetings:person_detail", args=[person.slug]),
        *dict.fromkeys(reverse("papers:document_detail", args=[d.pk]) for d in documents),
        reverse("participants:list", args=[SLUG]),
        reverse("accounts:login"),
        MISSING_PAGE,
    ]


def translated_as_themselves(code: str) -> set[str]:
    """Messages our catalogue for `code` gives as they are ("Dates" and "Documents" in French),
    each checked by a translator: not untranslated."""
    folder = LOCALE / translation.to_locale(code) / "LC_MESSAGES" / "django.po"
    with folder.open("rb") as po_file:
        catalogue = read_po(po_file)
    same = set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        same |= {text for text in ids if text and text in strings_of(message.string)}
    return same


@pytest.mark.parametrize("code", ["ar", "zh-hans", "fr", "ru", "es"])
def test_no_page_shows_an_untranslated_message(client, demo, settings, lookups, code):
    """Every public page, the login page and the 404 page, in each of the five languages: the
    interface looks up no message that comes back untranslated (content is not looked up)."""
    settings.PUBLIC_PAGE_CACHE = False  # render each page, not a stored copy
    lookups.same = translated_as_themselves(code)
    lookups.recording = True
    for path in public_pages():
        response = client.get(f"/{code}{path}")
        assert response.status_code in (200, 404), path
    assert sorted(lookups.untranslated) == []


def test_a_russian_date_ends_a_sentence_with_one_full_stop(client, demo):
    """Russian dates end in "g." (the year's abbreviation, in Cyrillic): a sentence ending with
    one takes no second stop."""
    year = "\N{CYRILLIC SMALL LETTER GHE}."
    for slug in (SLUG, "eleventh-coordination-meeting"):
        text = page(client, f"/ru/meetings/{slug}/").text_content()
        assert f"{year} " in text  # a date that ends a sentence, then the next one
        assert f"{year}." not in text, slug
