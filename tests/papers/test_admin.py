from typing import ClassVar

import lxml.html
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion, Language
from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    OrganizationFactory,
    SecretariatFactory,
    StaffFactory,
    UserFactory,
    VersionFactory,
)
from tests.papers import samples
from tests.papers.forms import document_form
from tests.papers.storage import stored_files
from uploads.handlers import PaperUploadHandler

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:papers_document_changelist"
ADD_SEVERAL = "admin:papers_document_add_several"
JAVASCRIPT_PDF = samples.handwritten_pdf(b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")
JAVASCRIPT = "The PDF contains JavaScript."


@pytest.fixture
def flagged():
    document = DocumentFactory(title="Scripted paper")
    VersionFactory(document=document, file_data=JAVASCRIPT_PDF)
    return document


def page_urls(document) -> list[str]:
    category = DocumentCategory.objects.get(slug="contributed-papers")
    return [
        reverse(CHANGELIST),
        reverse("admin:papers_document_add"),
        reverse("admin:papers_document_change", args=[document.pk]),
        reverse("admin:papers_document_history", args=[document.pk]),
        reverse(ADD_SEVERAL),
        reverse("admin:papers_documentcategory_changelist"),
        reverse("admin:papers_documentcategory_add"),
        reverse("admin:papers_documentcategory_change", args=[category.pk]),
    ]


def act(client, action: str, documents, **data):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [d.pk for d in documents], **data},
    )


# Who may do what -------------------------------------------------------------------------------


def test_documents_and_categories_are_registered_and_versions_only_inline():
    registered = {model for model in admin.site._registry if model._meta.app_label == "papers"}
    assert registered == {Document, DocumentCategory}


def test_anonymous_is_sent_to_login(client, paper):
    for url in page_urls(paper):
        assertRedirects(client.get(url), f"{reverse('admin:login')}?next={url}")


def test_user_who_is_not_staff_is_sent_to_login(client, paper):
    client.force_login(UserFactory())
    for url in page_urls(paper):
        assertRedirects(client.get(url), f"{reverse('admin:login')}?next={url}")


def test_staff_outside_the_secretariat_may_not_see_or_act(client, paper):
    client.force_login(StaffFactory())
    for url in page_urls(paper):
        assert client.get(url).status_code == 403, url
    assert act(client, "publish", [paper]).status_code == 403
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.SUBMITTED


def test_secretariat_and_superuser_see_every_page(client, admin_client, paper):
    client.force_login(SecretariatFactory())
    for user_client in (client, admin_client):
        for url in page_urls(paper):
            assert user_client.get(url).status_code == 200, url


def test_staff_who_may_only_view_documents_cannot_add_several(client, paper):
    viewer = StaffFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_document"))
    client.force_login(viewer)
    assert client.get(reverse(CHANGELIST)).status_code == 200
    assertNotContains(client.get(reverse(CHANGELIST)), reverse(ADD_SEVERAL))
    assert client.get(reverse(ADD_SEVERAL)).status_code == 403
    assert act(client, "publish", [paper]).status_code == 200  # the list again: no such action
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.SUBMITTED


def test_nothing_can_be_deleted(admin_client, secretariat_client, paper):
    version = paper.versions.get()
    for user_client in (admin_client, secretariat_client):
        response = user_client.get(reverse(CHANGELIST))
        assert "delete_selected" not in dict(
            response.context["action_form"].fields["action"].choices
        )
        delete = reverse("admin:papers_document_delete", args=[paper.pk])
        assert user_client.post(delete, {"post": "yes"}).status_code == 403
        change = user_client.get(reverse("admin:papers_document_change", args=[paper.pk]))
        assertNotContains(change, 'class="deletelink"')
        assertNotContains(change, 'name="versions-0-DELETE"')
    assert Document.objects.filter(pk=paper.pk).exists()
    assert DocumentVersion.objects.filter(pk=version.pk).exists()


# The review queue ------------------------------------------------------------------------------


