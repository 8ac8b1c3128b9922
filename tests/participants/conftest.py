"""What most participants tests start from: a future meeting with registration open (no limits
unless a test sets them), IOM and its focal point, another organization's focal point, and the
Secretariat. A test module that needs another registration defines its own fixture."""

import datetime

import pytest

from meetings.models import Honorific
from participants.services.nominations import Nominee
from tests.factories import (
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    RegistrationFactory,
    SecretariatFactory,
    StaffFactory,
)


@pytest.fixture
def meeting():
    return MeetingFactory(
        title="Eleventh Coordination Meeting",
        slug="eleventh",
        start_date=datetime.date.today() + datetime.timedelta(days=60),
        end_date=datetime.date.today() + datetime.timedelta(days=61),
    )


@pytest.fixture
def registration(meeting):
    """Open since a year ago, closing a week before the meeting."""
    return RegistrationFactory(
        meeting=meeting, closes_on=meeting.start_date - datetime.timedelta(days=7)
    )


@pytest.fixture
def organization():
    return OrganizationFactory(
        name="International Organization for Migration", acronym="IOM", kind="un_related"
    )


@pytest.fixture
def focal_point(organization):
    return MembershipFactory(organization=organization, user__email="focal@iom.example").user


@pytest.fixture
def other_organization():
    return OrganizationFactory(
        name="International Labour Organization", acronym="ILO", kind="un_agency"
    )


@pytest.fixture
def other_focal_point(other_organization):
    return MembershipFactory(organization=other_organization, user__email="focal@ilo.example").user


@pytest.fixture
def staff():
    """A member of the Secretariat: decides on nominations, exports, checks people in."""
    return SecretariatFactory(email="secretariat@un.example")


@pytest.fixture
def other_staff():
    """Staff outside the Secretariat group: back-office access, no participants permission."""
    return StaffFactory(email="it@un.example")


@pytest.fixture
def honorific():
    return Honorific.objects.get_or_create(name="Ms.")[0]


@pytest.fixture
def nominee(honorific):
    """What a focal point types for a delegate."""
    return Nominee(
        honorific=honorific,
        given_name="María José",
        family_name="López Peña",
        position="Senior Migration Policy Officer",
        email="mj.lopez@iom.example",
        phone="+41227179111",
        listed=True,
        requirements="Wheelchair access",
    )
