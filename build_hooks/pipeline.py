"""The whole pipeline without MkDocs: briefs folder in, pages and data files out.

load → validate → graph → render. Nothing is rendered unless every brief is valid, and
every problem of the run is reported at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_hooks.catalog import load_all
from build_hooks.errors import BriefError, Problem
from build_hooks.graph import Graph, build_graph
from build_hooks.options import SiteOptions
from build_hooks.schema import SchemaSet
from build_hooks.schema_fields import field_specs
from build_hooks.types import BRIEF_TYPES
from build_hooks.workers import Helpers, Pending, helper_count

if TYPE_CHECKING:
    from build_hooks.render import Renderer


@dataclasses.dataclass
class Site:
    """Everything the briefs add to the site, keyed by path among the docs files."""

    pages: dict[str, str]
    files: dict[str, bytes]
    graph: Graph
    renderer: Renderer


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Loading makes millions of small objects and no garbage cycles; Python's cycle
    collector would otherwise walk them all again and again (a tenth of the check)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(briefs_dir: Path, root: Path, loader: type | None = None,
          schemas: SchemaSet | None = None) -> tuple[Graph, list[Problem]]:
    """Load, validate and resolve every brief; return the graph and every problem."""
    schemas = schemas or SchemaSet.load()
    with _without_cycle_collection():
        briefs, unreadable, problems = load_all(briefs_dir, root, schemas, loader)
        specs = {kind: field_specs(schemas, kind) for kind in BRIEF_TYPES}
        graph, graph_problems = build_graph(briefs, specs, unreadable)
    return graph, sorted(set(problems + graph_problems))


def plan_site(briefs_dir: Path, root: Path, options: SiteOptions | None = None) -> SiteBuild:
    """A checked site, ready to write; raises BriefError if any brief is wrong."""
    options = options or SiteOptions()
    schemas = SchemaSet.load()
    graph, problems = check(briefs_dir, root, schemas=schemas)
    if problems:
        raise BriefError(problems)
    # Imported here: `check` needs none of the rendering (Jinja, the feed writer, lxml).
    from build_hooks.render import Renderer

    with _without_cycle_collection():
        return SiteBuild(graph, Renderer(graph, schemas, options), options)


def build_site(briefs_dir: Path, root: Path, options: SiteOptions | None = None) -> Site:
    """Every generated page and data file; raises BriefError if any brief is wrong."""
    site = plan_site(briefs_dir, root, options)
    helpers = Helpers(helper_count(len(site.page_paths)), site.tasks())
    try:
        site.start(helpers)
        pages = {src_uri: site.page(src_uri) for src_uri in site.page_paths}
        files = site.files()
    finally:
        helpers.close()
    return Site(pages, files, site.graph, site.renderer)


class SiteBuild:
    """A checked site whose pages and data files are written as the build needs them.

    Each generated page depends on the graph alone, so for a big site helper processes
    write them in path order, a little ahead of MkDocs reading them, and write the data
    files meanwhile (see workers.py); the result is the same as writing them here.
    """

    def __init__(self, graph: Graph, renderer: Renderer, options: SiteOptions) -> None:
        from build_hooks.data_files import data_file_paths

        self.graph = graph
        self.renderer = renderer
        self.options = options
        self._writers = renderer.page_writers()
        self.page_paths = sorted(self._writers)
        self._order = {src_uri: index for index, src_uri in enumerate(self.page_paths)}
        self.file_paths = sorted([*data_file_paths(), *renderer.file_paths()])
        self._written: Iterator[str] = iter(())
        self._next = 0  # the index in `page_paths` of the next page `_written` gives
        self._ahead: dict[str, str] = {}
        self._files: Pending[dict[str, bytes]] | None = None

    def tasks(self) -> dict[str, Callable[[Any], Any]]:
        """The work helper processes do for this site; give them to `Helpers`."""
        return {_PAGE_TASK: lambda index: self._writers[self.page_paths[index]](),
                _FILES_TASK: lambda _: self._write_files()}

    def start(self, helpers: Helpers) -> None:
        """Start writing pages (first) and data files."""
        self._written = helpers.in_order(_PAGE_TASK, range(len(self.page_paths)))
        self._files = helpers.start(_FILES_TASK, None)

    @property
    def listing_pages(self) -> set[str]:
        """Pages that list many briefs (indexes, timeline, jurisdictions): their tables
        repeat what entity pages say, so search skips them rather than show duplicates."""
        return set(self.renderer.site_pages.pages_paths)

    def generates(self, src_uri: str) -> bool:
        return src_uri in self._writers

    def page(self, src_uri: str) -> str:
        """One generated page's Markdown. Each page can be taken once; take them in
        `page_paths` order, or the pages before it are held until they are taken."""
        if src_uri not in self._writers:
            raise KeyError(f"no generated page has the path {src_uri}")
        if self._order[src_uri] < self._next and src_uri not in self._ahead:
            raise KeyError(f"the page {src_uri} was taken already")
        # Written here when there are no helpers: without the cycle collector, as in
        # `check`, since writing a page leaves no garbage cycles.
        with _without_cycle_collection():
            while src_uri not in self._ahead:
                self._ahead[self.page_paths[self._next]] = next(self._written)
                self._next += 1
        return self._ahead.pop(src_uri)

    def files(self) -> dict[str, bytes]:
        """Every data file, by path (waiting for the helper writing them)."""
        assert self._files is not None, "start() comes first"
        files = self._files.get()
        assert list(files) == self.file_paths, "file_paths names the files written"
        return files

    def expand(self, markdown: str, src_uri: str) -> str:
        """A hand-written docs/ page with its `<!-- briefs:… -->` markers filled in."""
        return self.renderer.expand_markers(markdown, src_uri)

    def _write_files(self) -> dict[str, bytes]:
        from build_hooks.data_files import data_files

        with _without_cycle_collection():
            files = {**data_files(self.graph, self.options), **self.renderer.files()}
        return dict(sorted(files.items()))


_PAGE_TASK = "write pages"
_FILES_TASK = "write data files"
