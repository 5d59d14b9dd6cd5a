"""A site built from briefs full of injection payloads, driven like a curious reader:
open every payload page, hover every link (Material fetches and shows a preview), click
through, and search for the payloads' own words. No payload may ever run.

Every payload calls alert(1) (or would load a page from evil.example); the browser
records each call to alert, confirm or prompt, every dialog and every outside request.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.browser.conftest import Visit, open_site
from tests.helpers import run_build
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
    result = run_build(project)
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
    return sorted(
        f"companies/{page.parent.name}/"
        for page in (site / "companies").glob("*/index.html")
        if page.parent.name not in ("acme", "beta-cloud", "includes")
    )


def test_hovering_and_clicking_on_payload_pages_runs_nothing(
    reader: Visit, payload_site: Path
) -> None:
    paths = payload_pages(payload_site)
    assert len(paths) > 30
    # Every payload page, opened: its own text runs nothing.
    for path in paths:
        page = reader.open(path)
        assert page.evaluate("window.__ran") == [], path
    # Every link to a payload page, hovered: Material fetches the page and shows it in a
    # preview, which must run nothing either. Each preview is waited for, not slept on.
    page = reader.open("companies/")
    links = page.locator("article.md-content__inner table a[data-preview]")
    previews = 0
    for index in range(links.count()):
        link = links.nth(index)
        if f"companies/{link.get_attribute('href').strip('./').split('/')[-1]}/" not in paths:
            continue
        page.mouse.move(0, 0)
        page.locator(".md-tooltip2--active").wait_for(state="detached")
        link.hover()
        page.locator(".md-tooltip2--active").wait_for()
        previews += 1
        assert page.evaluate("window.__ran") == [], link.get_attribute("href")
    assert previews == len(paths)
    # And through a citation to its source page.
    page = reader.open(paths[0])
    page.locator("article.md-content__inner a[href*='sources/']").first.click()
    page.wait_for_url("**/sources/**")
    page.locator("article.md-content__inner h1").wait_for()
    assert page.evaluate("window.__ran") == []
    assert reader.errors == [], reader.errors


@pytest.mark.parametrize(
    "query", ["alert", "script", "onerror", "javascript", "iframe", "HYPERLINK", "CDATA"]
)
def test_searching_for_payload_words_runs_nothing(reader: Visit, query: str) -> None:
    results = reader.search(query)
    page = reader.page
    assert results.count() > 0, query
    for index in range(min(results.count(), 8)):
        results.nth(index).hover()
    assert page.evaluate("window.__ran") == [], query
    target = urljoin(page.url, results.first.get_attribute("href")).split("?")[0].split("#")[0]
    results.first.click()
    page.wait_for_url(lambda url: url.split("?")[0].split("#")[0] == target)
    page.locator("article.md-content__inner h1").wait_for()
    assert page.evaluate("window.__ran") == [], query
    assert reader.errors == [], reader.errors
