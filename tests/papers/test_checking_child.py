"""Stand-ins for uploads.checking.check_in_child that misbehave, for tests/papers/test_checking.py
(the setting PAPERS_CHECK_FUNCTION points at one). It holds no tests."""

import ctypes
import resource
import time
from pathlib import Path


def segfault(kind_key: str, path: str, folder: str, megabytes: int) -> None:
    ctypes.string_at(0)  # reads address 0: SIGSEGV


def sleep(kind_key: str, path: str, folder: str, megabytes: int) -> None:
    time.sleep(30)


def swell(kind_key: str, path: str, folder: str, megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    hog = bytearray(2 * limit)  # past the limit: MemoryError
    Path(folder, "answer.json").write_text(str(len(hog)))


def garbage(kind_key: str, path: str, folder: str, megabytes: int) -> None:
    Path(folder, "answer.json").write_text("this is not JSON")


def no_pictures(kind_key: str, path: str, folder: str, megabytes: int) -> None:
    """A file the check read but could not draw: an answer without pictures."""
    answer = '{"page_count": 1, "reasons": [], "thumbnail": null, "pages": []}'
    Path(folder, "answer.json").write_text(answer)
