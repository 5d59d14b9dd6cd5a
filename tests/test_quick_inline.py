"""The quicker inline pass (speed/inline_patterns.py) gives Python-Markdown's own HTML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from markdown import inlinepatterns
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import InlineProcessor

from build_hooks.speed.inline_patterns import (
    KNOWN_PATTERNS,
    QuickInlinePatterns,
    QuickInlineProcessor,
    bracketed_text,
    needed_characters,
    with_quick_inline,
)
from tests.helpers import (
    _SITE_CONFIG,
    add_hook,
    build_env,
    make_project,
    run_build,
    site_markdown_pages,
)

EXTENSIONS: list[Any] = []
CONFIGS: dict[str, Any] = {}
for _entry in _SITE_CONFIG["markdown_extensions"]:
    _name = next(iter(_entry)) if isinstance(_entry, dict) else _entry
    EXTENSIONS.append(_name)
    if isinstance(_entry, dict):
        CONFIGS[_name] = _entry[_name]

# Every inline construct, and near misses of each, beside plain text.
CONSTRUCTS = """\
# Title with `code` and *em*

Plain words, 华为技术有限公司, dates 2026-01-24, numbers 1,000.

`code` ``double ` tick`` \\`escaped\\` \\\\`after two backslashes`
\\*not em\\* \\_not em\\_ \\[not a link\\] a\\\\b
[a link](chips/h200.md) [ref][r] [r] ![img](x.png) ![ref img][r] [^1] [^missing]
<https://example.com/a?b=c> <me@example.com> <not a tag> a < b > c
line with two spaces@@
next line; <span class="x">html</span> <!-- comment --> <br/>
&amp; &#169; &#xA9; &notanentity & alone; AT&T
*em* _em_ **strong** __strong__ ***both*** * lonely * _ lonely _ snake_case_word
2*3*4 a**b**c [*em in link*](x.md) *[link in em](y.md)*

| name | value |
|---|---|
| plain | 2026 |
| [link](z.md) | `code` |

[r]: https://example.com/ref
[^1]: A footnote with *em*.
""".replace("@@\n", "  \n")  # a line break: two spaces at the end of a line


def _convert(text: str, quick: bool, extensions: list[Any] | None = None) -> tuple[str, Any]:
    extensions = [*(EXTENSIONS if extensions is None else extensions)]
    if quick:
        extensions = with_quick_inline(extensions)
    md = markdown.Markdown(extensions=extensions, extension_configs=CONFIGS)
    return md.convert(text), getattr(md, "toc_tokens", None)


def test_the_sites_pages_convert_to_the_same_html() -> None:
    pages = site_markdown_pages()
    assert len(pages) > 20
    for page in pages:
        text = page.read_text("utf-8")
        assert _convert(text, quick=True) == _convert(text, quick=False), page


def test_every_inline_construct_converts_to_the_same_html() -> None:
    html, _ = _convert(CONSTRUCTS, quick=True)
    assert html == _convert(CONSTRUCTS, quick=False)[0]
    # The text exercised what it should: each kind of pattern matched somewhere.
    for made in ("<code>", "<em>", "<strong>", '<a href="chips/h200.md">', "<img", "<br />"):
        assert made in html
    assert "AT&amp;T" in html and "&#169;" in html
    assert 'href="&#109;&#97;&#105;&#108;&#116;&#111;' in html  # mailto:, as entities


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet="ab *_[]()!<>&;#\\`\n^:/@.x1|-", max_size=80))
def test_any_text_converts_to_the_same_html(text: str) -> None:
    assert _convert(text, quick=True) == _convert(text, quick=False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab *_[]()!<>&;#\\`\n^:/@.x1 -", max_size=40))
def test_a_known_pattern_matches_only_text_with_its_character(text: str) -> None:
    for expression, character in KNOWN_PATTERNS.items():
        if re.search(expression, text, re.DOTALL | re.UNICODE):
            assert character in text, (expression, text)


def test_the_sites_patterns_are_all_known() -> None:
    # Were one unknown, the inline pass would try it everywhere: slower, not wrong.
    md = markdown.Markdown(extensions=with_quick_inline(EXTENSIONS), extension_configs=CONFIGS)
    assert isinstance(md.treeprocessors["inline"], QuickInlineProcessor)
    unknown = [pattern for pattern in md.inlinePatterns if needed_characters(pattern) is None]
    assert unknown == []


_LINK = inlinepatterns.LinkInlineProcessor(inlinepatterns.LINK_RE, markdown.Markdown())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab[]]()\\ ", max_size=30), st.integers(min_value=0, max_value=31))
def test_a_links_text_is_found_as_python_markdown_finds_it(data: str, index: int) -> None:
    index = min(index, len(data))
    expected = inlinepatterns.LinkInlineProcessor.getText(_LINK, data, index)
    assert bracketed_text(_LINK, data, index) == expected


