"""A full disk during an upload: a clear "storage is full, try again later" page (507), no row,
and no partial file anywhere.

Two disks can fill: the upload temporary folder while the request arrives (PaperUploadHandler
notes it on the request and stores nothing more), and the media storage while a version is
stored (the service raises; papers.services.versions has already deleted what it wrote).
"""

import errno
import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
# Seconds after which trying again may succeed: an operator has to free space first.
RETRY_AFTER = 600


def is_storage_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in FULL


def storage_full_response(request: HttpRequest) -> HttpResponse:
    response = render(request, "storage_full.html", status=507)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


class StorageFullMiddleware:
    """Below CsrfViewMiddleware, which reads the upload: answers 507 when a disk filled up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, *_args: object) -> HttpResponse | None:
        if request.method == "POST" and request.content_type == "multipart/form-data":
            request.POST  # noqa: B018 (reading it is what runs the upload handlers)
        if getattr(request, "upload_storage_full", False):
            logger.error(
                "Upload temporary folder full: %s %s answered 507", request.method, request.path
            )
            return storage_full_response(request)
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_storage_full(exception):
            return None
        logger.error(
            "Media storage full: %s %s answered 507",
            request.method,
            request.path,
            exc_info=exception,
        )
        return storage_full_response(request)
