"""Python-Markdown's inline pass without the searches that cannot match.

Python-Markdown tries every inline pattern (links, emphasis, code, entities and a dozen
more) on every piece of text, one regular-expression search each, even where the text
has none of the characters the pattern starts with; a generated page is mostly table
cells of plain names and dates, so most of those searches find nothing. Passing them over
saves about an eighth of a generated page's conversion (valgrind's instruction count, 80
pages of a 10,000-brief corpus: 11.7%).

`QuickInlinePatterns` puts in Python-Markdown's own inline processor a check first: a
pattern whose every match contains one of a few characters is passed over where the text
has none of them. That skip is exactly what the search would have found (nothing), so the
HTML is the same; tests/test_quick_inline.py converts pages both ways, and checks each pattern's
characters on random text. Only patterns known here are ever passed over: Python-Markdown's
own, by their regular expressions, and its delimiter patterns (`*`, `_`) by their tokens.
Any other extension's pattern is tried everywhere, as before; an extension that brings
its own inline processor keeps it. The text of a link or image is found by two string
searches where Python-Markdown's loop over its characters would find no nested bracket
(`bracketed_text`).
"""

from __future__ import annotations

from types import MethodType
from typing import TYPE_CHECKING, Any

from markdown import inlinepatterns, util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from markdown import Markdown

# A match of each of these regular expressions contains its character (see each one in
# markdown/inlinepatterns.py; the footnote reference is markdown/extensions/footnotes.py's).
KNOWN_PATTERNS: dict[str, str] = {
    inlinepatterns.BACKTICK_RE: "`",
    inlinepatterns.ESCAPE_RE: "\\",
    inlinepatterns.LINK_RE: "[",  # also the reference patterns'
    inlinepatterns.IMAGE_LINK_RE: "[",  # also the image reference patterns'
    inlinepatterns.AUTOLINK_RE: "<",
    inlinepatterns.AUTOMAIL_RE: "<",
    inlinepatterns.HTML_RE: "<",
    inlinepatterns.ENTITY_RE: "&",
    inlinepatterns.LINE_BREAK_RE: "\n",
    r"\[\^([^\]]*)\]": "[",
}


def needed_characters(pattern: Any) -> frozenset[str] | None:
    """Characters one of which every match of `pattern` contains, or None if that is not
    known (the pattern is then tried everywhere)."""
    if not isinstance(pattern, inlinepatterns.InlineProcessor):
        return None  # an old-style pattern: it matches in its own way
    if type(pattern).getCompiledRegExp is not inlinepatterns.Pattern.getCompiledRegExp:
        return None
    if isinstance(pattern, inlinepatterns.DelimiterProcessor):
        # Its expression is its tokens, each escaped, joined by `|`: a match is a token.
        tokens = pattern.tokens
        return frozenset(token[0] for token in tokens) if all(tokens) else None
    character = KNOWN_PATTERNS.get(getattr(pattern, "pattern", None) or "")
    return None if character is None else frozenset(character)


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's `InlineProcessor`, passing over patterns that cannot match."""

    def run(self, tree: Element, ancestors: list[str] | None = None) -> Element:
        # Read at each conversion, not when this processor is made: extensions may add
        # patterns (or delimiter tokens) after that.
        self._patterns = [(pattern, needed_characters(pattern)) for pattern in self.inlinePatterns]
        for pattern in self.inlinePatterns:
            if (
                isinstance(pattern, inlinepatterns.LinkInlineProcessor)
                and type(pattern).getText is _LINK_TEXT  # a link's or image's, as it is
            ):
                pattern.getText = MethodType(bracketed_text, pattern)  # type: ignore[method-assign]
        # Text with none of these needs no pattern at all (None: some pattern is unknown).
        known = [characters for _, characters in self._patterns if characters is not None]
        all_known = len(known) == len(self._patterns)
        self._any_needed = frozenset[str]().union(*known) if all_known else None
        return super().run(tree, ancestors)

    # The name Python-Markdown's own method has inside its class, so that its other
    # methods (which call `self.__handleInline`) reach this one.
    def _InlineProcessor__handleInline(self, data: str, pattern_index: int = 0) -> str:  # noqa: N802
        if isinstance(data, util.AtomicString):
            return data
        patterns = self._patterns
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        characters = set(data)
        if self._any_needed is not None and self._any_needed.isdisjoint(characters):
            return data
        start = 0
        while pattern_index < len(patterns):
            pattern, needed = patterns[pattern_index]
            if needed is not None and needed.isdisjoint(characters):
                # What the search would find: nothing (`__applyPattern` then gives 0).
                pattern_index += 1
                start = 0
                continue
            # A match puts a placeholder in place of text, which adds none of the patterns'
            # characters: `characters` stays a superset of those in `data`, so is safe.
            data, matched, start = apply(pattern, data, pattern_index, start)
            if not matched:
                pattern_index += 1
        return data


_LINK_TEXT = inlinepatterns.LinkInlineProcessor.getText


def bracketed_text(
    link: inlinepatterns.LinkInlineProcessor, data: str, index: int
) -> tuple[str, int, bool]:
    """`LinkInlineProcessor.getText`: the text up to the `]` that closes a link's `[`,
    the index after it, and whether it was found. Python-Markdown reads the text one
    character at a time, counting nested brackets; where there are none (nearly every
    link), two searches give the same answer.
    """
    close = data.find("]", index)
    if data.find("[", index, len(data) if close < 0 else close) < 0:
        if close < 0:
            return data[index:], len(data), False
        return data[index:close], close + 1, True
    return _LINK_TEXT(link, data, index)


class QuickInlinePatterns(Extension):
    """Registers `QuickInlineProcessor` in place of Python-Markdown's inline processor,
    at its priority; an inline processor of another kind is left where it is."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        processors = md.treeprocessors
        if "inline" not in processors or type(processors["inline"]) is not InlineProcessor:
            return
        priority = next(
            item.priority
            for item in processors._priority  # type: ignore[attr-defined]
            if item.name == "inline"
        )
        processors.register(QuickInlineProcessor(md), "inline", priority)


def with_quick_inline(extensions: list[Any]) -> list[Any]:
    """`extensions` (mkdocs.yml's `markdown_extensions`) with `QuickInlinePatterns` last,
    once."""
    if any(isinstance(extension, QuickInlinePatterns) for extension in extensions):
        return extensions
    return [*extensions, QuickInlinePatterns()]
