"""What a reader does, in headless Chromium: search in both scripts, hover a link and a
citation, read the timeline, with no outside request, no console error and no serious
accessibility violation."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import feedparser
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import ARTIFACTS, Visit, expect_heading

pytestmark = pytest.mark.browser


def search(visit: Visit, query: str) -> list[str]:
    return visit.search(query).locator("h1").all_inner_texts()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("华为", "Huawei"),
        ("字节跳动", "ByteDance"),
        ("英伟达", "Nvidia"),
        ("阿里巴巴", "Alibaba"),
        ("輝達", "Nvidia"),
        ("Nvidia", "Nvidia"),
        ("nvidia", "Nvidia"),
        ("Ascend", "Ascend 910B"),
        ("h200", "H200"),
    ],
)
def test_search_finds_names_and_chinese_names(visit: Visit, query: str, first: str) -> None:
    results = search(visit, query)
    assert results and results[0] == first, results


def test_search_finds_chinese_words_inside_longer_text(visit: Visit) -> None:
    # 有限公司 ("limited company") is only ever the end of a longer name.
    assert search(visit, "有限公司")


def test_a_search_reads_only_the_parts_of_the_index_it_needs(visit: Visit) -> None:
    # build_hooks/site/search_shards.py: the word lists for the query's starts and the
    # documents of the pages they name, never the whole index.
    fetched: list[str] = []
    visit.page.on("request", lambda request: fetched.append(request.url))  # type: ignore[attr-defined]
    assert search(visit, "华为")[0] == "Huawei"
    parts = {url.split("/briefs/", 1)[1] for url in fetched if "/search/" in url}
    terms = {part for part in parts if part.startswith("search/terms/")}
    pages = {part for part in parts if part.startswith("search/pages/")}
    assert parts == {"search/search_index.json"} | terms | pages
    # A list per character of a Chinese query (华 e58d8e, 为 e4b8ba), if any word starts so.
    assert "search/terms/e58d8e.json" in terms
    assert terms <= {"search/terms/e58d8e.json", "search/terms/e4b8ba.json"}
    assert 1 <= len(pages) <= 5, pages
    assert visit.missing == [] and visit.errors == []


def test_a_word_no_page_has_finds_nothing_and_asks_for_no_missing_file(visit: Visit) -> None:
    visit.search("qqqzzxx 龘")
    assert "No matching documents" in visit.page.locator(".md-search-result__meta").inner_text()  # type: ignore[attr-defined]
    assert visit.missing == [] and visit.errors == []


def test_either_spelling_finds_the_same_briefs(visit: Visit) -> None:
    counts = []
    for query in ("licence", "license"):
        titles = search(visit, query)
        assert titles, query
        counts.append(visit.page.locator(".md-search-result__meta").inner_text())
    # "12 matching documents": the same briefs, however they are spelled in each.
    assert counts[0] == counts[1], counts


def test_search_result_titles_carry_no_zero_width_spaces(visit: Visit) -> None:
    titles = search(visit, "英伟达")
    assert len(titles) >= 2
    assert not [title for title in titles if "\u200b" in title]


def test_search_results_show_no_footnote_arrows(visit: Visit) -> None:
    # Pages with footnotes end their last section with the sources' list.
    results = visit.search("H200")
    texts = results.all_inner_texts()
    assert len(texts) >= 3
    assert not [text for text in texts if "↩" in text]


def test_hovering_a_cross_link_shows_a_preview(visit: Visit) -> None:
    page = visit.open("chips/h200/")
    page.locator("article a[href$='companies/nvidia/']").first.hover()
    preview = page.locator(".md-tooltip2--active", has_text="Key facts")
    preview.wait_for(timeout=10_000)
    assert "Nvidia" in preview.inner_text()


def test_hovering_a_citation_shows_its_source(visit: Visit) -> None:
    page = visit.open("chips/h200/")
    reference = page.locator("a.footnote-ref").first
    target = reference.get_attribute("href").split("#")[1]
    source_title = page.locator(f"[id='{target}'] a").first.inner_text()
    reference.hover()
    tooltip = page.locator(".md-tooltip2--active", has_text=source_title)
    tooltip.wait_for(timeout=10_000)


def test_the_timeline_is_newest_first(visit: Visit) -> None:
    page = visit.open("timeline/")
    dates = [
        re.match(r"\d{4}-\d{2}-\d{2}", text).group(0)
        for text in page.locator("article li > a:first-child[href*='#'] > strong").all_inner_texts()
    ]
    assert len(dates) >= 25 and dates == sorted(dates, reverse=True)


def test_a_timeline_date_leads_to_the_entry_on_its_month_page(visit: Visit) -> None:
    page = visit.open("timeline/")
    link = page.locator("article li > a:first-child[href*='#']").first
    date = link.inner_text()
    link.click()
    page.wait_for_load_state()
    anchor = page.url.split("#")[1]
    assert re.search(rf"/timeline/{date[:4]}/{date[5:7]}/#", page.url), page.url
    target = page.locator(f"[id='{anchor}']")
    assert target.inner_text() == date and target.is_visible()


PAGES = [
    "",
    "companies/",
    "chips/",
    "policies/",
    "jurisdictions/",
    "jurisdictions/cn/",
    "timeline/",
    "sources/",
    "chips/h200/",
    "companies/huawei/",
    "policies/cn-h200-in-principle-approval/",
    "sources/aa-2026-01-h200-purchase-prep/",
    "maintenance/",
    "contribute/",
    "contribute/editorial/",
    "contribute/brief-format/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_outside_requests_and_no_console_errors(visit: Visit, path: str) -> None:
    page = visit.open(path)
    # Requests made after load (search index, previews, fonts) count too.
    page.wait_for_load_state("networkidle")
    assert visit.outside == []
    assert visit.missing == []
    assert visit.errors == []


@pytest.mark.parametrize("path", ["", "chips/", "chips/h200/", "timeline/"])
def test_no_serious_accessibility_violations(visit: Visit, path: str) -> None:
    page = visit.open(path)
    violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {node['html'][:120]} {node.get('failureSummary', '')}"
        for v in violations
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]
    assert serious == []


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    ("path", "name"), [("", "home"), ("chips/h200/", "h200"), ("timeline/", "timeline")]
)
def test_pages_fit_the_screen(visit: Visit, path: str, name: str, width: int, height: int) -> None:
    """Nothing makes the page scroll sideways (wide tables scroll inside themselves);
    a screenshot of each is kept in test-artifacts/ for a person to look at."""
    visit.page.set_viewport_size({"width": width, "height": height})
    page = visit.open(path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    assert overflow <= 0, f"{path} is {overflow} px wider than a {width} px screen"


def test_a_reader_finds_a_chip_its_rules_the_data_and_the_feed(visit: Visit) -> None:
    """The issue's reader, offline: search in Chinese, open the company, go to the H200
    through the Chips tab and index, read its TPP and verdicts, download the chips CSV and
    find the feed from the page itself."""
    search(visit, "华为")
    page = visit.page
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url(re.compile(r".*/companies/huawei/(\?h=.*)?$"))  # ?h= highlights
    page.locator(".md-tabs__link", has_text="Chips").click()
    expect_heading(page, "**/chips/", "Chips")
    page.locator("article.md-content__inner table a", has_text="H200").first.click()
    page.wait_for_url("**/chips/h200/")
    # Instant navigation changes the address before it swaps the content in.
    page.locator("article.md-content__inner", has_text="TPP: 15,832").wait_for()
    verdicts = page.locator("article.md-content__inner a[href*='#threshold-']")
    assert verdicts.count() == 3
    verdicts.first.click()
    page.wait_for_url("**/policies/us-bis-2023-advanced-computing-update/#threshold-3a090-a-1")

    page = visit.open("")
    with page.expect_download() as download_info:
        page.locator("article.md-content__inner a", has_text="chips as CSV").click()
    rows = list(
        csv.DictReader(io.StringIO(Path(download_info.value.path()).read_text("utf-8-sig")))
    )
    assert "h200" in {row["id"] for row in rows}

    feed_href = page.locator("link[rel=alternate][type='application/atom+xml']").get_attribute(
        "href"
    )
    feed_text = page.evaluate("href => fetch(href).then(r => r.ok ? r.text() : '')", feed_href)
    feed = feedparser.parse(feed_text)
    assert not feed.bozo and len(feed.entries) >= 25
    assert visit.outside == [] and visit.missing == [] and visit.errors == []
