import time

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """The slow-down of logins counts in Django's cache: each test starts and ends with none."""
    cache.clear()
    yield
    cache.clear()


class Clock:
    """time.time() under the test's control, for slow-downs and session timeouts."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += sum(
            value * {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}[unit]
            for unit, value in delta.items()
        )


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(time, "time", fake)
    return fake
