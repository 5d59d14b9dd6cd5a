"""The command line: exit codes, output formats, path filters, `new` and `render`."""

from __future__ import annotations

import json
import re
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
    assert out == "All 6 briefs are valid (0 topics, 2 companies, 1 chip, 1 policy, 2 sources).\n"


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
    assert invoke(fixture_tree, "new", "chip", "X")[0] == 2
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
    assert code == 0 and out == f"Wrote 17 pages and 8 data files to {out_dir}\n"
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
