"""The UN order of a list of participants (participants/listing.py), table-driven.

The roster is built by hand here (plain Participant data, organizations not saved), so each case
reads as the list a secretariat would print: `outline()` writes the groups as "# group",
"## sub-heading", "### entry" and one line per person.
"""

import random

import pytest

from accounts.models import Organization, OrganizationKind
from participants.listing import SECTIONS, arrange, in_order, public_lines
from participants.models import Nomination, NominationStatus
from participants.roster import Participant

K = OrganizationKind


class Orgs:
    """Organizations as a secretariat has them, with ids so that parents can be told apart."""

    def __init__(self):
        self._next = 0

    def __call__(self, name, kind, *, acronym="", parent=None, country=""):
        self._next += 1
        return Organization(
            pk=self._next, name=name, acronym=acronym, kind=kind, parent=parent, country=country
        )


_ids = iter(range(1, 10_000))


def person(given, family, organization=None, *, honorific="", position="", country="", **kw):
    """A participant: nominated (head=..., listed=...) or of the programme (roles=[...])."""
    roles = kw.pop("roles", [])
    head = kw.pop("head", False)
    listed = kw.pop("listed", True)
    assert not kw, kw
    nomination = None
    if not roles:
        nomination = Nomination(
            head_of_delegation=head, listed=listed, status=NominationStatus.ACCEPTED
        )
    return Participant(
        person_id=next(_ids),
        honorific=honorific,
        given_name=given,
        family_name=family,
        position=position,
        organization=organization,
        country=country or (organization.country if organization else ""),
        nomination=nomination,
        roles=roles,
    )


def outline(groups) -> list[str]:
    lines = []
    for group in groups:
        lines.append(f"# {group.heading}")
        for part in group.parts:
            if part.heading:
                lines.append(f"## {part.heading}")
            for entry in part.entries:
                if entry.heading:
                    lines.append(f"### {entry.heading}")
                lines.extend(_text(member) for member in entry.members)
    return lines


def _text(member) -> str:
    if isinstance(member, Participant):
        return member.display_name
    text = f"{member.honorific} {member.name}".strip()
    return ", ".join(part for part in (text, member.position, member.affiliation) if part)


