"""What every page writer shares: the graph, the schemas' field descriptions, the site's
options and the template environment, worked out once per build."""

from __future__ import annotations

import dataclasses
import datetime

import jinja2

from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.kinds import BRIEF_TYPES
from build_hooks.options import SiteOptions
from build_hooks.render.templates import make_environment
from build_hooks.validate.fields import DisplayField, display_fields
from build_hooks.validate.schemas import SchemaSet


@dataclasses.dataclass(frozen=True)
class RenderContext:
    """The inputs of every page of one site."""

    graph: Graph
    schemas: SchemaSet
    options: SiteOptions
    env: jinja2.Environment
    fields: dict[str, list[DisplayField]]
    """Each kind's fields, in schema order, as the schema says to show them."""
    stale: list[tuple[Brief, int]]
    """Briefs whose as_of is older than the configured age, with their age, oldest first."""

    @classmethod
    def create(
        cls,
        graph: Graph,
        schemas: SchemaSet,
        options: SiteOptions | None = None,
        environment: jinja2.Environment | None = None,
    ) -> RenderContext:
        options = options or SiteOptions()
        return cls(
            graph,
            schemas,
            options,
            environment or make_environment(),
            {kind: display_fields(schemas, kind) for kind in BRIEF_TYPES},
            _stale(graph, options),
        )

    def field(self, kind: str, key: str) -> DisplayField:
        return next(field for field in self.fields[kind] if field.key == key)


def _stale(graph: Graph, options: SiteOptions) -> list[tuple[Brief, int]]:
    found = []
    for brief in graph.briefs.values():
        as_of = brief.data.get("as_of")
        if isinstance(as_of, str):
            age = (options.today - datetime.date.fromisoformat(as_of)).days
            if age > options.stale_after_days:
                found.append((brief, age))
    return sorted(found, key=lambda pair: (-pair[1], pair[0].kind, pair[0].id))
