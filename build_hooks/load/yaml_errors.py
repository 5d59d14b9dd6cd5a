"""Turn PyYAML's syntax errors into one friendly, positioned problem.

The C and pure-Python parsers word some errors differently and stop at different points;
both map to the same message here, so the output does not depend on the installed loader.
After a syntax error the parser's own state is unreliable, so the field is worked out from
the indentation of the lines above the error (briefs are written in block style).
"""

from __future__ import annotations

import yaml

from build_hooks.errors import Problem
from build_hooks.kinds import KINDS
from build_hooks.limits import MAX_DEPTH
from build_hooks.load.layout import field_at, indent, previous_content_line
from build_hooks.load.positions import format_path, line_starts, position, split_lines
from build_hooks.load.yaml_traps import first_lost_indent, leading_indicator

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
    last = max(context_line, line)
    if (lost := first_lost_indent(lines, last, _kind(path))) is not None:
        # A line of the text above that lost its indentation, whatever YAML made of it.
        index, owner, message = lost
        owner_field = format_path(field_at(lines, owner))
        return Problem(path, index + 1, indent(lines[index]) + 1, owner_field, message)
    trap = leading_indicator(lines, [(context_line, context_column), (line, column)])
    if trap is not None:
        line, column, message = trap
        return Problem(path, line + 1, column + 1, format_path(field_at(lines, line)), message)
    missing_key = False
    if "could not find expected ':'" in problem:
        # The key without its colon is where the context starts, not where libyaml gave up.
        line, column, missing_key = context_line, context_column, True
    elif "mapping values are not allowed" in problem:
        previous = previous_content_line(lines, line)
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


def _kind(path: str) -> str | None:
    """The kind of brief a file holds, from its folder (None outside briefs/<kind>/)."""
    parts = path.split("/")
    return parts[-2] if len(parts) >= 2 and parts[-2] in KINDS else None
