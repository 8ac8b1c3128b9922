"""The risky part of checking a file, run in a child process: check_in_child().

PDFium draws the pages and qpdf (through pikepdf) walks every object: both are C libraries fed a
stranger's file. Here they run in a process of their own, under a memory limit set before the
file is opened, so a file that crashes them, loops or swells kills this child, never a web or
worker process. uploads.isolation forks it from a fork server that has imported this module
once (so a check starts in milliseconds, not the seconds an interpreter takes to import them),
with a wall-clock timeout, and reads the answer it leaves in the folder it was given,
answer.json:

    {"page_count": 3, "reasons": ["javascript"], "thumbnail": "…/thumbnail.png",
     "pages": ["…/page-1.png"]}

Review reasons are keys of uploads.filetypes.pdf.REASONS: the parent translates them. The
pictures are PNG files in the same folder; "thumbnail" is null and "pages" [] when the file
cannot be drawn (it is still a valid paper). A PDF that cannot be opened at all answers
{"error": "…"}.
"""

from __future__ import annotations

import json
import resource
from pathlib import Path

import django
from django.conf import settings

if not settings.configured:  # in the fork server: bare settings, no apps, no database
    settings.configure(USE_I18N=False, INSTALLED_APPS=[])
    django.setup()

from django.core.exceptions import ValidationError

from uploads.filetypes.kinds import ALLOWED_KINDS
from uploads.filetypes.pdf import pdf_findings
from uploads.pictures import make_review_pages, make_thumbnail

ANSWER = "answer.json"


def _limit_memory(megabytes: int) -> None:
    """RLIMIT_AS: past this much address space an allocation fails (MemoryError, or PDFium's
    own out-of-memory abort), which ends this process, not the one that started it."""
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _pictures(kind_key: str, path: str, folder: Path) -> tuple[str | None, list[str]]:
    kind = ALLOWED_KINDS[kind_key]
    try:
        thumbnail = make_thumbnail(path, kind)
        pages = make_review_pages(path, kind)
    except MemoryError:  # past the limit: the whole check fails, not just the pictures
        raise
    except Exception:  # a file that cannot be drawn has no pictures
        return None, []
    thumbnail_path: str | None = None
    if thumbnail is not None:
        thumbnail_path = str(folder / "thumbnail.png")
        Path(thumbnail_path).write_bytes(thumbnail.read())
    page_paths = []
    for number, page in enumerate(pages, start=1):
        page_path = folder / f"page-{number}.png"
        page_path.write_bytes(page.read())
        page_paths.append(str(page_path))
    return thumbnail_path, page_paths


def check(kind_key: str, path: str, folder: Path) -> dict[str, object]:
    """What the file is worth a look for, and its pictures; see the module's docstring."""
    page_count: int | None = None
    found: set[str] = set()
    if kind_key == "pdf":
        try:
            page_count, found = pdf_findings(path)
        except ValidationError as error:
            return {"error": error.code or "damaged"}
    thumbnail, pages = _pictures(kind_key, path, folder)
    return {
        "page_count": page_count,
        "reasons": sorted(found),
        "thumbnail": thumbnail,
        "pages": pages,
    }


def check_in_child(kind_key: str, path: str, folder: str, megabytes: int) -> None:
    """The child's whole life: limit its memory, check, leave the answer in `folder`."""
    _limit_memory(megabytes)
    answer = check(kind_key, path, Path(folder))
    (Path(folder) / ANSWER).write_text(json.dumps(answer))
