"""All briefs at once: every reference resolved, every inverse relation derived.

Nothing is rendered until the whole graph is known, because a page shows relations in
both directions and the inverse side is never typed by hand.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Set
from typing import NamedTuple

from build_hooks.catalog import ID_PATTERN
from build_hooks.errors import Problem
from build_hooks.fieldpath import FieldPath, format_path
from build_hooks.markdown_text import scan
from build_hooks.model import Brief, Development
from build_hooks.schema_fields import FieldSpecs, values_at
from build_hooks.suggest import did_you_mean
from build_hooks.types import BRIEF_TYPES, SINGULAR


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

    def __init__(self, briefs: list[Brief], links: list[Link]) -> None:
        order = {kind: index for index, kind in enumerate(BRIEF_TYPES)}
        ordered = sorted(briefs, key=lambda brief: (order[brief.kind], brief.id))
        self.briefs: dict[str, Brief] = {brief.id: brief for brief in ordered}
        self.kinds: dict[str, list[Brief]] = {kind: [] for kind in BRIEF_TYPES}
        for brief in ordered:
            self.kinds[brief.kind].append(brief)
        self.outgoing: dict[str, list[Link]] = defaultdict(list)
        self.incoming: dict[str, list[Link]] = defaultdict(list)
        for link in links:
            self.outgoing[link.source].append(link)
            self.incoming[link.target].append(link)

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
        found = {link.source: self.briefs[link.source]
                 for link in self.incoming.get(brief_id, [])
                 if link.relation == relation and link.source != brief_id}
        return _sorted(found)

    def timeline(self) -> list[Development]:
        """Every dated development of every brief, newest first."""
        entries: list[Development] = []
        for brief in self.briefs.values():
            for index, item in enumerate(brief.data.get("timeline", [])):
                entries.append(Development(str(item["date"]), brief, index, item["text"],
                                           tuple(item["sources"]), bool(item.get("reported"))))
        order = {kind: index for index, kind in enumerate(BRIEF_TYPES)}
        entries.sort(key=lambda entry: (order[entry.brief.kind], entry.brief.id, entry.index))
        entries.sort(key=lambda entry: entry.date, reverse=True)
        return entries


def _sorted(found: dict[str, Brief]) -> list[Brief]:
    order = {kind: index for index, kind in enumerate(BRIEF_TYPES)}
    return sorted(found.values(), key=lambda brief: (order[brief.kind], brief.name.casefold(),
                                                     brief.id))


def build_graph(briefs: list[Brief], specs: dict[str, FieldSpecs],
                unreadable: Set[str] = frozenset()) -> tuple[Graph, list[Problem]]:
    """Resolve every reference, mention and citation; report each one that does not.

    Ids in `unreadable` belong to files that exist but could not be loaded: their own
    problems are already reported, so references to them are not reported again.
    """
    problems: list[Problem] = []
    by_id: dict[str, Brief] = {}
    # References to these ids are not checked: their files' own problems say why.
    ambiguous: set[str] = set(unreadable)
    for brief in sorted(briefs, key=lambda b: b.path):
        other = by_id.get(brief.id)
        if other is None:
            by_id[brief.id] = brief
            continue
        ambiguous.add(brief.id)
        for mine, theirs in ((brief, other), (other, brief)):
            problems.append(Problem(mine.path, 1, 1, "", (
                f"the id {mine.id!r} is also used by {theirs.path}; ids are unique across all"
                " types, so rename one of the two files")))
    ids_by_kind: dict[str, list[str]] = defaultdict(list)
    for brief in by_id.values():
        ids_by_kind[brief.kind].append(brief.id)

    links: list[Link] = []
    for brief in by_id.values():
        spec = specs[brief.kind]
        data = brief.data
        for field in spec.references:
            if field.pattern[0] not in data:
                continue  # most patterns name fields a brief does not have
            for path, value in values_at(data, field.pattern):
                relation = "citation" if field.is_citation else "reference"
                target = by_id.get(value) if value.__class__ is str else None
                if target is not None and target.kind in field.kinds and value not in ambiguous:
                    links.append(Link(brief.id, value, relation, field.title, field.inverse, path))
                    continue  # the usual case, settled without building any message
                if not _is_id(value) or value in ambiguous:
                    continue  # the schema reports non-ids; duplicate ids are reported above
                message = _check_target(value, field.kinds, by_id, ids_by_kind,
                                        f"{format_path(path)} must name")
                if message:
                    problems.append(brief.doc.problem(path, message))
                else:
                    links.append(Link(brief.id, value, relation, field.title, field.inverse, path))
        for pattern in spec.markdown:
            if pattern[0] not in data:
                continue
            for path, text in values_at(data, pattern):
                if isinstance(text, str):
                    links.extend(_resolve_tokens(brief, path, text, by_id, ids_by_kind,
                                                 ambiguous, problems))
    problems.extend(_loops(links, by_id))
    return Graph(list(by_id.values()), links), problems


def _loops(links: list[Link], by_id: dict[str, Brief]) -> list[Problem]:
    """References that lead back to where they start: a chip based on itself, two companies
    each the other's parent. Either would make a page claim something impossible."""
    problems: list[Problem] = []
    edges: dict[str, dict[str, dict[str, Link]]] = defaultdict(lambda: defaultdict(dict))
    for link in links:
        if link.relation != "reference" or by_id[link.source].kind != by_id[link.target].kind:
            continue
        if link.source == link.target:
            singular = SINGULAR[by_id[link.source].kind]
            problems.append(by_id[link.source].doc.problem(link.path, (
                f"names this {singular} itself; remove it or name another {singular}")))
            continue
        field = format_path(tuple(p for p in link.path if isinstance(p, str)))
        edges[field][link.source].setdefault(link.target, link)
    for field, graph in sorted(edges.items()):
        done: set[str] = set()
        for start in sorted(graph):
            _find_loops(field, start, graph, done, by_id, problems)
    return problems


