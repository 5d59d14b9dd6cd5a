"""The quicker language marks (speed/language_marks.py) give the plain function's page."""

from __future__ import annotations

import re

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings
from zhon.hanzi import characters

from build_hooks.site import languages
from build_hooks.speed.language_marks import mark_languages as quick_marks
from tests.helpers import render_like_the_site, site_markdown_pages


def test_the_plain_tokeniser_is_what_the_quick_one_assumes() -> None:
    # The quick pattern repeats the plain tokeniser's alternatives in its order and
    # stops at the tags `_RAW` matches; a change to either must be made to both.
    assert languages._TOKEN.pattern == "<!--.*?-->|" + languages._TAG + "|[^<]+|<"
    assert languages._TOKEN.flags & re.DOTALL
    assert languages._RAW.pattern == r"<(script|style|textarea|title)\b"
    assert languages._RAW.flags & re.IGNORECASE


def test_every_han_character_is_in_the_range_the_quick_search_looks_for() -> None:
    han = re.compile(f"[{characters}]")  # what languages.py reads as Han
    assert [hex(code) for code in range(0x3007) if han.match(chr(code))] == []
    assert han.match("\u3007")


# Each a way a page's markup can stand around Chinese text.
CASES = [
    "",
    "plain text only",
    "英伟达",
    "〇",  # the first Han character; alone, each of these is a page's only one
    "<p>𠀀</p>",
    "豈",
    "<p>Nvidia (英伟达, 輝達) and 阿里巴巴, 半導体の</p>",
    '<p title="英伟达">attribute only</p>',
    "<a href='x' title='華為 > 华为'>华为</a>",
    '<div data-x="a>b" data-y="<英伟达>">英伟达</div>',
    "<!-- 英伟达 -->after",
    "<!-- unterminated 英伟达 <p>华为</p>",
    "<script>var a = '华为';</script>华为",
    "<SCRIPT type=x>'华为'</Script >华为",
    "<script>华为</scripts>华为</script>华为",
    "<script>华为",
    "<script>",
    "<script",
    "<script 华为",
    "<scripting>华为</scripting>",
    "<style>/* 华为 */ p { }</style><title>华为</title><textarea>华为</textarea>华为",
    "<title>华为<!-- </title> -->华为</title>华为",
    "<\u017fcript>华为</\u017fcript>华为",  # a long s, which ignoring case matches s
    "<script>华为</\u017fcript>华为</script>华为",
    "<\u212aa>华为",  # the Kelvin sign
    "<scr\u0130pt>华为</script>华为",  # a capital I with a dot, which ignoring case matches i
    "<p>华为<sCR\u0130PT x='1'>华为</scr\u0130pt>华为",
    "a < b 华为 > c",
    "<<p>>华为<",
    "</>华为</ p>华为< p>华为",
    "<p\n class='x'\n>华为\n</p\n>",
    "华为<br/>英伟达<br>〇〇",
    "〇 ‘华为’ 「英伟达」 。 ！",
    "𠀀𪛟 \U0002b740 丽",
    "ｈｕａｗｅｉ 华为。英伟达",
    "<p>a\u3000b</p>",
    '<p data-x="unterminated>华为</p>',
    "<p data-x='a\"b'>华为</p>",
]


@pytest.mark.parametrize("html", CASES)
def test_each_case_is_marked_as_the_plain_function_marks_it(html: str) -> None:
    assert quick_marks(html) == languages.mark_languages(html)


def test_the_sites_pages_are_marked_alike() -> None:
    # Every golden and docs/ page converted as the site converts it, inside a page head
    # and header like the theme's (a title, scripts, a style) with Chinese in them.
    pages = site_markdown_pages()
    assert len(pages) > 20
    for page in pages:
        body = render_like_the_site(page.read_text(encoding="utf-8"))
        html = (
            '<!doctype html><html lang="en"><head><title>华为 - Briefs</title>'
            '<style>p::before { content: "华" }</style>'
            '<script>var __md_scope = "英伟达";</script></head><body>'
            f'<header><a title="华为">华为</a></header><article>{body}</article>'
            '<script id="__config" type="application/json">{"s": "輝達"}</script>'
            "</body></html>"
        )
        assert quick_marks(html) == languages.mark_languages(html), page


# Pieces a page is made of, the awkward ones more often than a page has them.
PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<a href='x'>", "</a>", '<p title="华为>">', "<br/>", "<",
        ">", "<!--", "-->", "<script>", "</script>", "<SCRIPT>", "</Script>",
        "<style>", "</style>", "<title>", "</title>", "<textarea>", "</textarea>",
        "<\u017fcript>", "<scr\u0130pt>", '"', "'", "=", " ", "\n", "a", "Nvidia", "华为", "輝達",
        "阿里巴巴", "半導体の", "〇", "，", "。", "「", "ｈ", "\u3000", "𠀀", "/", "!",
    ]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES | st.text(max_size=3), max_size=40).map("".join))
def test_any_html_is_marked_as_the_plain_function_marks_it(html: str) -> None:
    assert quick_marks(html) == languages.mark_languages(html)
