"""The whole pipeline without MkDocs: briefs folder in, pages and data files out.

load → validate → graph → render. Nothing is rendered unless every brief is valid, and
every problem of the run is reported at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from build_hooks.catalog import load_all
from build_hooks.errors import BriefError, Problem
from build_hooks.graph import Graph, build_graph
from build_hooks.options import SiteOptions
from build_hooks.schema import SchemaSet
from build_hooks.schema_fields import field_specs
from build_hooks.types import BRIEF_TYPES

if TYPE_CHECKING:
    from build_hooks.render import Renderer


@dataclasses.dataclass
class Site:
    """Everything the briefs add to the site, keyed by path among the docs files."""

    pages: dict[str, str]
    files: dict[str, bytes]
    graph: Graph
    renderer: Renderer

    @property
    def listing_pages(self) -> set[str]:
        """Pages that list many briefs (indexes, timeline, jurisdictions): their tables
        repeat what entity pages say, so search skips them rather than show duplicates."""
        return set(self.renderer.site_pages.pages_paths)

    def expand(self, markdown: str, src_uri: str) -> str:
        """A hand-written docs/ page with its `<!-- briefs:… -->` markers filled in."""
        return self.renderer.expand_markers(markdown, src_uri)


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


def build_site(briefs_dir: Path, root: Path, options: SiteOptions | None = None) -> Site:
    """Every generated page and data file; raises BriefError if any brief is wrong."""
    options = options or SiteOptions()
    schemas = SchemaSet.load()
    graph, problems = check(briefs_dir, root, schemas=schemas)
    if problems:
        raise BriefError(problems)
    # Imported here: `check` needs none of the rendering (Jinja, the feed writer, lxml).
    from build_hooks.data_files import data_files
    from build_hooks.render import Renderer

    with _without_cycle_collection():
        renderer = Renderer(graph, schemas, options)
        files: dict[str, bytes] = {}

        def write_files() -> None:  # while workers write a big site's pages
            files.update(data_files(graph, options))
            files.update(renderer.files())

        pages = renderer.pages(meanwhile=write_files)
        site = Site(pages, dict(sorted(files.items())), graph, renderer)
    return site
