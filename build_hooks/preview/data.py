"""The data files of the site being previewed, kept up to date piece by piece.

briefs.json has one line per brief and each CSV one row per brief, so each line and row
is kept with what it read (see tracking.py) and only those an edit may have changed are
written again; the file is then put together from its pieces. The feed and the chart
are written whole when something they read changed. A site with data files this module
does not know is written whole on every change: slower, never wrong.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable
from typing import cast

from build_hooks import paths
from build_hooks.kinds import BRIEF_TYPES
from build_hooks.preview.changes import Changes
from build_hooks.preview.pages import digest
from build_hooks.preview.tracking import Key, recording
from build_hooks.render.chart import tpp_bandwidth_svg
from build_hooks.site.data_files import (
    brief_json_line,
    csv_from_rows,
    csv_row,
    json_from_lines,
)
from build_hooks.site.feed import atom_feed
from build_hooks.site.plan import SitePlan

_JSON = "json:"
_CSV = "csv:"
_FILE = "file:"
_WHOLE = "file:*"
_KNOWN = frozenset([paths.DATA_JSON, *map(paths.csv_file, BRIEF_TYPES), paths.FEED, paths.CHART])


@dataclasses.dataclass
class _Piece:
    reads: frozenset[Key]
    value: object


class PreviewFiles:
    """Every data file of the site, by path, and the pieces it is made of."""

    def __init__(self) -> None:
        self._plan: SitePlan | None = None
        self._pieces: dict[str, _Piece] = {}
        self._stale: set[str] = set()
        self._dirty: set[str] = set()  # files whose pieces changed since they were written
        self._built: dict[str, bytes] = {}  # each file's digest, as served
        self._current: dict[str, bytes] = {}

    @property
    def pending(self) -> bool:
        return bool(self._stale or self._dirty)

    def use(self, plan: SitePlan, changed: Changes | None) -> None:
        """Take a new plan; `changed` says what differs from the last (None: anything)."""
        self._plan = plan
        wanted = self._wanted(plan)
        for key in set(self._pieces) - wanted.keys():
            del self._pieces[key]
            self._dirty |= self._files_of(key)
        for key in wanted.keys() - set(self._pieces):
            self._stale.add(key)
            self._dirty |= self._files_of(key)
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
                self._dirty |= self._files_of(key)
            self._pieces[key] = _Piece(frozenset(reads), value)
        self._stale.clear()
        for path in sorted(self._dirty):
            self._current[path] = self._assemble(path)
        self._dirty.clear()
        for path in set(self._current) - set(self._plan.file_paths):
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

    def _wanted(self, plan: SitePlan) -> dict[str, Callable[[], object]]:
        graph = plan.graph
        if set(plan.file_paths) != _KNOWN:
            return {_WHOLE: plan.write_files}
        briefs = dict(dict.items(graph.briefs))
        writers: dict[str, Callable[[], object]] = {}
        for brief_id, brief in briefs.items():
            writers[_JSON + brief_id] = functools.partial(brief_json_line, graph, brief)
            writers[_CSV + brief_id] = functools.partial(csv_row, brief, graph.bits)
        writers[_FILE + paths.FEED] = lambda: atom_feed(graph, plan.options)
        writers[_FILE + paths.CHART] = lambda: tpp_bandwidth_svg(graph)
        return writers

    def _files_of(self, key: str) -> set[str]:
        if key == _WHOLE:
            return set(self._plan.file_paths) if self._plan is not None else set()
        if key.startswith(_FILE):
            return {key.removeprefix(_FILE)}
        if key.startswith(_JSON):
            return {paths.DATA_JSON}
        return set(map(paths.csv_file, BRIEF_TYPES))  # a row's kind may have changed

    def _assemble(self, path: str) -> bytes:
        assert self._plan is not None
        if _WHOLE in self._pieces:
            whole = self._pieces[_WHOLE].value
            assert isinstance(whole, dict)
            return bytes(whole[path])
        graph = self._plan.graph
        if path == paths.DATA_JSON:
            lines = [self._pieces[_JSON + brief_id].value for brief_id in dict.keys(graph.briefs)]
            return json_from_lines(cast("list[str]", lines))
        kinds = [kind for kind in BRIEF_TYPES if paths.csv_file(kind) == path]
        if kinds:
            briefs = dict.__getitem__(graph.kinds, kinds[0])
            rows = [self._pieces[_CSV + brief.id].value for brief in briefs]
            return csv_from_rows(cast("list[dict[str, str]]", rows))
        return cast(bytes, self._pieces[_FILE + path].value)