def test_changelist_shows_the_queue(secretariat_client, paper, flagged):
    response = secretariat_client.get(reverse(CHANGELIST))
    assertContains(response, "Migration and development")
    assertContains(response, '<td class="field-status">Submitted, awaiting review</td>', count=2)
    size = paper.current_version.size
    assertContains(response, f'<td class="field-current_file">PDF, {size}\xa0bytes, 1 page</td>')
    assert [d.title for d in response.context["cl"].result_list] == [
        "Scripted paper",  # the newest first
        "Migration and development",
    ]
    assertContains(
        response, '<td class="field-flagged">\N{WARNING SIGN} The PDF contains JavaScript.</td>'
    )
    assertContains(response, '<td class="field-flagged">-</td>', count=1)
    assertContains(response, reverse(ADD_SEVERAL))
    assertContains(response, "Add several documents")


def test_changelist_filters_by_status_and_searches_the_title(secretariat_client, paper, flagged):
    Document.objects.filter(pk=flagged.pk).update(status=DocumentStatus.REJECTED)
    response = secretariat_client.get(reverse(CHANGELIST), {"status__exact": "rejected"})
    assert [d.title for d in response.context["cl"].result_list] == ["Scripted paper"]
    response = secretariat_client.get(reverse(CHANGELIST), {"q": "migration"})
    assert [d.title for d in response.context["cl"].result_list] == ["Migration and development"]


def test_html_in_a_title_shows_as_text(secretariat_client):
    title = '<script>alert("x")</script><b>Bold</b>'
    document = DocumentFactory(title=title)
    VersionFactory(
        document=document,
        file_name="<img src=x onerror=alert(1)>.pdf",
        review_reasons="<i>flag</i>",
    )

    listing = secretariat_client.get(reverse(CHANGELIST))
    assertContains(
        listing, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;Bold&lt;/b&gt;"
    )
    assertNotContains(listing, "<script>alert")
    assertNotContains(listing, "<b>Bold")

    change = secretariat_client.get(reverse("admin:papers_document_change", args=[document.pk]))
    assertContains(change, "&lt;i&gt;flag&lt;/i&gt;")
    assertNotContains(change, "<i>flag")
    assertNotContains(change, "<script>alert")
    assertNotContains(change, "<img src=x")
    assertContains(change, "&lt;img src=x onerror=alert(1)&gt;.pdf")


def make_rows(count: int) -> None:
    for _ in range(count):
        document = DocumentFactory(meeting=MeetingFactory(), organization=OrganizationFactory())
        VersionFactory(document=document)
        VersionFactory(document=document)


def test_changelist_queries_do_not_grow_with_rows(secretariat_client):
    counts = []
    for rows in (1, 5):
        make_rows(rows)
        with CaptureQueriesContext(connection) as queries:
            response = secretariat_client.get(reverse(CHANGELIST))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    for document in Document.objects.all():
        assertContains(response, f">{document.title}</a>")


def test_change_page_queries_do_not_grow_with_versions(secretariat_client, paper):
    url = reverse("admin:papers_document_change", args=[paper.pk])
    # A first request fills the process's caches (content types, permissions), which a test run
    # alone would otherwise count against the page with no versions added.
    assert secretariat_client.get(url).status_code == 200
    counts = []
    for added in (0, 3):
        VersionFactory.create_batch(added, document=paper)
        with CaptureQueriesContext(connection) as queries:
            response = secretariat_client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    for version in paper.versions.all():
        assertContains(
            response, f'<td class="field-number"><p>{version.number}</p></td>', html=True
        )


# The change page -------------------------------------------------------------------------------


def test_change_page_previews_the_current_file(secretariat_client, paper):
    VersionFactory(document=paper, file_name="Hovy paper, revised.pdf")
    response = secretariat_client.get(reverse("admin:papers_document_change", args=[paper.pk]))
    thumbnail = reverse("papers:version_thumbnail", kwargs={"pk": paper.pk, "number": 2})
    download = reverse("papers:version_download", kwargs={"pk": paper.pk, "number": 2})
    assertContains(response, f'<img src="{thumbnail}" alt="First page of Hovy paper, revised.pdf"')
    assertContains(response, f'<a href="{download}" hreflang="en">')
    assertContains(response, "Download Hovy paper, revised.pdf")
    assertNotContains(response, "needs a careful look before it is published")


