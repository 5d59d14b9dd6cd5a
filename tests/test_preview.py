"""The preview server's site after edits is the site a whole build makes of the same files;
a bad edit shows every problem and the next good one recovers.

The builder is driven directly (an edit is the files it touched, as the watcher would
report them), so each step is exact and needs no waiting; the browser tests drive the
real server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from build_hooks.preview.server import SiteState
from build_hooks.preview.watch import classify
from build_hooks.preview_site import PreviewBuilder, site_path
from tests.conftest import REPO
from tests.helpers import BUILD_DATE, digest, make_project, run_build

pytestmark = pytest.mark.slow


class Preview:
    def __init__(self, project: Path) -> None:
        self.project = project
        self.state = SiteState()
        self.state.base = site_path(project)
        self.builder = PreviewBuilder(project, self.state)

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.project / relative
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), "utf-8")
        self.builder.apply(classify(self.project, {path}))

    def write(self, relative: str, text: str | None) -> None:
        path = self.project / relative
        if text is None:
            path.unlink()
        else:
            path.write_text(text, "utf-8")
        self.builder.apply(classify(self.project, {path}))

    @property
    def site(self) -> Path:
        assert self.state.site_dir is not None
        return self.state.site_dir

    def assert_same_as_a_whole_build(self, tmp_path: Path) -> None:
        assert self.state.problems == []
        whole = tmp_path / "whole"
        result = run_build(self.project, "--site-dir", str(whole))
        assert result.returncode == 0, result.stderr
        served, built = digest(self.site), digest(whole)
        assert sorted(served) == sorted(built)
        assert [path for path in built if served[path] != built[path]] == []


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Preview]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    preview = Preview(make_project(tmp_path / "project"))
    preview.builder.build_all()
    assert preview.state.problems == []
    yield preview
    preview.builder.close()


def test_edits_update_only_what_they_change_and_match_a_whole_build(
    preview: Preview, tmp_path: Path
) -> None:
    site = preview.site
    page = site / "chips/x100/index.html"
    other = site / "companies/beta-cloud/index.html"
    other_before = other.read_bytes()
    preview.edit(
        "briefs/chips/x100.yaml", "A data-centre accelerator", "A liquid-cooled accelerator"
    )
    assert preview.site == site, "an edit to a summary built the whole site again"
    assert "A liquid-cooled accelerator" in page.read_text("utf-8")
    assert other.read_bytes() == other_before, "a page that does not show the summary changed"
    # A name shows on every page that links to the brief.
    preview.edit("briefs/companies/beta-cloud.yaml", "name: Beta Cloud", "name: Beta Cloud Group")
    assert "Beta Cloud Group" in page.read_text("utf-8")
    # A source's title shows where it is cited; a hand-written page's markers read briefs.
    preview.edit("briefs/sources/wire-report.yaml", "deploy X100 chips", "deploy X100 accelerators")
    preview.edit("docs/index.md", "\n", "\nEdited by the preview test.\n")
    assert preview.site == site
    preview.assert_same_as_a_whole_build(tmp_path)


def test_a_brief_added_and_removed_matches_a_whole_build(preview: Preview, tmp_path: Path) -> None:
    source = (preview.project / "briefs/sources/wire-report.yaml").read_text("utf-8")
    preview.write("briefs/sources/second-wire.yaml", source.replace("10 January", "11 January"))
    assert (preview.site / "sources/second-wire/index.html").is_file()
    preview.edit(
        "briefs/companies/beta-cloud.yaml", "[^wire-report]", "[^wire-report][^second-wire]"
    )
    preview.assert_same_as_a_whole_build(tmp_path)
    preview.edit(
        "briefs/companies/beta-cloud.yaml", "[^wire-report][^second-wire]", "[^wire-report]"
    )
    preview.write("briefs/sources/second-wire.yaml", None)
    assert not (preview.site / "sources/second-wire/index.html").exists()
    preview.assert_same_as_a_whole_build(tmp_path / "again")


def test_a_bad_edit_lists_every_problem_and_the_next_good_one_recovers(
    preview: Preview, tmp_path: Path
) -> None:
    x100 = "briefs/chips/x100.yaml"
    good = (preview.project / x100).read_text("utf-8")
    preview.edit(x100, "designer: acme", "designer: acmee")
    preview.edit("briefs/companies/beta-cloud.yaml", "country: CN", "country: China")
    assert [(p.path, p.line, p.column) for p in preview.state.problems] == [
        ("briefs/chips/x100.yaml", 5, 11),
        ("briefs/companies/beta-cloud.yaml", 4, 10),
    ]
    assert "did you mean 'acme'" in preview.state.problems[0].message
    preview.write(x100, good)
    assert len(preview.state.problems) == 1, "the file still wrong is still reported"
    preview.edit("briefs/companies/beta-cloud.yaml", "country: China", "country: CN")
    assert preview.state.problems == []
    preview.assert_same_as_a_whole_build(tmp_path)


EXTRA_SOURCES = 50  # with the site's own sources, more than an index page holds (200)


def test_topic_glossary_month_pages_page_two_and_feed_archives_follow_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real briefs: a topic, the glossary, a timeline over many months and more
    # developments than the feed holds (so it has monthly archives); with the extra
    # sources, the sources index has a second page.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path / "project", REPO / "briefs")
    for number in range(EXTRA_SOURCES):
        (project / f"briefs/sources/extra-source-{number:02d}.yaml").write_text(
            f"name: Extra source {number:02d}\ntitle: An extra source\npublisher: Example\n"
            f"url: https://example.com/extra/{number}\npublished: 2025-03-01\ntier: primary\n",
            "utf-8",
        )
    preview = Preview(project)
    preview.builder.build_all()
    try:
        assert preview.state.problems == []
        site = preview.site
        assert (site / "sources/page/2/index.html").is_file()
        assert list(site.glob("feed/*.xml")), "no feed archives: too few developments"
        # A glossary definition shows on the glossary page and in every marked term's tip.
        preview.edit("briefs/glossary.yaml", "Chip pages here work it out", "Chip pages compute it")
        # A name the glossary and the topic mention.
        preview.edit("briefs/companies/tencent.yaml", "name: Tencent", "name: Tencent Holdings")
        # The topic's lede leads its page and the home page.
        preview.edit(
            "briefs/topics/china-h200-approval.yaml",
            "approval in principle",
            "approval, in principle,",
        )
        # A development moved to another month: month and year pages, the feed and its
        # archives.
        preview.edit(
            "briefs/policies/cn-cac-h20-summons-2025.yaml", "date: 2025-07-31", "date: 2025-08-01"
        )
        # A row's name, and a row moved between the index's pages (newest first).
        preview.edit(
            "briefs/sources/extra-source-07.yaml", "name: Extra source 07", "name: Aardvark 07"
        )
        assert "Extra source 08" not in (site / "sources/page/2/index.html").read_text("utf-8")
        preview.edit(
            "briefs/sources/extra-source-08.yaml", "published: 2025-03-01", "published: 2001-03-01"
        )
        assert "Extra source 08" in (site / "sources/page/2/index.html").read_text("utf-8")
        assert preview.site == site, "an edit built the whole site again"
        assert "Chip pages compute it" in (site / "glossary/index.html").read_text("utf-8")
        assert "Tencent Holdings" in (site / "topics/china-h200-approval/index.html").read_text(
            "utf-8"
        )
        assert "2025-08-01" in (site / "timeline/2025/08/index.html").read_text("utf-8")
        preview.assert_same_as_a_whole_build(tmp_path)
    finally:
        preview.builder.close()
