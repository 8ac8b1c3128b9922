"""PDFs: opened with PDFium for their pages and thumbnails, and with pikepdf (on qpdf) for what
their objects do: scripts, launches, form submissions, other files, rich media, automatic actions.
"""

from __future__ import annotations

import tempfile
import threading
from contextlib import ExitStack

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uploads.filetypes.reading import _read

# PDFium must never be called from two threads at once, not even for different documents.
PDFIUM_LOCK = threading.Lock()


def open_pdf(path: str) -> pdfium.PdfDocument:
    """Open a PDF with PDFium (hold PDFIUM_LOCK); damaged or locked files raise ValidationError."""
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ValidationError(
                _("The PDF is protected by a password; remove the password and upload it again."),
                code="pdf_encrypted",
            ) from error
        raise ValidationError(
            _("The PDF is damaged and cannot be opened."), code="pdf_damaged"
        ) from error


def _inspect_pdf(
    upload: UploadedFile[bytes], max_size: int, *, deep: bool = True
) -> tuple[int, str, int, tuple[str, ...]]:
    """Hash the bytes, then open the file from a path on disk: PDFium for its pages, and when
    `deep`, pikepdf (qpdf) for what its objects do.

    Without `deep` only the opening is done here (a damaged or locked PDF is still refused at
    once); the object walk runs later, in a child process with limits (uploads.isolation)."""
    with ExitStack() as stack:
        copy = None
        if hasattr(upload, "temporary_file_path"):
            path = upload.temporary_file_path()
        else:
            copy = stack.enter_context(tempfile.NamedTemporaryFile(suffix=".pdf"))
            path = copy.name
        size, sha256 = _read(upload, max_size, (copy.write,) if copy else ())
        if copy is not None:
            copy.flush()
        if deep:
            page_count, reasons = _check_pdf(path)
        else:
            page_count, reasons = pdf_page_count(path), ()
    return size, sha256, page_count, reasons


REASONS = {
    "javascript": gettext_lazy("The PDF contains JavaScript."),
    "launch": gettext_lazy("The PDF contains a launch action."),
    "form_data": gettext_lazy("The PDF sends or imports form data."),
    "other_files": gettext_lazy("The PDF opens other files or documents embedded in it."),
    "rich_media": gettext_lazy("The PDF contains rich media (Flash, video or 3D)."),
    "xfa": gettext_lazy("The PDF contains an XFA form."),
    "automatic": gettext_lazy("The PDF runs actions automatically when it is opened or viewed."),
    "attachment": gettext_lazy("The PDF contains attached files."),
    "unchecked": gettext_lazy("Parts of the PDF are encoded in a way that could not be checked."),
}


def pdf_page_count(path: str) -> int:
    """Open the PDF with PDFium (ValidationError when damaged or locked): its number of pages."""
    with PDFIUM_LOCK, open_pdf(path) as document:
        return len(document)


def pdf_findings(path: str) -> tuple[int, set[str]]:
    """The page count and the keys of REASONS that the PDF deserves: what the isolated check
    (uploads.checking) reports, in keys, since the child process translates nothing."""
    with PDFIUM_LOCK, open_pdf(path) as document:
        page_count = len(document)
        scripts = pdfium_c.FPDFDoc_GetJavaScriptActionCount(document.raw)
        attachments = document.count_attachments()
    found = _object_findings(path)
    if scripts > 0:
        found.add("javascript")
    if attachments > 0:
        found.add("attachment")
    return page_count, found


def reasons_display(found: set[str] | list[str]) -> tuple[str, ...]:
    """The review reasons a person reads, in REASONS' order, for the keys found."""
    return tuple(str(reason) for key, reason in REASONS.items() if key in found)


def _check_pdf(path: str) -> tuple[int, tuple[str, ...]]:
    page_count, found = pdf_findings(path)
    return page_count, reasons_display(found)


