"""The demo's participants: the Tenth's closed registration and published list, the Eleventh
next February with registration open, and a demo focal point who can nominate for it at once."""

import datetime
import io
from zoneinfo import ZoneInfo

import phonenumbers
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organization, User
from demo.eleventh import eleventh_dates, third_thursday_of_february
from demo.loader import demo_load
from meetings.models import Meeting, MeetingStatus, Person, Session
from meetings.programme import build_programme
from participants.models import Nomination, NominationEventKind, NominationStatus, Registration
from participants.roster import meeting_roster
from participants.services.nominations import Nominee, nomination_create
from participants.services.places import places_for

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
IOM = "International Organization for Migration"
# Numbers set aside for films and books: they ring nobody.
FICTIONAL_PHONES = ("+121255501", "+4684650", "+46701740", "+33199")


@pytest.fixture(autouse=True)
def _no_demo_passwords(monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    monkeypatch.delenv("DEMO_USER_PASSWORD", raising=False)


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


def today_in_new_york() -> datetime.date:
    return timezone.localtime(timezone=NEW_YORK).date()


def delegation(meeting: Meeting) -> list[tuple]:
    return [
        (
            n.organization.short_name,
            n.display_name,
            n.position,
            n.listed,
            n.head_of_delegation,
            n.status,
        )
        for n in Nomination.objects.for_meeting(meeting).with_details().order_by("pk")
    ]


@pytest.fixture
def tenth() -> Meeting:
    load()
    return Meeting.objects.get(slug="tenth-coordination-meeting")


@pytest.fixture
def eleventh(tenth) -> Meeting:
    return Meeting.objects.get(slug="eleventh-coordination-meeting")


def test_the_tenths_registration_is_closed_and_its_list_published(tenth):
    registration = Registration.objects.get(meeting=tenth)

    assert (
        registration.opens_on,
        registration.closes_on,
        registration.capacity,
        registration.places_per_organization,
        registration.letter_required,
        registration.list_published,
    ) == (datetime.date(2011, 12, 1), datetime.date(2012, 1, 27), 60, 3, False, True)
    assert not registration.is_open()
    assert registration.has_closed()
    assert list(Registration.objects.list_published()) == [
        Registration.objects.get(meeting__slug="eleventh-coordination-meeting"),
        registration,
    ]


def test_the_tenths_accepted_participants(tenth):
    accepted = NominationStatus.ACCEPTED
    assert delegation(tenth) == [
        ("Population Division", "Ms. Ana Lucía Ferreira", "Population Affairs Officer", True,
         False, accepted),
        ("IOM", "Dr. Ngozi Okafor-Adeyemi", "Director, IOM Office to the United Nations", True,
         True, accepted),
        ("IOM", "Mr. Jiří Novák", "Migration Policy Officer", False, False, accepted),
        (
            "ECLAC",
            "Ms. Mariana Quispe Huamán",
            "Population Affairs Officer, Latin American and Caribbean Demographic Centre (CELADE)",
            True,
            False,
            accepted,
        ),
        ("ECE", "Ms. Thị Lan Nguyễn", "Statistician, Statistical Division", True, False, accepted),
        ("ICMC", "Ms. Aïcha Benali", "Policy Officer", True, False, accepted),
        (
            "Ministry of Justice",
            "Mr. Lars Öberg",
            "Deputy Director, Division for Migration and Asylum Policy",
            True,
            False,
            accepted,
        ),
    ]  # fmt: skip


def test_every_demo_decision_is_the_demo_admins_and_recorded(tenth):
    admin = User.objects.get(email="admin@example.org")
    nominations = Nomination.objects.prefetch_related("events")

    assert nominations.count() == 9
    for nomination in nominations:
        assert (nomination.decided_by, nomination.nominated_by) == (admin, admin)
        assert [(event.kind, event.by) for event in nomination.events.all()] == [
            (NominationEventKind.ADDED, admin)
        ]
    decided = {n.decided_at for n in nominations.filter(meeting=tenth)}
    assert decided == {datetime.datetime(2012, 1, 30, 10, 0, tzinfo=NEW_YORK)}
    assert all(n.decided_at for n in nominations.exclude(meeting=tenth))


def test_contact_data_is_invented_on_reserved_ranges(tenth):
    for email, phone in Nomination.objects.values_list("email", "phone"):
        assert email.endswith(".example"), email
        if phone:
            assert phonenumbers.is_valid_number(phonenumbers.parse(phone)), phone
            assert (
                phonenumbers.format_number(
                    phonenumbers.parse(phone), phonenumbers.PhoneNumberFormat.E164
                )
                == phone
            )
            assert phone.startswith(FICTIONAL_PHONES), phone
    assert Nomination.objects.exclude(requirements="").count() == 2


def test_a_delegate_of_both_meetings_is_one_person(tenth, eleventh):
    person = Person.objects.get(slug="mariana-quispe-huaman")

    assert sorted(person.nominations.values_list("meeting__edition", flat=True)) == [10, 11]
    assert person.organization.acronym == "ECLAC"


def test_the_eleventh_is_published_next_february_in_the_same_series(tenth, eleventh):
    today = today_in_new_york()

    assert (eleventh.series, eleventh.edition, eleventh.status) == (
        tenth.series,
        11,
        MeetingStatus.PUBLISHED,
    )
    assert eleventh.title == "Eleventh Coordination Meeting on International Migration"
    assert eleventh.organizer == tenth.organizer
    assert eleventh.place_display == "United Nations Headquarters, New York, United States"
    assert eleventh.time_zone == "America/New_York"
    assert eleventh.start_date > today
    assert (eleventh.start_date.month, eleventh.start_date.strftime("%A")) == (2, "Thursday")
    assert eleventh.end_date == eleventh.start_date + datetime.timedelta(days=1)
    assert eleventh.start_date == third_thursday_of_february(eleventh.start_date.year)
    assert 0 < len(eleventh.summary) <= 300
    assert len(eleventh.description.split("\n\n")) == 2
    assert list(Meeting.objects.published().upcoming(today)) == [eleventh]


def test_the_elevenths_registration_is_open_with_a_delegate_accepted(eleventh):
    registration = Registration.objects.get(meeting=eleventh)
    today = today_in_new_york()

    assert registration.is_open()
    assert registration.opens_on == today - datetime.timedelta(days=30)
    assert registration.closes_on == eleventh.start_date - datetime.timedelta(weeks=3)
    assert registration.closes_on >= today
    assert (registration.places_per_organization, registration.list_published) == (3, True)
    assert not registration.letter_required
    accepted = NominationStatus.ACCEPTED
    assert delegation(eleventh) == [
        (
            "ECLAC",
            "Ms. Mariana Quispe Huamán",
            "Population Affairs Officer, Latin American and Caribbean Demographic Centre (CELADE)",
            True,
            True,
            accepted,
        ),
        (
            "Ministry of Justice",
            "Ms. Ingrid Lindqvist",
            "Senior Adviser, Division for Migration and Asylum Policy",
            True,
            False,
            accepted,
        ),
    ]
    iom = Organization.objects.get(name=IOM)
    assert places_for(registration, iom).left == 3


def test_the_elevenths_programme_has_a_chair_a_moderator_and_speakers(eleventh):
    programme = build_programme(eleventh)

    assert programme.unscheduled == []
    days = [
        (
            day.heading,
            [(s.session.name, [entry.numeral for entry in s.items]) for s in day.sessions],
        )
        for day in programme.days
    ]
    assert [sessions for _, sessions in days] == [
        [("Morning session", ["I", "II"])],
        [("Morning session", ["III"])],
    ]
    assert days[0][0] == f"Thursday, {eleventh.start_date.day} February {eleventh.start_date.year}"
    opening, dialogue = programme.days[0].sessions[0].items
    assert [(g.heading, g.names) for g in opening.people.groups] == [
        ("Chair", "Mr. Bela Hovy, Population Division, DESA")
    ]
    assert [(g.heading, g.names) for g in dialogue.people.groups] == [
        ("Moderator", "Michele Klein Solomon, International Organization for Migration (IOM)")
    ]
    assert [segment.people.presenter_names for segment in dialogue.segments] == [
        "Amb. Eva Åkerman-Börje, Ministry of Justice, Sweden",
        "Professor François Crépeau, Special Rapporteur on the human rights of migrants",
    ]
    (regional,) = programme.days[1].sessions[0].items
    assert [segment.people.presenter_names for segment in regional.segments] == [
        "Mr. Paulo Saad, Economic Commission for Latin America and the Caribbean (ECLAC)",
        "Mr. Andres Vikat, Economic Commission for Europe (ECE)",
    ]


def test_the_elevenths_participants_are_delegates_and_programme_people(eleventh):
    listed = sorted(
        (p.organization.short_name if p.organization else p.country, p.display_name, p.roles)
        for p in meeting_roster(eleventh)
        if p.listed
    )

    assert listed == [
        ("", "Professor François Crépeau", ["speaker"]),
        ("ECE", "Mr. Andres Vikat", ["speaker"]),
        ("ECLAC", "Mr. Paulo Saad", ["speaker"]),
        ("ECLAC", "Ms. Mariana Quispe Huamán", []),
        ("IOM", "Michele Klein Solomon", ["moderator"]),
        ("Ministry of Justice", "Amb. Eva Åkerman-Börje", ["speaker"]),
        ("Ministry of Justice", "Ms. Ingrid Lindqvist", []),
        ("Population Division", "Mr. Bela Hovy", ["chair"]),
    ]


def test_the_tenths_unlisted_delegate_is_on_the_roster_but_not_listed(tenth):
    roster = {p.display_name: p for p in meeting_roster(tenth)}

    assert not roster["Mr. Jiří Novák"].listed
    assert roster["Dr. Ngozi Okafor-Adeyemi"].listed
    assert roster["Ms. Ana Lucía Ferreira"].band == "Secretariat"
    assert len(roster) == 7 + 8  # the delegates and the programme's people


def test_a_second_run_changes_nothing():
    first = load()
    before = snapshot()

    second = load()

    assert snapshot() == before
    assert "Demo meetings: 110 created, 0 updated, 0 unchanged." in first
    assert "Demo meetings: 0 created, 0 updated, 110 unchanged." in second
    assert "  nominations  0 created, 0 updated, 9 unchanged\n" in second
    assert "  registrations  0 created, 0 updated, 2 unchanged\n" in second


def test_the_command_says_where_registration_stands():
    output = load()

    start, end = eleventh_dates(today_in_new_york())
    closes = start - datetime.timedelta(weeks=3)
    assert (
        "Tenth Coordination Meeting on International Migration, 9\N{EN DASH}10 February 2012: "
        "registration closed on 27 January 2012, 7 accepted; list of participants published.\n"
    ) in output
    assert (
        f"Eleventh Coordination Meeting on International Migration, "
        f"{start.day}\N{EN DASH}{end.day} February {start.year}: registration open until "
        f"{closes.day} {closes:%B %Y}, 2 accepted; list of participants published.\n"
    ) in output


@pytest.mark.parametrize(
    ("today", "start"),
    [
        # Demo's first run, 2012: the dates the real Eleventh met on.
        (datetime.date(2012, 12, 1), datetime.date(2013, 2, 21)),
        (datetime.date(2026, 12, 1), datetime.date(2027, 2, 18)),
        (datetime.date(2027, 1, 1), datetime.date(2027, 2, 18)),
        # Registration closes on 28 January: that day still takes nominations for February.
        (datetime.date(2027, 1, 28), datetime.date(2027, 2, 18)),
        (datetime.date(2027, 1, 29), datetime.date(2028, 2, 17)),
        (datetime.date(2027, 2, 18), datetime.date(2028, 2, 17)),
        (datetime.date(2027, 12, 31), datetime.date(2028, 2, 17)),
    ],
)
def test_the_eleventh_meets_on_the_third_thursday_of_a_february_still_open(today, start):
    assert eleventh_dates(today) == (start, start + datetime.timedelta(days=1))


def test_a_rerun_later_in_the_year_changes_nothing():
    demo_load(today=datetime.date(2026, 3, 1))
    before = snapshot()

    result = demo_load(today=datetime.date(2026, 12, 1))

    assert snapshot() == before
    assert result.totals == {"unchanged": 110}
    assert result.eleventh.start_date == datetime.date(2027, 2, 18)


def test_a_rerun_once_registration_closed_moves_the_eleventh_a_february_on():
    first = demo_load(today=datetime.date(2026, 12, 1))
    opened = Registration.objects.get(meeting=first.eleventh).opens_on

    result = demo_load(today=datetime.date(2027, 2, 1))

    meeting = Meeting.objects.get(slug="eleventh-coordination-meeting")
    assert (meeting.start_date, meeting.end_date) == (
        datetime.date(2028, 2, 17),
        datetime.date(2028, 2, 18),
    )
    assert list(
        Session.objects.filter(meeting=meeting).chronological().values_list("date", flat=True)
    ) == [datetime.date(2028, 2, 17), datetime.date(2028, 2, 18)]
    registration = Registration.objects.get(meeting=meeting)
    assert (registration.opens_on, registration.closes_on) == (opened, datetime.date(2028, 1, 27))
    # The Eleventh's two sessions move, then read as the demo has them; the Tenth's stay.
    assert result.counts["sessions"] == {"updated": 2, "unchanged": 6}
    assert result.counts["meetings"] == {"updated": 1, "unchanged": 1}
    assert result.counts["registrations"] == {"updated": 1, "unchanged": 1}
    assert result.totals["created"] == 0


def test_the_demo_focal_point_can_nominate_for_the_eleventh_only(tenth, eleventh):
    focal_point = User.objects.get(email="focal@iom.example")
    iom = Organization.objects.get(name=IOM)
    nominee = Nominee(
        given_name="Amara", family_name="Diallo", email="amara.diallo@iom.example", listed=True
    )

    nomination = nomination_create(
        meeting=eleventh, organization=iom, nominee=nominee, by=focal_point
    )

    assert (nomination.status, nomination.organization, nomination.nominated_by) == (
        NominationStatus.PENDING,
        iom,
        focal_point,
    )
    assert places_for(eleventh.registration, iom).left == 2
    with pytest.raises(ValidationError) as refused:
        nomination_create(
            meeting=tenth,
            organization=iom,
            nominee=Nominee(given_name="Amara", family_name="Diallo"),
            by=focal_point,
        )
    assert refused.value.code == "registration_closed"
    assert refused.value.messages == ["Registration for this meeting closed on 27 January 2012."]
    assert Nomination.objects.for_meeting(tenth).count() == 7


def test_a_rerun_keeps_what_the_focal_point_nominated(eleventh):
    focal_point = User.objects.get(email="focal@iom.example")
    iom = Organization.objects.get(name=IOM)
    nomination = nomination_create(
        meeting=eleventh,
        organization=iom,
        nominee=Nominee(given_name="Amara", family_name="Diallo"),
        by=focal_point,
    )

    output = load()

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING
    assert Nomination.objects.for_meeting(eleventh).count() == 3
    assert "Demo meetings: 0 created, 0 updated, 110 unchanged." in output


def public_urls(meetings: list[Meeting]) -> list[str]:
    """The meetings' public pages (the list of participants while it is being built may be a
    404: the test reads the pages that answer), and every person's page."""
    urls = [reverse("meetings:home")]
    for meeting in meetings:
        urls += [
            meeting.get_absolute_url(),
            reverse("meetings:programme", args=[meeting.slug]),
            reverse("participants:list", args=[meeting.slug]),
        ]
    urls += [person.get_absolute_url() for person in Person.objects.all()]
    return urls


def test_no_public_page_shows_a_demo_email_or_phone(client, tenth, eleventh):
    secrets = [
        value
        for row in Nomination.objects.values_list("email", "phone", "requirements")
        for value in row
        if value
    ]
    readable = 0
    for url in public_urls([tenth, eleventh]):
        response = client.get(url)
        if response.status_code != 200:
            continue
        readable += 1
        page = response.content.decode()
        for secret in secrets:
            assert secret not in page, (url, secret)
    assert readable >= 5
