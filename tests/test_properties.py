"""Property-based tests (Hypothesis): generated briefs, arbitrary text and arbitrary bytes.

- Briefs generated from the JSON Schemas themselves (hypothesis-jsonschema) survive a trip
  through YAML and the project's loader unchanged, and pass the project's validation.
- Any text in a plain-text field renders as exactly that text; any text in a Markdown
  field keeps every letter and digit; neither ever yields markup the sanitiser removes.
- Any bytes given to the loader end in a Document or the project's BriefError, nothing else.

Set HYPOTHESIS_PROFILE=thorough for ten times the examples.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from build_hooks.errors import BriefError
from build_hooks.kinds import BRIEF_TYPES
from build_hooks.load.text_checks import hidden_character, lookalike_word
from build_hooks.options import SiteOptions
from build_hooks.pipeline import build_site, read_brief
from build_hooks.render.markdown import escape_text, render_prose
from build_hooks.site.sanitise import sanitise_html, what_was_removed
from build_hooks.validate.schemas import SCHEMA_DIR, SchemaSet
from build_hooks.validate.validator import Validator
from tests.conftest import FIXTURE_BRIEFS
from tests.helpers import ParsedPage, render_like_the_site, unsafe_parts

settings.register_profile(
    "default",
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=600)
# `make test-quick`: the same properties, fewer examples (a schema-generated brief costs
# about a second to draw); `make test` runs the default profile.
settings.register_profile("quick", parent=settings.get_profile("default"), max_examples=15)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SCHEMAS = SchemaSet.load()
VALIDATOR = Validator(SCHEMAS)
_ANNOTATIONS = {
    "title",
    "description",
    "examples",
    "patternErrorMessage",
    "errorMessage",
    "$schema",
    "$id",
    "definitions",
    "$comment",
}


def standalone_schema(kind: str) -> dict[str, Any]:
    """The schema of a type with every $ref replaced by its target and annotations dropped,
    which is what hypothesis-jsonschema can generate from, with texts and lists capped."""
    documents = {
        path.name: json.loads(path.read_text("utf-8")) for path in SCHEMA_DIR.glob("*.schema.json")
    }

    def inline(node: Any, document: str) -> Any:
        if isinstance(node, list):
            return [inline(item, document) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:  # draft 7: keywords beside $ref are ignored
            target, _, pointer = node["$ref"].partition("#")
            found: Any = documents[target or document]
            for part in filter(None, pointer.split("/")):
                found = found[part]
            return inline(found, target or document)
        out = {
            key: inline(value, document)
            for key, value in node.items()
            if key not in _ANNOTATIONS and key != "properties" and not key.startswith("x-")
        }
        if "properties" in node:
            out["properties"] = {
                key: inline(value, document) for key, value in node["properties"].items()
            }
        # Small examples: structure matters here, not size (Hypothesis caps entropy).
        if "maxLength" in out:
            out["maxLength"] = min(out["maxLength"], 120)
        if out.get("type") == "array":
            out["maxItems"] = min(out.get("maxItems", 3), 3)
        return out

    return inline(documents[f"{kind}.schema.json"], f"{kind}.schema.json")


def scrubbed(value: Any) -> Any:
    """`value` with each character the loader refuses beyond JSON Schema (controls and
    invisible characters) replaced by 'x', which keeps lengths and patterns satisfied."""
    if isinstance(value, str):
        return "".join("x" if hidden_character(char) else char for char in value)
    if isinstance(value, dict):
        return {key: scrubbed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [scrubbed(item) for item in value]
    return value


GENERATED = {kind: from_schema(standalone_schema(kind)).map(scrubbed) for kind in BRIEF_TYPES}


def strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []


def within_text_rules(data: Any) -> bool:
    """The loader's last rule beyond JSON Schema: no word mixing look-alike alphabets."""
    return all(lookalike_word(s) is None for s in strings_in(data))


LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])]


@pytest.mark.parametrize("kind", BRIEF_TYPES)
def test_briefs_generated_from_the_schema_round_trip(kind: str) -> None:
    @settings(max_examples=max(settings().max_examples // 2, 5))
    @given(GENERATED[kind])
    def round_trip(data: dict[str, Any]) -> None:
        assume(within_text_rules(data))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)
        for loader in LOADERS:  # generating is the slow part: one example, both loaders
            doc = read_brief(text.encode("utf-8"), f"briefs/{kind}/generated.yaml", loader)
            assert doc.problems == []
            assert doc.data == data
            assert VALIDATOR.problems(kind, doc) == []

    round_trip()


# Text --------------------------------------------------------------------------------------

ONE_LINE = (
    st.text(max_size=120)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and hidden_character(s) is None)
)


