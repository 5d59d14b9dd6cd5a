"""A fast yes-or-no check of a brief against its schema, compiled with fastjsonschema.

python-jsonschema gives the detailed, positioned findings that contributors read, but it
interprets the schema as it goes: about 1.5 ms a brief, most of a 10,000-brief check. The
compiled check is some sixty times faster. Valid briefs, nearly all of them, stop there;
a brief it rejects goes to python-jsonschema for the messages. Both use the same format
checks, and tests/test_speed.py keeps their verdicts equal.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import fastjsonschema

from build_hooks.errors import Problem
from build_hooks.kinds import SCHEMA_NAMES
from build_hooks.load.document import Document
from build_hooks.speed import code_cache
from build_hooks.validate.formats import FORMATS
from build_hooks.validate.schemas import COMMON, SchemaSet
from build_hooks.validate.validator import Validator

# Keys that only annotate; fastjsonschema ignores them, and leaving them out keeps the
# generated code small.
_ANNOTATIONS = {
    "title",
    "description",
    "examples",
    "$comment",
    "$schema",
    "$id",
    "errorMessage",
    "patternErrorMessage",
}


def standalone(documents: dict[str, dict[str, Any]], document: str) -> dict[str, Any]:
    """One type's schema, self-contained: the shared definitions become its own and every
    reference to them a local one (which fastjsonschema turns into one function each,
    instead of a copy at every use). Annotations are dropped."""

    def localise(node: Any) -> Any:
        if isinstance(node, list):
            return [localise(item) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "properties":  # property names are data, whatever they are called
                out[key] = {name: localise(child) for name, child in value.items()}
            elif key == "$ref" and value.startswith(COMMON + "#"):
                out[key] = value[len(COMMON) :]
            elif key not in _ANNOTATIONS and not key.startswith("x-"):
                out[key] = localise(value)
        return out

    schema: dict[str, Any] = localise(documents[document])
    schema["definitions"] = localise(documents[COMMON]["definitions"])
    return schema


# Compiled checks by the schema they check: a process that checks again (the preview
# server, the tests) asks for the same ones.
_compiled: dict[str, Callable[[Any], Any]] = {}


def compile_check(documents: dict[str, dict[str, Any]], document: str) -> Callable[[Any], bool]:
    """A function telling whether data is valid against one schema document."""
    schema = standalone(documents, document)
    key = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    if key not in _compiled:
        _compiled[key] = _generated_check(schema, key)
    validate = _compiled[key]

    def is_valid(data: Any) -> bool:
        try:
            validate(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return is_valid


def _generated_check(schema: dict[str, Any], key: str) -> Callable[[Any], Any]:
    """`fastjsonschema.compile(schema, formats=FORMATS)`, its Python code compiled once
    and kept on disk (code_cache.py): the code names the formats, which are given to it
    at each call, as `compile` does."""
    code = code_cache.compiled(
        "schema-check",
        f"{fastjsonschema.VERSION}\0{sorted(FORMATS)}\0{key}",
        lambda: fastjsonschema.compile_to_code(schema, formats=FORMATS),
    )
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # fastjsonschema's own code, which its `compile` runs the same way
    return functools.partial(namespace["validate"], custom_formats=FORMATS)


class QuickValidator(Validator):
    """A Validator that asks the compiled check first, and python-jsonschema only about a
    brief it rejects: the same problems, sixty times faster for a valid brief."""

    def __init__(self, schemas: SchemaSet) -> None:
        super().__init__(schemas)
        self._checks: dict[str, Callable[[Any], bool]] = {}

    def is_valid(self, kind: str, data: Any) -> bool:
        return self._check(kind)(data)

    def compile_checks(self) -> None:
        """Compile every kind's check now: processes forked afterwards share them instead
        of each compiling its own."""
        for kind in SCHEMA_NAMES:
            self._check(kind)

    def _check(self, kind: str) -> Callable[[Any], bool]:
        if kind not in self._checks:
            self._checks[kind] = compile_check(self.schemas.documents, SCHEMA_NAMES[kind])
        return self._checks[kind]

    def problems(
        self, kind: str, doc: Document, derived: dict[str, str] | None = None
    ) -> list[Problem]:
        if self.is_valid(kind, doc.data):
            return []
        return super().problems(kind, doc, derived)
