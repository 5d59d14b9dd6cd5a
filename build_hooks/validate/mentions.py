"""Mentions and citations in Markdown fields: `[[id]]`, `[[id|label]]` and `[^source-id]`.

The graph resolves them to links between briefs; rendering turns them into page links
and numbered footnotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

TOKEN = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]|\[\^([^\[\]\s]*)\]")


class Token(NamedTuple):
    """A mention or citation found in a Markdown field (a named tuple: every check and
    every page scans every Markdown field, and a tuple is made five times as fast as a
    frozen dataclass)."""

    kind: str  # "mention" or "citation"
    target: str
    label: str | None
    text: str
    offset: int


def scan(text: str) -> Iterator[Token]:
    """Every mention and citation in a Markdown field, in order."""
    for match in TOKEN.finditer(text):
        if match.group(3) is not None:
            yield Token("citation", match.group(3), None, match.group(0), match.start())
        else:
            label = match.group(2).strip() if match.group(2) is not None else None
            yield Token("mention", match.group(1).strip(), label, match.group(0), match.start())


def citations(text: str) -> list[str]:
    """The source id of every citation in a Markdown field, in order.

    >>> citations("A [[amd]] fact.[^reuters-1] [^x] [[b|c]]")
    ['reuters-1', 'x']
    """
    return [match[3] for match in TOKEN.finditer(text) if match[3] is not None]
