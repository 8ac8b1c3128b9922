"""The nomination letter, to its organization's focal points and the Secretariat only."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from participants.models import Nomination
from participants.services.nominations import letter_download_name
from uploads.downloads import FILE_CSP, attachment_disposition


@require_safe
@login_required
@csp_override(FILE_CSP)
def nomination_letter(request, pk: int) -> FileResponse:
    """/nominations/<pk>/letter/: the letter, to its organization's focal points and the
    Secretariat; a 404 for anybody else."""
    nomination = get_object_or_404(
        Nomination.objects.visible_to(request.user).exclude(letter=""), pk=pk
    )
    letter = nomination.letter
    try:
        opened = letter.storage.open(letter.name, "rb")
    except FileNotFoundError as error:
        raise Http404("The letter is missing from storage.") from error
    response = FileResponse(opened, content_type="application/pdf")
    response.headers["Content-Disposition"] = attachment_disposition(
        letter_download_name(nomination.letter_name)  # ".pdf", whatever was stored
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True, no_store=True)
    return response
