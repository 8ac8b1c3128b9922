"""Uploads kept in an S3-compatible object store (DJANGO_STORAGE=s3): every file goes to the
bucket, comes back byte for byte through Plenary's views and only to whom may see it, and
nothing is written under MEDIA_ROOT."""

import datetime
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from meetings.models import Honorific, Person
from papers.models import Document, DocumentVersion
from papers.services.review import document_publish
from participants.models import Nomination
from tests.factories import (
    AppearanceFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    RegistrationFactory,
    SecretariatFactory,
    VersionFactory,
)
from tests.papers import samples
from tests.papers.forms import document_form, submission_data
from tests.papers.storage import stored_files

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetched(client, url: str) -> tuple[int, bytes]:
    """GET a file as a browser does: its status and whole body (read to the end, the test
    client closes the file, as a WSGI server would)."""
    response = client.get(url)
    if response.status_code != 200:
        return response.status_code, b""
    return 200, b"".join(response.streaming_content)


@pytest.fixture
def meeting():
    now = timezone.now()
    return MeetingFactory(submissions_open=now - DAY, submissions_close=now + DAY)


@pytest.fixture
def organization():
    return OrganizationFactory(name="International Organization for Migration", acronym="IOM")


@pytest.fixture
def focal_point(organization):
    return MembershipFactory(organization=organization, user__email="focal@iom.example").user


def test_a_submitted_paper_lives_in_the_bucket_and_reaches_only_who_may_see_it(
    client, s3, settings, meeting, focal_point, django_capture_on_commit_callbacks
):
    data = samples.pdf(pages=2, mark=True)
    client.force_login(focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("papers:submit", kwargs={"slug": meeting.slug}),
            submission_data(file=SimpleUploadedFile("Migration paper.pdf", data)),
        )
    assert response.status_code == 302

    version = DocumentVersion.objects.get()
    assert version.file.name.startswith("papers/")
    assert s3.names() == sorted([version.file.name, version.thumbnail.name, *version.preview_pages])
    assert s3.read(version.file.name) == data
    assert stored_files(settings) == []  # nothing under MEDIA_ROOT

    download = reverse("papers:version_download", args=[version.document_id, 1])
    thumbnail = reverse("papers:version_thumbnail", args=[version.document_id, 1])
    status, body = fetched(client, download)
    assert (status, sha256(body)) == (200, sha256(data))
    status, picture = fetched(client, thumbnail)
    assert status == 200
    assert Image.open(io.BytesIO(picture)).format == "PNG"

    client.logout()
    assert fetched(client, download) == (404, b"")
    assert fetched(client, thumbnail) == (404, b"")

    document_publish(document=Document.objects.get(), by=SecretariatFactory())
    status, body = fetched(client, download)
    assert (status, sha256(body)) == (200, sha256(data))


def test_a_file_missing_from_the_bucket_is_a_404_not_an_error(client, s3, meeting):
    version = VersionFactory(document__meeting=meeting, file_data=samples.pdf())
    client.force_login(SecretariatFactory())
    s3.store.client().delete_object(Bucket=s3.name, Key=version.file.name)

    response = client.get(reverse("papers:version_download", args=[version.document_id, 1]))

    assert response.status_code == 404


def test_staff_add_a_version_in_the_back_office_and_it_is_stored_in_the_bucket(
    client, s3, settings, meeting, focal_point, organization
):
    document = DocumentFactory(meeting=meeting, organization=organization, submitted_by=focal_point)
    VersionFactory(document=document, uploaded_by=focal_point, file_data=samples.pdf())
    client.force_login(SecretariatFactory())
    data = samples.pdf(pages=3)

    response = client.post(
        reverse("admin:papers_document_change", args=[document.pk]),
        document_form(document, new_file=SimpleUploadedFile("Paper v2.pdf", data)),
    )

    assert response.status_code == 302
    second = document.versions.get(number=2)
    assert second.file.name in s3.names()
    status, body = fetched(
        client, reverse("papers:version_download", args=[document.pk, second.number])
    )
    assert (status, sha256(body)) == (200, sha256(data))
    assert stored_files(settings) == []


def test_a_nomination_letter_is_stored_in_the_bucket_for_its_organization_and_staff(
    client, s3, settings, organization, focal_point
):
    meeting = MeetingFactory(
        start_date=datetime.date.today() + 60 * DAY, end_date=datetime.date.today() + 61 * DAY
    )
    RegistrationFactory(
        meeting=meeting, closes_on=meeting.start_date - 7 * DAY, letter_required=True
    )
    data = samples.pdf()
    client.force_login(focal_point)

    response = client.post(
        reverse("participants:nominate", args=[meeting.slug, organization.pk]),
        {
            "honorific": Honorific.objects.get_or_create(name="Ms.")[0].pk,
            "given_name": "María José",
            "family_name": "López Peña",
            "position_en": "Senior Migration Policy Officer",
            "email": "mj.lopez@iom.example",
            "phone": "+41 22 917 12 34",
            "letter": SimpleUploadedFile("Note verbale.pdf", data, "application/pdf"),
        },
    )

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.letter.name.startswith(f"participants/letters/{meeting.pk}/")
    assert s3.names() == [nomination.letter.name]
    letter = reverse("participants:nomination_letter", args=[nomination.pk])
    assert fetched(client, letter) == (200, data)
    client.force_login(SecretariatFactory())
    assert fetched(client, letter) == (200, data)
    client.force_login(MembershipFactory(organization__name="UNHCR").user)
    assert fetched(client, letter) == (404, b"")
    assert stored_files(settings) == []


def test_a_speaker_photo_is_stored_in_the_bucket_and_served_by_its_view(client, s3, settings):
    person = PersonFactory()
    AppearanceFactory(person=person)  # in a published programme: the person has a public page
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "navy").save(buffer, "JPEG")
    client.force_login(SecretariatFactory())

    response = client.post(
        reverse("admin:meetings_person_change", args=[person.pk]),
        {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "slug": person.slug,
            "position_en": person.position_en,
            "country": "",
            "bio": "",
            "photo": SimpleUploadedFile("me.jpg", buffer.getvalue()),
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    photo = Person.objects.get(pk=person.pk).photo
    assert photo.name.startswith("people/photos/")
    assert s3.names() == [photo.name]
    client.logout()
    status, body = fetched(client, reverse("meetings:person_photo", args=[person.slug]))
    assert status == 200
    assert Image.open(io.BytesIO(body)).size == (300, 200)
    assert stored_files(settings) == []
