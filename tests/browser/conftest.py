"""Browser test harness: Playwright's sync API driving the system Chromium against `live_server`.

One Chromium is launched per session; every test gets a fresh browser context (no cookies,
Danish locale, Copenhagen time zone). `playwright install` cannot download browsers on our
machines, so the system Chromium is used (Debian package `chromium`), or the one named by
CHROMIUM_PATH. When neither exists, every browser test is skipped with the reason.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; without this Django believes it
# is called from async code and every ORM call in a test raises SynchronousOnlyOperation.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A test that waits this long for one element or navigation is broken, not slow.
TIMEOUT_MS = 10_000


def _chromium_candidates() -> list[str]:
    return [path for path in (os.environ.get("CHROMIUM_PATH"), DEFAULT_CHROMIUM) if path]


def chromium_path() -> str | None:
    """CHROMIUM_PATH if that file exists, else /usr/bin/chromium if it exists, else None."""
    return next((path for path in _chromium_candidates() if Path(path).is_file()), None)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session."""
    executable = chromium_path()
    if executable is None:
        tried = " or ".join(_chromium_candidates())
        pytest.skip(f"Chromium not found at {tried}; set CHROMIUM_PATH")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@dataclass
class ConsoleLog:
    """Console messages of type error and uncaught exceptions of one page, with the URL each
    came from (for "Failed to load resource" that is the resource's URL)."""

    entries: list[tuple[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """Every error except the 404 of /favicon.ico that Chromium requests on its own."""
        return [f"{text} [{url}]" for text, url in self.entries if not url.endswith("/favicon.ico")]

    def csp_violations(self) -> list[str]:
        return [message for message in self.errors if "Content Security Policy" in message]

    def watch(self, page) -> None:
        """Collect this page's console errors and uncaught exceptions (every page a test opens
        itself: projector and phone tabs)."""

        def on_console(message):
            if message.type == "error":
                self.entries.append((message.text, message.location.get("url") or ""))

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.entries.append((f"uncaught: {error}", page.url)))

    def forget(self, url_part: str) -> None:
        """Drop the errors about one URL, e.g. the 404 of a page that is expected to 404."""
        self.entries = [(text, url) for text, url in self.entries if url_part not in url]


def new_context(browser, live_server, **options):
    """A browser context on the live server: Danish locale, Copenhagen time, no cookies."""
    options = {"viewport": {"width": 1280, "height": 900}, **options}
    ctx = browser.new_context(
        base_url=live_server.url, locale="da-DK", timezone_id="Europe/Copenhagen", **options
    )
    ctx.set_default_timeout(TIMEOUT_MS)
    ctx.set_default_navigation_timeout(TIMEOUT_MS)
    return ctx


@pytest.fixture
def context_options() -> dict:
    """Extra options for the test's browser context; override in a module to change them."""
    return {}


@pytest.fixture
def context(browser, live_server, context_options):
    ctx = new_context(browser, live_server, **context_options)
    yield ctx
    ctx.close()


@pytest.fixture
def console() -> ConsoleLog:
    return ConsoleLog()


@pytest.fixture
def page(context, console):
    page = context.new_page()
    console.watch(page)
    yield page
    page.close()


@pytest.fixture
def demo(transactional_db):
    """The real demo data: Rødovre Kommune, 21 units, the process and the demo logins."""
    from strategy import demo as strategy_demo

    return strategy_demo.seed()


@pytest.fixture
def lead_page(page, demo):
    """A page logged in as the demo project lead through the login form."""
    from tests.browser.helpers import LEAD_EMAIL, login

    login(page, LEAD_EMAIL)
    return page
