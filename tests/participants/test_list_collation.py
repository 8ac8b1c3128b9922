"""The public list of participants sorts organizations and people by the reader's language: the
organizations by their name in that language, both by its collation (CLDR, through ICU)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import OrganizationKind
from tests.factories import NominationFactory, OrganizationFactory, RegistrationFactory

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
