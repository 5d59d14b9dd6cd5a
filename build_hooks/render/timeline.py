"""The site-wide timeline: every dated development of every brief, newest first."""

from __future__ import annotations

from typing import Any

from build_hooks import paths
from build_hooks.render.context import RenderContext
from build_hooks.render.page import PageContext


def timeline_page(context: RenderContext) -> str:
    page = PageContext(context.graph, paths.TIMELINE)
    years: dict[str, list[Any]] = {}
    for entry in context.graph.timeline():
        years.setdefault(entry.date[:4], []).append(entry)
    return context.env.get_template("timeline.md.j2").render(page=page, years=years)
