"""The command line: check, new, render and build. Exit codes: 0 ok, 1 bad input, 2 usage."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import click

from build_hooks.contribute.scaffold import new_brief
from build_hooks.contribute.site_diff import as_markdown, as_text, compare, snapshot
from build_hooks.errors import BriefError, format_problems
from build_hooks.kinds import BRIEF_TYPES, KINDS
from build_hooks.options import SiteOptions, options_from_config, read_config_file
from build_hooks.pipeline import Site, build_site, check
from build_hooks.words import count_of, summary_line

Serve = Callable[[Path, str, int], None]
"""The preview server (preview_site.serve): an entry point beside this one, which
__main__.py hands in, so that the command line does not import it."""


def find_root(start: Path | None = None) -> Path:
    """The project folder: the nearest folder upwards that holds mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The project folder (default: the nearest folder upwards with mkdocs.yml).",
)


@click.group()
def main() -> None:
    """Check, create and render AI Chip Policy Briefs."""


@main.command("check")
@click.option(
    "--format",
    "style",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="How to print problems.",
)
@click.option(
    "--quick",
    is_flag=True,
    help="Skip converting every page as the build will (seconds on a big site); the build"
    " then still does it.",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@root_option
def check_command(style: str, quick: bool, paths: tuple[Path, ...], root: Path | None) -> None:
    """Validate every brief; with PATHS, report only problems in those files.

    The whole graph is always loaded, so references from the given briefs to any other
    brief are still checked; and once every brief is valid, every page is converted as
    the build converts it, so a site that passes the check builds.

    \b
    Example:
        python -m build_hooks check
        python -m build_hooks check briefs/chips/h200.yaml --format github
    """
    # One check and the process ends: collecting garbage cycles would only walk every
    # loaded brief once more when the check turns the collector back on (a twentieth of
    # `check --quick` at 10,000 briefs), to free memory that the exit frees anyway.
    gc.disable()
    root = (root or find_root()).resolve()
    paths = tuple(_existing(path, root) for path in paths)
    # The dry run converts pages as the site's mkdocs.yml says; without one there is no
    # site to build, so there is nothing to try.
    dry_run = not quick and (root / "mkdocs.yml").is_file()
    graph, problems = check(root / "briefs", root, pages=_options(root) if dry_run else None)
    elsewhere = 0
    wanted = {_relative_to(path, root) for path in paths}
    if wanted and "." not in wanted:
        folders = tuple(w.rstrip("/") + "/" for w in wanted)
        shown = [p for p in problems if p.path in wanted or p.path.startswith(folders)]
        elsewhere = len({p.path for p in problems} - {p.path for p in shown})
        problems = shown
    if style == "json":
        click.echo(format_problems(problems, "json"))
    elif problems:
        click.echo(format_problems(problems, style), err=style == "text")
        if style == "text":
            click.echo(summary_line(len(problems)), err=True)
    elif elsewhere:
        others = count_of(elsewhere, "other file has", "other files have")
        click.echo(
            f"The given briefs are valid; {others} problems (run check without paths to see them)."
        )
    else:
        counts = ", ".join(
            count_of(len(graph.kinds[kind]), info.singular, info.plural)
            for kind, info in KINDS.items()
            # A kind a site does not use (topics, say) is left out, not counted as 0.
            if graph.kinds[kind]
        )
        click.echo(f"All {len(graph.briefs)} briefs are valid ({counts}).")
    sys.exit(1 if problems else 0)


def _kind(_: click.Context, __: click.Parameter, value: str) -> str:
    """A brief type, plural as the folders are or singular as people say it ('chip')."""
    by_name = {kind: kind for kind in BRIEF_TYPES} | {KINDS[k].singular: k for k in BRIEF_TYPES}
    if value.lower() in by_name:
        return by_name[value.lower()]
    raise click.BadParameter(f"{value!r} is not one of: {', '.join(BRIEF_TYPES)}")


def _python(root: Path) -> str:
    """How to run this interpreter from `root`: the project's venv works outside it
    (a bare 'python' may lack the dependencies)."""
    venv = root / ".venv" / "bin" / "python"
    if venv.exists():
        return ".venv/bin/python"
    return sys.executable or "python"


@main.command("new")
@click.argument("kind", metavar="TYPE", callback=_kind)
@click.argument("name")
@click.option("--id", "brief_id", help="The id (file name) to use instead of one made from NAME.")
@click.option(
    "--minimal", is_flag=True, help="Only the required fields, without the commented optional ones."
)
@root_option
def new_command(
    kind: str, name: str, brief_id: str | None, minimal: bool, root: Path | None
) -> None:
    """Write a new brief of TYPE (companies, chips, policies or sources; 'chip' works too)
    called NAME from a commented template. A source is named 'Publisher, date, on subject'
    and gets the id publisher-YYYY-MM-DD-subject, as the contributor docs ask.

    Prints the path of the new file. Never overwrites an existing brief.

    \b
    Example:
        python -m build_hooks new chips "Ascend 910C"
        python -m build_hooks new sources "Reuters, 15 July 2025, on the H20 licence" --minimal
    """
    root = (root or find_root()).resolve()
    try:
        path = new_brief(root, kind, name, brief_id, minimal=minimal)
    except FileExistsError as error:
        singular = KINDS[kind].singular
        raise click.ClickException(
            f"{error}; edit that brief, or give this {singular} another name or --id (ids are"
            " unique across all types)"
        ) from None
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    click.echo(path.relative_to(root).as_posix())
    click.echo(
        f"Next: fill in the fields, then run '{_python(root)} -m build_hooks check"
        f" {path.relative_to(root).as_posix()}' and preview with 'make serve'.",
        err=True,
    )


@main.command("render")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@root_option
def render_command(out_dir: Path, root: Path | None) -> None:
    """Write every generated page, plus docs/, as plain Markdown into OUT_DIR.

    Another engine (or MkDocs without the hooks) can then build the same site.

    \b
    Example:
        python -m build_hooks render /tmp/rendered
    """
    root = (root or find_root()).resolve()
    site = _site_or_exit(root)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise click.UsageError(f"{out_dir} is not empty; give an empty or new folder")
    docs = root / "docs"
    out_dir.mkdir(parents=True, exist_ok=True)
    if docs.is_dir():  # a project may have no hand-written pages at all
        shutil.copytree(docs, out_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    try:
        handwritten = _handwritten_pages(root, site)
    except BriefError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    for src_uri, expanded in handwritten.items():
        (out_dir / src_uri).write_text(expanded, "utf-8")
    for relative, content in [
        *((p, t.encode("utf-8")) for p, t in site.pages.items()),
        *site.files.items(),
    ]:
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    click.echo(f"Wrote {len(site.pages)} pages and {len(site.files)} data files to {out_dir}")


def _handwritten_pages(root: Path, site: Site) -> dict[str, str]:
    """docs/'s pages with their `<!-- briefs:… -->` markers filled in, as the hook does."""
    docs = root / "docs"
    return {
        page.relative_to(docs).as_posix(): site.plan.expand(
            page.read_text("utf-8"), page.relative_to(docs).as_posix()
        )
        for page in (sorted(docs.rglob("*.md")) if docs.is_dir() else [])
    }


@main.command("diff")
@click.argument("ref")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="text for a terminal; markdown for a GitHub job summary.",
)
@root_option
def diff_command(ref: str, output_format: str, root: Path | None) -> None:
    """Show what this tree changes on the site compared with the git revision REF: the
    pages added, changed and removed, and a diff of each changed page's text.

    Both sides are rendered by this tree's code from their own briefs, docs/ and
    mkdocs.yml, so the diff shows what the content edits change. Uncommitted edits count.

    \b
    Example:
        python -m build_hooks diff main
        python -m build_hooks diff origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    root = (root or find_root()).resolve()
    site = _site_or_exit(root)
    after = {**site.pages, **_handwritten_pages(root, site)}
    with tempfile.TemporaryDirectory(prefix="briefs-diff-") as folder:
        base = Path(folder)
        try:
            snapshot(root, ref, base)
        except ValueError as error:
            raise click.UsageError(str(error)) from None
        try:
            old = build_site(base / "briefs", base, _options(base))
            before = {**old.pages, **_handwritten_pages(base, old)}
        except BriefError as error:
            click.echo(
                f"The site at {ref} does not build ({summary_line(len(error.problems))}),"
                " so every page counts as added.",
                err=True,
            )
            before = {}
    report = compare(before, after)
    click.echo(
        as_markdown(report, ref) if output_format == "markdown" else as_text(report, ref), nl=False
    )


@main.command("build")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the site goes (default: site/ in the project folder).",
)
@click.option(
    "--for-disk",
    is_flag=True,
    help=(
        "Link pages as chips/h200.html rather than chips/h200/, so that the site works"
        " when opened from disk (the pull-request artifact); not for publishing."
    ),
)
@root_option
def build_command(site_dir: Path | None, for_disk: bool, root: Path | None) -> None:
    """Check the briefs, then build the site strictly, replacing the site folder only on success.

    The build goes to a temporary folder first, so a failed build leaves the previous
    site exactly as it was.

    \b
    Example:
        python -m build_hooks build
        python -m build_hooks build --for-disk --site-dir /tmp/review-site
    """
    root = (root or find_root()).resolve()
    site_dir = (site_dir or root / "site").resolve()
    _, problems = check(root / "briefs", root)
    if problems:
        click.echo(format_problems(problems), err=True)
        click.echo(summary_line(len(problems)), err=True)
        click.echo(f"Nothing was built; {site_dir.name}/ was left as it was.", err=True)
        sys.exit(1)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Exactly `mkdocs build --strict`: -q or -v would weaken strict mode (mkdocs#4126, #3991).
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "--config-file",
        str(root / "mkdocs.yml"),
        "--site-dir",
        str(staging),
        *(["--no-directory-urls"] if for_disk else []),
    ]
    result = subprocess.run(command, cwd=root, env=env, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        click.echo(f"The build failed; {site_dir.name}/ was left as it was.", err=True)
        sys.exit(1)
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    click.echo(f"Built the site into {site_dir}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to serve at.")
@click.option("--port", default=8000, show_default=True, help="The port (0: any free one).")
@root_option
@click.pass_obj
def serve_command(serve: Serve | None, host: str, port: int, root: Path | None) -> None:
    """Preview the site: each saved edit shows in the browser in moments.

    The briefs stay loaded between edits; an edit reloads only the files it changed and
    converts only the pages it changed, and open pages reload themselves. While the
    briefs have problems, every page lists them (file:line:column); the next good save
    shows the site again.

    \b
    Example:
        python -m build_hooks serve
    """
    if serve is None:
        raise click.UsageError("the preview server runs as 'python -m build_hooks serve'")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    serve((root or find_root()).resolve(), host, port)


def _options(root: Path) -> SiteOptions:
    """The options the hook takes from mkdocs.yml (edit links, the site's address, the
    Markdown extensions), so that pages are the ones the hook would give MkDocs."""
    config = root / "mkdocs.yml"
    return (
        options_from_config(read_config_file(config), root) if config.is_file() else SiteOptions()
    )


def _site_or_exit(root: Path) -> Site:
    try:
        return build_site(root / "briefs", root, _options(root))
    except BriefError as error:
        click.echo(str(error), err=True)
        click.echo(summary_line(len(error.problems)), err=True)
        sys.exit(1)


def _existing(path: Path, root: Path) -> Path:
    """A path as given, or else inside the project: `check --root site briefs/x.yaml`
    means site/briefs/x.yaml when there is no briefs/x.yaml here."""
    if path.exists():
        return path
    if not path.is_absolute() and (root / path).exists():
        return root / path
    where = "here" if root == Path.cwd().resolve() else f"here or in {root}"
    raise click.BadParameter(f"{path} does not exist ({where})", param_hint="'PATHS...'")


def _relative_to(path: Path, root: Path) -> str:
    resolved = path.resolve()
    if resolved.is_relative_to(root):
        return resolved.relative_to(root).as_posix()
    return path.as_posix()
