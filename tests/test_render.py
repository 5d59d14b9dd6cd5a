"""Rendered Markdown: golden files for every page of the fixture site, and escaping."""

from __future__ import annotations

import datetime
import itertools
import os
import posixpath
import shutil
from pathlib import Path

import markdown
import pytest

from build_hooks.options import SiteOptions
from build_hooks.pipeline import build_site, plan_site
from build_hooks.render.links import relative_link
from build_hooks.render.markdown import escape_text, render_prose
from tests.conftest import FIXTURE_BRIEFS, BriefTree
from tests.helpers import SOURCE_S, Element, ParsedPage, build_env, digest, make_project, run_cli

GOLDEN = Path(__file__).parent / "golden"
EDIT_BASE = "https://github.com/example/briefs/edit/main/"
TODAY = __import__("datetime").date(2026, 11, 29)
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"


def fixture_pages() -> dict[str, str]:
    root = FIXTURE_BRIEFS.parent
    return build_site(root / "briefs", root, SiteOptions(edit_base=EDIT_BASE, today=TODAY)).pages


def test_golden_pages() -> None:
    """Every generated page equals its golden file (UPDATE_GOLDENS=1 rewrites them)."""
    pages = fixture_pages()
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in sorted(GOLDEN.rglob("*.md"))
    }
    assert sorted(pages) == sorted(expected)
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from tests/golden/{path}"


def test_rendering_is_the_same_in_every_process(tmp_path: Path) -> None:
    # Set and dict order can follow the process's string hash seed; two processes with
    # different seeds (and one loading in worker processes) must write the same bytes.
    project = make_project(tmp_path / "project")
    outputs = []
    for seed, workers in (("1", "1"), ("2", "1"), ("3", "3")):
        out = tmp_path / f"out-{seed}"
        result = run_cli(
            "render",
            "--root",
            str(project),
            str(out),
            env=build_env(PYTHONHASHSEED=seed, BRIEFS_WORKERS=workers),
        )
        assert result.returncode == 0, result.stderr
        outputs.append(digest(out))
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0]) > 20


def test_data_file_lists_every_brief_with_resolved_references() -> None:
    import json

    root = FIXTURE_BRIEFS.parent
    site = build_site(root / "briefs", root)
    data = json.loads(site.files["data/briefs.json"])
    by_id = {item["id"]: item for item in data["briefs"]}
    assert sorted(by_id) == [
        "acme",
        "beta-cloud",
        "export-rule",
        "press-release",
        "wire-report",
        "x100",
    ]
    assert by_id["x100"]["url"] == "chips/x100/"
    assert {
        "id": "acme",
        "type": "companies",
        "url": "companies/acme/",
        "relation": "reference",
        "field": "Designer",
    } in by_id["x100"]["references"]
    assert {
        "id": "x100",
        "type": "chips",
        "url": "chips/x100/",
        "relation": "reference",
        "field": "Chips designed",
    } in by_id["acme"]["referenced_by"]


MD = markdown.Markdown(extensions=["tables", "footnotes", "attr_list", "admonition", "toc"])


def elements(text: str) -> list[Element]:
    MD.reset()
    if text.startswith("---\n"):  # front matter: MkDocs reads it as metadata, not content
        text = text.split("---\n", 2)[2]
    return ParsedPage(MD.convert(text)).elements


def assert_inert(found: list[Element], allowed: set[str]) -> None:
    for tag, attrs in found:
        assert tag in allowed, f"unexpected <{tag}>"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} on <{tag}>"
            assert not (value or "").strip().lower().startswith(("javascript:", "data:")), value


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        'Acme{: onclick="alert(1)" }',
        "[x](javascript:alert(1))",
        "![x](https://evil.example/x.png)",
        "<!-- hidden",
        "`code` and | pipes | and [^1] and &#106;avascript:",
        "# not a heading",
    ],
)
def test_plain_text_never_becomes_markup(payload: str) -> None:
    found = elements(f"| a |\n| --- |\n| {escape_text(payload)} |")
    assert_inert(found, {"table", "thead", "tbody", "tr", "th", "td"})
    assert [tag for tag, _ in found].count("td") == 1


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        'Acme{: onclick="alert(1)" }',
        "# Fake heading\n\n## Another",
        "[link](javascript:alert(1)) and <https://evil.example>",
        '!!! danger "Injected"\n    admonition',
        '--8<-- "/etc/passwd"',
        "Setext\n===",
    ],
)
def test_prose_allows_no_html_links_headings_or_attributes(payload: str) -> None:
    assert_inert(elements(render_prose(payload, lambda token: "")), {"p", "em", "strong"})


def test_prose_keeps_emphasis_lists_and_paragraphs() -> None:
    found = [
        tag
        for tag, _ in elements(
            render_prose("First *em* and **strong**.\n\n- one\n- two", lambda token: "")
        )
    ]
    assert found == ["p", "em", "strong", "ul", "li", "li"]


