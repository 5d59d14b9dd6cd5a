"""Lists that grow with the site (the briefs that cite, mention or refer to a brief, and a
policy's verdicts on every chip): a brief's page shows their start and links to the
whole list, on pages of its own (render/long_lists.py).

The fixture site's lists are short, so these tests shrink the limits: with them shrunk,
the same briefs have long lists.
"""

from __future__ import annotations

import logging
import posixpath
import re
import shutil
from pathlib import Path

import pytest

from build_hooks import paths
from build_hooks.pipeline import plan_site
from build_hooks.render import long_lists
from build_hooks.site.plan import SitePlan
from tests.conftest import FIXTURE_BRIEFS
from tests.helpers import BUILD_DATE, broken_links, make_project

_LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)\s]*)?\)")


def _plan(monkeypatch: pytest.MonkeyPatch, shown: int, per_page: int) -> SitePlan:
    monkeypatch.setattr(long_lists, "SHOWN", shown)
    monkeypatch.setattr(long_lists, "PER_PAGE", per_page)
    return plan_site(FIXTURE_BRIEFS, FIXTURE_BRIEFS.parent)


def _section(markdown: str, heading: str) -> str:
    """The text under `## heading`, up to the next heading of that level."""
    return markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def _items(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("- ")]


def _absolute(items: list[str], page: str) -> list[str]:
    """List items with their links made relative to the site, so that the same entry on
    two pages reads the same."""
    return [
        _LINK.sub(
            lambda m: f"]({posixpath.normpath(posixpath.join(posixpath.dirname(page), m[1]))})",
            item,
        )
        for item in items
    ]


def test_a_long_list_shows_its_start_and_links_to_the_whole_of_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    whole = _plan(monkeypatch, 10**6, 10**6)
    everyone = _absolute(
        _items(_section(whole.write_page("chips/x100.md"), "Mentioned in")), "chips/x100.md"
    )
    assert len(everyone) == 3

    plan = _plan(monkeypatch, 1, 2)
    section = _section(plan.write_page("chips/x100.md"), "Mentioned in")
    assert _absolute(_items(section), "chips/x100.md") == everyone[:1]
    assert (
        "These are the first 1 of 3 briefs: [see them all](x100/mentioned-in.md) (2 pages of up to 2)."
        in section
    )
    pages = [paths.brief_list_page("chips", "x100", "mentioned-in", n) for n in (1, 2)]
    assert [p for p in plan.page_paths if p.startswith("chips/x100/")] == pages
    listed = []
    for number, page in enumerate(pages, start=1):
        text = plan.write_page(page)
        assert f"\n# X100: mentioned in, page {number} of 2\n" in text
        assert "The 3 briefs that mention [X100](../" in text
        assert "Page 1 of 2: " in text or "Page 2 of 2: " in text
        listed += _absolute(_items(text), page)
    # Every entry once, in the order of the whole list, with the same sentence and links.
    assert listed == everyone
    # Search leaves list pages out, as it does the indexes: their entries repeat pages.
    assert set(pages) <= plan.listing_pages


def test_the_second_page_of_a_list_is_written_as_its_golden_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = _plan(monkeypatch, 1, 2)
    text = plan.write_page("sources/press-release/cited-by/page/2.md")
    golden = Path(__file__).parent / "data/long-list-page.md"
    assert text == golden.read_text("utf-8")


def test_a_policy_shows_some_chips_against_each_threshold_and_links_to_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    whole = _plan(monkeypatch, 10**6, 10**6)
    table = _section(whole.write_page("policies/export-rule.md"), "Thresholds")
    rows = [line for line in table.splitlines() if line.startswith("| [")]
    assert len(rows) == 2  # one chip in the fixtures, against two thresholds

    plan = _plan(monkeypatch, 0, 1)
    section = _section(plan.write_page("policies/export-rule.md"), "Thresholds")
    assert not [line for line in section.splitlines() if line.startswith("| [")]
    links = re.findall(r"\[see them all\]\((export-rule/threshold-[a-z0-9-]+\.md)\)", section)
    assert len(links) == 2
    for link, row in zip(links, rows, strict=True):
        page = posixpath.join("policies", link)
        assert page in plan.page_paths
        text = plan.write_page(page)
        assert "Every chip on this site against the threshold [" in text
        assert [line for line in text.splitlines() if line.startswith("| [")] == [
            row.replace("](../chips/", "](../../chips/")
        ]


