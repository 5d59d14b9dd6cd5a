"""The command line: exit codes, output formats, path filters, `new` and `render`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_hooks.cli import main
from build_hooks.kinds import BRIEF_TYPES
from build_hooks.pipeline import check
from tests.helpers import make_project

BROKEN_CHIP = """\
name: X200
summary: A chip.[^press-release]
as_of: 2026-01-28
designer: acmee
status: shipping
"""


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    return result.exit_code, result.stdout, result.stderr


def test_check_passes_on_valid_briefs(fixture_tree: Path) -> None:
    code, out, err = invoke(fixture_tree, "check")
    assert (code, err) == (0, "")
    assert out == "All 6 briefs are valid (2 companies, 1 chip, 1 policy, 2 sources).\n"


def test_check_reports_every_problem_and_exits_1(fixture_tree: Path) -> None:
    (fixture_tree / "briefs/chips/x200.yaml").write_text(BROKEN_CHIP)
    (fixture_tree / "briefs/companies/beta-cloud.yaml").write_text("name: Beta\nsummary x\n")
    code, out, err = invoke(fixture_tree, "check")
    assert code == 1 and out == ""
    assert err == (
        "briefs/chips/x200.yaml:4:11: designer: no company has the id 'acmee'; did you mean"
        " 'acme'? (ids are file names in briefs/companies/)\n"
        "briefs/companies/beta-cloud.yaml:2:1: summary: this line has no ':' after its key;"
        " write it as 'key: value'\n"
        "2 problems found; fix them and run the check again.\n"
    )


def test_check_formats(fixture_tree: Path) -> None:
    (fixture_tree / "briefs/chips/x200.yaml").write_text(BROKEN_CHIP)
    code, out, _ = invoke(fixture_tree, "check", "--format", "github")
    assert code == 1
    assert out == (
        "::error file=briefs/chips/x200.yaml,line=4,col=11,title=Invalid brief::"
        "designer: no company has the id 'acmee'; did you mean 'acme'? (ids are file"
        " names in briefs/companies/)\n"
    )
    code, out, _ = invoke(fixture_tree, "check", "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {
            "path": "briefs/chips/x200.yaml",
            "line": 4,
            "column": 11,
            "field": "designer",
            "message": "no company has the id 'acmee'; did you mean 'acme'? (ids are file names in"
            " briefs/companies/)",
        }
    ]


def test_check_given_paths_reports_only_those_files(
    fixture_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (fixture_tree / "briefs/chips/x200.yaml").write_text(BROKEN_CHIP)
    monkeypatch.chdir(fixture_tree)
    code, _, err = invoke(fixture_tree, "check", "briefs/companies/acme.yaml")
    assert (code, err) == (0, "")
    code, _, err = invoke(fixture_tree, "check", "briefs/chips")
    assert code == 1 and err.startswith("briefs/chips/x200.yaml:4:11: designer:")


def test_paths_are_found_inside_the_root_when_not_here(
    fixture_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (fixture_tree / "briefs/chips/x200.yaml").write_text(BROKEN_CHIP)
    monkeypatch.chdir(fixture_tree.parent)
    code, _, err = invoke(fixture_tree, "check", "briefs/chips/x200.yaml")
    assert code == 1 and err.startswith("briefs/chips/x200.yaml:4:11: designer:")
    code, _, err = invoke(fixture_tree, "check", "briefs/chips/nope.yaml")
    assert code == 2
    assert f"briefs/chips/nope.yaml does not exist (here or in {fixture_tree.resolve()})" in err


def test_usage_errors_exit_2(fixture_tree: Path) -> None:
    assert invoke(fixture_tree, "check", "--format", "xml")[0] == 2
    assert invoke(fixture_tree, "check", "no/such/file.yaml")[0] == 2
    assert invoke(fixture_tree, "new", "chipz", "X")[0] == 2
    assert invoke(fixture_tree, "frobnicate")[0] == 2


def test_new_writes_a_commented_template_and_never_overwrites(fixture_tree: Path) -> None:
    code, out, err = invoke(fixture_tree, "new", "chips", "Ascend 910C")
    assert code == 0
    assert out == "briefs/chips/ascend-910c.yaml\n"
    assert "python -m build_hooks check briefs/chips/ascend-910c.yaml" in err
    text = (fixture_tree / "briefs/chips/ascend-910c.yaml").read_text()
    assert text.startswith(
        "# yaml-language-server: $schema=../../build_hooks/schemas/chips.schema.json\n"
    )
    assert 'name: "Ascend 910C"\n' in text and "\ndesigner:\n" in text
    assert "# Designer (required): The id of the company that designed the chip." in text
    code, _, err = invoke(fixture_tree, "new", "chips", "Ascend 910C")
    assert code == 1 and "briefs/chips/ascend-910c.yaml already exists" in err


@pytest.mark.parametrize("kind", BRIEF_TYPES)
def test_a_minimal_new_brief_holds_only_the_required_fields(fixture_tree: Path, kind: str) -> None:
    from build_hooks.validate.schemas import SchemaSet

    code, out, _ = invoke(fixture_tree, "new", kind, "Minimal Thing", "--minimal")
    assert code == 0
    text = (fixture_tree / out.strip()).read_text()
    keys = [line.split(":")[0] for line in text.splitlines() if re.match(r"[a-z_]+:", line)]
    assert keys == SchemaSet.load().schema(kind)["required"]
    assert not re.search(r"^# [a-z_]+:", text, flags=re.MULTILINE)  # no optional fields
    _, problems = check(fixture_tree / "briefs", fixture_tree)
    assert {p.path for p in problems} == {out.strip()}


def test_a_new_brief_asks_for_its_required_fields_until_filled(fixture_tree: Path) -> None:
    invoke(fixture_tree, "new", "chips", "Ascend 910C")
    path = fixture_tree / "briefs/chips/ascend-910c.yaml"
    _, problems = check(fixture_tree / "briefs", fixture_tree)
    assert {p.field for p in problems} == {"summary", "designer", "status"}
    text = path.read_text().replace(
        "\nsummary:\n", "\nsummary: A chip by [[acme]].[^press-release]\n"
    )
    text = text.replace("\ndesigner:\n", "\ndesigner: acme\n").replace(
        "\nstatus:\n", "\nstatus: roadmap\n"
    )
    path.write_text(text)
    assert check(fixture_tree / "briefs", fixture_tree)[1] == []


@pytest.mark.parametrize("kind", BRIEF_TYPES)
def test_every_example_in_a_template_is_a_working_line_of_yaml(kind: str) -> None:
    # Uncomment every example of a fresh template (and put the required ones in place):
    # the result must load as exactly the schema's examples and pass the schema.
    import datetime

    from build_hooks.contribute.scaffold import template
    from build_hooks.pipeline import read_brief
    from build_hooks.validate.schemas import SchemaSet
    from build_hooks.validate.validator import Validator

    schemas = SchemaSet.load()
    text = template(schemas, kind, "Example", datetime.date(2026, 11, 29))
    lines: list[str] = []
    mode = None  # inside a required field's example, or an optional field's
    for line in text.splitlines():
        if line == "#   for example:":
            mode = "required"
        elif mode == "required" and line.startswith("#   "):
            lines.append(line[4:])
        elif mode == "required":
            mode = None  # the field's own empty line, which the example replaces
        elif re.match(r"# [a-z_]+:( |$)", line) or (mode == "optional" and line.startswith("#   ")):
            mode = "optional"
            lines.append(line[2:])
        else:
            mode = None
            lines.append(line)
    doc = read_brief("\n".join(lines).encode(), f"briefs/{kind}/example.yaml")
    assert doc.problems == []
    for key, prop in schemas.schema(kind)["properties"].items():
        if key not in ("name", "as_of"):
            notes = schemas.resolve_annotated(prop, f"{kind}.schema.json")[2]
            assert doc.data[key] == notes["examples"][0], key
    assert Validator(schemas).problems(kind, doc) == []


def test_new_refuses_names_without_an_id(fixture_tree: Path) -> None:
    code, _, err = invoke(fixture_tree, "new", "companies", "华为")
    assert code == 2 and "give one with --id" in err
    code, out, _ = invoke(fixture_tree, "new", "companies", "华为", "--id", "huawei")
    assert code == 0 and out == "briefs/companies/huawei.yaml\n"


def test_render_writes_pages_and_docs(fixture_tree: Path, tmp_path: Path) -> None:
    (fixture_tree / "docs").mkdir()
    (fixture_tree / "docs/index.md").write_text("# Home\n\n<!-- briefs:counts -->\n")
    (fixture_tree / "docs/logo.svg").write_text("<svg/>")
    out_dir = tmp_path / "rendered"
    code, out, _ = invoke(fixture_tree, "render", str(out_dir))
    assert code == 0 and out == f"Wrote 22 pages and 12 data files to {out_dir}\n"
    # Markers are filled in as the hook fills them, so another engine builds the same page.
    assert (
        (out_dir / "index.md")
        .read_text()
        .startswith(
            "# Home\n\n[2 companies](companies/index.md), [1 chip](chips/index.md),"
            " [1 policy](policies/index.md), [2 sources](sources/index.md), 3 dated developments."
        )
    )
    assert (out_dir / "logo.svg").read_text() == "<svg/>"
    assert "\n# X100\n" in (out_dir / "chips/x100.md").read_text()
    assert json.loads((out_dir / "data/briefs.json").read_text())["briefs"]


def test_render_gives_the_pages_the_hook_gives(tmp_path: Path) -> None:
    # With the project's mkdocs.yml: edit links and the site's address, as in the hook.
    from build_hooks.options import options_from_config, read_config_file
    from build_hooks.pipeline import build_site

    project = make_project(tmp_path / "project")
    out_dir = tmp_path / "rendered"
    assert invoke(project, "render", str(out_dir))[0] == 0
    options = options_from_config(read_config_file(project / "mkdocs.yml"), project)
    pages = build_site(project / "briefs", project, options).pages
    x100 = (out_dir / "chips/x100.md").read_text("utf-8")
    assert x100 == pages["chips/x100.md"]
    assert "[Edit this brief](https://github.com/" in x100
    assert all((out_dir / path).read_text("utf-8") == text for path, text in pages.items())


def test_check_of_the_whole_project_hides_nothing(
    fixture_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (fixture_tree / "briefs/chips/x200.yaml").write_text(BROKEN_CHIP)
    monkeypatch.chdir(fixture_tree)
    assert invoke(fixture_tree, "check", ".")[0] == 1
    code, out, _ = invoke(fixture_tree, "check", "briefs/companies/acme.yaml")
    assert code == 0
    assert out == (
        "The given briefs are valid; 1 other file has problems (run check without paths"
        " to see them).\n"
    )


def test_github_annotation_properties_are_escaped() -> None:
    from build_hooks.errors import Problem, format_problems

    line = format_problems(
        [Problem("briefs/a,b:c.yaml", 1, 2, "name", "50% wrong\nreally")], "github"
    )
    assert line == (
        "::error file=briefs/a%2Cb%3Ac.yaml,line=1,col=2,title=Invalid brief::"
        "name: 50%25 wrong%0Areally"
    )


def test_build_creates_a_missing_site_folder(fixture_tree: Path, tmp_path: Path) -> None:
    from tests.helpers import make_project, run_build

    project = make_project(tmp_path / "project")
    target = tmp_path / "new/deeper/site"
    result = run_build(project, "--site-dir", str(target))
    assert result.returncode == 0, result.stderr
    assert (target / "index.html").is_file()


@pytest.mark.parametrize("style", ["text", "github", "json"])
def test_file_names_cannot_inject_into_any_output(tmp_path: Path, style: str) -> None:
    # A file named with a line break and a workflow command, another with terminal escape
    # codes: in every format each stays on its own line, as escapes (hostile case
    # gate/control-characters-in-file-names pins the problems themselves).
    from tests.hostile_suite import SUITE, Case

    case = Case(
        SUITE / "gate/control-characters-in-file-names",
        json.loads((SUITE / "gate/control-characters-in-file-names/case.json").read_text()),
    )
    case.install(tmp_path)
    code, out, err = invoke(tmp_path, "check", "--format", style)
    assert code == 1
    lines = (out + err).splitlines()
    assert not [line for line in lines if line.startswith("::error file=README.md")]
    assert not any(char in out + err for char in "\x1b\r")
    assert len(lines) == (16 if style == "json" else 2 if style == "github" else 3)


def test_new_names_a_source_by_publisher_date_and_subject(fixture_tree: Path) -> None:
    code, out, _ = invoke(
        fixture_tree, "new", "sources", "Reuters, 15 July 2025, on the H20 licence"
    )
    assert (code, out) == (0, "briefs/sources/reuters-2025-07-15-h20-licence.yaml\n")
    code, out, _ = invoke(
        fixture_tree, "new", "source", "The Straits Times, January 24, 2026, on Huang in Shanghai"
    )
    assert (code, out) == (0, "briefs/sources/straitstimes-2026-01-24-huang-in-shanghai.yaml\n")
    # The rule docs/contribute/editorial.md teaches: publisher, date, subject.
    assert re.fullmatch(r"[a-z0-9]+-\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.yaml\n", out.split("/")[-1])


def test_new_accepts_a_type_in_the_singular(fixture_tree: Path) -> None:
    code, out, _ = invoke(fixture_tree, "new", "chip", "Instinct MI350")
    assert (code, out) == (0, "briefs/chips/instinct-mi350.yaml\n")
    code, _, err = invoke(fixture_tree, "new", "chipz", "X")
    assert code == 2
    assert (
        "Invalid value for 'TYPE': 'chipz' is not one of: topics, companies, chips, policies, sources"
        in err
    )


def test_new_notices_a_brief_of_another_type_with_the_same_id(fixture_tree: Path) -> None:
    company = sorted((fixture_tree / "briefs/companies").glob("*.yaml"))[0]
    code, _, err = invoke(fixture_tree, "new", "chips", company.stem.upper())
    assert code == 1
    assert err == (
        f"Error: briefs/companies/{company.name} already has the id {company.stem!r} (a company);"
        " edit that brief, or give this chip another name or --id (ids are unique across all"
        " types)\n"
    )
    assert not (fixture_tree / f"briefs/chips/{company.name}").exists()


def test_new_points_to_an_interpreter_that_works_outside_the_venv(fixture_tree: Path) -> None:
    _, _, err = invoke(fixture_tree, "new", "chips", "Ascend 910C")
    assert err == (
        f"Next: fill in the fields, then run '{sys.executable} -m build_hooks check"
        " briefs/chips/ascend-910c.yaml' and preview with 'make serve'.\n"
    )
    (fixture_tree / ".venv/bin").mkdir(parents=True)
    (fixture_tree / ".venv/bin/python").symlink_to(sys.executable)
    _, _, err = invoke(fixture_tree, "new", "chips", "Ascend 910D")
    assert err == (
        "Next: fill in the fields, then run '.venv/bin/python -m build_hooks check"
        " briefs/chips/ascend-910d.yaml' and preview with 'make serve'.\n"
    )


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def test_diff_lists_the_pages_a_change_adds_changes_and_removes(fixture_tree: Path) -> None:
    _git(fixture_tree, "init", "-q", "-b", "main")
    _git(fixture_tree, "add", "-A")
    _git(fixture_tree, "commit", "-q", "-m", "base")
    chip = fixture_tree / "briefs/chips/x100.yaml"
    chip.write_text(chip.read_text().replace("A data-centre", "An inference"))
    wire = fixture_tree / "briefs/sources/wire-report.yaml"
    (fixture_tree / "briefs/sources/wire-report-2.yaml").write_text(
        wire.read_text().replace("10 January 2026", "11 January 2026")
    )
    code, out, err = invoke(fixture_tree, "diff", "main")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:2] == ["Pages compared with main: 1 added, 3 changed, 0 removed.", ""]
    assert "added    /sources/wire-report-2/" in lines
    # The summary's line, and the page's description and JSON-LD taken from it.
    assert "changed  /chips/x100/ (+3 -3)" in lines
    assert "changed  /sources/ (+3 -2)" in lines
    # Acme's page quotes the chip's summary where it mentions Acme ("Mentioned in").
    assert "changed  /companies/acme/ (+1 -1)" in lines
    assert (
        "-A data-centre accelerator from [Acme Semiconductor](../companies/acme.md)"
        "{ data-preview }.[^1][^2]\n"
        "+An inference accelerator from [Acme Semiconductor](../companies/acme.md)"
        "{ data-preview }.[^1][^2]\n"
    ) in out
    assert "--- before/chips/x100/\n+++ after/chips/x100/\n" in out

    code, out, _ = invoke(fixture_tree, "diff", "main", "--format", "markdown")
    assert code == 0 and out.startswith("### Site changes\n\nPages compared with main: 1 added")
    assert "<details><summary><code>/chips/x100/</code></summary>\n\n```diff\n" in out
    assert "**Added:**\n\n- `/sources/wire-report-2/`\n" in out

    _git(fixture_tree, "add", "-A")
    _git(fixture_tree, "commit", "-q", "-m", "edit")
    assert invoke(fixture_tree, "diff", "HEAD")[1] == (
        "No page of the site changes compared with HEAD.\n"
    )
    code, out, _ = invoke(fixture_tree, "diff", "main~1")
    assert out.startswith("Pages compared with main~1: 1 added, 3 changed, 0 removed.")
    (fixture_tree / "briefs/sources/wire-report-2.yaml").unlink()
    code, out, _ = invoke(fixture_tree, "diff", "HEAD")
    assert "removed  /sources/wire-report-2/" in out.splitlines()


def test_diff_refuses_a_revision_that_does_not_exist(fixture_tree: Path) -> None:
    _git(fixture_tree, "init", "-q", "-b", "main")
    _git(fixture_tree, "add", "-A")
    _git(fixture_tree, "commit", "-q", "-m", "base")
    code, _, err = invoke(fixture_tree, "diff", "no-such-branch")
    assert code == 2 and "'no-such-branch' is not a git revision here" in err
