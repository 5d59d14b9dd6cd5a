"""The briefs between edits: every file loaded once; after an edit, only the files that
changed are read again, and only the briefs whose links or problems could change are
resolved again.

What `check` finds is found here too, with the same code: files are read and validated
by `brief_checks.read_and_validate`, references resolved by `graph.resolve.resolve_brief`,
the editorial rules by `graph.editorial.brief_editorial_problems`. What is new is
knowing what each of those looked at. Resolving a brief looks up the ids it names;
judging its citations looks up their sources' tiers. Both lookups are noted, so when a
brief appears, goes or changes kind or tier, the briefs that looked it up (and those
with unresolved names, whose did-you-mean suggestions may change) are resolved again.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from build_hooks.brief_checks import BriefRules, at_most_per_file, read_and_validate
from build_hooks.errors import Problem
from build_hooks.graph.brief import Brief
from build_hooks.graph.editorial import brief_editorial_problems
from build_hooks.graph.glossary import Glossary
from build_hooks.graph.glossary_file import read_glossary
from build_hooks.graph.graph import Link
from build_hooks.graph.resolve import (
    BriefIndex,
    Missing,
    resolve_brief,
    resolve_glossary,
    whole_graph_problems,
)
from build_hooks.kinds import BRIEF_TYPES, ORDER
from build_hooks.load.files import BriefFile, discover, glossary_file, relative
from build_hooks.preview.lookups import Noting, noting_index
from build_hooks.preview.tracking import TrackedBrief, TrackedGraph
from build_hooks.speed import memory
from build_hooks.speed.processes import map_in_order, worker_count
from build_hooks.validate.fields import bit_lengths
from build_hooks.validate.schemas import SchemaSet


@dataclasses.dataclass(frozen=True)
class Checked:
    """The briefs after a load or an edit: every problem `check` would report and, when
    there are none, the resolved graph."""

    problems: list[Problem]
    graph: TrackedGraph | None


@dataclasses.dataclass
class _File:
    found: BriefFile
    content: bytes
    brief: TrackedBrief | None
    problems: list[Problem]


@dataclasses.dataclass
class _Resolved:
    links: list[Link]
    problems: list[Problem]
    missing: list[Missing]
    """References to ids no file has (renames.py reads them all together)."""
    looked_up: frozenset[str]
    """Every id resolving the brief looked up."""


@dataclasses.dataclass
class _Judged:
    problems: list[Problem]
    tiers_read: frozenset[str]
    """The sources whose tier judging the brief looked up."""


class BriefStore:
    """Every brief file of a project, loaded, checked and resolved, kept up to date."""

    def __init__(self, root: Path, schemas: SchemaSet, loader: type | None = None) -> None:
        self.root = root
        self.briefs_dir = root / "briefs"
        self._loader = loader
        self._rules = BriefRules.create(schemas)
        self._bits = bit_lengths(schemas)
        self._files: dict[str, _File] = {}
        self._discovery: list[Problem] = []
        self._index = BriefIndex.of([])
        self._kinds: dict[str, str] = {}  # the kind of each id in the index
        self._resolved: dict[str, _Resolved] = {}
        self._judged: dict[str, _Judged] = {}
        self._tiers: dict[str, object] = {}
        self._order: list[str] = []  # ids in graph order: kind, then id
        self._outgoing: dict[str, list[Link]] = {}
        self._incoming: dict[str, list[Link]] = {}
        self._linking: dict[str, set[str]] = {}  # target -> the sources linking to it
        self._whole: list[Problem] = []
        self._glossary: _File | None = None
        self._glossary_checked = _Resolved([], [], [], frozenset())
        self._terms = Glossary([])
        self._glossary_names: dict[str, str] = {}  # the names of the briefs it mentions

    @property
    def paths(self) -> set[str]:
        """The brief files loaded, as messages name them."""
        return set(self._files)

    def load(self) -> Checked:
        """Read and check every brief (in worker processes, on a big site)."""
        files, self._discovery = discover(self.briefs_dir, self.root)
        workers = worker_count(len(files))
        if workers > 1:
            self._rules.validator.compile_checks()
        read = functools.partial(_read_plain, self._rules, self._loader)
        with memory.no_cycle_collection():
            self._files = {
                found.path: _file(found, *result)
                for found, result in zip(files, map_in_order(read, files, workers), strict=True)
            }
            self._glossary = self._read_glossary(None)
            return self._settle(set(self._files), glossary_changed=True)

    def update(self, changed: Iterable[Path], *, everything: bool = False) -> Checked:
        """The briefs after an edit: `changed` are the files the edit touched (or all
        of them, with `everything`); a file that appeared or went is found either way."""
        today = datetime.datetime.now(tz=datetime.UTC).date()
        if today != self._rules.today:  # "not after today" moves on at midnight
            self._rules = dataclasses.replace(self._rules, today=today)
            everything = True
        named = {relative(path, self.root): path for path in changed}
        if not everything and named and all(map(self._still_a_brief_file, named.items())):
            # Only known files changed in place: the listing is as it was (a file that
            # appears or goes is an event of its own), so 10,000 files are not listed
            # again for one save.
            found = {path: self._files[path].found for path in named}
            touched: set[str] = set()
        else:
            files, self._discovery = discover(self.briefs_dir, self.root)
            found = {file.path: file for file in files}
            touched = set(self._files) - set(found)  # gone
        for path in touched:
            del self._files[path]
        with memory.no_cycle_collection():
            for path, file in found.items():
                known = self._files.get(path)
                unchanged = known is not None and known.found == file and path not in named
                if unchanged and not everything:
                    continue
                try:
                    content = file.file.read_bytes()
                except OSError:
                    continue  # gone since the listing: the event that says so follows
                if known is not None and known.found == file and known.content == content:
                    continue
                self._files[path] = _file(
                    file, content, *read_and_validate(self._rules, self._loader, file, content)
                )
                touched.add(path)
            old_glossary = self._glossary
            self._glossary = self._read_glossary(None if everything else old_glossary)
            return self._settle(touched, glossary_changed=self._glossary is not old_glossary)

    def _still_a_brief_file(self, named: tuple[str, Path]) -> bool:
        """Whether an edited path is a brief file already loaded, and still a plain file."""
        path, file = named
        if path not in self._files:
            return False
        try:
            return stat.S_ISREG(os.lstat(file).st_mode)  # not gone, nor now a symlink
        except OSError:
            return False

    def _read_glossary(self, known: _File | None) -> _File | None:
        """The glossary file as it is now: `known` again if its bytes are the same."""
        found = glossary_file(self.briefs_dir, self.root)
        if found is None:
            return None
        try:
            content = found.file.read_bytes()
        except OSError:
            return None  # gone since it was found: the event that says so follows
        if known is not None and known.found == found and known.content == content:
            return known
        brief, problems = read_and_validate(self._rules, self._loader, found, content)
        return (
            _File(found, content, None, problems)
            if brief is None
            else _File(found, content, TrackedBrief.of(brief), problems)
        )

    def _settle(self, touched: set[str], *, glossary_changed: bool = False) -> Checked:
        """Resolve and judge what the touched files change, and gather every problem."""
        old_kinds, old_ambiguous = self._kinds, self._index.ambiguous
        loaded: list[Brief] = [f.brief for f in self._files.values() if f.brief is not None]
        unreadable = {file.found.id for file in self._files.values() if file.brief is None}
        self._index = index = BriefIndex.of(loaded, unreadable)
        self._kinds = {brief_id: brief.kind for brief_id, brief in index.by_id.items()}
        changed = {
            brief_id
            for brief_id in self._kinds.keys() | old_kinds.keys()
            if brief_id not in self._resolved
            or brief_id not in index.by_id
            or index.by_id[brief_id].path in touched
        }
        # Ids whose meaning to a reference changed: new, gone, another kind, now (or no
        # longer) shared by two files or unreadable.
        moved = {
            brief_id
            for brief_id in self._kinds.keys() | old_kinds.keys()
            if self._kinds.get(brief_id) != old_kinds.get(brief_id)
        } | (index.ambiguous ^ old_ambiguous)
        for brief_id in set(self._resolved) - set(index.by_id):
            self._forget(brief_id)
        tiers_before = self._tiers
        self._tiers = {
            brief_id: brief.data.get("tier")
            for brief_id, brief in index.by_id.items()
            if brief.kind == "sources"
        }
        retiered = {
            source
            for source in tiers_before.keys() | self._tiers.keys()
            if tiers_before.get(source) != self._tiers.get(source)
        }
        resolve = set(changed & index.by_id.keys())
        judge = set(resolve)
        if moved:
            resolve |= {
                brief_id
                for brief_id, resolved in self._resolved.items()
                if resolved.problems or resolved.missing or not resolved.looked_up.isdisjoint(moved)
            }
        if retiered:
            judge |= {
                brief_id
                for brief_id, judged in self._judged.items()
                if not judged.tiers_read.isdisjoint(retiered)
            }
        self._resolve(resolve & index.by_id.keys())
        self._judge(judge & index.by_id.keys())
        if changed or moved:
            self._order = sorted(index.by_id, key=lambda b: (ORDER[self._kinds[b]], b))
        glossary_problems = self._settle_glossary(glossary_changed)
        links = [link for brief_id in index.by_id for link in self._resolved[brief_id].links]
        missing = [
            entry
            for resolved in (*self._resolved.values(), self._glossary_checked)
            for entry in resolved.missing
        ]
        self._whole = whole_graph_problems(links, index.by_id, missing)
        problems = [
            *self._discovery,
            *(problem for file in self._files.values() for problem in file.problems),
            *index.problems,
            *(problem for resolved in self._resolved.values() for problem in resolved.problems),
            *(problem for judged in self._judged.values() for problem in judged.problems),
            *glossary_problems,
            *self._whole,
        ]
        problems = at_most_per_file(sorted(set(problems)))
        if problems:
            return Checked(problems, None)
        return Checked([], self._graph())

    def _settle_glossary(self, changed: bool) -> list[Problem]:
        """The glossary checked again (one file: every time), and its problems. Its terms
        are new when it changed or the name of a brief its definitions mention did (a
        term's tip shows the name), so that pages marking them (which read them as one
        key, see tracking.py) are written again."""
        file = self._glossary
        if file is None or file.brief is None:
            self._glossary_checked = _Resolved([], [], [], frozenset())
            if changed or self._terms:
                self._terms = Glossary([])
            return [] if file is None else list(file.problems)
        glossary = file.brief
        noting, by_id = noting_index(self._index)
        found = resolve_glossary(glossary, self._rules.specs[glossary.kind], noting)
        named = frozenset(by_id.seen)
        names = {i: self._index.by_id[i].name for i in named if i in self._index.by_id}
        terms, term_problems = read_glossary(glossary)
        if changed or names != self._glossary_names:
            self._terms = terms
        self._glossary_names = names
        self._glossary_checked = _Resolved([], found.problems, found.missing, named)
        return [
            *file.problems,
            *found.problems,
            *term_problems,
            *brief_editorial_problems(glossary, self._rules.specs[glossary.kind], self._tiers),
        ]

    def _resolve(self, ids: set[str]) -> None:
        index = self._index
        noting, by_id = noting_index(index)
        for brief_id in sorted(ids):
            brief = index.by_id[brief_id]
            by_id.seen = set()
            links, problems, missing = resolve_brief(brief, self._rules.specs[brief.kind], noting)
            old = self._resolved.get(brief_id)
            self._resolved[brief_id] = _Resolved(links, problems, missing, frozenset(by_id.seen))
            if old is None or old.links != links:
                self._relink(brief_id, old.links if old is not None else [], links)

    def _judge(self, ids: set[str]) -> None:
        tiers = Noting(self._tiers)
        for brief_id in ids:
            brief = self._index.by_id[brief_id]
            tiers.seen = set()
            problems = brief_editorial_problems(brief, self._rules.specs[brief.kind], tiers)
            self._judged[brief_id] = _Judged(problems, frozenset(tiers.seen))

    def _forget(self, brief_id: str) -> None:
        old = self._resolved.pop(brief_id)
        self._judged.pop(brief_id, None)
        self._relink(brief_id, old.links, [])

    def _relink(self, source: str, old: list[Link], new: list[Link]) -> None:
        """Keep the links both ways, in the order `Graph` gives them: a brief's own in
        the order written; those reaching a brief by the path of the brief they leave."""
        if new:
            self._outgoing[source] = new
        else:
            self._outgoing.pop(source, None)
        targets = {link.target for link in old} | {link.target for link in new}
        for target in targets:
            sources = self._linking.setdefault(target, set())
            if any(link.target == target for link in new):
                sources.add(source)
            else:
                sources.discard(source)
            if not sources:
                del self._linking[target]
                self._incoming.pop(target, None)
                continue
            ordered = sorted(sources, key=self._path_of)
            self._incoming[target] = [
                link for other in ordered for link in self._outgoing[other] if link.target == target
            ]

    def _path_of(self, brief_id: str) -> str:
        return self._index.by_id[brief_id].path

    def _graph(self) -> TrackedGraph:
        by_id = self._index.by_id
        briefs = {brief_id: by_id[brief_id] for brief_id in self._order}
        kinds: dict[str, list[Any]] = {kind: [] for kind in BRIEF_TYPES}
        for brief in briefs.values():
            kinds[brief.kind].append(brief)
        return TrackedGraph(briefs, kinds, self._outgoing, self._incoming, self._bits, self._terms)


def _read_plain(
    rules: BriefRules, loader: type | None, found: BriefFile
) -> tuple[bytes, Brief | None, list[Problem]]:
    """One file's bytes, brief and problems (in a worker process: a plain brief travels
    back, and is tracked here)."""
    content = found.file.read_bytes()
    return (content, *read_and_validate(rules, loader, found, content))


def _file(found: BriefFile, content: bytes, brief: Brief | None, problems: list[Problem]) -> _File:
    return _File(found, content, None if brief is None else TrackedBrief.of(brief), problems)
