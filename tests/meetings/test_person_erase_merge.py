"""The back office's "Erase personal data" and "Merge two people" actions on people: who may use
them, the pages they show first, and what holds afterwards on the public pages and in every app
that keeps rows about a person (nominations, check-ins, papers' authors)."""

import html

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from django.utils.html import strip_tags
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meetings.models import Appearance, Person, Role
from meetings.services import person_erase, person_erase_changes
from participants.models import CheckIn, Nomination, NominationEventKind
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    CheckInFactory,
    DocumentFactory,
    HonorificFactory,
    MeetingFactory,
    MembershipFactory,
    NominationFactory,
    OrganizationFactory,
    PersonFactory,
    RegistrationFactory,
    SecretariatFactory,
    SegmentFactory,
    SessionFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:meetings_person_changelist")


def text(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def act(client, action, people, **data):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [person.pk for person in people], **data},
        follow=True,
    )


@pytest.fixture
def iom():
    return OrganizationFactory(name="International Organization for Migration", acronym="IOM")


@pytest.fixture
def meeting():
    return MeetingFactory(title="Tenth Coordination Meeting", slug="tenth")


@pytest.fixture
def amina(meeting, iom):
    """A speaker in the published programme, nominated, checked in and author of a paper."""
    person = PersonFactory(
        honorific=HonorificFactory(name="Ms."),
        given_name="Amina",
        family_name="Diallo",
        position="Director",
        organization=iom,
        bio="Economist.",
    )
    item = AgendaItemFactory(meeting=meeting, title="Migration and development", order=1)
    item.sessions.add(SessionFactory(meeting=meeting))
    AppearanceFactory(
        agenda_item=item,
        segment=SegmentFactory(agenda_item=item, title="Remittances"),
        person=person,
        role=Role.SPEAKER,
        affiliation="Director, Migration Policy, IOM",
    )
    RegistrationFactory(meeting=meeting)
    NominationFactory(
        meeting=meeting,
        organization=iom,
        person=person,
        given_name="Amina",
        family_name="Diallo",
        email="amina.diallo@iom.example",
        phone="+41227179111",
        requirements="Vegetarian meals",
    )
    CheckInFactory(meeting=meeting, person=person, day=meeting.start_date)
    DocumentFactory(meeting=meeting, organization=iom, title="Remittances").authors.add(person)
    return person


@pytest.fixture
def staff_client(client):
    client.force_login(SecretariatFactory(email="secretariat@un.example"))
    return client


# Who may use the actions ----------------------------------------------------------------------


def test_anonymous_and_focal_points_are_sent_to_the_admin_login(client, amina, iom):
    for user in (None, MembershipFactory(organization=iom).user, MembershipFactory().user):
        if user is not None:
            client.force_login(user)
        response = client.post(
            CHANGELIST, {"action": "erase_personal_data", "_selected_action": [amina.pk]}
        )
        assertRedirects(response, f"{reverse('admin:login')}?next={CHANGELIST}")
    amina.refresh_from_db()
    assert amina.withheld_at is None


def test_staff_outside_the_secretariat_may_not_erase_or_merge(client, amina):
    other = PersonFactory()
    client.force_login(StaffFactory())
    assert client.get(CHANGELIST).status_code == 403
    for action in ("erase_personal_data", "merge_people"):
        response = client.post(
            CHANGELIST,
            {"action": action, "_selected_action": [amina.pk, other.pk], "post": "yes"},
        )
        assert response.status_code == 403
    assert Person.objects.named().count() == 2


def test_the_secretariat_is_offered_both_actions(staff_client):
    response = staff_client.get(CHANGELIST)
    actions = dict(response.context["action_form"].fields["action"].choices)
    assert actions["erase_personal_data"] == "Erase personal data"
    assert actions["merge_people"] == "Merge two people"


# Erase ----------------------------------------------------------------------------------------


def test_erase_takes_one_person_at_a_time(staff_client, amina):
    response = act(staff_client, "erase_personal_data", [amina, PersonFactory()])
    assert messages_of(response) == ["Choose one person at a time to erase their personal data."]
    assert Person.objects.named().count() == 2


