"""A whole site built by MkDocs from briefs full of injection payloads, checked file by
file: what the theme put there is allowed, and nothing from a brief can run, frame, post,
redirect, fetch from elsewhere or pull in a file from disk."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.helpers import (
    ParsedPage,
    add_hook,
    build_env,
    digest,
    make_project,
    run_build,
    run_mkdocs,
    search_documents,
    unsafe_parts,
)
from tests.hostile_suite import injection_site

pytestmark = pytest.mark.slow

CANARY = "canary-7f3e9b1c-d2a4-4c5e-9f60-briefs"
# The only scripts in a page: Material's bundle and its small inline set-up scripts, its
# JSON configuration, and our JSON-LD.
THEME_SCRIPT_STARTS = (
    "__md_scope=new URL(",
    "var palette=__md_get(",
    "var target=document.getElementById(location.hash",
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = injection_site(tmp_path_factory.mktemp("hostile"), CANARY)
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    # The sanitiser warns (and strict mode fails) if it had to remove anything.
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


def pages(site: Path) -> list[tuple[str, ParsedPage]]:
    parsed = []
    for file in sorted(site.rglob("*.html")):
        parsed.append((file.relative_to(site).as_posix(), ParsedPage(file.read_text("utf-8"))))
    return parsed


def test_the_payload_briefs_are_all_on_the_site(hostile_site: Path) -> None:
    assert (hostile_site / "companies/script-tag/index.html").is_file()
    # Every company brief of the site has its page (the site is built from all-briefs/).
    briefs = hostile_site.parent.parent / "all-briefs" / "companies"
    pages_built = {path.parent.name for path in (hostile_site / "companies").glob("*/index.html")}
    assert pages_built == {path.stem for path in briefs.glob("*.yaml")}
    assert len(pages_built) > 35


def test_no_script_but_the_themes(hostile_site: Path) -> None:
    for path, page in pages(hostile_site):
        for attributes, body in page.scripts:
            if "src" in attributes:
                # The theme's bundle, and the site's own script (docs/javascripts/).
                assert re.fullmatch(
                    r"(\.\./)*(/briefs/)?(assets/javascripts/bundle\.[0-9a-f]+\.min"
                    r"|javascripts/(?:previews|glossary))\.js",
                    attributes["src"],
                ), (path, attributes)
            elif attributes.get("type") == "application/json":
                assert attributes.get("id") == "__config", path
                json.loads(body)
            elif attributes.get("type") == "application/ld+json":
                assert "<" not in body, path
                json.loads(body)
            else:
                assert body.strip().startswith(THEME_SCRIPT_STARTS), (path, body[:80])


def test_no_event_handlers_or_unsafe_urls_anywhere(hostile_site: Path) -> None:
    for path, page in pages(hostile_site):
        handlers_and_urls = [
            part for part in unsafe_parts(page.elements) if not part.startswith("<")
        ]
        assert handlers_and_urls == [], path


def test_no_frames_forms_or_embeds_from_content(hostile_site: Path) -> None:
    for path, page in pages(hostile_site):
        found = unsafe_parts(page.content)
        if path == "404.html":
            # The theme's 404 page (overrides/404.html, no brief text) has a search form.
            for part in ("<form>", "<input>", "<button>"):
                found.remove(part)
        assert found == [], path
        images = [attrs.get("src", "") for tag, attrs in page.content if tag == "img"]
        assert not [src for src in images if "://" in src], path


def test_nothing_is_included_from_disk(hostile_site: Path) -> None:
    for file in sorted(hostile_site.rglob("*")):
        if file.is_file() and file.suffix != ".gz":
            data = file.read_bytes()
            assert CANARY.encode() not in data, file
            assert b"root:x:0:0" not in data, file
            assert b"site_name: AI Chip Policy Briefs" not in data, file


def test_the_search_index_holds_only_safe_markup(hostile_site: Path) -> None:
    documents = search_documents(hostile_site)
    assert any("alert(1)" in str(doc["text"]) for doc in documents)  # the payloads are there
    for doc in documents:
        for field in ("title", "text"):
            assert unsafe_parts(ParsedPage(str(doc[field])).elements) == [], (
                doc["location"],
                field,
            )


def test_csv_cells_cannot_be_formulas(hostile_site: Path) -> None:
    for file in sorted((hostile_site / "data").glob("*.csv")):
        for row in csv.reader(io.StringIO(file.read_text("utf-8-sig"))):
            assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@")], (file, row)
    companies = (hostile_site / "data/companies.csv").read_text("utf-8-sig")
    assert "'=HYPERLINK(" in companies


def test_pages_from_helper_processes_give_the_same_site(hostile_site: Path, tmp_path: Path) -> None:
    # A big site's generated pages are written, converted and sanitised by forked helper
    # processes (speed/site_build.py, mkdocs_pages.py); force them here.
    project = injection_site(tmp_path, CANARY)
    result = run_build(project, env=build_env(BRIEFS_WORKERS="2"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert CONVERTING_LOG in result.stderr
    assert digest(project / "site") == digest(hostile_site)


@pytest.mark.parametrize("workers", ["1", "2"], ids=["in-process", "in-workers"])
def test_pages_mkdocs_converts_give_the_same_site(
    hostile_site: Path, tmp_path: Path, workers: str
) -> None:
    # With another plugin that changes pages, MkDocs converts the generated pages itself
    # (they could differ otherwise): a site that converts nothing gives the same bytes.
    project = injection_site(tmp_path, CANARY)
    add_hook(
        project,
        "unchanged.py",
        "def on_page_content(html, page, config, files):\n    return html\n",
    )
    result = run_build(project, env=build_env(BRIEFS_WORKERS=workers))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert CONVERTING_LOG not in result.stderr
    assert (HELPERS_LOG in result.stderr) == (workers == "2")
    assert digest(project / "site") == digest(hostile_site)


@pytest.mark.parametrize("workers", ["1", "2"], ids=["in-process", "in-workers"])
def test_a_broken_link_in_a_generated_page_fails_the_build(tmp_path: Path, workers: str) -> None:
    # As if a template wrote a link to nowhere: MkDocs's warnings about a page converted in
    # a helper reach the build's log, and its links to anchors are checked like any page's.
    project = make_project(tmp_path / "project")
    change_x100(project, "body += '\\n\\n[gone](missing.md) [bad](../timeline.md#no-such)\\n'")
    result = run_build(project, env=build_env(BRIEFS_WORKERS=workers))
    assert result.returncode == 1
    assert (
        "WARNING -  Doc file 'chips/x100.md' contains a link 'missing.md', but the target"
        " 'chips/missing.md' is not found among documentation files."
    ) in result.stderr
    assert (
        "WARNING -  Doc file 'chips/x100.md' contains a link '../timeline.md#no-such', but the"
        " doc 'timeline.md' does not contain an anchor '#no-such'."
    ) in result.stderr
    assert (CONVERTING_LOG in result.stderr) == (workers == "2")
    assert not (project / "site").exists()


@pytest.mark.parametrize("workers", ["1", "2"], ids=["in-process", "in-workers"])
def test_a_generated_page_that_chooses_its_template_fails_the_build(
    tmp_path: Path, workers: str
) -> None:
    # MkDocs chooses a page's template before the hook takes a generated page outside the
    # nav from the helpers; a template that set `template:` would be ignored. None does:
    # this is the guard, simulated by a hook that adds it to one page's front matter.
    project = make_project(tmp_path / "project")
    change_x100(project, "meta['template'] = 'main.html'")
    result = run_build(project, env=build_env(BRIEFS_WORKERS=workers))
    assert result.returncode == 1
    assert (
        "chips/x100.md: a generated page outside the nav cannot set `template`"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def change_x100(project: Path, change: str) -> None:
    """A hook that runs `change` (a statement on `body` and `meta`) on the generated
    Markdown of the chip X100 as it is converted, in a helper or in this process."""
    add_hook(
        project,
        "change_x100.py",
        "import build_hooks.mkdocs_pages as pages\n"
        "def on_config(config):\n"
        "    read = pages.get_data\n"
        "    def changed(markdown):\n"
        "        body, meta = read(markdown)\n"
        "        if meta.get('title') == 'X100':\n"
        f"            {change}\n"
        "        return body, meta\n"
        "    pages.get_data = changed\n",
    )


HELPERS_LOG = "Writing brief pages and sanitising pages in 1 helper process"
CONVERTING_LOG = "Converting generated pages in 1 helper process"


@pytest.mark.parametrize("workers", ["1", "2"], ids=["in-process", "in-workers"])
def test_markup_outside_the_allowlist_fails_the_build(tmp_path: Path, workers: str) -> None:
    # If escaping ever misses something, the sanitiser removes it and strict mode fails
    # the build, naming the page, instead of publishing a silently altered page.
    project = make_project(tmp_path / "project")
    home = project / "docs" / "index.md"
    home.write_text(home.read_text("utf-8") + '\n<p onclick="steal()">Hi</p>\n', "utf-8")
    result = run_build(project, env=build_env(BRIEFS_WORKERS=workers))
    assert result.returncode == 1
    assert (
        "WARNING -  index.md: the HTML sanitiser removed the attribute onclick='steal()' of <p>"
    ) in result.stderr
    assert (CONVERTING_LOG in result.stderr) == (workers == "2")
    assert not (project / "site").exists()


@pytest.mark.parametrize("workers", ["1", "2"], ids=["in-process", "in-workers"])
def test_markup_a_generated_page_gains_outside_the_allowlist_fails_the_build(
    tmp_path: Path, workers: str
) -> None:
    # As if a template wrote markup outside the allowlist: generated pages are sanitised
    # where they are converted (in the helpers, on a big site), and the build still fails,
    # naming each page. The extra hook changes no page event, so the helpers still convert.
    project = make_project(tmp_path / "project")
    add_hook(
        project,
        "leaky.py",
        "import build_hooks.mkdocs_pages as pages\n"
        "def on_config(config):\n"
        "    finish = pages.finish_page\n"
        "    pages.finish_page = lambda html: finish(html + '<p onclick=\"leak()\">x</p>')\n",
    )
    result = run_build(project, env=build_env(BRIEFS_WORKERS=workers))
    assert result.returncode == 1
    for page in ("chips/x100.md", "companies/acme.md", "timeline.md"):
        assert (
            f"WARNING -  {page}: the HTML sanitiser removed the attribute onclick='leak()' of <p>"
        ) in result.stderr
    assert "WARNING -  index.md:" not in result.stderr  # hand-written: not touched
    assert (CONVERTING_LOG in result.stderr) == (workers == "2")
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    "flags",
    [[], ["-q"], ["-v"], ["--strict", "-q"], ["--strict", "-v"]],
    ids=["plain", "quiet", "verbose", "strict-quiet", "strict-verbose"],
)
@pytest.mark.parametrize(
    "link",
    ["[gone](missing.md)", "[bad anchor](timeline.md#no-such)"],
    ids=["missing-page", "missing-anchor"],
)
def test_strict_mode_survives_the_flags_people_add(
    tmp_path: Path, flags: list[str], link: str
) -> None:
    # MkDocs 1.6.1 alone exits 0 here with -q (mkdocs#4126) and, for anchors, with -v
    # (mkdocs#3991); the hook restores the logging that strict mode depends on.
    project = make_project(tmp_path / "project")
    home = project / "docs" / "index.md"
    home.write_text(home.read_text("utf-8") + f"\n{link}\n", "utf-8")
    result = run_mkdocs(project, "build", *flags, "--site-dir", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr[-2000:]
