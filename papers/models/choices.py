"""What a document can be, and who may see every document: shared by documents and versions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from config.languages import ENDONYMS


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


# The order in which the UN lists its languages ("العربية · 中文 · English · Français · Русский ·
# Español"), then files in several languages or in another one.
LANGUAGE_ORDER = {code: order for order, code in enumerate(["ar", "zh", "en", "fr", "ru", "es"])}
# A document's language as the interface names it: Chinese files are in Simplified Chinese.
INTERFACE_LANGUAGES = {"zh": "zh-hans"}


def language_label(code: str) -> str:
    """ "French", in the reader's language: Language(code).label without get_FOO_display()'s
    cost, which hashes every choice on every call (a meeting page lists hundreds of files)."""
    try:
        return str(Language(code).label)
    except ValueError:
        return code


def language_name(code: str) -> str:
    """ "Français": a UN language named in itself, as a reader looks for their own language;
    "Several languages" and "Other" in the reader's language."""
    return ENDONYMS.get(INTERFACE_LANGUAGES.get(code, code)) or language_label(code)


def language_tag(code: str) -> str:
    """The BCP 47 tag of a document language, for hreflang: "fr", "zh", "mul" (several
    languages); none for "other", which names no language."""
    return "" if code == Language.OTHER else code


def language_name_tag(code: str) -> str:
    """The lang of language_name(code): the language itself for a UN language ("Français" is
    French), none for "Several languages" and "Other", which are in the reader's language."""
    return code if INTERFACE_LANGUAGES.get(code, code) in ENDONYMS else ""


def language_sort_key(code: str) -> int:
    return LANGUAGE_ORDER.get(code, len(LANGUAGE_ORDER))


def document_language_of(interface_code: str) -> str:
    """The document language an interface language reads: "zh-hans" reads "zh" files."""
    for document_code, interface in INTERFACE_LANGUAGES.items():
        if interface == interface_code:
            return document_code
    return interface_code


def can_see_all_documents(user) -> bool:
    """Secretariat staff review every document, published or not."""
    return user.is_active and user.is_staff and user.has_perm("papers.view_document")
