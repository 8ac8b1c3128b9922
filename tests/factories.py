"""factory-boy factories shared by the test suite."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import (
    Invitation,
    Membership,
    Organization,
    OrganizationKind,
    User,
    invitation_token_hash,
)
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
from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion
from papers.services.versions import version_add
from participants.models import CheckIn, Nomination, NominationStatus, Registration
from tests.papers import samples

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
    kind = OrganizationKind.UN_SECRETARIAT


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


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation whose link is /accounts/invitations/<token>/; pass `token` to choose it."""

    class Meta:
        model = Invitation

    class Params:
        token = factory.Sequence(lambda n: f"test-invitation-token-{n}")

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    organization = factory.SubFactory(OrganizationFactory)
    invited_by = factory.SubFactory(StaffFactory)
    token_hash = factory.LazyAttribute(lambda o: invitation_token_hash(o.token))


class DocumentFactory(factory.django.DjangoModelFactory):
    """A submitted document of an organization, in "Contributed papers", with no file yet."""

    class Meta:
        model = Document

    meeting = factory.SubFactory(MeetingFactory)
    category = factory.LazyFunction(lambda: DocumentCategory.objects.get(slug="contributed-papers"))
    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Paper {n}")


class VersionFactory(factory.django.DjangoModelFactory):
    """A file stored through version_add(), as an upload is: checked, hashed, with a thumbnail.

    `file_data` and `file_name` are what was uploaded (a one-page PDF, "paper.pdf");
    `review_reasons`, when given, replaces what the check found.
    """

    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    uploaded_by = None
    file_data = factory.LazyFunction(lambda: samples.pdf())
    file_name = "paper.pdf"
    review_reasons = None

    @classmethod
    def _create(
        cls, model_class, *, document, uploaded_by, file_data, file_name, review_reasons, **kwargs
    ):
        upload = SimpleUploadedFile(file_name, file_data)
        version = version_add(document=document, upload=upload, by=uploaded_by)
        if document.status == DocumentStatus.PUBLISHED and not document.versions.filter(
            language=version.language, is_public=True
        ):
            # Made published by the factory: its first file of a language is the public one.
            version.is_public = True
            version.save(update_fields=["is_public"])
        if review_reasons is not None:
            version.review_reasons = review_reasons
            version.save(update_fields=["review_reasons"])
        return version


class RegistrationFactory(factory.django.DjangoModelFactory):
    """Registration open from a year ago until a year from now, without limits."""

    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=365))
    closes_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=365))


class NominationFactory(factory.django.DjangoModelFactory):
    """A nomination written straight to the database (the services are tested on their own)."""

    class Meta:
        model = Nomination

    meeting = factory.SubFactory(MeetingFactory)
    organization = factory.SubFactory(OrganizationFactory)
    given_name = factory.Sequence(lambda n: f"Delegate{n}")
    family_name = factory.Sequence(lambda n: f"Nominee{n}")
    position = "Adviser"
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    phone = "+41229171234"
    listed = True
    status = NominationStatus.ACCEPTED
    person = factory.LazyAttribute(
        lambda nomination: Person.objects.create(
            given_name=nomination.given_name,
            family_name=nomination.family_name,
            organization=nomination.organization,
        )
    )


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn


def make_public(version: DocumentVersion) -> DocumentVersion:
    """`version` becomes its language's public file, as publishing it would (tests that set the
    state directly)."""
    DocumentVersion.objects.filter(
        document_id=version.document_id, language=version.language, is_public=True
    ).update(is_public=False)
    DocumentVersion.objects.filter(pk=version.pk).update(is_public=True)
    version.is_public = True
    return version
