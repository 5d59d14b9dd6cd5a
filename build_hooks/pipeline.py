"""The whole pipeline without MkDocs: briefs folder in, pages and data files out.

load → validate → graph → render. Nothing is rendered unless every brief is valid, and
every problem of the run is reported at once.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from build_hooks.catalog import load_all
from build_hooks.errors import BriefError, Problem
from build_hooks.graph import Graph, build_graph
from build_hooks.render import Renderer
from build_hooks.schema import SchemaSet
from build_hooks.schema_fields import field_specs
from build_hooks.types import BRIEF_TYPES

DATA_JSON = "data/briefs.json"


@dataclasses.dataclass
class Site:
    """Everything the briefs add to the site, keyed by path among the docs files."""

    pages: dict[str, str]
    files: dict[str, bytes]
    graph: Graph


def check(briefs_dir: Path, root: Path, loader: type | None = None,
          schemas: SchemaSet | None = None) -> tuple[Graph, list[Problem]]:
    """Load, validate and resolve every brief; return the graph and every problem."""
    schemas = schemas or SchemaSet.load()
    briefs, unreadable, problems = load_all(briefs_dir, root, schemas, loader)
    specs = {kind: field_specs(schemas, kind) for kind in BRIEF_TYPES}
    graph, graph_problems = build_graph(briefs, specs, unreadable)
    return graph, sorted(set(problems + graph_problems))


def build_site(briefs_dir: Path, root: Path, edit_base: str | None = None) -> Site:
    """Every generated page and data file; raises BriefError if any brief is wrong."""
    schemas = SchemaSet.load()
    graph, problems = check(briefs_dir, root, schemas=schemas)
    if problems:
        raise BriefError(problems)
    renderer = Renderer(graph, schemas, edit_base)
    return Site(renderer.pages(), {DATA_JSON: briefs_json(graph)}, graph)


def briefs_json(graph: Graph) -> bytes:
    """/data/briefs.json: every brief with its references resolved in both directions."""
    items: list[dict[str, Any]] = []
    for brief in graph.briefs.values():
        items.append({
            "id": brief.id, "type": brief.kind, "name": brief.name, "url": brief.url,
            "file": brief.path, "data": brief.data,
            "references": [_link_json(graph, link.target, link.relation, link.title)
                           for link in graph.outgoing.get(brief.id, [])],
            "referenced_by": [
                _link_json(graph, link.source, link.relation, link.inverse or link.title)
                for link in graph.incoming.get(brief.id, [])],
        })
    text = json.dumps({"briefs": items}, ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")


def _link_json(graph: Graph, brief_id: str, relation: str, label: str) -> dict[str, str]:
    other = graph.briefs[brief_id]
    return {"id": other.id, "type": other.kind, "url": other.url, "relation": relation,
            "field": label}
