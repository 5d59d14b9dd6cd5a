"""Stories: the dated developments of several briefs merged into one list, each
development once.

The same development is often recorded on several briefs (a report of a first batch of
H200 imports is news about the approval, the chip and its buyers). Two entries are taken
to be the same development when they are dated the same day, the sources of one are all
among the sources of the other, and their words mostly agree: a story shows it once,
with every brief that records it and all their sources. Entries that share a day and a
source but say different things (one article, two events) stay apart.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from build_hooks.graph.brief import Brief, Development
from build_hooks.graph.graph import Graph
from build_hooks.kinds import KINDS, ORDER

SAME_WORDS = 0.5
"""How much of the shorter entry's wording the longer must share to be the same
development: the share of its words (three letters or more) found in the other."""

_WORD = re.compile(r"[^\W_]{3,}")


@dataclasses.dataclass(frozen=True)
class StoryEntry:
    """One development of a story, as recorded on one or more briefs."""

    shown: Development
    """The entry whose words are shown."""
    also: tuple[Development, ...]
    """The same development as other briefs record it."""

    @property
    def date(self) -> str:
        return self.shown.date

    @property
    def briefs(self) -> tuple[Brief, ...]:
        """Every brief that records it, the shown one first, each once."""
        found: dict[str, Brief] = {}
        for entry in (self.shown, *self.also):
            found.setdefault(entry.brief.id, entry.brief)
        return tuple(found.values())

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources of every record of it, the shown entry's first."""
        found = dict.fromkeys(self.shown.sources)
        for entry in self.also:
            found.update(dict.fromkeys(entry.sources))
        return tuple(found)

    @property
    def reported(self) -> bool:
        """Reported if any record calls it so: the hedge is never dropped."""
        return any(entry.reported for entry in (self.shown, *self.also))

    @property
    def expected(self) -> bool:
        return all(entry.expected for entry in (self.shown, *self.also))


def same_development(one: Development, other: Development) -> bool:
    """Whether two entries record the same development.

    >>> from types import SimpleNamespace as S
    >>> a = S(date="2026-01-29", sources=("x",), text="Huang calls the report fake news.")
    >>> text = "Jensen Huang calls the report of a batch fake news."
    >>> b = S(date="2026-01-29", sources=("x", "y"), text=text)
    >>> same_development(a, b), same_development(a, S(**{**vars(b), "text": "Shares fall."}))
    (True, False)
    """
    if one.date != other.date:
        return False
    mine, theirs = set(one.sources), set(other.sources)
    if not (mine <= theirs or theirs <= mine):
        return False
    words, other_words = _words(one.text), _words(other.text)
    shorter = min(len(words), len(other_words))
    return shorter > 0 and len(words & other_words) >= SAME_WORDS * shorter


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text)}


def merge(entries: Iterable[Development], prefer: str | None = None) -> list[StoryEntry]:
    """Developments as a story, oldest first, each development once.

    Of the records of one development, the words shown are those of the brief `prefer`
    names (the page's own), else of the record with the most sources, else of the first
    brief in the site's order.
    """
    unique = {(entry.brief.id, entry.index): entry for entry in entries}
    by_day: dict[str, list[Development]] = {}
    for entry in sorted(unique.values(), key=_order):
        by_day.setdefault(entry.date, []).append(entry)
    story: list[StoryEntry] = []
    for day in sorted(by_day):
        groups: list[list[Development]] = []
        for entry in by_day[day]:
            matching = [group for group in groups if any(same_development(entry, e) for e in group)]
            if not matching:
                groups.append([entry])
                continue
            merged = [entry]
            for group in matching:
                merged.extend(group)
                groups.remove(group)
            groups.append(merged)
        for group in sorted(groups, key=lambda group: min(map(_order, group))):
            shown = max(group, key=lambda e: (e.brief.id == prefer, len(e.sources), _rank(e)))
            rest = tuple(sorted((e for e in group if e is not shown), key=_order))
            story.append(StoryEntry(shown, rest))
    return story


def _order(entry: Development) -> tuple[str, int, str, int]:
    return (entry.date, ORDER[entry.brief.kind], entry.brief.id, entry.index)


def _rank(entry: Development) -> tuple[int, str, int]:
    # Larger is preferred: earlier kinds and ids first.
    return (-ORDER[entry.brief.kind], _inverted(entry.brief.id), -entry.index)


def _inverted(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(char)) for char in text)


def brief_story(graph: Graph, brief: Brief) -> list[StoryEntry]:
    """A brief's story: its own developments and those of the briefs that refer to it
    (the policies that affect a company, the chips it designed), or that mention it in a
    development's text; explainers and sources are left out (they tell no story of
    their own). Oldest first."""
    entries = list(brief.developments())
    by_brief: dict[str, list[Development]] = {}
    for link in graph.incoming.get(brief.id, []):
        other = graph.briefs[link.source]
        if other.id == brief.id or KINDS[other.kind].explainer:
            continue
        if link.relation == "reference":
            entries.extend(_developments(other, by_brief))
        elif link.relation == "mention" and link.path[:1] == ("timeline",):
            index = link.path[1]
            entries.extend(e for e in _developments(other, by_brief) if e.index == index)
    return merge(entries, prefer=brief.id)


def related_story(graph: Graph, ids: Iterable[str], starts: str | None = None) -> list[StoryEntry]:
    """The developments of the named briefs (from the day `starts`, if given), merged."""
    by_brief: dict[str, list[Development]] = {}
    entries = [
        entry
        for brief_id in ids
        for entry in _developments(graph.briefs[brief_id], by_brief)
        if starts is None or entry.date >= starts
    ]
    return merge(entries)


def _developments(brief: Brief, cache: dict[str, list[Development]]) -> list[Development]:
    if brief.id not in cache:
        cache[brief.id] = brief.developments()
    return cache[brief.id]
