"""The secretariat's review queue: documents to publish, return or reject, and their files.

Decisions go through papers.services.review, as the public side's writes go through
papers.services.submission, so the admin and the public forms behave the same and every
decision is recorded where it is made. Nothing here deletes a document or a version.
"""

from papers.admin import categories, documents, tasks

__all__ = ["categories", "documents", "tasks"]
