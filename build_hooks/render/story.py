"""Stories on pages: a brief's story so far, a topic's story and the latest developments on
the home page, each development once (graph/story.py merges the records of one
development on several briefs)."""

from __future__ import annotations

import itertools

from build_hooks import paths
from build_hooks.graph.story import StoryEntry, merge
from build_hooks.render.context import RenderContext
from build_hooks.render.markdown import Safe
from build_hooks.render.page import PageContext

LATEST = 10
"""Developments on the home page."""

STORY_LIMIT = 40
"""Developments of other briefs on a brief's page, the newest kept: a company that many
rules affect would otherwise list every one of their developments."""


def story_line(page: PageContext, entry: StoryEntry, own: str | None = None) -> Safe:
    """One development as a list item: its date, the briefs that record it (but the page's
    own), *reported* or *expected*, its text and the citations of every record."""
    about = "".join(f", {page.link(brief.id)}" for brief in entry.briefs if brief.id != own)
    flags = [
        word for word, on in (("reported", entry.reported), ("expected", entry.expected)) if on
    ]
    flag = f" (*{', '.join(flags)}*)" if flags else ""
    return Safe(
        f"- [**{entry.date}**]({_address(page, entry)}){about}{flag}:"
        f" {page.prose(entry.shown.text, indent=4)}"
        f"{page.cite(entry.sources)}"
    )


def limit_story(story: list[StoryEntry], own: str) -> tuple[list[StoryEntry], int]:
    """A brief's story with every development of its own and the newest STORY_LIMIT of
    other briefs', and how many of the others were left out."""
    others = [entry for entry in story if own not in {b.id for b in entry.briefs}]
    if len(others) <= STORY_LIMIT:
        return story, 0
    dropped = {id(entry) for entry in others[: len(others) - STORY_LIMIT]}
    return [entry for entry in story if id(entry) not in dropped], len(dropped)


def latest_fragment(context: RenderContext, page: PageContext) -> str:
    """The newest developments, each once, with their briefs and sources (scheduled ones
    wait on the timeline: a far-off date would hold the top place)."""
    happened = (entry for entry in context.graph.timeline() if not entry.expected)
    latest: list[StoryEntry] = []
    for _, day in itertools.groupby(happened, key=lambda entry: entry.date):
        # Newest day first; within a day, in the order the site lists briefs.
        latest.extend(merge(day))
        if len(latest) >= LATEST:
            break
    return "\n".join(story_line(page, entry) for entry in latest[:LATEST])


def _address(page: PageContext, entry: StoryEntry) -> str:
    """The development's own address on its month's timeline page (as
    render/timeline.entry_href gives it; written here to keep the import tree shallow)."""
    return f"{page.href(paths.timeline_month(entry.shown.month))}#{entry.shown.anchor}"
