"""File names: the one to show and offer on download, checked and ending in the right extension."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.text import is_control
from uploads.filetypes.kinds import ALLOWED_KINDS, FileKind

MAX_NAME_LENGTH = 180

_NAME_EXTENSIONS = {kind.key: (kind.extension,) for kind in ALLOWED_KINDS.values()} | {
    "jpeg": (".jpg", ".jpeg")
}
_ALLOWED_EXTENSIONS = {ext for extensions in _NAME_EXTENSIONS.values() for ext in extensions}
# Extensions replaced, rather than kept, when the content turns out to be another allowed kind.
_REPLACED_EXTENSIONS = _ALLOWED_EXTENSIONS | {
    *(".doc", ".xls", ".ppt", ".docm", ".xlsm", ".pptm", ".htm", ".html", ".svg", ".zip")
}


def clean_file_name(name: str) -> str:
    """The name to show and offer on download; refuses names that could mislead or escape."""
    name = unicodedata.normalize("NFC", name)
    if any(is_control(char) for char in name):
        raise ValidationError(
            _("The file name contains control or text-direction characters."), code="name_control"
        )
    name = name.strip()
    if not name.strip("."):
        raise ValidationError(_("The file has no name."), code="name_empty")
    if "/" in name or "\\" in name or ".." in name:
        raise ValidationError(
            _("The file name must not contain “/”, “\\” or “..”."), code="name_path"
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("The file name is too long (%(length)s characters; at most %(limit)s)."),
            code="name_too_long",
            params={"length": len(name), "limit": MAX_NAME_LENGTH},
        )
    return name


def _download_name(name: str, kind: FileKind) -> str:
    """The original name, ending in the extension of what the file really is."""
    stem, dot, suffix = name.rpartition(".")
    extension = f".{suffix.lower()}" if dot else ""
    if extension in _NAME_EXTENSIONS[kind.key]:
        return name
    base = stem if extension in _REPLACED_EXTENSIONS else name
    return base[: MAX_NAME_LENGTH - len(kind.extension)] + kind.extension
