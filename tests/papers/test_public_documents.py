"""The public side: a meeting's documents under their headings, a document's own page, and
accessible markup on every page of papers."""

import datetime
import re
import uuid
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion, Language
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    VersionFactory,
    make_public,
)
from tests.papers import samples

pytestmark = pytest.mark.django_db

PUBLISHED = DocumentStatus.PUBLISHED
HEADINGS = [
    "Contributed papers",
    "Other presentations",
    "Background documents",
    "General Assembly documents",
    "General Assembly resolutions",
]
UNEDITED = "These papers were reproduced without formal editing."


def category(slug: str) -> DocumentCategory:
    return DocumentCategory.objects.get(slug=slug)


def open_meeting(**fields):
    now = timezone.now()
    return MeetingFactory(
        submissions_open=now - datetime.timedelta(days=1),
        submissions_close=now + datetime.timedelta(days=1),
        **fields,
    )


def section(page: str, heading: str) -> str:
    """The text from a heading to the next heading of the same or a higher level."""
    start = page.index(f">{heading}</h3>")
    following = re.search(r"<h[123][ >]", page[start:])
    return page[start : start + following.start()] if following else page[start:]


@pytest.fixture
def meeting():
    return MeetingFactory(title="Tenth Coordination Meeting")


# The meeting's page -----------------------------------------------------------------------------


def test_meeting_page_lists_published_documents_under_headings_in_reference_order(client, meeting):
    iom = OrganizationFactory(name="International Organization for Migration", acronym="IOM")
    # Created in reverse order of the page, to show the page does not follow creation.
    DocumentFactory(
        meeting=meeting,
        category=category("general-assembly-resolutions"),
        title="International migration and development",
        symbol="A/RES/65/170",
        organization=None,
        status=PUBLISHED,
    )
    DocumentFactory(
        meeting=meeting,
        category=category("general-assembly-documents"),
        title="Report of the Secretary-General",
        external_url="https://documents.un.org/doc/A-67-254",
        organization=None,
        status=PUBLISHED,
    )
    VersionFactory(
        document__meeting=meeting,
        document__category=category("background-documents"),
        document__title="Concept note",
        document__organization=None,
        document__status=PUBLISHED,
    )
    VersionFactory(
        document__meeting=meeting,
        document__category=category("other-presentations"),
        document__title="Slides on remittances",
        document__organization=iom,
        document__status=PUBLISHED,
        file_data=samples.office("pptx"),
        file_name="slides.pptx",
    )
    paper = VersionFactory(
        document__meeting=meeting,
        document__title="Migration and development",
        document__authors_text="Ana Lopes",
        document__organization=iom,
        document__language=Language.FRENCH,
        document__status=PUBLISHED,
    )
    DocumentVersion.objects.filter(pk=paper.pk).update(size=1_258_291)

    page = client.get(meeting.get_absolute_url()).content.decode()

    positions = [page.index(f">{heading}</h3>") for heading in HEADINGS]
    assert positions == sorted(positions)
    contributed = section(page, "Contributed papers")
    assert UNEDITED in contributed
    assert ">Migration and development</a>" in contributed
    assert (
        "<bdi>Ana Lopes</bdi> · <bdi>International Organization for Migration (IOM)</bdi> · French"
        in contributed
    )
    assert f'<a href="{paper.get_absolute_url()}" hreflang="fr">Download' in contributed
    assert "(PDF, 1.2\xa0MB, 1 page)" in contributed
    assert "(PowerPoint, " in section(page, "Other presentations")
    assert UNEDITED not in section(page, "Other presentations")
    assert (
        '<a href="https://documents.un.org/doc/A-67-254" rel="noopener noreferrer">Read it online'
        in section(page, "General Assembly documents")
    )
    assert (
        '<a href="https://docs.un.org/en/A/RES/65/170" hreflang="en" rel="noopener noreferrer">'
        "A/RES/65/170</a>" in section(page, "General Assembly resolutions")
    )


def test_meeting_page_lists_only_published_documents_of_this_meeting(client, meeting):
    DocumentFactory(meeting=meeting, title="Published paper", status=PUBLISHED)
    for status in (
        DocumentStatus.SUBMITTED,
        DocumentStatus.RETURNED,
        DocumentStatus.REJECTED,
        DocumentStatus.WITHDRAWN,
    ):
        DocumentFactory(meeting=meeting, title=f"A {status} paper", status=status)
    DocumentFactory(title="Another meeting's paper", status=PUBLISHED)

    response = client.get(meeting.get_absolute_url())

    assert [document.title for document in response.context["documents"]] == ["Published paper"]
    assertNotContains(response, "A submitted paper")
    assertNotContains(response, "Another meeting&#x27;s paper")


