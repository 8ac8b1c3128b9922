"""How every upload arrives, for every form of the site: set once in FILE_UPLOAD_HANDLERS.

Files stream to temporary files on disk; nothing past PAPERS_MAX_UPLOAD_SIZE is kept; each
file keeps the name its browser sent, so inspect_upload() can refuse a name such as
``../x.pdf`` instead of Django silently mending it, on the focal points' forms and the admin's
alike; and a page that takes no file stores none: its file parts are read past, never written
to disk (an anonymous POST of 500 MB to the login page leaves nothing behind).
"""

import html

from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.urls import Resolver404, resolve
from django.utils.encoding import force_str

from uploads.filetypes import max_upload_size
from uploads.storagefull import is_storage_full

# The pages that take files, by URL name: the focal points' forms and the admin pages of models
# with a file field (tests/papers/test_uploads.py checks that every such admin page is listed).
UPLOAD_VIEWS = frozenset(
    {
        "papers:submit",
        "papers:submission_edit",
        "admin:papers_document_add",
        "admin:papers_document_change",
        "admin:papers_document_add_several",
        "admin:meetings_person_add",
        "admin:meetings_person_change",
        "admin:accounts_organization_add",
        "admin:accounts_organization_change",
        "admin:participants_nomination_add",
        "admin:participants_nomination_change",
        "participants:nominate",
        "participants:nomination_edit",
    }
)


def takes_uploads(request) -> bool:
    """Whether the page `request` is for takes files, from a logged-in user."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
    user = getattr(request, "user", None)
    return match.view_name in UPLOAD_VIEWS and user is not None and user.is_authenticated


class SentNameParser(MultiPartParser):
    """Django's parser, which also leaves each file's name as sent on the file, as `sent_name`.

    Django drops path parts and control characters from a file name before any upload handler
    sees it; the name as sent is what the file-name check judges.
    """

    _sent_name = ""

    def sanitize_file_name(self, file_name):
        self._sent_name = html.unescape(file_name)
        return super().sanitize_file_name(file_name)

    def handle_file_complete(self, old_field_name, counters):
        super().handle_file_complete(old_field_name, counters)
        # The file just completed is the last one of its field (Django's own key, below).
        files = self._files.getlist(force_str(old_field_name, self._encoding, errors="replace"))
        if files:
            files[-1].sent_name = self._sent_name


class PaperUploadHandler(TemporaryFileUploadHandler):
    """Streams each file to a temporary file and stops storing it once it passes the limit.

    Past ``PAPERS_MAX_UPLOAD_SIZE`` the stored part is thrown away and the rest is only counted,
    so the upload keeps its true ``size`` (for the message "The file is 61.2 MB; the limit is
    50 MB.") but holds no content. The request body is still read to its end: cap it in the web
    server as well.

    Django builds a request's upload handlers just before it picks the multipart parser, so the
    handler installs SentNameParser for the request it is made for.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.max_size = max_upload_size()
        self.takes_uploads = request is not None and takes_uploads(request)
        if request is not None:
            request.multipart_parser_class = SentNameParser

    def new_file(self, *args, **kwargs):
        if not self.takes_uploads:
            raise SkipFile  # read past, stored nowhere
        self.over_limit = False
        try:
            super().new_file(*args, **kwargs)
        except OSError as error:
            self._storage_failed(error)

    def receive_data_chunk(self, raw_data, start):
        if self.over_limit:
            return None
        if start + len(raw_data) > self.max_size:
            self.over_limit = True
            self.file.seek(0)
            self.file.truncate()
            return None
        try:
            return super().receive_data_chunk(raw_data, start)
        except OSError as error:
            self._storage_failed(error)

    def _storage_failed(self, error: OSError):
        """The temporary folder is full: drop this file (its temporary file goes with it), note
        it for StorageFullMiddleware, and store nothing more of this request."""
        file = getattr(self, "file", None)
        if file is not None:
            file.close()  # a NamedTemporaryFile: closing deletes it
        if not is_storage_full(error):
            raise error
        if self.request is not None:
            self.request.upload_storage_full = True
        self.takes_uploads = False
        raise SkipFile
