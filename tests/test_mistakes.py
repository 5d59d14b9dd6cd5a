"""The two commonest mistakes, made in every real brief: a deleted colon, a misspelt id.

Each must give exactly one problem naming the file, the line, the column and the field.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_hooks.errors import BriefError, Problem
from build_hooks.limits import MAX_PROBLEMS_PER_FILE
from build_hooks.load.positions import format_path
from build_hooks.pipeline import check, read_brief
from build_hooks.validate.fields import field_specs, values_at
from build_hooks.validate.mentions import TOKEN
from build_hooks.validate.schemas import SchemaSet
from build_hooks.validate.validator import Validator
from tests.conftest import REPO

BRIEFS = sorted((REPO / "briefs").glob("*/*.yaml"))
SCHEMAS = SchemaSet.load()
VALIDATOR = Validator(SCHEMAS)
KEY_LINE = re.compile(r"^(\s*(?:- )?)([a-z_]+):(?= |$)")


def _relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _block_lines(text: str, path: str) -> set[int]:
    """Lines inside multi-line scalars, where 'word:' is text, not a key."""
    doc = read_brief(text.encode(), path)
    lines = set()
    for span in doc.values.values():
        first = span.line
        last = doc.position_of_offset(span.end)[0]
        if last > first:
            lines.update(range(first + 1, last + 1))
    return lines


@pytest.mark.parametrize("file", BRIEFS, ids=_relative)
def test_deleting_any_colon_gives_one_problem_at_that_key(file: Path, sweep_loader: type) -> None:
    path = _relative(file)
    text = file.read_text("utf-8")
    doc = read_brief(text.encode(), path)
    keys_by_line = {span.line: key_path for key_path, span in doc.keys.items()}
    skip = _block_lines(text, path)
    lines = text.split("\n")
    kind = file.parent.name
    for index, line in enumerate(lines):
        match = KEY_LINE.match(line)
        if not match or index + 1 in skip:
            continue
        broken = "\n".join([*lines[:index], line.replace(":", "", 1), *lines[index + 1 :]])
        problems = _read_and_validate(broken, path, kind)
        assert len(problems) == 1, (index + 1, [str(p) for p in problems])
        problem = problems[0]
        expected_field = format_path(keys_by_line[index + 1])
        assert (problem.path, problem.line, problem.field) == (path, index + 1, expected_field), (
            str(problem)
        )
        assert problem.column == len(match.group(1)) + 1 or "no ':'" not in problem.message, str(
            problem
        )


def _mutated(brief_id: str, taken: set[str], made: dict[str, str]) -> str:
    """A misspelling of `brief_id`: the same one each time it is written, and never the
    misspelling of another id (two ids in one list would become a repeated item)."""
    if brief_id in made:
        return made[brief_id]
    for letter in "qzxjwvk":
        candidate = brief_id[:-1] + letter
        if candidate != brief_id and candidate not in taken:
            taken.add(candidate)
            made[brief_id] = candidate
            return candidate
    raise AssertionError(brief_id)


def _names_other_briefs(file: Path) -> bool:
    text = file.read_text("utf-8")
    return file.parent.name != "sources" or TOKEN.search(text) is not None


def _misspelt_cases() -> list[Path]:
    return [f for f in BRIEFS if _names_other_briefs(f)]


@pytest.mark.parametrize("file", _misspelt_cases(), ids=_relative)
def test_misspelling_any_id_is_reported_where_it_is_written(file: Path, tmp_path: Path) -> None:
    root = tmp_path
    shutil.copytree(REPO / "briefs", root / "briefs")
    path = _relative(file)
    kind = file.parent.name
    text = file.read_text("utf-8")
    doc = read_brief(text.encode(), path)
    taken = {f.stem for f in BRIEFS}
    edits: dict[int, tuple[str, str]] = {}  # offset -> (old id, new id)
    made: dict[str, str] = {}
    expected: set[tuple[int, int, str]] = set()
    specs = field_specs(SCHEMAS, kind)
    for ref in specs.references:
        for value_path, value in values_at(doc.data, ref.pattern):
            span = doc.values[value_path]
            edits[span.start] = (value, _mutated(value, taken, made))
            expected.add((span.line, span.column, format_path(value_path)))
    for pattern in specs.markdown:
        for value_path, _ in values_at(doc.data, pattern):
            span = doc.values[value_path]
            for match in TOKEN.finditer(text, span.start, span.end):
                target = match.group(3) if match.group(3) is not None else match.group(1)
                start = match.start() + 2  # after '[[' or '[^'

                edits[start] = (target, _mutated(target, taken, made))
                line, column = doc.position_of_offset(match.start())
                expected.add((line, column, format_path(value_path)))
    assert edits, "this brief names no other brief"
    broken = text
    for offset in sorted(edits, reverse=True):
        old, new = edits[offset]
        assert broken[offset : offset + len(old)] == old
        broken = broken[:offset] + new + broken[offset + len(old) :]
    (root / path).write_text(broken, encoding="utf-8")
    _, problems = check(root / "briefs", root)
    assert {p.path for p in problems} == {path}
    in_order = sorted(expected)
    if len(in_order) > MAX_PROBLEMS_PER_FILE:
        # A file with more problems than a reader can take in at once lists the first ones
        # and, where the next would be, how many more there are.
        *problems, rest = problems
        assert (rest.line, rest.column, rest.field) == (*in_order[MAX_PROBLEMS_PER_FILE][:2], "")
        assert rest.message.startswith(
            f"and {len(in_order) - MAX_PROBLEMS_PER_FILE} more problems in this file from here on;"
        )
        in_order = in_order[:MAX_PROBLEMS_PER_FILE]
    assert [(p.line, p.column, p.field) for p in problems] == in_order
    assert all("did you mean" in p.message for p in problems)


def _continuation_lines(text: str, path: str) -> list[int]:
    """0-based lines that continue a text value written over several lines: the lines of
    a block after its first, and the lines of a plain value after its key's."""
    doc = read_brief(text.encode(), path)
    found = []
    for span in doc.values.values():
        raw = doc.text[span.start : span.end]
        last = doc.position_of_offset(span.start + len(raw.rstrip()))[0]
        first = span.line
        if last > first and not raw.startswith(("[", "{", "'", '"')):
            found.extend(range(first, last))  # 0-based indexes of the lines after the first
    return sorted(set(found))


