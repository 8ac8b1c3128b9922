"""What most papers tests start from: a meeting open for submissions, IOM and its focal point,
the Secretariat, and a submitted paper with one PDF. A test module that needs another meeting or
paper defines its own fixture of the same name."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    SecretariatFactory,
    VersionFactory,
)

DAY = datetime.timedelta(days=1)


@pytest.fixture
def meeting():
    """A published meeting whose submission window opened yesterday and closes tomorrow."""
    now = timezone.now()
    return MeetingFactory(
        title="Tenth Coordination Meeting", submissions_open=now - DAY, submissions_close=now + DAY
    )


@pytest.fixture
def organization():
    return OrganizationFactory(name="International Organization for Migration", acronym="IOM")


@pytest.fixture
def focal_point(organization):
    return MembershipFactory(organization=organization, user__email="focal@iom.example").user


@pytest.fixture
def staff():
    """A member of the Secretariat, who reviews and publishes."""
    return SecretariatFactory(email="secretariat@un.example")


@pytest.fixture
def secretariat_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def paper(focal_point, organization):
    """A paper the focal point submitted for their organization, with one PDF."""
    document = DocumentFactory(
        title="Migration and development", organization=organization, submitted_by=focal_point
    )
    VersionFactory(document=document, uploaded_by=focal_point, file_name="Hovy paper.pdf")
    return document
