"""The brief format reference (contribute/brief-format.md), written from the JSON Schemas.

Every field a brief can hold is documented here with its meaning, whether it is required,
what it takes and an example, all read from the schemas, so the reference cannot drift
from what `check` accepts. Two shapes recur across types and are described once: sourced
values (`value` / `sources` / `reported` / `note`) and timeline entries.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import jinja2

from build_hooks.kinds import GLOSSARY, KINDS, SCHEMA_NAMES
from build_hooks.render.front_matter import front_matter
from build_hooks.render.markdown import Safe, code_span
from build_hooks.validate.examples import example_lines
from build_hooks.validate.schemas import COMMON, SchemaSet

_LONG_ENUM = 30  # country codes: say what they are rather than list 250 of them


@dataclasses.dataclass(frozen=True)
class FieldDoc:
    """One field of one brief type, as the reference shows it."""

    path: str
    required: bool
    title: str
    description: str
    takes: str
    allowed: tuple[tuple[str, str], ...]
    example: tuple[str, ...]

    @property
    def depth(self) -> int:
        return self.path.count(".")


def field_docs(schemas: SchemaSet, kind: str) -> list[FieldDoc]:
    """Every field of a type, parents before their children, in schema order."""
    schema = schemas.schema(kind)
    found: list[FieldDoc] = []
    _walk(schemas, schema, SCHEMA_NAMES[kind], "", found)
    return found


def shared_docs(schemas: SchemaSet) -> dict[str, list[FieldDoc]]:
    """The fields of the shapes described once: a sourced value and a timeline entry."""
    common = schemas.documents[COMMON]["definitions"]
    shapes = {
        "sourced value": common["text_readings"]["items"],
        "timeline entry": common["development"],
    }
    docs: dict[str, list[FieldDoc]] = {}
    for name, node in shapes.items():
        docs[name] = []
        _walk(schemas, node, COMMON, "", docs[name])
    return docs


def _walk(
    schemas: SchemaSet,
    node: dict[str, Any],
    document: str,
    prefix: str,
    found: list[FieldDoc],
    groups: tuple[str, ...] = (),
) -> None:
    """Document node's fields; `groups` are the mappings they sit in ('specs'), so that
    an example shows where the field goes."""
    required = set(node.get("required", []))
    for key, prop in node.get("properties", {}).items():
        structure, inner, notes = schemas.resolve_annotated(prop, document)
        path = f"{prefix}{key}"
        example = notes.get("examples")
        found.append(
            FieldDoc(
                path=path,
                required=key in required,
                title=notes.get("title", ""),
                description=notes.get("description", ""),
                takes=_takes(schemas, structure, inner, notes),
                allowed=_allowed(structure, notes),
                example=tuple(_example(groups, key, example[0])) if example else (),
            )
        )
        items = _items(schemas, structure, inner)
        if structure.get("type") == "object":
            _walk(schemas, structure, inner, f"{path}.", found, (*groups, key))
        elif items is not None and not _is_shared(items[0]):
            _walk(schemas, items[0], items[1], f"{path}[].", found)


def _example(groups: tuple[str, ...], key: str, value: Any) -> list[str]:
    for group in reversed(groups):
        key, value = group, {key: value}
    return example_lines(key, value)


def _items(
    schemas: SchemaSet, structure: dict[str, Any], document: str
) -> tuple[dict[str, Any], str] | None:
    if structure.get("type") == "array" and isinstance(structure.get("items"), dict):
        item, item_document, _ = schemas.resolve_annotated(structure["items"], document)
        if item.get("type") == "object":
            return item, item_document
    return None


def _is_shared(item: dict[str, Any]) -> bool:
    keys = set(item.get("properties", {}))
    return {"value", "sources"} <= keys or {"date", "text", "sources"} <= keys


def _takes(
    schemas: SchemaSet, structure: dict[str, Any], document: str, notes: dict[str, Any]
) -> Safe:
    """What a field takes, in words (Markdown: enumerated values are shown as code)."""
    return Safe(_words(schemas, structure, document, notes))


def _words(
    schemas: SchemaSet, structure: dict[str, Any], document: str, notes: dict[str, Any]
) -> str:
    kinds = notes.get("x-ref")
    unit = f" in {notes['x-unit']}" if notes.get("x-unit") else ""
    json_type = structure.get("type")
    if kinds:
        names = " or ".join(KINDS[k].singular for k in kinds)
        return f"ids of {names} briefs" if json_type == "array" else f"the id of a {names} brief"
    if json_type == "array":
        items = _items(schemas, structure, document)
        if items is not None and {"value", "sources"} <= set(items[0].get("properties", {})):
            value, where, value_notes = schemas.resolve_annotated(
                items[0]["properties"]["value"], items[1]
            )
            if notes.get("x-may-be-future"):
                value_notes = {**value_notes, "x-may-be-future": True}
            each = _words(schemas, value, where, value_notes)
            return f"a list of sourced values, each {each}{unit}"
        if items is not None and "date" in items[0].get("properties", {}):
            return "a list of timeline entries"
        if items is not None:
            return "a list of entries, each with the fields below"
        item = schemas.resolve_annotated(structure.get("items", {}), document)
        return f"a list, each item {_words(schemas, *item)}"
    if json_type == "object":
        return "a group of the fields below"
    if "anyOf" in structure or notes.get("format") == "date":
        return (
            "a date, YYYY-MM-DD"
            if notes.get("format") == "date"
            else ("a year, quarter, month or day: 2024, 2024-Q2, 2024-05 or 2024-05-14")
        ) + _not_after_today(notes)
    if notes.get("format") == "uri":
        return "a web address starting with https://, on a public site"
    if notes.get("contentMediaType") == "text/markdown":
        return (
            "Markdown text: paragraphs, `- ` lists, `*emphasis*`, `[[id]]` mentions and"
            " `[^source-id]` citations"
        )
    if "enum" in structure:
        if len(structure["enum"]) > _LONG_ENUM:
            return "a two-letter ISO 3166-1 country code in capitals, such as US or CN"
        return "one of " + ", ".join(code_span(value) for value in structure["enum"])
    if json_type == "string":
        limit = structure.get("maxLength")
        return "one line of text" + (f", at most {limit} characters" if limit else "")
    if json_type in ("number", "integer"):
        bounds = []
        if "minimum" in structure:
            bounds.append(f"at least {structure['minimum']}")
        if "exclusiveMinimum" in structure:
            bounds.append(f"more than {structure['exclusiveMinimum']}")
        if "maximum" in structure:
            bounds.append(f"at most {structure['maximum']}")
        word = "a whole number" if json_type == "integer" else "a number"
        return word + (f" ({', '.join(bounds)})" if bounds else "")
    if json_type == "boolean":
        return "true or false"
    return "a value"


def _not_after_today(notes: dict[str, Any]) -> str:
    """What validate/rules.py allows of the date's day (see `x-future-if`)."""
    if not notes.get("x-date") or notes.get("x-may-be-future"):
        return ""
    if notes.get("x-future-if"):
        return f", not after today unless the entry has `{notes['x-future-if']}: true`"
    return ", not after today"


def _allowed(structure: dict[str, Any], notes: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """Enumerated values that have names of their own (country codes), for a table."""
    meanings = notes.get("x-names", {})
    enum = structure.get("enum") or (structure.get("items") or {}).get("enum") or []
    return tuple((str(value), meanings[value]) for value in enum if value in meanings)


def format_reference_page(schemas: SchemaSet, env: jinja2.Environment) -> str:
    types = [
        (kind, info.title, info.singular, field_docs(schemas, kind)) for kind, info in KINDS.items()
    ]
    return front_matter(title="Brief format") + env.get_template("format_reference.md.j2").render(
        types=types,
        glossary=field_docs(schemas, GLOSSARY),
        glossary_about=schemas.schema(GLOSSARY).get("description", ""),
        shared=shared_docs(schemas),
    )
