"""Brief text on its way into Markdown: escaped, with mentions and citations resolved.

Two kinds of text come from briefs. One-line fields (names, labels) are plain text and
every character Markdown or HTML would act on is escaped. Markdown fields allow a small,
safe subset: paragraphs, lists, *emphasis* and **strong**, plus the project's own
``[[id]]`` / ``[[id|label]]`` mentions and ``[^source-id]`` citations. Everything else,
raw HTML, links, images, attribute lists and headings included, comes out as literal text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator

TOKEN = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]|\[\^([^\[\]\s]*)\]")


class Safe(str):
    """Markdown that is already escaped and may be written to a page as it is."""

    __slots__ = ()


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


# Characters that Python-Markdown, attr_list and the tables extension act on inline.
_INLINE = {"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "{": "\\{", "}": "\\}",
           "[": "\\[", "]": "\\]", "!": "\\!", "|": "\\|", "<": "&lt;", ">": "&gt;",
           "&": "&amp;"}
_INLINE_TABLE = str.maketrans({**_INLINE, "#": "\\#"})
_PROSE_TABLE = str.maketrans({k: v for k, v in _INLINE.items() if k not in "*_"})
_PROSE_START = re.compile(r"^(\s*)(#|=|\+(?!\s)|-(?!\s)|~~~|---+\s*$|\*\*\*+\s*$)")
_PLAIN_START = re.compile(r"^(\s*)(#|=|\+|-|~~~)")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")


def escape_text(text: str) -> Safe:
    """Plain text as inline Markdown that shows exactly these characters.

    >>> print(escape_text("<b>A|B</b> {: onclick=x} C#"))
    &lt;b&gt;A\\|B&lt;/b&gt; \\{: onclick=x\\} C\\#
    """
    line = " ".join(text.split("\n")).translate(_INLINE_TABLE)
    return Safe(_NUMBERED.sub(r"\1\\\2", _escape_block_start(line, _PLAIN_START), count=1))


def render_prose(text: str, replace: Callable[[Token], str]) -> Safe:
    """A Markdown field as safe Markdown, with `replace` deciding what each token becomes."""
    pieces: list[str] = []
    position = 0
    for token in scan(text):
        pieces.append(_escape_prose(text[position : token.offset]))
        pieces.append(replace(token))
        position = token.offset + len(token.text)
    pieces.append(_escape_prose(text[position:]))
    return Safe("".join(pieces).strip("\n"))


def _escape_prose(text: str) -> str:
    lines = text.translate(_PROSE_TABLE).split("\n")
    return "\n".join(_escape_block_start(line, _PROSE_START) for line in lines)


def _escape_block_start(line: str, pattern: re.Pattern[str]) -> str:
    # A leading '#', '=' or '---' would become a heading or a rule. In prose, '- ', '* ' and
    # '1. ' followed by a space are the list markers we allow, so they stay.
    match = pattern.match(line)
    if not match:
        return line
    indent, marker = match.group(1), match.group(2)
    return f"{indent}\\{marker}{line[match.end():]}"
