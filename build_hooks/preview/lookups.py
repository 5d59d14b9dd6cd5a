"""Lookups that note what they looked up: resolving a brief through them says which ids
it depends on, so the preview resolves it again only when one of those changes (see
briefs.py)."""

from __future__ import annotations

import dataclasses
from typing import Any

from build_hooks.graph.resolve import BriefIndex


class Noting(dict[str, Any]):
    """A mapping that notes the keys looked up in it, into `seen`."""

    def __init__(self, items: dict[str, Any]) -> None:
        super().__init__(items)
        self.seen: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.seen.add(key)
        return dict.get(self, key, default)

    def __getitem__(self, key: str) -> Any:
        self.seen.add(key)
        return dict.__getitem__(self, key)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.seen.add(key)
        return dict.__contains__(self, key)


class NotingSet(frozenset[str]):
    """A set that notes the members asked about, into the `seen` of a Noting."""

    noted: Noting

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.noted.seen.add(key)
        return frozenset.__contains__(self, key)


def noting_index(index: BriefIndex) -> tuple[BriefIndex, Noting]:
    """`index` with its lookups by id (and of ambiguous ids) noted into the Noting given
    back; clear its `seen` between briefs."""
    by_id = Noting(index.by_id)
    ambiguous = NotingSet(index.ambiguous)
    ambiguous.noted = by_id
    return dataclasses.replace(index, by_id=by_id, ambiguous=ambiguous), by_id