@pytest.mark.parametrize("file", BRIEFS, ids=_relative)
def test_unindenting_any_line_of_text_says_to_indent_it(file: Path, sweep_loader: type) -> None:
    path = _relative(file)
    text = file.read_text("utf-8")
    lines = text.split("\n")
    kind = file.parent.name
    for index in _continuation_lines(text, path):
        line = lines[index]
        body = line.strip()
        if not body or body.startswith(("- ", "#")):
            continue  # a blank line, a Markdown list item: no longer text once unindented
        broken = "\n".join([*lines[:index], body, *lines[index + 1 :]])
        problems = _read_and_validate(broken, path, kind)
        assert len(problems) == 1, (index + 1, [str(p) for p in problems])
        problem = problems[0]
        assert (problem.line, problem.column) == (index + 1, 1), str(problem)
        assert re.search(r"indent it by \d+ spaces", problem.message), str(problem)


def _read_and_validate(text: str, path: str, kind: str) -> list[Problem]:
    """Every problem reading and validating one brief's text finds."""
    try:
        loaded = read_brief(text.encode(), path)
        return loaded.problems + VALIDATOR.problems(kind, loaded)
    except BriefError as error:
        return error.problems


def _problems_of(text: str, path: str = "briefs/chips/h200.yaml") -> list[str]:
    kind = path.split("/")[1]
    try:
        doc = read_brief(text.encode(), path)
        problems = doc.problems + VALIDATOR.problems(kind, doc)
    except BriefError as error:
        problems = error.problems
    return [str(problem) for problem in problems]


