"""Resolving the graph: every reference, mention and citation checked and turned into a
link, and every problem with one reported at the exact place it is written."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Set
from typing import NamedTuple

from build_hooks.errors import Problem, did_you_mean
from build_hooks.graph.brief import Brief
from build_hooks.graph.glossary_file import read_glossary
from build_hooks.graph.graph import Graph, Link
from build_hooks.graph.near_misses import near_misses
from build_hooks.graph.renames import renamed_files
from build_hooks.kinds import BRIEF_TYPES, KINDS
from build_hooks.load.files import ID_PATTERN
from build_hooks.load.positions import FieldPath, format_path
from build_hooks.validate.fields import FieldSpecs, values_at
from build_hooks.validate.mentions import scan


def build_graph(
    briefs: list[Brief],
    specs: dict[str, FieldSpecs],
    unreadable: Set[str] = frozenset(),
    bits: dict[str, int] | None = None,
    glossary: Brief | None = None,
) -> tuple[Graph, list[Problem]]:
    """Resolve every reference, mention and citation; report each one that does not.

    Ids in `unreadable` belong to files that exist but could not be loaded: their own
    problems are already reported, so references to them are not reported again. The
    glossary's mentions and citations are checked too (it is no brief: nothing links
    back to it).
    """
    index = BriefIndex.of(briefs, unreadable)
    problems = list(index.problems)
    links: list[Link] = []
    resolved = [resolve_brief(brief, specs[brief.kind], index) for brief in index.by_id.values()]
    if glossary is not None:
        resolved.append(resolve_glossary(glossary, specs[glossary.kind], index))
    for found in resolved:
        links.extend(found.links)
        problems.extend(found.problems)
    terms, glossary_problems = read_glossary(glossary)
    problems.extend(glossary_problems)
    missing = [entry for found in resolved for entry in found.missing]
    problems.extend(whole_graph_problems(links, index.by_id, missing))
    return Graph(list(index.by_id.values()), links, bits, terms), problems


Missing = tuple[str, Problem, tuple[str, ...]]
"""A reference to an id no file has: the id, the problem as it stands, and the kinds of
brief the reference may name. Gathered from every brief, since a renamed file explains
them all at once (see renames.py)."""


class Resolved(NamedTuple):
    """What resolving one brief found."""

    links: list[Link]
    problems: list[Problem]
    missing: list[Missing]


@dataclasses.dataclass(frozen=True)
class BriefIndex:
    """Every brief by id (the first by path where two files share one) and by kind, the
    ids no reference is checked against, and the problems of shared ids."""

    by_id: dict[str, Brief]
    ids_by_kind: dict[str, list[str]]
    ambiguous: frozenset[str]
    """References to these ids are not checked: their files' own problems say why."""
    problems: tuple[Problem, ...]

    @classmethod
    def of(cls, briefs: list[Brief], unreadable: Set[str] = frozenset()) -> BriefIndex:
        problems: list[Problem] = []
        by_id: dict[str, Brief] = {}
        ambiguous: set[str] = set(unreadable)
        for brief in sorted(briefs, key=lambda b: b.path):
            other = by_id.get(brief.id)
            if other is None:
                by_id[brief.id] = brief
                continue
            ambiguous.add(brief.id)
            for mine, theirs in ((brief, other), (other, brief)):
                problems.append(
                    Problem(
                        mine.path,
                        1,
                        1,
                        "",
                        (
                            f"the id {mine.id!r} is also used by {theirs.path}; ids are unique"
                            " across all types, so rename one of the two files"
                        ),
                    )
                )
        ids_by_kind: dict[str, list[str]] = defaultdict(list)
        for brief in by_id.values():
            ids_by_kind[brief.kind].append(brief.id)
        return cls(by_id, ids_by_kind, frozenset(ambiguous), tuple(problems))


