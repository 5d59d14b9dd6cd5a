"""Dated developments: one way to write an entry, and the site-wide timeline, newest first.
(Stories, each development once, are in render/story.py: a brief's story so far, a topic's
story and the latest developments on the home page.)"""

from __future__ import annotations

from typing import Any

from build_hooks import paths
from build_hooks.graph.brief import Development
from build_hooks.render.context import RenderContext
from build_hooks.render.front_matter import front_matter
from build_hooks.render.markdown import Safe
from build_hooks.render.page import PageContext


def entry_line(page: PageContext, entry: Development, *, with_brief: bool = True) -> Safe:
    """One development as a list item: its date, its brief (unless the page is the
    brief's own), *reported* when it rests on anonymous sources, *expected* when it is
    scheduled, the text and its citations."""
    about = f", {page.link(entry.brief.id)}" if with_brief else ""
    flags = [
        word for word, on in (("reported", entry.reported), ("expected", entry.expected)) if on
    ]
    flag = f" (*{', '.join(flags)}*)" if flags else ""
    return Safe(
        f"- **{entry.date}**{about}{flag}: {page.prose(entry.text, indent=4)}"
        f"{page.cite(entry.sources)}"
    )


def timeline_page(context: RenderContext) -> str:
    page = PageContext(context.graph, paths.TIMELINE)
    years: dict[str, list[Any]] = {}
    for entry in context.graph.timeline():
        years.setdefault(entry.date[:4], []).append(entry)
    # Every entry is also on its brief's page, which is where search should lead.
    return front_matter(search_exclude=True) + context.env.get_template("timeline.md.j2").render(
        page=page, years=years, entry_line=entry_line
    )
