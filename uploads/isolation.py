"""Running the risky check of a file (uploads.checking) in a child process with limits.

The child gets PAPERS_CHECK_MEMORY_MB of address space (default 512) and PAPERS_CHECK_SECONDS
of wall-clock time (default 60); past the time it is killed. Whatever goes wrong in it, a crash
(a signal, MemoryError, any non-zero exit), the timeout or an answer that is not the JSON
expected, comes back as CheckFailed: the file "could not be checked", and a person looks at it.
PAPERS_CHECK_FUNCTION names what the child runs (default uploads.checking.check_in_child), so a
test can put a child that crashes or hangs in its place.
"""

from __future__ import annotations

import functools
import json
import logging
import multiprocessing
import multiprocessing.context
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

DEFAULT_MEMORY_MB = 512
DEFAULT_SECONDS = 60
DEFAULT_FUNCTION = "uploads.checking.check_in_child"
ANSWER = "answer.json"  # what the child writes in its folder (uploads.checking)


class CheckFailed(Exception):
    """The child crashed, ran out of time or memory, or answered nonsense; `why` says which."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


@dataclass(frozen=True)
class FileCheck:
    """What the isolated check found: pages, review-reason keys and the PNGs it drew."""

    page_count: int | None
    reasons: tuple[str, ...]
    thumbnail: bytes | None
    pages: list[bytes] = field(default_factory=list)
    error: str = ""  # the PDF cannot be opened at all ("pdf_damaged", "pdf_encrypted")


def check_limits() -> tuple[int, int]:
    """(memory in MB, seconds) for one check, from the settings."""
    return (
        int(getattr(settings, "PAPERS_CHECK_MEMORY_MB", DEFAULT_MEMORY_MB)),
        int(getattr(settings, "PAPERS_CHECK_SECONDS", DEFAULT_SECONDS)),
    )


def file_check(path: str | Path, kind_key: str) -> FileCheck:
    """Check the file at `path` (of the allow-listed kind `kind_key`) in a child process.

    Raises CheckFailed when the child does not come back with an answer.
    """
    megabytes, seconds = check_limits()
    target = import_string(getattr(settings, "PAPERS_CHECK_FUNCTION", DEFAULT_FUNCTION))
    with _output_folder() as folder:
        child = _forkserver().Process(
            target=target, args=(kind_key, str(path), str(folder), megabytes), daemon=True
        )
        child.start()
        child.join(seconds)
        if child.exitcode is None:
            child.kill()
            child.join()
            child.close()
            raise CheckFailed(f"no answer within {seconds} s")
        code = child.exitcode
        child.close()
        if code != 0:
            raise CheckFailed(_exit_reason(code))
        return _answer(folder)


@functools.cache
def _forkserver() -> multiprocessing.context.ForkServerContext:
    """A fork server of our own, started once per process, that has imported the check (and
    PDFium, qpdf, Pillow) before it forks a child for each file; never a fork of this process,
    whose other threads may hold locks the child would wait for."""
    context = multiprocessing.get_context("forkserver")
    # "__main__" (manage.py, pytest) too, as multiprocessing does by default: loaded once
    # here, it is not run again in each child.
    context.set_forkserver_preload(["__main__", DEFAULT_FUNCTION.rpartition(".")[0]])
    return context


def _exit_reason(code: int) -> str:
    if code < 0:
        return f"killed by signal {-code}"
    return f"exit status {code}"


def _answer(folder: Path) -> FileCheck:
    """The child's JSON, with the pictures read back; only files inside `folder` are read."""
    try:
        answer = json.loads((folder / ANSWER).read_text())
        if "error" in answer:
            return FileCheck(None, (), None, [], error=str(answer["error"]))
        page_count = answer["page_count"]
        reasons = tuple(str(reason) for reason in answer["reasons"])
        thumbnail = _picture(answer["thumbnail"], folder) if answer["thumbnail"] else None
        pages = [_picture(page, folder) for page in answer["pages"]]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, OSError) as error:
        raise CheckFailed("an answer that could not be read") from error
    if page_count is not None and (not isinstance(page_count, int) or page_count < 0):
        raise CheckFailed("an answer that could not be read")
    return FileCheck(page_count, reasons, thumbnail, pages)


def _picture(name: object, folder: Path) -> bytes:
    path = Path(str(name)).resolve()
    if path.parent != folder.resolve():
        raise ValueError(f"{path} is not in {folder}")
    return path.read_bytes()


@contextmanager
def _output_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="plenary-check-") as folder:
        yield Path(folder)
