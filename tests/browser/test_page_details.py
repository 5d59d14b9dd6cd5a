"""Details a reader meets in headless Chromium: a link preview closes on Escape, the chip
chart is readable on a phone and its data downloads, pages carry link-card tags, the
404 page helps at any depth, and a copy built for disk opens without a server."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, BASE, Visit, expect_heading
from tests.helpers import REPO, run_build

pytestmark = pytest.mark.browser

PREVIEW = ".md-tooltip2--active"


def test_escape_closes_a_link_preview_without_moving_the_pointer(visit: Visit) -> None:
    page = visit.open("chips/h200/")
    link = page.locator("article a[href$='companies/nvidia/']").first
    link.hover()
    page.locator(PREVIEW, has_text="Key facts").wait_for(timeout=10_000)
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => !document.querySelector('{PREVIEW}')")
    # The pointer is still on the link, and the preview stays closed.
    assert page.evaluate(
        "() => document.querySelector('article a[href$=\"companies/nvidia/\"]:hover') !== null"
    )
    page.wait_for_timeout(600)
    assert page.locator(PREVIEW).count() == 0
    # Moving to another link shows that link's preview as before.
    page.locator("article a.footnote-ref").first.hover()
    page.locator(PREVIEW).first.wait_for(timeout=10_000)
    assert visit.errors == []


def test_escape_closes_a_preview_opened_from_the_keyboard(visit: Visit) -> None:
    page = visit.open("chips/h200/")
    page.locator("article a[href$='companies/nvidia/']").first.focus()
    page.locator(PREVIEW, has_text="Key facts").wait_for(timeout=10_000)
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => !document.querySelector('{PREVIEW}')")
    # The focus stays where the reader put it.
    assert page.evaluate("() => document.activeElement.href").endswith("companies/nvidia/")


def svg_figures(site: Path) -> tuple[float, float]:
    """The chart's width in its own units and its smallest text size in those units."""
    root = ET.fromstring((site / "chips/tpp-bandwidth.svg").read_bytes())
    sizes = [
        float(text.get("font-size") or root.get("font-size"))
        for text in root.iter("{http://www.w3.org/2000/svg}text")
    ]
    return float(root.get("viewBox").split()[2]), min(sizes)


def test_the_chip_chart_is_readable_on_a_phone(visit: Visit, built_site: Path) -> None:
    visit.page.set_viewport_size({"width": 390, "height": 844})
    page = visit.open("chips/")
    chart = page.locator("article img[src$='tpp-bandwidth.svg']")
    chart.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelector(\"img[src$='tpp-bandwidth.svg']\").complete"
    )
    shown = chart.bounding_box()
    assert shown is not None and shown["x"] >= 0 and shown["x"] + shown["width"] <= 390
    units, smallest = svg_figures(built_site)
    # The chart is drawn scaled to the width it is shown at: so is its text.
    smallest_px = smallest * shown["width"] / units
    assert smallest_px >= 10, f"the chart's smallest text is {smallest_px:.1f} px on a phone"
    chart.screenshot(path=str(ARTIFACTS / "chip-chart-390.png"))
    # Every chip with either figure is on it (the alt text names each).
    alt = chart.get_attribute("alt")
    for name in ("H200", "H100", "Ascend 950", "RTX Pro 6000D"):
        assert f"{name}:" in alt
    # Its data downloads from the link beside it, readable by a spreadsheet.
    link = page.locator("article a[href$='tpp-bandwidth.csv']")
    data = bytes(
        page.evaluate(
            "async (a) => Array.from(new Uint8Array(await (await fetch(a.href)).arrayBuffer()))",
            link.element_handle(),
        )
    )
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {row["name"] for row in rows} >= {"H200", "H100", "Ascend 950"}
    assert visit.missing == [] and visit.errors == []


def test_a_page_carries_its_own_link_card(visit: Visit) -> None:
    page = visit.open("chips/h200/")

    def meta(key: str) -> str:
        found = page.locator(f"meta[property='{key}'], meta[name='{key}']")
        assert found.count() == 1, key
        return found.get_attribute("content")

    assert meta("og:title") == meta("twitter:title") == "H200"
    assert meta("og:type") == "article" and meta("twitter:card") == "summary"
    assert meta("og:site_name") == "AI Chip Policy Briefs"
    description = meta("description")
    assert description.startswith("A data-centre accelerator from Nvidia")
    assert meta("og:description") == meta("twitter:description") == description
    assert meta("og:url") == "https://ai-chip-policy-briefs.github.io/briefs/chips/h200/"
    home = visit.open("")
    assert home.locator("meta[property='og:type']").get_attribute("content") == "website"
    assert home.locator("meta[name='description']").get_attribute("content") != description


def test_the_404_page_helps_at_any_depth(visit: Visit, built_site: Path) -> None:
    missing = "companies/no-such-company/deeper/still/"
    # As a static host does: the site's 404.html for an address it does not have.
    visit.page.context.route(
        BASE + missing,
        lambda route: route.fulfill(
            status=404,
            body=(built_site / "404.html").read_bytes(),
            headers={"content-type": "text/html"},
        ),
    )
    page = visit.open(missing)
    assert page.locator("article h1").inner_text().rstrip("¶") == "Page not found"
    # The theme's styles and scripts loaded from this depth too.
    # (The one console error is the page's own status, 404, as it should be.)
    errors = [e for e in visit.errors if "status of 404" not in e]
    assert visit.missing == [] and errors == [] and len(visit.errors) == 1
    assert page.locator(".md-header").is_visible()
    sections = page.locator("article li a").all_inner_texts()
    assert {"Companies", "Chips", "Policies", "Timeline", "Sources"} <= set(sections)
    page.screenshot(path=str(ARTIFACTS / "not-found-1280.png"), full_page=True)
    # Its search box opens the site's search with the query.
    page.fill("#not-found-query", "Huawei")
    page.press("#not-found-query", "Enter")
    page.wait_for_url(BASE + "?q=Huawei")
    results = page.locator(".md-search-result__item h1")
    results.first.wait_for(timeout=20_000)
    assert "Huawei" in results.all_inner_texts()
    # And each section link leads to its section.
    page = visit.open(missing)
    page.locator("article li a", has_text="Chips").click()
    expect_heading(page, BASE + "chips/", "Chips")


@pytest.fixture(scope="module")
def site_for_disk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("disk") / "site"
    result = run_build(REPO, "--for-disk", "--site-dir", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def test_a_copy_built_for_disk_opens_without_a_server(browser: object, site_for_disk: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto((site_for_disk / "index.html").as_uri(), wait_until="load")
        # A tab, then a link in a table, then a cross-link: each opens a page, never a
        # folder's listing.
        page.locator(".md-tabs a", has_text="Chips").click()
        expect_heading(page, "**/chips/index.html", "Chips")
        page.locator("article table a", has_text="H200").first.click()
        expect_heading(page, "**/chips/h200.html", "H200")
        page.locator("article a[href$='companies/nvidia.html']").first.click()
        expect_heading(page, "**/companies/nvidia.html", "Nvidia")
        page.screenshot(path=str(ARTIFACTS / "opened-from-disk-1280.png"))
    finally:
        context.close()