def _find_loops(field: str, start: str, graph: dict[str, dict[str, Link]], done: set[str],
                by_id: dict[str, Brief], problems: list[Problem]) -> None:
    """Depth-first from `start`, without recursion (a chain of amendments can be long)."""
    chain: list[str] = []
    stack: list[tuple[str, bool]] = [(start, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            chain.pop()
            done.add(node)
            continue
        if node in done:
            continue
        if node in chain:
            loop = chain[chain.index(node):]
            link = graph[loop[0]][loop[1] if len(loop) > 1 else node]
            problems.append(by_id[loop[0]].doc.problem(link.path, (
                f"the {field} references go round in a loop ({' → '.join([*loop, node])});"
                " one of them is wrong, so fix it in one of those briefs")))
            continue
        chain.append(node)
        stack.append((node, True))
        stack.extend((target, False) for target in sorted(graph.get(node, {}), reverse=True))


def _resolve_tokens(brief: Brief, path: FieldPath, text: str, by_id: dict[str, Brief],
                    ids_by_kind: dict[str, list[str]], ambiguous: set[str],
                    problems: list[Problem]) -> list[Link]:
    links: list[Link] = []
    seen: dict[str, int] = defaultdict(int)
    for token in scan(text):
        occurrence = seen[token.text]
        seen[token.text] += 1
        if token.target in ambiguous:
            continue
        if token.kind == "mention":
            kinds = BRIEF_TYPES
            usage = "a mention"
        else:
            kinds = ("sources",)
            usage = "a citation"
        message = None
        if not ID_PATTERN.fullmatch(token.target):
            candidates = [i for k in kinds for i in ids_by_kind[k]]
            message = (f"{token.text} does not name a brief id (lowercase letters, digits and"
                       f" hyphens){did_you_mean(token.target.lower(), candidates)}")
        else:
            message = _check_target(token.target, kinds, by_id, ids_by_kind, f"{usage} must name")
            if message and token.kind == "citation" and token.target in by_id:
                message += f"; to link to it instead, write [[{token.target}]]"
            if message:
                message = f"{token.text}: {message}"
        if message:
            problems.append(_problem_in_text(brief, path, token.text, occurrence, message))
        else:
            links.append(Link(brief.id, token.target, token.kind, token.kind, None, path))
    return links


def _is_id(value: object) -> bool:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def _check_target(target: str, kinds: tuple[str, ...], by_id: dict[str, Brief],
                  ids_by_kind: dict[str, list[str]], must: str) -> str | None:
    found = by_id.get(target)
    if found is not None and found.kind in kinds:
        return None
    wanted = " or ".join(SINGULAR[kind] for kind in kinds)
    if found is None:
        candidates = [i for kind in kinds for i in ids_by_kind[kind]]
        folders = " or ".join(f"briefs/{kind}/" for kind in kinds)
        suggestion = did_you_mean(target, candidates)
        if not suggestion:
            # Nothing close: most likely a brief nobody has written yet.
            kind = kinds[0] if len(kinds) == 1 else "<type>"
            suggestion = (f"; if it is new, add it with: python -m build_hooks new {kind}"
                          ' "<its name>"')
        return f"no {wanted} has the id {target!r}{suggestion} (ids are file names in {folders})"
    if found.kind not in kinds:
        return f"{target!r} is a {SINGULAR[found.kind]}, but {must} a {wanted}"
    return None


def _problem_in_text(brief: Brief, path: FieldPath, needle: str, occurrence: int,
                     message: str) -> Problem:
    """A problem placed at the exact line and column of `needle` inside a text field."""
    span = brief.doc.values.get(path)
    if span is not None:
        raw = brief.doc.text[span.start : span.end]
        offset = -1
        for _ in range(occurrence + 1):
            offset = raw.find(needle, offset + 1)
            if offset < 0:
                break
        if offset >= 0:
            line, column = brief.doc.position_of_offset(span.start + offset)
            return Problem(brief.path, line, column, format_path(path), message)
    return brief.doc.problem(path, message)