def test_unedited_note_follows_the_meetings_setting(client):
    meeting = MeetingFactory(papers_unedited_note=False)
    DocumentFactory(meeting=meeting, status=PUBLISHED)

    response = client.get(meeting.get_absolute_url())

    assertContains(response, ">Contributed papers</h3>")
    assertNotContains(response, UNEDITED)


def test_meeting_without_documents_has_no_documents_section(client, meeting):
    assertNotContains(client.get(meeting.get_absolute_url()), 'id="documents-heading"')


def test_meeting_documents_query_count_does_not_grow(client, meeting, django_assert_num_queries):
    organization = OrganizationFactory(parent=OrganizationFactory())
    slugs = ["contributed-papers", "other-presentations", "background-documents"]

    def add(count):
        for n in range(count):
            version = VersionFactory(
                document__meeting=meeting,
                document__organization=organization,
                document__category=category(slugs[n % 3]),
                document__agenda_item=AgendaItemFactory(meeting=meeting),
                document__status=PUBLISHED,
            )
            VersionFactory(document=version.document)
            version.document.authors.add(PersonFactory(), PersonFactory())

    add(1)
    # The page cache's version; the meeting, its objectives, its documents, their authors, their
    # versions; and its registration, for the participants panel and tab.
    with django_assert_num_queries(7):
        client.get(meeting.get_absolute_url())
    add(9)
    with django_assert_num_queries(7):
        response = client.get(meeting.get_absolute_url())
    assert len(response.context["documents"]) == 10
    for document in Document.objects.filter(meeting=meeting):
        assertContains(response, f'">{document.title}</a>')
        assertContains(response, document.public_version.get_absolute_url())


def test_submit_link_is_for_members_while_the_window_is_open(client):
    meeting = open_meeting()
    submit = reverse("papers:submit", args=[meeting.slug])

    assertNotContains(client.get(meeting.get_absolute_url()), submit)
    client.force_login(UserFactory())
    assertNotContains(client.get(meeting.get_absolute_url()), submit)
    client.force_login(MembershipFactory().user)
    assertContains(
        client.get(meeting.get_absolute_url()),
        f'<a class="btn btn-outline-primary" href="{submit}">Submit a paper</a>',
        html=True,
    )
    meeting.submissions_close = timezone.now() - datetime.timedelta(hours=1)
    meeting.submissions_open = meeting.submissions_close - datetime.timedelta(days=2)
    meeting.save()
    assertNotContains(client.get(meeting.get_absolute_url()), submit)


# A document's own page --------------------------------------------------------------------------


def test_document_page_shows_thumbnail_details_and_versions(client, meeting):
    first = VersionFactory(
        document__meeting=meeting,
        document__title="Migration and development",
        document__authors_text="Ana Lopes",
        document__organization=OrganizationFactory(name="IOM"),
        document__agenda_item=AgendaItemFactory(meeting=meeting, title="Remittances"),
        document__status=PUBLISHED,
        file_name="draft.pdf",
    )
    document = first.document
    second = VersionFactory(
        document=document, file_name="final.pdf", file_data=samples.pdf(pages=3)
    )
    make_public(second)  # v2 published

    response = client.get(document.get_absolute_url())

    assertContains(response, '<h1 dir="auto">Migration and development</h1>', html=True)
    assertContains(
        response,
        f'<img class="img-fluid border" src="/documents/{document.pk}/versions/2/thumbnail/" '
        'width="320" alt="First page of “Migration and development”">',
        html=True,
    )
    assertContains(response, '<dd class="col-sm-8" dir="auto">Ana Lopes</dd>', html=True)
    assertContains(response, '<dd class="col-sm-8" dir="auto">IOM</dd>', html=True)
    assertContains(response, '<dd class="col-sm-8" dir="auto">Remittances</dd>', html=True)
    assertContains(response, f"PDF, {second.size}\xa0bytes, 3 pages")
    assertContains(
        response,
        f'<a href="{second.get_absolute_url()}" hreflang="en" dir="auto">final.pdf</a>',
        html=True,
    )
    # The public reads exactly the published version: the earlier draft is not listed.
    assertNotContains(response, "draft.pdf")
    assert response.context["versions"] == [(second, "public")]
    assert client.get(first.get_absolute_url()).status_code == 404
    assertNotContains(response, "Not public")


def test_document_page_tells_members_it_is_not_public_yet(client):
    version = VersionFactory(
        document__status=DocumentStatus.RETURNED, document__review_comment="Add page numbers."
    )
    document = version.document
    client.force_login(MembershipFactory(organization=document.organization).user)

    response = client.get(document.get_absolute_url())

    assertContains(response, "Not public: Returned for changes.")
    assertContains(response, "Add page numbers.")
    assertContains(response, reverse("papers:submission_edit", args=[document.pk]))


# Accessible markup ------------------------------------------------------------------------------


