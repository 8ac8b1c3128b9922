"""Playwright driving Debian's Chromium (/usr/bin/chromium), with axe-core on every page.

No browser is ever downloaded: `playwright install` is not part of the setup. Pages come from
pytest-django's `live_server`, whose tests run on a transactional database.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

# Playwright's sync API runs an asyncio event loop in this thread; Django would otherwise refuse
# ORM calls (load_demo, lookups in the tests) made while it runs.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


class SerialWSGIServer(WSGIServer):
    """The live server answering one request at a time, in its own thread.

    On SQLite the test database lives in memory, so the live server's threads all use the test's
    one connection (pytest-django passes it as `connections_override`). Django's threaded live
    server then runs the browser's parallel requests (a page and its pictures, say) on that one
    connection at once: one request's transaction can take in, and roll back, another's writes.
    That lost a just-logged-in staff session now and then in full runs. Serving requests one
    after another keeps each on the connection alone; Django closes each connection after its
    response when the server is not threaded, so the browser cannot hold it.
    """

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override


if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    LiveServerThread.server_class = SerialWSGIServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="en")
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def no_js_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="en", java_script_enabled=False)
    yield context
    context.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def assert_accessible(axe: Axe):
    """`assert_accessible(page)`: axe-core finds no violation on the page as it is now.

    axe needs JavaScript (its run waits on timers), so it cannot run in a context that has
    JavaScript disabled; check such a page by loading its address in an ordinary context.
    """

    def check(page: Page) -> None:
        results = axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check
