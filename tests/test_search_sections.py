"""The quicker search parser (speed/search_sections.py) gives Material's own sections, or
leaves the page to Material."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings
from material.plugins.search import plugin as material_search
from mkdocs.config import load_config

from build_hooks.mkdocs_pages import PageConverter
from build_hooks.site.finish import finish_page
from build_hooks.speed.search_sections import VOID, search_sections
from tests.helpers import render_like_the_site, site_markdown_pages

Outcome = list[tuple[Any, ...]] | type[Exception] | None


def materials(content: str) -> Outcome:
    parser = material_search.Parser()
    try:
        parser.feed(content)
        parser.close()
    except Exception as error:  # Material's own failure, compared below
        return type(error)
    return [
        (s.el.tag, s.el.attrs, s.depth, s.title, s.text, s.id, s.is_excluded()) for s in parser.data
    ]


def quick(content: str) -> Outcome:
    try:
        found = search_sections(content)
    except Exception as error:
        return type(error)
    if found is None:
        return None
    return [(s.tag, s.attrs, s.depth, s.title, s.text, s.id, s.is_excluded()) for s in found]


def test_void_tags_are_materials() -> None:
    assert material_search.void == VOID


def test_the_sites_pages_give_materials_sections() -> None:
    pages = site_markdown_pages()
    assert len(pages) > 20
    for page in pages:
        html = render_like_the_site(page.read_text("utf-8"))
        # As the helpers index them: sanitised, and an index page's tables excluded.
        for variant in (html, html.replace("<table>", "<table data-search-exclude>")):
            content, _ = finish_page(variant)
            found = quick(content)
            assert found is not None, f"{page}: left to Material"
            assert found == materials(content), page


# Each of Material's ways, and its quirks, in HTML of the form the quick parser reads.
CASES = [
    "",
    "just text &lt;b&gt; &amp; 华为 &nbsp; 英伟达",
    '<p>before</p><h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>a &amp; b</p>',
    '<h2 id="a">Second level first</h2><p>x</p><h1 id="b">Then the first</h1><p>y</p>',
    "<h2>A heading without an id</h2><p>x</p>",
    '<div><h2 id="n">Nested</h2><p>inside</p></div><p>after the div</p>',
    '<div><div><h3 id="deep">Deep</h3><p>in</p></div><p>mid</p></div><p>out</p>',
    '<table data-search-exclude=""><tr><td><table><tr><td>inner</td></tr></table>'
    "after the inner table</td></tr></table><p>out</p>",
    '<p data-search-exclude="">Home</p><h1 id="t">T</h1><p>kept</p>',
    '<h2 id="x" data-search-exclude="">Hidden section</h2><p>its text</p>',
    "<pre><code>a\n\n  b</code></pre><p>  </p><ul><li> </li><li>x</li></ul>",
    "<p>\n</p><p>a\nb</p>\n\n<p>c</p>\n",
    '<h1 id="t">A <code>c</code> <sup>1</sup> <em>e</em></h1><p>x</p>',
    '<div class="linenodiv"><pre>1\n2</pre></div><p>x</p>',
    '<P CLASS="x">Up</P><H2 ID="u">Upper</H2><Li>item</Li>',
    '<p>a<br>b<br/>c<img src="x"/>d<span/>e<hr>f</p>',
    '<h2 id="a&amp;b">Amp &amp; id</h2><p title="&quot;q&quot;">x</p>',
    "</p><p>x</div></p></li>",
    "<object>hidden</object><p>shown</p>",
    "<hx>a custom tag named like Material's preface</hx><p>x</p>",
    "<ol><li><p>one</p></li><li><p> </p></li></ol><sub>2</sub><sup> </sup>",
    '<a href="#x"><h2 id="in-link">In a link</h2></a><p>after</p>',
    '<p>text</p>\t\n<h3 id="h3">Third</h3>\n<pre>  keep\n\n spaces </pre>   ',
]


@pytest.mark.parametrize("content", CASES)
def test_materials_ways_and_quirks(content: str) -> None:
    found = quick(content)
    assert found is not None
    assert found == materials(content)


# HTML the quick parser leaves to Material: a `<` that opens no tag it reads whole, or an
# element whose text html.parser reads raw.
LEFT_TO_MATERIAL = [
    "<!-- a comment --><p>x</p>",
    "<!DOCTYPE html><p>x</p>",
    "<script>var a = '<p>';</script><p>x</p>",
    "<style>p{}</style><p>x</p>",
    "<textarea><p>x</p></textarea>",
    "<p>a < b</p>",
    "<p>a <3 b</p>",
    "<p class=x>unquoted</p>",
    "<p class='single'>quotes</p>",
    "<input disabled><p>x</p>",
    '<p title="a>b">x</p>',
    '<p a="1"b="2">x</p>',
    "<p>unclosed <b",
    "<![CDATA[x]]><p>y</p>",
    "<?php x ?><p>y</p>",
    "</ p><p>x</p>",
]


@pytest.mark.parametrize("content", LEFT_TO_MATERIAL)
def test_other_html_is_left_to_material(content: str) -> None:
    assert search_sections(content) is None


_NAMES = ["p", "h1", "h2", "h3", "div", "a", "table", "td", "pre", "code", "li", "ul", "br",
          "img", "span", "object", "hx", "sup", "P", "H2"]  # fmt: skip
_ATTRIBUTES = ['id="a"', 'id="b&amp;c"', 'class="headerlink"', 'data-search-exclude=""',
               'class="linenodiv"', 'title="&quot;t&quot;"', 'ID="Up"']  # fmt: skip
_TEXT = st.text(alphabet=" \n\tab>;&#x华", max_size=6) | st.sampled_from(
    ["&amp;", "&lt;", "&nbsp;", "&#169;", "&#x4e2d;", "&bogus;", "&amp", " ", "\n"]
)
_START = st.builds(
    lambda name, attributes, slash: f"<{name}{''.join(' ' + a for a in attributes)}{slash}>",
    st.sampled_from(_NAMES),
    st.lists(st.sampled_from(_ATTRIBUTES), max_size=2),
    st.sampled_from(["", "", "/"]),
)
_END = st.sampled_from(_NAMES).map(lambda name: f"</{name}>")
_JUNK = st.sampled_from(["<", "<!-- c -->", "<p class=x>", "<script>", "</ p>", "<br/ >"])


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(_START, _END, _TEXT, _START, _END), max_size=40))
def test_random_html_gives_materials_sections(pieces: list[str]) -> None:
    content = "".join(pieces)
    found = quick(content)
    assert found is not None, content
    assert found == materials(content), content


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(_START, _END, _TEXT, _JUNK), max_size=30))
def test_random_html_with_other_markup_is_the_same_or_left_to_material(
    pieces: list[str],
) -> None:
    content = "".join(pieces)
    found = quick(content)
    assert found is None or found == materials(content), content


@pytest.mark.parametrize(("theme", "quick_parser"), [("material", True), ("mkdocs", False)])
def test_the_converter_uses_it_only_with_materials_search(
    tmp_path: Path, theme: str, quick_parser: bool
) -> None:
    # With MkDocs's own theme, `search` is MkDocs's index, whose parser is not Material's.
    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: S\ntheme: {{name: {theme}}}\nplugins: [search]\n")
    config = load_config(str(config_file))
    for plugin in config.plugins.values():
        plugin.on_config(config)  # as in a build: the search plugin makes its index here
    converter = PageConverter(config, plan=None, sections=search_sections)  # type: ignore[arg-type]
    assert (converter._sections is search_sections) is quick_parser