def test_every_link_of_every_list_page_leads_to_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    short = set(_plan(monkeypatch, 10**6, 10**6).page_paths)
    plan = _plan(monkeypatch, 0, 1)
    list_pages = sorted(set(plan.page_paths) - short)
    assert len(list_pages) > 10
    # Each under the address of its brief, which has a page.
    assert all("/".join(p.split("/")[:2]) + ".md" in short for p in list_pages)
    docs = FIXTURE_BRIEFS.parent / "docs"
    hand_written = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    for page in list_pages:
        for target in _LINK.findall(plan.write_page(page)):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
            assert resolved in plan.page_paths or resolved in hand_written, (page, target)


def test_a_site_of_long_lists_builds_strictly_with_every_link_resolving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # In this process, so that the shrunk limits hold for MkDocs's build too.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setattr(long_lists, "SHOWN", 0)
    monkeypatch.setattr(long_lists, "PER_PAGE", 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site"))
    with caplog.at_level(logging.WARNING):
        build(config)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    site = tmp_path / "site"
    assert (site / "policies/export-rule").is_dir()
    assert (site / "sources/press-release/cited-by/page/2/index.html").is_file()
    assert broken_links(site) == []


def test_a_jurisdiction_with_many_policies_lists_them_over_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_hooks.render import jurisdictions

    shutil.copytree(FIXTURE_BRIEFS, tmp_path / "briefs")
    rule = (tmp_path / "briefs/policies/export-rule.yaml").read_text("utf-8")
    for number in (2, 3):
        (tmp_path / f"briefs/policies/export-rule-{number}.yaml").write_text(rule, "utf-8")
    monkeypatch.setattr(jurisdictions, "ROWS_PER_PAGE", 2)
    plan = plan_site(tmp_path / "briefs", tmp_path)
    assert [p for p in plan.page_paths if p.startswith("jurisdictions/us")] == [
        "jurisdictions/us.md",
        "jurisdictions/us/page/2.md",
    ]
    first, second = (
        plan.write_page(p) for p in sorted(plan.page_paths) if p.startswith("jurisdictions/us")
    )
    assert "3 policies of this jurisdiction, oldest first; this page lists 1 to 2." in first
    assert "Page 1 of 2: **1** [2](us/page/2.md) · [next →](us/page/2.md)" in first
    assert "\n# United States (US), page 2 of 2\n" in second
    assert "Page 2 of 2: [1](../../us.md) **2** · [← previous](../../us.md)" in second
    policies = [re.findall(r"\[Example export rule\]\(([^)]+)\)", text) for text in (first, second)]
    assert [len(found) for found in policies] == [2, 1]
    assert {"jurisdictions/us.md", "jurisdictions/us/page/2.md"} <= plan.listing_pages


def test_the_words_under_the_chips_chart_name_a_bounded_number_of_chips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The chart's alternative text and the list of chips it cannot place name each chip on
    # a small site; on a big one they say how many, so the chips index does not grow.
    from build_hooks.render import listings

    shutil.copytree(FIXTURE_BRIEFS, tmp_path / "briefs")
    chip = (tmp_path / "briefs/chips/x100.yaml").read_text("utf-8")
    for other in ("x200", "x300"):
        (tmp_path / f"briefs/chips/{other}.yaml").write_text(chip, "utf-8")
    plan = plan_site(tmp_path / "briefs", tmp_path)
    named = plan.write_page("chips/index.md")
    assert named.count("X100: ") == 3  # each chip's figures in the alternative text

    monkeypatch.setattr(listings, "NAMED_IN_CHART_TEXT", 2)
    counted = plan_site(tmp_path / "briefs", tmp_path).write_page("chips/index.md")
    assert "for 3 chips by designer's country" in counted
    assert "X100: " not in counted

    monkeypatch.setattr(listings, "chip_figures", lambda graph: [])  # no chip can be placed
    unplaced = plan_site(tmp_path / "briefs", tmp_path).write_page("chips/index.md")
    [line] = [line for line in unplaced.splitlines() if line.startswith("Neither figure")]
    assert line.count("](x") == 2 and line.endswith(" and 1 more chip.")
