"""The whole pipeline, without MkDocs: briefs folder in, pages and data files out.

    load → validate → graph → render → site

Every brief is loaded and validated, then the graph is resolved; nothing is rendered
unless every brief is valid, and every problem of the run is reported at once. The
stages are plain code; the faster equivalents in `speed/` are put in their place here.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_hooks.brief_checks import BriefRules, at_most_per_file, read_and_validate
from build_hooks.errors import BriefError, Problem
from build_hooks.graph.brief import Brief
from build_hooks.graph.editorial import editorial_problems
from build_hooks.graph.graph import Graph
from build_hooks.graph.resolve import build_graph
from build_hooks.load.files import discover, glossary_file
from build_hooks.options import SiteOptions
from build_hooks.speed import memory

# The reader `check` uses, by its old address here (tests read single files with it).
from build_hooks.speed.fast_yaml import read_brief as read_brief
from build_hooks.speed.processes import map_in_order, worker_count
from build_hooks.speed.site_build import Key, SiteBuild
from build_hooks.validate.fields import bit_lengths
from build_hooks.validate.schemas import SchemaSet

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from build_hooks.site.plan import SitePlan


@dataclasses.dataclass
class Site:
    """Everything the briefs add to the site, keyed by path among the docs files."""

    pages: dict[str, str]
    files: dict[str, bytes]
    plan: SitePlan

    @property
    def graph(self) -> Graph:
        return self.plan.graph


def check(
    briefs_dir: Path,
    root: Path,
    loader: type | None = None,
    schemas: SchemaSet | None = None,
    today: datetime.date | None = None,
    pages: SiteOptions | None = None,
) -> tuple[Graph, list[Problem]]:
    """Load, validate and resolve every brief; return the graph and every problem.

    `loader` is the PyYAML parser to read with (by default the C one, where present);
    `today` is the day dates are checked against (by default the clock's, in UTC). With
    `pages` (the site's options), a valid site's every page is also converted as the
    build will convert it, so that what passes the check builds.
    """
    schemas = schemas or SchemaSet.load()
    rules = BriefRules.create(schemas, today)
    validator, specs = rules.validator, rules.specs
    with memory.no_cycle_collection():
        files, problems = discover(briefs_dir, root)  # load
        workers = worker_count(len(files))
        if workers > 1:
            validator.compile_checks()  # once, before the fork, for every worker
        read = functools.partial(read_and_validate, rules, loader)
        briefs: list[Brief] = []
        unreadable: set[str] = set()
        for found, (brief, found_problems) in zip(  # validate
            files, map_in_order(read, files, workers), strict=True
        ):
            problems.extend(found_problems)
            if brief is None:
                unreadable.add(found.id)
            else:
                briefs.append(brief)
        glossary = None
        found_glossary = glossary_file(briefs_dir, root)
        if found_glossary is not None:
            glossary, glossary_problems = read_and_validate(rules, loader, found_glossary)
            problems.extend(glossary_problems)
        graph, graph_problems = build_graph(
            briefs,
            specs,
            unreadable,  # graph
            bit_lengths(schemas),
            glossary,
        )
        problems.extend(graph_problems)
        problems.extend(editorial_problems(graph, specs, glossary))
    if pages is not None and not problems:
        problems = dry_run(graph, schemas, pages, root)
    return graph, at_most_per_file(sorted(set(problems)))


def dry_run(graph: Graph, schemas: SchemaSet, options: SiteOptions, root: Path) -> list[Problem]:
    """Every page converted to HTML as the build converts it; a problem for each that fails."""
    from build_hooks.site.plan import SitePlan

    plan = SitePlan(graph, schemas, options)
    docs = root / "docs"
    hand_written = sorted(docs.rglob("*.md")) if docs.is_dir() else []
    pages = [
        *plan.page_paths,
        *(f"docs/{path.relative_to(docs).as_posix()}" for path in hand_written),
    ]
    convert = functools.partial(_convert_page, plan, root, options)
    return [
        problem
        for found in map_in_order(convert, pages, worker_count(len(pages)))
        for problem in found
    ]


def _convert_page(plan: SitePlan, root: Path, options: SiteOptions, page: str) -> list[Problem]:
    """The problems with one page: generated (its path among the docs files) or
    hand-written (`docs/…`, with its markers filled in)."""
    if page.startswith("docs/"):
        try:
            markdown = plan.expand((root / page).read_text("utf-8"), page.removeprefix("docs/"))
        except BriefError as error:
            return error.problems
    else:
        markdown = plan.write_page(page)
    return conversion_problems(plan, page, markdown)


def conversion_problems(plan: SitePlan, page: str, markdown: str) -> list[Problem]:
    """The problem with one page's Markdown if it would not convert: a generated page
    (its path among the docs files) at the brief it comes from, a hand-written one
    (`docs/…`, markers filled in) at itself."""
    from build_hooks.site.dry_run import conversion_problem
    from build_hooks.speed.verdicts import conversion_error

    where = page
    if not page.startswith("docs/"):
        brief = plan.graph.briefs.get(page.rpartition("/")[2].removesuffix(".md"))
        where = brief.path if brief is not None and brief.src_uri == page else page
    reason = conversion_error(markdown, plan.options.markdown_extensions)
    return [] if reason is None else [conversion_problem(where, page, reason)]


def plan_site(briefs_dir: Path, root: Path, options: SiteOptions | None = None) -> SitePlan:
    """A checked site, ready to write; raises BriefError if any brief is wrong."""
    options = options or SiteOptions()
    schemas = SchemaSet.load()
    graph, problems = check(briefs_dir, root, schemas=schemas)
    if problems:
        raise BriefError(problems)
    # Imported here: `check` needs none of the rendering (Jinja, the feed writer, lxml).
    from build_hooks.site.plan import SitePlan

    with memory.no_cycle_collection():
        return SitePlan(graph, schemas, options)  # render, site


def build_site(briefs_dir: Path, root: Path, options: SiteOptions | None = None) -> Site:
    """Every generated page and data file; raises BriefError if any brief is wrong."""
    plan = plan_site(briefs_dir, root, options)
    build: SiteBuild[None] = SiteBuild(plan)
    try:
        pages = {src_uri: build.page(src_uri) for src_uri in plan.page_paths}
        files = build.files()
    finally:
        build.close()
    return Site(pages, files, plan)


def start_build(
    briefs_dir: Path,
    root: Path,
    options: SiteOptions,
    converter: Callable[[SitePlan], Callable[[str, str], Any]] | None = None,
    first: Collection[str] = (),
) -> tuple[SitePlan, SiteBuild[Key]]:
    """For a build alongside MkDocs: a checked site, and its pages being written as
    MkDocs reads them (and converted by `converter(plan)`, if given), the pages `first`
    before the others. Raises BriefError, before anything is written, if any brief is
    wrong."""
    memory.release_kept()  # a `mkdocs serve` rebuild: the last build's objects may go
    plan = plan_site(briefs_dir, root, options)
    memory.keep_until_next_build()
    convert = None if converter is None else converter(plan)
    return plan, SiteBuild(plan, convert=convert, first=first)
