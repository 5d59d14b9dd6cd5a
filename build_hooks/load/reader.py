"""Read one YAML brief into plain data, keeping a 1-based position for every key and value.

The file is parsed once, as an event stream, never composed: the composer of the C
loader recurses and can crash the interpreter on very deep input, while the event parser
does not. Building the data from events lets us reject what briefs never need (anchors,
aliases, merge keys, custom tags, several documents) at the exact place it occurs.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from build_hooks.errors import BriefError, Problem
from build_hooks.limits import MAX_BYTES, MAX_DEPTH, MAX_INTEGER, MAX_INTEGER_CHARACTERS
from build_hooks.load.document import Document, Located
from build_hooks.load.positions import FieldPath, format_path, line_starts, position
from build_hooks.load.text_checks import (
    comment_cuts_value,
    forbidden_characters,
    hidden_character,
    lookalike_word,
)
from build_hooks.load.yaml_errors import MISSING_COLON, SURROGATE_ESCAPE, describe_yaml_error

# The C loader is about ten times faster; the pure-Python one gives the same results.
DEFAULT_LOADER: type = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_INT_TAG = "tag:yaml.org,2002:int"
_PURE = yaml.SafeLoader
_PLAIN_OR_STANDARD = {None, "!", *_STANDARD_TAGS}
_EVENTS = (
    "DocumentStartEvent",
    "StreamEndEvent",
    "AliasEvent",
    "ScalarEvent",
    "MappingStartEvent",
    "SequenceStartEvent",
    "MappingEndEvent",
    "SequenceEndEvent",
)
_CONSTRUCTOR = SafeConstructor()
_SURROGATE_ESCAPE = re.compile(
    r"\\(?:u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2})"
)


def read_brief(raw: bytes, path: str, loader: type | None = None) -> Document:
    """Parse the bytes of one brief file, with `loader`'s parser (by default the C one).

    Raises BriefError when the file cannot be read as a mapping at all; problems that
    leave usable data behind are returned in ``Document.problems`` so that later checks
    can still report everything else wrong with the file in the same run.
    """
    return read_text(decode(raw, path), path, loader or DEFAULT_LOADER)


def locate(text: str, path: str) -> Located:
    """Where every key and value of a brief's text is (for a document read without)."""
    located = read_text(text, path, DEFAULT_LOADER).located
    assert located is not None, "read_text always records positions"
    return located


def read_text(text: str, path: str, loader: type) -> Document:
    """Every event of the YAML stream, checked, with the position of every value."""
    builder = _Builder(path, text)
    parser = None
    try:
        parser = loader(text)
        builder.consume(parser)
    except yaml.YAMLError as error:
        if "maximum nesting depth" in str(error) and loader is not _PURE:
            # libyaml scans far ahead and stops at its own limit (1,000) before this loader
            # sees the 17th level; the event-based pure-Python parser stops where we do.
            return read_text(text, path, _PURE)
        builder.problems.append(describe_yaml_error(error, path, text))
        builder.fatal = True
    except _FatalError:
        builder.fatal = True
    finally:
        if parser is not None:
            parser.dispose()
    if builder.fatal or not isinstance(builder.root, dict):
        raise BriefError(builder.problems)
    return Document(
        path,
        text,
        builder.root,
        Located(builder.values, builder.keys, builder.plain),
        problems=builder.problems,
        refused=builder.refused,
    )


