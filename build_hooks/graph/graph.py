"""The resolved briefs: every brief by id and kind, with its links in both directions.

Nothing is rendered until the whole graph is known, because a page shows relations in
both directions and the inverse side is never typed by hand.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import NamedTuple

from build_hooks.graph.brief import Brief, Development
from build_hooks.graph.glossary import Glossary
from build_hooks.kinds import BRIEF_TYPES, ORDER
from build_hooks.load.positions import FieldPath


class Link(NamedTuple):
    """One brief pointing at another: a reference field, a mention or a citation."""

    source: str
    target: str
    relation: str  # "reference", "mention" or "citation"
    title: str
    inverse: str | None
    path: FieldPath


class Graph:
    """Every brief by id, with links in both directions, ready to render."""

    def __init__(
        self,
        briefs: list[Brief],
        links: list[Link],
        bits: dict[str, int] | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        ordered = sorted(briefs, key=lambda brief: (ORDER[brief.kind], brief.id))
        self.briefs: dict[str, Brief] = {brief.id: brief for brief in ordered}
        self.kinds: dict[str, list[Brief]] = {kind: [] for kind in BRIEF_TYPES}
        for brief in ordered:
            self.kinds[brief.kind].append(brief)
        self.outgoing: dict[str, list[Link]] = defaultdict(list)
        self.incoming: dict[str, list[Link]] = defaultdict(list)
        for link in links:
            self.outgoing[link.source].append(link)
            self.incoming[link.target].append(link)
        self.bits: dict[str, int] = dict(bits or {})
        """The bit length of each precision of a chip's dense throughput (the schema's
        `x-bits`), which its TPP is computed with."""
        self.glossary = glossary or Glossary([])
        """The terms of briefs/glossary.yaml, marked wherever they appear in brief text."""

    @functools.cached_property
    def threshold_policies(self) -> list[Brief]:
        """The policies that set numeric thresholds: few, and needed on every chip page."""
        return [policy for policy in self.kinds["policies"] if policy.data.get("thresholds")]

    def referrers(self, brief_id: str) -> dict[str, list[Brief]]:
        """Briefs that name this one in a reference field, grouped by the inverse label."""
        groups: dict[str, dict[str, Brief]] = {}
        for link in self.incoming.get(brief_id, []):
            if link.relation == "reference" and link.inverse:
                groups.setdefault(link.inverse, {})[link.source] = self.briefs[link.source]
        return {label: _sorted(found) for label, found in sorted(groups.items())}

    def linked(self, brief_id: str, relation: str) -> list[Brief]:
        """Other briefs that mention (or cite) this one, each once, in a stable order."""
        found = {
            link.source: self.briefs[link.source]
            for link in self.incoming.get(brief_id, [])
            if link.relation == relation and link.source != brief_id
        }
        return _sorted(found)

    def timeline(self) -> list[Development]:
        """Every dated development of every brief, newest first (a copy to keep)."""
        return list(self._timeline)

    @functools.cached_property
    def _timeline(self) -> list[Development]:
        entries = [entry for brief in self.briefs.values() for entry in brief.developments()]
        entries.sort(key=lambda entry: (ORDER[entry.brief.kind], entry.brief.id, entry.index))
        entries.sort(key=lambda entry: entry.date, reverse=True)
        return entries


def _sorted(found: dict[str, Brief]) -> list[Brief]:
    return sorted(
        found.values(), key=lambda brief: (ORDER[brief.kind], brief.name.casefold(), brief.id)
    )
