"""The loader's fast path: PyYAML's C parser, for briefs with nothing unusual in them.

The full loader (load/reader.py) reads every event of the YAML stream in Python, so that it can
refuse what YAML lets through and say exactly where. That costs about twice what the C
loader alone does. Nearly every brief is ordinary, and for those the C parser's tree of
nodes is made into the same data in one pass (`_value`), for less than the C loader
itself takes; positions are then worked out only for the few briefs that turn out to
have a problem (`Document.locator`).

`fast_data` answers only when it is sure: any brief with a character that could start
something the full loader refuses (an anchor, alias, tag, escape, merge key, directive,
second document, or a value cut at ' #'), and any brief whose data breaks a rule the full
loader enforces, gets None, and the full loader reads it instead. Its verdicts and data
are tested to match the full loader's on every real brief, every hostile case and
generated documents of every kind of scalar (tests/test_speed.py).

On very deep input: the full loader counts depth on the event stream because a C composer
without a depth limit can crash the process. The libyaml bundled with PyYAML's wheels
(0.2.5 and later) stops at 1,000 levels with an error; the fast path is used only with
such a libyaml, and counts the depth of the result before accepting it.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from build_hooks.limits import MAX_DEPTH, MAX_INTEGER
from build_hooks.load import reader
from build_hooks.load.document import Document
from build_hooks.load.text_checks import lookalike_word

# Anything that could be an anchor, alias, tag, escape, merge key, directive, document
# marker, tab or a value cut at ' #'. Plain text may contain these too ('R&D', '*bold*');
# such briefs simply take the full loader's path. Plain substring tests: a regular
# expression with alternatives costs ten times as much on every brief.
_UNUSUAL_CHARACTERS = ("&", "*", "!", "\\", "\t", "<<", "\n---", "\n...", "\n%")
_CUT_BY_COMMENT = re.compile(r" #\S")


def _unusual(text: str) -> bool:
    return (
        any(marker in text for marker in _UNUSUAL_CHARACTERS)
        or text.startswith(("---", "...", "%"))
        or (" #" in text and _CUT_BY_COMMENT.search(text) is not None)
    )


def _libyaml_has_depth_limit() -> bool:
    if not yaml.__with_libyaml__:
        return False
    return tuple(yaml._yaml.get_version()) >= (0, 2, 5)


AVAILABLE = _libyaml_has_depth_limit()


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _DeclinedError(Exception):
    """The fast path is not sure about this brief."""


class _Constructor(yaml.constructor.SafeConstructor):
    """SafeConstructor's way with numbers, booleans and nulls, except that dates stay
    text (as the full loader keeps them)."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> str:  # type: ignore[override]
        super().construct_yaml_timestamp(node)  # raises ValueError for an impossible date
        return str(node.value)


# The scalars other than text that YAML's tags give a brief, and what makes each value.
_SCALARS = {
    tag: getattr(_Constructor, method)
    for tag, method in (
        ("tag:yaml.org,2002:int", "construct_yaml_int"),
        ("tag:yaml.org,2002:float", "construct_yaml_float"),
        ("tag:yaml.org,2002:bool", "construct_yaml_bool"),
        ("tag:yaml.org,2002:null", "construct_yaml_null"),
        ("tag:yaml.org,2002:timestamp", "construct_yaml_timestamp"),
    )
}


def _value(node: yaml.Node, constructor: _Constructor) -> Any:
    """The value of a node of the C parser's tree, as SafeConstructor makes it, in one
    pass with no bookkeeping: a brief has no anchors, aliases or tags (`_unusual` sent
    any that might to the full loader), so each node is made once, where it stands.
    SafeConstructor's general machinery was a third of the C loader's time. A repeated
    or non-text key, and any other tag, declines instead."""
    kind, tag = node.__class__, node.tag
    if kind is yaml.ScalarNode:
        if tag == _STR:
            return node.value
        make = _SCALARS.get(tag)
        if make is None:
            raise _DeclinedError
        return make(constructor, node)
    if kind is yaml.SequenceNode and tag == _SEQ:
        return [_value(item, constructor) for item in node.value]
    if kind is yaml.MappingNode and tag == _MAP:
        mapping = {}
        for key, value in node.value:
            if key.__class__ is not yaml.ScalarNode or key.tag != _STR:
                raise _DeclinedError
            mapping[key.value] = _value(value, constructor)
        if len(mapping) != len(node.value):
            raise _DeclinedError  # a key given twice
        return mapping
    raise _DeclinedError


_CONSTRUCTOR = _Constructor()

if AVAILABLE:
    from yaml._yaml import CParser

    class _FastLoader(CParser, yaml.resolver.Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.resolver.Resolver.__init__(self)


def read_brief(raw: bytes, path: str, loader: type | None = None) -> Document:
    """`load.reader.read_brief`, with the same result, at about the C loader's speed for
    an ordinary brief (one read with the C loader, `loader` or by default)."""
    chosen = loader or reader.DEFAULT_LOADER
    if chosen is not getattr(yaml, "CSafeLoader", None):
        return reader.read_brief(raw, path, chosen)
    text = reader.decode(raw, path)
    data = fast_data(text)
    if data is None:
        return reader.read_text(text, path, chosen)
    return Document(path, text, data, locator=reader.locate)


def fast_data(text: str) -> dict[str, Any] | None:
    """The brief's data, or None when the full loader must read it."""
    if not AVAILABLE or _unusual(text):
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _value(node, _CONSTRUCTOR)
    except (_DeclinedError, yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not data:
        return None
    return data if _acceptable(data) else None


def _acceptable(data: dict[str, Any]) -> bool:
    """The full loader's rules on values: depth, numbers, and words of one alphabet."""
    # One level of containers at a time: most values are text and numbers, checked where
    # they are found rather than queued with their depth.
    level: list[Any] = [data]
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            return False
        deeper: list[Any] = []
        for container in level:
            for value in container.values() if container.__class__ is dict else container:
                kind = value.__class__
                if kind is dict or kind is list:
                    deeper.append(value)
                elif kind is str:
                    if not value.isascii() and lookalike_word(value) is not None:
                        return False
                elif kind is float:
                    if not math.isfinite(value):
                        return False
                elif kind is int and abs(value) > MAX_INTEGER:
                    return False
        level = deeper
        depth += 1
    return True
