"""What a document can be, and who may see every document: shared by documents and versions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    # Its file is checked in the background (papers.tasks); then it is submitted, awaiting review.
    CHECKING = "checking", _("Being checked")
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class FileCheck(models.TextChoices):
    """Where the background check of a version's file stands (papers.tasks.check_version)."""

    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked")
    FAILED = "failed", _("Could not be checked")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    RUSSIAN = "ru", _("Russian")
    SEVERAL = "mul", _("Several languages")
    OTHER = "other", _("Other")


def can_see_all_documents(user) -> bool:
    """Secretariat staff review every document, published or not."""
    return user.is_active and user.is_staff and user.has_perm("papers.view_document")
