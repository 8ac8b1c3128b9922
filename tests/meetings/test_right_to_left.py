"""Arabic pages read in order as a reader and a screen reader get them: list numbers and agenda
numerals on the right, each English piece in an isolate of its own with its lang, the Arabic
comma between the pieces of a line, file extensions and addresses set left to right."""

import lxml.html
import pytest
from django.core.management import call_command
from django.utils import translation

from config.language_tags import extensions_ltr
from meetings.exports.pdf import programme_pdf_html
from meetings.models import Meeting

pytestmark = pytest.mark.django_db

SLUG = "tenth-coordination-meeting"


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def page(client, url: str) -> lxml.html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return lxml.html.fromstring(response.content.decode())


def test_objectives_number_in_the_pages_direction_around_english_text(client, demo):
    arabic = page(client, f"/ar/meetings/{SLUG}/")
    items = arabic.xpath("//section[@aria-labelledby='objectives-heading']/ol/li")
    assert len(items) == 3
    for li in items:
        # The item keeps the page's direction (its number on the right, inside the indent)...
        assert (li.get("dir"), li.get("lang")) == (None, None)
        # ...and its English text is marked, in an element of its own.
        [text] = li.xpath("span")
        assert (text.get("lang"), text.get("dir")) == ("en", "auto")
    assert items[0].text_content().startswith("Pursuant to resolution 65/170")

    french = page(client, f"/fr/meetings/{SLUG}/")
    spans = french.xpath("//section[@aria-labelledby='objectives-heading']/ol/li/span")
    assert [span.get("lang") for span in spans] == [None, None, None]


def test_agenda_numerals_are_set_left_to_right_in_a_box_in_the_pages_direction(client, demo):
    arabic = page(client, f"/ar/meetings/{SLUG}/programme/")
    heading = arabic.xpath("(//h5[@class='agenda-item'])[1]")[0]
    [numeral] = heading.xpath("span[@class='numeral']")
    assert numeral.get("dir") is None
    [digits] = numeral.xpath("bdi")
    assert (digits.get("dir"), digits.text) == ("ltr", "I.")
    assert heading.xpath("bdi")[0].get("lang") == "en"
    assert heading.text_content() == "I. Opening of the meeting"


def test_the_changes_page_sets_an_items_heading_as_the_programme_does(client, demo):
    arabic = page(client, f"/ar/meetings/{SLUG}/programme/changes/")
    [heading] = arabic.xpath("//h4[@class='change-item']")
    assert heading.get("dir") is None
    numeral, title = heading.xpath("bdi")
    assert (numeral.get("dir"), numeral.text) == ("ltr", "III.")
    assert title.text == "The 2013 High-level Dialogue on International Migration and Development"


def speaker_line(root, name: str) -> lxml.html.HtmlElement:
    return root.xpath(f"//ul[@class='agenda-entries']/li[.//bdi[text()='{name}']]")[0]


def test_a_speaker_line_uses_the_arabic_comma_and_isolates_each_english_piece(client, demo):
    arabic = page(client, f"/ar/meetings/{SLUG}/programme/")
    line = speaker_line(arabic, "Eva Åkerman-Börje")
    link = line.xpath("a")[0]
    affiliation = line.xpath("bdi")[0]
    assert affiliation.text == "Ministry of Justice, Sweden"
    assert link.tail == "، "
    assert affiliation.tail == ". "
    [title] = line.xpath("span[@class='presentation-title']")
    assert (title.get("lang"), title.get("dir")) == ("en", "auto")
    assert title.text.startswith("Reflections on the role and contribution of the Global Forum")

    english = page(client, f"/meetings/{SLUG}/programme/")
    assert speaker_line(english, "Eva Åkerman-Börje").xpath("a")[0].tail == ", "


def test_a_persons_page_joins_its_lines_with_the_arabic_comma(client, demo):
    arabic = page(client, "/ar/people/eva-akerman-borje/")
    places = arabic.xpath("//ul[@class='person-places']/li")
    assert len(places) == 2
    tenth = places[1]
    role = tenth.xpath("span[@class='role-heading']")[0]
    assert role.tail == "، "
    link = tenth.xpath("a")[0]
    numeral, item = link.xpath("bdi")
    assert (numeral.get("dir"), numeral.text) == ("ltr", "III.")
    assert item.get("lang") == "en"
    assert tenth.xpath("span[@class='presentation-title']")[0].get("lang") == "en"
    when = tenth.xpath("span[contains(@class, 'text-secondary-ink')]")[0]
    assert when.text_content() == "الخميس، 9 فبراير 2012، 10:00–13:00، Morning session"
    assert when.xpath("bdi")[0].get("lang") == "en"
    assert ", " not in when.text_content()


def test_a_calendar_links_file_extension_reads_left_to_right(client, demo):
    arabic = page(client, f"/ar/meetings/{SLUG}/")
    [link] = arabic.xpath("//nav[contains(@class, 'programme-exports')]//a[contains(., 'ics')]")
    # The translator's message as it is, its extension isolated.
    assert link.text_content() == "الإضافة إلى التقويم (.ics)"
    assert [(bdi.get("dir"), bdi.text) for bdi in link.xpath("bdi")] == [("ltr", ".ics")]
    person = page(client, "/ar/people/eva-akerman-borje/")
    assert person.xpath("//a[contains(., 'ics')]/bdi[@dir='ltr']")[0].text == ".ics"


def test_extensions_ltr_escapes_the_label_and_isolates_only_extensions():
    assert extensions_ltr("Add to calendar (.ics)") == 'Add to calendar (<bdi dir="ltr">.ics</bdi>)'
    assert extensions_ltr("日历（.ics）") == '日历（<bdi dir="ltr">.ics</bdi>）'  # noqa: RUF001
    assert extensions_ltr("Dr. <b> v1.2") == "Dr. &lt;b&gt; v1.2"


def test_the_arabic_pdf_prints_its_address_left_to_right_and_its_numerals_on_the_right(demo):
    meeting = Meeting.objects.get(slug=SLUG)
    with translation.override("ar"):
        html = programme_pdf_html(meeting)
    root = lxml.html.fromstring(html)
    [online] = root.xpath("//p[@class='online']/a")
    assert online.get("dir") == "ltr"
    assert online.text.startswith("http")
    numeral = root.xpath("(//h4[@class='agenda-item'])[1]/span[@class='numeral']")[0]
    assert numeral.get("dir") is None
    assert [(span.get("dir"), span.text) for span in numeral.xpath("span")] == [("ltr", "I.")]
    assert "، " in root.xpath("//ul[@class='agenda-entries']/li")[0].text_content()
