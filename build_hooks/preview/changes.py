"""What an edit changed, as the keys pages read (see tracking.py).

Two resolved graphs are compared brief by brief: a brief whose file was not read again
is the same object in both, so only the edited ones are looked into, field by field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph, Link
from build_hooks.preview.tracking import (
    ALL,
    EVERY_FIELD,
    EXISTS,
    GLOSSARY,
    INCOMING,
    LINKS,
    MEMBERS,
    OUTGOING,
    STALE,
    THRESHOLD_POLICIES,
    TIMELINE,
    Key,
)

_MISSING = object()


@dataclasses.dataclass(frozen=True)
class Changes:
    """What differs between two graphs."""

    keys: frozenset[Key]
    """Every key (see tracking.py) whose value differs."""
    briefs: frozenset[str]
    """The ids of the briefs added, removed or edited."""

    def __bool__(self) -> bool:
        return bool(self.keys)


def changes(old: Graph, new: Graph) -> Changes:
    """What differs between `old` and `new` (same schemas and options)."""
    old_briefs, new_briefs = _plain(old.briefs), _plain(new.briefs)
    keys: set[Key] = set()
    edited: set[str] = set()
    for brief_id in old_briefs.keys() | new_briefs.keys():
        before, after = old_briefs.get(brief_id), new_briefs.get(brief_id)
        if before is after:
            continue
        edited.add(brief_id)
        moved = before is None or after is None or before.path != after.path
        if moved or before is None or after is None:
            keys.add((MEMBERS, ALL))
            for brief in (before, after):
                if brief is not None:
                    fields = set(dict.keys(brief.doc.data)) | {"name"}
                    keys |= _brief_keys(brief, fields, (EXISTS,))
                    keys.add((MEMBERS, brief.kind))
            continue
        fields = _changed_fields(before.doc.data, after.doc.data)
        if fields:
            keys |= _brief_keys(after, fields, ())
    keys |= _link_keys(old, new, edited)
    if old.glossary is not new.glossary:
        keys.add(GLOSSARY)
    return Changes(frozenset(keys), frozenset(edited))


def _brief_keys(brief: Brief, fields: set[str], more: Iterable[str]) -> set[Key]:
    found = {(brief.id, field) for field in (*fields, *more)}
    found.add((brief.id, EVERY_FIELD))
    if "timeline" in fields:
        found.add(TIMELINE)
    if "as_of" in fields:
        found.add(STALE)
    if brief.kind == "policies" and "thresholds" in fields:
        found.add(THRESHOLD_POLICIES)
    return found


def _changed_fields(before: Mapping[str, object], after: Mapping[str, object]) -> set[str]:
    return {
        field
        for field in before.keys() | after.keys()
        if before.get(field, _MISSING) != after.get(field, _MISSING)
    }


def _link_keys(old: Graph, new: Graph, edited: set[str]) -> set[Key]:
    """Links change only where a brief was edited: from it, and to what it links to."""
    keys: set[Key] = set()
    targets: set[str] = set()
    for brief_id in edited:
        before, after = _links(old.outgoing, brief_id), _links(new.outgoing, brief_id)
        if before != after:
            keys.add((OUTGOING, brief_id))
            targets |= {link.target for link in (*before, *after)}
        targets.add(brief_id)
    for target in targets:
        if _links(old.incoming, target) != _links(new.incoming, target):
            keys.add((INCOMING, target))
    if keys:
        keys.add((LINKS, ALL))
    return keys


def _links(links: dict[str, list[Link]], brief_id: str) -> list[Link]:
    return dict.get(links, brief_id) or []  # dict's own: not recorded as a page's read


def _plain(briefs: dict[str, Brief]) -> dict[str, Brief]:
    return dict(dict.items(briefs))
