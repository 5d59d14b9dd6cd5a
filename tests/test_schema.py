"""The JSON Schemas: well-formed, fully described, and turned into exact, positioned messages."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from build_hooks.kinds import BRIEF_TYPES
from build_hooks.pipeline import read_brief
from build_hooks.validate.schemas import SCHEMA_DIR, SchemaSet
from build_hooks.validate.validator import Validator

SCHEMAS = SchemaSet.load()
VALIDATOR = Validator(SCHEMAS)


def schema_problems(kind: str, text: str) -> list[str]:
    path = f"briefs/{kind}/x.yaml"
    doc = read_brief(textwrap.dedent(text).lstrip("\n").encode(), path)
    return [str(p) for p in sorted(doc.problems + VALIDATOR.problems(kind, doc))]


@pytest.mark.parametrize("name", sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json")))
def test_schema_files_are_valid_draft7(name: str) -> None:
    Draft7Validator.check_schema(json.loads((SCHEMA_DIR / name).read_text("utf-8")))


def test_every_property_has_a_description() -> None:
    missing = [
        f"{name}#{pointer}"
        for name, doc in SCHEMAS.documents.items()
        for pointer, prop in _pointers(doc)
        if "description" not in prop
    ]
    assert missing == []


def _pointers(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(JSON pointer, property schema) for every property anywhere in a schema document."""
    if isinstance(node, dict):
        for key, child in node.items():
            if key == "properties":
                for name, prop in child.items():
                    yield f"{pointer}/properties/{name}", prop
            if key != "x-names":
                yield from _pointers(child, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _pointers(child, f"{pointer}/{index}")


def test_every_property_has_examples_that_are_valid() -> None:
    # Editors offer the examples as completions and `new` writes them into templates, so
    # each must fit its own field: a top-level field has its own, others may inherit one
    # from the definition they refer to.
    from jsonschema import Draft7Validator

    registry = VALIDATOR.validators["chips"]._registry
    missing, invalid = [], []
    for name, doc in SCHEMAS.documents.items():
        for pointer, prop in _pointers(doc):
            node, document, examples = prop, name, prop.get("examples")
            while examples is None and (step := SCHEMAS.resolve_once(node, document)):
                node, document = step
                examples = node.get("examples")
            if examples is None or (pointer.count("/") == 2 and "examples" not in prop):
                missing.append(f"{name}#{pointer}")
                continue
            validator = Draft7Validator(
                {"$ref": f"{name}#{pointer}"},
                registry=registry,
                format_checker=Draft7Validator.FORMAT_CHECKER,
            )
            invalid.extend(
                f"{name}#{pointer}: {example!r}"
                for example in examples
                if not validator.is_valid(example)
            )
    assert missing == []
    assert invalid == []


def test_every_type_forbids_unknown_keys() -> None:
    for kind in BRIEF_TYPES:
        assert SCHEMAS.schema(kind)["additionalProperties"] is False


VALID_CHIP = """
name: H200
summary: A chip.
as_of: 2026-01-28
designer: nvidia
status: shipping
"""


def test_a_valid_brief_has_no_problems() -> None:
    assert schema_problems("chips", VALID_CHIP) == []


def test_contract_example_wrong_type_with_unit() -> None:
    assert schema_problems(
        "chips",
        VALID_CHIP.lstrip("\n")
        + textwrap.dedent("""\
        specs:
          memory_gb:
            - value: 141 GB
              sources: [aa]
        """),
    ) == [
        "briefs/chips/x.yaml:8:14: specs.memory_gb[0].value: expected a number, got the string"
        " '141 GB'; write the number alone (the unit is part of the field name)"
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # unknown keys, with and without a plausible suggestion
        (
            "statuss: shipping",
            "briefs/chips/x.yaml:6:1: statuss: unknown field 'statuss'; did you mean 'status'?",
        ),
        (
            "colour: red",
            "briefs/chips/x.yaml:6:1: colour: unknown field 'colour'; the fields allowed here are:"
            " name, aliases, summary, as_of, designer, manufacturer, based_on, status, architecture,"
            " announced, released, specs, dense_tops, timeline",
        ),
        # YAML 1.1 typing traps where text is expected
        (
            "aliases: [NO]",
            "briefs/chips/x.yaml:6:11: aliases[0]: expected text, got false; YAML reads"
            " the unquoted NO as false, so put it in quotes: 'NO'",
        ),
        (
            "aliases: [1.10]",
            "briefs/chips/x.yaml:6:11: aliases[0]: expected text, got the number 1.1;"
            " YAML reads the unquoted 1.10 as the number 1.1, so put it in quotes: '1.10'",
        ),
        (
            "aliases: [1:20]",
            "briefs/chips/x.yaml:6:11: aliases[0]: expected text, got the number 80;"
            " YAML reads the unquoted 1:20 as the number 80, so put it in quotes: '1:20'",
        ),
        # enums, ids and sources
        (
            "based_on: H100",
            "briefs/chips/x.yaml:6:11: based_on: 'H100' must be an id: lowercase letters"
            " a-z, digits and single hyphens (for example 'rtx-pro-6000d')",
        ),
        (
            "announced:\n  - value: 2023-11-13\n    sources: []",
            "briefs/chips/x.yaml:8:14: announced[0].sources: give at least 1 source id",
        ),
        (
            "announced:\n  - value: 2023-11-13\n    sources: [a, a]",
            'briefs/chips/x.yaml:8:14: announced[0].sources: lists "a" more than once; remove the repeat',
        ),
        (
            "announced:\n  - value: 2023-11-31\n    sources: [a]",
            "briefs/chips/x.yaml:7:12: announced[0].value: '2023-11-31' is not a real date; write it as"
            " YYYY-MM-DD (for example 2026-01-23)",
        ),
        (
            "specs:\n  power_w:\n    - value: -700\n      sources: [a]",
            "briefs/chips/x.yaml:8:14: specs.power_w[0].value: must be more than 0, got -700",
        ),
        (
            "name2: x\nsummary:",
            "briefs/chips/x.yaml:2:9: summary: duplicate key 'summary' (first given on"
            " line 2); YAML would silently keep only the last one, so remove or merge one of them",
        ),
    ],
    ids=[
        "unknown-close",
        "unknown-far",
        "norway",
        "version-number",
        "sexagesimal",
        "bad-id",
        "no-sources",
        "repeated-source",
        "impossible-date",
        "negative",
        "duplicate",
    ],
)
def test_messages(extra: str, expected: str) -> None:
    if "duplicate" in expected:
        doc = read_brief(
            (VALID_CHIP.lstrip("\n") + "summary: again\n").encode(), "briefs/chips/x.yaml"
        )
        assert [str(p) for p in doc.problems] == [
            "briefs/chips/x.yaml:6:1: summary: duplicate key 'summary' (first given on line 2);"
            " YAML would silently keep only the last one, so remove or merge one of them"
        ]
        return
    assert schema_problems("chips", VALID_CHIP.lstrip("\n") + extra + "\n") == [expected]


