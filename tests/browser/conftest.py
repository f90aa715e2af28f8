"""Playwright driving Debian's Chromium (/usr/bin/chromium) against pytest-django's live server.

`make test` installs Chromium when it is missing; a browser that cannot start fails the run,
it is never skipped. Screenshots go to test-artifacts/screenshots/.
"""

import os
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the live server's database work
# happens in its own thread, so Django's async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# The closed network refuses Chromium's background connections; these keep it quiet and local.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; run `make test`, which installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context at desktop size; records every URL it requests in page.requested."""
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    page = context.new_page()
    page.requested = []
    in_flight = set()
    page.on("request", lambda request: (page.requested.append(request.url), in_flight.add(request)))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    yield page
    # The database is emptied right after the test: a request the server is still answering would find its
    # tables locked (SQLite) or half gone, so the last ones are let finish first.
    deadline = time.monotonic() + 5
    while in_flight and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    context.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def save(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def live_demo(transactional_db, live_server):
    from tests.conftest import restore_demo

    restore_demo()
    return live_server


def pick_city(page, select, typed):
    """Chooses a city with the search-as-you-type picker (static/js/city-picker.js) that stands for the select
    `select` (a CSS selector): types `typed` and clicks the first match, as a person would."""
    box = page.locator(f"{select}-search")
    box.fill(typed)
    page.get_by_role("listbox").get_by_role("option").filter(has_text=typed).first.click()
    return box.input_value()
