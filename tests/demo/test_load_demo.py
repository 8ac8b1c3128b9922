import datetime
import io
import re
import unicodedata

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Membership, Organization, OrganizationKind, User
from demo.loader import demo_load
from meetings.models import (
    AgendaItem,
    Appearance,
    Honorific,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Objective,
    Person,
    Segment,
    Session,
)
from meetings.programme import build_programme
from tests.factories import PASSWORD, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN = "admin@example.org"
STRONG = "plenary-Quartz-demo-47"
THURSDAY, FRIDAY = datetime.date(2012, 2, 9), datetime.date(2012, 2, 10)
# As a programme prints them, with an en dash (spelled out: ruff flags the character itself).
MORNING = "10.00 \N{EN DASH} 13.00"
AFTERNOON = "15.00 \N{EN DASH} 18.00"


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table, the many-to-many ones included."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


def generated_password(output: str) -> str:
    match = re.search(r"^Demo superuser: admin@example\.org / (\S+)$", output, re.MULTILINE)
    assert match, output
    return match.group(1)


@pytest.fixture(autouse=True)
def _no_admin_password(monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)


@pytest.fixture(autouse=True)
def _no_focal_point_password(monkeypatch):
    monkeypatch.delenv("DEMO_USER_PASSWORD", raising=False)


@pytest.fixture
def meeting() -> Meeting:
    load()
    return Meeting.objects.get(slug="tenth-coordination-meeting")


def test_load_demo_creates_every_row_of_the_reference_meeting():
    load()

    counts = {label: len(rows) for label, rows in snapshot().items() if rows}
    # The Tenth and the Eleventh (tests/demo/test_demo_participants.py reads the Eleventh).
    assert {
        label: count
        for label, count in counts.items()
        if label.split(".")[0] in {"accounts", "meetings", "participants"}
        and ".Historical" not in label  # the change history: tests/history
    } == {
        "accounts.User": 2,
        "accounts.User_groups": 1,  # the demo superuser is in the Secretariat: it hears of papers
        "accounts.Membership": 1,
        "accounts.Organization": 7,
        "meetings.MeetingSeries": 1,
        "meetings.Meeting": 2,
        "meetings.Objective": 3,
        "meetings.Session": 4 + 2,
        "meetings.Honorific": 7,
        "meetings.Person": 8 + 8,  # the programmes' people and the delegates
        "meetings.AgendaItem": 7 + 3,
        "meetings.AgendaItem_sessions": 8 + 3,
        "meetings.Segment": 6 + 4,
        "meetings.Appearance": 9 + 6,
        "meetings.ProgrammeVersion": 2 + 1,  # the Tenth's two releases, the Eleventh's first
        "participants.Registration": 2,
        "participants.Nomination": 7 + 2,
        "participants.NominationEvent": 7 + 2,
    }


