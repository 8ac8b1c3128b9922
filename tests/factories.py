"""factory-boy factories shared by the test suite."""

import datetime

import factory
from django.contrib.auth.models import Group

from accounts.models import Organization, OrganizationKind, User
from meetings.models import (
    AgendaItem,
    Appearance,
    Honorific,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Objective,
    Person,
    Role,
    Segment,
    Session,
)

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.django.Password(PASSWORD)


class StaffFactory(UserFactory):
    is_staff = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = OrganizationKind.UN_ENTITY


class HonorificFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Honorific
        django_get_or_create = ("name",)

    name = "Mr."


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    position = "Director"


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSeries

    name = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    start_date = datetime.date(2012, 2, 9)
    end_date = datetime.date(2012, 2, 10)
    time_zone = "America/New_York"
    city = "New York"
    status = MeetingStatus.PUBLISHED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    meeting = factory.SubFactory(MeetingFactory)
    date = factory.LazyAttribute(lambda o: o.meeting.start_date)
    start_time = datetime.time(10)
    end_time = datetime.time(13)
    name = "Morning session"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    agenda_item = factory.SubFactory(AgendaItemFactory)
    title = factory.Sequence(lambda n: f"Presentation {n}")


class AppearanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appearance

    agenda_item = factory.SubFactory(AgendaItemFactory)
    person = factory.SubFactory(PersonFactory)
    role = Role.SPEAKER


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Objective {n}")


class SecretariatFactory(StaffFactory):
    """Staff in the "Secretariat" group that migration meetings 0002 creates."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def secretariat(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="Secretariat"))
