"""What a new reader sees first, in headless Chromium at desktop and phone widths: the home
page's lede and status, the H200 topic page, a brief's summary with its key facts beside it
(below it on a phone), and glossary definitions on hover, focus and Escape. Screenshots of
the home, topic, H200 and timeline pages at both widths go to test-artifacts/ (the first
screen of each, and the whole of the home and topic pages)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS, Visit

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TOPIC = "topics/china-h200-approval/"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_the_home_page_leads_with_the_story_and_where_it_stands(visit: Visit) -> None:
    page = visit.open("")
    article = page.locator("article")
    headings = article.locator("h2").all_inner_texts()
    assert headings[0].startswith("China's H200 approval"), headings
    first_paragraph = article.locator("h2 + p").first.inner_text()
    assert "reportedly" in first_paragraph and "H200" in first_paragraph
    status = article.locator(".admonition.info").first
    assert re.fullmatch(
        r"Where things stand on \d{4}-\d{2}-\d{2}",
        status.locator(".admonition-title").inner_text().strip(),
    )
    assert status.locator("a.footnote-ref").count() >= 1  # the status is sourced
    numbers = article.locator("table").first
    assert numbers.locator("th").first.inner_text() == "Key number"
    assert numbers.locator("tbody tr").count() >= 3
    picture = article.locator("img.topic-chart").first
    picture.scroll_into_view_if_needed()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    # The latest developments: newest first, and no development twice.
    latest = article.locator("h2:has-text('latest developments') + p + ul > li").all_inner_texts()
    assert len(latest) >= 5
    dates = [DATE.match(item).group(0) for item in latest]  # type: ignore[union-attr]
    assert dates == sorted(dates, reverse=True)
    texts = [item.split(":", 1)[1].strip() for item in latest]
    assert len(set(texts)) == len(texts), texts
    assert visit.outside == [] and visit.errors == [] and visit.missing == []


def test_the_topic_page_tells_one_story_in_date_order(visit: Visit) -> None:
    page = visit.open(TOPIC)
    article = page.locator("article")
    assert article.locator("h1").inner_text().startswith("China's H200 approval")
    headings = article.locator("h2").all_inner_texts()
    for expected in ("Key numbers", "Why it matters", "The story so far", "Open questions"):
        assert any(h.startswith(expected) for h in headings), (expected, headings)
    story = article.locator("h2#story ~ ul").first.locator("> li").all_inner_texts()
    dates = [DATE.match(item).group(0) for item in story]  # type: ignore[union-attr]
    assert len(dates) >= 15 and dates == sorted(dates)
    texts = [item.split(":", 1)[1].strip() for item in story]
    assert len(set(texts)) == len(texts)
    # Every paragraph of the lede and of "why it matters" cites a source (the paragraphs
    # after the story's heading are the site's own words about the list).
    for paragraph in article.locator("h1 ~ p:not(:has(em:only-child)):not(h2#story ~ p)").all():
        text = paragraph.inner_text()
        if len(text) > 120:
            assert paragraph.locator("a.footnote-ref").count() >= 1, text
    assert visit.outside == [] and visit.errors == [] and visit.missing == []


@pytest.mark.parametrize(("viewport", "beside"), [(DESKTOP, True), (PHONE, False)])
def test_key_facts_stand_beside_the_summary_on_wide_screens_and_below_on_phones(
    visit: Visit, viewport: dict[str, int], beside: bool
) -> None:
    page = visit.page
    page.set_viewport_size(viewport)  # type: ignore[attr-defined]
    visit.open("chips/h200/")
    summary = page.locator(".brief-summary").first.bounding_box()  # type: ignore[attr-defined]
    facts = page.locator(".infobox table").first.bounding_box()  # type: ignore[attr-defined]
    assert summary and facts
    if beside:
        assert facts["x"] >= summary["x"] + summary["width"] - 1  # to its right
        assert abs(facts["y"] - summary["y"]) < 40  # and level with it
    else:
        assert facts["y"] >= summary["y"] + summary["height"] - 1  # below it
        assert facts["x"] + facts["width"] <= viewport["width"]  # within the screen
    scroll = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert scroll <= viewport["width"]


def test_the_story_so_far_is_in_date_order_and_mentions_show_their_sentence(
    visit: Visit,
) -> None:
    page = visit.open("companies/nvidia/")
    story = page.locator("h2#timeline + p + ul > li, h2#timeline + ul > li").all_inner_texts()
    dates = [DATE.match(item).group(0) for item in story]  # type: ignore[union-attr]
    assert len(dates) >= 5 and dates == sorted(dates)
    mentions = page.locator("h2#mentioned-in + ul > li").all_inner_texts()
    assert mentions and all("“" in item and "”" in item for item in mentions)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_glossary_term_shows_its_definition_on_hover_and_escape_hides_it(
    visit: Visit, viewport: dict[str, int]
) -> None:
    page = visit.page
    page.set_viewport_size(viewport)  # type: ignore[attr-defined]
    visit.open(TOPIC)
    term = page.locator("article abbr.glossary", has_text="TPP").first
    tip = term.locator(".glossary-tip")
    assert not tip.is_visible()
    term.scroll_into_view_if_needed()
    term.hover()
    tip.wait_for(state="visible")
    assert tip.inner_text().startswith("TPP (total processing performance):")
    box = tip.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    tip.wait_for(state="hidden")
    # A keyboard user reaches it too: focus shows the definition.
    page.mouse.move(0, 0)  # type: ignore[attr-defined]
    term.focus()
    tip.wait_for(state="visible")
    glossary = visit.open("glossary/")
    assert glossary.locator("article h2", has_text="TPP").count() == 1


SCREENSHOTS = [
    ("home", ""),
    ("topic", TOPIC),
    ("h200", "chips/h200/"),
    ("timeline", "timeline/"),
]


@pytest.mark.parametrize(("name", "path"), SCREENSHOTS, ids=[n for n, _ in SCREENSHOTS])
@pytest.mark.parametrize(
    ("width_name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)], ids=["desktop", "phone"]
)
def test_screenshots_at_both_widths(
    visit: Visit, name: str, path: str, width_name: str, viewport: dict[str, int]
) -> None:
    page = visit.page
    page.set_viewport_size(viewport)  # type: ignore[attr-defined]
    visit.open(path)
    page.evaluate("document.fonts.ready")  # type: ignore[attr-defined]
    target = ARTIFACTS / f"story-{name}-{width_name}.png"
    page.screenshot(path=str(target), full_page=False)  # type: ignore[attr-defined]
    assert target.stat().st_size > 10_000
    if name in {"home", "topic"}:  # the whole story, top to bottom, for a reviewer
        whole = ARTIFACTS / f"story-{name}-{width_name}-full.png"
        page.screenshot(path=str(whole), full_page=True)  # type: ignore[attr-defined]
    scroll = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert scroll <= viewport["width"], f"{path} scrolls sideways at {viewport['width']} px"
    assert visit.outside == [] and visit.errors == []