# Actions by what they do. An action that runs by itself (/OpenAction, /AA) is flagged as
# automatic unless it only goes to a place in the same document (/GoTo) or is already named
# by its own kind (a JavaScript open action reads "contains JavaScript").
_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "form_data",
    "/ImportData": "form_data",
    "/GoToR": "other_files",
    "/GoToE": "other_files",
    "/RichMediaExecute": "rich_media",
}
_PLAIN_ACTIONS = frozenset({"/GoTo", *_ACTIONS})
# Reading a hostile file is bounded: past this many objects or values it counts as unchecked.
_MAX_OBJECTS = 200_000
_MAX_VALUES = 2_000_000


def _object_findings(path: str) -> set[str]:
    """What the PDF's objects do, read with qpdf, which decodes every filter and object stream:
    each object's dictionaries and arrays, walked without following references (every indirect
    object is visited on its own)."""
    found: set[str] = set()
    try:
        with pikepdf.open(path) as pdf:
            objects = pdf.objects
            if len(objects) > _MAX_OBJECTS:
                return {"unchecked"}
            budget = _MAX_VALUES
            for obj in objects:
                budget = _walk(obj, found, budget)
                if budget < 0:
                    found.add("unchecked")
                    break
            _check_open_action(pdf.Root, found)
    except (pikepdf.PdfError, pikepdf.PasswordError, RecursionError, ValueError):
        found.add("unchecked")
    return found


def _walk(root: object, found: set[str], budget: int) -> int:
    stack = [root]
    while stack:
        value = stack.pop()
        budget -= 1
        if budget < 0:
            return budget
        if isinstance(value, pikepdf.Stream | pikepdf.Dictionary):
            _check_dictionary(value, found)
            children = [value[key] for key in value.keys()]  # noqa: SIM118 (a pikepdf object)
        elif isinstance(value, pikepdf.Array):
            children = list(value)
        else:
            continue
        stack.extend(child for child in children if not _is_reference(child))
    return budget


def _is_reference(value: object) -> bool:
    return isinstance(value, pikepdf.Object) and value.is_indirect


def _check_dictionary(dictionary: pikepdf.Dictionary | pikepdf.Stream, found: set[str]) -> None:
    action = dictionary.get("/S")
    if isinstance(action, pikepdf.Name) and str(action) in _ACTIONS:
        found.add(_ACTIONS[str(action)])
    if "/JS" in dictionary:
        found.add("javascript")
    if dictionary.get("/Subtype") in (pikepdf.Name("/RichMedia"), pikepdf.Name("/3D")):
        found.add("rich_media")
    if "/XFA" in dictionary:
        found.add("xfa")
    if "/EmbeddedFiles" in dictionary or dictionary.get("/Type") == pikepdf.Name("/EmbeddedFile"):
        found.add("attachment")
    if "/EF" in dictionary:
        found.add("attachment")
    additional = dictionary.get("/AA")
    if isinstance(additional, pikepdf.Dictionary):
        for key in additional.keys():  # noqa: SIM118 (a pikepdf object)
            if not _is_plain_action(additional[key]):
                found.add("automatic")


def _check_open_action(root: pikepdf.Object, found: set[str]) -> None:
    """An /OpenAction is fine when it only goes to a place in the document."""
    action = root.get("/OpenAction")
    if action is None or isinstance(action, pikepdf.Array):  # a destination: a plain go-to
        return
    if not _is_plain_action(action):
        found.add("automatic")


def _is_plain_action(action: object, allow: frozenset[str] = _PLAIN_ACTIONS) -> bool:
    """An action, and every action it chains with /Next, is a go-to or one already named."""
    seen = 0
    pending = [action]
    while pending:
        current = pending.pop()
        seen += 1
        if seen > 100 or not isinstance(current, pikepdf.Dictionary):
            return False
        kind = current.get("/S")
        if not isinstance(kind, pikepdf.Name) or str(kind) not in allow:
            return False
        following = current.get("/Next")
        if isinstance(following, pikepdf.Array):
            pending.extend(following)
        elif following is not None:
            pending.append(following)
    return True
