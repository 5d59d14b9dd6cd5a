"""The hostile-input suite (tests/hostile/): every case, under both YAML loaders.

Invalid briefs must give exactly the problems in the case's expected.json. Briefs full of
injection payloads must load, and every page they produce must render to HTML that the
sanitiser has nothing to remove from, with the payload shown as text.

To add a case: make tests/hostile/<category>/<name>/ with the brief files and a case.json,
run `UPDATE_HOSTILE=1 make test PYTEST_ARGS=tests/test_hostile.py`, and read the
expected.json it writes before committing it.
"""

from __future__ import annotations

import datetime
import html
import json
import os
import re
import time
from pathlib import Path

import pytest
import yaml

from build_hooks.options import SiteOptions
from build_hooks.pipeline import build_site, read_brief
from build_hooks.site.sanitise import sanitise_html, what_was_removed
from tests.helpers import REPO, ParsedPage, render_like_the_site, unsafe_parts
from tests.hostile_suite import SUITE, Case, all_cases, run_check

CASES = all_cases()
LOADER_NAMES = ["CSafeLoader", "SafeLoader"] if yaml.__with_libyaml__ else ["SafeLoader"]
# The site's own loader in `make test-quick`; the pure-Python fallback too in `make test`.
LOADER_PARAMS = [
    pytest.param(name, id=name, marks=[pytest.mark.slow] if index else [])
    for index, name in enumerate(LOADER_NAMES)
]


@pytest.mark.parametrize("loader_name", LOADER_PARAMS)
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_gives_exactly_its_expected_outcome(
    case: Case, loader_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_hooks.load import reader as loader

    monkeypatch.setattr(loader, "DEFAULT_LOADER", getattr(yaml, loader_name))
    case.install(tmp_path)
    exit_code, problems = run_check(case, tmp_path, loader_name)
    if os.environ.get("UPDATE_HOSTILE") and loader_name == LOADER_NAMES[0]:
        case.expected_file.write_text(
            json.dumps({"exit_code": exit_code, "problems": problems}, ensure_ascii=False, indent=2)
            + "\n",
            encoding="utf-8",
        )
    expected = case.expected()
    assert (exit_code, problems) == (expected["exit_code"], expected["problems"])
    for relative, values in case.meta.get("values", {}).items():
        doc = read_brief((tmp_path / "briefs" / relative).read_bytes(), relative)
        assert {key: doc.data[key] for key in values} == values


def test_every_case_is_complete_and_every_reliability_row_is_covered() -> None:
    for case in CASES:
        assert case.expected_file.is_file(), f"{case.name}: run with UPDATE_HOSTILE=1"
        assert case.meta["description"] and case.meta["reliability"], case.name
        assert case.brief_files() or case.meta.get("generate"), case.name
    covered = {row for case in CASES for row in case.meta["reliability"]}
    rows = {
        f"{prefix}{n}"
        for prefix, count in (("Y", 14), ("S", 8), ("H", 10))
        for n in range(1, count + 1)
    }
    # H10 (the search index) is checked on a whole built site in test_hostile_site.py.
    assert rows - covered == {"H10"}
    assert {path.parent.name for path in SUITE.glob("*/*/case.json")} == {
        case.folder.name for case in CASES
    }


# Injection: render like the site ---------------------------------------------------------

INJECTION = [case for case in CASES if case.folder.parent.name == "injection"]


@pytest.mark.parametrize("case", INJECTION, ids=[case.name for case in INJECTION])
def test_injected_text_renders_as_text(case: Case, tmp_path: Path) -> None:
    case.install(tmp_path)
    expected = json.loads((case.folder / "expected.json").read_text("utf-8"))
    if expected["exit_code"] != 0:
        # A Markdown link in a Markdown field never reaches a page: the check refuses it
        # (graph/near_misses.py), as expected.json pins; its name is still rendered below
        # in the cases where the payload is in `name` only.
        assert expected["problems"], case.name
        assert all("is a Markdown link" in p["message"] for p in expected["problems"])
        return
    site = build_site(
        tmp_path / "briefs",
        tmp_path,
        SiteOptions(edit_base="https://example.com/edit/", today=datetime.date(2026, 11, 29)),
    )
    ids = {file.stem for file in case.brief_files()}
    pages = {
        uri: text
        for uri, text in site.pages.items()
        if Path(uri).stem in ids or not uri.startswith(("companies/", "sources/"))
    }
    for uri, text in sorted(pages.items()):
        started = time.perf_counter()
        rendered = render_like_the_site(text)
        # Not a speed test: a regular expression that backtracks badly takes minutes.
        assert time.perf_counter() - started < 5, f"{uri} took too long to render"
        clean = sanitise_html(rendered)
        assert what_was_removed(rendered, clean) is None, uri
        parser = ParsedPage(clean)
        assert unsafe_parts(parser.elements) == [], uri
        if Path(uri).stem in ids and uri.startswith("companies/"):
            shown = " ".join("".join(parser.h1).split())
            assert shown.removesuffix("¶") == case.meta["visible"][0], uri
        if uri == "companies/index.md":
            # In a table, an unescaped '|' would start a new cell and the rest be lost.
            cells = re.findall(r"<td>(.*?)</td>", clean, re.DOTALL)
            names = [
                " ".join(html.unescape(re.sub(r"<[^>]*>", "", cell)).split()) for cell in cells
            ]
            assert case.meta["visible"][0] in names
    # The JSON-LD goes into a <script> element as it is: no '<' may reach it.
    front = yaml.safe_load(site.pages[f"companies/{case.folder.name}.md"].split("---\n")[1])
    assert "<" not in front["jsonld"] and json.loads(front["jsonld"])["name"]


@pytest.mark.slow
def test_a_fuzz_run_finds_nothing_that_passes_the_check_and_then_fails(tmp_path: Path) -> None:
    # A small run of tests/fuzz_gate.py (the note on issue 14 gives a 20,000-brief run).
    import subprocess
    import sys

    out = tmp_path / "report.json"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "tests/fuzz_gate.py"),
            "200",
            "--builds",
            "1",
            "--out",
            str(out),
            "--keep",
            str(tmp_path / "kept"),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
        cwd=REPO,
    )
    report = json.loads(out.read_text("utf-8"))
    assert report["failures"] == [], report["failures"][:3]
    assert result.returncode == 0
    # The generators reach both sides of the gate.
    assert report["passed"] > 50 and report["refused"] > 20
    assert report["built_batches"] == 1
