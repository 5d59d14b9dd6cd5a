"""What the schemas say about fields: which hold references, which hold Markdown.

Reading this from the schemas (the `x-ref`, `x-inverse` and `contentMediaType`
annotations) keeps them the single source of truth: a new reference field needs a
schema edit and nothing else.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from build_hooks.kinds import BRIEF_TYPES, KINDS, SCHEMA_NAMES
from build_hooks.load.positions import FieldPath
from build_hooks.validate.schemas import SchemaSet

Pattern = tuple[str, ...]
"""A field path in which '*' stands for every item of a list."""


@dataclasses.dataclass(frozen=True)
class RefField:
    """A field whose values are ids of other briefs."""

    pattern: Pattern
    kinds: tuple[str, ...]
    title: str
    inverse: str | None

    @property
    def is_citation(self) -> bool:
        return self.kinds == ("sources",)


@dataclasses.dataclass(frozen=True)
class DateField:
    """A field holding a date of something that has happened (`x-date`)."""

    pattern: Pattern
    future_if: str | None
    """A sibling key which, when true, allows a date after today (`x-future-if`)."""


@dataclasses.dataclass(frozen=True)
class FieldSpecs:
    """The reference, Markdown, address and date fields of one brief type."""

    references: tuple[RefField, ...]
    markdown: tuple[Pattern, ...]
    urls: tuple[Pattern, ...]
    """Fields holding web addresses (`format: uri`)."""
    dates: tuple[DateField, ...] = ()
    """Fields whose dates may not be after today: every `x-date` field not under an
    `x-may-be-future` one (a rule's effective date may be announced ahead)."""


@dataclasses.dataclass(frozen=True)
class DisplayField:
    """How to show one property: its label, unit and what its values are."""

    key: str
    title: str
    unit: str | None
    kinds: tuple[str, ...]
    names: dict[str, str]
    is_url: bool
    is_enum: bool
    in_infobox: bool
    bits: int | None
    is_year: bool


def display_fields(schemas: SchemaSet, kind: str, *within: str) -> list[DisplayField]:
    """The properties of a brief type (or of one of its object fields), in schema order."""
    node, document = schemas.schema(kind), SCHEMA_NAMES[kind]
    for key in within:
        node, document, _ = schemas.resolve_annotated(node["properties"][key], document)
    fields = []
    for key, child in node.get("properties", {}).items():
        structure, inner, notes = schemas.resolve_annotated(child, document)
        if structure.get("type") == "array" and isinstance(structure.get("items"), dict):
            structure = schemas.resolve_annotated(structure["items"], inner)[0]
        fields.append(
            DisplayField(
                key=key,
                title=notes.get("title", key),
                unit=notes.get("x-unit"),
                kinds=tuple(notes.get("x-ref", ())),
                names=notes.get("x-names", {}),
                is_url=notes.get("format") == "uri",
                is_enum="enum" in structure,
                in_infobox=bool(notes.get("x-infobox")),
                bits=notes.get("x-bits"),
                is_year=bool(notes.get("x-year")),
            )
        )
    return fields


def bit_lengths(schemas: SchemaSet) -> dict[str, int]:
    """The bit length of each precision of a chip's dense throughput (`x-bits`), in the
    schema's order: what its TPP is computed with.

    >>> bit_lengths(SchemaSet.load())["bf16"]
    16
    """
    return {
        field.key: field.bits
        for field in display_fields(schemas, "chips", "dense_tops")
        if field.bits is not None
    }


def field_specs(schemas: SchemaSet, kind: str) -> FieldSpecs:
    found = _Found([], [], [], [])
    _walk(schemas, schemas.schema(kind), SCHEMA_NAMES[kind], (), {}, found)
    return FieldSpecs(
        tuple(found.references), tuple(found.markdown), tuple(found.urls), tuple(found.dates)
    )


@dataclasses.dataclass
class _Found:
    references: list[RefField]
    markdown: list[Pattern]
    urls: list[Pattern]
    dates: list[DateField]


def derived_relations(schemas: SchemaSet) -> dict[str, dict[str, str]]:
    """For each type, the keys a contributor might type for a relation that the build
    derives from the other side (a company's 'chips'), with the hint to show instead.

    >>> derived_relations(SchemaSet.load())["companies"]["chips"].split(": ")[1].split(",")[0]
    "each chip names the company in its 'designer' or 'manufacturer' field"
    """
    sides: dict[str, dict[str, list[tuple[str, str]]]] = {kind: {} for kind in BRIEF_TYPES}
    for other in BRIEF_TYPES:
        for ref in field_specs(schemas, other).references:
            if ref.inverse is None:
                continue
            field = next(part for part in reversed(ref.pattern) if part != "*")
            for kind in ref.kinds:
                for key in {other, _slug(ref.inverse)}:
                    sides[kind].setdefault(key, []).append((other, field))
    hints: dict[str, dict[str, str]] = {}
    for kind, keys in sides.items():
        hints[kind] = {}
        for key, origins in keys.items():
            fields = " or ".join(f"'{field}'" for field in dict.fromkeys(f for _, f in origins))
            other, one = origins[0][0], KINDS[kind].singular
            hints[kind][key] = (
                f"; this list is built, not written: each {KINDS[other].singular} names the"
                f" {one} in its {fields} field, and the {one}'s page lists the {other} from"
                " there"
            )
    for kind in BRIEF_TYPES:
        for key in ("mentioned_in", "mentions", "cited_by", "citations"):
            hints[kind].setdefault(
                key,
                (
                    "; mentions and citations are collected from the text of every brief ([[id]]"
                    " and [^source-id]), so there is nothing to write here"
                ),
            )
    return hints


def _slug(title: str) -> str:
    return title.lower().replace(" ", "_").replace("-", "_")


def _walk(
    schemas: SchemaSet,
    node: dict[str, Any],
    document: str,
    pattern: Pattern,
    inherited: dict[str, Any],
    found: _Found,
) -> None:
    """Add the reference, Markdown, address and date fields under `node` to `found`."""
    node, document, notes = schemas.resolve_annotated(node, document)
    for name, value in inherited.items():
        notes.setdefault(name, value)
    if notes.get("x-date") and not notes.get("x-may-be-future"):
        found.dates.append(DateField(pattern, notes.get("x-future-if")))
    if "x-ref" in notes:
        target = (*pattern, "*") if node.get("type") == "array" else pattern
        title = notes.get("title") or next((p for p in reversed(pattern) if p != "*"), "")
        ref = RefField(target, tuple(notes["x-ref"]), title, notes.get("x-inverse"))
        found.references.append(ref)
    elif notes.get("contentMediaType") == "text/markdown":
        found.markdown.append(pattern)
    elif notes.get("format") == "uri":
        found.urls.append(pattern)
    elif node.get("type") == "object":
        # Whether a date may be in the future holds for everything under the field.
        future = {"x-may-be-future": True} if notes.get("x-may-be-future") else {}
        for key, child in node.get("properties", {}).items():
            _walk(schemas, child, document, (*pattern, key), dict(future), found)
    elif node.get("type") == "array" and isinstance(node.get("items"), dict):
        keep: dict[str, Any] = {
            name: notes[name] for name in ("title", "x-may-be-future") if name in notes
        }
        _walk(schemas, node["items"], document, (*pattern, "*"), keep, found)


def values_at(data: Any, pattern: Pattern, prefix: FieldPath = ()) -> list[tuple[FieldPath, Any]]:
    """Every (path, value) in `data` matching `pattern`, in the order the values are
    written; wrongly typed parts are skipped.

    >>> values_at({"a": [{"b": 1}, "x", {"b": 2}]}, ("a", "*", "b"))
    [(('a', 0, 'b'), 1), (('a', 2, 'b'), 2)]
    """
    # One level of the pattern at a time, not a recursive generator: the checks walk
    # every brief's fields this way a hundred times over, and the calls were most of it.
    found: list[tuple[FieldPath, Any]] = [(prefix, data)]
    for head in pattern:
        if head == "*":
            found = [
                ((*path, index), item)
                for path, value in found
                if isinstance(value, list)
                for index, item in enumerate(value)
            ]
        else:
            found = [
                ((*path, head), value[head])
                for path, value in found
                if isinstance(value, dict) and head in value
            ]
        if not found:
            break
    return found
