"""The public list of participants in the reader's language: organizations and people sorted by
its collation (CLDR, through ICU), organizations by their name in it, countries named in it
(CLDR), the honorific where the language writes it, and content entered in English only marked
lang="en"."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import OrganizationKind
from meetings.models import Role
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    HonorificFactory,
    NominationFactory,
    OrganizationFactory,
    PersonFactory,
    RegistrationFactory,
)
from tests.participants.test_public_list import pdf_text

pytestmark = pytest.mark.django_db

ORGANIZATIONS = [
    # English, French
    ("African Union", "Union africaine"),
    (
        "International Centre for Migration Policy Development",
        "Centre international pour le développement des politiques migratoires",
    ),
    ("League of Arab States", "Ligue des États arabes"),
]


@pytest.fixture
def published(meeting):
    return RegistrationFactory(meeting=meeting, list_published=True)


def list_in(client, meeting, language: str) -> str:
    with translation.override(language):
        url = reverse("participants:list", args=[meeting.slug])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def headings(html: str) -> list[str]:
    """The entries' headings (the organizations), under the group's heading."""
    return [re.sub(r"<[^>]+>", "", text) for text in re.findall(r"<h3[^>]*>(.*?)</h3>", html)]


def names(html: str) -> list[str]:
    return re.findall(r'<span class="participant-name" dir="auto">([^<]*)</span>', html)


def test_organizations_are_in_the_order_of_their_names_in_the_reader_s_language(
    client, meeting, published
):
    for english, french in ORGANIZATIONS:
        organization = OrganizationFactory(
            name=english, name_fr=french, kind=OrganizationKind.INTERGOVERNMENTAL
        )
        NominationFactory(meeting=meeting, organization=organization)

    assert headings(list_in(client, meeting, "en")) == [
        "African Union",
        "International Centre for Migration Policy Development",
        "League of Arab States",
    ]
    assert headings(list_in(client, meeting, "fr")) == [
        "Centre international pour le développement des politiques migratoires",
        "Ligue des États arabes",
        "Union africaine",
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # Han names after Latin ones, in the order of their code points (张 U+5F20, 阿 U+963F).
        ("en", ["Ana Pena", "Rosa Peña", "Luis Penz", "Wei Smith", "伟 张", "阿明 阿"]),
        # ñ is a letter of its own in Spanish, after n.
        ("es", ["Ana Pena", "Luis Penz", "Rosa Peña", "Wei Smith", "伟 张", "阿明 阿"]),
        # Han names first, by pinyin: 阿 a before 张 zhang.
        ("zh-hans", ["阿明 阿", "伟 张", "Ana Pena", "Rosa Peña", "Luis Penz", "Wei Smith"]),
    ],
)
def test_people_are_in_the_order_of_the_reader_s_language(
    client, meeting, published, language, expected
):
    organization = OrganizationFactory(
        name="International Organization for Migration", kind=OrganizationKind.UN_RELATED
    )
    for given, family in [
        ("伟", "张"),
        ("Luis", "Penz"),
        ("Rosa", "Peña"),
        ("阿明", "阿"),
        ("Wei", "Smith"),
        ("Ana", "Pena"),
    ]:
        NominationFactory(
            meeting=meeting, organization=organization, given_name=given, family_name=family
        )
    assert names(list_in(client, meeting, language)) == expected


def test_sorting_in_another_language_adds_no_query(client, meeting, published):
    organization = OrganizationFactory(kind=OrganizationKind.UN_RELATED)
    NominationFactory(meeting=meeting, organization=organization, family_name="Peña")
    list_in(client, meeting, "en")
    counts = {}
    for language in ("es", "zh-hans", "ar", "ru"):
        # The first read in each language: each is its own copy in the page cache.
        with CaptureQueriesContext(connection) as queries:
            list_in(client, meeting, language)
        counts[language] = len(queries)
    # As in English (test_public_list): the page cache's version, the meeting with its
    # registration, then the roster's nominations and appearances.
    assert counts == dict.fromkeys(counts, 4)


@pytest.fixture
def crowd(meeting, published):
    """A delegate of a ministry with a French name, a speaker of an organization named in
    English only, with a position in English only."""
    mister = HonorificFactory(name="Mr.", name_fr="M.", name_zh_hans="先生")
    ministry = OrganizationFactory(
        name="Ministry of Justice",
        name_fr="Ministère de la justice",
        kind=OrganizationKind.GOVERNMENT,
        country="Sweden",
    )
    NominationFactory(
        meeting=meeting,
        organization=ministry,
        honorific=mister,
        given_name="Lars",
        family_name="Öberg",
        position="Ministry of Justice, Sweden",
    )
    icmc = OrganizationFactory(
        name="International Catholic Migration Commission",
        acronym="ICMC",
        kind=OrganizationKind.CIVIL_SOCIETY,
    )
    AppearanceFactory(
        agenda_item=AgendaItemFactory(meeting=meeting),
        role=Role.SPEAKER,
        person=PersonFactory(
            given_name="François",
            family_name="Crépeau",
            honorific=mister,
            organization=icmc,
            position="Special Rapporteur on the human rights of migrants",
        ),
    )


def test_the_list_reads_in_french_with_english_only_content_marked(client, meeting, crowd):
    html = list_in(client, meeting, "fr")
    # The country in French (CLDR), the ministry by its French name, the delegate's position
    # left out: it only named the ministry and the country, in English.
    assert '<h3 class="participants-entry-heading" dir="auto">Suède</h3>' in html
    assert (
        '<span class="participant-name" dir="auto">M. Lars Öberg</span>, '
        '<span class="participant-affiliation" dir="auto">Ministère de la justice</span>'
    ) in html
    # Entered in English only: the organization and the position say so to a screen reader.
    assert (
        '<h3 class="participants-entry-heading" dir="auto" lang="en">'
        "International Catholic Migration Commission (ICMC)</h3>"
    ) in html
    assert (
        '<span class="participant-name" dir="auto">M. François Crépeau</span>, <span dir="auto" '
        'lang="en">Special Rapporteur on the human rights of migrants</span>'
    ) in html


def test_the_list_in_english_marks_nothing(client, meeting, crowd):
    html = list_in(client, meeting, "en")
    assert '<h3 class="participants-entry-heading" dir="auto">Sweden</h3>' in html
    assert "International Catholic Migration Commission (ICMC)</h3>" in html
    assert 'lang="en"' not in html[html.index("<main") :]


def test_chinese_writes_the_honorific_after_the_name_on_the_list_and_its_pdf(
    client, meeting, crowd
):
    html = list_in(client, meeting, "zh-hans")
    assert '<span class="participant-name" dir="auto">Lars Öberg先生</span>' in html
    assert '<h3 class="participants-entry-heading" dir="auto">瑞典</h3>' in html
    with translation.override("zh-hans"):
        url = reverse("participants:list_pdf", args=[meeting.slug])
    text = pdf_text(client.get(url).content)
    assert "Lars Öberg先生" in text
    assert "瑞典" in text