def test_the_confirmation_lists_exactly_what_will_change_and_changes_nothing(staff_client, amina):
    response = staff_client.post(
        CHANGELIST, {"action": "erase_personal_data", "_selected_action": [amina.pk]}
    )

    assert response.status_code == 200
    expected = person_erase_changes(person=amina)
    assert response.context["changes"] == expected
    assert expected == [
        "Name “Amina Diallo” → “Name withheld”",
        "Short bio deleted",
        "1 appearance in a programme kept with its affiliation, as “Name withheld”",
        "1 record of the person's change history: names, honorific, bio and photo removed",
        "1 nomination: name, e-mail, phone and requirements removed (Tenth Coordination Meeting)",
        "1 record of the nominations' change history: names, contact data and letters removed",
        "1 check-in kept, as “Name withheld”",
        "1 document keeps the person as author, shown as “Name withheld”",
    ]
    for line in expected:
        assertContains(response, f'<li dir="auto">{html.escape(line)}</li>', html=True)
    assertContains(response, '<input type="submit" value="Yes, erase the personal data">')
    amina.refresh_from_db()
    assert (amina.withheld_at, amina.full_name) == (None, "Amina Diallo")
    assert Nomination.objects.get().email == "amina.diallo@iom.example"


def test_erasing_withholds_the_name_everywhere_and_changes_nothing_else(
    client, staff_client, amina, meeting, iom
):
    other = NominationFactory(
        meeting=meeting,
        organization=iom,
        given_name="Bo",
        family_name="Berg",
        email="bo@iom.example",
    )
    person_page = reverse("meetings:person_detail", args=[amina.slug])
    assert client.get(person_page).status_code == 200
    expected = person_erase_changes(person=amina)

    response = act(staff_client, "erase_personal_data", [amina], post="yes")

    assert messages_of(response) == [
        f"Personal data of Amina Diallo erased: {'; '.join(expected)}."
    ]
    assert "Name withheld" in text(response)  # the list of people
    amina.refresh_from_db()
    assert amina.withheld_at is not None
    assert (amina.given_name, amina.family_name, amina.bio, amina.honorific) == ("", "", "", None)
    assert client.get(person_page).status_code == 404
    programme = client.get(reverse("meetings:programme", args=[meeting.slug]))
    assertContains(
        programme,
        '<span class="name-withheld">Name withheld</span>, '
        "<bdi>Director, Migration Policy, IOM</bdi>.",
    )
    assertNotContains(programme, "Diallo")
    nomination = Nomination.objects.get(person=amina)
    assert (nomination.given_name, nomination.family_name, nomination.position) == ("", "", "")
    assert (nomination.email, nomination.phone, nomination.requirements) == ("", "", "")
    assert nomination.events.last().kind == NominationEventKind.ERASED
    # Nothing else changed: the appearance, the check-in, the paper's author, the other delegate.
    appearance = Appearance.objects.get()
    assert (appearance.person, appearance.affiliation) == (amina, "Director, Migration Policy, IOM")
    assert CheckIn.objects.get().person == amina
    assert list(amina.documents.values_list("title", flat=True)) == ["Remittances"]
    other.refresh_from_db()
    assert (other.full_name, other.email, other.phone) == (
        "Bo Berg",
        "bo@iom.example",
        "+41229171234",
    )


def test_the_erasure_is_logged_in_the_persons_history_without_the_name(staff_client, amina):
    changes = person_erase_changes(person=amina)
    act(staff_client, "erase_personal_data", [amina], post="yes")
    history = text(staff_client.get(reverse("admin:meetings_person_history", args=[amina.pk])))
    assert f"Personal data erased: {len(changes)} changes." in history
    assert "Diallo" not in history
    entry = LogEntry.objects.get()
    assert (entry.object_repr, entry.change_message) == (
        "Name withheld",
        f"Personal data erased: {len(changes)} changes.",
    )


