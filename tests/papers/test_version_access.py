"""Published means published: the public reaches exactly the version the secretariat published.

The story: version 1 was returned for changes, version 2 was published, version 3 (a correction)
arrived afterwards and waits for review.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from papers.services.review import document_publish, document_return
from papers.services.staff_uploads import document_file_replace
from papers.services.submission import document_update
from tests.factories import MembershipFactory, UserFactory, VersionFactory
from tests.papers import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(paper, focal_point, staff):
    document_return(document=paper, comment="Add the sources.", by=staff)
    document_update(
        document=paper,
        by=focal_point,
        category=paper.category,
        title=paper.title,
        authors_text="",
        language=paper.language,
        agenda_item=None,
        upload=SimpleUploadedFile("with sources.pdf", samples.pdf()),
    )
    document_publish(document=paper, by=staff)
    document_file_replace(
        document=paper, upload=SimpleUploadedFile("corrected.pdf", samples.pdf()), by=staff
    )
    paper.refresh_from_db()
    return paper


def reader(kind: str, story, staff) -> Client:
    client = Client()
    if kind == "other organization":
        client.force_login(MembershipFactory().user)
    elif kind == "own organization":
        client.force_login(MembershipFactory(organization=story.organization).user)
    elif kind == "secretariat":
        client.force_login(staff)
    elif kind == "logged in, no organization":
        client.force_login(UserFactory())
    return client


def fetch(client: Client, url: str):
    """GET a file URL and read it whole, as a browser would."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # read to the end, the test client closes it
    return response


READERS = ["anonymous", "logged in, no organization", "other organization"]
INSIDERS = ["own organization", "secretariat"]


@pytest.mark.parametrize("who", READERS + INSIDERS)
@pytest.mark.parametrize("number", [1, 2, 3])
@pytest.mark.parametrize("what", ["download", "thumbnail"])
def test_access_matrix_per_version(story, staff, who, number, what):
    url = reverse(f"papers:version_{what}", kwargs={"pk": story.pk, "number": number})
    expected = 200 if who in INSIDERS or number == 2 else 404
    assert fetch(reader(who, story, staff), url).status_code == expected


@pytest.mark.parametrize("who", READERS)
def test_readers_see_only_the_published_version_listed(story, staff, who):
    page = reader(who, story, staff).get(story.get_absolute_url())
    assert [(v.number, state) for v, state in page.context["versions"]] == [(2, "public")]
    assertContains(page, "with sources.pdf")
    assertNotContains(page, "corrected.pdf")
    assertNotContains(page, "paper.pdf")


@pytest.mark.parametrize("who", INSIDERS)
def test_the_organization_and_the_secretariat_see_every_version_and_which_is_public(
    story, staff, who
):
    page = reader(who, story, staff).get(story.get_absolute_url())
    assert [(v.number, state) for v, state in page.context["versions"]] == [
        (3, "waiting for review"),
        (2, "public"),
        (1, ""),
    ]
    assertContains(page, "3 (waiting for review)")
    assertContains(page, "2 (public)")


def test_the_meeting_page_links_the_published_version(client, story):
    story.meeting.submissions_close = None
    page = client.get(story.meeting.get_absolute_url())
    public = reverse("papers:version_download", kwargs={"pk": story.pk, "number": 2})
    assertContains(page, f'href="{public}"')
    for number in (1, 3):
        other = reverse("papers:version_download", kwargs={"pk": story.pk, "number": number})
        assertNotContains(page, other)


def test_the_admin_says_which_version_is_public_and_what_waits(secretariat_client, story):
    listing = secretariat_client.get(reverse("admin:papers_document_changelist"))
    assertContains(listing, "Version 2; version 3 waits for review")
    queue = secretariat_client.get(
        reverse("admin:papers_document_changelist"), {"review": "waiting"}
    )
    assert [d.pk for d in queue.context["cl"].result_list] == [story.pk]

    change = secretariat_client.get(reverse("admin:papers_document_change", args=[story.pk]))
    assertContains(change, "Version 2 is public. Publishing makes version 3")
    assertContains(change, '<td class="field-public"><p>Public</p></td>', html=True)


def test_publishing_the_correction_makes_it_the_public_one(client, story, staff):
    document_publish(document=story, by=staff, expected_version=3)
    new = reverse("papers:version_download", kwargs={"pk": story.pk, "number": 3})
    old = reverse("papers:version_download", kwargs={"pk": story.pk, "number": 2})
    assert fetch(client, new).status_code == 200
    assert fetch(client, old).status_code == 404


def test_a_returned_published_document_leaves_the_public_pages(client, story, staff):
    document_return(document=story, comment="Withdrawn pending a correction.", by=staff)
    public = reverse("papers:version_download", kwargs={"pk": story.pk, "number": 2})
    assert fetch(client, public).status_code == 404
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_published_file_is_cacheable_and_a_waiting_one_is_private(client, story, staff):
    insider = reader("own organization", story, staff)
    public = fetch(client, reverse("papers:version_download", kwargs={"pk": story.pk, "number": 2}))
    waiting = fetch(
        insider, reverse("papers:version_download", kwargs={"pk": story.pk, "number": 3})
    )
    assert "no-store" not in public.get("Cache-Control", "")
    assert "no-store" in waiting["Cache-Control"]


def test_the_data_migration_made_published_documents_show_their_newest_file(paper, staff):
    """What 0005 sets for documents published before it: tested through the same rule."""
    VersionFactory(document=paper)
    document_publish(document=paper, by=staff)
    paper.refresh_from_db()
    assert paper.public_version.number == 2


def test_my_submissions_says_a_newer_file_waits_and_which_stays_public(story, focal_point, client):
    client.force_login(focal_point)
    response = client.get(reverse("papers:my_submissions"))
    assertContains(response, "Version 3 waits for review; version 2 stays public until then.")