def test_meeting_reads_as_the_page(meeting):
    assert meeting.series == MeetingSeries.objects.get(
        slug="coordination-meeting-on-international-migration",
        name="Coordination Meeting on International Migration",
    )
    assert meeting.edition == 10
    assert meeting.title == "Tenth Coordination Meeting on International Migration"
    assert meeting.organizer.label == "Population Division, DESA"
    assert meeting.organizer.parent.name == "Department of Economic and Social Affairs"
    assert meeting.place_display == "United Nations Headquarters, New York, United States"
    assert (meeting.start_date, meeting.end_date) == (THURSDAY, FRIDAY)
    assert meeting.dates_display == "9\N{EN DASH}10 February 2012"
    assert meeting.time_zone == "America/New_York"
    assert meeting.utc_offset_display() == "UTC\N{MINUS SIGN}05:00"
    assert meeting.status == MeetingStatus.PUBLISHED
    assert 0 < len(meeting.summary) <= 300
    paragraphs = meeting.description.split("\n\n")
    # The objectives and the outcome have fields of their own: the description does not repeat them.
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith(
        "The Population Division of the Department of Economic and Social Affairs of the United "
        "Nations is organizing the Tenth Coordination Meeting on International Migration."
    )
    assert paragraphs[1].startswith("By bringing together entities of the United Nations system")
    assert meeting.mandate == (
        "General Assembly resolution 58/208 of 13 February 2004, which requests the "
        "Secretary-General to continue convening meetings to coordinate international migration "
        "activities."
    )
    assert meeting.expected_outcome == (
        "The outcomes of the meeting will contribute to the report of the Secretary-General on "
        "international migration and development for the sixty-seventh session of the General "
        "Assembly."
    )
    assert list(meeting.objectives.values_list("order", flat=True)) == [1, 2, 3]
    objectives = list(meeting.objectives.values_list("text", flat=True))
    assert objectives[0].startswith("Pursuant to resolution 65/170, to discuss the contributions")
    assert objectives[0].endswith("during its sixty-eighth session in 2013.")
    assert objectives[1] == (
        "To examine the cooperation between international organizations and the 2011 and 2012 "
        "editions of the Global Forum on Migration and Development."
    )
    assert objectives[2] == (
        "To allow international organizations to exchange information on current activities and "
        "to present major new initiatives in the area of international migration."
    )


def test_organizations_and_honorifics(meeting):
    rows = {
        org.name: (org.acronym, org.kind, org.parent.name if org.parent else None, org.country)
        for org in Organization.objects.with_parent()
    }
    assert rows == {
        "Department of Economic and Social Affairs": (
            "DESA",
            OrganizationKind.UN_SECRETARIAT,
            None,
            "",
        ),
        "Population Division": (
            "",
            OrganizationKind.UN_SECRETARIAT,
            "Department of Economic and Social Affairs",
            "",
        ),
        "Economic Commission for Latin America and the Caribbean": (
            "ECLAC",
            OrganizationKind.UN_REGIONAL,
            None,
            "",
        ),
        "Economic Commission for Europe": ("ECE", OrganizationKind.UN_REGIONAL, None, ""),
        "International Organization for Migration": (
            "IOM",
            OrganizationKind.UN_RELATED,
            None,
            "",
        ),
        "International Catholic Migration Commission": (
            "ICMC",
            OrganizationKind.CIVIL_SOCIETY,
            None,
            "Switzerland",
        ),
        "Ministry of Justice": ("", OrganizationKind.GOVERNMENT, None, "Sweden"),
    }
    assert list(Honorific.objects.values_list("name", flat=True)) == [
        "Mr.",
        "Ms.",
        "Amb.",
        "H.E. Mr.",
        "H.E. Ms.",
        "Professor",
        "Dr.",
    ]


def test_another_countrys_ministry_of_the_same_name_is_left_alone():
    france = OrganizationFactory(
        name="Ministry of Justice", country="France", kind=OrganizationKind.GOVERNMENT
    )

    load()

    france.refresh_from_db()
    assert (france.country, france.acronym) == ("France", "")
    sweden = Person.objects.get(slug="eva-akerman-borje").organization
    assert (sweden.name, sweden.country) == ("Ministry of Justice", "Sweden")
    assert Organization.objects.filter(name="Ministry of Justice").count() == 2