def test_change_page_lists_every_version_read_only(secretariat_client, paper):
    second = VersionFactory(document=paper, file_name="Revised.pdf", file_data=samples.pdf(pages=3))
    response = secretariat_client.get(reverse("admin:papers_document_change", args=[paper.pk]))
    [inline] = response.context["inline_admin_formsets"]
    assert inline.formset.prefix == "versions"
    assert [form.instance.number for form in inline.formset.forms] == [2, 1]
    assert not inline.has_add_permission
    assert not inline.has_change_permission
    assert not inline.has_delete_permission
    assertContains(response, second.sha256)
    assertContains(response, "Revised.pdf")
    assertContains(response, "Hovy paper.pdf")
    assertNotContains(response, 'name="versions-0-original_name"')


def test_change_page_warns_of_review_reasons(secretariat_client, flagged):
    response = secretariat_client.get(reverse("admin:papers_document_change", args=[flagged.pk]))
    assertContains(
        response,
        '<li class="warning" role="alert">\n    <strong>This document needs a careful look before '
        "it is published:</strong>\n    The PDF contains JavaScript.",
    )


def test_staff_replace_the_file_and_the_earlier_version_is_kept(
    secretariat_client, paper, settings
):
    first = paper.versions.get()
    new_file = SimpleUploadedFile("Hovy paper v2.pdf", samples.pdf(pages=2))
    response = secretariat_client.post(
        reverse("admin:papers_document_change", args=[paper.pk]),
        document_form(paper, new_file=new_file),
        follow=True,
    )
    assertContains(response, "Version 2 added: Hovy paper v2.pdf.")
    versions = list(paper.versions.order_by("number"))
    assert [(v.number, v.original_name, v.page_count) for v in versions] == [
        (1, "Hovy paper.pdf", 1),
        (2, "Hovy paper v2.pdf", 2),
    ]
    assert versions[0].sha256 == first.sha256
    assert versions[1].uploaded_by.groups.filter(name="Secretariat").exists()
    assert all(v.file.storage.exists(v.file.name) for v in versions)


def test_a_refused_replacement_shows_why_and_stores_nothing(secretariat_client, paper, settings):
    before = stored_files(settings)
    response = secretariat_client.post(
        reverse("admin:papers_document_change", args=[paper.pk]),
        document_form(paper, new_file=SimpleUploadedFile("paper.pdf", samples.HTML)),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "new_file": [
            "This file is an HTML page renamed to .pdf; upload a PDF, Word, PowerPoint or "
            "Excel document, or a PNG or JPEG image."
        ]
    }
    assert paper.versions.count() == 1
    assert stored_files(settings) == before


def test_a_replacement_past_the_size_limit_is_refused(secretariat_client, paper, settings):
    settings.PAPERS_MAX_UPLOAD_SIZE = 1000
    response = secretariat_client.post(
        reverse("admin:papers_document_change", args=[paper.pk]),
        document_form(paper, new_file=SimpleUploadedFile("big.pdf", samples.pdf() + bytes(2000))),
    )
    [error] = response.context["adminform"].form.errors["new_file"]
    assert error.startswith("The file is ")
    assert error.endswith("; the limit is 1,000\xa0bytes.")
    assert paper.versions.count() == 1


def test_status_cannot_be_changed_from_the_form(secretariat_client, paper):
    secretariat_client.post(
        reverse("admin:papers_document_change", args=[paper.pk]),
        document_form(paper, status="published", title_en="Renamed"),
    )
    paper.refresh_from_db()
    assert (paper.title, paper.status) == ("Renamed", DocumentStatus.SUBMITTED)


