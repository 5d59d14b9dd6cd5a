"""One real strict MkDocs build of the fixture site, and what a failed build must not do."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from build_hooks.site.search_shards import shard_key
from tests.helpers import (
    BUILD_DATE,
    broken_links,
    build_env,
    digest,
    make_project,
    markup_leaks,
    run_build,
    run_mkdocs,
    search_documents,
)

pytestmark = pytest.mark.slow


def assert_mkdocs_refuses(project: Path, message: str) -> None:
    """Plain `mkdocs build --strict` (not our wrapper) fails with `message`, cleanly."""
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("site") / "project")
    docs_before = digest(project / "docs")
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert digest(project / "docs") == docs_before, "the build wrote into docs/"
    return project / "site"


def links(page: Path) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page.read_text("utf-8")))


def test_every_brief_has_a_page_at_its_contract_url(built: Path) -> None:
    for url in [
        "companies/acme/",
        "companies/beta-cloud/",
        "chips/x100/",
        "policies/export-rule/",
        "sources/press-release/",
        "sources/wire-report/",
        "companies/",
        "chips/",
        "policies/",
        "sources/",
        "timeline/",
    ]:
        assert (built / url / "index.html").is_file(), url
    data = json.loads((built / "data/briefs.json").read_text())
    assert {item["url"] for item in data["briefs"]} == {
        "companies/acme/",
        "companies/beta-cloud/",
        "chips/x100/",
        "policies/export-rule/",
        "sources/press-release/",
        "sources/wire-report/",
    }


def test_relations_link_both_ways(built: Path) -> None:
    company, chip = built / "companies/acme/index.html", built / "chips/x100/index.html"
    assert "../../chips/x100/" in links(company)  # chips designed (inverse)
    assert "../../companies/acme/" in links(chip)  # designer (forward)
    policy = built / "policies/export-rule/index.html"
    assert {"../../companies/acme/", "../../chips/x100/"} <= links(policy)
    assert "../../policies/export-rule/" in links(chip)  # affected by (inverse)
    source = built / "sources/wire-report/index.html"
    assert {"../../companies/acme/", "../../companies/beta-cloud/", "../../chips/x100/"} <= links(
        source
    )


def test_citations_are_footnotes_linking_to_source_pages(built: Path) -> None:
    html = (built / "chips/x100/index.html").read_text("utf-8")
    assert re.search(r'<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>', html)
    footnotes = html[html.index('<div class="footnote">') :]
    assert 'href="../../sources/press-release/"' in footnotes
    assert 'href="../../sources/wire-report/"' in footnotes


def test_edit_links_open_the_yaml_brief(built: Path) -> None:
    html = (built / "chips/x100/index.html").read_text("utf-8")
    assert (
        "https://github.com/ai-chip-policy-briefs/briefs/edit/main/briefs/chips/x100.yaml" in html
    )
    assert "edit/main/docs/chips" not in html


def test_edit_links_follow_a_symlinked_docs_folder(tmp_path: Path) -> None:
    from build_hooks.options import options_from_config

    elsewhere = tmp_path / "elsewhere" / "docs"
    elsewhere.mkdir(parents=True)
    root = tmp_path / "project"
    root.mkdir()
    (root / "docs").symlink_to(elsewhere)
    config = {"repo_url": "https://github.com/o/r", "edit_uri": "edit/main/docs/"}
    # MkDocs gives docs_dir as an absolute path that keeps the symlink.
    linked = options_from_config({**config, "docs_dir": str(root / "docs")}, root)
    assert linked.edit_base == "https://github.com/o/r/edit/main/"
    # A docs folder outside the repository has no path there: no edit links, no crash.
    outside = options_from_config({**config, "docs_dir": str(elsewhere)}, root)
    assert outside.edit_base is None


def test_entity_pages_stay_out_of_the_navigation(built: Path) -> None:
    home = (built / "index.html").read_text("utf-8")
    nav_links = set(re.findall(r'<a href="([^"]+)" class="md-(?:nav|tabs)__link', home))
    assert "chips/" in nav_links and "timeline/" in nav_links
    assert not any(
        re.fullmatch(r"(companies|chips|policies|sources)/[a-z0-9-]+/", link) for link in nav_links
    ), nav_links
    assert "chips/x100/" in home  # reached from the home page's latest developments


def test_search_runs_in_the_sites_worker_which_finds_materials(built: Path) -> None:
    # overrides/main.html names search-shards.js as the search worker, with the name of
    # Material's (whose code it runs) in its address: a Material upgrade that renames or
    # moves its worker shows here.
    for path, prefix in (("index.html", ""), ("chips/x100/index.html", "../../")):
        page = (built / path).read_text("utf-8")
        found = re.search(
            r'<script id="__config" type="application/json">(.*?)</script>', page, re.S
        )
        assert found, path
        worker, material = json.loads(found.group(1))["search"].split("?material=")
        assert worker == f"{prefix}assets/javascripts/workers/search-shards.js"
        assert (built / "assets/javascripts/workers/search-shards.js").is_file()
        assert (built / "assets/javascripts/workers" / f"search.{material}").is_file()
    manifest = json.loads((built / "search/search_index.json").read_text("utf-8"))
    pages = {str(doc["location"]).split("#")[0] for doc in search_documents(built)}
    assert manifest["docs"] == [] and manifest["config"]["shards"]["pages"] == len(pages) > 10


def test_titles_reach_the_search_index_and_tab_as_plain_text(built: Path) -> None:
    # An over-escaped title ("Beta Cloud&#x27;s") shows to the reader as entity soup and
    # puts a rare word into the search index that outranks the pages people look for.
    titles = {doc["location"]: doc["title"] for doc in search_documents(built)}
    title = "Beta Cloud's R&amp;D arm to deploy X100 chips, sources say"
    assert titles["sources/wire-report/"] == title
    assert not [t for t in titles.values() if "&#" in t or "&quot;" in t]
    page = (built / "sources/wire-report/index.html").read_text("utf-8")
    assert f"<title>{title} - " in page


def test_every_link_and_anchor_resolves(built: Path) -> None:
    assert broken_links(built) == []


def test_no_markdown_syntax_leaks_into_pages_as_text(built: Path) -> None:
    assert not markup_leaks(built)


def test_threshold_verdicts_link_to_the_threshold_on_its_rule(built: Path) -> None:
    page = built / "chips/x100/index.html"
    assert "../../policies/export-rule/#threshold-rule-a" in links(page)
    rule = (built / "policies/export-rule/index.html").read_text("utf-8")
    assert 'id="threshold-rule-a"' in rule


def test_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    project = built.parent
    result = run_build(project, "--site-dir", str(tmp_path / "again"))
    assert result.returncode == 0, result.stderr
    assert digest(tmp_path / "again") == digest(built)


def test_only_dated_files_depend_on_the_build_date(built: Path, tmp_path: Path) -> None:
    # A canary for hidden clock dependence: one day later, only the files that carry the
    # build date may differ: the sitemap's lastmod, and the maintenance page, which says
    # on what date it judged briefs stale (and so the search index, which holds its
    # text). Every other page must stay the same.
    project = built.parent
    result = run_build(
        project,
        "--site-dir",
        str(tmp_path / "later"),
        env=build_env(SOURCE_DATE_EPOCH=str(int(BUILD_DATE) + 86400)),
    )
    assert result.returncode == 0, result.stderr
    before, after = digest(built), digest(tmp_path / "later")
    assert before.keys() == after.keys()
    changed = sorted(name for name in before if before[name] != after[name])
    assert [name for name in changed if not name.startswith("search/")] == [
        "maintenance/index.html",
        "sitemap.xml",
        "sitemap.xml.gz",
    ]
    # In search: the maintenance page's documents, and the lists of the words (its dates)
    # that are on it one day and not the next.
    documents = search_documents(built)
    pages = sorted(
        {str(doc["location"]).split("#")[0] for doc in documents},
        key=[str(doc["location"]).split("#")[0] for doc in documents].index,
    )
    maintenance = f"search/pages/{pages.index('maintenance/')}.json"
    assert maintenance in changed
    others = [name for name in changed if name.startswith("search/") and name != maintenance]
    assert others and all(name.startswith("search/terms/") for name in others), others
    days = [
        datetime.datetime.fromtimestamp(int(BUILD_DATE) + n * 86400, datetime.UTC) for n in (0, 1)
    ]
    dates = {shard_key(word) for day in days for word in day.date().isoformat().split("-")}
    assert {name.removeprefix("search/terms/").removesuffix(".json") for name in others} <= dates


def test_a_broken_brief_fails_the_build_and_leaves_the_site_alone(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    assert run_build(project).returncode == 0
    before = digest(project / "site")
    brief = project / "briefs/chips/x100.yaml"
    brief.write_text(brief.read_text().replace("designer: acme", "designer acme"))
    result = run_build(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "briefs/chips/x100.yaml:5:1: designer: this line has no ':' after its key;"
        " write it as 'key: value'"
    )
    assert digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_strict_mode_failure_after_writing_leaves_the_site_alone(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    assert run_build(project).returncode == 0
    before = digest(project / "site")
    (project / "docs/index.md").write_text("# Home\n\n[broken](missing.md)\n")
    result = run_build(project)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert (
        "contains a link 'missing.md'" in output
        and "Aborted with 1 warnings in strict mode" in output
    )
    assert digest(project / "site") == before


def test_the_hook_reports_brief_problems_through_mkdocs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    brief = project / "briefs/companies/acme.yaml"
    brief.write_text(brief.read_text().replace("[[x100]]", "[[x1000]]"))
    assert_mkdocs_refuses(
        project,
        "briefs/companies/acme.yaml:5:20: summary: [[x1000]]: no"
        " topic or company or chip or policy or source has the id 'x1000'; did you mean"
        " 'x100'?",
    )


def test_a_docs_page_at_a_generated_path_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "docs/chips").mkdir(exist_ok=True)
    (project / "docs/chips/x100.md").write_text("# My own X100 page\n")
    (project / "docs/timeline.md").write_text("# My own timeline\n")
    assert_mkdocs_refuses(
        project,
        "These files in docs/ have the same path as generated pages;"
        " rename or remove them: chips/x100.md, timeline.md",
    )


def test_the_repository_site_links_nvidia_and_the_h200_both_ways(tmp_path: Path) -> None:
    from tests.conftest import REPO

    result = run_build(REPO, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "../../chips/h200/" in links(tmp_path / "site/companies/nvidia/index.html")
    assert "../../companies/nvidia/" in links(tmp_path / "site/chips/h200/index.html")
    assert not markup_leaks(tmp_path / "site")
    assert broken_links(tmp_path / "site") == []