def resolve_brief(brief: Brief, spec: FieldSpecs, index: BriefIndex) -> Resolved:
    """One brief's links, and a problem for each reference, mention or citation that
    names no brief of the right kind. Depends on the brief and the index alone."""
    by_id, ids_by_kind, ambiguous = index.by_id, index.ids_by_kind, index.ambiguous
    found = Resolved([], [], [])
    links, problems = found.links, found.problems
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
            message = _check_target(
                value, field.kinds, by_id, ids_by_kind, f"{format_path(path)} must name"
            )
            if message:
                problem = brief.doc.problem(path, message)
                if value in by_id:
                    problems.append(problem)
                else:
                    found.missing.append((value, problem, field.kinds))
            else:
                links.append(Link(brief.id, value, relation, field.title, field.inverse, path))
    for pattern in spec.markdown:
        if pattern[0] not in data:
            continue
        for path, text in values_at(data, pattern):
            if isinstance(text, str):
                links.extend(_resolve_tokens(brief, path, text, index, found))
                if "[" in text:
                    problems.extend(near_misses(brief, path, text, by_id))
    return found


def resolve_glossary(glossary: Brief, spec: FieldSpecs, index: BriefIndex) -> Resolved:
    """The glossary's mentions and citations checked (it is no brief: nothing links back
    to it, so its links are not kept)."""
    found = Resolved([], [], [])
    for pattern in spec.markdown:
        for path, text in values_at(glossary.data, pattern):
            if isinstance(text, str):
                _resolve_tokens(glossary, path, text, index, found)
    return found


def whole_graph_problems(
    links: list[Link], by_id: dict[str, Brief], missing: Iterable[Missing] = ()
) -> list[Problem]:
    """What only the whole graph shows: renamed files, reference loops, and
    classifications naming a threshold their rule does not define."""
    by_target: dict[str, list[tuple[Problem, tuple[str, ...]]]] = defaultdict(list)
    for target, problem, kinds in missing:
        by_target[target].append((problem, kinds))
    problems = list(renamed_files(by_target, by_id, links))
    problems.extend(_loops(links, by_id))
    problems.extend(_unknown_thresholds(by_id))
    return problems


def _loops(links: list[Link], by_id: dict[str, Brief]) -> list[Problem]:
    """References that lead back to where they start: a chip based on itself, two companies
    each the other's parent. Either would make a page claim something impossible."""
    problems: list[Problem] = []
    edges: dict[str, dict[str, dict[str, Link]]] = defaultdict(lambda: defaultdict(dict))
    for link in links:
        if link.relation != "reference" or by_id[link.source].kind != by_id[link.target].kind:
            continue
        if link.source == link.target:
            singular = KINDS[by_id[link.source].kind].singular
            problems.append(
                by_id[link.source].doc.problem(
                    link.path,
                    (f"names this {singular} itself; remove it or name another {singular}"),
                )
            )
            continue
        field = format_path(tuple(p for p in link.path if isinstance(p, str)))
        edges[field][link.source].setdefault(link.target, link)
    for field, graph in sorted(edges.items()):
        done: set[str] = set()
        for start in sorted(graph):
            _find_loops(field, start, graph, done, by_id, problems)
    return problems


def _find_loops(
    field: str,
    start: str,
    graph: dict[str, dict[str, Link]],
    done: set[str],
    by_id: dict[str, Brief],
    problems: list[Problem],
) -> None:
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
            loop = chain[chain.index(node) :]
            link = graph[loop[0]][loop[1] if len(loop) > 1 else node]
            problems.append(
                by_id[loop[0]].doc.problem(
                    link.path,
                    (
                        f"the {field} references go round in a loop ({' → '.join([*loop, node])});"
                        " one of them is wrong, so fix it in one of those briefs"
                    ),
                )
            )
            continue
        chain.append(node)
        stack.append((node, True))
        stack.extend((target, False) for target in sorted(graph.get(node, {}), reverse=True))


