"""Validate loaded briefs against their JSON Schemas, with messages a contributor can act on.

python-jsonschema finds what is wrong; this module turns each finding into a problem at
the position of the value at fault, says it in words, and where it can, how to fix it
(a misspelt field, a key that lost its colon, a value YAML retyped because it was not
quoted).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from build_hooks.errors import Problem, did_you_mean
from build_hooks.kinds import BRIEF_TYPES, KINDS, SCHEMA_NAMES
from build_hooks.load.document import Document
from build_hooks.load.layout import field_at
from build_hooks.load.positions import format_path, split_lines
from build_hooks.load.yaml_errors import MISSING_COLON
from build_hooks.load.yaml_traps import lost_indent
from build_hooks.validate.formats import format_checker
from build_hooks.validate.schemas import SchemaSet

if TYPE_CHECKING:
    from jsonschema import ValidationError

# When one value breaks several rules, report only the most useful one.
_PRIORITY = {
    "type": 0,
    "required": 1,
    "additionalProperties": 1,
    "maxItems": 1,
    "enum": 2,
    "pattern": 3,
    "format": 4,
}


class Validator:
    """Checks briefs against the schemas of a SchemaSet."""

    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas

    @functools.cached_property
    def validators(self) -> dict[str, Any]:
        """python-jsonschema validators, one per kind and one for the glossary (imported
        when first needed: a command that checks nothing need not load jsonschema)."""
        from jsonschema import Draft7Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT7

        registry: Registry[Any] = Registry().with_resources(
            (name, Resource.from_contents(doc, default_specification=DRAFT7))
            for name, doc in self.schemas.documents.items()
        )
        return {
            kind: Draft7Validator(
                self.schemas.schema(kind), registry=registry, format_checker=format_checker()
            )
            for kind in SCHEMA_NAMES
        }

    def _nested_hints(self, kind: str) -> dict[str, str]:
        """For a key typed at the top level that belongs inside a group ('process' is a
        field of 'specs'), the hint to indent it."""
        hints: dict[str, str] = {}
        for group, prop in self.schemas.schema(kind)["properties"].items():
            for key in prop.get("properties", {}):
                hints.setdefault(
                    key,
                    f"; '{key}' is a field of '{group}': indent it by two"
                    f" spaces under the line '{group}:'",
                )
        return hints

    def _misplaced(self, kind: str, doc: Document) -> Problem | None:
        """A brief of another kind filed in this kind's folder (a chip under
        briefs/companies/): its fields are unknown here and all known to that kind."""
        keys = set(doc.data)
        unknown = sorted(keys - set(self.schemas.schema(kind)["properties"]))
        if len(unknown) < 2:
            return None  # one odd field is a typo, which 'unknown field' explains better
        fits = [
            other
            for other in BRIEF_TYPES
            if other != kind and keys <= set(self.schemas.schema(other)["properties"])
        ]
        if len(fits) != 1:
            return None
        other = fits[0]
        shown = [repr(key) for key in unknown[:3]]
        if len(unknown) > 3:
            listed = f"{', '.join(shown)} and {len(unknown) - 3} more"
        else:
            listed = f"{', '.join(shown[:-1])} and {shown[-1]}"
        name = doc.path.rsplit("/", 1)[-1]
        folder = doc.path.rsplit("/", 2)[0] if doc.path.count("/") >= 2 else "briefs"
        return Problem(
            doc.path,
            1,
            1,
            "",
            (
                f"this file holds a {KINDS[other].singular}, not a {KINDS[kind].singular}: its"
                f" fields {listed} are a {KINDS[other].singular}'s; move it to"
                f" {folder}/{other}/{name}"
            ),
        )

    def problems(
        self, kind: str, doc: Document, derived: dict[str, str] | None = None
    ) -> list[Problem]:
        """Every schema problem of one brief, each at the position of the value at fault.

        `derived` maps keys that name a derived relation (a company's 'chips') to why they
        cannot be written, for a better message than "unknown field".
        """
        if (misplaced := self._misplaced(kind, doc)) is not None:
            return [misplaced]  # every other schema problem would follow from the folder
        best: dict[tuple[Any, ...], tuple[int, Problem]] = {}
        hints = {**self._nested_hints(kind), **(derived or {})}
        required = set(self.schemas.schema(kind).get("required", []))
        errors = list(self.validators[kind].iter_errors(doc.data))
        mistyped = {tuple(e.absolute_path)[:-1] for e in errors if e.validator == "type"}
        for error in errors:
            if tuple(error.absolute_path) in doc.refused:
                continue  # the loader has already said what is wrong with this value
            if error.validator == "uniqueItems" and tuple(error.absolute_path) in mistyped:
                continue  # `[no, off]` are two falses: the type problem is the real one
            for rank, problem in _describe(error, doc, hints, kind):
                if problem.field in required and problem.message.endswith(_EMPTY):
                    problem = dataclasses.replace(
                        problem,
                        message=problem.message.replace(_EMPTY, "; it is required, so fill it in"),
                    )
                key = (problem.field, problem.line, problem.column)
                if key not in best or rank < best[key][0]:
                    best[key] = (rank, problem)
        found = [problem for _, problem in best.values()]
        # Text that lost its indentation leaves its field empty or cut short: say it once.
        lost = {p.field: p for rank, p in best.values() if rank == _LOST_INDENT}
        found = [p for p in found if p.field not in lost or lost[p.field] is p]
        # A key that lost its colon is also "missing"; say it once, where it is written.
        broken = {p.field for p in found if p.message == MISSING_COLON}
        return sorted(p for p in found if p.field not in broken or p.message == MISSING_COLON)


_LOST_INDENT = -1  # the rank of a line of text that lost its indentation: the whole story


def _describe(
    error: ValidationError, doc: Document, derived: dict[str, str], kind: str
) -> Iterator[tuple[int, Problem]]:
    path = tuple(error.absolute_path)
    rank = _PRIORITY.get(str(error.validator), 5)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    value: Any = error.instance
    rule: Any = error.validator_value  # what the schema asked for (a list, a number, …)
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            words = key.split()
            quoted = doc.text[doc.span((*path, key), key=True).start :][:1] in ("'", '"')
            if len(words) > 1 and words[0] in allowed and not quoted:
                # `title "A: B"` without its colon reads as the key `title "A` and a value.
                problem = doc.problem((*path, key), MISSING_COLON, key=True)
                yield 0, dataclasses.replace(problem, field=format_path((*path, words[0])))
                continue
            span = doc.span((*path, key), key=True)
            lines = split_lines(doc.text)
            if not quoted and (lost := lost_indent(lines, span.line - 1, kind)) is not None:
                # Text of the field above that lost its indentation reads as a new key.
                owner, message = lost
                field = format_path(field_at(lines, owner))
                yield _LOST_INDENT, Problem(doc.path, span.line, span.column, field, message)
                continue
            hint = (
                (derived.get(key) if not path else None)
                or did_you_mean(key, allowed)
                or ("; the fields allowed here are: " + ", ".join(allowed))
            )
            yield rank, doc.problem((*path, key), f"unknown field {key!r}{hint}", key=True)
        return
    if keyword == "required":
        for name in rule:
            if isinstance(value, dict) and name not in value:
                problem = doc.problem(
                    path,
                    f"the required field {name!r} is missing; add it"
                    f" ({_first_sentence(schema, name)})",
                )
                yield rank, dataclasses.replace(problem, field=format_path((*path, name)))
        return
    if keyword == "type" and isinstance(value, str) and "object" in _as_list(rule):
        # `- name Huawei` is valid YAML (a text item); the author meant `- name: Huawei`.
        words = value.split(maxsplit=1)
        word = words[0] if len(words) > 1 else ""
        if word in schema.get("properties", {}):
            problem = doc.problem(path, MISSING_COLON)
            yield rank, dataclasses.replace(problem, field=format_path((*path, word)))
            return
    yield rank, doc.problem(path, _message(keyword, error, schema, value, doc, path))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _message(
    keyword: Any,
    error: ValidationError,
    schema: dict[str, Any],
    value: Any,
    doc: Document,
    path: tuple[Any, ...],
) -> str:
    rule: Any = error.validator_value
    if keyword == "type":
        return _type_message(rule, value, doc, path, schema)
    if keyword == "enum":
        options = [str(option) for option in rule]
        hint = did_you_mean(str(value), options)
        if len(options) > 20:
            return f"{value!r} is not an allowed value{hint} ({schema.get('description', '')})"
        return f"{value!r} is not one of: {', '.join(options)}{hint}"
    if keyword == "pattern":
        explained = schema.get("patternErrorMessage", f"must match {rule}")
        return f"{_short(value)!r} {explained}"
    if keyword == "format":
        if rule == "date":
            return f"{value!r} is not a real date; write it as YYYY-MM-DD"
        if rule == "uri":
            return f"{_short(value)!r} is not a valid web address"
        return f"{_short(value)!r} is not a valid {rule}"
    if keyword in ("anyOf", "oneOf") and "errorMessage" in schema:
        # A field that takes several shapes explains them all in one message.
        if value is None:
            return f"the value is empty; it {schema['errorMessage']}"
        return f"{_short(value)!r} {schema['errorMessage']}"
    if keyword == "minItems":
        what = "source id" if path and path[-1] == "sources" else "item"
        plural = "s" if rule != 1 else ""
        return f"give at least {rule} {what}{plural}"
    if keyword == "maxItems":
        return f"lists {len(value):,} items; the limit is {rule:,}{_fewer(path, value)}"
    if keyword == "uniqueItems":
        counts = Counter(json.dumps(item, sort_keys=True) for item in value)
        repeated = sorted(_short(item) for item, count in counts.items() if count > 1)
        return f"lists {', '.join(repeated[:5])} more than once; remove the repeat"
    if keyword == "minLength":
        return "must not be empty"
    if keyword == "maxLength":
        return f"is {len(value):,} characters long; the limit is {rule:,}"
    if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        relation = {
            "minimum": "at least",
            "exclusiveMinimum": "more than",
            "maximum": "at most",
            "exclusiveMaximum": "less than",
        }[keyword]
        return f"must be {relation} {_number(rule)}, got {_number(value)}"
    return str(error.message)


def _number(value: Any) -> str:
    """A bound or value as a person writes it: 100,000,000 rather than 100000000 (but a
    year stays 2100)."""
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and 10_000 <= abs(value) < 1e16
    ):
        return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    return str(value)


def _fewer(path: tuple[Any, ...], value: Any) -> str:
    """How to stay within a list's limit, for the lists briefs hold."""
    if path and path[-1] == "sources":
        return "; cite the few best sources (primary or wire first)"
    if (
        isinstance(value, list)
        and value
        and all(isinstance(v, dict) and "value" in v for v in value)
    ):
        return (
            "; give each value once, with every source that states it in its sources,"
            " and leave out what no good source states"
        )
    return ""


_EMPTY = "; fill it in, or delete the line if you have nothing to put there"
_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "nothing",
}


