"""Turn PyYAML's syntax errors into one friendly, positioned problem.

The C and pure-Python parsers word some errors differently and stop at different points;
both map to the same message here, so the output does not depend on the installed loader.
After a syntax error the parser's own state is unreliable, so the field is worked out from
the indentation of the lines above the error (briefs are written in block style).
"""

from __future__ import annotations

import re

import yaml

from build_hooks.errors import Problem
from build_hooks.limits import MAX_DEPTH
from build_hooks.load.positions import FieldPath, format_path, line_starts, position, split_lines

_BLOCK_SCALAR = re.compile(r":\s+[|>][-+0-9]*\s*(#.*)?$")
_FIRST_WORD = re.compile(r"([^\s:#'\"\[\]{},]+)")
MISSING_COLON = "this line has no ':' after its key; write it as 'key: value'"
SURROGATE_ESCAPE = (
    "this escape names half of a surrogate pair (U+D800 to U+DFFF), which is not a"
    " character on its own; write the character itself instead of an escape"
)


def describe_yaml_error(error: yaml.YAMLError, path: str, text: str) -> Problem:
    """One problem for a syntax error, at the line a person has to fix."""
    lines = split_lines(text)
    if isinstance(error, yaml.reader.ReaderError):
        # libyaml reports a byte offset, PyYAML a character offset: find the character.
        offset = max(text.find(chr(error.character)), 0)
        line, column = position(line_starts(text), offset)
        return Problem(
            path,
            line,
            column,
            format_path(field_at(lines, line - 1)),
            (
                f"the character U+{error.character:04X} is not allowed in YAML;"
                " remove it or write the text without control characters"
            ),
        )
    if not isinstance(error, yaml.MarkedYAMLError) or error.problem_mark is None:
        return Problem(path, 1, 1, "", f"invalid YAML: {error}")
    problem = error.problem or ""
    context = error.context or ""
    line, column = error.problem_mark.line, error.problem_mark.column
    context_line = error.context_mark.line if error.context_mark else line
    context_column = error.context_mark.column if error.context_mark else column
    missing_key = False
    if "could not find expected ':'" in problem:
        # The key without its colon is where the context starts, not where libyaml gave up.
        line, column, missing_key = context_line, context_column, True
    elif "mapping values are not allowed" in problem:
        previous = _previous_content_line(lines, line)
        if previous is not None and ":" not in lines[previous]:
            # A key that lost its colon is read as text running on into the next line.
            line, missing_key = previous, True
            column = len(lines[previous]) - len(lines[previous].lstrip(" -"))
    if missing_key:
        message = MISSING_COLON
    elif "mapping values are not allowed" in problem:
        message = (
            "a ': ' appears inside an unquoted value, or a line is indented too far;"
            " put the value in quotes or fix the indentation"
        )
    elif "cannot start any token" in problem:
        # Tabs never get here: the loader refuses them before parsing.
        char = text[error.problem_mark.index] if error.problem_mark.index < len(text) else ""
        message = f"a value cannot start with {char!r}; put the whole value in quotes"
    elif "quoted scalar" in context and "end of stream" in problem:
        line, column = context_line, context_column
        message = "a quoted value is never closed; add the closing quote"
    elif "flow sequence" in context or "flow mapping" in context:
        line, column = context_line, context_column
        opener, closer = ("[", "]") if "sequence" in context else ("{", "}")
        message = f"a '{opener}' is never closed or misses a ','; add the '{closer}' or the ','"
    elif line < len(lines) and lines[line].lstrip().startswith(":"):
        message = "this line starts with ':'; write 'key: value' with the key first"
    elif "invalid Unicode character escape" in problem and line < len(lines):
        # libyaml refuses an escape for half a surrogate pair; PyYAML accepts it, and the
        # reader then reports it with this same message (load/reader.py).
        column = max(lines[line].rfind("\\", 0, column + 1), 0)
        message = SURROGATE_ESCAPE
    elif "escape" in problem and line < len(lines):
        # libyaml points at the backslash, PyYAML at the letter after it.
        column = max(lines[line].rfind("\\", 0, column + 1), 0)
        message = (
            "an unknown escape sequence inside double quotes; use single quotes, or"
            " write a backslash as \\\\"
        )
    elif (
        "did not find expected key" in problem
        or "expected <block end>" in problem
        or "did not find expected '-' indicator" in problem
    ):
        if _after_quotes(lines, line, column):
            message = (
                "text follows a quoted value on the same line; put the whole value"
                " inside the quotes"
            )
        else:
            message = (
                "this line is indented differently from the fields around it"
                " (or a '- ' list item is out of place); check the indentation"
            )
    elif "maximum nesting depth" in problem:
        message = f"nesting is deeper than {MAX_DEPTH} levels; briefs never need that much"
    else:
        # The two parsers word the rest differently; one message keeps results identical.
        message = (
            "this line is not valid YAML here; check its indentation, quotes, brackets"
            " and colons, and those of the line before"
        )
    field = field_at(lines, line)
    return Problem(path, line + 1, column + 1, format_path(field), message)


