"""The YAML loader: positions, and every kind of broken file it must refuse, by message.

Each case runs under both the C and the pure-Python loader; the messages and positions
must not depend on which one is installed.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from build_hooks.errors import BriefError
from build_hooks.limits import MAX_BYTES
from build_hooks.load import text_checks
from build_hooks.pipeline import read_brief

PATH = "briefs/chips/h200.yaml"


def problems(text: str | bytes) -> list[str]:
    raw = text if isinstance(text, bytes) else textwrap.dedent(text).lstrip("\n").encode()
    try:
        doc = read_brief(raw, PATH)
    except BriefError as error:
        return [str(p) for p in error.problems]
    return [str(p) for p in doc.problems]


def test_positions_of_keys_and_values_are_one_based(yaml_loader: type) -> None:
    doc = read_brief(
        textwrap.dedent("""\
        name: H200
        specs:
          memory_gb:
            - value: 141
              sources: [aa, bb]
        summary: |
          Text with a [[nvidia]] mention.
        """).encode(),
        PATH,
    )
    assert doc.data == {
        "name": "H200",
        "specs": {"memory_gb": [{"value": 141, "sources": ["aa", "bb"]}]},
        "summary": "Text with a [[nvidia]] mention.\n",
    }
    assert (doc.values[("name",)].line, doc.values[("name",)].column) == (1, 7)
    assert (doc.keys[("specs", "memory_gb")].line, doc.keys[("specs", "memory_gb")].column) == (
        3,
        3,
    )
    value = doc.values[("specs", "memory_gb", 0, "value")]
    assert (value.line, value.column) == (4, 14)
    second = doc.values[("specs", "memory_gb", 0, "sources", 1)]
    assert (second.line, second.column) == (5, 21)
    assert doc.raw(("specs", "memory_gb", 0, "value")) == "141"
    assert doc.problems == []


def test_dates_stay_text_and_bom_and_crlf_are_accepted(yaml_loader: type) -> None:
    doc = read_brief("\ufeffname: H200\r\nas_of: 2026-01-28\r\n".encode(), PATH)
    assert doc.data == {"name": "H200", "as_of": "2026-01-28"}
    assert doc.values[("as_of",)].line == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # duplicate keys, at the top level and nested: PyYAML would keep only the last
        (
            "name: a\nspecs:\n  memory_gb: 1\n  memory_gb: 2\nname: b\n",
            [
                f"{PATH}:4:3: specs.memory_gb: duplicate key 'memory_gb' (first given on line 3);"
                " YAML would silently keep only the last one, so remove or merge one of them",
                f"{PATH}:5:1: name: duplicate key 'name' (first given on line 1);"
                " YAML would silently keep only the last one, so remove or merge one of them",
            ],
        ),
        # anchors, aliases and merge keys
        (
            "a: &x 1\nb: *x\n",
            [
                f"{PATH}:1:4: a: anchors ('&x') are not allowed in briefs; write values out in full",
                f"{PATH}:2:4: b: aliases ('*x') are not allowed in briefs; write the value out in full",
            ],
        ),
        (
            "a: {x: 1}\nb:\n  <<: {y: 2}\n",
            [
                f"{PATH}:3:3: b: merge keys ('<<') are not allowed in briefs; write the fields out in full"
            ],
        ),
        # keys that YAML reads as something other than text
        (
            "1: a\ntrue: b\n",
            [
                f"{PATH}:1:1: the key '1' is read as the number 1; keys must be text: put it in quotes,"
                " or check the spelling of the field name",
                f"{PATH}:2:1: the key 'true' is read as the boolean true; keys must be text: put it in"
                " quotes, or check the spelling of the field name",
            ],
        ),
        # impossible dates and numbers that are not numbers
        (
            "as_of: 2023-02-30\nb: 0000-00-00\n",
            [
                f"{PATH}:1:8: as_of: '2023-02-30' is not a real date; write it as YYYY-MM-DD (for example 2026-01-23)",
                f"{PATH}:2:4: b: '0000-00-00' is not a real date; write it as YYYY-MM-DD (for example 2026-01-23)",
            ],
        ),
        (
            "a: .nan\n",
            [f"{PATH}:1:4: a: '.nan' is not a finite number; give a number or quote the text"],
        ),
    ],
    ids=["duplicate-keys", "anchor-alias", "merge-key", "non-text-keys", "impossible-dates", "nan"],
)
def test_problems_that_leave_usable_data(yaml_loader: type, text: str, expected: list[str]) -> None:
    assert problems(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deleted colon, at the top level, in a nested mapping and in a list item
        (
            "name: H200\ndesigner nvidia\nstatus: shipping\n",
            f"{PATH}:2:1: designer: this line has no ':' after its key; write it as 'key: value'",
        ),
        (
            "name: H200\nspecs:\n  memory_gb 141\n  power_w: 700\n",
            f"{PATH}:3:3: specs.memory_gb: this line has no ':' after its key; write it as 'key: value'",
        ),
        (
            "specs:\n  power_w:\n    - value 700\n      sources: [a]\n",
            f"{PATH}:3:7: specs.power_w[0].value: this line has no ':' after its key;"
            " write it as 'key: value'",
        ),
        (
            "specs\n  memory_gb: 141\n",
            f"{PATH}:1:1: specs: this line has no ':' after its key; write it as 'key: value'",
        ),
        # other syntax errors
        (
            "specs:\n\tmemory_gb: 1\n",
            f"{PATH}:2:1: specs.memory_gb: a tab character; briefs use spaces (replace each tab with spaces)",
        ),
        (
            "name: 'H200\nstatus: shipping\n",
            f"{PATH}:1:7: name: a quoted value is never closed; add the closing quote",
        ),
        (
            "aliases: [a, b\nstatus: shipping\n",
            f"{PATH}:1:10: aliases: a '[' is never closed or misses a ','; add the ']' or the ','",
        ),
        (
            "name: `H200`\n",
            f"{PATH}:1:7: name: a value cannot start with '`'; put the whole value in quotes",
        ),
        (
            "name: H200: the chip\n",
            f"{PATH}:1:11: name: a ': ' appears inside an unquoted value, or a line is indented too far;"
            " put the value in quotes or fix the indentation",
        ),
        # what a brief never is
        (
            "name: a\n---\nname: b\n",
            f"{PATH}:2:1: the file holds more than one YAML document; a brief is exactly one mapping,"
            " so remove the '---' line and everything after it",
        ),
        (
            "# only a comment\n",
            f"{PATH}:1:1: the brief is empty; it must be a mapping of fields such as 'name: …'",
        ),
        (
            "- a\n- b\n",
            f"{PATH}:1:1: the top level of a brief must be a mapping of fields ('name: …'), not a list",
        ),
        (
            "just text\n",
            f"{PATH}:1:1: just: this line has no ':' after its key; write it as 'key: value'",
        ),
        (
            "a: !!python/object/apply:os.system ['id']\n",
            f"{PATH}:1:4: a: the tag '!!python/object/apply:os.system' is not allowed; briefs hold plain"
            " text, numbers, lists and mappings only",
        ),
        (
            "a: b\x07\n",
            f"{PATH}:1:5: a: the character U+0007 is not allowed in YAML; remove it or write"
            " the text without control characters",
        ),
    ],
    ids=[
        "colon-top",
        "colon-nested",
        "colon-list-item",
        "colon-parent",
        "tab",
        "open-quote",
        "open-bracket",
        "backtick",
        "colon-in-value",
        "two-documents",
        "empty",
        "list",
        "scalar",
        "python-tag",
        "control-character",
    ],
)
def test_unreadable_files(yaml_loader: type, text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_bytes_that_are_not_utf8_text(yaml_loader: type) -> None:
    assert problems(b"name: a\nb: c\x00d\n") == [
        f"{PATH}:2:5: the file contains a NUL byte; save it as UTF-8 text"
    ]
    assert problems("name: é\nb: ".encode() + b"\xff\n") == [
        f"{PATH}:2:4: the byte 0xff is not valid UTF-8; save the file as UTF-8"
    ]


def test_size_cap_is_checked_before_parsing(yaml_loader: type) -> None:
    raw = b"a: " + b"x" * MAX_BYTES + b"\n"
    assert problems(raw) == [
        f"{PATH}:1:1: the file is {len(raw):,} bytes; a brief may be at most {MAX_BYTES:,} bytes"
        " (split long text or move it to a source)"
    ]


def test_nesting_cap(yaml_loader: type) -> None:
    assert problems("a: " + "[" * 40 + "]" * 40 + "\n") == [
        f"{PATH}:1:19: a: nesting is deeper than 16 levels; briefs never need that much"
    ]


@pytest.mark.parametrize("loader_name", ["CSafeLoader", "SafeLoader"])
def test_very_deep_unclosed_input_is_refused_without_crashing(loader_name: str) -> None:
    # The C loader's composer segfaults on ~50,000 open brackets; run it in a subprocess so a
    # regression shows up as a failed test, not a dead test run.
    script = textwrap.dedent(f"""
        import yaml
        from build_hooks.errors import BriefError
        from build_hooks.pipeline import read_brief
        loader = getattr(yaml, {loader_name!r}, None)
        if loader is None:
            raise SystemExit(0)
        try:
            read_brief(b"a: " + b"[" * 50000, "deep.yaml", loader)
        except BriefError as error:
            print(error)
        """)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    # libyaml's scanner has its own limit and stops at the 1,000th bracket, the
    # pure-Python loader at our 16th level: different columns, the same message.
    assert "a: nesting is deeper than 16 levels; briefs never need that much" in result.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # explicit tags on text that is not of that type, on values and on keys
        (
            "name: !!bool maybe\n",
            [f"{PATH}:1:7: name: 'maybe' cannot be read as bool; remove the tag or quote the text"],
        ),
        (
            "title: !!timestamp Nvidia doubles\n",
            [
                f"{PATH}:1:8: title: 'Nvidia doubles' is not a real date; write it as YYYY-MM-DD (for example 2026-01-23)"
            ],
        ),
        (
            "!!bool language: en\n",
            [
                f"{PATH}:1:1: the key 'language' is read as the text 'language'; keys must be text: put it in quotes,"
                " or check the spelling of the field name"
            ],
        ),
        (
            "2024-01-01: x\n",
            [
                f"{PATH}:1:1: the key '2024-01-01' is read as a date; keys must be text: put it in quotes, or check"
                " the spelling of the field name"
            ],
        ),
        # an alias used as a key
        (
            "x: &k name\n*k : y\n",
            [
                f"{PATH}:1:4: x: anchors ('&k') are not allowed in briefs; write values out in full",
                f"{PATH}:2:1: aliases ('*k') are not allowed in briefs; write the value out in full",
            ],
        ),
        # numbers Python cannot even print
        (
            "a: 0x" + "f" * 3600 + "\n",
            [
                f"{PATH}:1:4: a: '0xfffffffffffffffffffffffffffffffffffff…' is too large; numbers in briefs are at most 10^15"
            ],
        ),
        (
            "a: " + "9" * 5000 + "\n",
            [
                f"{PATH}:1:4: a: '999999999999999999999999999999999999999…' is too large; numbers in briefs are at most 10^15"
            ],
        ),
    ],
    ids=[
        "bool-tag",
        "timestamp-tag",
        "tagged-key",
        "date-key",
        "alias-key",
        "huge-hex",
        "huge-decimal",
    ],
)
def test_odd_scalars_give_problems_not_tracebacks(
    yaml_loader: type, text: str, expected: list[str]
) -> None:
    assert problems(text) == expected


def test_control_character_position_counts_characters(yaml_loader: type) -> None:
    assert problems('name: "中文中文\x07"\n'.encode()) == [
        f"{PATH}:1:12: name: the character U+0007 is not allowed in YAML; remove it or write the text"
        " without control characters"
    ]


def test_old_mac_line_endings_give_the_lines_an_editor_shows(yaml_loader: type) -> None:
    doc = read_brief(b"name: a\rsummary: |\r  text [[x]]\r", PATH)
    assert doc.position_of_offset(doc.text.index("[[x]]")) == (3, 8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: C\thina\n",
            f"{PATH}:1:8: name: a tab character; briefs use spaces (replace each tab with spaces)",
        ),
        (
            "name: a # note\u2028more: b\n",
            f"{PATH}:1:15: name: a Unicode line separator (U+2028); replace it with a"
            " normal line break",
        ),
        (
            "name: a\n: 1\n",
            f"{PATH}:2:1: this line starts with ':'; write 'key: value' with the key first",
        ),
        (
            "summary: |\n  one\n two\n",
            f"{PATH}:3:2: summary: this line is part of the text of 'summary' above, but it is"
            " indented less than that text, so YAML ends the text before it; indent it by 2"
            " spaces, like the lines above",
        ),
        (
            "name: [a,,b]\n",
            f"{PATH}:1:10: name: this line is not valid YAML here; check its indentation,"
            " quotes, brackets and colons, and those of the line before",
        ),
        (
            "name: 'it''s' fine\n",
            f"{PATH}:1:7: name: text follows a quoted value on the same line: YAML ends a value"
            " that starts with a quote at the closing quote; put the whole value in double"
            " quotes: name: \"'it''s' fine\"",
        ),
        (
            'name: "a\\q"\n',
            f"{PATH}:1:9: name: an unknown escape sequence inside double quotes; use single"
            " quotes, or write a backslash as \\\\",
        ),
    ],
    ids=[
        "tab-in-value",
        "line-separator",
        "lone-colon",
        "block-text",
        "empty-item",
        "after-quotes",
        "bad-escape",
    ],
)
def test_same_message_from_both_loaders(yaml_loader: type, text: str, expected: str) -> None:
    assert problems(text) == [expected]


FORBIDDEN = sorted(
    {*text_checks.FORBIDDEN_WHY, *(chr(c) for c in range(0xFDD0, 0xFDF0))}
    | {chr(plane * 0x10000 + last) for plane in range(17) for last in (0xFFFE, 0xFFFF)}
)


@pytest.mark.parametrize("char", FORBIDDEN, ids=[f"U+{ord(c):04X}" for c in FORBIDDEN])
@pytest.mark.parametrize(
    "around",
    ["name: Huawei {}\n", "name: 华为{}技术\n", "{}", "aliases: [英伟达]\nnotes: x{}\n", "é{}"],
)
def test_every_forbidden_character_is_found_in_ascii_and_in_chinese_text(
    char: str, around: str
) -> None:
    # The search looks at runs of characters above U+0084 first: each forbidden one must
    # still be found, at the start, middle or end of a run, in text of any script.
    text = around.format(char)
    assert text_checks._has_forbidden(text)
    [problem] = text_checks.forbidden_characters(text, "briefs/chips/x.yaml")
    assert problem.column == text.split("\n")[problem.line - 1].index(char) + 1


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
@settings(max_examples=500, deadline=None)
def test_the_quick_search_for_forbidden_characters_agrees_with_the_whole_class(
    text: str,
) -> None:
    assert text_checks._has_forbidden(text) == bool(text_checks._FORBIDDEN.search(text))
    with_one = text + random.Random(text).choice(FORBIDDEN) + text
    assert text_checks._has_forbidden(with_one)
