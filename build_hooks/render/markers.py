"""The generated parts of hand-written pages: `<!-- briefs:name -->` markers in docs/.

The home page, for example, carries `<!-- briefs:latest -->`, which becomes the latest
developments, and `<!-- briefs:topic <id> -->`, which becomes the lead of a topic; an
unknown marker, or a topic that does not exist, is an error, so a typo never publishes a
bare comment. The sources the fragments cite are numbered once for the whole page, and
their footnotes come at its end.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from build_hooks import paths
from build_hooks.errors import BriefError, Problem
from build_hooks.graph.brief import Brief
from build_hooks.kinds import BRIEF_TYPES, KINDS
from build_hooks.render.context import RenderContext
from build_hooks.render.markdown import escape_text
from build_hooks.render.page import PageContext
from build_hooks.render.story import latest_fragment
from build_hooks.words import count_of

_MARKER = re.compile(r"<!--\s*briefs:([a-z-]+)(?:\s+([a-z0-9-]+))?\s*-->")


TopicLead = Callable[[PageContext, Brief, int], str]
"""Writes a topic's lead for a page, with headings at a level (TopicPages.lead)."""


def expand_markers(
    context: RenderContext, markdown: str, src_uri: str, topic_lead: TopicLead
) -> str:
    """A hand-written page with each marker replaced by its fragment."""
    problems = []
    for match in _MARKER.finditer(markdown):
        message = _marker_problem(context, match)
        if message is not None:
            line = markdown.count("\n", 0, match.start()) + 1
            problems.append(Problem(f"docs/{src_uri}", line, 1, "", message))
    if problems:
        raise BriefError(problems)
    page = PageContext(context.graph, src_uri)

    def fragment(match: re.Match[str]) -> str:
        name, argument = match.group(1, 2)
        if name in TOPIC_FRAGMENTS:
            return TOPIC_FRAGMENTS[name](context, page, argument, topic_lead)
        return FRAGMENTS[name](context, page)

    expanded = _MARKER.sub(fragment, markdown)
    notes = page.footnotes()
    return expanded.rstrip("\n") + f"\n\n{notes}\n" if notes else expanded


def _marker_problem(context: RenderContext, match: re.Match[str]) -> str | None:
    """What is wrong with a marker, or None."""
    name, argument = match.group(1, 2)
    if name in TOPIC_FRAGMENTS:
        topics = [
            brief.id
            for kind in BRIEF_TYPES
            if KINDS[kind].explainer
            for brief in context.graph.kinds[kind]
        ]
        if argument is None:
            return (
                f"the marker {match.group(0)!r} needs a topic's id,"
                f" as in <!-- briefs:{name} <id> -->"
            )
        if argument not in topics:
            return (
                f"{match.group(0)!r} names no topic; the topics are:"
                f" {', '.join(topics) or 'none yet (add one in briefs/topics/)'}"
            )
        return None
    if name in FRAGMENTS and argument is None:
        return None
    known = [
        *(f"<!-- briefs:{n} -->" for n in FRAGMENTS),
        *(f"<!-- briefs:{n} <id> -->" for n in TOPIC_FRAGMENTS),
    ]
    return f"unknown marker {match.group(0)!r}; the markers are: " + ", ".join(known)


def counts_fragment(context: RenderContext, page: PageContext) -> str:
    """How many briefs of each kind, and how many are due for a check, if any are: a
    reader has nothing to learn from "0 briefs due for re-checking" (maintainers find
    the maintenance page from the editorial rules)."""
    graph = context.graph
    parts = [
        f"[{count_of(len(graph.kinds[kind]), KINDS[kind].singular, kind)}]"
        f"({page.href(paths.index_page(kind))})"
        for kind in BRIEF_TYPES
        if graph.kinds[kind]  # a kind the site does not use yet is not "0 topics"
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


def topic_fragment(
    context: RenderContext, page: PageContext, topic_id: str, topic_lead: TopicLead
) -> str:
    """A topic's heading (linking to its page), its lead and a link to the whole story."""
    topic = context.graph.briefs[topic_id]
    lead = topic_lead(page, topic, 3)
    link = page.link(topic_id, "The whole story")
    return (
        f"## {escape_text(topic.name)}\n\n{lead}\n\n"
        f"{link}: why it matters, every development in date order and the open questions."
    )


TOPIC_FRAGMENTS: dict[str, Callable[[RenderContext, PageContext, str, TopicLead], str]] = {
    "topic": topic_fragment,
}

FRAGMENTS: dict[str, Callable[[RenderContext, PageContext], str]] = {
    "latest": latest_fragment,
    "counts": counts_fragment,
    "data": data_fragment,
}