def _type_message(
    expected: Any, value: Any, doc: Document, path: tuple[Any, ...], schema: dict[str, Any]
) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    wanted = " or ".join(_TYPE_WORDS.get(name, name) for name in names)
    message = f"expected {wanted}, got {_describe_value(value)}"
    if path in doc.plain_scalars and "string" in names:
        raw = doc.raw(path).strip()
        if isinstance(value, bool | int | float):
            # YAML 1.1 reads unquoted NO/yes/on/off, 1:20, 012 or 1.10 as booleans and numbers.
            message += (
                f"; YAML reads the unquoted {raw} as {_describe_value(value)},"
                f" so put it in quotes: '{raw}'"
            )
    if value is None and "enum" in schema and len(schema["enum"]) <= 20:
        message += f"; fill in one of: {', '.join(map(str, schema['enum']))}"
    elif value is None:
        message += _EMPTY
    if isinstance(value, str) and names == ["number"]:
        message += "; write the number alone (the unit is part of the field name)"
    if names == ["array"] and _holds_readings(schema) and value is not None:
        message = _readings_message(value, doc, path)
    return message


def _holds_readings(schema: dict[str, Any]) -> bool:
    items = schema.get("items")
    return isinstance(items, dict) and {"value", "sources"} <= set(items.get("required", []))


