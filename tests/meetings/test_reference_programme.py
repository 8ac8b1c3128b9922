"""The reference meeting, loaded by load_demo, reads exactly as the secretariat's own page."""

import io
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

SLUG = "tenth-coordination-meeting"

# The reference page's "Organization of work", line by line (names spelled correctly).
REFERENCE_PROGRAMME = [
    "Thursday, 9 February 2012",
    "10.00 – 13.00 Morning session",
    "I. Opening of the meeting",
    "Mr. Bela Hovy, Population Division, DESA",
    "II. The Global Forum on Migration and Development",
    "III. The 2013 High-level Dialogue on International Migration and Development",
    "Amb. Eva Åkerman-Börje, Ministry of Justice, Sweden. Reflections on the role and "
    "contribution of the Global Forum on Migration and Development to the 2013 High-level Dialogue",
    "Professor François Crépeau, Special Rapporteur on the human rights of migrants. Preparing "
    "for the 2013 High-level Dialogue: A human rights perspective",
    "Mr. John Bingham, International Catholic Migration Commission, Switzerland. Reflections on "
    "the role and contribution of civil society to the 2013 High-level Dialogue",
    "Moderator: Amb. Luis Alfonso de Alba, Permanent Representative of Mexico to the United "
    "Nations",
    "15.00 – 18.00 Afternoon session",
    "IV. International migration and development: regional dimensions and interagency coordination",
    "Strengthening national capacities to deal with international migration: Outcomes of a "
    "development account project",
    "Moderator: Mr. Paulo Saad, Economic Commission for Latin America and the Caribbean (ECLAC)",
    "Regional preparations for the 2013 High-level Dialogue: Towards a common agenda",
    "Moderators: Mr. Andres Vikat, Economic Commission for Europe (ECE) and Michele Klein Solomon, "
    "International Organization for Migration (IOM)",
    "V. Migration and development: Recent contributions to the evidence base",
    "Friday, 10 February 2012",
    "10.00 – 13.00 Morning session",
    "V. Migration and development: Recent contributions to the evidence base (continued)",
    "15.00 – 18.00 Afternoon session",
    "VI. New initiatives on international migration and development",
    "Selected presentations",
    "VII. Closing of the meeting",
    "Mr. Bela Hovy, Population Division, DESA",
]


def visible_lines(html: str) -> list[str]:
    """The page's text as a reader sees it: one line per heading or list entry."""
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r"</(h[1-6]|li|p)>", "\n", main)
    text = unescape(re.sub(r"<[^>]+>", "", main))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def test_programme_reads_exactly_as_the_reference_page(client, demo):
    html = client.get(reverse("meetings:programme", kwargs={"slug": SLUG})).content.decode()
    lines = visible_lines(html)
    start = lines.index("Thursday, 9 February 2012")
    # Ours adds a calendar link under each session, which the reference page does not have.
    calendar_links = [
        line for line in lines if line.startswith("Add this session to your calendar")
    ]
    assert len(calendar_links) == 4
    assert [line for line in lines[start:] if line not in calendar_links] == REFERENCE_PROGRAMME


def test_meeting_page_reads_as_the_reference(client, demo):
    html = client.get(reverse("meetings:meeting_detail", kwargs={"slug": SLUG})).content.decode()
    lines = visible_lines(html)
    assert "Tenth Coordination Meeting on International Migration" in lines
    assert "9–10 February 2012 · United Nations Headquarters, New York, United States" in lines
    assert any("General Assembly resolution 58/208 of 13 February 2004" in line for line in lines)


def test_home_leads_to_the_reference_meeting(client, demo):
    html = client.get(reverse("meetings:home")).content.decode()
    assert f'href="/meetings/{SLUG}/"' in html
    assert "Tenth Coordination Meeting on International Migration" in html


def test_a_speakers_page_lists_their_appearances(client, demo):
    html = client.get("/people/francois-crepeau/").content.decode()
    lines = visible_lines(html)
    assert "Professor François Crépeau" in lines
    assert any(
        "item III. The 2013 High-level Dialogue" in line
        and "Preparing for the 2013 High-level Dialogue: A human rights perspective" in line
        for line in lines
    )