class Markup(HTMLParser):
    """What the accessibility checks need to know of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.labels: set[str] = set()
        self.controls: list[dict] = []
        self.inline_scripts = 0
        self.styles = 0
        self.images_without_alt = 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "style" in attributes or tag == "style":
            self.styles += 1
        if tag == "script" and "src" not in attributes:
            self.inline_scripts += 1
        if tag == "label" and attributes.get("for"):
            self.labels.add(attributes["for"])
        if tag == "img" and "alt" not in attributes:
            self.images_without_alt += 1
        hidden = attributes.get("type") in ("hidden", "submit", "button")
        if tag in ("input", "select", "textarea") and not hidden:
            self.controls.append(attributes)
        if any(name.startswith("on") for name in attributes):
            self.inline_scripts += 1


def assert_accessible(response) -> None:
    markup = Markup()
    markup.feed(response.content.decode())
    assert markup.headings.count(1) == 1, markup.headings
    assert markup.headings[0] == 1, markup.headings
    for before, after in zip(markup.headings, markup.headings[1:], strict=False):
        assert after <= before + 1, markup.headings
    assert markup.inline_scripts == 0
    assert markup.styles == 0
    assert markup.images_without_alt == 0
    for control in markup.controls:
        assert control.get("id") in markup.labels or control.get("aria-label"), control


def test_papers_pages_are_accessible(client, settings, tmp_path):
    upload_dir = tmp_path / "uploads"
    upload_dir.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(upload_dir)
    meeting = open_meeting()
    membership = MembershipFactory()
    MembershipFactory(user=membership.user)  # two organizations: the form asks which
    version = VersionFactory(
        document__meeting=meeting,
        document__organization=membership.organization,
        document__status=DocumentStatus.RETURNED,
        document__review_comment="Please add the sources.",
    )
    published = VersionFactory(
        document__meeting=meeting, document__status=PUBLISHED, document__authors_text="Ana"
    )
    document = version.document
    client.force_login(membership.user)
    submit = reverse("papers:submit", args=[meeting.slug])

    pages = [
        client.get(meeting.get_absolute_url()),
        client.get(submit),
        client.post(
            submit,
            {
                "title": "",
                "submission_key": str(uuid.uuid4()),
                "file": SimpleUploadedFile("x.svg", samples.SVG),
            },
        ),
        client.get(reverse("papers:my_submissions")),
        client.get(reverse("papers:submission_edit", args=[document.pk])),
        client.get(reverse("papers:submission_withdraw", args=[document.pk])),
        client.get(document.get_absolute_url()),
        client.get(published.document.get_absolute_url()),
    ]
    client.force_login(UserFactory())
    pages.append(client.get(submit))  # not a member
    meeting.submissions_close = timezone.now() - datetime.timedelta(hours=1)
    meeting.submissions_open = meeting.submissions_close - datetime.timedelta(days=2)
    meeting.save()
    client.force_login(membership.user)
    pages.append(client.get(submit))  # closed

    assert [page.status_code for page in pages] == [200] * 8 + [403, 403]
    for page in pages:
        assert_accessible(page)


def test_authors_show_people_then_free_text(client, meeting):
    version = VersionFactory(
        document__meeting=meeting,
        document__status=PUBLISHED,
        document__authors_text="Population Division staff",
    )
    version.document.authors.add(PersonFactory(given_name="Bela", family_name="Hovy"))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Bela Hovy, Population Division staff" in page


def test_the_unedited_note_follows_the_categorys_setting_not_its_slug(client, meeting):
    """Staff may rename a category and its slug; what it does is a field they can see."""
    contributed = category("contributed-papers")
    contributed.name, contributed.slug = "Papers from organizations", "papers"
    contributed.save()
    presentations = category("other-presentations")
    presentations.notes_unedited = True
    presentations.save()
    background = category("background-documents")
    for chosen in (contributed, presentations, background):
        VersionFactory(
            document__meeting=meeting, document__category=chosen, document__status=PUBLISHED
        )
    meeting.papers_unedited_note = True
    meeting.save()

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert UNEDITED in section(page, "Papers from organizations")
    assert UNEDITED in section(page, "Other presentations")
    assert UNEDITED not in section(page, "Background documents")


def test_the_meeting_decides_whether_the_note_shows_at_all(client, meeting):
    VersionFactory(
        document__meeting=meeting,
        document__category=category("contributed-papers"),
        document__status=PUBLISHED,
    )
    meeting.papers_unedited_note = False
    meeting.save()
    assert UNEDITED not in client.get(meeting.get_absolute_url()).content.decode()


def test_the_contributed_papers_category_notes_unedited_papers_from_the_migration():
    assert list(
        DocumentCategory.objects.filter(notes_unedited=True).values_list("slug", flat=True)
    ) == ["contributed-papers"]
