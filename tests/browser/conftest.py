"""A built copy of the real site, served to headless Chromium as if from its public URL.

Requests are answered from the built folder by Playwright's router under the site's own
address (http://briefs.test/briefs/), so Material's instant navigation and previews see the
host and path they expect. Any request to another host is recorded and refused: the tests
then assert there were none.
"""

from __future__ import annotations

import mimetypes
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import REPO, run_build

BASE = "http://briefs.test/briefs/"
CHROMIUM = os.environ.get("BRIEFS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def expect_heading(page: object, url: str, heading: str) -> None:
    """Wait until `url` shows a page whose heading starts with `heading`. Instant navigation
    changes the address before it swaps the new content in, so reading the heading as soon
    as the address changes can still find the old page."""
    from playwright.sync_api import expect

    page.wait_for_url(url)  # type: ignore[attr-defined]
    expect(page.locator("article h1")).to_have_text(  # type: ignore[attr-defined]
        re.compile("^" + re.escape(heading))
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("browser") / "site"
    result = run_build(REPO, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


class Visit:
    """A browser page on the served site, recording outside requests, requests for files
    the site does not have, and console errors."""

    def __init__(
        self, page: object, outside: list[str], errors: list[str], missing: list[str]
    ) -> None:
        self.page = page
        self.outside = outside
        self.errors = errors
        self.missing = missing

    def search(self, query: str) -> object:
        """Type `query` into the search box of the home page; return the result links."""
        page = self.open("")
        page.click(".md-search__input")  # type: ignore[attr-defined]
        # The index loads in a worker after the page: Material says when it is ready.
        page.wait_for_function(  # type: ignore[attr-defined]
            "() => document.querySelector('.md-search-result__meta').textContent"
            ".includes('Type to start searching')"
        )
        page.fill(".md-search__input", query)  # type: ignore[attr-defined]
        # Material reacts to key events; filling Chinese text by IME sends none of its own.
        page.dispatch_event(".md-search__input", "keyup")  # type: ignore[attr-defined]
        page.wait_for_function(  # type: ignore[attr-defined]
            "() => !document.querySelector('.md-search-result__meta').textContent.includes('Type')"
        )
        return page.locator(".md-search-result__item > a")  # type: ignore[attr-defined]

    def open(self, path: str) -> object:
        """Go to a page and wait until it has loaded (Material's scripts included)."""
        self.page.goto(BASE + path, wait_until="load")  # type: ignore[attr-defined]
        return self.page


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}; .ci/run installs Debian's"
            " 'chromium' package, or set BRIEFS_CHROMIUM to its path"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def open_site(browser: object, site: Path) -> tuple[object, Visit]:
    """A fresh browser context serving `site` under BASE, and a Visit on its first page."""
    outside: list[str] = []
    errors: list[str] = []
    missing: list[str] = []

    def serve(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if not url.startswith(BASE):
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]
            return
        relative = url[len(BASE) :].split("#")[0].split("?")[0]
        path = site / relative
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            missing.append(url)
            route.fulfill(status=404, body="not found")  # type: ignore[attr-defined]
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(
            status=200,
            body=path.read_bytes(),  # type: ignore[attr-defined]
            headers={"content-type": kind},
        )

    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    context.route("**/*", serve)
    page = context.new_page()
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, Visit(page, outside, errors, missing)


@pytest.fixture
def visit(browser: object, built_site: Path) -> Iterator[Visit]:
    context, visit = open_site(browser, built_site)
    yield visit
    context.close()  # type: ignore[attr-defined]


@pytest.fixture(scope="session", autouse=True)
def artifacts_folder() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