def test_hostile_brief_text_is_escaped_in_pages(brief_tree: BriefTree) -> None:
    root = brief_tree(
        {
            "companies/evil.yaml": """
            name: "<script>alert(1)</script> | {: onclick=x}"
            aliases: ["<img src=x onerror=alert(1)>"]
            summary: "[click](javascript:alert(1)) <b>bold</b>[^s]"
            as_of: 2026-01-28
            country: US
            """,
            "sources/s.yaml": SOURCE_S,
        }
    )
    page = build_site(root / "briefs", root).pages["companies/evil.md"]
    found = elements(page)
    assert_inert(
        found,
        {
            "h1",
            "p",
            "em",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "hr",
            "a",
            "h2",
            "ul",
            "li",
            "div",
            "sup",  # the citation's footnote
            "ol",
        },
    )
    hrefs = {attrs.get("href") or "" for tag, attrs in found if tag == "a"}
    assert all(
        (href.endswith(".md") or href.startswith("#fn")) and "://" not in href for href in hrefs
    ), hrefs


@pytest.mark.parametrize(
    "payload",
    [
        "Para.\r# CR heading",
        "Huang visits.\r## TL heading\rafter",
        "- # X\n* ## Y",
        "- - -\n* * *\n___\n_ _ _",
        "Heading text\n- ",
        "Heading text\n===",
        "x ///Footnotes Go Here/// y",
        "~~~\ncode\n~~~",
        "1. one\n2. two",
    ],
    ids=[
        "cr-heading",
        "cr-in-timeline",
        "heading-in-item",
        "rules",
        "setext-dash",
        "setext-equals",
        "footnote-marker",
        "fence",
        "numbered",
    ],
)
def test_prose_cannot_start_blocks(payload: str) -> None:
    found = elements(render_prose(payload, lambda token: ""))
    assert_inert(found, {"p", "em", "strong", "ul", "li"})


def test_a_citation_starting_a_line_is_not_a_footnote_definition() -> None:
    text = render_prose("[^src]: still visible", lambda token: "[^1]")
    MD.reset()
    html_out = MD.convert(text + "\n\n[^1]: The source")
    assert "still visible" in html_out and html_out.count('class="footnote-ref"') == 1


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("= sign", "= sign"),
        ("~~~", "~~~"),
        ("1. one", "1. one"),
        ("2026. The year", "2026. The year"),
        ("# tag", "# tag"),
        ("a\\b", "a\\b"),
        ("R&D <x>", "R&D <x>"),
    ],
)
def test_escaped_text_shows_exactly_its_characters(text: str, shown: str) -> None:
    import html as html_lib
    import re as re_lib

    for rendered in (escape_text(text), render_prose(text, lambda token: "")):
        MD.reset()
        visible = html_lib.unescape(re_lib.sub(r"<[^>]+>", "", MD.convert(rendered))).strip()
        assert visible == shown


def test_years_have_no_thousands_separator(brief_tree: BriefTree) -> None:
    root = brief_tree(
        {
            "sources/s.yaml": """
            name: S
            title: T
            publisher: P
            url: https://example.org/s
            published: 2024
            tier: secondary
            """,
            "chips/c.yaml": """
            name: C
            summary: A chip.[^s]
            as_of: 2026-01-28
            designer: d
            status: shipping
            released:
              - value: 2024
                sources: [s]
            """,
            "companies/d.yaml": "name: D\nsummary: A designer.[^s]\nas_of: 2026-01-28\ncountry: US\n",
        }
    )
    pages = build_site(root / "briefs", root).pages
    assert "| Published | 2024 |" in pages["sources/s.md"]
    assert "| Released | 2024[^1] |" in pages["chips/c.md"]
    assert "| 2024 |" in pages["chips/index.md"] and "2,024" not in "".join(pages.values())


def test_indented_prose_does_not_become_a_code_block() -> None:
    found = elements(render_prose("x\n\n    indented *text*\n- item\n    continued", lambda t: ""))
    assert "pre" not in [tag for tag, _ in found] and "code" not in [tag for tag, _ in found]


def test_relative_links_are_what_relpath_gives_for_every_pair_of_pages() -> None:
    paths = [*fixture_pages(), "index.md", "contribute/brief-format.md", "a/b/c.md"]
    for from_src, to_src in itertools.product(paths, paths):
        expected = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
        assert relative_link(from_src, to_src) == expected, (from_src, to_src)


@pytest.mark.parametrize(
    ("today", "said"),
    [
        ("2026-02-01", None),
        ("2026-09-01", "[4 briefs due for re-checking](maintenance.md)."),
    ],
)
def test_home_counts_mention_rechecks_only_when_some_are_due(today: str, said: str | None) -> None:
    # Maintenance news with nothing to say ("0 briefs due for re-checking") is not for
    # readers; the maintenance page stays, linked from the editorial rules.
    root = FIXTURE_BRIEFS.parent
    options = SiteOptions(today=datetime.date.fromisoformat(today), stale_after_days=180)
    counts = plan_site(root / "briefs", root, options).expand("<!-- briefs:counts -->", "index.md")
    assert counts.endswith("3 dated developments." if said is None else said), counts
    if said is None:
        assert "re-checking" not in counts and "maintenance" not in counts
