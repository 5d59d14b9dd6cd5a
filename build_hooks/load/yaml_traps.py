"""The syntax errors newcomers make most, recognised by what the line looks like, each
explained by what YAML made of it and how to write the value instead.

Two classes cover nearly all of them. A value that starts with a character YAML gives a
meaning to (`[[amd]] says…` is read as a list, `*Reported*` as an alias, `"Fake news,"
said…` as a quoted value that ends early); the parser then complains far from the real
cause. And a line of text that lost its indentation, which YAML reads as a new field
without a colon; the advice to add a colon would make it worse.
"""

from __future__ import annotations

import re

from build_hooks.load.layout import (
    BLOCK_HEADER,
    TextOwner,
    field_names,
    indent,
    key_of,
    text_owner,
    value_start,
)

_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")
_LOOK_BACK = 100
# Characters that give a value's first character a meaning in YAML (quotes included).
INDICATORS = "[{*&|>?-'\""


def leading_indicator(
    lines: list[str], marks: list[tuple[int, int]]
) -> tuple[int, int, str] | None:
    """(line, column, message), 0-based, when a syntax error at one of `marks` comes from a
    value that starts with an indicator character and goes on with text YAML cannot place."""
    for line, column in marks:
        if line >= len(lines):
            continue
        text = lines[line]
        start = value_start(text)
        if start is None or column < start or text[start] not in INDICATORS:
            continue
        key = _key_name(text, start)
        message = _explain(key, text[start:])
        if message is not None:
            return line, start, message
    return None


def _explain(key: str, value: str) -> str | None:
    first = value[0]
    fix = quoting_fix(key, value)
    if first in "[{":
        end = flow_end(value)
        rest = value[end:].strip() if end is not None else ""
        if end is None or not rest or rest.startswith("#"):
            return None  # an unclosed or broken list: the parser's own account is right
        what = "a list" if first == "[" else "a mapping"
        read = (
            f"YAML reads a value that starts with {first!r} as {what}, so it reads"
            f" {value[:end]!r} as {what} and the text after it is out of place"
        )
        if value.startswith("[["):
            return f"{read}; to start the text with a [[mention]], {fix}"
        return f"{read}; if the value is text, {fix}; if it is {what}, remove the text after it"
    if first == "*":
        return (
            "YAML reads a value that starts with '*' as an alias (a reference to another"
            f" value), so *emphasis* cannot open a value; {fix}"
        )
    if first == "&":
        return f"YAML reads a value that starts with '&' as an anchor; {fix}"
    if first in "|>":
        if BLOCK_HEADER.match(value):
            return None
        if first == "|":
            return (
                f"'|' starts a block of text on the lines below, so no text may follow it on"
                f" this line; move the text to the next line, indented two spaces more than"
                f" {key!r}"
            )
        return (
            "YAML reads a value that starts with '>' as a block of text on the lines below;"
            f" if the text itself starts with '>', {fix}"
        )
    if first == "-" and value[1:2] in ("", " "):
        return (
            "YAML reads '- ' at the start of a value as a list item, which cannot start on"
            f" the line of its key; for a list, put each '- item' on its own line below"
            f" '{key}:', indented two more spaces; for text that starts with '-', {fix}"
        )
    if first == "?" and value[1:2] in ("", " "):
        return f"YAML reads '? ' at the start of a value as a key; {fix}"
    if first in "'\"":
        end = value.find(first, 1)
        while end >= 0 and first == "'" and value[end + 1 : end + 2] == "'":
            end = value.find(first, end + 2)  # '' is an escaped quote inside '…'
        rest = value[end + 1 :].strip() if end >= 0 else ""
        if end < 0 or not rest or rest.startswith("#"):
            return None
        return (
            "text follows a quoted value on the same line: YAML ends a value that starts"
            f" with a quote at the closing quote; {fix}"
        )
    return None


def quoting_fix(key: str, value: str) -> str:
    """How to write `value` so that YAML reads all of it as text, with a short example
    (`key` is empty for a list item)."""
    lead = f"{key}: " if key else "- "
    if '"' not in value and "\\" not in value:
        return f"put the whole value in double quotes: {lead}{_example(value, chr(34))}"
    if "'" not in value:
        return f"put the whole value in single quotes: {lead}{_example(value, chr(39))}"
    return (
        f"write it as a block: '{lead}|' on its own line, and the text on the next line,"
        " indented two more spaces"
    )


def _example(value: str, quote: str) -> str:
    value = value.split(" #")[0].rstrip()
    if len(value) > 30:
        cut = value.rfind(" ", 0, 30)
        value = value[: cut if cut > 10 else 30] + " …"
    return f"{quote}{value}{quote}"