def test_people_are_spelled_as_written(meeting):
    people = {
        person.slug: (
            person.display_name,
            person.given_name,
            person.family_name,
            person.position,
            person.organization.name if person.organization else None,
            person.default_affiliation(),
        )
        for person in Person.objects.with_details()
        .filter(appearances__agenda_item__meeting=meeting)
        .distinct()
    }
    assert people == {
        "bela-hovy": (
            "Mr. Bela Hovy",
            "Bela",
            "Hovy",
            "",
            "Population Division",
            "Population Division, DESA",
        ),
        "eva-akerman-borje": (
            "Amb. Eva Åkerman-Börje",
            "Eva",
            "Åkerman-Börje",
            "",
            "Ministry of Justice",
            "Ministry of Justice",
        ),
        "francois-crepeau": (
            "Professor François Crépeau",
            "François",
            "Crépeau",
            "Special Rapporteur on the human rights of migrants",
            None,
            "Special Rapporteur on the human rights of migrants",
        ),
        "john-bingham": (
            "Mr. John Bingham",
            "John",
            "Bingham",
            "",
            "International Catholic Migration Commission",
            "International Catholic Migration Commission (ICMC)",
        ),
        "luis-alfonso-de-alba": (
            "Amb. Luis Alfonso de Alba",
            "Luis Alfonso",
            "de Alba",
            "Permanent Representative of Mexico to the United Nations",
            None,
            "Permanent Representative of Mexico to the United Nations",
        ),
        "paulo-saad": (
            "Mr. Paulo Saad",
            "Paulo",
            "Saad",
            "",
            "Economic Commission for Latin America and the Caribbean",
            "Economic Commission for Latin America and the Caribbean (ECLAC)",
        ),
        "andres-vikat": (
            "Mr. Andres Vikat",
            "Andres",
            "Vikat",
            "",
            "Economic Commission for Europe",
            "Economic Commission for Europe (ECE)",
        ),
        "michele-klein-solomon": (
            "Michele Klein Solomon",
            "Michele",
            "Klein Solomon",
            "",
            "International Organization for Migration",
            "International Organization for Migration (IOM)",
        ),
    }


def test_no_text_is_garbled_or_decomposed(meeting):
    texts = [
        value
        for rows in snapshot().values()
        for row in rows
        for value in row.values()
        if isinstance(value, str)
    ]
    assert "Åkerman-Börje" in texts
    assert "Crépeau" in texts
    for text in texts:
        assert "Ă" not in text
        assert "Ã" not in text
        assert "KleinSolomon" not in text
        assert unicodedata.is_normalized("NFC", text), text


def test_sessions_on_both_days(meeting):
    sessions = list(
        meeting.sessions.chronological().values_list("date", "start_time", "end_time", "name")
    )
    assert sessions == [
        (THURSDAY, datetime.time(10), datetime.time(13), "Morning session"),
        (THURSDAY, datetime.time(15), datetime.time(18), "Afternoon session"),
        (FRIDAY, datetime.time(10), datetime.time(13), "Morning session"),
        (FRIDAY, datetime.time(15), datetime.time(18), "Afternoon session"),
    ]
    assert [session.times_display for session in meeting.sessions.chronological()] == [
        MORNING,
        AFTERNOON,
        MORNING,
        AFTERNOON,
    ]


def test_agenda_items_in_order_with_their_sessions(meeting):
    items = meeting.agenda_items.with_number().prefetch_related("sessions").order_by("order")
    assert [
        (
            str(item),
            [f"{session.date:%a} {session.name}" for session in item.sessions.chronological()],
        )
        for item in items
    ] == [
        ("I. Opening of the meeting", ["Thu Morning session"]),
        ("II. The Global Forum on Migration and Development", ["Thu Morning session"]),
        (
            "III. The 2013 High-level Dialogue on International Migration and Development",
            ["Thu Morning session"],
        ),
        (
            "IV. International migration and development: regional dimensions and interagency "
            "coordination",
            ["Thu Afternoon session"],
        ),
        (
            "V. Migration and development: Recent contributions to the evidence base",
            ["Thu Afternoon session", "Fri Morning session"],
        ),
        (
            "VI. New initiatives on international migration and development",
            ["Fri Afternoon session"],
        ),
        ("VII. Closing of the meeting", ["Fri Afternoon session"]),
    ]
    assert list(items.values_list("order", flat=True)) == [1, 2, 3, 4, 5, 6, 7]