def _resolve_tokens(
    brief: Brief, path: FieldPath, text: str, index: BriefIndex, found: Resolved
) -> list[Link]:
    by_id, ids_by_kind, ambiguous = index.by_id, index.ids_by_kind, index.ambiguous
    links: list[Link] = []
    tokens = list(scan(text))
    # How many tokens before each are written the same way, for the position of a
    # problem: counted only when a token has one, each token once.
    same: dict[str, int] = {}
    counted = 0
    for number, token in enumerate(tokens):
        kinds = BRIEF_TYPES if token.kind == "mention" else ("sources",)
        target = by_id.get(token.target)
        if target is not None and target.kind in kinds and token.target not in ambiguous:
            links.append(Link(brief.id, token.target, token.kind, token.kind, None, path))
            continue  # the usual case, settled without building any message
        if token.target in ambiguous:
            continue
        usage = "a mention" if token.kind == "mention" else "a citation"
        message = None
        if not ID_PATTERN.fullmatch(token.target):
            candidates = [i for k in kinds for i in ids_by_kind[k]]
            message = (
                f"{token.text} does not name a brief id (lowercase letters, digits and"
                f" hyphens){did_you_mean(token.target.lower(), candidates)}"
            )
        else:
            message = _check_target(token.target, kinds, by_id, ids_by_kind, f"{usage} must name")
            if message and token.kind == "citation" and token.target in by_id:
                message += f"; to link to it instead, write [[{token.target}]]"
            if message:
                message = f"{token.text}: {message}"
        if message:
            for earlier in tokens[counted:number]:
                same[earlier.text] = same.get(earlier.text, 0) + 1
            counted = number
            occurrence = same.get(token.text, 0)
            problem = brief.doc.problem_in_text(path, token.text, occurrence, message)
            if token.target in by_id or not ID_PATTERN.fullmatch(token.target):
                found.problems.append(problem)
            else:
                found.missing.append((token.target, problem, kinds))
        else:
            links.append(Link(brief.id, token.target, token.kind, token.kind, None, path))
    return links


def _is_id(value: object) -> bool:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def _check_target(
    target: str,
    kinds: tuple[str, ...],
    by_id: dict[str, Brief],
    ids_by_kind: dict[str, list[str]],
    must: str,
) -> str | None:
    found = by_id.get(target)
    if found is not None and found.kind in kinds:
        return None
    wanted = " or ".join(KINDS[kind].singular for kind in kinds)
    if found is None:
        candidates = [i for kind in kinds for i in ids_by_kind[kind]]
        folders = " or ".join(f"briefs/{kind}/" for kind in kinds)
        suggestion = did_you_mean(target, candidates)
        if not suggestion:
            # Nothing close: most likely a brief nobody has written yet.
            kind = kinds[0] if len(kinds) == 1 else "<type>"
            suggestion = (
                f'; if it is new, add it with: python -m build_hooks new {kind} "<its name>"'
            )
        return f"no {wanted} has the id {target!r}{suggestion} (ids are file names in {folders})"
    if found.kind not in kinds:
        return f"{target!r} is a {KINDS[found.kind].singular}, but {must} a {wanted}"
    return None


def _unknown_thresholds(by_id: dict[str, Brief]) -> list[Problem]:
    """A classification's threshold must be one its rule defines."""
    problems = []
    for brief in by_id.values():
        items = brief.data.get("classifications")
        for index, item in enumerate(items if isinstance(items, list) else []):
            rule = by_id.get(str(item.get("rule"))) if isinstance(item, dict) else None
            wanted = item.get("threshold") if isinstance(item, dict) else None
            if rule is None or wanted is None:
                continue
            known = [
                str(t.get("id")) for t in rule.data.get("thresholds") or [] if isinstance(t, dict)
            ]
            if wanted not in known:
                listed = ", ".join(known) if known else "none"
                hint = did_you_mean(str(wanted), known)
                message = (
                    f"{rule.id} has no threshold {wanted!r}{hint} (its thresholds: {listed});"
                    " leave 'threshold' out to mean the rule as a whole"
                )
                problems.append(brief.doc.problem(("classifications", index, "threshold"), message))
    return problems
