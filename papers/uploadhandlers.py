"""How every upload arrives, for every form of the site: set once in FILE_UPLOAD_HANDLERS.

Files stream to temporary files on disk; nothing past PAPERS_MAX_UPLOAD_SIZE is kept; and each
file keeps the name its browser sent, so inspect_upload() can refuse a name such as
``../x.pdf`` instead of Django silently mending it, on the focal points' forms and the admin's
alike.
"""

import html

from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.utils.encoding import force_str

from papers.filetypes import max_upload_size


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
        if request is not None:
            request.multipart_parser_class = SentNameParser

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.over_limit = False

    def receive_data_chunk(self, raw_data, start):
        if self.over_limit:
            return None
        if start + len(raw_data) > self.max_size:
            self.over_limit = True
            self.file.seek(0)
            self.file.truncate()
            return None
        return super().receive_data_chunk(raw_data, start)
