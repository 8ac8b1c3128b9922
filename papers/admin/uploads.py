"""Admin pages that take files: their uploads go through PaperUploadHandler."""

from functools import wraps

from django.views.decorators.csrf import csrf_exempt

from papers.uploadhandlers import PaperUploadHandler


def with_paper_uploads(view):
    """Uploads to `view` go through PaperUploadHandler, which stores nothing past the size limit.

    Handlers must be set before anything reads request.POST, and CSRF checking reads it: the
    middleware is told to skip this view, and the admin_view inside checks CSRF itself.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.upload_handlers = [PaperUploadHandler(request)]
        return view(request, *args, **kwargs)

    return wrapper