def test_status_suggestion_and_missing_fields() -> None:
    assert schema_problems("chips", "name: H200\nstatus: shiping\n") == [
        "briefs/chips/x.yaml:1:1: as_of: the required field 'as_of' is missing; add it (the date"
        " this brief was last checked against its sources (YYYY-MM-DD))",
        "briefs/chips/x.yaml:1:1: designer: the required field 'designer' is missing; add it (the id"
        " of the company that designed the chip)",
        "briefs/chips/x.yaml:1:1: summary: the required field 'summary' is missing; add it (what it"
        " is and why it matters for AI-chip policy, in your own words, with every fact cited inline"
        " as [^source-id])",
        "briefs/chips/x.yaml:2:9: status: 'shiping' is not one of: roadmap, announced, shipping,"
        " reported, discontinued; did you mean 'shipping'?",
    ]


SOURCE = """
name: Example
title: An example
publisher: Example Wire
published: 2026-01-23
tier: wire
"""


NOT_AN_ADDRESS = "must be a full web address starting with https://"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.aa.com.tr/en/x/3808963", None),
        ("http://example.com", f"'http://example.com' {NOT_AN_ADDRESS}"),
        ("javascript:alert(1)", f"'javascript:alert(1)' {NOT_AN_ADDRESS}"),
        (
            "data:text/html;base64,PHNjcmlwdD4=",
            f"'data:text/html;base64,PHNjcmlwdD4=' {NOT_AN_ADDRESS}",
        ),
        ("ftp://example.com/file", f"'ftp://example.com/file' {NOT_AN_ADDRESS}"),
        ("https://exa mple.com/", f"'https://exa mple.com/' {NOT_AN_ADDRESS}"),
        ("https://", f"'https://' {NOT_AN_ADDRESS}"),
        ("not a url", f"'not a url' {NOT_AN_ADDRESS}"),
    ],
)
def test_urls_must_be_https(url: str, expected: str | None) -> None:
    found = schema_problems("sources", SOURCE + f"url: {json.dumps(url)}\n")
    assert found == ([] if expected is None else [f"briefs/sources/x.yaml:6:6: url: {expected}"])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.aa.com.tr/en/", None),
        (
            "https://169.254.169.254/latest/meta-data/",
            "'169.254.169.254' is an IP address; give the address by the site's name, with https://",
        ),
        (
            "https://10.0.0.8/x",
            "'10.0.0.8' is an IP address; give the address by the site's name, with https://",
        ),
        (
            "https://localhost/x",
            f"'https://localhost/x' {NOT_AN_ADDRESS}",
        ),
        (
            "https://metadata.google.internal/x",
            "'metadata.google.internal' is a private or reserved name, not a public site; cite a page anyone can open",
        ),
        (
            "https://printer.local/",
            "'printer.local' is a private or reserved name, not a public site; cite a page anyone can open",
        ),
        (
            "https://www.example.com:8443/x",
            "the address names a port; cite the page at its ordinary https:// address (without ':' and a number after the site's name)",
        ),
    ],
)
def test_source_addresses_are_public(url: str, expected: str | None, tmp_path: Path) -> None:
    from build_hooks.pipeline import check

    (tmp_path / "briefs/sources").mkdir(parents=True)
    text = SOURCE.lstrip("\n") + f"url: {json.dumps(url)}\n"
    (tmp_path / "briefs/sources/x.yaml").write_text(text, "utf-8")
    problems = [str(p) for p in check(tmp_path / "briefs", tmp_path)[1]]
    assert problems == ([] if expected is None else [f"briefs/sources/x.yaml:6:6: url: {expected}"])


