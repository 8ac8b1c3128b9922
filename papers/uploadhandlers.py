"""An upload handler for papers: files go to disk, and nothing past the size limit is stored."""

from django.core.files.uploadhandler import TemporaryFileUploadHandler

from papers.filetypes import max_upload_size


class PaperUploadHandler(TemporaryFileUploadHandler):
    """Streams each file to a temporary file and stops storing it once it passes the limit.

    Past ``PAPERS_MAX_UPLOAD_SIZE`` the stored part is thrown away and the rest is only counted,
    so the upload keeps its true ``size`` (for the message "The file is 61.2 MB; the limit is
    50 MB.") but holds no content. Use it for a paper view with
    ``request.upload_handlers = [PaperUploadHandler(request)]`` before touching ``request.POST``.
    The request body is still read to its end: cap it in the web server as well.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.max_size = max_upload_size()

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
