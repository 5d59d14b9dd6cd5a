"""`make bench`: how the check and the build grow with the number of briefs.

For each size N it writes a synthetic corpus (benchmarks/corpus.py) into a complete site
project and measures, each step in a fresh process (benchmarks/measure.py):

- the parse floor: PyYAML's C loader reading every brief, and nothing else;
- `python -m build_hooks check --quick` (every brief loaded, validated and resolved),
  beside that floor, and `check` (which then converts every page as the build will);
- `python -m build_hooks render` (the whole pipeline, writing plain Markdown);
- `mkdocs build` with the hooks, beside `mkdocs build` of the rendered Markdown with the
  same configuration and no hooks: the difference is what the hooks cost;
- peak memory of the build, bytes per entity page and search-index bytes per brief.

Steps run in turn, never in parallel, and the machine is shared: compare the ratios, which
are measured side by side, rather than the seconds. The table, with the date, versions
and machine, goes to docs/benchmarks.md (or --out).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import search_bytes  # benchmarks/search_bytes.py, beside this file
import yaml
from search_bytes import FirstSearch

REPO = Path(__file__).resolve().parent.parent
SIZES = (1000, 5000, 10000)
BIG = 20000  # measured too when the machine has the memory for it
TARGET = 10000  # the size the hooks' overhead is judged at: built more often
TYPES = ("companies", "chips", "policies", "sources")
WORKERS = "BRIEFS_WORKERS"  # speed/processes.py: 1 keeps all the work in one process


@dataclass
class Row:
    size: int
    floor: float
    check: float  # `check --quick`: the briefs alone, judged against the floor
    serial_check: float
    full_check: float  # `check`: the briefs, then every page converted (a dry run)
    pipeline: float
    build: float
    plain: float
    peak_mib: float
    worker_peak_mib: float
    page_bytes: float
    search_bytes: float
    build_cpu: float  # user + system seconds of the build's main process
    worker_cpu: float  # ... of its workers and helpers
    plain_cpu: float
    pair_overheads: list[float]  # build ÷ plain - 1 of each pair, in the order run
    first_searches: list[FirstSearch]  # what a reader's browser fetches (gzip), per query
    largest_page_bytes: int
    largest_page: str
    feed_bytes: int

    @property
    def first_search_bytes(self) -> int:
        """The most any of the first searches downloaded."""
        return max(search.bytes for search in self.first_searches)

    @property
    def build_ratio(self) -> float:
        return self.build / self.plain

    @property
    def check_ratio(self) -> float:
        return self.check / self.floor

    @property
    def serial_check_ratio(self) -> float:
        return self.serial_check / self.floor

    @property
    def overhead(self) -> float:
        return self.build / self.plain - 1

    @property
    def cpu_overhead(self) -> float:
        return self.build_cpu / self.plain_cpu - 1


def measure(
    out_dir: Path, name: str, *args: str, cwd: Path = REPO, env: dict[str, str] | None = None
) -> dict[str, float]:
    report = out_dir / f"{name}.json"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1769212800",
        "PYTHONPATH": str(REPO),
        **(env or {}),
    }
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks/measure.py"), str(report), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    data = json.loads(report.read_text()) if report.exists() else {"exit_code": -1}
    if data["exit_code"] != 0:
        raise SystemExit(f"{name} failed (exit {data['exit_code']}):\n{result.stderr[-3000:]}")
    return data


def project(folder: Path, size: int) -> Path:
    """A site project like the repository, with N synthetic briefs."""
    root = folder / "project"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks/corpus.py"), str(size), str(root / "briefs")],
        check=True,
        capture_output=True,
    )
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "docs", root / "docs")
    # The hand-written pages that link to real briefs give way to the fixture site's.
    shutil.copytree(REPO / "tests/fixtures/docs", root / "docs", dirs_exist_ok=True)
    (root / "build_hooks").symlink_to(REPO / "build_hooks", target_is_directory=True)
    return root


def plain_config(root: Path, rendered: Path) -> Path:
    """The same configuration without the hooks, reading the rendered Markdown."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config.pop("hooks")
    config.pop("watch", None)
    config["docs_dir"] = os.path.relpath(rendered, root)  # still right in a --keep copy
    # The hooks add entity pages as "not in nav"; plain MkDocs is told so by pattern.
    config["not_in_nav"] = "\n".join(
        [
            *(f"/{kind}/*.md" for kind in TYPES),
            *(f"/{kind}/page/*.md" for kind in TYPES),
            # A brief's long lists (render/long_lists.py), and their later pages.
            *(f"/{kind}/*/*.md" for kind in TYPES),
            *(f"/{kind}/*/*/page/*.md" for kind in TYPES),
            "/jurisdictions/*.md",
            "/jurisdictions/*/page/*.md",
            "/timeline/*/*.md",
            "/maintenance.md",
        ]
    )
    path = root / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def search_queries(root: Path) -> list[str]:
    """What readers type, from the corpus: a company's name, a chip's name in Chinese
    script, a kind of brief (a word on thousands of pages), a policy word."""
    companies = sorted((root / "briefs/companies").glob("*.yaml"))
    company = yaml.safe_load(companies[0].read_text("utf-8"))
    chinese = [
        alias
        for path in sorted((root / "briefs/chips").glob("*.yaml"))
        for alias in yaml.safe_load(path.read_text("utf-8")).get("aliases", [])
        if not alias.isascii()
    ]
    return [company["name"], *chinese[:1], "chip", "export"]


