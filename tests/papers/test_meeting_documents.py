"""The meeting page's documents: one link per place, distinct titles, a byline that names the
organization once."""

import re

import pytest
from django.core.management import call_command

from meetings.models import Meeting
from papers.models import Document, DocumentStatus
from tests.factories import DocumentFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def section(page: str, heading: str) -> str:
    """The heading's section of the page's main content: up to the next heading or the end."""
    start = page.index(f">{heading}</h3>")
    ends = [end for end in (page.find("<h3", start), page.find("</main>", start)) if end != -1]
    return page[start : min(ends) if ends else None]


def links(html: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', html)


def test_demo_resolutions_have_distinct_titles_and_one_link_each(client):
    call_command("load_demo", verbosity=0)
    meeting = Meeting.objects.get(slug="tenth-coordination-meeting")

    page = client.get(meeting.get_absolute_url()).content.decode()
    resolutions = section(page, "General Assembly resolutions")

    documents = Document.objects.filter(meeting=meeting).exclude(symbol="").order_by("symbol")
    assert [d.title for d in documents] == [
        "International migration and development (resolution 58/208 of 23 December 2003)",
        "International migration and development (resolution 65/170 of 20 December 2010)",
    ]
    for document in documents:
        assert f'dir="auto">{document.title}</a>' in resolutions
    assert links(resolutions) == [
        documents[0].get_absolute_url(),
        "https://docs.un.org/en/A/RES/58/208",
        documents[1].get_absolute_url(),
        "https://docs.un.org/en/A/RES/65/170",
    ]
    assert "Read it online" not in resolutions


def test_an_external_link_elsewhere_than_the_symbol_is_kept(client, meeting):
    document = DocumentFactory(
        meeting=meeting,
        title="Report of the Secretary-General",
        symbol="A/67/254",
        external_url="https://www.un.org/en/development/desa/population/migration/",
        status=DocumentStatus.PUBLISHED,
    )

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert links(section(page, document.category.name)) == [
        document.get_absolute_url(),
        "https://www.un.org/en/development/desa/population/migration/",
        "https://docs.un.org/en/A/67/254",
    ]


@pytest.mark.parametrize(
    ("authors_text", "byline"),
    [
        ("", "<bdi>International Organization for Migration (IOM)</bdi> · English"),
        ("IOM", "<bdi>International Organization for Migration (IOM)</bdi> · English"),
        (
            "International Organization for Migration",
            "<bdi>International Organization for Migration (IOM)</bdi> · English",
        ),
        ("Ana Lopes, IOM", "<bdi>Ana Lopes, IOM</bdi> · English"),
        (
            "Ana Lopes (International Organization for Migration)",
            "<bdi>Ana Lopes (International Organization for Migration)</bdi> · English",
        ),
        (
            "Ana Lopes",
            "<bdi>Ana Lopes</bdi> · <bdi>International Organization for Migration (IOM)</bdi>"
            " · English",
        ),
        (
            "Bela Hovy, Prioms team",  # "iom" inside a word is not the organization
            "<bdi>Bela Hovy, Prioms team</bdi> · "
            "<bdi>International Organization for Migration (IOM)</bdi> · English",
        ),
    ],
)
def test_byline_names_the_organization_once(client, meeting, organization, authors_text, byline):
    DocumentFactory(
        meeting=meeting,
        organization=organization,
        authors_text=authors_text,
        status=DocumentStatus.PUBLISHED,
    )

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert f'<div class="small">\n    {byline}\n  </div>' in page


def test_byline_of_a_division_and_of_people(client, meeting):
    desa = OrganizationFactory(name="Department of Economic and Social Affairs", acronym="DESA")
    division = OrganizationFactory(name="Population Division", parent=desa)
    document = DocumentFactory(
        meeting=meeting,
        organization=division,
        authors_text="Population Division, DESA",
        status=DocumentStatus.PUBLISHED,
    )
    document.authors.add(PersonFactory(given_name="Bela", family_name="Hovy"))

    assert document.byline == ["Bela Hovy", "Population Division, DESA"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "<bdi>Bela Hovy</bdi> · <bdi>Population Division, DESA</bdi> · English" in page


def test_byline_without_an_organization_is_the_authors():
    assert DocumentFactory(authors_text="Ana Lopes", organization=None).byline == ["Ana Lopes"]
    assert DocumentFactory(authors_text="", organization=None).byline == []
