"""Meetings' titles, people's names and positions follow accounts/text.py: no text-direction
controls, one line, NFC; and the admin's search finds "Crépeau" however the accent was typed."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from meetings.models import AgendaItem, Meeting, Person
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    MeetingFactory,
    PersonFactory,
    SecretariatFactory,
    SegmentFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

BIDI_MESSAGE = (
    "This text contains an invisible text-direction character (U+202E), which can make it read "
    "differently from what is stored. Type it again, or paste it as plain text, without it."
)


@pytest.fixture
def secretariat_client(client):
    client.force_login(SecretariatFactory())
    return client


def test_decomposed_name_is_stored_nfc():
    person = PersonFactory(given_name="Franc\u0327ois", family_name="Cre\u0301peau")

    person.refresh_from_db()
    assert (person.given_name, person.family_name) == ("Fran\u00e7ois", "Cr\u00e9peau")
    assert person.full_name == "François Crépeau"


def test_admin_search_for_crepeau_finds_the_decomposed_name(secretariat_client):
    crepeau = PersonFactory(given_name="François", family_name="Cre\u0301peau")
    PersonFactory(given_name="Bela", family_name="Hovy")
    changelist = reverse("admin:meetings_person_changelist")

    for query in ("Crépeau", "Cre\u0301peau"):
        response = secretariat_client.get(changelist, {"q": query})
        assert list(response.context["cl"].result_list) == [crepeau], query


def test_admin_autocomplete_normalizes_the_query_too(secretariat_client):
    crepeau = PersonFactory(given_name="François", family_name="Crépeau")
    response = secretariat_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Cre\u0301peau",
            "app_label": "meetings",
            "model_name": "appearance",
            "field_name": "person",
        },
    )
    assert [row["id"] for row in response.json()["results"]] == [str(crepeau.pk)]


def test_admin_refuses_a_person_whose_position_has_a_right_to_left_override(
    secretariat_client,
):
    response = secretariat_client.post(
        reverse("admin:meetings_person_add"),
        {
            "given_name": "Eva",
            "family_name": "Åkerman-Börje",
            "slug": "",
            "position_en": "Ministry of Justice\u202e, Sweden",
            "country": "",
            "bio": "",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"position_en": [BIDI_MESSAGE]}
    assertContains(response, BIDI_MESSAGE)
    assert not Person.objects.exists()


def test_admin_stores_a_name_typed_over_two_lines_on_one(secretariat_client):
    response = secretariat_client.post(
        reverse("admin:meetings_person_add"),
        {
            "given_name": "Luis Alfonso",
            "family_name": "de\r\nAlba",
            "slug": "",
            "position_en": "Permanent Representative\nof Mexico",
            "country": "",
            "bio": "",
        },
    )

    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.family_name, person.position) == (
        "de Alba",
        "Permanent Representative of Mexico",
    )


def test_titles_saved_otherwise_are_one_line_without_controls():
    meeting = MeetingFactory(title="Tenth Coordination\r\nMeeting\u202e")
    session = SessionFactory(meeting=meeting, name="Morning\u2029session", room="\u2066CR 2\u2069")
    item = AgendaItemFactory(meeting=meeting, title="Opening\nof the meeting")
    segment = SegmentFactory(agenda_item=item, title="A human rights\u00a0\r\n perspective")
    appearance = AppearanceFactory(agenda_item=item, affiliation="Special\nRapporteur\u200f")

    for obj in (meeting, session, item, segment, appearance):
        obj.refresh_from_db()
    assert meeting.title == "Tenth Coordination Meeting"
    assert (session.name, session.room) == ("Morning session", "CR 2")
    assert item.title == "Opening of the meeting"
    assert segment.title == "A human rights perspective"
    assert appearance.affiliation == "Special Rapporteur"


def test_programme_isolates_user_text_from_its_surroundings(client):
    meeting = MeetingFactory(status="published", title="اجتماع التنسيق")
    session = SessionFactory(meeting=meeting)
    item = AgendaItemFactory(meeting=meeting, title="الهجرة الدولية")
    item.sessions.add(session)
    appearance = AppearanceFactory(
        agenda_item=item, person__family_name="العلي", affiliation="جامعة الدول العربية"
    )
    person = appearance.person

    page = client.get(reverse("meetings:programme", kwargs={"slug": meeting.slug})).content
    page = page.decode()

    assert '<h1 dir="auto">اجتماع التنسيق</h1>' in page
    assert '<span class="numeral"><bdi dir="ltr">I.</bdi></span> <bdi>الهجرة الدولية</bdi>' in page
    assert ", <bdi>جامعة الدول العربية</bdi>" in page
    assert f'<a href="{person.get_absolute_url()}" dir="auto">{person.display_name}</a>' in page


def test_demo_reference_meeting_loads_unchanged():
    call_command("load_demo", verbosity=0)

    meeting = Meeting.objects.get(slug="tenth-coordination-meeting")
    assert meeting.title == "Tenth Coordination Meeting on International Migration"
    assert AgendaItem.objects.filter(meeting=meeting).count() == 7
    assert Person.objects.get(family_name="Crépeau").family_name == "Cr\u00e9peau"