def test_after_an_erasure_the_admin_log_names_the_person_nowhere(client, iom, meeting):
    """Paulo Saad added on the admin's forms, a second record of him merged into the first,
    nominated by the Secretariat and added to the programme: every entry of the admin log that
    named him reads "Name withheld" once his personal data are erased."""
    staff = SecretariatFactory(email="secretariat@un.example")
    client.force_login(staff)
    RegistrationFactory(meeting=meeting)
    for given_name in ("Paulo", "P."):
        added = client.post(
            reverse("admin:meetings_person_add"),
            {
                "given_name": given_name,
                "family_name": "Saad",
                "slug": "",
                "position": "",
                "organization": iom.pk,
                "country": "",
                "bio": "",
            },
        )
        assert added.status_code == 302
    paulo, twin = Person.objects.order_by("pk")
    merging = act(client, "merge_people", [paulo, twin], post="yes", keep=str(paulo.pk))
    assert messages_of(merging)[-1].startswith(f"P. Saad (#{twin.pk}) merged into Paulo Saad")
    nominated = client.post(
        reverse("admin:participants_nomination_add"),
        {
            "meeting": meeting.pk,
            "organization": iom.pk,
            "honorific": "",
            "given_name": "Paulo",
            "family_name": "Saad",
            "position": "Adviser",
            "email": "paulo.saad@iom.example",
            "phone": "",
            "listed": "on",
            "requirements": "",
        },
    )
    assert nominated.status_code == 302
    nomination = Nomination.objects.get(person=paulo)
    appearance = AppearanceFactory(
        agenda_item__meeting=meeting,
        agenda_item__title="Labour migration",
        person=paulo,
        role=Role.SPEAKER,
    )
    LogEntry.objects.log_actions(  # what the agenda item's page logs for an appearance added
        user_id=staff.pk,
        queryset=[appearance.agenda_item],
        action_flag=CHANGE,
        change_message=[{"added": {"name": "appearance", "object": str(appearance)}}],
    )
    assert sorted(LogEntry.objects.values_list("object_repr", flat=True)) == [
        "Labour migration",
        "P. Saad",
        "Paulo Saad",
        "Paulo Saad",
        "Paulo Saad (IOM)",
    ]

    confirmation = client.post(
        CHANGELIST, {"action": "erase_personal_data", "_selected_action": [paulo.pk]}
    )

    assert confirmation.context["changes"] == [
        "Name “Paulo Saad” → “Name withheld”",
        "1 appearance in a programme kept with its affiliation, as “Name withheld”",
        "3 entries of the person's admin history: shown as “Name withheld”, their messages "
        "withheld if they name anyone",
        "1 entry of the programme's admin history: the name replaced by “Name withheld”",
        "3 records of the person's change history: names, honorific, bio and photo removed",
        "1 nomination: name, e-mail, phone and requirements removed (Tenth Coordination Meeting)",
        "1 entry of the nominations' admin history: shown as “Name withheld”, its message "
        "withheld if it names anyone",
        "2 records of the nominations' change history: names, contact data and letters removed",
    ]
    for line in confirmation.context["changes"]:
        assertContains(confirmation, f'<li dir="auto">{html.escape(line)}</li>', html=True)
    act(client, "erase_personal_data", [paulo], post="yes")

    for entry in LogEntry.objects.all():
        logged = f"{entry.object_repr} {entry.change_message} {entry.get_change_message()}"
        assert "saad" not in logged.casefold()
    pages = [
        reverse("admin:index"),  # its "Recent actions"
        reverse("admin:meetings_person_history", args=[paulo.pk]),
        reverse("admin:participants_nomination_history", args=[nomination.pk]),
        reverse("admin:meetings_agendaitem_history", args=[appearance.agenda_item_id]),
    ]
    for page in pages:
        assert "Saad" not in text(client.get(page)), page
    history = text(client.get(pages[1]))
    assert "Withheld when the personal data were erased." in history  # the merge's line
    assert "Personal data erased: 8 changes." in history
    # The item's history shows the appearance's own record, withheld too.
    assert (
        "Added Person in the programme “Name withheld (Speaker)” Person: — → Name withheld"
        in text(client.get(pages[3]))
    )


def test_an_erased_person_has_no_view_on_site_link(staff_client, amina):
    change = reverse("admin:meetings_person_change", args=[amina.pk])
    assertContains(staff_client.get(change), "View on site")
    person_erase(person=amina, by=None)
    assertNotContains(staff_client.get(change), "View on site")


def test_an_erased_person_cannot_be_erased_again(staff_client, amina):
    person_erase(person=amina, by=None)
    response = act(staff_client, "erase_personal_data", [amina])
    assert messages_of(response) == ["This person's personal data was erased already."]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


# Merge ----------------------------------------------------------------------------------------


@pytest.fixture
def duplicate(iom):
    """The same Amina, typed again by someone else: a nomination, a check-in and a paper."""
    person = PersonFactory(given_name="A.", family_name="Diallo", position="", organization=None)
    earlier = MeetingFactory(title="Ninth Coordination Meeting", slug="ninth")
    RegistrationFactory(meeting=earlier)
    NominationFactory(meeting=earlier, organization=iom, person=person, family_name="Diallo")
    CheckInFactory(meeting=earlier, person=person, day=earlier.start_date)
    DocumentFactory(meeting=earlier, title="Diaspora bonds").authors.add(person)
    AppearanceFactory(agenda_item__meeting=earlier, person=person, role=Role.MODERATOR)
    return person


