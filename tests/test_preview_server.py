"""The preview server's pieces without a build: the error page, the live-reload answers,
which files it serves, what each changed file means to the site, and the generated files
a new plan adds and removes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from build_hooks.errors import Problem
from build_hooks.graph.graph import Graph
from build_hooks.preview.changes import Changes
from build_hooks.preview.data import PreviewFiles
from build_hooks.preview.server import EVERY_PAGE, SiteState, _file_for, error_page, with_reload
from build_hooks.preview.watch import classify


def test_the_error_page_lists_every_problem_at_its_place_as_text() -> None:
    problems = [
        Problem("briefs/chips/a.yaml", 3, 7, "name", "<script>alert(1)</script> is wrong"),
        Problem("briefs/companies/b.yaml", 12, 1, "", "another & more"),
    ]
    page = error_page(problems, 4).decode()
    assert "briefs/chips/a.yaml:3:7" in page
    assert "briefs/companies/b.yaml:12:1" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; is wrong" in page
    assert "<script>alert(1)" not in page
    assert "another &amp; more" in page
    assert page.count('<li class="problem">') == 2
    assert 'fetch("/__preview/wait?since=" + version' in page, "the reload script is code"


def test_a_waiting_request_answers_when_the_site_moves_or_in_time() -> None:
    state = SiteState()
    assert state.wait(0, timeout=0.01) == {"version": 0, "failed": False, "urls": []}
    answers: list[dict[str, object]] = []
    waiting = threading.Thread(target=lambda: answers.append(state.wait(0)))
    waiting.start()
    state.publish(["/chips/x100/"])
    waiting.join()
    assert answers == [{"version": 1, "failed": False, "urls": ["/chips/x100/"]}]
    state.fail([Problem("briefs/chips/a.yaml", 1, 1, "", "wrong")])
    assert state.wait(1) == {"version": 2, "failed": True, "urls": [EVERY_PAGE]}
    state.recover()
    assert state.wait(2)["failed"] is False
    assert state.wait(99, timeout=0.01)["urls"] == [EVERY_PAGE], "a restarted server"


def test_only_files_inside_the_site_are_served(tmp_path: Path) -> None:
    (tmp_path / "chips/x").mkdir(parents=True)
    (tmp_path / "chips/x/index.html").write_text("<html><body>x</body></html>")
    assert _file_for(tmp_path, "/chips/x/") == tmp_path / "chips/x/index.html"
    assert _file_for(tmp_path, "/chips/../chips/x/") is None
    assert _file_for(tmp_path, "/chips/y/") is None
    assert _file_for(None, "/") is None
    html = with_reload((tmp_path / "chips/x/index.html").read_bytes(), 3).decode()
    assert html.endswith("</script></body></html>")


def test_each_changed_file_means_a_page_a_brief_or_the_whole_site(tmp_path: Path) -> None:
    edit = classify(
        tmp_path,
        {
            tmp_path / "briefs/chips/a.yaml",
            tmp_path / "docs/about/index.md",
            tmp_path / "docs/stylesheets/briefs.css",
            tmp_path / "briefs/chips/.a.yaml.swp",
            tmp_path / "site/index.html",
            Path("/elsewhere/mkdocs.yml"),
        },
    )
    assert edit.briefs == {tmp_path / "briefs/chips/a.yaml"}
    assert edit.pages == {"about/index.md"}
    assert edit.everything == {tmp_path / "docs/stylesheets/briefs.css"}
    assert not classify(tmp_path, {tmp_path / "README.md"})


class _Plan:
    """A plan with no briefs and one group of files (as a feed and its archives)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.graph = Graph([], [])
        self.page_paths: list[str] = []
        self.file_paths = sorted(files)
        self.shared_reads: frozenset[tuple[str, str]] = frozenset()
        self._files = files

    def generates(self, src_uri: str) -> bool:
        return False

    def write_page(self, src_uri: str) -> str:
        raise AssertionError("no pages")

    def expand(self, markdown: str, src_uri: str) -> str:
        return markdown

    def file_groups(self) -> dict[str, Callable[[], dict[str, bytes]]]:
        return {"feed": lambda: dict(self._files)}


def test_a_file_the_site_no_longer_has_is_removed_and_a_new_one_written() -> None:
    files = PreviewFiles()
    files.use(_Plan({"feed.xml": b"new", "feed/2025-01.xml": b"old"}), None)
    files.built(files.write())
    # The next plan's group has one archive fewer and one more.
    files.use(_Plan({"feed.xml": b"newer", "feed/2025-02.xml": b"moved"}), None)
    assert files.write() == {"feed.xml": b"newer", "feed/2025-02.xml": b"moved"}
    assert files.removed() == ["feed/2025-01.xml"]
    files.built({}, files.removed())
    assert files.removed() == []
    files.use(
        _Plan({"feed.xml": b"newer", "feed/2025-02.xml": b"moved"}),
        Changes(frozenset(), frozenset()),
    )
    assert files.write() == {"feed.xml": b"newer", "feed/2025-02.xml": b"moved"}, "not served yet"
