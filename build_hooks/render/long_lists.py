"""Lists on a brief's page that grow with the site: the briefs that refer to a brief, cite
it or mention it, and a policy's verdict on every chip against each of its thresholds.

A brief's page shows the first `SHOWN` entries of such a list and a link to the whole
of it, which has pages of its own under the brief's address, `PER_PAGE` entries a page
(`/policies/<id>/affected-by/`, then `/policies/<id>/affected-by/page/2/`): so no page
grows with the number of briefs, and every entry can still be reached.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from build_hooks import paths
from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.kinds import KINDS
from build_hooks.render.description import shorten
from build_hooks.render.front_matter import front_matter
from build_hooks.render.markdown import Safe, escape_text
from build_hooks.render.mentions import Mention
from build_hooks.render.page import PageContext
from build_hooks.render.paging import page_count, pager
from build_hooks.words import count_of, noun

SHOWN = 50
"""Entries of a list shown on the brief's own page."""
PER_PAGE = 200
"""Entries on each page of a whole list."""

Entry = TypeVar("Entry")
BRIEFS = ("brief", "briefs")
CHIPS = ("chip", "chips")


@dataclasses.dataclass(frozen=True)
class LongList:
    """A list of a brief's page too long to show whole there, and its own pages."""

    brief: Brief
    name: str
    """Its address under the brief's: 'affected-by', 'threshold-3a090-a-1'."""
    heading: str
    """Its heading on the brief's page ('Affected by')."""
    size: int
    noun: tuple[str, str]
    """What it lists, singular and plural ('brief', 'briefs')."""

    @property
    def pages(self) -> int:
        return page_count(self.size, PER_PAGE)

    def path(self, number: int = 1) -> str:
        return paths.brief_list_page(self.brief.kind, self.brief.id, self.name, number)


@dataclasses.dataclass(frozen=True)
class Shown(Generic[Entry]):
    """What a brief's page shows of a list: its first entries, and when there are more,
    a line that says how many and links to the whole list."""

    entries: Sequence[Entry]
    more: Safe | None = None


def slug(heading: str) -> str:
    """A list's name in addresses, from its heading.

    >>> slug("Affected by"), slug("Mentioned in")
    ('affected-by', 'mentioned-in')
    """
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


def long_list(
    brief: Brief, heading: str, size: int, noun: tuple[str, str], name: str | None = None
) -> LongList | None:
    """The list, if it is too long to show whole on the brief's page."""
    if size <= SHOWN:
        return None
    return LongList(brief, name or slug(heading), heading, size, noun)


def threshold_list(policy: Brief, threshold: dict[str, Any], chips: int) -> LongList | None:
    """A policy's verdicts on the site's `chips` against one of its thresholds, if they
    are too many for the policy's page."""
    anchor = paths.threshold_anchor(str(threshold["id"]))
    return long_list(policy, str(threshold["label"]), chips, CHIPS, anchor)


def listed_referrers(referrers: dict[str, list[Brief]]) -> dict[str, list[Brief]]:
    """Of a brief's `referrers` (`Graph.referrers`), the groups its page lists, in the
    order it lists them (topics are shown above the summary instead, so a group of them
    is no list)."""
    return {
        heading: by_date(others)
        for heading, others in referrers.items()
        if not any(KINDS[other.kind].explainer for other in others)
    }


def by_date(briefs: list[Brief]) -> list[Brief]:
    """Briefs of the kinds listed by date (policies, sources) newest first, as their indexes
    list them; others by name, as they come."""
    kinds: dict[str, list[Brief]] = {}
    for brief in briefs:
        kinds.setdefault(brief.kind, []).append(brief)
    ordered = []
    for kind, found in kinds.items():
        if KINDS[kind].newest_first:
            found = sorted(found, key=lambda brief: brief.date, reverse=True)
        ordered.extend(found)
    return ordered


def shown(page: PageContext, whole: LongList | None, entries: Sequence[Entry]) -> Shown[Entry]:
    """The part of `entries` the brief's page shows (all of them, unless the list is long)."""
    if whole is None:
        return Shown(entries)
    return Shown(
        entries[:SHOWN],
        Safe(
            f"These are the first {SHOWN} of {whole.size:,} {noun(whole.size, *whole.noun)}:"
            f" [see them all]({page.href(whole.path())})"
            f" ({count_of(whole.pages, 'page')} of up to {PER_PAGE})."
        ),
    )


def brief_item(page: PageContext, other: Brief, described: str) -> Safe:
    """One brief in a list of briefs: a link to it, and what it is."""
    return Safe(f"- {page.link(other.id)}" + (f": {escape_text(described)}" if described else ""))


def mention_item(page: PageContext, mention: Mention, mentioned: str) -> Safe:
    """One brief that mentions `mentioned`: a link to it, and the sentence that does."""
    date = f" ({escape_text(mention.date)})" if mention.date else ""
    sentence = page.quote(
        mention.sentence, mentioned, mention.brief.id, "timeline" if mention.date else ""
    )
    return Safe(f"- {page.link(mention.brief.id)}{date}: “{sentence}”")


@dataclasses.dataclass(frozen=True)
class ListPage:
    """One page of a whole list, and what it needs to write its share."""

    graph: Graph
    whole: LongList
    number: int
    intro: Callable[[PageContext], Safe]
    """What the list is: a sentence that links to the brief."""
    body: Callable[[PageContext, int, int], Safe]
    """The entries from the first index up to the second, as Markdown."""

    def write(self) -> str:
        whole, number = self.whole, self.number
        page = PageContext(self.graph, whole.path(number))
        first, last = (number - 1) * PER_PAGE, min(whole.size, number * PER_PAGE)
        kind = KINDS[whole.brief.kind]
        # "Affected by" becomes "affected by"; "TPP of 4,800 or more" stays as it is.
        heading = whole.heading
        if not heading[1:2].isupper():
            heading = heading[:1].lower() + heading[1:]
        name = str(whole.brief.data.get(kind.title_field) or whole.brief.name)
        title = f"{name}: {heading}"
        if whole.pages > 1:
            title += f", page {number} of {whole.pages}"
        description = (
            f"All {whole.size:,} {noun(whole.size, *whole.noun)} under “{whole.heading}” on the"
            f" page of {name}."
        )
        lines = [
            f"[Home]({page.href('index.md')}) ›"
            f" [{kind.title}]({page.href(paths.index_page(whole.brief.kind))}) ›"
            f" {page.link(whole.brief.id)}",
            "{: data-search-exclude }",
            "",
            f"# {escape_text(title)}",
            "",
            f"{self.intro(page)} This page lists "
            + (f"number {last}." if first + 1 == last else f"{first + 1} to {last}."),
        ]
        navigation = pager(number, whole.pages, lambda n: page.href(whole.path(n)))
        lines += ["", navigation] if navigation else []
        lines += ["", self.body(page, first, last)]
        lines += ["", navigation] if navigation else []
        notes = page.footnotes()
        lines += ["", notes] if notes else []
        return front_matter(title=title, description=shorten(description)) + "\n".join(lines) + "\n"
