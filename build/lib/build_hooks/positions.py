"""Lines and columns in brief text, counted the way YAML counts them.

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