def reference_roster() -> list[Participant]:
    org = Orgs()
    desa = org("Department of Economic and Social Affairs", K.UN_SECRETARIAT, acronym="DESA")
    population = org("Population Division", K.UN_SECRETARIAT, parent=desa)
    statistics = org("Statistics Division", K.UN_SECRETARIAT, parent=desa)
    ohchr = org(
        "Office of the High Commissioner for Human Rights", K.UN_SECRETARIAT, acronym="OHCHR"
    )
    sweden_justice = org("Ministry of Justice", K.GOVERNMENT, country="Sweden")
    sweden_mission = org("Permanent Mission of Sweden", K.GOVERNMENT, country="Sweden")
    ecuador = org("Ministerio de Relaciones Exteriores", K.GOVERNMENT, country="Ecuador")
    ivory_coast = org("Ministère des Affaires étrangères", K.GOVERNMENT, country="Côte d'Ivoire")
    colombia = org("Cancillería", K.GOVERNMENT, country="Colombia")
    holy_see = org("Holy See", K.OBSERVER)
    palestine = org("State of Palestine", K.OBSERVER)
    undp = org("United Nations Development Programme", K.UN_FUND, acronym="UNDP")
    unicef = org("United Nations Children's Fund", K.UN_FUND, acronym="UNICEF")
    who = org("World Health Organization", K.UN_AGENCY, acronym="WHO")
    ilo = org("International Labour Organization", K.UN_AGENCY, acronym="ILO")
    iom = org("International Organization for Migration", K.UN_RELATED, acronym="IOM")
    eclac = org(
        "Economic Commission for Latin America and the Caribbean", K.UN_REGIONAL, acronym="ECLAC"
    )
    ece = org("Economic Commission for Europe", K.UN_REGIONAL, acronym="ECE")
    oecd = org(
        "Organisation for Economic Co-operation and Development",
        K.INTERGOVERNMENTAL,
        acronym="OECD",
    )
    arab_league = org("League of Arab States", K.INTERGOVERNMENTAL)
    icmc = org(
        "International Catholic Migration Commission", K.CIVIL_SOCIETY, country="Switzerland"
    )
    ehess = org("École des hautes études en sciences sociales", K.ACADEMIC, country="France")
    zurich = org("University of Zurich", K.ACADEMIC, country="Switzerland")
    mpi = org("Migration Policy Institute", K.OTHER)
    return [
        person("Bela", "Hovy", population, honorific="Mr.", roles=["speaker"]),
        person("Hania", "Zlotnik", population, honorific="Ms.", position="Director", head=True),
        person("Stefan", "Schweinfest", statistics, honorific="Mr."),
        person("Ana", "Álvarez", desa, honorific="Ms.", position="Adviser"),
        person("Pia", "Oberoi", ohchr, honorific="Ms."),
        person("Eva", "Åkerman-Börje", sweden_justice, honorific="Amb.", head=True),
        person("Lars", "Öberg", sweden_justice, honorific="Mr.", position="Deputy Director"),
        person("Karin", "Andersson", sweden_mission, honorific="Ms.", position="Counsellor"),
        person(
            "Luis Alfonso",
            "de Alba",
            honorific="Amb.",
            position="Permanent Representative of Mexico to the United Nations",
            country="Mexico",
            roles=["chair"],
        ),
        person("Jorge", "Castañeda", honorific="Mr.", country="Mexico", roles=["speaker"]),
        person("Rosa", "Zapata", ecuador, honorific="Ms."),
        person("Kouassi", "Yao", ivory_coast, honorific="Mr."),
        person("Camila", "Restrepo", colombia, honorific="Ms."),
        person("Paolo", "Rudelli", holy_see, honorific="Mgr."),
        person("Feda", "Abdelhady", palestine, honorific="Ms."),
        person("George", "Gray Molina", undp, honorific="Mr."),
        person("Nadia", "Rasheed", unicef, honorific="Ms."),
        person("Kate", "Hughes", ilo, honorific="Ms."),
        person("Ibrahim", "Awad", ilo, honorific="Mr.", head=True),
        person("Davide", "Mosca", who, honorific="Dr."),
        person("Michele", "Klein Solomon", iom, roles=["moderator"]),
        person("María José", "López Peña", iom, honorific="Ms.", position="Senior Officer"),
        person("Paulo", "Saad", eclac, honorific="Mr.", roles=["speaker"]),
        person("Andres", "Vikat", ece, honorific="Mr."),
        person("Jean-Christophe", "Dumont", oecd, honorific="Mr."),
        person("Hala", "Ghosheh", arab_league, honorific="Ms."),
        person("John", "Bingham", icmc, honorific="Mr."),
        person("Hervé", "Le Bras", ehess, honorific="Professor"),
        person("Gianni", "D'Amato", zurich, honorific="Professor"),
        person("Demetrios", "Papademetriou", mpi, honorific="Mr."),
        person(
            "François",
            "Crépeau",
            honorific="Professor",
            position="Special Rapporteur on the human rights of migrants",
            roles=["speaker"],
        ),
    ]