def visible_text(html: str) -> str:
    import html as html_lib

    return " ".join(html_lib.unescape(re.sub(r"<[^>]*>", " ", html)).split())


def rendered_safely(markdown_text: str) -> str:
    html = render_like_the_site(markdown_text)
    clean = sanitise_html(html)
    assert what_was_removed(html, clean) is None
    assert unsafe_parts(ParsedPage(clean).elements) == []
    return clean


@given(ONE_LINE)
def test_plain_text_shows_exactly_in_a_paragraph_heading_and_table(text: str) -> None:
    import html as html_lib

    escaped = escape_text(text)
    for template, tag in (("{}", "p"), ("# {}", "h1"), ("| a |\n| --- |\n| {} |", "td")):
        clean = rendered_safely(template.format(escaped))
        inner = re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", clean, re.DOTALL)
        assert inner is not None, clean
        shown = html_lib.unescape(
            re.sub(r"<a class=\"headerlink\".*?</a>|<[^>]*>", "", inner.group(1))
        )
        assert " ".join(shown.split()) == text


@given(st.text(max_size=400).filter(lambda s: hidden_character(s.replace("\r", "")) is None))
def test_markdown_text_keeps_every_letter_and_digit(text: str) -> None:
    clean = rendered_safely(render_prose(text, lambda token: escape_text(token.text)))
    letters = [c for c in text if c.isalnum()]
    shown = [c for c in visible_text(clean) if c.isalnum()]
    assert shown == letters


