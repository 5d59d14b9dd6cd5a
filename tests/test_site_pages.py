"""The real site, built once, read page by page as a reader's browser and a link preview
would: commas only between footnote markers that touch, Chinese text marked as Chinese,
a description and link-card tags of each page's own, valid JSON-LD, a helpful 404 page."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_hooks.site.languages import mark_languages
from build_hooks.speed.language_marks import mark_languages as quick_marks
from tests.conftest import REPO
from tests.helpers import ParsedPage, run_build, search_documents
from tests.test_structured_data import misplaced

pytestmark = pytest.mark.slow

SITE_URL = "https://ai-chip-policy-briefs.github.io/briefs/"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("real") / "site"
    result = run_build(REPO, "--site-dir", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def pages(site: Path) -> list[Path]:
    """Every page a reader can reach (the 404 page is served for missing addresses)."""
    return [page for page in sorted(site.rglob("*.html")) if page.name != "404.html"]


# Footnote markers ---------------------------------------------------------------------


class Markers(HTMLParser):
    """The article's text as a sequence: 'MARK' for a footnote marker, 'SEP' for the
    separator between two, and text (the text inside markers left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self._inside = 0  # depth inside a marker or separator

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._inside:
            self._inside += 1
        elif tag == "sup" and (found.get("id") or "").startswith("fnref"):
            self.items.append("MARK")
            self._inside = 1
        elif tag == "sup" and "footnote-separator" in (found.get("class") or ""):
            self.items.append("SEP")
            self._inside = 1

    def handle_endtag(self, tag: str) -> None:
        if self._inside:
            self._inside -= 1

    def handle_data(self, data: str) -> None:
        if not self._inside and data.strip():
            self.items.append(data)


def marker_sequences(page: Path) -> list[str]:
    parser = Markers()
    parser.feed(page.read_text("utf-8"))
    return parser.items


def test_a_comma_stands_between_touching_footnote_markers_and_nowhere_else(site: Path) -> None:
    separators = 0
    for page in pages(site):
        items = marker_sequences(page)
        where = page.relative_to(site).as_posix()
        for before, item, after in zip(["", *items], items, [*items[1:], ""], strict=False):
            if item == "MARK":
                assert after != "MARK", f"{where}: two footnote markers with nothing between"
            if item == "SEP":
                separators += 1
                assert before == "MARK" and after == "MARK", f"{where}: a stray separator"
    assert separators > 10  # the site has many "[^a][^b]" citations
    # The case readers saw: text, then a marker after an earlier one ("Beijing.,3").
    h200 = marker_sequences(site / "chips/h200/index.html")
    beijing = next(i for i, item in enumerate(h200) if item.rstrip().endswith("Beijing."))
    assert h200[beijing + 1] == "MARK"
    # And no stylesheet adds separators of its own (selectors cannot see the text).
    for selector, body in re.findall(r"([^{}]*)\{([^}]*)\}", _stylesheets()):
        assert not ("sup" in selector and "+" in selector and "content" in body), selector


def _stylesheets() -> str:
    text = "".join(path.read_text("utf-8") for path in (REPO / "docs").rglob("*.css"))
    return re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)


# Chinese text -------------------------------------------------------------------------


