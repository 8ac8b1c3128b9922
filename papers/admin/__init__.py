"""The secretariat's review queue: documents to publish, return or reject, and their files.

Decisions go through papers.services.review, as the public side's writes go through
papers.services.submission, so the admin and the public forms behave the same. Nothing here
deletes a document or a version.
"""

from papers.admin.actions import CommentForm, PublishForm
from papers.admin.add_several import AddSeveralForm, MultipleFileField, MultipleFileInput
from papers.admin.categories import DocumentCategoryAdmin
from papers.admin.documents import (
    DocumentAdmin,
    DocumentAdminForm,
    DocumentVersionInline,
    file_summary,
)
from papers.admin.uploads import with_paper_uploads

__all__ = [
    "AddSeveralForm",
    "CommentForm",
    "DocumentAdmin",
    "DocumentAdminForm",
    "DocumentCategoryAdmin",
    "DocumentVersionInline",
    "MultipleFileField",
    "MultipleFileInput",
    "PublishForm",
    "file_summary",
    "with_paper_uploads",
]
