"""What everyone reads: a document's own page; the meeting page lists documents through here."""

from collections.abc import Iterable

from django.views.generic import DetailView

from accounts.models import Organization
from meetings.models import Meeting
from papers.filetypes import ALLOWED_KINDS
from papers.models import Document, DocumentStatus, can_see_all_documents

KIND_LABELS = {kind.content_type: kind.label for kind in ALLOWED_KINDS.values()}


def label_versions(documents: Iterable[Document]) -> None:
    """Give each prefetched version `kind_label`, "PDF" or "Word", for "PDF, 1.2 MB"."""
    for document in documents:
        for version in getattr(document, "version_list", ()):
            version.kind_label = KIND_LABELS.get(version.content_type, version.content_type)


def meeting_documents(meeting: Meeting) -> list[Document]:
    """A meeting's published documents in the order of its page: by category, then title."""
    documents = list(
        Document.objects.published()
        .filter(meeting=meeting)
        .for_listing()
        .order_by("category__order", "category__name", "category_id", "title", "pk")
    )
    label_versions(documents)
    return documents


class DocumentDetailView(DetailView):
    """/documents/<pk>/: a published document; its organization's members and staff see any."""

    template_name = "papers/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return (
            Document.objects.visible_to(self.request.user)
            .for_listing()
            .select_related("meeting", "submitted_by")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        label_versions([document])
        user = self.request.user
        is_member = (
            document.organization_id is not None
            and Organization.objects.for_user(user).filter(pk=document.organization_id).exists()
        )
        context["is_member"] = is_member
        context["shows_status"] = is_member or can_see_all_documents(user)
        context["versions"] = document.version_list
        context["current_version"] = document.current_version
        context["returned"] = DocumentStatus.RETURNED
        return context