def test_staff_add_a_document_with_its_file(secretariat_client):
    meeting = MeetingFactory()
    category = DocumentCategory.objects.get(slug="background-documents")
    response = secretariat_client.post(
        reverse("admin:papers_document_add"),
        {
            "title_en": "Concept note",
            "meeting": meeting.pk,
            "category": category.pk,
            "language": "en",
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
            "new_file": SimpleUploadedFile("note.pdf", samples.pdf()),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.title, document.status) == ("Concept note", DocumentStatus.SUBMITTED)
    assert list(document.versions.values_list("number", "original_name")) == [(1, "note.pdf")]


# Actions ---------------------------------------------------------------------------------------


def test_publish_action_publishes_and_mails(
    secretariat_client, paper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = act(secretariat_client, "publish", [paper])
    assertRedirects(response, reverse(CHANGELIST), fetch_redirect_response=False)
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.PUBLISHED
    [message] = mail.outbox
    assert message.to == ["focal@iom.example"]
    assert message.subject == "Published: Migration and development"
    assert f"https://plenary.example{paper.get_absolute_url()}" in message.body
    listing = secretariat_client.get(reverse(CHANGELIST))
    assertContains(listing, "1 document was published.")
    history = secretariat_client.get(reverse("admin:papers_document_history", args=[paper.pk]))
    assertContains(history, "Published version 1.")


def test_publish_action_asks_before_publishing_flagged_documents(
    secretariat_client, paper, flagged
):
    response = act(secretariat_client, "publish", [paper, flagged])
    assert response.status_code == 200
    assert response.templates[0].name == "admin/papers/document_publish.html"
    assertContains(response, "Scripted paper")
    assertContains(response, JAVASCRIPT)
    assertContains(response, 'name="acknowledge_review_reasons"')
    assertContains(response, "In all, 2 documents will be published.")
    assert set(Document.objects.values_list("status", flat=True)) == {DocumentStatus.SUBMITTED}

    unticked = act(secretariat_client, "publish", [paper, flagged], post="yes")
    assert unticked.status_code == 200
    assertContains(unticked, "This field is required.")
    assert set(Document.objects.values_list("status", flat=True)) == {DocumentStatus.SUBMITTED}

    ticked = act(
        secretariat_client, "publish", [paper, flagged], post="yes", acknowledge_review_reasons="on"
    )
    assert ticked.status_code == 302
    assert set(Document.objects.values_list("status", flat=True)) == {DocumentStatus.PUBLISHED}


def test_publish_action_reports_what_it_could_not_publish(secretariat_client, paper):
    withdrawn = DocumentFactory(title="Taken back", status=DocumentStatus.WITHDRAWN)
    act(secretariat_client, "publish", [paper, withdrawn])
    response = secretariat_client.get(reverse(CHANGELIST))
    assertContains(response, "1 document was published.")
    assertContains(response, "“Taken back” cannot be published: it is withdrawn.")
    withdrawn.refresh_from_db()
    assert withdrawn.status == DocumentStatus.WITHDRAWN


@pytest.mark.parametrize(
    ("action", "status", "subject", "done"),
    [
        (
            "return_to_submitter",
            DocumentStatus.RETURNED,
            "Returned for changes: Migration and development",
            "1 document was returned to its submitter.",
        ),
        (
            "reject",
            DocumentStatus.REJECTED,
            "Not accepted: Migration and development",
            "1 document was rejected.",
        ),
    ],
)
def test_return_and_reject_ask_for_a_comment_and_mail_it(
    secretariat_client, paper, django_capture_on_commit_callbacks, action, status, subject, done
):
    page = act(secretariat_client, action, [paper])
    assert page.status_code == 200
    assert page.templates[0].name == "admin/papers/document_comment.html"
    assertContains(page, '<textarea name="comment"')
    assertContains(page, "required")
    assertContains(page, f'<input type="hidden" name="action" value="{action}">')
    assertContains(page, f'<input type="hidden" name="_selected_action" value="{paper.pk}">')

    empty = act(secretariat_client, action, [paper], post="yes", comment="  ")
    assert empty.status_code == 200
    assertContains(empty, "This field is required.")
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        done_response = act(
            secretariat_client, action, [paper], post="yes", comment="Please cite <sources>."
        )
    assert done_response.status_code == 302
    paper.refresh_from_db()
    assert (paper.status, paper.review_comment) == (status, "Please cite <sources>.")
    [message] = mail.outbox
    assert (message.to, message.subject) == (["focal@iom.example"], subject)
    assert "Please cite <sources>." in message.body
    assertContains(secretariat_client.get(reverse(CHANGELIST)), done)
    history = secretariat_client.get(reverse("admin:papers_document_history", args=[paper.pk]))
    assertContains(history, "Please cite &lt;sources&gt;.")


# Add several -----------------------------------------------------------------------------------


def add_several_data(meeting, *files, publish: bool = True) -> dict:
    return {
        "meeting": meeting.pk,
        "category": DocumentCategory.objects.get(slug="background-documents").pk,
        "organization": "",
        "language": Language.ENGLISH,
        "publish": "on" if publish else "",
        "files": list(files),
    }


def test_add_several_form_shows_a_multiple_file_field(secretariat_client):
    response = secretariat_client.get(reverse(ADD_SEVERAL))
    assertContains(response, 'enctype="multipart/form-data"')
    assertContains(response, '<input type="file" name="files" multiple')
    assertContains(response, "Add several documents")


def test_add_several_adds_one_document_per_file(secretariat_client):
    meeting = MeetingFactory()
    response = secretariat_client.post(
        reverse(ADD_SEVERAL),
        add_several_data(
            meeting,
            SimpleUploadedFile("Concept note.pdf", samples.pdf()),
            SimpleUploadedFile("Scripted.pdf", JAVASCRIPT_PDF),
        ),
    )
    assertRedirects(
        response,
        f"{reverse(CHANGELIST)}?meeting__id__exact={meeting.pk}",
        fetch_redirect_response=False,
    )
    rows = set(Document.objects.values_list("title", "status", "meeting"))
    assert rows == {
        ("Concept note", DocumentStatus.PUBLISHED, meeting.pk),
        ("Scripted", DocumentStatus.SUBMITTED, meeting.pk),
    }
    listing = secretariat_client.get(response.url)
    assertContains(listing, "2 documents were added.")
    assertContains(listing, "1 was not published because its file needs a careful look: Scripted")


def test_add_several_with_one_bad_file_stores_nothing(secretariat_client, settings):
    response = secretariat_client.post(
        reverse(ADD_SEVERAL),
        add_several_data(
            MeetingFactory(),
            SimpleUploadedFile("Good.pdf", samples.pdf()),
            SimpleUploadedFile("Setup.pdf", samples.WINDOWS_PROGRAM),
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "files": [
            "Setup.pdf: This file is a program renamed to .pdf; upload a PDF, Word, PowerPoint "
            "or Excel document, or a PNG or JPEG image."
        ]
    }
    assertContains(response, "Setup.pdf: This file is a program renamed to .pdf")
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert stored_files(settings) == []


def test_category_order_is_edited_in_the_list(secretariat_client):
    categories = list(DocumentCategory.objects.order_by("order"))
    data = {
        "form-TOTAL_FORMS": str(len(categories)),
        "form-INITIAL_FORMS": str(len(categories)),
        "_save": "Save",
    }
    for index, category in enumerate(categories):
        data[f"form-{index}-id"] = category.pk
        data[f"form-{index}-order"] = 100 - index
    response = secretariat_client.post(reverse("admin:papers_documentcategory_changelist"), data)
    assert response.status_code == 302
    assert [c.pk for c in DocumentCategory.objects.all()] == [c.pk for c in reversed(categories)]


class RecordingHandler(PaperUploadHandler):
    """The site's upload handler, noting each request it is made for."""

    made: ClassVar[list[PaperUploadHandler]] = []

    def __init__(self, request=None):
        super().__init__(request)
        self.made.append(self)


def test_admin_uploads_go_through_the_paper_upload_handler(secretariat_client, paper, settings):
    assert settings.FILE_UPLOAD_HANDLERS == ["uploads.handlers.PaperUploadHandler"]
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.RecordingHandler"]
    RecordingHandler.made.clear()
    secretariat_client.post(
        reverse("admin:papers_document_change", args=[paper.pk]),
        document_form(paper, new_file=SimpleUploadedFile("v2.pdf", samples.pdf())),
    )
    secretariat_client.post(
        reverse(ADD_SEVERAL),
        add_several_data(MeetingFactory(), SimpleUploadedFile("a.pdf", samples.pdf())),
    )
    handlers = RecordingHandler.made
    assert len(handlers) == 2
    assert paper.versions.count() == 2
    assert Document.objects.count() == 2


@pytest.mark.parametrize("page", ["change", "add", "add_several"])
def test_upload_pages_still_check_the_csrf_token(paper, page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(SecretariatFactory())
    url = {
        "change": reverse("admin:papers_document_change", args=[paper.pk]),
        "add": reverse("admin:papers_document_add"),
        "add_several": reverse(ADD_SEVERAL),
    }[page]
    data = document_form(paper, new_file=SimpleUploadedFile("v2.pdf", samples.pdf()))
    data |= add_several_data(MeetingFactory(), SimpleUploadedFile("a.pdf", samples.pdf()))
    assert client.post(url, data).status_code == 403
    assert paper.versions.count() == 1
    assert Document.objects.count() == 1


def test_staff_adding_a_document_without_file_or_link_gets_a_clear_error(secretariat_client):
    response = secretariat_client.post(
        reverse("admin:papers_document_add"),
        {
            "title_en": "Concept note",
            "meeting": MeetingFactory().pk,
            "category": DocumentCategory.objects.get(slug="background-documents").pk,
            "language": "en",
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Upload a file or give an external link: a document needs one of them." in (
        response.content.decode()
    )
    assert not Document.objects.exists()


# Publishing from the change page: only the version the page showed -----------------------------


def test_save_and_publish_publishes_the_version_shown(
    secretariat_client, paper, django_capture_on_commit_callbacks
):
    change = reverse("admin:papers_document_change", args=[paper.pk])
    page = secretariat_client.get(change).content.decode()
    assert 'name="_publish"' in page
    assert '<input type="hidden" name="_version" value="1">' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            change, document_form(paper, _publish="Save and publish", _version="1")
        )

    assertRedirects(response, reverse(CHANGELIST), fetch_redirect_response=False)
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.PUBLISHED
    assert len(mail.outbox) == 1


def test_a_paper_titled_in_spanish_only_is_saved_and_published_by_staff(
    secretariat_client, paper, django_capture_on_commit_callbacks
):
    """A focal point working in Spanish submits a title in Spanish only: staff save the page and
    publish it without having to enter an English title first."""
    Document.objects.filter(pk=paper.pk).update(
        title_en=None, title_es="Migración y desarrollo", title="Migración y desarrollo"
    )
    paper.refresh_from_db()
    change = reverse("admin:papers_document_change", args=[paper.pk])
    spanish_only = {"title_en": "", "title_es": "Migración y desarrollo"}

    response = secretariat_client.post(change, document_form(paper, **spanish_only), follow=True)
    assertContains(response, "was changed successfully")
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            change,
            document_form(paper, **spanish_only, _publish="Save and publish", _version="1"),
            follow=True,
        )

    assertContains(response, "“Migración y desarrollo” was published.")
    paper.refresh_from_db()
    assert paper.status == DocumentStatus.PUBLISHED
    assert (paper.title_en or "", paper.title_es, paper.title) == (
        "",
        "Migración y desarrollo",
        "Migración y desarrollo",
    )
    assert len(mail.outbox) == 1


def test_a_document_needs_its_title_in_at_least_one_language(secretariat_client, paper):
    change = reverse("admin:papers_document_change", args=[paper.pk])
    untitled = {f"title_{code}": "" for code in ("ar", "zh_hans", "en", "fr", "ru", "es")}

    response = secretariat_client.post(change, document_form(paper, **untitled))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {"title_en": ["Enter the title in at least one language."]}
    assertContains(
        response,
        '<ul class="errorlist" id="id_title_en_error">'
        "<li>Enter the title in at least one language.</li></ul>",
        html=True,
    )
    paper.refresh_from_db()
    assert paper.title_en == "Migration and development"
    french = secretariat_client.post("/fr" + change, document_form(paper, **untitled))
    assertContains(french, "Saisissez le titre dans au moins une langue.")
    # The English title is not required by itself: the browser lets a Spanish title through.
    english = lxml.html.fromstring(response.content.decode()).get_element_by_id("id_title_en")
    assert english.get("required") is None


def test_a_file_that_arrived_after_the_page_was_opened_is_not_published(secretariat_client, paper):
    change = reverse("admin:papers_document_change", args=[paper.pk])
    # The focal point replaces the file while staff are looking at version 1.
    VersionFactory(document=paper, number=2)

    response = secretariat_client.post(
        change, document_form(paper, _publish="Save and publish", _version="1"), follow=True
    )

    paper.refresh_from_db()
    assert paper.status == DocumentStatus.SUBMITTED
    assert (
        "Version 2 of “Migration and development” arrived after you looked at version 1: "
        "look at it before publishing."
    ) in response.content.decode()
