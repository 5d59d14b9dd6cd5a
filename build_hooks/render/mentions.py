"""Where a brief is mentioned: for each brief that mentions it, the sentence that does.

A sentence is cut from the Markdown as written, with mentions and citations kept whole
(a label's full stop, a citation between a full stop and the next sentence, "U.S." and
"3.35" end no sentence), so that the page can show it escaped, with its links.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.load.positions import FieldPath
from build_hooks.validate.mentions import scan

# A sentence ends at '.', '!' or '?' (with any closing quotes or brackets) before a space
# and a capital, a digit or an opening quote; a paragraph or list item ends one too.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“‘(]?[A-Z0-9])|\n[ \t]*\n|\n(?=[ \t]*[-*+][ \t])")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:(?:[A-Za-z]\.)*[A-Za-z]|Mr|Ms|Mrs|Dr|No|Nos|Inc|Corp|Co|Ltd|Jr|Sr|St|vs"
    r"|etc|approx|Gov|Sen|Rep|Gen|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$"
)
_LIST_MARKER = re.compile(r"^[ \t]*[-*+][ \t]+")


@dataclasses.dataclass(frozen=True)
class Mention:
    """One brief's mention of another: the sentence, and where in the brief it is."""

    brief: Brief
    sentence: str
    """Markdown, with its mentions and citations."""
    date: str | None
    """The date of the development it is in, if it is in one."""


def mentions_of(
    graph: Graph, brief_id: str, others: Sequence[Brief] | None = None
) -> list[Mention]:
    """For each brief that mentions this one (`others`, some of them, or by default all
    in the order `Graph.linked` gives), the first sentence that does."""
    first: dict[str, FieldPath] = {}
    for link in graph.incoming.get(brief_id, []):
        if link.relation == "mention" and link.source != brief_id:
            first.setdefault(link.source, link.path)
    found = []
    for other in graph.linked(brief_id, "mention") if others is None else others:
        path = first[other.id]
        text = _value_at(other.data, path)
        if not isinstance(text, str):
            continue
        sentence = sentence_mentioning(text, brief_id)
        date = None
        if path[:1] == ("timeline",) and isinstance(path[1], int):
            date = str(other.data["timeline"][path[1]]["date"])
        found.append(Mention(other, sentence, date))
    return found


def sentence_mentioning(text: str, brief_id: str) -> str:
    """The sentence of `text` holding the first mention of `brief_id`, on one line.

    >>> sentence_mentioning("It began in 2026. The U.S. let [[nvidia|Nvidia Corp.]] sell"
    ...     " 3.5 million chips.[^a] Then it stopped.", "nvidia")
    'The U.S. let [[nvidia|Nvidia Corp.]] sell 3.5 million chips.[^a]'
    >>> sentence_mentioning("Intro:\\n\\n- one item\\n- [[x]] said no. Later, more.", "x")
    '[[x]] said no.'
    """
    tokens = list(scan(text))
    target = next((t for t in tokens if t.kind == "mention" and t.target == brief_id), None)
    if target is None:
        return " ".join(text.split())
    # Masked: a mention reads as a capitalised word, a citation as spaces, so that their
    # insides end no sentence and a citation after a full stop does not hide the end.
    masked = list(text)
    for token in tokens:
        fill = "M" if token.kind == "mention" else " "
        masked[token.offset : token.offset + len(token.text)] = fill * len(token.text)
    plain = "".join(masked)
    ends = [
        match
        for match in _END.finditer(plain)
        if not (match.group()[0] == "." and _ABBREVIATION.search(plain[: match.start()]))
    ]
    start, end = 0, len(text)
    for match in ends:
        if match.end() <= target.offset:
            start = match.end()
        elif match.start() >= target.offset + len(target.text):
            end = match.end() if match.group()[0] in ".!?" else match.start()
            break
    # A citation right after a sentence's end belongs to that sentence.
    cited = {t.offset: len(t.text) for t in tokens if t.kind == "citation"}
    while True:
        while start < len(text) and text[start].isspace():
            start += 1
        if start not in cited:
            break
        start += cited[start]
    while True:
        after = next((t for t in tokens if t.kind == "citation" and t.offset == end), None)
        if after is None:
            break
        end += len(after.text)
    sentence = _LIST_MARKER.sub("", text[start:end].strip())
    return " ".join(sentence.split())


def _value_at(data: Any, path: FieldPath) -> Any:
    """The value at a concrete path (keys and list indexes), or None."""
    for key in path:
        if isinstance(key, int) and isinstance(data, list) and 0 <= key < len(data):
            data = data[key]
        elif isinstance(key, str) and isinstance(data, dict):
            data = data.get(key)
        else:
            return None
    return data
