"""The list of participants in the order UN documents print it.

Member States first, alphabetically by country (the entry is the country, whichever ministry or
mission sent the delegate, and a programme's person without an organization but with a country,
such as a Permanent Representative, goes under that country); then observers; the United Nations
system, sub-headed Secretariat departments and offices, funds and programmes, specialized
agencies, related organizations and regional commissions; other intergovernmental
organizations; civil society and academia; and other participants. Within a group the
organizations are alphabetical by the reader's language (its names and its collation,
accounts/collation.py), each office right after the body it belongs to ("Population Division,
DESA" after DESA); within an entry heads of delegation come first, then family names
(Participant.sort_key).

`arrange()` orders any roster: the exports and the badges use it for every participant, the
public list (`public_list()`) for those who are listed, reduced to `Line`s, which hold what the
public may read of a person (honorific, name, position) and nothing else. Both are plain data,
built from the roster's queries without one of their own.
"""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.collation import collation_key
from accounts.models import Organization, OrganizationKind
from accounts.text import folded
from config.content_languages import codes, column, english_text, text_in
from config.countries import country_name, country_text
from meetings.models import Meeting
from meetings.models.people import with_honorific
from participants.roster import Participant, meeting_roster

K = OrganizationKind


@dataclass(frozen=True)
class _Section:
    key: str
    heading: Promise
    # (sub-heading or None, the kinds under it), in the order they are printed.
    parts: tuple[tuple[Promise | None, tuple[str, ...]], ...]


MEMBER_STATES = "member_states"
OTHER = "other"

SECTIONS = (
    _Section(MEMBER_STATES, _("Member States"), ((None, (K.GOVERNMENT,)),)),
    _Section("observers", _("Observers"), ((None, (K.OBSERVER,)),)),
    _Section(
        "un_system",
        _("United Nations system"),
        (
            (_("Secretariat departments and offices"), (K.UN_SECRETARIAT,)),
            (_("Funds and programmes"), (K.UN_FUND,)),
            (_("Specialized agencies"), (K.UN_AGENCY,)),
            (_("Related organizations"), (K.UN_RELATED,)),
            (_("Regional commissions"), (K.UN_REGIONAL,)),
        ),
    ),
    _Section("igo", _("Other intergovernmental organizations"), ((None, (K.INTERGOVERNMENTAL,)),)),
    _Section(
        "civil_society",
        _("Civil society and academia"),
        ((None, (K.CIVIL_SOCIETY, K.ACADEMIC)),),
    ),
    _Section(OTHER, _("Other participants"), ((None, (K.OTHER,)),)),
)

# Organization kind -> (section, part) indexes; a kind added later and not placed here lands
# among the other participants rather than nowhere.
_PLACE = {
    kind: (section_index, part_index)
    for section_index, section in enumerate(SECTIONS)
    for part_index, (_heading, kinds) in enumerate(section.parts)
    for kind in kinds
}
_MEMBER_STATES = next(i for i, section in enumerate(SECTIONS) if section.key == MEMBER_STATES)
_OTHER = next(i for i, section in enumerate(SECTIONS) if section.key == OTHER)


@dataclass
class Entry[T]:
    """A country or an organization, with its people in order. An empty heading: people of no
    organization, printed straight under the group's heading."""

    heading: str
    members: list[T]
    country: bool = False  # the heading is a country, not an organization
    lang: str = ""  # the heading's language, when it is not the page's (a fallback to English)


@dataclass
class Part[T]:
    """A group's sub-heading (the UN system has five) with its entries; or the group's entries
    under no sub-heading."""

    heading: str
    entries: list[Entry[T]]


@dataclass
class Group[T]:
    key: str
    heading: str
    parts: list[Part[T]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(entry.members) for part in self.parts for entry in part.entries)


@dataclass(frozen=True)
class Line:
    """One line of the public list: what the public reads of a participant, nothing more."""

    honorific: str
    name: str
    position: str
    # Under a country heading, the ministry or mission the person came from, when known.
    affiliation: str = ""
    position_lang: str = ""  # the position's language, when it is not the page's
    affiliation_lang: str = ""

    @property
    def display_name(self) -> str:
        """ "Mr. Bela Hovy"; "Bela Hovy先生" in Chinese, which writes the honorific after."""
        return with_honorific(self.honorific, self.name)


def organization_key(organization: Organization) -> tuple:
    """Alphabetical by name in the active language (its name and collation), an office right
    after the body it belongs to."""
    if organization.parent_id:
        parent = organization.parent
        return (
            collation_key(parent.name),
            parent.pk,
            1,
            collation_key(organization.name),
            organization.pk,
        )
    return (collation_key(organization.name), organization.pk, 0, b"", 0)


def _country(name: str) -> tuple[tuple, str, str]:
    """A country entry's sort key, heading and the heading's language when it is not the
    page's: the country as the reader's language names it (config/countries.py)."""
    text = country_text(name)
    return (collation_key(text.value),), text.value, text.language if text.is_fallback else ""


