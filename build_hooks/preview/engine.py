"""The preview's core, without MkDocs: the briefs, pages and data files of a project,
kept up to date between edits.

    load → (update → page, page, …, files)*

`load` reads and checks everything once. `update` takes the files an edit touched: the
changed briefs are read again and the graph resolved again (briefs.py); if anything is
wrong, `problems` says what, exactly as `check` would, and nothing else moves until a
later edit puts it right. Otherwise the pages the edit may have changed wait (pages.py),
the edited ones first: `next_page` gives each, `page` its Markdown if it changed, and
`built` records it as served (the caller converts it, as `check` and the build do). The
data files come last (data.py). The plans come from the caller (see site_plan.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic

from build_hooks.errors import Problem
from build_hooks.preview.briefs import BriefStore
from build_hooks.preview.changes import changes
from build_hooks.preview.data import PreviewFiles
from build_hooks.preview.pages import P, PlanChange, PreviewPages
from build_hooks.preview.site_plan import Noted
from build_hooks.preview.tracking import TrackedGraph
from build_hooks.validate.schemas import SchemaSet


class PreviewEngine(Generic[P]):
    """A project's briefs, pages and data files, between edits. `make_plan` makes the
    site plan of a graph (see PreviewPages)."""

    def __init__(
        self,
        root: Path,
        make_plan: Callable[[TrackedGraph, Noted], P],
        schemas: SchemaSet | None = None,
    ) -> None:
        self.root = root
        self.schemas = schemas or SchemaSet.load()
        self.store = BriefStore(root, self.schemas)
        self.pages: PreviewPages[P] = PreviewPages(root, make_plan)
        self.files = PreviewFiles()
        self.problems: list[Problem] = []
        """What is wrong now; nothing is built while this is not empty."""
        self.graph: TrackedGraph | None = None
        """The last graph without problems: the one the pages are written from."""

    @property
    def plan(self) -> P:
        assert self.pages.plan is not None, "no graph without problems yet"
        return self.pages.plan

    def load(self) -> PlanChange | None:
        """Read and check every brief; with no problems, every page waits to be built.
        (The pages are not converted here: the whole build that follows converts every
        one, strictly.)"""
        checked = self.store.load()
        self.problems = checked.problems
        if checked.graph is None:
            return None
        return self._use(checked.graph, whole=True)

    def update(
        self, briefs: Iterable[Path] = (), hand_written: Iterable[str] = ()
    ) -> PlanChange | None:
        """After an edit: `briefs` are the brief files it touched, `hand_written` the
        docs/ pages (by their path in docs/). None while anything is wrong."""
        checked = self.store.update(briefs)
        self.problems = checked.problems
        self.pages.hand_written_edited(hand_written)
        if checked.graph is None:
            return None
        return self._use(checked.graph, whole=self.graph is None)

    def _use(self, graph: TrackedGraph, *, whole: bool) -> PlanChange:
        changed = None if whole or self.graph is None else changes(self.graph, graph)
        self.graph = graph
        change = self.pages.use(graph, changed)
        self.files.use(self.plan, changed)
        return change

    def next_page(self) -> str | None:
        return self.pages.next_page()

    def page(self, src_uri: str) -> str | None:
        """A waiting page's Markdown, or None if it is unchanged."""
        return self.pages.write(src_uri)

    def built(self, src_uri: str) -> None:
        self.pages.built(src_uri)
