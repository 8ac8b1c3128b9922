"""This process's own copy of the public pages it served last, in front of the shared cache.

A cached page's key (meetings/pagecache.py) is made from the version of what the page shows,
read from the database on every request, so a copy found under that key is the page as it is
now, on whichever server the edit was made. Reading the copy from this process's memory instead
of Redis saves the network round trip and the transfer of the page (a large programme is 140 KB),
which was half of what serving a cached page cost (issue 11's bench). The copies are bounded by
size (settings.PUBLIC_PAGE_MEMORY_MB, 0 to keep none); the least recently read goes first.
"""

import threading
from collections import OrderedDict
from typing import Any

from django.conf import settings


class PageMemory:
    def __init__(self) -> None:
        self._pages: OrderedDict[str, tuple[dict[str, Any], int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()  # runserver and threaded servers answer in threads

    @staticmethod
    def _limit() -> int:
        return int(settings.PUBLIC_PAGE_MEMORY_MB * 1024 * 1024)

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            self._pages.move_to_end(key)
            return found[0]

    def put(self, key: str, entry: dict[str, Any]) -> None:
        size = len(entry["content"]) + 1024  # the headers and the key, roughly
        limit = self._limit()
        if size > limit:
            return
        with self._lock:
            previous = self._pages.pop(key, None)
            if previous is not None:
                self._size -= previous[1]
            self._pages[key] = (entry, size)
            self._size += size
            while self._size > limit:
                _key, (_entry, dropped) = self._pages.popitem(last=False)
                self._size -= dropped

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._pages)


memory = PageMemory()
