"""The generated parts of hand-written pages: `<!-- briefs:name -->` markers in docs/.

The home page, for example, carries `<!-- briefs:latest -->`, which becomes the latest
developments; an unknown marker is an error, so a typo never publishes a bare comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from build_hooks import paths
from build_hooks.errors import BriefError, Problem
from build_hooks.kinds import BRIEF_TYPES, KINDS
from build_hooks.render.context import RenderContext
from build_hooks.render.page import PageContext
from build_hooks.render.timeline import latest_fragment
from build_hooks.words import count_of

_MARKER = re.compile(r"<!--\s*briefs:([a-z-]+)\s*-->")


def expand_markers(context: RenderContext, markdown: str, src_uri: str) -> str:
    """A hand-written page with each marker replaced by its fragment."""
    problems = []
    for match in _MARKER.finditer(markdown):
        if match.group(1) not in FRAGMENTS:
            line = markdown.count("\n", 0, match.start()) + 1
            problems.append(
                Problem(
                    f"docs/{src_uri}",
                    line,
                    1,
                    "",
                    (
                        f"unknown marker {match.group(0)!r}; the markers are: "
                        + ", ".join(f"<!-- briefs:{name} -->" for name in FRAGMENTS)
                    ),
                )
            )
    if problems:
        raise BriefError(problems)
    page = PageContext(context.graph, src_uri)
    return _MARKER.sub(lambda m: FRAGMENTS[m.group(1)](context, page), markdown)


def counts_fragment(context: RenderContext, page: PageContext) -> str:
    """How many briefs of each kind, and how many are due for a check, if any are: a
    reader has nothing to learn from "0 briefs due for re-checking" (maintainers find
    the maintenance page from the editorial rules)."""
    graph = context.graph
    parts = [
        f"[{count_of(len(graph.kinds[kind]), KINDS[kind].singular, kind)}]"
        f"({page.href(paths.index_page(kind))})"
        for kind in BRIEF_TYPES
    ]
    counts = ", ".join(parts) + f", {len(graph.timeline())} dated developments."
    stale = len(context.stale)
    if not stale:
        return counts
    return (
        counts + f" [{count_of(stale, 'brief')} due for re-checking]"
        f"({page.href(paths.MAINTENANCE)})."
    )


def data_fragment(context: RenderContext, page: PageContext) -> str:
    """Links to the site's data files."""
    files = [
        (paths.DATA_JSON, "every brief as JSON"),
        *((paths.csv_file(kind), f"{KINDS[kind].title.lower()} as CSV") for kind in BRIEF_TYPES),
        (paths.FEED, "an Atom feed of every development"),
    ]
    return "\n".join(f"- [{label}]({page.href(path)})" for path, label in files)


FRAGMENTS: dict[str, Callable[[RenderContext, PageContext], str]] = {
    "latest": latest_fragment,
    "counts": counts_fragment,
    "data": data_fragment,
}
