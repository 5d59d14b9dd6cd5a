"""The graph: every reference resolved, inverse relations derived, every problem at its place."""

from __future__ import annotations

from pathlib import Path

from build_hooks.pipeline import check
from tests.conftest import BriefTree
from tests.helpers import SOURCE

COMPANY = """
name: {name}
summary: {summary}
as_of: 2026-01-28
country: US
"""
CHIP = """
name: {name}
summary: {summary}
as_of: 2026-01-28
designer: {designer}
status: shipping
"""


def run(root: Path) -> tuple[object, list[str]]:
    # Every fact cites a source: the tests' briefs cite this one.
    source = root / "briefs/sources/s.yaml"
    if (root / "briefs").is_dir() and not source.exists():
        source.parent.mkdir(exist_ok=True)
        source.write_text(SOURCE.format(name="s"), "utf-8")
    graph, problems = check(root / "briefs", root)
    return graph, [str(problem) for problem in problems]


def test_fixture_set_is_valid_and_inverse_relations_are_derived(fixture_tree: Path) -> None:
    graph, problems = run(fixture_tree)
    assert problems == []
    assert [b.id for b in graph.referrers("acme")["Chips designed"]] == ["x100"]
    assert [b.id for b in graph.referrers("acme")["Affected by"]] == ["export-rule"]
    assert [b.id for b in graph.referrers("x100")["Affected by"]] == ["export-rule"]
    assert [b.id for b in graph.linked("wire-report", "citation")] == ["acme", "beta-cloud", "x100"]
    assert [b.id for b in graph.linked("x100", "mention")] == ["acme", "beta-cloud", "export-rule"]
    assert [b.id for b in graph.linked("wire-report", "mention")] == ["beta-cloud"]


def test_timeline_is_newest_first(fixture_tree: Path) -> None:
    graph, _ = run(fixture_tree)
    assert [(e.date, e.brief.id) for e in graph.timeline()] == [
        ("2026-01-10", "x100"),
        ("2025-10-01", "export-rule"),
        ("2025-06-01", "acme"),
    ]


def test_unknown_reference_with_suggestion(brief_tree: BriefTree) -> None:
    root = brief_tree(
        {
            "companies/nvidia.yaml": COMPANY.format(name="Nvidia", summary="A company.[^s]"),
            "chips/h200.yaml": CHIP.format(name="H200", summary="A chip.[^s]", designer="nvidai"),
        }
    )
    assert run(root)[1] == [
        "briefs/chips/h200.yaml:4:11: designer: no company has the id 'nvidai'; did you mean"
        " 'nvidia'? (ids are file names in briefs/companies/)"
    ]


def test_reference_to_the_wrong_type(brief_tree: BriefTree) -> None:
    root = brief_tree(
        {
            "companies/nvidia.yaml": COMPANY.format(name="Nvidia", summary="A company.[^s]"),
            "chips/h100.yaml": CHIP.format(name="H100", summary="A chip.[^s]", designer="nvidia"),
            "chips/h200.yaml": CHIP.format(name="H200", summary="A chip.[^s]", designer="h100"),
        }
    )
    assert run(root)[1] == [
        "briefs/chips/h200.yaml:4:11: designer: 'h100' is a chip, but designer must name a company"
    ]


def test_mentions_and_citations_are_checked_at_their_exact_position(brief_tree: BriefTree) -> None:
    summary = (
        "|\n  First line.\n  Made by [[nvidai]] and cited.[^anadolu]\n  Also [[Nvidia|label]]."
    )
    root = brief_tree(
        {
            "companies/nvidia.yaml": COMPANY.format(
                name="Nvidia", summary="Cites [^nvidia] wrongly."
            ),
            "chips/h200.yaml": CHIP.format(name="H200", summary=summary, designer="nvidia"),
            "sources/anadolu-2026-01-23-h200.yaml": SOURCE.format(name="anadolu-2026-01-23-h200"),
        }
    )
    assert run(root)[1] == [
        "briefs/chips/h200.yaml:4:11: summary: [[nvidai]]: no topic or company or chip or policy"
        " or source has the id 'nvidai'; did you mean 'nvidia'? (ids are file names in"
        " briefs/topics/ or briefs/companies/ or briefs/chips/ or briefs/policies/ or"
        " briefs/sources/)",
        "briefs/chips/h200.yaml:4:32: summary: [^anadolu]: no source has the id 'anadolu'; did you"
        " mean 'anadolu-2026-01-23-h200'? (ids are file names in briefs/sources/)",
        "briefs/chips/h200.yaml:5:8: summary: [[Nvidia|label]] does not name a brief id (lowercase"
        " letters, digits and hyphens); did you mean 'nvidia'?",
        "briefs/companies/nvidia.yaml:2:16: summary: [^nvidia]: 'nvidia' is a company, but a"
        " citation must name a source; to link to it instead, write [[nvidia]]",
    ]


