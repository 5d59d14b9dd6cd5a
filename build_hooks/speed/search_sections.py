"""Material's search parser, quicker, for the HTML our sanitiser writes.

Material indexes a page by parsing its HTML with the standard library's `html.parser` (pure
Python) into sections, one per heading: about a quarter of a helper's work on a generated
page. The HTML it parses here is the sanitiser's output (site/sanitise.py): every tag
whole, every attribute `name="value"`, no comments, no raw text. For such HTML one regular
expression finds the tags, and `search_sections` does what Material's `Parser` does with
them, step for step, in about a third of the time.

Anything else (a `<` that does not open such a tag, an element whose text `html.parser`
reads raw) gets None, and the caller lets Material parse that page. Material's `Parser`
compares its elements by tag name alone, in `in`, `==` and its skip set, so the open
elements here are tag names and its quirks stay (closing any `table` ends the skip that an
excluded `table` began). tests/test_search_sections.py parses the site's pages and random
HTML both ways and compares every section.
"""

from __future__ import annotations

import dataclasses
import html
import re
from typing import Any

# Material's `void` (tests check it is the same): start tags it ignores.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_ALWAYS_SKIPPED = frozenset({"object", "script", "style"})
# Elements whose text html.parser reads raw, in some Python version or other.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "plaintext", "xmp", "iframe",
                       "noembed", "noframes", "noscript"})  # fmt: skip

_SPACE = "[ \t\n\r\f]"
_NAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_TAG = re.compile(
    rf'<(?:([a-zA-Z][a-zA-Z0-9-]*)((?:{_SPACE}+{_NAME}="[^"<>]*")*){_SPACE}*(/?)'
    r"|/([a-zA-Z][a-zA-Z0-9-]*))>"
)
# Only after a space, as in `_TAG`: a name tried at every letter would scan on to the end
# of a long word each time (quadratic).
_ATTRIBUTE = re.compile(rf'(?<={_SPACE})({_NAME})="([^"<>]*)"')


@dataclasses.dataclass
class SearchSection:
    """One of Material's sections: a heading (or the page's start, `hx`) and the text
    after it, as lists of HTML pieces."""

    tag: str
    attrs: dict[str, str]
    depth: float = 0
    title: list[str] = dataclasses.field(default_factory=list)
    text: list[str] = dataclasses.field(default_factory=list)
    id: str | None = None

    def is_excluded(self) -> bool:
        return "data-search-exclude" in self.attrs


def search_sections(content: str) -> list[SearchSection] | None:
    """Material's `Parser().feed(content)` sections, or None where `content` is not HTML
    of the form this reads (Material's parser must read it)."""
    if content.count("<") != len(_TAG.findall(content)):
        return None
    sections = _Sections()
    position = 0
    for match in _TAG.finditer(content):
        start = match.start()
        if start > position:
            sections.text(_unescaped(content[position:start]))
        position = match.end()
        tag = match.group(1)
        if tag is None:
            sections.end(match.group(4).lower())
            continue
        tag = tag.lower()
        if tag in _RAW_TEXT:
            return None
        written = match.group(2)
        attrs = (
            {name.lower(): html.unescape(value) for name, value in _ATTRIBUTE.findall(written)}
            if written
            else {}
        )
        sections.start(tag, attrs)
        if match.group(3):  # `<x/>`: html.parser calls both
            sections.end(tag)
    if position < len(content):
        sections.text(_unescaped(content[position:]))
    return sections.found


def _unescaped(text: str) -> str:
    return html.unescape(text) if "&" in text else text


class _Sections:
    """Material's `Parser` handlers, on tag names (see the module's docstring)."""

    def __init__(self) -> None:
        self.open: list[str] = []
        self.permalinks: list[bool] = []  # per open element: a heading's permalink?
        self.skip = set(_ALWAYS_SKIPPED)
        self.found: list[SearchSection] = []
        self.section: SearchSection | None = None

    def _current(self) -> SearchSection:
        if self.section is None:  # text before any heading
            self.section = SearchSection("hx", {})
            self.found.append(self.section)
        return self.section

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag in VOID:
            return
        open_ = self.open
        open_.append(tag)
        self.permalinks.append(tag == "a" and attrs.get("class") == "headerlink")
        if tag in _HEADINGS and "id" in attrs:
            depth = len(open_)
            if tag != "h1" and not self.found:
                self.found.append(SearchSection("hx", {}, depth))
            self.section = SearchSection(tag, attrs, depth)
            if self.found:
                self.section.id = attrs["id"]
            self.found.append(self.section)
        section = self._current()
        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self.skip.add(tag)
                return
        if tag in _KEPT and self.skip.isdisjoint(open_):
            (section.title if section.tag in open_ else section.text).append(f"<{tag}>")

    def end(self, tag: str) -> None:
        open_ = self.open
        if not open_ or open_[-1] != tag:
            return
        section = self._current()
        if section.depth > len(open_):  # leaving the element a heading was nested in
            for earlier in reversed(self.found):
                if earlier.depth <= len(open_):
                    section.depth = float("inf")
                    section = self.section = earlier
                    break
        open_.pop()
        self.permalinks.pop()
        if tag in self.skip:
            if tag not in _ALWAYS_SKIPPED:
                self.skip.remove(tag)
            return
        if tag in _KEPT and self.skip.isdisjoint(open_):
            pieces = section.title if section.tag in open_ else section.text
            # Material drops an element with no text but whitespace, from its first opening.
            index = pieces.index(f"<{tag}>")
            if any(not piece.isspace() for piece in pieces[index + 1 :]):
                pieces.append(f"</{tag}>")
            else:
                del pieces[index:]

    def text(self, data: str) -> None:
        open_ = self.open
        if not self.skip.isdisjoint(open_):
            return
        if "pre" not in open_:
            data = " " if data.isspace() else data.replace("\n", " ")
        section = self._current()
        if section.tag in open_:
            if not any(self.permalinks):
                section.title.append(html.escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or "pre" in open_:
                section.text.append(data)
        else:
            section.text.append(html.escape(data, quote=False))


def entries_of(sections: list[SearchSection]) -> list[dict[str, Any]]:
    """For tests: the sections as plain data."""
    return [dataclasses.asdict(section) for section in sections]