EXPECTED = [
    "# Member States",
    "### Colombia",
    "Ms. Camila Restrepo",
    "### Côte d'Ivoire",  # after Colombia and before Ecuador: the accent does not count
    "Mr. Kouassi Yao",
    "### Ecuador",
    "Ms. Rosa Zapata",
    "### Mexico",  # no organization, a country: under the country
    "Mr. Jorge Castañeda",
    "Amb. Luis Alfonso de Alba",  # "de Alba" among the Ds: case does not count
    "### Sweden",  # two ministries and missions, one country
    "Amb. Eva Åkerman-Börje",  # head of delegation first
    "Ms. Karin Andersson",
    "Mr. Lars Öberg",
    "# Observers",
    "### Holy See",
    "Mgr. Paolo Rudelli",
    "### State of Palestine",
    "Ms. Feda Abdelhady",
    "# United Nations system",
    "## Secretariat departments and offices",
    "### Department of Economic and Social Affairs (DESA)",
    "Ms. Ana Álvarez",
    "### Population Division, DESA",  # an office right after its department
    "Ms. Hania Zlotnik",  # head of delegation first
    "Mr. Bela Hovy",
    "### Statistics Division, DESA",
    "Mr. Stefan Schweinfest",
    "### Office of the High Commissioner for Human Rights (OHCHR)",
    "Ms. Pia Oberoi",
    "## Funds and programmes",
    "### United Nations Children's Fund (UNICEF)",
    "Ms. Nadia Rasheed",
    "### United Nations Development Programme (UNDP)",
    "Mr. George Gray Molina",
    "## Specialized agencies",
    "### International Labour Organization (ILO)",
    "Mr. Ibrahim Awad",
    "Ms. Kate Hughes",
    "### World Health Organization (WHO)",
    "Dr. Davide Mosca",
    "## Related organizations",
    "### International Organization for Migration (IOM)",
    "Michele Klein Solomon",
    "Ms. María José López Peña",
    "## Regional commissions",
    "### Economic Commission for Europe (ECE)",
    "Mr. Andres Vikat",
    "### Economic Commission for Latin America and the Caribbean (ECLAC)",
    "Mr. Paulo Saad",
    "# Other intergovernmental organizations",
    "### League of Arab States",
    "Ms. Hala Ghosheh",
    "### Organisation for Economic Co-operation and Development (OECD)",
    "Mr. Jean-Christophe Dumont",
    "# Civil society and academia",  # both kinds in one alphabet
    "### École des hautes études en sciences sociales",  # É as E
    "Professor Hervé Le Bras",
    "### International Catholic Migration Commission",
    "Mr. John Bingham",
    "### University of Zurich",
    "Professor Gianni D'Amato",
    "# Other participants",
    "Professor François Crépeau",  # neither organization nor country: first, under no heading
    "### Migration Policy Institute",
    "Mr. Demetrios Papademetriou",
]


def test_the_roster_is_grouped_and_ordered_as_a_un_list_of_participants():
    assert outline(arrange(reference_roster())) == EXPECTED


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_the_order_does_not_depend_on_the_order_of_the_roster(seed):
    roster = reference_roster()
    random.Random(seed).shuffle(roster)  # noqa: S311 (an order, not a secret)
    assert outline(arrange(roster)) == EXPECTED


@pytest.mark.parametrize(
    ("kind", "group", "part"),
    [
        (K.GOVERNMENT, "Member States", ""),
        (K.OBSERVER, "Observers", ""),
        (K.UN_SECRETARIAT, "United Nations system", "Secretariat departments and offices"),
        (K.UN_FUND, "United Nations system", "Funds and programmes"),
        (K.UN_AGENCY, "United Nations system", "Specialized agencies"),
        (K.UN_RELATED, "United Nations system", "Related organizations"),
        (K.UN_REGIONAL, "United Nations system", "Regional commissions"),
        (K.INTERGOVERNMENTAL, "Other intergovernmental organizations", ""),
        (K.CIVIL_SOCIETY, "Civil society and academia", ""),
        (K.ACADEMIC, "Civil society and academia", ""),
        (K.OTHER, "Other participants", ""),
    ],
)
def test_each_organization_kind_has_its_place(kind, group, part):
    organization = Orgs()("Somewhere", kind)
    [(found_group, found_part, entry, _member)] = in_order(
        arrange([person("A", "B", organization)])
    )
    assert (found_group.heading, found_part.heading, entry.heading) == (group, part, "Somewhere")


def test_every_organization_kind_is_placed_in_a_section():
    placed = {kind for section in SECTIONS for _heading, kinds in section.parts for kind in kinds}
    assert placed == set(OrganizationKind.values)


def test_a_government_without_a_country_is_listed_under_its_own_name():
    org = Orgs()
    union = org("European Union delegation", K.GOVERNMENT)
    sweden = org("Ministry of Justice", K.GOVERNMENT, country="Sweden")
    groups = arrange([person("Eva", "Nilsson", sweden), person("Jan", "Smit", union)])
    assert outline(groups) == [
        "# Member States",
        "### European Union delegation",
        "Jan Smit",
        "### Sweden",
        "Eva Nilsson",
    ]


def test_an_office_whose_department_sends_nobody_keeps_its_department_s_place():
    org = Orgs()
    desa = org("Department of Economic and Social Affairs", K.UN_SECRETARIAT, acronym="DESA")
    dspd = org("Division for Inclusive Social Development", K.UN_SECRETARIAT, parent=desa)
    dpa = org("Department of Political Affairs", K.UN_SECRETARIAT, acronym="DPA")
    groups = arrange([person("A", "Ozawa", dpa), person("B", "Chen", dspd)])
    # "Department of E…" before "Department of P…", whatever the office itself is called.
    assert outline(groups)[2:] == [
        "### Division for Inclusive Social Development, DESA",
        "B Chen",
        "### Department of Political Affairs (DPA)",
        "A Ozawa",
    ]