def test_segments_and_appearances_in_page_order(meeting):
    def people(order: int) -> list[tuple]:
        return [
            (
                appearance.segment.title if appearance.segment else None,
                appearance.role,
                appearance.label,
            )
            for appearance in Appearance.objects.with_people()
            .select_related("segment")
            .filter(agenda_item__meeting=meeting, agenda_item__order=order)
            .order_by("order")
        ]

    assert people(1) == [(None, "speaker", "Mr. Bela Hovy, Population Division, DESA")]
    assert people(2) == []
    assert people(3) == [
        (
            "Reflections on the role and contribution of the Global Forum on Migration and "
            "Development to the 2013 High-level Dialogue",
            "speaker",
            "Amb. Eva Åkerman-Börje, Ministry of Justice, Sweden",
        ),
        (
            "Preparing for the 2013 High-level Dialogue: A human rights perspective",
            "speaker",
            "Professor François Crépeau, Special Rapporteur on the human rights of migrants",
        ),
        (
            "Reflections on the role and contribution of civil society to the 2013 High-level "
            "Dialogue",
            "speaker",
            "Mr. John Bingham, International Catholic Migration Commission, Switzerland",
        ),
        (
            None,
            "moderator",
            "Amb. Luis Alfonso de Alba, Permanent Representative of Mexico to the United Nations",
        ),
    ]
    regional = "Regional preparations for the 2013 High-level Dialogue: Towards a common agenda"
    assert people(4) == [
        (
            "Strengthening national capacities to deal with international migration: Outcomes of "
            "a development account project",
            "moderator",
            "Mr. Paulo Saad, Economic Commission for Latin America and the Caribbean (ECLAC)",
        ),
        (regional, "moderator", "Mr. Andres Vikat, Economic Commission for Europe (ECE)"),
        (
            regional,
            "moderator",
            "Michele Klein Solomon, International Organization for Migration (IOM)",
        ),
    ]
    assert people(5) == []
    assert people(6) == []
    assert people(7) == [(None, "speaker", "Mr. Bela Hovy, Population Division, DESA")]

    segments = Segment.objects.filter(agenda_item__meeting=meeting)
    assert list(
        segments.order_by("agenda_item__order", "order").values_list(
            "agenda_item__order", "order", "session"
        )
    ) == [(3, 1, None), (3, 2, None), (3, 3, None), (4, 1, None), (4, 2, None), (6, 1, None)]
    assert segments.get(agenda_item__order=6).title == "Selected presentations"
    assert not Appearance.objects.filter(segment__agenda_item__order=6).exists()


def test_programme_numbers_items_and_continues_v_on_friday(meeting):
    programme = build_programme(meeting)

    assert programme.unscheduled == []
    assert [
        (
            day.heading,
            [
                (
                    session.session.times_display,
                    session.session.name,
                    [(entry.numeral, entry.continued) for entry in session.items],
                )
                for session in day.sessions
            ],
        )
        for day in programme.days
    ] == [
        (
            "Thursday, 9 February 2012",
            [
                (MORNING, "Morning session", [("I", False), ("II", False), ("III", False)]),
                (AFTERNOON, "Afternoon session", [("IV", False), ("V", False)]),
            ],
        ),
        (
            "Friday, 10 February 2012",
            [
                (MORNING, "Morning session", [("V", True)]),
                (AFTERNOON, "Afternoon session", [("VI", False), ("VII", False)]),
            ],
        ),
    ]

    opening, forum, dialogue = programme.days[0].sessions[0].items
    assert opening.people.presenter_names == "Mr. Bela Hovy, Population Division, DESA"
    assert forum.is_empty
    assert [(group.heading, group.names) for group in dialogue.people.groups] == [
        (
            "Moderator",
            "Amb. Luis Alfonso de Alba, Permanent Representative of Mexico to the United Nations",
        )
    ]
    assert [segment.people.presenter_names for segment in dialogue.segments] == [
        "Amb. Eva Åkerman-Börje, Ministry of Justice, Sweden",
        "Professor François Crépeau, Special Rapporteur on the human rights of migrants",
        "Mr. John Bingham, International Catholic Migration Commission, Switzerland",
    ]
    regional = programme.days[0].sessions[1].items[0]
    assert [
        [(group.heading, group.names) for group in segment.people.groups]
        for segment in regional.segments
    ] == [
        [
            (
                "Moderator",
                "Mr. Paulo Saad, Economic Commission for Latin America and the Caribbean (ECLAC)",
            )
        ],
        [
            (
                "Moderators",
                "Mr. Andres Vikat, Economic Commission for Europe (ECE) and Michele Klein "
                "Solomon, International Organization for Migration (IOM)",
            )
        ],
    ]
    continued = programme.days[1].sessions[0].items[0]
    assert continued.item.title == (
        "Migration and development: Recent contributions to the evidence base"
    )
    assert continued.people is None
    initiatives, closing = programme.days[1].sessions[1].items
    assert [segment.segment.title for segment in initiatives.segments] == ["Selected presentations"]
    assert closing.people.presenter_names == "Mr. Bela Hovy, Population Division, DESA"