class Languages(HTMLParser):
    """Text in the page body with the language it is marked as (the nearest lang)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[tuple[str, str]] = []
        self._stack: list[tuple[str, str]] = []
        self._raw = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            return
        lang = dict(attrs).get("lang") or (self._stack[-1][1] if self._stack else "")
        self._stack.append((tag, lang))
        self._raw += tag in ("script", "style", "title")

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, _ = self._stack.pop()
            self._raw -= open_tag in ("script", "style", "title")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._raw and self._stack:
            self.texts.append((data, self._stack[-1][1]))


def test_chinese_text_is_marked_as_chinese_on_every_page(site: Path) -> None:
    marked: dict[str, int] = {}
    for page in pages(site):
        parser = Languages()
        parser.feed(page.read_text("utf-8"))
        for text, lang in parser.texts:
            if HAN.search(text):
                where = page.relative_to(site).as_posix()
                assert lang.startswith(("zh", "ja")), f"{where}: {text!r} is marked {lang!r}"
                marked[lang] = marked.get(lang, 0) + 1
    assert set(marked) >= {"zh-Hans", "zh-Hant", "zh"}
    nvidia = (site / "companies/nvidia/index.html").read_text("utf-8")
    assert '<span lang="zh-Hans">英伟达</span>' in nvidia
    assert '<span lang="zh-Hant">輝達</span>' in nvidia


def test_the_quick_language_marks_agree_on_every_whole_page(site: Path) -> None:
    # Whole pages as the theme writes them (head, scripts, nav), marked once already:
    # marking them again, the quick function (speed/language_marks.py) and the plain one
    # must still give the same page.
    for page in pages(site):
        html = page.read_text("utf-8")
        assert quick_marks(html) == mark_languages(html), page.relative_to(site)


def test_search_still_indexes_chinese_names_as_words(site: Path) -> None:
    nvidia = " ".join(
        str(doc["text"])
        for doc in search_documents(site)
        if str(doc["location"]).startswith("companies/nvidia/")
    ).replace("\u200b", "")  # where jieba's segmentation split the words
    # The marks never reach the index; the words do.
    assert "lang=" not in nvidia
    assert "英伟达" in nvidia and "輝達" in nvidia


# Descriptions and link cards ----------------------------------------------------------


def meta_tags(page: Path) -> dict[str, str]:
    tags = {}
    for tag, attributes in ParsedPage(page.read_text("utf-8")).elements:
        if tag == "meta" and ("property" in attributes or "name" in attributes):
            key = attributes.get("property") or attributes["name"]
            tags[key] = attributes.get("content", "")
        if tag == "link" and attributes.get("rel") == "canonical":
            tags["canonical"] = attributes["href"]
    return tags


def test_every_page_has_its_own_description_and_link_card(site: Path) -> None:
    seen: dict[str, str] = {}
    for page in pages(site):
        where = page.relative_to(site).as_posix()
        if where.startswith("search/"):
            continue
        tags = meta_tags(page)
        description = tags["description"]
        assert 40 <= len(description) <= 160, (where, description)
        assert "<" not in description and "[^" not in description and "**" not in description
        assert description not in seen, f"{where} has the description of {seen[description]}"
        seen[description] = where
        assert tags["og:description"] == tags["twitter:description"] == description
        assert tags["og:url"] == tags["canonical"] and tags["og:url"].startswith(SITE_URL)
        assert tags["og:site_name"] == "AI Chip Policy Briefs"
        assert tags["og:type"] == ("website" if where == "index.html" else "article")
        assert tags["og:title"] and tags["twitter:title"] == tags["og:title"]
        assert tags["twitter:card"] == "summary"
    h200 = meta_tags(site / "chips/h200/index.html")
    assert h200["og:title"] == "H200"
    assert h200["description"].startswith("A data-centre accelerator from Nvidia, announced")


def test_link_card_text_is_escaped_once(site: Path) -> None:
    # A headline with quotes and an apostrophe reads back exactly from the attribute.
    source = REPO / "briefs/sources/aa-2026-01-h200-purchase-prep.yaml"
    title = re.search(r"^title: (.*)$", source.read_text("utf-8"), re.MULTILINE).group(1)
    tags = meta_tags(site / "sources/aa-2026-01-h200-purchase-prep/index.html")
    assert tags["og:title"] == title
    assert f"“{title}”" in tags["description"] and "&" not in tags["description"]


def test_json_ld_in_pages_is_valid_and_uses_each_type_s_properties(site: Path) -> None:
    found = 0
    for page in pages(site):
        for attributes, body in ParsedPage(page.read_text("utf-8")).scripts:
            if attributes.get("type") == "application/ld+json":
                found += 1
                data = json.loads(html.unescape(body) if "&quot;" in body else body)
                assert misplaced(data) == [], page
    assert found >= 200
