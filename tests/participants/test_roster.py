"""Who the roster counts, and how it names them."""

import pytest

from meetings.models import Honorific, Role
from participants.models import NominationStatus
from participants.roster import meeting_roster
from tests.factories import AppearanceFactory, NominationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_nominated_speaker_is_one_participant_named_as_the_programme_spells_them(
    registration, organization
):
    mr = Honorific.objects.get_or_create(name="Mr.")[0]
    speaker = PersonFactory(honorific=mr, given_name="Paulo", family_name="Saad")
    AppearanceFactory(agenda_item__meeting=registration.meeting, person=speaker, role=Role.SPEAKER)
    NominationFactory(
        meeting=registration.meeting,
        organization=organization,
        person=speaker,
        given_name="paulo",
        family_name="SAAD",
        position="Chief, Demography",
    )

    [participant] = meeting_roster(registration.meeting)

    assert participant.display_name == "Mr. Paulo Saad"
    assert participant.position == "Chief, Demography"
    assert participant.roles == [Role.SPEAKER]
    assert participant.nomination is not None


@pytest.mark.parametrize(
    "status",
    [
        NominationStatus.PENDING,
        NominationStatus.WAITLISTED,
        NominationStatus.DECLINED,
        NominationStatus.WITHDRAWN,
    ],
)
def test_only_accepted_nominations_count(registration, organization, status):
    NominationFactory(meeting=registration.meeting, organization=organization, status=status)
    assert meeting_roster(registration.meeting) == []
