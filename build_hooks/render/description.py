"""A page's description: one or two plain sentences for search results and link cards.

Search engines show about 160 characters of a page's `<meta name="description">`, and
social sites show its `og:description` under a shared link. Every page gets its own,
from the brief's summary where it has one: its first paragraph as plain words (mentions
become names, citations and emphasis marks go), cut at the end of a sentence, or at a
word with an ellipsis, so that it fits.
"""

from __future__ import annotations

import re

from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.kinds import KINDS
from build_hooks.validate.mentions import scan
from build_hooks.words import count_of

LIMIT = 160
"""At most this many characters (search engines cut longer descriptions themselves)."""

_EMPHASIS = re.compile(r"(\*\*?)(?=\S)(.+?)(?<=\S)\1")
# Spaces, not \s: \s* would run on over blank lines from every line start (N^2).
_LIST_MARK = re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)")


def summary_description(graph: Graph, markdown: str, limit: int = LIMIT) -> str:
    """A Markdown field's first paragraph as a plain description of at most `limit`
    characters."""
    paragraph = re.split(r"\n\s*\n", markdown.strip(), maxsplit=1)[0]
    pieces, position = [], 0
    for token in scan(paragraph):
        pieces.append(paragraph[position : token.offset])
        if token.kind == "mention":
            target = graph.briefs.get(token.target)
            pieces.append(token.label or (target.name if target is not None else token.target))
        position = token.offset + len(token.text)
    pieces.append(paragraph[position:])
    words = _EMPHASIS.sub(r"\2", _LIST_MARK.sub("", "".join(pieces)))
    return shorten(words, limit)


def shorten(text: str, limit: int = LIMIT) -> str:
    """`text` on one line, cut to at most `limit` characters: after its last whole
    sentence that fits (if that keeps at least half), else after a word, with "…".

    >>> shorten("One. Two is a longer sentence.", 20)
    'One. Two is a…'
    >>> shorten("A first sentence here. And a second one.", 30)
    'A first sentence here.'
    >>> shorten("  Short  enough. ", 30)
    'Short enough.'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1) if m.end() <= limit]
    if ends and ends[-1] >= limit // 2:
        return text[: ends[-1]]
    cut = text.rfind(" ", 0, limit)
    head = text[: cut if cut > 0 else limit - 1].rstrip(" ,;:–—-")
    return head + "…"


def brief_description(graph: Graph, brief: Brief) -> str:
    """A brief page's description: its summary's (a topic's lede's) first paragraph; for a
    source, which has none, its headline, publisher, date and tier, and how many pages cite it."""
    summary = brief.data.get("summary") or brief.data.get("lede")  # a topic has a lede
    if isinstance(summary, str) and summary.strip():
        return summary_description(graph, summary)
    data = brief.data
    title = str(data.get(KINDS[brief.kind].title_field) or brief.name)
    about = ", ".join(str(data[key]) for key in ("publisher", "published") if data.get(key))
    cited = len(graph.linked(brief.id, "citation"))
    tier = f"a {data['tier']} source" if data.get("tier") else f"a {KINDS[brief.kind].singular}"
    described = f"“{title}”" + (f" ({about})" if about else "")
    return shorten(f"{described}: {tier} cited on {count_of(cited, 'page')} of this site.")