def test_two_parents_of_the_same_name_keep_their_own_offices():
    org = Orgs()
    first = org("Ministry of Labour", K.GOVERNMENT, acronym="ML-A")
    second = org("Ministry of Labour", K.GOVERNMENT, acronym="ML-B")
    office_of_second = org("Statistics Office", K.GOVERNMENT, parent=second)
    office_of_first = org("Migration Office", K.GOVERNMENT, parent=first)
    groups = arrange(
        [
            person("A", "One", office_of_second),
            person("B", "Two", first),
            person("C", "Three", office_of_first),
            person("D", "Four", second),
        ]
    )
    assert outline(groups)[1:] == [
        "### Ministry of Labour (ML-A)",
        "B Two",
        "### Migration Office, ML-A",
        "C Three",
        "### Ministry of Labour (ML-B)",
        "D Four",
        "### Statistics Office, ML-B",
        "A One",
    ]


def test_heads_of_delegation_come_first_then_family_names_accents_and_case_aside():
    iom = Orgs()("International Organization for Migration", K.UN_RELATED, acronym="IOM")
    roster = [
        person("Zoë", "Żukowska", iom),
        person("Émile", "émond", iom),
        person("Eva", "Eastwood", iom),
        person("Ola", "Ødegaard", iom, head=True),  # the head of delegation first
        person("Anna", "Adams", iom),
    ]
    [(*_where, entry, _member), *_rest] = in_order(arrange(roster))
    assert [member.name for member in entry.members] == [
        "Ola Ødegaard",
        "Anna Adams",
        "Eva Eastwood",
        "Émile émond",
        "Zoë Żukowska",
    ]


def test_the_public_list_holds_the_listed_only_and_no_contact_data():
    iom = Orgs()("International Organization for Migration", K.UN_RELATED, acronym="IOM")
    roster = [
        person("Agreed", "Listed", iom, position="Officer"),
        person("Did", "Notagree", iom, listed=False),
        person("In", "Programme", iom, roles=["speaker"]),
    ]
    groups = public_lines(roster)
    assert outline(groups) == [
        "# United Nations system",
        "## Related organizations",
        "### International Organization for Migration (IOM)",
        "Agreed Listed, Officer",
        "In Programme",
    ]
    line = groups[0].parts[0].entries[0].members[0]
    # What the public reads of a person, and the languages two of those texts are in.
    assert sorted(vars(line)) == [
        "affiliation",
        "affiliation_lang",
        "honorific",
        "name",
        "position",
        "position_lang",
    ]


@pytest.mark.parametrize(
    ("position", "shown"),
    [
        ("Director", "Director"),
        ("Population Division, DESA", ""),  # the programme's affiliation: it is the heading
        ("Population Division", ""),
        ("population division, Department of Economic and Social Affairs", ""),
        ("DESA", ""),
        ("Director, Population Division", "Director, Population Division"),
    ],
)
def test_a_position_that_only_repeats_the_organization_is_not_printed(position, shown):
    org = Orgs()
    desa = org("Department of Economic and Social Affairs", K.UN_SECRETARIAT, acronym="DESA")
    population = org("Population Division", K.UN_SECRETARIAT, parent=desa)
    [(*_where, line)] = in_order(
        public_lines([person("Bela", "Hovy", population, position=position)])
    )
    assert line.position == shown


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        ("Deputy Director", "Mr. Lars Öberg, Deputy Director, Ministry of Justice"),
        ("Ministry of Justice, Sweden", "Mr. Lars Öberg, Ministry of Justice"),
        ("Adviser, Ministry of Justice", "Mr. Lars Öberg, Adviser, Ministry of Justice"),
        ("", "Mr. Lars Öberg, Ministry of Justice"),
    ],
)
def test_under_a_country_the_line_names_the_ministry_once(position, expected):
    justice = Orgs()("Ministry of Justice", K.GOVERNMENT, country="Sweden")
    groups = public_lines([person("Lars", "Öberg", justice, honorific="Mr.", position=position)])
    assert outline(groups) == ["# Member States", "### Sweden", expected]


def test_an_empty_roster_is_an_empty_list():
    assert arrange([]) == []
    assert public_lines([]) == []
