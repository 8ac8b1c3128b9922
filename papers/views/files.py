"""The only way to a paper's file: checked against who may see it, and sent as a download.

Files are never served from MEDIA_URL. Who may fetch which version is
DocumentVersion.objects.visible_to(): the public reaches only the versions the secretariat
published, one per language; any other version reaches its organization's members and the
Secretariat alone, and anyone else gets a 404, whatever they try. The reviewer's pictures of a
version's first pages reach the staff who may decide on documents, and nobody else: not the
public, not the document's own organization.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from papers.models import DocumentVersion
from uploads.downloads import FILE_CSP, attachment_disposition
from uploads.filetypes import ALLOWED_KINDS

ALLOWED_CONTENT_TYPES = frozenset(kind.content_type for kind in ALLOWED_KINDS.values())


def _version(request, pk: int, number: int) -> DocumentVersion:
    return get_object_or_404(
        DocumentVersion.objects.visible_to(request.user).select_related("document__meeting"),
        document_id=pk,
        number=number,
    )


def _file_response(version: DocumentVersion, field_file, content_type: str):
    return _stored_response(version, field_file.storage, field_file.name, content_type)


def _stored_response(version: DocumentVersion, storage, name: str, content_type: str):
    try:
        opened = storage.open(name, "rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing from storage.") from error
    response = FileResponse(opened, content_type=content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    patch_vary_headers(response, ["Cookie"])
    document = version.document
    is_public = document.is_published and version.is_public
    if not is_public or not document.meeting.is_published:
        # Only members and staff got here: no shared cache may keep it.
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
@csp_override(FILE_CSP)
def version_download(request, pk: int, number: int) -> FileResponse:
    """/documents/<pk>/versions/<number>/download/: the file, as an attachment."""
    version = _version(request, pk, number)
    content_type = version.content_type
    if content_type not in ALLOWED_CONTENT_TYPES:
        content_type = "application/octet-stream"
    response = _file_response(version, version.file, content_type)
    response.headers["Content-Disposition"] = attachment_disposition(version.original_name)
    return response


@require_safe
@csp_override(FILE_CSP)
def version_thumbnail(request, pk: int, number: int) -> FileResponse:
    """/documents/<pk>/versions/<number>/thumbnail/: the PNG preview of the first page."""
    version = _version(request, pk, number)
    if not version.thumbnail:
        raise Http404("This version has no thumbnail.")
    response = _file_response(version, version.thumbnail, "image/png")
    response.headers["Content-Disposition"] = "inline"
    return response


def may_review(user) -> bool:
    """Staff who may decide on documents: the only ones who see the reviewer's pictures."""
    return user.is_active and user.is_staff and user.has_perm("papers.change_document")


@require_safe
@csp_override(FILE_CSP)
def version_preview(request, pk: int, number: int, page: int) -> FileResponse:
    """/documents/<pk>/versions/<number>/preview/<page>/: the reviewer's picture of a page.

    Never public and never for the document's organization: a 404 for everyone but reviewers.
    """
    if not may_review(request.user):
        raise Http404("Only reviewers see the previews.")
    version = _version(request, pk, number)
    if not 1 <= page <= len(version.preview_pages):
        raise Http404("This version has no such page picture.")
    response = _stored_response(
        version, default_storage, version.preview_pages[page - 1], "image/png"
    )
    response.headers["Content-Disposition"] = "inline"
    patch_cache_control(response, private=True, no_store=True)
    return response