def _readings_message(value: Any, doc: Document, path: tuple[Any, ...]) -> str:
    """A reading list written as a bare value (`memory_gb: 192`) or as one reading without
    its '- ' (`value: 192` under the field): how to write it as a list of readings."""
    key = path[-1] if path and isinstance(path[-1], str) else "the field"
    if isinstance(value, dict):
        return (
            "expected a list of readings, got a single reading without its '- '; put '- '"
            " before its first line ('- value: …') and indent the next lines two more spaces"
        )
    shown = doc.raw(path).strip() if path in doc.values else _describe_value(value)
    return (
        f"expected a list of readings, got {_describe_value(value)}; each reading gives a value"
        f" and the sources that state it: under '{key}:' write '- value: {shown}' and, on the"
        f" next line indented two more spaces, 'sources: [source-id]'"
    )


def _describe_value(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {_short(value)!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _short(value: Any, limit: int = 60) -> Any:
    if isinstance(value, str) and len(value) > limit:
        return value[: limit - 1] + "…"
    return value


def _first_sentence(schema: dict[str, Any], name: str) -> str:
    prop = schema.get("properties", {}).get(name, {})
    text = str(prop.get("description", "")).split(". ")[0].rstrip(".")
    return text[:1].lower() + text[1:] if text else name
