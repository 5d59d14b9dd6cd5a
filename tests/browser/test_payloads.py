"""A site built from briefs full of injection payloads, driven like a curious reader:
open every payload page, hover every link (Material fetches and shows a preview), click
through, and search for the payloads' own words. No payload may ever run.

Every payload calls alert(1) (or would load a page from evil.example); the browser
records each call to alert, confirm or prompt, every dialog and every outside request.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import Visit, open_site
from tests.conftest import build_env
from tests.hostile_suite import injection_site

pytestmark = pytest.mark.browser

TRAP = """
window.__ran = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__ran.push(name + "(" + args.join(",") + ")"); };
}
"""


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = injection_site(tmp_path_factory.mktemp("payloads"), "canary-browser")
    result = subprocess.run([sys.executable, "-m", "build_hooks", "build", "--root",
                             str(project)], capture_output=True, text=True, env=build_env(),
                            check=False, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


@pytest.fixture
def reader(browser: object, payload_site: Path) -> Iterator[Visit]:
    context, visit = open_site(browser, payload_site)
    context.add_init_script(TRAP)  # type: ignore[attr-defined]
    dialogs: list[str] = []
    visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield visit
    ran = visit.page.evaluate("window.__ran || []")
    context.close()  # type: ignore[attr-defined]
    assert ran == [] and dialogs == [], (ran, dialogs)
    assert visit.outside == [], visit.outside


def payload_pages(site: Path) -> list[str]:
    return sorted(f"companies/{page.parent.name}/" for page in
                  (site / "companies").glob("*/index.html")
                  if page.parent.name not in ("acme", "beta-cloud", "includes"))


def test_hovering_and_clicking_on_payload_pages_runs_nothing(reader: Visit,
                                                             payload_site: Path) -> None:
    paths = payload_pages(payload_site)
    assert len(paths) > 30
    for path in paths:
        page = reader.open(path)
        # Cross-links (with previews) and citations (with tooltips) come first on a page.
        links = page.locator("article.md-content__inner a[href]")
        for index in range(min(links.count(), 10)):
            links.nth(index).hover()
        page.wait_for_timeout(150)  # previews load asynchronously
        ran = page.evaluate("window.__ran")
        assert ran == [], (path, ran)
        source = page.locator("article.md-content__inner a[href*='sources/']").first
        source.click()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__ran") == [], path
    assert reader.errors == [], reader.errors


@pytest.mark.parametrize("query", ["alert", "script", "onerror", "javascript", "iframe",
                                   "HYPERLINK", "CDATA"])
def test_searching_for_payload_words_runs_nothing(reader: Visit, query: str) -> None:
    results = reader.search(query)
    page = reader.page
    assert results.count() > 0, query
    for index in range(min(results.count(), 8)):
        results.nth(index).hover()
    page.wait_for_timeout(150)
    assert page.evaluate("window.__ran") == [], query
    results.first.click()
    page.wait_for_load_state("networkidle")
    assert reader.errors == [], reader.errors