def decode(raw: bytes, path: str) -> str:
    """A brief file's text, or BriefError for a file too large, not UTF-8, or holding
    characters no brief may hold."""
    if len(raw) > MAX_BYTES:
        raise BriefError(
            [
                Problem(
                    path,
                    1,
                    1,
                    "",
                    (
                        f"the file is {len(raw):,} bytes; a brief may be at most"
                        f" {MAX_BYTES:,} bytes (split long text or move it to a source)"
                    ),
                )
            ]
        )
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise BriefError(
            [
                Problem(
                    path,
                    1,
                    1,
                    "",
                    (
                        "the file is saved as UTF-16; save it as UTF-8 (most editors offer this in"
                        " 'Save with encoding')"
                    ),
                )
            ]
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        raise BriefError(
            [
                Problem(
                    path, line, column, "", ("the file contains a NUL byte; save it as UTF-8 text")
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        raise BriefError(
            [
                Problem(
                    path,
                    line,
                    column,
                    "",
                    (
                        f"the byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file"
                        " as UTF-8"
                    ),
                )
            ]
        ) from None
    problems = forbidden_characters(text, path)
    if problems:
        raise BriefError(problems)
    return text


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    text = raw[:offset].decode("utf-8", errors="replace").removeprefix("\ufeff")
    return position(line_starts(text), len(text))


class _FatalError(Exception):
    """Raised inside the builder after a problem that makes the rest meaningless."""


@dataclasses.dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    path: FieldPath
    discard: bool
    is_map: bool = False
    key: str | None = None
    key_discarded: bool = False
    seen: dict[str, int] = dataclasses.field(default_factory=dict)


class _Builder:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        self.values: dict[FieldPath, tuple[int, int]] = {}
        self.keys: dict[FieldPath, tuple[int, int]] = {}
        self.plain: set[FieldPath] = set()
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        self.fatal = False
        self.refused: set[FieldPath] = set()
        self._starts: list[int] | None = None
        self.anchors = 0
        self.aliases = 0

    def current_path(self) -> FieldPath:
        """The path of the value being read, as far as it is known."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, dict):
            return (*top.path, top.key) if top.key is not None else top.path
        return (*top.path, len(top.container))

    def fail(self, mark: Any, field: FieldPath, message: str, *, stop: bool = False) -> None:
        self.problems.append(
            Problem(self.path, mark.line + 1, mark.column + 1, format_path(field), message)
        )
        if stop:
            raise _FatalError

    def consume(self, parser: Any) -> None:
        handlers = {getattr(yaml, name): getattr(self, "on_" + name) for name in _EVENTS}
        scalar, get = self.on_ScalarEvent, parser.get_event
        # The loop runs once per key and value of every brief: kept as lean as it can be.
        while True:
            event = get()
            kind = event.__class__
            if kind is yaml.ScalarEvent:
                scalar(event)
                continue
            handler = handlers.get(kind)
            if handler is not None:
                handler(event)
            if kind is yaml.StreamEndEvent:
                return

    # Events -------------------------------------------------------------------------

    def on_DocumentStartEvent(self, event: Any) -> None:  # noqa: N802 - event class name
        self.documents += 1
        if self.documents > 1:
            self.fail(
                event.start_mark,
                (),
                (
                    "the file holds more than one YAML document; a brief is exactly one"
                    " mapping, so remove the '---' line and everything after it"
                ),
                stop=True,
            )

    def on_StreamEndEvent(self, event: Any) -> None:  # noqa: N802
        # One problem for the first anchor and alias, with a count: an alias bomb has dozens.
        for count, word in ((self.anchors, "anchors"), (self.aliases, "aliases")):
            if count > 1:
                first = next(i for i, p in enumerate(self.problems) if p.message.startswith(word))
                self.problems[first] = dataclasses.replace(
                    self.problems[first],
                    message=self.problems[first].message + f" ({count} {word} in this file)",
                )
        if self.documents == 0 or self.root is None:
            self.fail(
                event.start_mark if self.documents else _mark0(),
                (),
                ("the brief is empty; it must be a mapping of fields such as 'name: …'"),
                stop=True,
            )

    def on_AliasEvent(self, event: Any) -> None:  # noqa: N802
        self.aliases += 1
        if self.aliases == 1:
            self.fail(
                event.start_mark,
                self.current_path(),
                (
                    f"aliases ('*{event.anchor}') are not allowed in briefs; write the value out"
                    " in full"
                ),
            )
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and top.key is None:
            # An alias used as a key: drop the whole entry.
            top.key, top.key_discarded = f"*{event.anchor}", True
            return
        self.attach(None, event, discard=True)

    def on_ScalarEvent(self, event: Any) -> None:  # noqa: N802
        if event.anchor is not None or event.tag not in _PLAIN_OR_STANDARD:
            self.check_node(event)
        stack = self.stack
        if stack:
            top = stack[-1]
            if top.is_map and top.key is None:
                self.on_key(top, event)
                return
        tag = _resolved_tag(event)
        value = event.value if tag == _STR_TAG else self.scalar_value(event)
        path = self.attach(value, event)
        if path is None:
            return
        if not event.style:
            self.plain.add(path)
        if value.__class__ is str:
            self.check_text(event, value, path)

    def on_MappingStartEvent(self, event: Any) -> None:  # noqa: N802
        self.open(event, {})

    def on_SequenceStartEvent(self, event: Any) -> None:  # noqa: N802
        self.open(event, [])

    def on_MappingEndEvent(self, event: Any) -> None:  # noqa: N802
        self.close(event)

    def on_SequenceEndEvent(self, event: Any) -> None:  # noqa: N802
        self.close(event)

    # Helpers ------------------------------------------------------------------------

    def open(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        self.check_node(event)
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and top.key is None:
            self.fail(
                event.start_mark,
                top.path,
                ("a key must be plain text, not a list or mapping; write 'name: value'"),
                stop=True,
            )
        if len(self.stack) >= MAX_DEPTH:
            # Name the top-level field: a path of fifteen '[0]' helps nobody.
            self.fail(
                event.start_mark,
                self.current_path()[:1],
                (f"nesting is deeper than {MAX_DEPTH} levels; briefs never need that much"),
                stop=True,
            )
        if top is None and not isinstance(container, dict):
            self.fail(
                event.start_mark,
                (),
                ("the top level of a brief must be a mapping of fields ('name: …'), not a list"),
                stop=True,
            )
        discard = top.discard or top.key_discarded if top is not None else False
        path = self.attach(container, event, discard=discard)
        self.stack.append(
            _Frame(
                container, path if path is not None else (), discard, container.__class__ is dict
            )
        )

    def close(self, event: Any) -> None:
        self.stack.pop()

    def attach(self, value: Any, event: Any, *, discard: bool = False) -> FieldPath | None:
        """Put a value into the open container and record its span; None if discarded."""
        top = self.stack[-1] if self.stack else None
        if top is None:
            if isinstance(value, str) and " " in value.strip():
                self.fail(event.start_mark, (value.split()[0],), MISSING_COLON, stop=True)
            if not isinstance(value, dict):
                self.fail(
                    event.start_mark,
                    (),
                    (
                        "the top level of a brief must be a mapping of fields ('name: …'),"
                        f" not {_describe_scalar(value)}"
                    ),
                    stop=True,
                )
            self.root = value
            path: FieldPath = ()
        elif isinstance(top.container, dict):
            key = top.key
            assert key is not None, "a value in a mapping comes after its key"
            path = (*top.path, key)
            discard = discard or top.discard or top.key_discarded
            if not discard:
                top.container[key] = value
            top.key = None
        else:
            container = top.container
            path = (*top.path, len(container))
            discard = discard or top.discard
            if not discard:
                container.append(value)
        if discard:
            return None
        self.values[path] = (event.start_mark.index, event.end_mark.index)
        return path

    def on_key(self, frame: _Frame, event: Any) -> None:
        tag = _resolved_tag(event)
        key = event.value
        key_path = (*frame.path, key)
        frame.key = key
        frame.key_discarded = frame.discard
        if tag == _STR_TAG and key not in frame.seen:
            frame.seen[key] = event.start_mark.line + 1
            if not frame.discard:
                self.keys[key_path] = (event.start_mark.index, event.end_mark.index)
        elif tag == _MERGE_TAG:
            self.fail(
                event.start_mark,
                frame.path,
                ("merge keys ('<<') are not allowed in briefs; write the fields out in full"),
            )
            frame.key_discarded = True
        elif tag != _STR_TAG:
            what = (
                "a date"
                if tag == _TIMESTAMP_TAG
                else _describe_scalar(self.scalar_value(event, report=False))
            )
            self.fail(
                event.start_mark,
                frame.path,
                (
                    f"the key {_short(event.value)!r} is read as {what}; keys must be text: put it"
                    " in quotes, or check the spelling of the field name"
                ),
            )
            frame.key_discarded = True
        else:
            self.fail(
                event.start_mark,
                key_path,
                (
                    f"duplicate key {key!r} (first given on line {frame.seen[key]});"
                    " YAML would silently keep only the last one, so remove or merge one of them"
                ),
            )
            frame.key_discarded = True

    def scalar_value(self, event: Any, *, report: bool = True) -> Any:
        tag = _resolved_tag(event)
        if tag == _STR_TAG or tag not in _STANDARD_TAGS:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        problem = None
        if tag == _INT_TAG and sum(char.isalnum() for char in event.value) > MAX_INTEGER_CHARACTERS:
            # Python refuses to convert integers of more than 4,300 digits (ValueError).
            problem = f"{_short(event.value)!r} is too large; numbers in briefs are at most 10^15"
            if report:
                self.fail(event.start_mark, self.current_path(), problem)
                self.refused.add(self.current_path())
            return 0
        try:
            value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except Exception:  # PyYAML raises KeyError, ValueError, AttributeError, …
            value = event.value
            problem = (
                f"{_short(event.value)!r} is not a real date; write it as YYYY-MM-DD"
                " (for example 2026-01-23)"
                if tag == _TIMESTAMP_TAG
                else f"{_short(event.value)!r} cannot be read as {tag[18:]}; remove the tag"
                " or quote the text"
            )
        else:
            if tag == _TIMESTAMP_TAG:
                # Dates stay text in the data (JSON Schema's 'date' format checks them again).
                value = event.value
            elif isinstance(value, float) and not math.isfinite(value):
                problem = (
                    f"{_short(event.value)!r} is not a finite number; give a number or"
                    " quote the text"
                )
            elif (
                isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER
            ):
                # Python cannot even print integers of thousands of digits.
                value = 0
                problem = (
                    f"{_short(event.value)!r} is too large; numbers in briefs are at most 10^15"
                )
        if problem and report:
            self.fail(event.start_mark, self.current_path(), problem)
            self.refused.add(self.current_path())
        return value

    def check_text(self, event: Any, value: str, path: FieldPath) -> None:
        if not event.style and (cut := comment_cuts_value(self.text, event.end_mark.index)):
            line, column = self.position(cut)
            self.problems.append(
                Problem(
                    self.path,
                    line,
                    column,
                    format_path(path),
                    (
                        f"YAML reads ' #' as the start of a comment, so this value ends at"
                        f" {_short(value)!r}; if the '#' belongs to it, put the whole value in"
                        " quotes"
                    ),
                )
            )
        # Raw control and invisible characters never get here (the file is refused), so
        # only the escapes of double-quoted text can hide one.
        if event.style == '"' and (char := hidden_character(value)) is not None:
            if "\ud800" <= char <= "\udfff":
                # libyaml stops at such an escape with a syntax error; say the same here.
                escape = _SURROGATE_ESCAPE.search(self.text, event.start_mark.index)
                line, column = self.position(escape.start() if escape else event.start_mark.index)
                self.problems.append(
                    Problem(self.path, line, column, format_path(path), SURROGATE_ESCAPE)
                )
                raise _FatalError
            self.fail(
                event.start_mark,
                path,
                (
                    f"the value holds the invisible, control or non-text character"
                    f" U+{ord(char):04X}, written as an escape; delete it"
                ),
            )
            self.refused.add(path)  # the schema's pattern would say it again, less clearly
        elif not value.isascii() and (found := lookalike_word(value)) is not None:
            self.fail(event.start_mark, path, f"the word {found[0]!r} {found[1]}")

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = line_starts(self.text)
        return position(self._starts, offset)

    def check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.anchors += 1
            if self.anchors == 1:
                self.fail(
                    event.start_mark,
                    self.current_path(),
                    (
                        f"anchors ('&{event.anchor}') are not allowed in briefs; write values out"
                        " in full"
                    ),
                )
        tag = event.tag
        if tag not in (None, "!") and tag not in _STANDARD_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.fail(
                event.start_mark,
                self.current_path(),
                (
                    f"the tag '{shown}' is not allowed; briefs hold plain text, numbers, lists"
                    " and mappings only"
                ),
                stop=True,
            )


def _resolved_tag(event: Any) -> str:
    if event.tag not in (None, "!"):
        return str(event.tag)
    if event.tag == "!" or not event.implicit[0]:
        return _STR_TAG  # quoted, or a block scalar: always text
    value = event.value
    tag = _PLAIN_TAGS.get(value)
    if tag is None:
        # PyYAML's resolver tries its regular expressions one by one; field names, ids
        # and small numbers recur in every brief, so remember the answers.
        tag = str(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)))  # type: ignore[no-untyped-call]
        if len(_PLAIN_TAGS) < 50_000:
            _PLAIN_TAGS[value] = tag
    return tag


_RESOLVER = yaml.resolver.Resolver()
_PLAIN_TAGS: dict[str, str] = {}


def _mark0() -> Any:
    return yaml.Mark("", 0, 0, 0, "", 0)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe_scalar(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return f"the text {_short(value)!r}"
