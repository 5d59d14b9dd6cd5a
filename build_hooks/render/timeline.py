"""Dated developments: one way to write an entry, and the pages and fragments that list
them (the site-wide timeline, newest first; the latest ones on the home page; a brief's
own, oldest first)."""

from __future__ import annotations

from typing import Any

from build_hooks import paths
from build_hooks.graph.brief import Development
from build_hooks.render.context import RenderContext
from build_hooks.render.front_matter import front_matter
from build_hooks.render.markdown import Safe
from build_hooks.render.page import PageContext

LATEST = 10  # developments on the home page


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


def latest_fragment(context: RenderContext, page: PageContext) -> str:
    """The newest developments, each with its brief and sources, and their footnotes
    (scheduled ones wait on the timeline: a far-off date would hold the top place)."""
    happened = [entry for entry in context.graph.timeline() if not entry.expected]
    lines = [entry_line(page, entry) for entry in happened[:LATEST]]
    notes = page.footnotes()
    return "\n".join(lines) + (f"\n\n{notes}" if notes else "")
