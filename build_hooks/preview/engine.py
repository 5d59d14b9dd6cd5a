"""The preview's core, without MkDocs: the briefs, pages and data files of a project,
kept up to date between edits.

    load → (update → page, page, …, files)*

`load` reads and checks everything once. `update` takes the files an edit touched: the
changed briefs are read again and the graph resolved again (briefs.py); if anything is
wrong, `problems` says what, exactly as `check` would, and nothing else moves until a
later edit puts it right. Otherwise the pages the edit may have changed wait (pages.py),
the edited ones first: `next_page` gives each, `page` its Markdown if it changed (with
the dry run's problems, as `check` converts it), and `built` records it as served. The
data files come last (data.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from build_hooks.errors import Problem
from build_hooks.options import SiteOptions
from build_hooks.pipeline import conversion_problems, dry_run
from build_hooks.preview.briefs import BriefStore
from build_hooks.preview.changes import changes
from build_hooks.preview.data import PreviewFiles
from build_hooks.preview.pages import PlanChange, PreviewPages, PreviewPlan
from build_hooks.preview.tracking import TrackedGraph
from build_hooks.validate.schemas import SchemaSet


class PreviewEngine:
    """A project's briefs, pages and data files, between edits."""

    def __init__(self, root: Path, options: SiteOptions, schemas: SchemaSet | None = None):
        self.root = root
        self.schemas = schemas or SchemaSet.load()
        self.options = options
        self.store = BriefStore(root, self.schemas)
        self.pages = PreviewPages(root, self.schemas, options)
        self.files = PreviewFiles()
        self.problems: list[Problem] = []
        """What is wrong now; nothing is built while this is not empty."""
        self.graph: TrackedGraph | None = None
        """The last graph without problems: the one the pages are written from."""

    @property
    def plan(self) -> PreviewPlan:
        assert self.pages.plan is not None, "no graph without problems yet"
        return self.pages.plan

    def load(self, *, dry_run_pages: bool = True) -> PlanChange | None:
        """Read and check every brief; with no problems, every page waits to be built.
        `dry_run_pages` converts every page as `check` does first (in worker processes,
        on a big site: call it before any thread starts)."""
        checked = self.store.load()
        self.problems = checked.problems
        if checked.graph is None:
            return None
        if dry_run_pages:
            self.problems = dry_run(checked.graph, self.schemas, self.options, self.root)
            if self.problems:
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

    def page(self, src_uri: str) -> tuple[str | None, list[Problem]]:
        """A waiting page's Markdown, or None if it is unchanged; and the problems the
        dry run finds converting it (a page with problems is not built, and waits)."""
        markdown = self.pages.write(src_uri)
        if markdown is None:
            return None, []
        where = src_uri if self.plan.generates(src_uri) else f"docs/{src_uri}"
        return markdown, conversion_problems(self.plan, where, markdown)

    def built(self, src_uri: str) -> None:
        self.pages.built(src_uri)