@pytest.mark.parametrize(
    ("published", "valid"),
    [
        ("2026-01-23", True),
        ("2026-01", True),
        ("2026", True),
        ("2026-Q1", True),
        ("2026-13", False),
        ("2026-02-30", False),
        ("23 January 2026", False),
    ],
)
def test_publication_dates(published: str, valid: bool) -> None:
    text = (
        SOURCE.replace("published: 2026-01-23", f"published: '{published}'")
        + "url: https://a.example.org/\n"
    )
    expected = (
        []
        if valid
        else [
            f"briefs/sources/x.yaml:4:12: published: {published!r} must be a real date (2024-05-14),"
            " a month (2024-05), a quarter (2024-Q2) or a year (2024)"
        ]
    )
    assert schema_problems("sources", text) == expected


def test_tier_is_one_of_four() -> None:
    text = SOURCE.replace("tier: wire", "tier: wir") + "url: https://a.example.org/\n"
    assert schema_problems("sources", text) == [
        "briefs/sources/x.yaml:5:7: tier: 'wir' is not one of: primary, wire, secondary,"
        " aggregator; did you mean 'wire'?"
    ]


def test_quoted_keys_with_spaces_are_unknown_fields_not_missing_colons() -> None:
    assert schema_problems("chips", VALID_CHIP.lstrip("\n") + '"name extra": 1\n') == [
        "briefs/chips/x.yaml:6:1: name extra: unknown field 'name extra'; the fields allowed here are:"
        " name, aliases, summary, as_of, designer, manufacturer, based_on, status, architecture,"
        " announced, released, specs, dense_tops, timeline"
    ]


def test_whitespace_keys_and_case_slips() -> None:
    assert schema_problems("chips", VALID_CHIP.lstrip("\n") + '" ": 1\n') == [
        "briefs/chips/x.yaml:6:1: ' ': unknown field ' '; the fields allowed here are: name, aliases,"
        " summary, as_of, designer, manufacturer, based_on, status, architecture, announced,"
        " released, specs, dense_tops, timeline"
    ]
    policy = (
        "name: P\nsummary: s\nas_of: 2026-01-01\njurisdiction: cn\nissued_by: [{name: X}]\n"
        "kind: guidance\nstatus: reported\nannounced: [{value: 2026-01-01, sources: [s]}]\n"
    )
    assert schema_problems("policies", policy) == [
        "briefs/policies/x.yaml:4:15: jurisdiction: 'cn' is not an allowed value; did you mean 'CN'?"
        " (A jurisdiction as an ISO 3166-1 alpha-2 code (US, CN, ...), or EU for the European Union.)"
    ]


def test_a_value_refused_by_the_loader_is_reported_once_and_other_problems_still_are() -> None:
    text = "name: C\nsummary: s\nas_of: 2026-02-30\ncountry: &a us\n"
    assert schema_problems("companies", text) == [
        "briefs/companies/x.yaml:3:8: as_of: '2026-02-30' is not a real date; write it as YYYY-MM-DD"
        " (for example 2026-01-23)",
        "briefs/companies/x.yaml:4:10: country: 'us' is not an allowed value; did you mean 'US'?"
        " (A country or territory as an ISO 3166-1 alpha-2 code, for example US or CN.)",
        "briefs/companies/x.yaml:4:10: country: anchors ('&a') are not allowed in briefs; write values"
        " out in full",
    ]