def _place(participant: Participant) -> tuple[int, int, tuple, str, str, bool]:
    """(section, part, entry's sort key, entry's heading, the heading's language when it is not
    the page's, heading is a country)."""
    organization = participant.organization
    if organization is None:
        if participant.country:
            return (_MEMBER_STATES, 0, *_country(participant.country), True)
        return (_OTHER, 0, (), "", "", False)  # () sorts before any organization
    section, part = _PLACE.get(organization.kind, (_OTHER, 0))
    if section == _MEMBER_STATES and organization.country:
        return (section, part, *_country(organization.country), True)
    name = text_in(organization, "name")
    language = name.language if name.is_fallback else ""
    return (section, part, organization_key(organization), organization.label, language, False)


def arrange(participants: Iterable[Participant]) -> list[Group[Participant]]:
    """The participants grouped and ordered as a UN list of participants; empty groups left out."""
    placed: dict[tuple[int, int, tuple], tuple[str, str, bool, list[Participant]]] = {}
    for participant in participants:
        section, part, key, heading, language, country = _place(participant)
        placed.setdefault((section, part, key), (heading, language, country, []))[3].append(
            participant
        )
    groups: list[Group[Participant]] = []
    for (section_index, part_index, _key), (heading, language, country, members) in sorted(
        placed.items(), key=lambda item: item[0]
    ):
        section = SECTIONS[section_index]
        if not groups or groups[-1].key != section.key:
            groups.append(Group(key=section.key, heading=str(section.heading)))
        group = groups[-1]
        part_heading = section.parts[part_index][0]
        part_label = str(part_heading) if part_heading is not None else ""
        if not group.parts or group.parts[-1].heading != part_label:
            group.parts.append(Part(heading=part_label, entries=[]))
        members.sort(key=lambda participant: participant.sort_key)
        group.parts[-1].entries.append(
            Entry(heading=heading, members=members, country=country, lang=language)
        )
    return groups


def in_order[T](groups: list[Group[T]]) -> Iterator[tuple[Group[T], Part[T], Entry[T], T]]:
    """Every member with where it stands, in the list's order: for the exports and the badges."""
    for group in groups:
        for part in group.parts:
            for entry in part.entries:
                for member in entry.members:
                    yield group, part, entry, member


def _names_of(participant: Participant, heading: str) -> set[str]:
    """What the organization (or country) is called, every way, folded."""
    names = {heading, participant.country}
    organization = participant.organization
    # The organization and the body it belongs to (the roster loads both, no further).
    # Every language's name counts: the programme's affiliation is written in English, and a
    # French heading names the organization in French.
    for body in (organization, organization.parent if organization else None):
        if body is not None:
            names |= {str(body), body.country, country_name(body.country)}
            for code in codes():
                names |= {getattr(body, column(field, code), "") for field in ("name", "acronym")}
            names |= {f"{english_text(body, 'name')} ({english_text(body, 'acronym')})"}
    return {folded(name) for name in names if name}


def _repeats(position: str, names: set[str]) -> bool:
    """ "Population Division, DESA" under that heading is no position: the programme showed
    the affiliation there (Participant.position falls back to it)."""
    parts = [folded(part) for part in _PARTS.split(position) if part.strip()]
    return bool(parts) and all(part in names for part in parts)


_PARTS = re.compile(r"[,;]")


def line_for(participant: Participant, entry: Entry[Participant]) -> Line:
    names = _names_of(participant, entry.heading)
    position = "" if _repeats(participant.position, names) else participant.position
    affiliation = ""
    organization = participant.organization
    # Under a country, the ministry or mission, unless the position names it already.
    if (
        entry.country
        and organization is not None
        and folded(organization.name) not in folded(position)
    ):
        affiliation = organization.name
    affiliation_lang = ""
    if affiliation and organization is not None:
        name = text_in(organization, "name")
        affiliation_lang = name.language if name.is_fallback else ""
    return Line(
        honorific=participant.honorific,
        name=participant.name,
        position=position,
        affiliation=affiliation,
        position_lang=participant.position_lang if position else "",
        affiliation_lang=affiliation_lang,
    )


def _mapped[T, U](groups: list[Group[T]], make: Callable[[T, Entry[T]], U]) -> list[Group[U]]:
    return [
        Group(
            key=group.key,
            heading=group.heading,
            parts=[
                Part(
                    heading=part.heading,
                    entries=[
                        Entry(
                            heading=entry.heading,
                            members=[make(member, entry) for member in entry.members],
                            country=entry.country,
                            lang=entry.lang,
                        )
                        for entry in part.entries
                    ],
                )
                for part in group.parts
            ],
        )
        for group in groups
    ]


def public_lines(participants: Iterable[Participant]) -> list[Group[Line]]:
    """The public list of these participants: the listed ones only, as `Line`s."""
    listed = arrange(participant for participant in participants if participant.listed)
    return _mapped(listed, line_for)


def public_list(meeting: Meeting) -> list[Group[Line]]:
    """The meeting's public list of participants (the roster's two queries)."""
    return public_lines(meeting_roster(meeting))
