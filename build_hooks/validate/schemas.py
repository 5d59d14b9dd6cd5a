"""The JSON Schemas in build_hooks/schemas/: one per kind, plus shared definitions.

The schemas are plain JSON Schema (draft 7), so editors and other validators read them
too. Besides the rules, their annotations (`title`, `description`, `x-ref`, `x-unit`, …)
say how each field is shown and which fields link to other briefs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from build_hooks.kinds import SCHEMA_NAMES

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"
COMMON = "common.schema.json"

# Annotations collected while following `$ref`s to a field's structural schema.
_ANNOTATIONS = (
    "title",
    "description",
    "x-ref",
    "x-inverse",
    "x-unit",
    "x-bits",
    "x-infobox",
    "x-names",
    "x-year",
    "x-date",
    "x-future-if",
    "x-may-be-future",
    "contentMediaType",
    "format",
    "examples",
)


class SchemaSet:
    """The schemas of every kind of brief, by file name."""

    def __init__(self, documents: dict[str, dict[str, Any]]) -> None:
        self.documents = documents

    @classmethod
    def load(cls, directory: Path = SCHEMA_DIR) -> SchemaSet:
        names = [COMMON, *SCHEMA_NAMES.values()]
        return cls({name: json.loads((directory / name).read_text("utf-8")) for name in names})

    def schema(self, kind: str) -> dict[str, Any]:
        """The schema of a kind of brief, or of the glossary."""
        return self.documents[SCHEMA_NAMES[kind]]

    def resolve_once(
        self, node: dict[str, Any], document: str
    ) -> tuple[dict[str, Any], str] | None:
        """One step along `$ref` (or a single-entry `allOf`), or None at a structural schema."""
        if "$ref" in node:
            target, _, pointer = node["$ref"].partition("#")
            document = target or document
            found = self.documents[document]
            for part in filter(None, pointer.split("/")):
                found = found[part]
            return found, document
        if "allOf" in node and len(node["allOf"]) == 1 and "type" not in node:
            return node["allOf"][0], document
        return None

    def resolve_annotated(
        self, node: dict[str, Any], document: str
    ) -> tuple[dict[str, Any], str, dict[str, Any]]:
        """The structural schema behind `node`, its document, and its annotations.

        Annotations found on the way (titles, descriptions, `x-` keys) are collected; the
        outermost wins, so a property can override the description of what it refers to.
        """
        notes: dict[str, Any] = {}
        while True:
            for name in _ANNOTATIONS:
                if name in node and name not in notes:
                    notes[name] = node[name]
            step = self.resolve_once(node, document)
            if step is None:
                return node, document, notes
            node, document = step
