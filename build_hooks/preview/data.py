"""The data files of the site being previewed, kept up to date piece by piece.

briefs.json has one line per brief and each CSV one row per brief (the plan's `tables`
group), so each line and row is kept with what it read (see tracking.py) and only those
an edit may have changed are written again; the file is then put together from its
pieces. Every other group of files (the feed and its archives, each chart: see
SitePlan.file_groups) is written whole when something it read changed.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable
from typing import cast

from build_hooks import paths
from build_hooks.kinds import BRIEF_TYPES
from build_hooks.preview.changes import Changes
from build_hooks.preview.site_plan import Plan, digest
from build_hooks.preview.tracking import Key, recording
from build_hooks.site.data_files import (
    TABLES,
    brief_json_line,
    csv_from_rows,
    csv_row,
    json_from_lines,
)

_JSON = "json:"
_CSV = "csv:"
_GROUP = "group:"


@dataclasses.dataclass
class _Piece:
    reads: frozenset[Key]
    value: object


class PreviewFiles:
    """Every data file of the site, by path, and the pieces it is made of."""

    def __init__(self) -> None:
        self._plan: Plan | None = None
        self._pieces: dict[str, _Piece] = {}
        self._stale: set[str] = set()
        self._dirty: set[str] = set()  # files whose pieces changed since they were written
        self._built: dict[str, bytes] = {}  # each file's digest, as served
        self._current: dict[str, bytes] = {}

    @property
    def pending(self) -> bool:
        return bool(self._stale or self._dirty)

    def use(self, plan: Plan, changed: Changes | None) -> None:
        """Take a new plan; `changed` says what differs from the last (None: anything)."""
        self._plan = plan
        wanted = self._wanted(plan)
        for key in set(self._pieces) - wanted.keys():
            self._dirty |= self._files_of(key, self._pieces.pop(key).value)
        for key in wanted.keys() - set(self._pieces):
            self._stale.add(key)
        for key, piece in self._pieces.items():
            if (
                changed is None
                or key.split(":", 1)[1] in changed.briefs
                or not piece.reads.isdisjoint(changed.keys)
            ):
                self._stale.add(key)

    def write(self) -> dict[str, bytes]:
        """Bring every piece up to date; the files that differ from those served."""
        assert self._plan is not None, "use() a plan first"
        writers = self._wanted(self._plan)
        for key in sorted(self._stale):
            with recording() as reads:
                value = writers[key]()
            old = self._pieces.get(key)
            if old is None or old.value != value:
                self._dirty |= self._files_of(key, value)
                if old is not None:
                    self._dirty |= self._files_of(key, old.value)
            self._pieces[key] = _Piece(frozenset(reads), value)
        self._stale.clear()
        wanted = set(self._plan.file_paths)
        made = self._groups()
        for path in sorted(self._dirty & wanted):
            self._current[path] = self._assemble(path, made)
        self._dirty.clear()
        for path in set(self._current) - wanted:
            del self._current[path]
        return {
            path: content
            for path, content in sorted(self._current.items())
            if self._built.get(path) != digest(content)
        }

    def removed(self) -> list[str]:
        """Files served that the site no longer has."""
        assert self._plan is not None
        return sorted(set(self._built) - set(self._plan.file_paths))

    def built(self, written: dict[str, bytes], removed: Iterable[str] = ()) -> None:
        """These files are now served as given, and those removed are gone."""
        for path, content in written.items():
            self._built[path] = digest(content)
        for path in removed:
            self._built.pop(path, None)

    def forget_built(self) -> None:
        self._built.clear()

    def _wanted(self, plan: Plan) -> dict[str, Callable[[], object]]:
        """What writes each piece: a line of briefs.json and a row of a CSV for each
        brief, and each other group of files (see SitePlan.file_groups) whole."""
        graph = plan.graph
        groups = plan.file_groups()
        writers: dict[str, Callable[[], object]] = {
            _GROUP + name: write for name, write in groups.items() if name != TABLES
        }
        for brief_id, brief in dict(dict.items(graph.briefs)).items():
            writers[_JSON + brief_id] = functools.partial(brief_json_line, graph, brief)
            writers[_CSV + brief_id] = functools.partial(csv_row, graph, brief)
        return writers

    def _groups(self) -> dict[str, dict[str, bytes]]:
        return {
            key: cast("dict[str, bytes]", piece.value)
            for key, piece in self._pieces.items()
            if key.startswith(_GROUP)
        }

    def _files_of(self, key: str, value: object) -> set[str]:
        if key.startswith(_GROUP):
            return set(cast("dict[str, bytes]", value))
        if key.startswith(_JSON):
            return {paths.DATA_JSON}
        return set(map(paths.csv_file, BRIEF_TYPES))  # a row's kind may have changed

    def _assemble(self, path: str, made: dict[str, dict[str, bytes]]) -> bytes:
        assert self._plan is not None
        for files in made.values():
            if path in files:
                return files[path]
        graph = self._plan.graph
        if path == paths.DATA_JSON:
            lines = [self._pieces[_JSON + brief_id].value for brief_id in dict.keys(graph.briefs)]
            return json_from_lines(cast("list[str]", lines))
        kind = next(kind for kind in BRIEF_TYPES if paths.csv_file(kind) == path)
        rows = [
            self._pieces[_CSV + brief.id].value for brief in dict.__getitem__(graph.kinds, kind)
        ]
        return csv_from_rows(cast("list[dict[str, str]]", rows))
