"""Who takes part in a meeting: accepted nominations and the people of its programme.

`meeting_roster()` builds the list in two queries, whatever its length, and returns plain data:
the exports, the badges, the check-in page and the public list all read it. Speakers, moderators
and chairs count as participants without a nomination; a speaker who was also nominated is one
participant, with the nomination's details and the programme's roles. People whose personal data
was erased are on no list.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.collation import collation_key
from accounts.models import Organization
from config.content_languages import DEFAULT, Text, active_content_language, text_in
from meetings.models import Appearance, Meeting, Role
from meetings.models.people import with_honorific
from participants.models import Nomination, NominationStatus

# The band a badge shows, strongest first; "Secretariat" and "Participant" come after these.
BAND_ROLES = (Role.CHAIR, Role.MODERATOR, Role.SPEAKER, Role.PRESENTER, Role.DISCUSSANT)


@dataclass
class Participant:
    person_id: int
    honorific: str
    given_name: str
    family_name: str
    position: str
    organization: Organization | None
    country: str
    nomination: Nomination | None = None
    roles: list[str] = field(default_factory=list)  # Role values, in BAND_ROLES order
    secretariat: bool = False
    # The position's language when it is not the reader's: a person's position entered in
    # English only, read on a French page.
    position_lang: str = ""

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def display_name(self) -> str:
        """ "Mr. Bela Hovy"; "Bela Hovy先生" in Chinese, which writes the honorific after."""
        return with_honorific(self.honorific, self.name)

    @property
    def sort_key(self) -> tuple[bool, bytes, bytes, int]:
        """Heads of delegation first, then by family and given name in the active language's
        collation."""
        head = bool(self.nomination and self.nomination.head_of_delegation)
        return (
            not head,
            collation_key(self.family_name),
            collation_key(self.given_name),
            self.person_id,
        )

    @property
    def listed(self) -> bool:
        """On the public list: the programme's people always; nominees when they agreed."""
        return bool(self.roles) or bool(self.nomination and self.nomination.listed)

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles]

    @property
    def band_key(self) -> str:
        """Which band the badge has: the strongest programme role, "secretariat" or
        "participant" (the badge's colour follows it)."""
        if self.roles:
            return self.roles[0]
        return "secretariat" if self.secretariat else "participant"

    @property
    def band(self) -> str:
        """What the badge's coloured band says: the strongest programme role, or Secretariat."""
        if self.roles:
            return str(Role(self.roles[0]).label)
        if self.secretariat:
            return _("Secretariat")
        return _("Participant")

    @property
    def status_label(self) -> str:
        if self.nomination is not None:
            return str(self.nomination.get_status_display())
        return _("In the programme")

    @property
    def email(self) -> str:
        return self.nomination.email if self.nomination else ""

    @property
    def phone(self) -> str:
        return self.nomination.phone if self.nomination else ""

    @property
    def requirements(self) -> str:
        return self.nomination.requirements if self.nomination else ""


def _is_secretariat(organization: Organization | None, meeting: Meeting) -> bool:
    if organization is None or meeting.organizer_id is None:
        return False
    return meeting.organizer_id in (organization.pk, organization.parent_id)


def _position_language(position: Text) -> str:
    """The language of what a programme's person shows as position, when it is not the page's:
    their position's fallback, or the appearance's affiliation, which the programme holds in
    English."""
    if position.value:
        return position.language if position.is_fallback else ""
    return DEFAULT if active_content_language() != DEFAULT else ""


def meeting_roster(meeting: Meeting) -> list[Participant]:
    """The meeting's participants, in no particular order (listing.py orders them)."""
    participants: dict[int, Participant] = {}
    nominations = (
        Nomination.objects.for_meeting(meeting)
        .filter(status=NominationStatus.ACCEPTED, person__withheld_at__isnull=True)
        .select_related("honorific", "organization__parent", "person")
    )
    for nomination in nominations:
        participants[nomination.person_id] = Participant(
            person_id=nomination.person_id,
            honorific=nomination.honorific.name if nomination.honorific_id else "",
            given_name=nomination.given_name,
            family_name=nomination.family_name,
            position=nomination.position,
            organization=nomination.organization,
            country=nomination.organization.country,
            nomination=nomination,
            secretariat=_is_secretariat(nomination.organization, meeting),
        )
    appearances = (
        Appearance.objects.filter(agenda_item__meeting=meeting, person__withheld_at__isnull=True)
        .select_related("person__honorific", "person__organization__parent")
        .order_by("agenda_item__order", "agenda_item__pk", "order", "pk")
    )
    for appearance in appearances:
        person = appearance.person
        participant = participants.get(person.pk)
        if participant is None:
            position = text_in(person, "position")
            participant = participants[person.pk] = Participant(
                person_id=person.pk,
                honorific=person.honorific.name if person.honorific else "",
                given_name=person.given_name,
                family_name=person.family_name,
                position=position.value or appearance.affiliation,
                position_lang=_position_language(position),
                organization=person.organization,
                country=person.country
                or (person.organization.country if person.organization else ""),
                secretariat=_is_secretariat(person.organization, meeting),
            )
        elif not participant.roles:
            # Nominated and in the programme: the programme's spelling of the name, which the
            # Secretariat wrote, on every list; the nomination keeps its position.
            participant.honorific = (
                person.honorific.name if person.honorific else participant.honorific
            )
            participant.given_name = person.given_name
            participant.family_name = person.family_name
        if appearance.role not in participant.roles:
            participant.roles.append(appearance.role)
    for participant in participants.values():
        participant.roles.sort(key=BAND_ROLES.index)
    return list(participants.values())
