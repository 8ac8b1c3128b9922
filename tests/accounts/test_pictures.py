"""Pictures people upload: no metadata kept, size judged from the header, served by a view."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin
from pytest_django.asserts import assertContains

from accounts.images import picture_without_metadata
from meetings.models import Person
from papers.services.versions import version_add
from tests.factories import (
    AppearanceFactory,
    DocumentFactory,
    OrganizationFactory,
    PersonFactory,
    SecretariatFactory,
)
from tests.papers import samples

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112
ARTIST = 0x013B


def jpeg_with_metadata(size=(400, 200)) -> bytes:
    """A JPEG that says who took it, where, and that it must be turned a quarter to stand."""
    exif = Image.Exif()
    exif[ARTIST] = "Ana Lopes"
    exif[ORIENTATION] = 6  # rotate 90° clockwise to view
    exif.get_ifd(GPS_IFD)[2] = (40.0, 45.0, 0.0)  # GPSLatitude
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "JPEG", exif=exif, comment=b"camera notes")
    return buffer.getvalue()


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Ana Lopes")
    info.add_text("Comment", "taken at home")
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def opened(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def test_a_jpeg_loses_its_metadata_and_stands_upright():
    cleaned = opened(picture_without_metadata(io.BytesIO(jpeg_with_metadata()), "JPEG"))
    assert cleaned.size == (200, 400)  # the orientation was applied, then dropped
    assert dict(cleaned.getexif()) == {}
    assert "comment" not in cleaned.info


def test_a_png_loses_its_text_chunks():
    cleaned = opened(picture_without_metadata(io.BytesIO(png_with_text()), "PNG"))
    assert "Author" not in cleaned.info
    assert "Comment" not in cleaned.info


def test_an_image_paper_is_stored_without_its_metadata():
    version = version_add(
        document=DocumentFactory(),
        upload=SimpleUploadedFile("photo.jpg", jpeg_with_metadata()),
        by=None,
    )
    with version.file.open("rb") as stored:
        data = stored.read()
    assert b"Ana Lopes" not in data
    assert dict(opened(data).getexif()) == {}
    assert version.size == len(data)  # the facts are those of the file people download


def test_a_huge_image_is_refused_from_its_header_before_it_is_decoded():
    with pytest.raises(ValidationError) as caught:
        version_add(
            document=DocumentFactory(),
            upload=SimpleUploadedFile("plan.png", samples.png_claiming(9400, 9400)),
            by=None,
        )
    assert caught.value.messages == [
        "The image is 9,400 × 9,400 pixels; the limit is 50 million pixels."
    ]


# Speaker photos and logos ----------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    client.force_login(SecretariatFactory())
    return client


def person_form(person, photo) -> dict:
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "slug": person.slug,
        "position": person.position,
        "country": "",
        "bio": "",
        "photo": photo,
        "appearances-TOTAL_FORMS": "0",
        "appearances-INITIAL_FORMS": "0",
    }


def test_a_speaker_photo_is_stored_clean_and_served_by_a_view(staff_client, client):
    person = PersonFactory()
    AppearanceFactory(person=person)  # in a published programme: the person has a public page
    response = staff_client.post(
        reverse("admin:meetings_person_change", args=[person.pk]),
        person_form(person, SimpleUploadedFile("my holiday.JPG", jpeg_with_metadata())),
    )
    assert response.status_code == 302, getattr(response, "context", None)
    person.refresh_from_db()
    assert person.photo.name.startswith("people/photos/")
    assert person.photo.name.endswith(".jpg")
    assert "holiday" not in person.photo.name

    photo_url = reverse("meetings:person_photo", args=[person.slug])
    assert person.photo.url == photo_url  # never a /media/ address, which has no route
    change = staff_client.get(reverse("admin:meetings_person_change", args=[person.pk]))
    assertContains(change, f'href="{photo_url}"')
    page = client.get(person.get_absolute_url())
    assertContains(page, f'src="{photo_url}"')
    served = client.get(photo_url)
    data = b"".join(served.streaming_content)
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"Ana Lopes" not in data
    assert opened(data).size == (200, 400)


def test_a_photo_of_someone_without_a_public_page_is_not_served(client, staff_client):
    person = PersonFactory()
    staff_client.post(
        reverse("admin:meetings_person_change", args=[person.pk]),
        person_form(person, SimpleUploadedFile("p.jpg", jpeg_with_metadata())),
    )
    assert Person.objects.get(pk=person.pk).photo
    assert client.get(reverse("meetings:person_photo", args=[person.slug])).status_code == 404


def test_a_page_renamed_to_jpg_is_refused_as_a_photo(staff_client):
    person = PersonFactory()
    response = staff_client.post(
        reverse("admin:meetings_person_change", args=[person.pk]),
        person_form(person, SimpleUploadedFile("p.jpg", samples.HTML)),
    )
    assert response.status_code == 200
    assert not Person.objects.get(pk=person.pk).photo


def test_an_organization_logo_is_served_clean(client):
    organization = OrganizationFactory()
    organization.logo = SimpleUploadedFile("logo.png", png_with_text())
    organization.full_clean()
    organization.save()

    assert organization.logo.name.startswith("organizations/logos/")
    response = client.get(reverse("accounts:organization_logo", args=[organization.pk]))
    data = b"".join(response.streaming_content)
    assert response["Content-Type"] == "image/png"
    assert "Author" not in opened(data).info


def test_a_logo_that_is_not_a_picture_is_refused():
    organization = OrganizationFactory()
    organization.logo = SimpleUploadedFile("logo.png", samples.HTML)
    with pytest.raises(ValidationError) as caught:
        organization.full_clean()
    assert "logo" in caught.value.message_dict
