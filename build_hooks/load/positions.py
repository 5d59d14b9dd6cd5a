"""Where things are in a brief: lines and columns, counted the way YAML counts them, and
field paths (`specs.memory_gb[0].value`), the form every error message uses.

YAML ends a line at LF, CR or CRLF (the loader refuses the rarer Unicode separators), so
a file saved with old Mac line endings still gets the line numbers an editor shows.
"""

from __future__ import annotations

import bisect
import re

_LINE_BREAK = re.compile(r"\r\n|[\r\n]")


def line_starts(text: str) -> list[int]:
    """The offset at which each line begins (the first is 0)."""
    return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, given `line_starts(text)`."""
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def split_lines(text: str) -> list[str]:
    """The lines of `text` without their line breaks."""
    return _LINE_BREAK.split(text)


FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """Render a path the way contributors read it.

    >>> format_path(("specs", "memory_gb", 0, "value"))
    'specs.memory_gb[0].value'
    >>> format_path(("a\\tb",))
    "'a\\\\tb'"
    >>> format_path(())
    ''
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        if not part.isprintable() or not part.strip():
            # A key with a line break or control character must not break the line format,
            # and a blank key must still be visible.
            part = repr(part)
        text += f".{part}" if text else part
    return text