def field_at(lines: list[str], index: int) -> FieldPath:
    """The field path of line `index` (0-based), read from the indentation above it."""
    if index >= len(lines):
        return ()
    own = lines[index]
    indent = _indent(own)
    path: list[str | int] = []
    body = own.strip()
    item = _is_item(body)
    if item:
        path.append(_item_index(lines, index, indent))
        body = body[2:].lstrip()
    own_key = _key(body)
    # A line without its colon ('as_of 2026-01-28') is most likely a key; a list item's
    # text is a value, not a key, unless the item is a mapping (keys follow it).
    if (
        own_key is None
        and (not item or _item_has_keys(lines, index, indent + 2))
        and (word := _FIRST_WORD.match(body))
    ):
        own_key = word.group(1)
    if own_key is not None:
        path.append(own_key)
    for above in range(index - 1, -1, -1):
        text = lines[above]
        if not text.strip() or text.lstrip().startswith("#") or _indent(text) > indent:
            continue
        body = text.strip()
        if _is_item(body):
            item_indent = _indent(text)
            content_indent = item_indent + 2
            key = _key(body[2:].lstrip()) if content_indent < indent else None
            if key is None and item_indent == indent:
                continue  # an earlier item of the same list: nothing to add (and counting
                # its position for every such item would make this quadratic)
            if key is not None:
                path[:0] = [key]
            if item_indent < indent:
                path[:0] = [_item_index(lines, above, item_indent)]
            indent = item_indent
            continue
        if _indent(text) < indent:
            key = _key(body)
            if _BLOCK_SCALAR.search(body):
                # The line is text inside this key's block scalar, not a key of its own.
                path = []
            if key is not None:
                path[:0] = [key]
            indent = _indent(text)
        if indent == 0 and path and not isinstance(path[0], int):
            break
    return tuple(path)


def _is_item(body: str) -> bool:
    """Whether a stripped line is a list item: '-' then a space, a tab (which the tab check
    reports, so the item still needs its place) or nothing."""
    return body[:1] == "-" and body[1:2] in ("", " ", "\t")


def _item_has_keys(lines: list[str], index: int, content_indent: int) -> bool:
    """Whether the lines after a list item continue it with `key: value` lines."""
    for text in lines[index + 1 :]:
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        return _indent(text) == content_indent and _key(text.strip()) is not None
    return False


def _key(body: str) -> str | None:
    """The key of a `key: value` line (stripped), or None. Written as a scan, not a regular
    expression: a lazy pattern went back over a long line of spaces for every character.

    >>> _key("name: Huawei"), _key("a b : c"), _key("url: https://x"), _key("x:y"), _key("# c: d")
    ('name', 'a b', 'url', None, None)
    """
    if not body or body[0] in " \t:#'\"[]{},":
        return None
    end = min((i for i in (body.find(":"), body.find("#")) if i >= 0), default=-1)
    if end < 0 or body[end] != ":" or not (end + 1 == len(body) or body[end + 1].isspace()):
        return None
    return body[:end].rstrip()


def _after_quotes(lines: list[str], line: int, column: int) -> bool:
    before = lines[line][:column].rstrip() if line < len(lines) else ""
    return before.endswith(("'", '"'))


def _item_index(lines: list[str], index: int, item_indent: int) -> int:
    count = 0
    for above in range(index - 1, -1, -1):
        text = lines[above]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if _indent(text) < item_indent:
            break
        if _indent(text) == item_indent:
            if not text.strip().startswith("-"):
                break
            count += 1
    return count


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _previous_content_line(lines: list[str], index: int) -> int | None:
    for above in range(min(index, len(lines)) - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None