@pytest.mark.parametrize("count", [1, 3])
def test_a_merge_takes_exactly_two_people(staff_client, count):
    people = PersonFactory.create_batch(count)
    response = act(staff_client, "merge_people", people)
    assert messages_of(response) == [
        "Choose exactly two people to merge: the two records of one person."
    ]
    assert Person.objects.count() == count


def test_the_merge_page_shows_both_records_with_what_points_at_them(staff_client, amina, duplicate):
    response = staff_client.post(
        CHANGELIST, {"action": "merge_people", "_selected_action": [amina.pk, duplicate.pk]}
    )

    assert response.status_code == 200
    people = dict(response.context["people"])
    expected = [
        ("Appearances in programmes", 1),
        ("Nominations", 1),
        ("Check-ins", 1),
        ("Documents", 1),
    ]
    assert sorted(people[amina]) == sorted(expected)
    assert sorted(people[duplicate]) == sorted(expected)
    page = text(response)
    assert "Ms. Amina Diallo" in page
    assert "A. Diallo" in page
    assertContains(response, '<legend class="required">Keep this record</legend>', html=True)
    for person in (amina, duplicate):
        assertContains(response, f'<label for="id_keep_{[amina, duplicate].index(person)}"')
    assert Person.objects.count() == 2


def test_merging_moves_everything_to_the_kept_person_and_deletes_the_other(
    staff_client, amina, duplicate
):
    merged_pk = duplicate.pk

    response = act(staff_client, "merge_people", [amina, duplicate], post="yes", keep=str(amina.pk))

    [message] = messages_of(response)
    assert message.startswith(f"A. Diallo (#{merged_pk}) merged into Amina Diallo (#{amina.pk}):")
    assert "1 appearance in a programme" in message
    assert "1 nomination" in message
    assert "1 check-in" in message
    assert "1 document as author" in message
    assert not Person.objects.filter(pk=merged_pk).exists()
    assert Appearance.objects.filter(person=amina).count() == 2
    assert Nomination.objects.filter(person=amina).count() == 2
    assert CheckIn.objects.filter(person=amina).count() == 2
    assert sorted(amina.documents.values_list("title", flat=True)) == [
        "Diaspora bonds",
        "Remittances",
    ]
    assert Appearance.objects.count() == 2
    assert Nomination.objects.count() == 2
    assert CheckIn.objects.count() == 2


def test_the_record_to_keep_must_be_chosen(staff_client, amina, duplicate):
    response = staff_client.post(
        CHANGELIST,
        {"action": "merge_people", "_selected_action": [amina.pk, duplicate.pk], "post": "yes"},
    )
    assert response.context["form"].errors == {"keep": ["This field is required."]}
    assert Person.objects.count() == 2


def test_a_refused_merge_says_why_and_changes_nothing(staff_client, amina, meeting, iom):
    twin = PersonFactory(given_name="Amina", family_name="Diallo")
    NominationFactory(meeting=meeting, organization=iom, person=twin, email="a.diallo@iom.example")

    response = act(staff_client, "merge_people", [amina, twin], post="yes", keep=str(amina.pk))

    assert messages_of(response) == [
        "The two records were not merged: Both people are nominated for Tenth Coordination "
        "Meeting: withdraw or decline one of the two nominations first."
    ]
    assert Person.objects.filter(pk=twin.pk).exists()
    assert Nomination.objects.filter(person=twin).count() == 1


def test_an_erased_person_is_not_merged(staff_client, amina, duplicate):
    person_erase(person=duplicate, by=None)
    response = act(staff_client, "merge_people", [amina, duplicate], post="yes", keep=str(amina.pk))
    assert messages_of(response) == [
        "The two records were not merged: A person whose personal data was erased cannot be merged."
    ]
    assert Person.objects.count() == 2


def test_the_list_of_people_names_erased_people_name_withheld(staff_client, amina):
    PersonFactory(given_name="Bo", family_name="Berg", country="Sweden")
    person_erase(person=amina, by=None)
    response = staff_client.get(CHANGELIST)
    change = reverse("admin:meetings_person_change", args=[amina.pk])
    assertContains(
        response, f'<th class="field-name"><a href="{change}">Name withheld</a></th>', html=True
    )
    assertNotContains(response, "Diallo")
    # A person without a country is no choice of the country filter (it was a link without text).
    assertContains(response, '<a href="?country=Sweden">Sweden</a>', html=True)
    assertNotContains(response, 'href="?country="')
