"""A brief's layout read from its lines alone: which field a line belongs to, where a value
starts, and whether a line continues the text of the field above it.

After a syntax error the parser's state is unreliable, so the diagnoses of load/ (and the
validator's hints about misplaced lines) read the indentation instead; briefs are written
in block style, one field a line, so the indentation says what each line is.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from pathlib import Path

from build_hooks.load.positions import FieldPath

BLOCK_HEADER = re.compile(r"[|>][-+0-9]*\s*(#.*)?$")
_FIRST_WORD = re.compile(r"([^\s:#'\"\[\]{},]+)")
_SCHEMAS = Path(__file__).parent.parent / "schemas"


def field_at(lines: list[str], index: int) -> FieldPath:
    """The field path of line `index` (0-based), read from the indentation above it."""
    if index >= len(lines):
        return ()
    own = lines[index]
    level = indent(own)
    path: list[str | int] = []
    body = own.strip()
    item = is_item(body)
    if item:
        path.append(item_index(lines, index, level))
        body = body[2:].lstrip()
    own_key = key_of(body)
    # A line without its colon ('as_of 2026-01-28') is most likely a key; a list item's
    # text is a value, not a key, unless the item is a mapping (keys follow it).
    if (
        own_key is None
        and (not item or _item_has_keys(lines, index, level + 2))
        and (word := _FIRST_WORD.match(body))
    ):
        own_key = word.group(1)
    if own_key is not None:
        path.append(own_key)
    for above in range(index - 1, -1, -1):
        text = lines[above]
        if not text.strip() or text.lstrip().startswith("#") or indent(text) > level:
            continue
        body = text.strip()
        if is_item(body):
            item_indent = indent(text)
            content_indent = item_indent + 2
            key = key_of(body[2:].lstrip()) if content_indent < level else None
            if key is None and item_indent == level:
                continue  # an earlier item of the same list: nothing to add (and counting
                # its position for every such item would make this quadratic)
            if key is not None:
                path[:0] = [key]
            if item_indent < level:
                path[:0] = [item_index(lines, above, item_indent)]
            level = item_indent
            continue
        if indent(text) < level:
            key = key_of(body)
            if _opens_block(body):
                # The line is text inside this key's block scalar, not a key of its own.
                path = []
            if key is not None:
                path[:0] = [key]
            level = indent(text)
        if level == 0 and path and not isinstance(path[0], int):
            break
    return tuple(path)


def is_item(body: str) -> bool:
    """Whether a stripped line is a list item: '-' then a space, a tab (which the tab check
    reports, so the item still needs its place) or nothing."""
    return body[:1] == "-" and body[1:2] in ("", " ", "\t")


def _item_has_keys(lines: list[str], index: int, content_indent: int) -> bool:
    """Whether the lines after a list item continue it with `key: value` lines."""
    for text in lines[index + 1 :]:
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        return indent(text) == content_indent and key_of(text.strip()) is not None
    return False


def key_of(body: str) -> str | None:
    """The key of a `key: value` line (stripped), or None. Written as a scan, not a regular
    expression: a lazy pattern went back over a long line of spaces for every character.

    >>> key_of("name: Huawei"), key_of("a b : c"), key_of("url: https://x"), key_of("x:y")
    ('name', 'a b', 'url', None)
    >>> key_of("# c: d") is None
    True
    """
    colon = _colon(body)
    return None if colon is None else body[:colon].rstrip()


def _colon(body: str) -> int | None:
    if not body or body[0] in " \t:#'\"[]{},":
        return None
    end = min((i for i in (body.find(":"), body.find("#")) if i >= 0), default=-1)
    if end < 0 or body[end] != ":" or not (end + 1 == len(body) or body[end + 1].isspace()):
        return None
    return end


def value_start(line: str) -> int | None:
    """The column (0-based) where the value of a `key: value`, `- key: value` or `- value`
    line starts, or None if the line holds no value of its own.

    >>> value_start("  text: [[amd]] says"), value_start("- [a]"), value_start("specs:")
    (8, 2, None)
    """
    start = indent(line)
    item = False
    while line.startswith("- ", start):
        item = True
        start += 2
        while start < len(line) and line[start] == " ":
            start += 1
    colon = _colon(line[start:])
    if colon is None:
        return start if item and start < len(line) else None
    start += colon + 1
    while start < len(line) and line[start] == " ":
        start += 1
    return start if start < len(line) else None


def item_index(lines: list[str], index: int, item_indent: int) -> int:
    count = 0
    for above in range(index - 1, -1, -1):
        text = lines[above]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if indent(text) < item_indent:
            break
        if indent(text) == item_indent:
            if not text.strip().startswith("-"):
                break
            count += 1
    return count


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def previous_content_line(lines: list[str], index: int) -> int | None:
    for above in range(min(index, len(lines)) - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


@dataclasses.dataclass(frozen=True)
class TextOwner:
    """The field whose text a line seems to continue: where its key is, and how far a
    line of that text must be indented."""

    line: int
    """The 0-based line of the key (`summary: |`, `text: Nvidia says`)."""
    needed: int
    """The indentation the continuing line should have."""
    block: bool
    """Whether the text is a block (`|` or `>`) rather than a plain value over lines."""


def text_owner(lines: list[str], index: int) -> TextOwner | None:
    """The text field that line `index` would continue if it were indented enough: the
    line above is the key line of a text value (`summary: |`, `text: Nvidia says`) or a
    line of its text. None when the line above is anything else."""
    above = _previous_nonblank(lines, index)
    if above is None:
        return None
    parent = _parent(lines, above)
    if parent is not None:
        kind = _value_kind(lines[parent])
        if kind == "block":
            return TextOwner(parent, _block_indent(lines, parent, index), block=True)
        if kind == "plain" and value_start(lines[above]) is None:
            return TextOwner(parent, _key_column(lines[parent]) + 2, block=False)
    kind = _value_kind(lines[above])
    if kind == "block":
        return TextOwner(above, _text_column(lines[above]), block=True)
    if kind == "plain":
        return TextOwner(above, _key_column(lines[above]) + 2, block=False)
    return None


def _previous_nonblank(lines: list[str], index: int) -> int | None:
    for above in range(min(index, len(lines)) - 1, -1, -1):
        if lines[above].strip():
            return above
    return None


def _parent(lines: list[str], index: int) -> int | None:
    """The nearest line above `index` that is indented less than it."""
    own = indent(lines[index])
    if own == 0:
        return None
    for above in range(index - 1, -1, -1):
        if lines[above].strip() and indent(lines[above]) < own:
            return above
    return None


def _value_kind(line: str) -> str | None:
    """'block' for `key: |`, 'plain' for `key: some text`, else None."""
    start = value_start(line)
    if start is None:
        return None
    if BLOCK_HEADER.match(line[start:]):
        return "block"
    return None if line[start] in "[{'\"&*!|>%@`#" else "plain"


def _key_column(line: str) -> int:
    """Where the key of a `key: value` or `- key: value` line starts."""
    start = indent(line)
    while line.startswith("- ", start):
        start += 2
        while start < len(line) and line[start] == " ":
            start += 1
    return start


def _text_column(header: str) -> int:
    """Where a block's text starts at the least: two past its key, or for a list item with
    no key (`- |`), two past its dash."""
    column = _key_column(header)
    if header.strip().startswith("-") and key_of(header[column:]) is None:
        return indent(header) + 2
    return column + 2


def _block_indent(lines: list[str], header: int, index: int) -> int:
    """The indentation of a block's text: that of its first line, if it has one yet."""
    least = _text_column(lines[header])
    for line in lines[header + 1 : index]:
        if line.strip() and indent(line) >= least:
            return indent(line)
    return least


def _opens_block(body: str) -> bool:
    start = value_start(body)
    return start is not None and BLOCK_HEADER.match(body[start:]) is not None


@functools.cache
def field_names(kind: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """The field names the schemas define: those at the top of a brief of `kind` (of any
    kind when None), and those at any depth. A line that starts with one of these is a
    field, even when its colon is missing."""
    top: set[str] = set()
    every: set[str] = set()

    def collect(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    every.update(value)
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for schema in sorted(_SCHEMAS.glob("*.schema.json")):
        document = json.loads(schema.read_text("utf-8"))
        collect(document)
        if kind is None or schema.name == f"{kind}.schema.json":
            top.update(document.get("properties", {}))
    return frozenset(top), frozenset(every)