def test_duplicate_ids_across_types_name_both_files(brief_tree: BriefTree) -> None:
    root = brief_tree(
        {
            "companies/h200.yaml": COMPANY.format(name="H200 Inc", summary="A company.[^s]"),
            "chips/h200.yaml": CHIP.format(name="H200", summary="A chip.[^s]", designer="h200"),
        }
    )
    assert run(root)[1] == [
        "briefs/chips/h200.yaml:1:1: the id 'h200' is also used by briefs/companies/h200.yaml;"
        " ids are unique across all types, so rename one of the two files",
        "briefs/companies/h200.yaml:1:1: the id 'h200' is also used by briefs/chips/h200.yaml;"
        " ids are unique across all types, so rename one of the two files",
    ]


def test_misplaced_and_misnamed_files(brief_tree: BriefTree) -> None:
    root = brief_tree(
        {
            "chip/h200.yaml": "name: x\n",
            "companies/Nvidia Corp.yaml": "name: x\n",
            "companies/amd.yml": "name: x\n",
        }
    )
    assert run(root)[1] == [
        "briefs/chip:1:1: unexpected folder in briefs/; briefs live in briefs/<type>/ where <type>"
        " is one of topics, companies, chips, policies, sources, and the glossary in"
        " briefs/glossary.yaml; did you mean 'chips'?",
        "briefs/companies/Nvidia Corp.yaml:1:1: the file name 'Nvidia Corp' is not a valid id: use"
        " lowercase letters a-z, digits and single hyphens; rename the file to 'nvidia-corp.yaml'",
        "briefs/companies/amd.yml:1:1: a brief file name ends in .yaml; rename .yml to .yaml",
    ]


def test_every_problem_of_a_run_is_reported_sorted(brief_tree: BriefTree) -> None:
    root = brief_tree(
        {
            "chips/b.yaml": CHIP.format(name="B", summary="x", designer="nobody") + "colour: red\n",
            "chips/a.yaml": "name: A\nsummary x\n",
            "sources/s.yaml": SOURCE.format(name="s").replace("tier: wire", "tier: rumour"),
        }
    )
    problems = run(root)[1]
    assert [p.split(": ")[0] for p in problems] == [
        "briefs/chips/a.yaml:2:1",
        "briefs/chips/b.yaml:2:10",
        "briefs/chips/b.yaml:4:11",
        "briefs/chips/b.yaml:6:1",
        "briefs/sources/s.yaml:6:7",
    ]


def test_text_meant_as_a_link_but_shown_as_written_is_reported(brief_tree: BriefTree) -> None:
    summary = (
        "|\n  Made by [[nvidia] and [nvidia]] for [H100](https://www.nvidia.com/h100) buyers.\n"
        "  Sold to [Nvidia](https://nvidia.com) as reported [anadolu-2026-01-23-h200] by [nvidia].\n"
        "  Text in brackets [sic] and [1] stays text.[^anadolu-2026-01-23-h200]"
    )
    root = brief_tree(
        {
            "companies/nvidia.yaml": COMPANY.format(name="Nvidia", summary="A company.[^s]"),
            "chips/h200.yaml": CHIP.format(name="H200", summary=summary, designer="nvidia"),
            "sources/anadolu-2026-01-23-h200.yaml": SOURCE.format(name="anadolu-2026-01-23-h200"),
        }
    )
    assert run(root)[1] == [
        "briefs/chips/h200.yaml:3:11: summary: '[[nvidia]' opens a mention with '[[' but closes it"
        " with one ']', so it shows as written; write [[nvidia]]",
        "briefs/chips/h200.yaml:3:25: summary: '[nvidia]]' closes a mention with ']]' but opens it"
        " with one '[', so it shows as written; write [[nvidia]]",
        "briefs/chips/h200.yaml:3:39: summary: '[H100](https://www.nvidia.com/h100)' is a Markdown"
        " link, which briefs do not use (it shows as written); to link to a brief write"
        " [[id|H100]], and to point to a web page add a source brief for it and cite it with"
        " [^source-id]",
        "briefs/chips/h200.yaml:4:11: summary: '[Nvidia](https://nvidia.com)' is a Markdown link,"
        " which briefs do not use (it shows as written); to link to a brief write"
        " [[nvidia|Nvidia]], and to point to a web page add a source brief for it and cite it"
        " with [^source-id]",
        "briefs/chips/h200.yaml:4:52: summary: '[anadolu-2026-01-23-h200]' names the source"
        " 'anadolu-2026-01-23-h200' without the caret of a citation, so it shows as written; to"
        " cite it write [^anadolu-2026-01-23-h200]",
        "briefs/chips/h200.yaml:4:81: summary: '[nvidia]' names the brief 'nvidia' with one pair"
        " of brackets, so it shows as written; to mention it write [[nvidia]]",
    ]