def test_second_run_changes_nothing():
    first = load()
    before = snapshot()

    second = load()

    assert snapshot() == before
    assert "110 created, 0 updated, 0 unchanged." in first
    assert "0 created, 0 updated, 110 unchanged." in second
    assert "Demo superuser admin@example.org exists; its password is kept." in second


def test_second_run_with_the_same_admin_password_changes_nothing(monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", STRONG)
    load()
    before = snapshot()

    load()

    assert snapshot() == before


def test_rerun_restores_a_field_edited_since(meeting):
    appearance = Appearance.objects.get(person__slug="john-bingham")
    appearance.affiliation = "ICMC"
    appearance.save()
    Person.objects.filter(slug="michele-klein-solomon").update(family_name="KleinSolomon")

    output = load()

    appearance.refresh_from_db()
    assert appearance.affiliation == "International Catholic Migration Commission, Switzerland"
    assert Person.objects.get(slug="michele-klein-solomon").family_name == "Klein Solomon"
    assert "0 created, 2 updated, 108 unchanged." in output


def test_admin_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", STRONG)

    output = load()

    admin = User.objects.get(email=ADMIN)
    assert admin.check_password(STRONG)
    assert (admin.is_staff, admin.is_superuser, admin.is_active) == (True, True, True)
    assert STRONG not in output
    assert "Demo superuser: admin@example.org, password from DEMO_ADMIN_PASSWORD." in output


def test_generated_admin_password_is_printed_and_works():
    output = load()

    password = generated_password(output)
    admin = User.objects.get(email=ADMIN)
    assert len(password) >= 20
    assert admin.check_password(password)
    assert (admin.is_staff, admin.is_superuser) == (True, True)


def test_second_run_keeps_the_generated_password():
    password = generated_password(load())

    output = load()

    assert "Demo superuser:" not in output
    assert User.objects.get(email=ADMIN).check_password(password)


def test_admin_password_from_environment_replaces_the_generated_one(monkeypatch):
    old = generated_password(load())
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", STRONG)

    output = load()

    admin = User.objects.get(email=ADMIN)
    assert admin.check_password(STRONG)
    assert not admin.check_password(old)
    assert "password set from DEMO_ADMIN_PASSWORD." in output


def test_weak_admin_password_is_refused_and_nothing_is_written(monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "admin")

    with pytest.raises(CommandError, match="too short"):
        load()

    assert not Meeting.objects.exists()
    assert not User.objects.exists()


def test_existing_account_that_is_not_a_superuser_is_not_promoted():
    UserFactory(email=ADMIN)

    with pytest.raises(CommandError, match="is not a staff superuser"):
        load()

    admin = User.objects.get(email=ADMIN)
    assert (admin.is_staff, admin.is_superuser) == (False, False)
    assert not Meeting.objects.exists()


def test_service_returns_what_it_did_without_printing():
    result = demo_load()

    assert result.meeting.slug == "tenth-coordination-meeting"
    assert result.admin.email == ADMIN
    assert result.admin.check_password(result.admin_password)
    assert result.totals == {"created": 110}
    assert Objective.objects.count() == 3
    assert Session.objects.filter(meeting=result.meeting).count() == 4
    assert AgendaItem.objects.filter(meeting=result.meeting).count() == 7


# The demo focal point of IOM

FOCAL_POINT = "focal@iom.example"
IOM = "International Organization for Migration"
OTHER_STRONG = "plenary-Basalt-focal-83"


def generated_focal_point_password(output: str) -> str:
    match = re.search(r"^Demo focal point: focal@iom\.example / (\S+)$", output, re.MULTILINE)
    assert match, output
    return match.group(1)


def test_focal_point_is_a_member_of_iom_and_nothing_more():
    output = load()

    password = generated_focal_point_password(output)
    focal_point = User.objects.get(email=FOCAL_POINT)
    assert len(password) >= 20
    assert focal_point.check_password(password)
    assert (focal_point.is_staff, focal_point.is_superuser, focal_point.is_active) == (
        False,
        False,
        True,
    )
    assert [o.name for o in Organization.objects.for_user(focal_point)] == [IOM]
    assert "  memberships" in output


def test_focal_point_logs_in_on_the_public_site(client):
    password = generated_focal_point_password(load())

    response = client.post(
        reverse("accounts:login"), {"username": FOCAL_POINT, "password": password}
    )

    assert response.status_code == 302
    assert client.get("/").wsgi_request.user.email == FOCAL_POINT


def test_focal_point_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_USER_PASSWORD", OTHER_STRONG)

    output = load()

    assert User.objects.get(email=FOCAL_POINT).check_password(OTHER_STRONG)
    assert OTHER_STRONG not in output
    assert "Demo focal point: focal@iom.example, password from DEMO_USER_PASSWORD." in output


def test_second_run_keeps_the_focal_points_generated_password():
    password = generated_focal_point_password(load())

    output = load()

    assert "Demo focal point:" not in output
    assert "Demo focal point focal@iom.example exists; its password is kept." in output
    assert User.objects.get(email=FOCAL_POINT).check_password(password)
    assert Membership.objects.count() == 1


def test_focal_point_password_from_environment_replaces_the_generated_one(monkeypatch):
    old = generated_focal_point_password(load())
    monkeypatch.setenv("DEMO_USER_PASSWORD", OTHER_STRONG)

    output = load()

    focal_point = User.objects.get(email=FOCAL_POINT)
    assert focal_point.check_password(OTHER_STRONG)
    assert not focal_point.check_password(old)
    assert "Demo focal point focal@iom.example exists; password set from DEMO_USER_PASSWORD." in (
        output
    )
    before = snapshot()
    load()
    assert snapshot() == before


def test_weak_focal_point_password_is_refused_and_nothing_is_written(monkeypatch):
    monkeypatch.setenv("DEMO_USER_PASSWORD", "focal")

    with pytest.raises(CommandError, match="too short"):
        load()

    assert not Meeting.objects.exists()
    assert not User.objects.exists()


def test_rerun_restores_a_removed_membership():
    load()
    Membership.objects.all().delete()

    output = load()

    focal_point = User.objects.get(email=FOCAL_POINT)
    assert [o.name for o in Organization.objects.for_user(focal_point)] == [IOM]
    assert "1 created, 0 updated, 109 unchanged." in output


def test_existing_focal_point_account_keeps_its_password_and_joins_iom():
    UserFactory(email="Focal@IOM.example")

    output = load()

    focal_point = User.objects.get(email__iexact=FOCAL_POINT)
    assert focal_point.check_password(PASSWORD)
    assert [o.name for o in Organization.objects.for_user(focal_point)] == [IOM]
    assert "Demo focal point focal@iom.example exists; its password is kept." in output
