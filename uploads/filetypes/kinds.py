"""The allow-list: the kinds of file a paper may be, and what each is called and served as."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class FileKind:
    """One entry of the allow-list."""

    key: str
    label: StrOrPromise
    content_type: str
    extension: str


_OOXML = "application/vnd.openxmlformats-officedocument."
ALLOWED_KINDS: dict[str, FileKind] = {
    kind.key: kind
    for kind in (
        FileKind("pdf", "PDF", "application/pdf", ".pdf"),
        FileKind("docx", "Word", _OOXML + "wordprocessingml.document", ".docx"),
        FileKind("xlsx", "Excel", _OOXML + "spreadsheetml.sheet", ".xlsx"),
        FileKind("pptx", "PowerPoint", _OOXML + "presentationml.presentation", ".pptx"),
        FileKind("png", gettext_lazy("PNG image"), "image/png", ".png"),
        FileKind("jpeg", gettext_lazy("JPEG image"), "image/jpeg", ".jpg"),
    )
}