def flow_end(value: str) -> int | None:
    """The index just after the ']' or '}' that closes the list or mapping `value` starts
    with, or None if it is not closed on this line.

    >>> flow_end("[[amd]]'s chip"), flow_end("[a, 'b]', c] x"), flow_end("[a, b")
    (7, 12, None)
    """
    depth = 0
    quote = ""
    for index, char in enumerate(value):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and value[index - 1 : index] in ("[", "{", ",", " "):
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def lost_indent(lines: list[str], index: int, kind: str | None) -> tuple[int, str] | None:
    """(owner line, message) when line `index` (of a brief of `kind`, if known) is text of
    the field above that lost its indentation. A line that reads as a field (`sumary: x`,
    or `designer acme` without its colon) is taken for one, unless the text goes on below
    it."""
    body = lines[index].strip() if index < len(lines) else ""
    if not body or body.startswith(("- ", "#", ":")):
        return None  # a list item, a comment, a key left out: not text
    owner = text_owner(lines, index)
    if owner is None or indent(lines[index]) >= owner.needed:
        return None
    if _reads_as_field(body, indent(lines[index]), kind) and (
        # A key line's own value may follow on the lines below; a field's name without
        # its colon is text when the text plainly goes on around it, unless what follows
        # the name can only start a value (`text |`, `notes 'It''s'`) or the field is
        # written nowhere else at this indentation (its colon went missing here).
        key_of(body) is not None
        or _value_without_colon(body)
        or not _named_elsewhere(lines, index)
        or not (
            _text_goes_on(lines, index, owner.needed, kind)
            or _sentence_goes_on(lines, index, owner)
        )
    ):
        return None
    return owner.line, continuation_message(
        lines, owner.line, index, owner.needed, block=owner.block
    )


def _reads_as_field(body: str, level: int, kind: str | None) -> bool:
    """Whether a line looks like a field: a key in the style of field names (`sumary:`), or
    a field's name followed by a space (a key that lost its colon)."""
    key = key_of(body)
    if key is not None:
        return _FIELD_NAME.fullmatch(key) is not None
    top, every = field_names(kind)
    first = body.split()[0]
    return first in (top if level == 0 else every)


def _named_elsewhere(lines: list[str], index: int) -> bool:
    """Whether the field that line `index` starts with is written as a key on another line
    at the same indentation (so this line, without a colon, is text, not that field)."""
    level = indent(lines[index])
    name = lines[index].split()[0]
    for other, line in enumerate(lines):
        if other != index and indent(line) == level and key_of(line.strip()) == name:
            return True
        if (
            other != index
            and line.startswith("- ", level)
            and key_of(line[level + 2 :].strip()) == name
        ):
            return True
    return False


def _value_without_colon(body: str) -> bool:
    """Whether a field's name is followed by what can only start a value: a block header
    (`text |`), a quote, a list or a mapping (`notes 'It''s'`, `sources [a]`)."""
    parts = body.split(None, 1)
    if len(parts) < 2:
        return False
    return BLOCK_HEADER.match(parts[1]) is not None or parts[1][0] in "'\"[{"


def _text_goes_on(lines: list[str], index: int, needed: int, kind: str | None) -> bool:
    """Whether the next line is more of the same text, indented as it should be."""
    for line in lines[index + 1 :]:
        if line.strip():
            body = line.strip()
            if body.startswith("- ") or indent(line) < needed:
                return False
            return not _reads_as_field(body, indent(line), kind)
    return False


def _sentence_goes_on(lines: list[str], index: int, owner: TextOwner) -> bool:
    """Whether the line above is a line of a block's text that stops mid-sentence."""
    above = index - 1
    if not lines[above].strip():
        return False  # a paragraph ended
    if not owner.block or above <= owner.line:
        return False
    return lines[above].rstrip()[-1:].isalpha() or lines[above].rstrip().endswith(",")


def first_lost_indent(lines: list[str], upto: int, kind: str | None) -> tuple[int, int, str] | None:
    """(line, owner line, message) for the first line that lost its indentation in the
    lines before a syntax error at line `upto` (a few screens of them: YAML often reads
    such a line as a field and stops only at a later line)."""
    for index in range(max(0, upto - _LOOK_BACK), min(upto + 1, len(lines))):
        found = lost_indent(lines, index, kind)
        if found is not None:
            return index, *found
    return None


def continuation_message(
    lines: list[str], owner: int, index: int, needed: int, *, block: bool
) -> str:
    """What is wrong with line `index`, text of the field at line `owner` that should be
    indented by `needed` spaces."""
    key = key_of(lines[owner].strip().lstrip("- ")) or "the field"
    if block and not any(line.strip() for line in lines[owner + 1 : index]):
        return (
            f"the text of {key!r} goes on the lines after '{key}: |', indented more than"
            f" {key!r}; indent it by {needed} spaces"
        )
    if block:
        return (
            f"this line is part of the text of {key!r} above, but it is indented less than"
            f" that text, so YAML ends the text before it; indent it by {needed} spaces, like"
            " the lines above"
        )
    return (
        f"this line continues the text of {key!r} above, but it is not indented more than"
        f" {key!r}, so YAML reads it as a new field; indent it by {needed} spaces (or join it"
        " to the line above)"
    )


def _key_name(line: str, start: int) -> str:
    body = line[:start].strip().lstrip("- ").rstrip()
    return body[:-1].rstrip() if body.endswith(":") else ""