def first_searches(site: Path, root: Path) -> list[FirstSearch]:
    """What a reader's first search downloads, for each of `search_queries`, in headless
    Chromium (benchmarks/search_bytes.py)."""
    return search_bytes.first_searches(site, search_queries(root))


def largest_page(site: Path) -> tuple[int, str]:
    """The largest HTML page's size and its path."""
    return max((page.stat().st_size, str(page.relative_to(site))) for page in site.rglob("*.html"))


def entity_page_bytes(site: Path) -> float:
    pages = [page for kind in TYPES for page in (site / kind).glob("*/index.html")]
    return sum(page.stat().st_size for page in pages) / len(pages)


def run_size(size: int, keep: Path | None, repeats: int) -> Row:
    with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as scratch:
        folder = Path(scratch)
        root = project(folder, size)
        floors, checks, serial_checks = [], [], []
        quick_check = ("module", "build_hooks", "check", "--quick", "--root", str(root))
        for _ in range(3):  # quick steps: the quickest of three
            floors.append(measure(folder, "floor", "floor", str(root / "briefs"))["seconds"])
            checks.append(measure(folder, "check", *quick_check)["seconds"])
            serial_checks.append(
                measure(folder, "check", *quick_check, env={WORKERS: "1"})["seconds"]
            )
        # The whole check converts every page, about what a build's helpers do: once.
        full_check = measure(folder, "check", "module", "build_hooks", "check", "--root", str(root))
        rendered = folder / "rendered"
        pipeline = measure(
            folder, "render", "module", "build_hooks", "render", str(rendered), "--root", str(root)
        )
        plain_file = str(plain_config(root, rendered))
        builds, plains = [], []
        # In pairs, the quickest of each kept: a busy neighbour slows one run, not the
        # comparison. Every other pair runs the plain build first, so that neither kind
        # always follows the other (and the caches it leaves warm).
        for repeat in range(repeats):
            pair = [
                ("build", str(root / "mkdocs.yml"), folder / "site", builds),
                ("plain", plain_file, folder / "site-plain", plains),
            ]
            for name, config_file, site_dir, runs in pair[::-1] if repeat % 2 else pair:
                runs.append(
                    measure(
                        folder,
                        name,
                        "module",
                        "mkdocs",
                        "build",
                        "--config-file",
                        config_file,
                        "--site-dir",
                        str(site_dir),
                        cwd=root,
                    )
                )
        build = min(builds, key=lambda run: run["seconds"])
        build["peak_mib"] = max(run["peak_mib"] for run in builds)
        build["worker_peak_mib"] = max(run["worker_peak_mib"] for run in builds)
        plain = min(plains, key=lambda run: run["seconds"])
        site = folder / "site"
        row = Row(
            size,
            min(floors),
            min(checks),
            min(serial_checks),
            full_check["seconds"],
            pipeline["seconds"],
            build["seconds"],
            plain["seconds"],
            build["peak_mib"],
            build["worker_peak_mib"],
            entity_page_bytes(site),
            sum(file.stat().st_size for file in (site / "search").rglob("*.json")) / size,
            min(run["cpu_seconds"] for run in builds),
            min(run["worker_cpu_seconds"] for run in builds),
            min(run["cpu_seconds"] for run in plains),
            [
                build["seconds"] / plain["seconds"] - 1
                for build, plain in zip(builds, plains, strict=True)
            ],
            first_searches(site, root),
            *largest_page(site),
            (site / "feed.xml").stat().st_size,
        )
        if keep is not None:
            shutil.copytree(folder, keep / str(size), dirs_exist_ok=True, symlinks=True)
        return row


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = f"{names[0]} × {len(names)}" if names else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total = int(meminfo.read_text().split()[1]) / 1024 / 1024
        memory = f", {total:.0f} GiB memory"
    return f"{platform.system()} {platform.release()}, {cpu}{memory}"


def _cores() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )


def available_gib() -> float:
    meminfo = Path("/proc/meminfo")
    if not meminfo.exists():
        return 0.0
    for line in meminfo.read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


