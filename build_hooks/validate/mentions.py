"""Mentions and citations in Markdown fields: `[[id]]`, `[[id|label]]` and `[^source-id]`.

The graph resolves them to links between briefs; rendering turns them into page links
and numbered footnotes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

TOKEN = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]|\[\^([^\[\]\s]*)\]")


@dataclasses.dataclass(frozen=True)
class Token:
    """A mention or citation found in a Markdown field."""

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
