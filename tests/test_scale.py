"""Scale: the synthetic corpus, work per brief that does not grow, a 2,000-brief site.

Seconds belong to `make bench`; these tests count things instead, so they give the same
answer on a busy machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest

from build_hooks import pipeline
from build_hooks.graph.graph import Graph
from build_hooks.options import SiteOptions
from build_hooks.speed import processes as workers_module
from build_hooks.speed.site_build import SiteBuild
from tests.helpers import (
    REPO,
    broken_links,
    build_env,
    digest,
    make_project,
    markup_leaks,
    run_build,
)

CORPUS = REPO / "benchmarks" / "corpus.py"


def write_corpus(size: int, folder: Path) -> Path:
    subprocess.run(
        [sys.executable, str(CORPUS), str(size), str(folder)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder


def test_the_corpus_is_the_same_for_the_same_size(tmp_path: Path) -> None:
    first = digest(write_corpus(300, tmp_path / "a"), "*.yaml")
    assert first == digest(write_corpus(300, tmp_path / "b"), "*.yaml")
    assert first != digest(write_corpus(301, tmp_path / "c"), "*.yaml")
    kinds = Counter(name.split("/")[0] for name in first)
    assert kinds == {"companies": 24, "chips": 30, "policies": 36, "sources": 210}


def test_the_corpus_has_the_shapes_of_real_briefs(tmp_path: Path) -> None:
    graph, problems = pipeline.check(write_corpus(300, tmp_path / "briefs"), tmp_path)
    assert problems == []
    relations = Counter(link.relation for links in graph.outgoing.values() for link in links)
    assert set(relations) == {"reference", "mention", "citation"}
    assert len(graph.timeline()) > 100
    assert len(graph.threshold_policies) == 3
    assert any(brief.data.get("based_on") for brief in graph.kinds["chips"])
    assert any(brief.data.get("amends") for brief in graph.kinds["policies"])


class CountingDict(dict):
    """A dict that counts every item it hands out, by lookup or by iteration."""

    def __init__(self, data: dict[Any, Any], counts: Counter[str], name: str) -> None:
        super().__init__(data)
        self.counts, self.name = counts, name

    def __getitem__(self, key: Any) -> Any:
        self.counts[self.name] += 1
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self.counts[self.name] += 1
        return super().get(key, default)

    def __iter__(self) -> Iterator[Any]:
        for key in super().__iter__():
            self.counts[self.name] += 1
            yield key

    def values(self) -> Any:
        return [self[key] for key in self]

    def items(self) -> Any:
        return [(key, self[key]) for key in self]


class CountingList(list):
    """A list that counts the items iteration hands out."""

    def __init__(self, data: list[Any], counts: Counter[str], name: str) -> None:
        super().__init__(data)
        self.counts, self.name = counts, name

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            self.counts[self.name] += 1
            yield item


def counted_build(briefs: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Build every page in memory, counting template renders, graph lookups and calls."""
    # The counters live in this process: helper processes would take the work out of sight.
    monkeypatch.setenv(workers_module.ENVIRONMENT, "1")
    counts: Counter[str] = Counter()
    original_render = jinja2.Template.render
    original_build_graph = pipeline.build_graph

    def render(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        counts["template renders"] += 1
        return original_render(self, *args, **kwargs)

    def build_graph(*args: Any, **kwargs: Any) -> tuple[Graph, list[Any]]:
        graph, problems = original_build_graph(*args, **kwargs)
        for name in ("briefs", "incoming", "outgoing"):
            setattr(graph, name, CountingDict(getattr(graph, name), counts, f"graph.{name}"))
        graph.kinds = CountingDict(
            {
                kind: CountingList(briefs, counts, f"graph.kinds[{kind!r}]")
                for kind, briefs in graph.kinds.items()
            },
            counts,
            "graph.kinds",
        )
        return graph, problems

    def count_calls(frame: Any, event: str, arg: Any) -> None:
        if event == "call":
            counts["Python calls"] += 1

    monkeypatch.setattr(jinja2.Template, "render", render)
    monkeypatch.setattr(pipeline, "build_graph", build_graph)
    sys.setprofile(count_calls)
    try:
        site = pipeline.build_site(briefs, root, SiteOptions())
    finally:
        sys.setprofile(None)
    assert len(site.graph.briefs) == len(list(briefs.rglob("*.yaml")))
    return counts


@pytest.mark.slow  # two corpus builds with a profiler attached: about 15 s
def test_work_per_brief_does_not_grow_with_the_number_of_briefs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Linear work means the count per brief stays level (it falls a little, as fixed costs
    # spread); a page that scanned every brief would make it four times larger.
    small, large = 150, 600
    per_brief = {}
    for size in (small, large):
        briefs = write_corpus(size, tmp_path / str(size) / "briefs")
        counts = counted_build(briefs, tmp_path / str(size), monkeypatch)
        per_brief[size] = {name: count / size for name, count in counts.items()}
    assert {
        "template renders",
        "graph.briefs",
        "graph.kinds",
        "graph.kinds['chips']",
        "graph.incoming",
        "graph.outgoing",
        "Python calls",
    } <= set(per_brief[small])
    grown = {
        name: round(per_brief[large][name] / per_brief[small][name], 3)
        for name in per_brief[small]
        if per_brief[large][name] > per_brief[small][name] * 1.05
    }
    assert grown == {}, f"work per brief grew from {small} to {large} briefs: {grown}"


@pytest.mark.slow
def test_a_two_thousand_brief_site_builds(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", write_corpus(2000, tmp_path / "corpus"))
    result = run_build(project, timeout=1200)
    assert result.returncode == 0, result.stdout + result.stderr[-5000:]
    assert "WARNING" not in result.stderr
    site = project / "site"
    for kind in ("companies", "chips", "policies", "sources"):
        assert len(list((site / kind).glob("*/index.html"))) == len(
            list((project / "briefs" / kind).glob("*.yaml"))
        )
    assert broken_links(site) == []
    assert not markup_leaks(site)


def test_loading_in_worker_processes_gives_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs = write_corpus(400, tmp_path / "briefs")
    # Broken files among good ones: their problems must come back too, in the same order.
    (briefs / "chips" / "chip-00003.yaml").write_text("name: [unclosed\n", "utf-8")
    with (briefs / "companies" / "company-00002.yaml").open("a", encoding="utf-8") as brief:
        brief.write("headquarters: nowhere\n")
    # Other tests may leave threads behind (the browser tests' event loop).
    monkeypatch.setattr(workers_module.threading, "active_count", lambda: 1)
    results = {}
    for workers in ("1", "3"):
        monkeypatch.setenv(workers_module.ENVIRONMENT, workers)
        assert workers_module.worker_count(400) == int(workers)
        graph, problems = pipeline.check(briefs, tmp_path)
        results[workers] = ([(b.id, b.path, b.data) for b in graph.briefs.values()], problems)
    assert results["1"] == results["3"]
    assert {problem.path for problem in results["1"][1]} == {
        "briefs/chips/chip-00003.yaml",
        "briefs/companies/company-00002.yaml",
    }
    assert len(results["1"][0]) == 399


def test_workers_are_used_only_for_big_corpora_in_one_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(workers_module.ENVIRONMENT, raising=False)
    monkeypatch.setattr(workers_module, "_cores", lambda: 8)
    monkeypatch.setattr(workers_module.threading, "active_count", lambda: 1)
    assert workers_module.worker_count(140) == 1
    assert workers_module.worker_count(3500) == 3
    assert workers_module.worker_count(20000) == 8
    monkeypatch.setattr(workers_module.threading, "active_count", lambda: 2)
    assert workers_module.worker_count(20000) == 1  # `mkdocs serve` has a server thread


def test_helpers_leave_a_core_to_mkdocs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(workers_module.ENVIRONMENT, raising=False)
    monkeypatch.setattr(workers_module.threading, "active_count", lambda: 1)
    monkeypatch.setattr(workers_module, "_cores", lambda: 8)
    assert workers_module.helper_count(170) == 0  # the real site: all in this process
    assert workers_module.helper_count(1000) == 2
    assert workers_module.helper_count(20000) == 2  # more would only cost memory
    monkeypatch.setattr(workers_module, "_cores", lambda: 2)
    assert workers_module.helper_count(10000) == 1
    # Helpers that convert the pages do most of the work while MkDocs waits: every core.
    assert workers_module.helper_count(10000, converting=True) == 2
    assert workers_module.helper_count(170, converting=True) == 0
    monkeypatch.setattr(workers_module, "_cores", lambda: 1)
    assert workers_module.helper_count(10000) == 0
    assert workers_module.helper_count(10000, converting=True) == 1
    monkeypatch.setenv(workers_module.ENVIRONMENT, "3")
    assert workers_module.helper_count(10) == 2
    monkeypatch.setenv(workers_module.ENVIRONMENT, "1")
    assert workers_module.helper_count(20000) == 0
    monkeypatch.setenv(workers_module.ENVIRONMENT, "3")
    monkeypatch.setattr(workers_module.threading, "active_count", lambda: 2)
    assert workers_module.helper_count(20000) == 0  # `mkdocs serve` has a server thread


def _square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


@pytest.mark.parametrize("processes", [0, 2])
def test_helpers_give_results_in_order_from_other_processes(processes: int) -> None:
    helpers = workers_module.Helpers(processes, {"square": _square_and_pid})
    try:
        assert helpers.forked == (processes > 0)
        started = helpers.start("square", 12)
        results = list(helpers.in_order("square", range(100), chunk=7))
        assert [square for square, _ in results] == [n * n for n in range(100)]
        assert started.get()[0] == 144
        pids = {pid for _, pid in [*results, started.get()]}
        assert (os.getpid() in pids) == (processes == 0)
    finally:
        helpers.close()
    assert workers_module._helper_tasks == {}


def test_a_site_hands_over_its_pages_in_any_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs reads pages in path order, but nothing may go wrong if it did not.
    briefs = write_corpus(300, tmp_path / "briefs")
    monkeypatch.setattr(workers_module.threading, "active_count", lambda: 1)
    monkeypatch.setenv(workers_module.ENVIRONMENT, "2")
    whole = pipeline.build_site(briefs, tmp_path, SiteOptions())
    plan = pipeline.plan_site(briefs, tmp_path, SiteOptions())
    site: SiteBuild[None] = SiteBuild(plan, processes=1)
    try:
        assert site.helper_processes == 1
        backwards = {uri: site.page(uri) for uri in reversed(plan.page_paths)}
        with pytest.raises(KeyError, match=r"no generated page has the path chips/nope\.md"):
            site.page("chips/nope.md")
        with pytest.raises(KeyError, match=r"the page chips/index\.md was taken already"):
            site.page("chips/index.md")
        assert site.files() == whole.files
    finally:
        site.close()
    assert backwards == whole.pages
    assert plan.file_paths == sorted(whole.files)


def test_pages_written_by_worker_processes_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs = write_corpus(300, tmp_path / "briefs")
    monkeypatch.setattr(workers_module.threading, "active_count", lambda: 1)
    sites = {}
    for workers in ("1", "2"):
        monkeypatch.setenv(workers_module.ENVIRONMENT, workers)
        sites[workers] = pipeline.build_site(briefs, tmp_path, SiteOptions())
    assert sites["1"].pages == sites["2"].pages
    assert sites["1"].files == sites["2"].files


@pytest.mark.slow
def test_the_benchmark_writes_its_table(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks/run.py"),
            "--sizes",
            "40,80",
            "--repeats",
            "1",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [
        line
        for line in out.read_text("utf-8").splitlines()
        if line.startswith("| 40 |") or line.startswith("| 80 |")
    ]
    # The main table, the table of what a reader downloads, its first searches (three or
    # four queries a size, typed in Chromium), then the CPU table.
    counts = [line.count("|") for line in rows]
    assert counts[:4] == [14, 14, 6, 6] and counts[-2:] == [6, 6], rows
    searches = [line.split(" | ") for line in rows[4:-2]]
    assert 6 <= len(searches) <= 8 and all(line.count("|") == 7 for line in rows[4:-2]), rows
    for size, query, downloaded, files, first, _ in searches:
        assert int(downloaded.replace(",", "")) > 0 and int(files) > 0, (size, query)
        if query[0].isupper():  # the first company's name finds it first
            assert first == query, (size, query, first)
    pairs = [
        line
        for line in out.read_text("utf-8").splitlines()
        if line.startswith(("- 40 briefs: ", "- 80 briefs: "))
    ]
    assert len(pairs) == 2 and all(line.count("%") == 1 for line in pairs), pairs


@pytest.mark.slow
def test_the_phase_profile_shows_the_hooks_beside_mkdocs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks/phases.py"), "mkdocs.yml", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env=build_env(),
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    phases = [line[:55].strip() for line in result.stdout.splitlines()]
    assert phases == [
        "phase",
        "hooks: load, check, resolve (on_config)",
        "MkDocs: read and convert pages",
        "of which Markdown to HTML",
        "of which hooks: brief pages (or waiting for them)",
        "of which hooks: sanitising (or handing over)",
        "hooks: collect sanitised pages (on_env)",
        "hooks: collect data files (on_env)",
        "MkDocs: render templates, index for search, write",
        "garbage collections",
        "total",
    ]
