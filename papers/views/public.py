"""What everyone reads: a document's own page."""

from django.views.generic import DetailView

from accounts.models import Organization
from papers.models import Document, DocumentVersion, can_see_all_documents


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
        # The file the page offers: the public one, or for its organization the newest.
        context["current_version"] = document.public_version or (
            document.current_version if context["shows_status"] else None
        )
        return context
