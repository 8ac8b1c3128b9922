"""What everyone reads: a document's own page."""

from django.http import HttpRequest
from django.utils.decorators import method_decorator
from django.views.generic import DetailView

from accounts.models import Organization
from meetings.models import Meeting
from meetings.pagecache import PageVersion, cached_page, meeting_version
from papers.models import Document, DocumentVersion, can_see_all_documents


def document_page_version(_request: HttpRequest, *, pk: int, **_kwargs) -> PageVersion | None:
    """A document's page changes with its meeting (papers.freshness touches it for the
    document, its versions, authors and category)."""
    return meeting_version(Meeting.objects.filter(documents=pk))


@method_decorator(cached_page(document_page_version), name="dispatch")
class DocumentDetailView(DetailView):
    """/documents/<pk>/: a published document; its organization's members and staff see any."""

    template_name = "papers/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return (
            Document.objects.visible_to(self.request.user)
            .for_listing()
            .select_related("meeting", "submitted_by", "decided_by")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        user = self.request.user
        is_member = (
            document.organization_id is not None
            and Organization.objects.for_user(user).filter(pk=document.organization_id).exists()
        )
        context["is_member"] = is_member
        context["shows_status"] = is_member or can_see_all_documents(user)
        # Listed newest first: for the public only the published one, for the organization and
        # the Secretariat every version (DocumentVersion.objects.visible_to is the one rule).
        visible = set(
            DocumentVersion.objects.visible_to(user)
            .filter(document=document)
            .values_list("pk", flat=True)
        )
        context["versions"] = [
            (version, document.version_state(version))
            for version in document.version_list
            if version.pk in visible
        ]
        # The files the page offers, one per language: the public ones, or for its organization
        # and the Secretariat the newest of each language; first the reader's language's.
        if document.public_versions:
            context["files"] = document.public_versions
            context["current_version"] = document.public_version
        elif context["shows_status"]:
            context["files"] = document.current_versions
            context["current_version"] = document.preferred_version
        else:
            context["files"], context["current_version"] = [], None
        return context