class _OwnLinkText(inlinepatterns.LinkInlineProcessor):
    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802
        return "own", index, False


def test_links_and_images_read_their_text_quickly_unless_theirs_is_their_own() -> None:
    md = markdown.Markdown(extensions=with_quick_inline(EXTENSIONS), extension_configs=CONFIGS)
    own = _OwnLinkText(inlinepatterns.LINK_RE, md)
    md.inlinePatterns.register(own, "own-link", 1)
    md.convert("[a [nested] link](x.md) ![an image](y.png) [ref][r]\n\n[r]: z.md")
    links = [p for p in md.inlinePatterns if isinstance(p, inlinepatterns.LinkInlineProcessor)]
    assert len(links) == 7  # link, image, four reference kinds, and the one above
    for pattern in links:
        quick = getattr(pattern.getText, "__func__", None) is bracketed_text
        assert quick is (pattern is not own), pattern


class _Strike(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "del", 65)


def test_another_extensions_pattern_is_tried_everywhere() -> None:
    text = "a ~~struck~~ word, *em* and ~~more [link](x.md)~~"
    quick = _convert(text, quick=True, extensions=[*EXTENSIONS, _Strike()])
    assert quick == _convert(text, quick=False, extensions=[*EXTENSIONS, _Strike()])
    assert quick[0].count("<del>") == 2
    assert needed_characters(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del")) is None


class _OwnInline(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.treeprocessors.register(_Own(md), "inline", 20)


class _Own(InlineProcessor):
    pass


def test_an_extensions_own_inline_processor_is_kept() -> None:
    md = markdown.Markdown(extensions=with_quick_inline([_OwnInline()]))
    assert type(md.treeprocessors["inline"]) is _Own


@pytest.mark.parametrize("before", [["toc"], ["toc", QuickInlinePatterns()]])
def test_the_extension_is_added_once_and_last(before: list[Any]) -> None:
    after = with_quick_inline(before)
    assert after[0] == "toc" and isinstance(after[-1], QuickInlinePatterns)
    assert sum(isinstance(item, QuickInlinePatterns) for item in after) == 1
    md = markdown.Markdown(extensions=after)
    # At Python-Markdown's own place in the order: after the block parser's work and
    # before the processors that read inline results (toc's, the prettifier).
    order = list(md.treeprocessors)
    assert order.index(md.treeprocessors["inline"]) < order.index(md.treeprocessors["toc"])
    plain = markdown.Markdown(extensions=before[:1])
    assert [
        "QuickInlineProcessor" if type(item) is InlineProcessor else type(item).__name__
        for item in plain.treeprocessors
    ] == [type(item).__name__ for item in order]


def test_the_build_converts_with_the_quick_inline_pass(tmp_path: Path) -> None:
    # The site's hook adds the extension in `on_config`, before the helpers that convert
    # generated pages are forked, so they and MkDocs both convert with it.
    project = make_project(tmp_path / "project")
    add_hook(
        project,
        "seen.py",
        "from pathlib import Path\n"
        "def on_env(env, config, files):\n"
        "    kinds = [type(item).__name__ for item in config.markdown_extensions]\n"
        "    Path('extensions.txt').write_text(' '.join(kinds))\n",
    )
    result = run_build(project, env=build_env(BRIEFS_WORKERS="2"))
    assert result.returncode == 0, result.stderr
    kinds = (project / "extensions.txt").read_text().split()
    assert kinds[-1] == "QuickInlinePatterns" and kinds.count("QuickInlinePatterns") == 1
