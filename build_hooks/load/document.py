"""A loaded brief: its data, and where in the file each key and value was written.

Positions are kept as character offsets and turned into lines and columns only for the
few values a problem is reported at. A document read without positions (see `locator`)
works them out when first asked, by reading its text again in full.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from build_hooks.errors import Problem
from build_hooks.load.positions import FieldPath, format_path, line_starts, position


class Span(NamedTuple):
    """Where a key or value starts (1-based line and column) and its character range."""

    line: int
    column: int
    start: int
    end: int


class SpanTable(Mapping[FieldPath, Span]):
    """Spans by field path, made on demand from the character offsets the loader keeps:
    a line and column are needed only for the few values a problem is reported at."""

    def __init__(self, extents: dict[FieldPath, tuple[int, int]], doc: Document) -> None:
        self._extents = extents
        self._doc = doc

    def __getitem__(self, path: FieldPath) -> Span:
        start, end = self._extents[path]
        return Span(*self._doc.position_of_offset(start), start, end)

    def __contains__(self, path: object) -> bool:
        return path in self._extents

    def __iter__(self) -> Iterator[FieldPath]:
        return iter(self._extents)

    def __len__(self) -> int:
        return len(self._extents)


@dataclasses.dataclass(frozen=True)
class Located:
    """Where the parts of a brief are: character offsets of every value and key, and which
    values were written as plain (unquoted) scalars."""

    value_extents: dict[FieldPath, tuple[int, int]]
    key_extents: dict[FieldPath, tuple[int, int]]
    plain_scalars: set[FieldPath]


@dataclasses.dataclass
class Document:
    """A loaded brief: its data and where each part of it came from."""

    path: str
    text: str
    data: dict[str, Any]
    located: Located | None = None
    """Where every key and value is; None until `locator` has worked it out."""
    locator: Callable[[str, str], Located] | None = dataclasses.field(
        default=None, repr=False, compare=False
    )
    """For a document read without positions: works them out from (text, path). A module
    function, so that documents read in another process can be sent back."""
    problems: list[Problem] = dataclasses.field(default_factory=list)
    """Problems that still left usable data (duplicate keys, bad dates, anchors)."""
    refused: set[FieldPath] = dataclasses.field(default_factory=set)
    """Values the loader already reported (an impossible date): the schema stays quiet."""
    _line_starts: list[int] | None = dataclasses.field(default=None, repr=False)

    def locate(self) -> Located:
        if self.located is None:
            if self.locator is None:
                raise ValueError(f"{self.path} was read without positions or a locator")
            self.located = self.locator(self.text, self.path)
        return self.located

    @property
    def value_extents(self) -> dict[FieldPath, tuple[int, int]]:
        return self.locate().value_extents

    @property
    def key_extents(self) -> dict[FieldPath, tuple[int, int]]:
        return self.locate().key_extents

    @property
    def plain_scalars(self) -> set[FieldPath]:
        return self.locate().plain_scalars

    @property
    def values(self) -> SpanTable:
        return SpanTable(self.value_extents, self)

    @property
    def keys(self) -> SpanTable:
        return SpanTable(self.key_extents, self)

    def span(self, path: FieldPath, *, key: bool = False) -> Span:
        """The span of the value (or key) at `path`, or of its nearest ancestor."""
        table = self.key_extents if key else self.value_extents
        while path:
            if path in table:
                return (self.keys if key else self.values)[path]
            if key and path in self.value_extents:
                return self.values[path]
            path = path[:-1]
        return self.values[()] if () in self.value_extents else Span(1, 1, 0, 0)

    def raw(self, path: FieldPath) -> str:
        """The source text of the scalar at `path`, as written in the file."""
        start, end = self.value_extents[path]
        return self.text[start:end]

    def position_of_offset(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset into the file's text."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.text)
        return position(self._line_starts, offset)

    def problem(self, path: FieldPath, message: str, *, key: bool = False) -> Problem:
        span = self.span(path, key=key)
        return Problem(self.path, span.line, span.column, format_path(path), message)

    def problem_in_text(
        self, path: FieldPath, needle: str, occurrence: int, message: str
    ) -> Problem:
        """A problem at the exact line and column of the `occurrence`-th (from 0) `needle`
        inside the text field at `path` (or at the field, if it is not found there)."""
        span = self.values.get(path)
        if span is not None:
            raw = self.text[span.start : span.end]
            offset = -1
            for _ in range(occurrence + 1):
                offset = raw.find(needle, offset + 1)
                if offset < 0:
                    break
            if offset >= 0:
                line, column = self.position_of_offset(span.start + offset)
                return Problem(self.path, line, column, format_path(path), message)
        return self.problem(path, message)