@settings(max_examples=25)
@given(
    name=ONE_LINE.filter(lambda s: lookalike_word(s) is None),
    summary=st.text(min_size=1, max_size=300).filter(
        lambda s: (
            s.strip()
            and hidden_character(s) is None
            and lookalike_word(s) is None
            and "[[" not in s
            and "[^" not in s
        )
    ),
)
def test_any_text_in_a_brief_reaches_its_page_whole(name: str, summary: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        import shutil

        shutil.copytree(FIXTURE_BRIEFS, root / "briefs")
        brief = {
            "name": name,
            "summary": summary + "[^press-release]",
            "as_of": "2026-01-28",
            "country": "US",
            "timeline": [{"date": "2026-01-01", "text": summary, "sources": ["press-release"]}],
        }
        (root / "briefs/companies/generated.yaml").write_text(
            yaml.safe_dump(brief, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        try:
            site = build_site(
                root / "briefs",
                root,
                SiteOptions(edit_base="https://example.com/", today=datetime.date(2026, 11, 29)),
            )
        except BriefError as error:
            # Only the loader's extra text rules may refuse it; say which, if any other.
            assert all("alphabets" in p.message or "' #'" in p.message for p in error.problems), (
                error
            )
            return
    page = rendered_safely(site.pages["companies/generated.md"].split("---\n", 2)[2])
    heading = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", page, re.DOTALL)
    assert heading is not None and " ".join(visible_text(heading.group(1)).split()) == name


# Bytes -------------------------------------------------------------------------------------

YAMLISH = st.text(
    alphabet=st.sampled_from(list("abc:-[]{},&*!|>'\"%@`# \n\t?~.01\\\u00e9\u4e2d")), max_size=200
)
# Pieces that have broken YAML loaders before (reliability notes Y1-Y14, C3), to be
# shuffled into documents: typed keys, tags, bad dates, huge numbers, directives.
TRICKY = [
    "0000-00-00",
    "2023-02-30",
    "2026-01-28",
    "!!int x",
    "!!bool maybe",
    "!!float y",
    "!!timestamp z",
    "!!str",
    "!!binary",
    "!!set",
    "!!omap",
    "&a ",
    "*a",
    "<<: ",
    "---",
    "...",
    "? ",
    ".nan",
    ".inf",
    "-.inf",
    "0x" + "f" * 40,
    "9" * 5000,
    "1:20",
    "012",
    "0o17",
    "1_000",
    "[",
    "]",
    "{",
    "}",
    "- ",
    ": ",
    "\n",
    "  ",
    " #",
    "|",
    ">-",
    "'",
    '"',
    '"\\u202e"',
    '"\\x00"',
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "!local ",
    "!!python/object/apply:os.system ['id']",
    "!<tag:yaml.org,2002:str> ",
    "name",
    "summary",
    "specs",
    "memory_gb",
    "value",
    "sources",
    "\ufeff",
    "\r\n",
]
FRAGMENTS = st.lists(st.one_of(st.sampled_from(TRICKY), YAMLISH), max_size=30).map("".join)


@settings(max_examples=settings().max_examples * 5)
@given(st.one_of(st.binary(max_size=400), FRAGMENTS.map(lambda s: s.encode("utf-8"))))
def test_any_bytes_give_a_document_or_a_brief_error(raw: bytes) -> None:
    for loader in LOADERS:
        try:
            doc = read_brief(raw, "briefs/chips/fuzz.yaml", loader)
        except BriefError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.path == "briefs/chips/fuzz.yaml" and problem.line >= 1
            continue
        assert isinstance(doc.data, dict)
        VALIDATOR.problems("chips", doc)  # must not raise either


LONE_SURROGATE = re.compile("[\ud800-\udfff]")
ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=60)


@given(title=ANY_TEXT, name=ANY_TEXT)
def test_front_matter_gives_back_every_string_exactly(title: str, name: str) -> None:
    # Every Unicode class, noncharacters and lone surrogates included, goes through the
    # front matter as MkDocs reads it and comes back exactly: no text can end a value,
    # start a key or close the front matter and turn what follows into Markdown.
    import html

    from mkdocs.utils.meta import get_data

    from build_hooks.render.front_matter import front_matter

    page = front_matter(title=title, jsonld={"name": name}, search_boost=3) + "BODY\n"
    assert page.isascii()
    body, meta = get_data(page)
    assert body == "BODY\n"
    # A lone surrogate has no UTF-8 form: the one character written as U+FFFD.
    assert meta["title"] == html.escape(LONE_SURROGATE.sub("\ufffd", title), quote=False)
    assert json.loads(meta["jsonld"]) == {"name": name}
    assert meta["search"] == {"boost": 3.0}


_LINE_PIECES = st.sampled_from([" ", "    ", "- ", "* ", "+\t", "-", "x", "\r", "\u00a0", "[^a]"])


@given(st.lists(st.lists(_LINE_PIECES, max_size=12).map("".join), min_size=1, max_size=6))
@example(["+\t+\t+\t+\t+\tx"])
@example(["x", "-\r- * + -"])
@example(["- - - - -"])
@example(["a", " " * 20 + "x"])
@example(["   " + "* " * 5])
@settings(max_examples=1000, deadline=None)
def test_the_rules_on_one_paragraph_judge_every_line_that_could_be_nested(
    lines: list[str],
) -> None:
    # The list-depth rule skips paragraphs with no line that could count above 0; it must
    # find a too-deep list wherever the plain line-by-line count finds one.
    from build_hooks.limits import MAX_LIST_DEPTH
    from build_hooks.validate import rules

    paragraph = "\n".join(lines)
    doc = read_brief(b"summary: x\n", "briefs/chips/x.yaml")
    found = [
        p.message
        for p in rules._paragraph_problems(doc, ("summary",), paragraph, 0)
        if "nested" in p.message
    ]
    deepest = max(rules._list_depth(line) for line in lines)
    assert bool(found) == (deepest > MAX_LIST_DEPTH)


@given(st.text(alphabet="[]^()ab1-\n |x", max_size=80))
@example("[[a] [a]] [b] ^[a] [[b]] [a](x) [^a]")
@settings(max_examples=1000, deadline=None)
def test_near_miss_patterns_match_where_their_plain_forms_do(text: str) -> None:
    # graph/near_misses.py starts each pattern with its '[' and looks back after it (for
    # speed); the plain forms look back first. Both must find the same matches.
    from build_hooks.graph import near_misses

    plain = {
        near_misses._CLOSED_TWICE: re.compile(r"(?<!\[)\[([^\[\]\n^]*)\]\]"),
        near_misses._BARE_ID: re.compile(r"(?<![\[^])\[([a-z0-9]+(?:-[a-z0-9]+)*)\](?![\](])"),
    }
    for quick, slow in plain.items():
        assert [(m.span(), m.groups()) for m in quick.finditer(text)] == [
            (m.span(), m.groups()) for m in slow.finditer(text)
        ]
