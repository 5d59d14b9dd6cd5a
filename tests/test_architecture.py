"""The house rules of build_hooks/: data flows one way through the stage packages, the
speed code stays behind its fence, and only the hook knows MkDocs.

Every import counts here, including those under TYPE_CHECKING and inside functions: a
cycle or a backwards import is a knot in the design whether or not it runs.
"""

from __future__ import annotations

import ast
import functools
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "build_hooks"
# The stages in the order data flows through them; a module may import its own stage and
# earlier ones. Modules at the top of the package are shared basics (0) or faces (9).
STAGES = {"load": 1, "validate": 2, "graph": 3, "render": 4, "site": 5, "contribute": 6, "speed": 7}
BASICS = {"errors", "kinds", "limits", "options", "paths", "words"}
# brief_checks.py checks one brief file (the pipeline's and the preview's brief store's
# way). preview/ keeps a site up to date between edits, one brief and one page at a time,
# from plans it is given: it needs brief_checks, not the pipeline. preview_site.py is its
# MkDocs side (a second adapter, as thin as the hook) and an entry point beside cli.py:
# __main__ hands its `serve` to the CLI, so neither imports the other. preview_plan.py is
# the plan it hands the preview (a SitePlan whose reads are recorded). mkdocs_pages.py
# converts generated pages as MkDocs does, for the hook (in the build's helpers).
FACES = {
    "brief_checks": 8,
    "pipeline": 8,
    "preview": 9,
    "preview_plan": 10,
    "preview_mkdocs": 10,
    "preview_site": 10,
    "cli": 10,
    "mkdocs_pages": 8,
    "mkdocs_hook": 9,
    "__main__": 12,
}
MAX_DEPTH = 11


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


@functools.cache
def imports() -> dict[str, set[str]]:
    """Each module's imports: of build_hooks modules, and of every other top-level package."""
    known = modules()
    found: dict[str, set[str]] = {}
    for name, path in known.items():
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    names.add(full if full in known else node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[name] = {other for other in names if other != name}
    return found


def stage(name: str) -> int:
    parts = name.split(".")
    if len(parts) == 1:
        return 0
    if parts[1] in STAGES:
        return STAGES[parts[1]]
    if parts[1] in BASICS:
        return 0
    return FACES[parts[1]]


def internal(name: str) -> set[str]:
    return {other for other in imports()[name] if other in modules()}


def test_every_module_has_a_place_in_the_stages() -> None:
    for name in modules():
        stage(name)  # raises KeyError for a module nobody placed


def test_no_module_imports_a_later_stage() -> None:
    backwards = sorted(
        f"{name} imports {other}"
        for name in modules()
        for other in internal(name)
        if stage(other) > stage(name)
    )
    assert backwards == []


def test_the_stages_never_import_the_speed_code() -> None:
    # speed/ puts faster equivalents in the stages' place (in pipeline.py); the stages
    # must read plainly without it.
    leaks = sorted(
        f"{name} imports {other}"
        for name in modules()
        for other in internal(name)
        if other.startswith("build_hooks.speed") and 0 < stage(name) < STAGES["speed"]
    )
    assert leaks == []


def test_only_the_hook_imports_mkdocs() -> None:
    users = sorted(
        name
        for name, found in imports().items()
        if any(other == "mkdocs" or other.startswith("mkdocs.") for other in found)
    )
    # The preview server runs MkDocs's own page steps on single pages (preview_site.py,
    # with what preview_mkdocs.py keeps of the whole build); mkdocs_pages.py runs them on
    # generated pages in the build's helpers.
    assert users == [
        "build_hooks.mkdocs_hook",
        "build_hooks.mkdocs_pages",
        "build_hooks.preview_mkdocs",
        "build_hooks.preview_site",
    ]


def depth(name: str, seen: tuple[str, ...] = ()) -> int:
    if name in seen:
        raise AssertionError(f"import cycle: {' -> '.join([*seen, name])}")
    return 1 + max((depth(other, (*seen, name)) for other in internal(name)), default=0)


def test_no_import_cycles_and_a_shallow_tree() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 2000))
    deepest = max(modules(), key=depth)
    assert depth(deepest) <= MAX_DEPTH, f"{deepest} is {depth(deepest)} imports deep"


@pytest.mark.parametrize("name", sorted(n for n in modules() if n != "build_hooks.__main__"))
def test_every_module_says_what_it_is_for(name: str) -> None:
    assert ast.get_docstring(ast.parse(modules()[name].read_text("utf-8"))), name


def test_no_generated_page_sits_where_a_brief_could(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A brief named like a generated page would replace it (or be replaced), so those
    # names are reserved; this keeps the reserved list complete as pages are added.
    from build_hooks import paths
    from build_hooks.kinds import BRIEF_TYPES
    from build_hooks.pipeline import plan_site
    from build_hooks.render import listings, long_lists
    from tests.conftest import FIXTURE_BRIEFS

    # One row a page, so that the indexes' later pages (`chips/page/2.md`) exist too, and
    # every list on a brief's page long, so that its pages (`chips/x100/cited-by.md`) do.
    monkeypatch.setattr(listings, "ROWS_PER_PAGE", 1)
    monkeypatch.setattr(long_lists, "SHOWN", 0)
    monkeypatch.setattr(long_lists, "PER_PAGE", 1)

    plan = plan_site(FIXTURE_BRIEFS, FIXTURE_BRIEFS.parent)
    briefs = {brief.src_uri for brief in plan.graph.briefs.values()}
    taken = set()
    for path in plan.page_paths:
        kind, _, rest = path.partition("/")
        if kind not in BRIEF_TYPES or path in briefs:
            continue
        name, *deeper = rest.split("/")
        if deeper and f"{kind}/{name}.md" in briefs:
            continue  # a brief's own list pages, under its address: no brief can be there
        taken.add(name.removesuffix(".md"))
    assert taken == set(paths.RESERVED_IDS)