TARGETS = [
    (
        "The first search downloads at most 400 KB (gzip) at 10,000 briefs",
        lambda r: r[10000].first_search_bytes / 1000,
        "{:,.0f} KB",
        lambda v: v <= 400,
    ),
    (
        "No page is larger than 500 KB at 10,000 briefs",
        lambda r: r[10000].largest_page_bytes / 1000,
        "{:,.0f} KB",
        lambda v: v <= 500,
    ),
    (
        "The build at 10,000 briefs takes at most 0.6× a plain build of the same pages",
        lambda r: r[10000].build_ratio,
        "{:.2f}×",
        lambda v: v <= 0.6,
    ),
    (
        "Build time from 1,000 to 10,000 briefs grows at most 10.5 times",
        lambda r: r[10000].build / r[1000].build,
        "{:.2f}×",
        lambda v: v <= 10.5,
    ),
    (
        "Bytes per entity page stay within 10% from 1,000 to 10,000 briefs",
        lambda r: r[10000].page_bytes / r[1000].page_bytes - 1,
        "{:+.1%}",
        lambda v: abs(v) <= 0.10,
    ),
    (
        "The hooks add at most 5% to a plain build of the same pages at 10,000 briefs",
        lambda r: r[10000].overhead,
        "{:+.1%}",
        lambda v: v <= 0.05,
    ),
    (
        "`check --quick` (every brief loaded, validated and resolved) at 10,000 briefs within"
        " 2× its parsing floor",
        lambda r: r[10000].check_ratio,
        "{:.2f}×",
        lambda v: v <= 2.0,
    ),
    (
        "Peak memory of the build at 10,000 briefs under 2 GiB (main process plus its"
        " largest worker, shared pages counted twice)",
        lambda r: r[10000].peak_mib + r[10000].worker_peak_mib,
        "{:,.0f} MiB",
        lambda v: v < 2048,
    ),
]


def versions() -> str:
    names = [
        "mkdocs",
        "mkdocs-material",
        "PyYAML",
        "jsonschema",
        "fastjsonschema",
        "nh3",
        "Markdown",
        "Jinja2",
    ]
    found = ", ".join(f"{name} {metadata.version(name)}" for name in names)
    libyaml = "with" if yaml.__with_libyaml__ else "without"
    return f"Python {platform.python_version()}, {found} ({libyaml} libyaml)"