_CHIP = "name: H200\nas_of: 2026-01-28\ndesigner: nvidia\nstatus: shipping\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # Was: "this line is indented differently from the fields around it".
            _CHIP + "summary: [[amd]] says the chip is fast.\n",
            "briefs/chips/h200.yaml:5:10: summary: YAML reads a value that starts with '[' as a"
            " list, so it reads '[[amd]]' as a list and the text after it is out of place; to"
            " start the text with a [[mention]], put the whole value in double quotes: summary:"
            ' "[[amd]] says the chip is fast."',
        ),
        (
            # Was: "a quoted value is never closed".
            _CHIP + "summary: [[amd]]'s chip is faster than the H200.\n",
            "briefs/chips/h200.yaml:5:10: summary: YAML reads a value that starts with '[' as a"
            " list, so it reads '[[amd]]' as a list and the text after it is out of place; to"
            " start the text with a [[mention]], put the whole value in double quotes: summary:"
            ' "[[amd]]\'s chip is faster than …"',
        ),
        (
            _CHIP + "summary: *Reported* to be fast.\n",
            "briefs/chips/h200.yaml:5:10: summary: YAML reads a value that starts with '*' as an"
            " alias (a reference to another value), so *emphasis* cannot open a value; put the"
            ' whole value in double quotes: summary: "*Reported* to be fast."',
        ),
        (
            _CHIP + 'summary: "Fast," said Nvidia.\n',
            "briefs/chips/h200.yaml:5:10: summary: text follows a quoted value on the same line:"
            " YAML ends a value that starts with a quote at the closing quote; put the whole"
            " value in single quotes: summary: '\"Fast,\" said Nvidia.'",
        ),
        (
            _CHIP + "summary: | The chip is fast.\n",
            "briefs/chips/h200.yaml:5:10: summary: '|' starts a block of text on the lines below,"
            " so no text may follow it on this line; move the text to the next line, indented"
            " two spaces more than 'summary'",
        ),
        (
            # Was: "this line has no ':' after its key" (adding one makes it worse).
            _CHIP + "summary: A chip made by\nNvidia for data centres.\n",
            "briefs/chips/h200.yaml:6:1: summary: this line continues the text of 'summary'"
            " above, but it is not indented more than 'summary', so YAML reads it as a new"
            " field; indent it by 2 spaces (or join it to the line above)",
        ),
        (
            _CHIP + "summary: |\n  A chip made by\nNvidia for data centres.\n",
            "briefs/chips/h200.yaml:7:1: summary: this line is part of the text of 'summary'"
            " above, but it is indented less than that text, so YAML ends the text before it;"
            " indent it by 2 spaces, like the lines above",
        ),
        (
            # YAML reads this one as a valid key: the validator says the same.
            _CHIP
            + "summary: |\n  A chip made by Nvidia.\nIt comes in two versions: PCIe and SXM.\n",
            "briefs/chips/h200.yaml:7:1: summary: this line is part of the text of 'summary'"
            " above, but it is indented less than that text, so YAML ends the text before it;"
            " indent it by 2 spaces, like the lines above",
        ),
        (
            _CHIP + "summary: |\nA chip made by Nvidia.\n",
            "briefs/chips/h200.yaml:6:1: summary: the text of 'summary' goes on the lines after"
            " 'summary: |', indented more than 'summary'; indent it by 2 spaces",
        ),
        (
            # Was: "expected a list, got the number 192".
            _CHIP + "summary: A chip.\nspecs:\n  memory_gb: 192\n",
            "briefs/chips/h200.yaml:7:14: specs.memory_gb: expected a list of readings, got the"
            " number 192; each reading gives a value and the sources that state it: under"
            " 'memory_gb:' write '- value: 192' and, on the next line indented two more spaces,"
            " 'sources: [source-id]'",
        ),
        (
            _CHIP + "summary: A chip.\nspecs:\n  memory_gb:\n    value: 192\n    sources: [s]\n",
            "briefs/chips/h200.yaml:8:5: specs.memory_gb: expected a list of readings, got a"
            " single reading without its '- '; put '- ' before its first line ('- value: …') and"
            " indent the next lines two more spaces",
        ),
    ],
    ids=[
        "mention-first",
        "mention-apostrophe",
        "emphasis-first",
        "quote-first",
        "text-after-bar",
        "plain-unindented",
        "block-unindented",
        "block-unindented-parses",
        "block-never-indented",
        "bare-reading",
        "reading-without-dash",
    ],
)
def test_commonest_yaml_traps_are_explained(yaml_loader: type, text: str, expected: str) -> None:
    assert _problems_of(text) == [expected]