def test_a_brief_in_another_kinds_folder_is_told_to_move(brief_tree: BriefTree) -> None:
    chip = CHIP.format(name="H200", summary="A chip.[^s]", designer="nvidia")
    root = brief_tree(
        {
            "companies/nvidia.yaml": COMPANY.format(name="Nvidia", summary="A company.[^s]"),
            "companies/h200.yaml": chip + "architecture: Hopper\n",
        }
    )
    # Was: the missing 'country' and one 'unknown field' for each of the chip's fields.
    assert run(root)[1] == [
        "briefs/companies/h200.yaml:1:1: this file holds a chip, not a company: its fields"
        " 'architecture', 'designer' and 'status' are a chip's; move it to"
        " briefs/chips/h200.yaml"
    ]


def test_a_renamed_file_is_one_problem_not_one_per_reference(brief_tree: BriefTree) -> None:
    root = brief_tree(
        {
            "companies/nvidia.yaml": COMPANY.format(
                name="Nvidia", summary="Makes the [[h200]] and the [[h200|H200 chip]].[^s]"
            ),
            "chips/nvidia-h200.yaml": CHIP.format(
                name="H200", summary="A chip.[^s]", designer="nvidia"
            ),
            "chips/h100.yaml": CHIP.format(
                name="H100", summary="Before the [[h200]].[^s]", designer="nvidia"
            ),
        }
    )
    # Was: one "no company or chip … has the id 'h200'" for each reference.
    assert run(root)[1] == [
        "briefs/chips/nvidia-h200.yaml:1:1: 3 references in 2 briefs name 'h200', which no"
        " file has, and none names this file's id 'nvidia-h200' (briefs/chips/h100.yaml:2:21,"
        " briefs/companies/nvidia.yaml:2:20, briefs/companies/nvidia.yaml:2:37); if this file"
        " was renamed from h200.yaml, rename it back; to keep the new name, change those"
        " references to 'nvidia-h200'"
    ]


def test_a_missing_id_no_file_explains_is_reported_at_each_reference(
    brief_tree: BriefTree,
) -> None:
    root = brief_tree(
        {
            "companies/nvidia.yaml": COMPANY.format(name="Nvidia", summary="Makes [[b300]].[^s]"),
            "chips/h200.yaml": CHIP.format(name="H200", summary="A chip.[^s]", designer="nvidia"),
        }
    )
    assert run(root)[1] == [
        "briefs/companies/nvidia.yaml:2:16: summary: [[b300]]: no topic or company or chip or"
        " policy or source has the id 'b300'; if it is new, add it with: python -m build_hooks"
        ' new <type> "<its name>" (ids are file names in briefs/topics/ or briefs/companies/ or'
        " briefs/chips/ or briefs/policies/ or briefs/sources/)"
    ]


def test_repeated_tokens_and_paragraphs_with_problems_are_each_found_where_they_are(
    brief_tree: BriefTree,
) -> None:
    # A problem is placed by the text it is in and which of the same texts it is: each of
    # several identical wrong mentions, and each of several identical uncited paragraphs,
    # gets its own line and column (the counting starts only at the first problem).
    summary = (
        "|\n  Fine [[s|source]] first.[^s]\n\n  Same [[nvidia]] and [[nvidia]].\n\n"
        "  Cited [[nvidia]] and [[nvidia]].[^s]\n\n  Fine.[^s]\n\n  Same [[nvidia]] and [[nvidia]]."
    )
    root = brief_tree({"companies/acme.yaml": COMPANY.format(name="Acme", summary=summary)})
    problems = [p for p in run(root)[1] if "acme.yaml" in p]
    mentions = [p.split(": ")[0] for p in problems if "[[nvidia]]" in p]
    uncited = [p.split(": ")[0] for p in problems if "cites no source" in p]
    assert mentions == [
        "briefs/companies/acme.yaml:5:8",
        "briefs/companies/acme.yaml:5:23",
        "briefs/companies/acme.yaml:7:9",
        "briefs/companies/acme.yaml:7:24",
        "briefs/companies/acme.yaml:11:8",
        "briefs/companies/acme.yaml:11:23",
    ]
    assert uncited == ["briefs/companies/acme.yaml:5:3", "briefs/companies/acme.yaml:11:3"]