def write_page(rows: dict[int, Row], out: Path, repeats: int, target_repeats: int) -> None:
    lines = [
        "# Benchmarks",
        "",
        "How the check and the build grow with the number of briefs, measured by `make bench`"
        " on a synthetic corpus (`python benchmarks/corpus.py N DIR`) shaped like the real"
        " one. Each step ran in a fresh process, one after another; the machine is shared, so"
        " the ratios, measured side by side, say more than the seconds.",
        "",
        f"Measured on {datetime.date.today().isoformat()}: {machine()}; {versions()}.",
        "",
        "From 2,000 briefs, briefs are loaded and checked by worker processes, one for every"
        f" 1,000 briefs up to the {_cores()} cores of this machine. From 500 pages, helper"
        " processes (two at most) write, convert, sanitise and index for search the"
        " generated pages just ahead of MkDocs, which only renders them"
        " (`build_hooks/speed/site_build.py`, `build_hooks/mkdocs_pages.py`).",
        "",
        "*`check --quick`* loads, validates and resolves every brief, and is what the"
        " parse floor judges; the *one process* column is the same with"
        " `BRIEFS_WORKERS=1`, for a machine with a single core. *`check`* does that and"
        " then converts every page as the build will, so that a site that passes it"
        " builds: it costs about what a build's conversion does, and is measured once.",
        "",
        "| Briefs | Parse floor | `check --quick` | ÷ floor | one process ÷ floor | `check`"
        " | Pipeline | Build | Plain build | Hooks add | Peak memory (largest worker)"
        " | Bytes per entity page | Search bytes per brief |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows.values():
        lines.append(
            f"| {row.size:,} | {row.floor:.2f} s | {row.check:.2f} s | {row.check_ratio:.2f}×"
            f" | {row.serial_check_ratio:.2f}× | {row.full_check:.1f} s"
            f" | {row.pipeline:.1f} s | {row.build:.1f} s"
            f" | {row.plain:.1f} s | {row.overhead:+.1%} | {row.peak_mib:,.0f} MiB"
            f" ({row.worker_peak_mib:,.0f} MiB) | {row.page_bytes:,.0f}"
            f" | {row.search_bytes:,.0f} |"
        )
    lines += [
        "",
        "*Parse floor*: PyYAML's C loader reading every brief and nothing else."
        " *Pipeline*: `python -m build_hooks render`, which loads, checks, resolves and"
        " writes every generated page. *Build*: `mkdocs build` with the hooks. *Plain"
        " build*: `mkdocs build` of the rendered Markdown with the same configuration and"
        f" no hooks. *Build* and *plain build* ran in pairs, {repeats} times each below"
        f" {TARGET:,} briefs, {target_repeats} at {TARGET:,} (where the overhead target is"
        " judged) and once above, the plain build first in every other pair; the"
        " quickest of each is shown. *Peak memory*: of the build"
        " with the hooks, its main process and (in brackets) its largest worker; workers"
        " are forked, so much of their memory is shared with the main process.",
        "",
        "What a reader downloads, and the build against a plain one:",
        "",
        "| Briefs | Bytes per first search (gzip, the most of the queries below) | Largest"
        " page | Feed size | Build ÷ plain |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| {row.size:,} | {row.first_search_bytes:,} | {row.largest_page_bytes:,}"
            f" (`{row.largest_page}`) | {row.feed_bytes:,} | {row.build_ratio:.2f}× |"
            for row in rows.values()
        ),
        "",
        "*Bytes per first search*: a reader's first query, typed in headless Chromium with"
        " nothing cached (`benchmarks/search_bytes.py`): every file the search fetched, the"
        " search's worker scripts included, at its gzip-compressed size. *Search bytes per"
        " brief* (above) is the whole index, all its parts, uncompressed. The queries:",
        "",
        "| Briefs | Query | Bytes (gzip) | Files | First result | Results |",
        "| --- | --- | --- | --- | --- | --- |",
        *(
            f"| {row.size:,} | {_cell(search.query)} | {search.bytes:,} | {search.files}"
            f" | {_cell(search.first_result or '(none)')} | {search.results} |"
            for row in rows.values()
            for search in row.first_searches
        ),
        "",
        "CPU time (user and system, the least of the same runs) says the same with less"
        " of the noise of a shared machine, and shows the work the hooks hand to other"
        " cores:",
        "",
        "| Briefs | Build, main process | Plain build | Hooks add | Workers and helpers |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| {row.size:,} | {row.build_cpu:.1f} s | {row.plain_cpu:.1f} s"
            f" | {row.cpu_overhead:+.1%} | {row.worker_cpu:.1f} s |"
            for row in rows.values()
        ),
        "",
        "The hooks' overhead pair by pair, in the order run (wall time; the spread is"
        " the machine's noise):",
        "",
        *(
            f"- {row.size:,} briefs: " + ", ".join(f"{value:+.1%}" for value in row.pair_overheads)
            for row in rows.values()
        ),
        "",
        "To see where a build's time goes, keep a size's project (`benchmarks/run.py"
        " --sizes 10000 --keep DIR`) and run `python benchmarks/phases.py` in it, with"
        " `mkdocs.yml` and then `mkdocs-plain.yml`: MkDocs's page phases beside the"
        " hooks' own work.",
        "",
    ]
    if 1000 in rows and 10000 in rows:
        lines += ["## Targets", "", "| Target | Measured | Met |", "| --- | --- | --- |"]
        for text, value, shown, met in TARGETS:
            measured = value(rows)
            verdict = "yes" if met(measured) else "no"
            lines.append(f"| {text} | {shown.format(measured)} | {verdict} |")
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a title may hold a `|`."""
    return text.replace("|", "\\|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, SIZES)),
        help="comma-separated corpus sizes (default: %(default)s, and 20,000"
        " when at least 6 GiB of memory is free)",
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs/benchmarks.md")
    parser.add_argument("--keep", type=Path, help="keep each size's project and sites here")
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help=f"builds of each kind per size below {TARGET:,} briefs, the"
        " quickest kept (default: %(default)s; larger sizes are built"
        " once)",
    )
    parser.add_argument(
        "--target-repeats",
        type=int,
        default=5,
        help=f"the same at {TARGET:,} briefs, where the hooks' overhead is"
        " judged against its target (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.sizes == parser.get_default("sizes") and available_gib() >= 6:
        sizes.append(BIG)
    rows: dict[int, Row] = {}
    for size in sizes:
        print(f"Measuring {size:,} briefs…", flush=True)
        repeats = args.target_repeats if size == TARGET else (args.repeats if size < TARGET else 1)
        rows[size] = run_size(size, args.keep, repeats)
        row = rows[size]
        print(
            f"  check --quick {row.check:.2f} s ({row.check_ratio:.2f}× floor), check"
            f" {row.full_check:.1f} s, build {row.build:.1f}"
            f" s, plain {row.plain:.1f} s ({row.overhead:+.1%}; CPU {row.cpu_overhead:+.1%}),"
            f" peak {row.peak_mib:,.0f} MiB",
            flush=True,
        )
    write_page(rows, args.out, args.repeats, args.target_repeats)
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
