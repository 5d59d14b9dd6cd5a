"""The speed code gives exactly what the plain code gives.

Each piece of speed/ stands in for plain code of a stage (see speed/__init__.py); these
tests hold each to the plain code's results on every real brief, every fixture brief and
every hostile case, and on generated ones.
"""

from __future__ import annotations

import json
import marshal
import os
import types
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from build_hooks.errors import BriefError
from build_hooks.kinds import BRIEF_TYPES
from build_hooks.load import reader
from build_hooks.speed import fast_yaml
from build_hooks.speed import processes as processes_module
from build_hooks.speed.quick_schema import QuickValidator
from build_hooks.speed.sanitiser import PageSanitiser
from build_hooks.validate.schemas import SchemaSet
from build_hooks.validate.validator import Validator
from tests.conftest import FIXTURE_BRIEFS, REPO
from tests.hostile_suite import all_cases

SCHEMAS = SchemaSet.load()
QUICK = QuickValidator(SCHEMAS)
PLAIN = Validator(SCHEMAS)


def brief_files() -> list[tuple[str, bytes]]:
    """(path, bytes) of every brief file the tests know: real, fixture and hostile."""
    found = [
        (p.relative_to(REPO).as_posix(), p.read_bytes())
        for folder in (REPO / "briefs", FIXTURE_BRIEFS)
        for p in sorted(folder.rglob("*.yaml"))
    ]
    for case in all_cases():
        found += [(f"{case.name}/{p.name}", p.read_bytes()) for p in case.brief_files()]
        for relative, spec in case.meta.get("generate", {}).items():
            if "lines" not in spec and spec["count"] < 10_000:
                text = spec["head"] + spec["repeat"] * spec["count"] + spec.get("tail", "")
                found.append((f"{case.name}/{relative}", text.encode("utf-8")))
    return found


FILES = brief_files()


def outcome(read: Any, raw: bytes, path: str) -> tuple[str, Any, Any]:
    try:
        doc = read(raw, path, yaml.CSafeLoader)
    except BriefError as error:
        return "refused", [str(p) for p in error.problems], None
    except RecursionError:
        return "crashed", None, None
    return "read", doc.data, [str(p) for p in doc.problems]


@pytest.mark.skipif(not fast_yaml.AVAILABLE, reason="no libyaml with a depth limit")
@pytest.mark.parametrize(("path", "raw"), FILES, ids=[path for path, _ in FILES])
def test_the_fast_path_reads_what_the_event_reader_reads(path: str, raw: bytes) -> None:
    assert outcome(fast_yaml.read_brief, raw, path) == outcome(reader.read_brief, raw, path)


@pytest.mark.skipif(not fast_yaml.AVAILABLE, reason="no libyaml with a depth limit")
def test_a_fast_read_brief_finds_its_positions_when_asked() -> None:
    raw = (REPO / "briefs/chips/h200.yaml").read_bytes()
    fast = fast_yaml.read_brief(raw, "briefs/chips/h200.yaml")
    full = reader.read_brief(raw, "briefs/chips/h200.yaml")
    assert fast.located is None  # nothing was worked out for a valid brief
    assert fast.span(("designer",)) == full.span(("designer",))
    assert fast.locate() == full.located


@pytest.mark.skipif(not fast_yaml.AVAILABLE, reason="no libyaml with a depth limit")
def test_the_fast_loader_takes_ordinary_briefs_and_declines_the_rest() -> None:
    # Not a parity test: without this, a fast path that always declined would pass.
    taken = [
        path
        for path, raw in FILES
        if path.startswith("briefs/") and fast_yaml.read_brief(raw, path).located is None
    ]
    assert len(taken) > len([p for p, _ in FILES if p.startswith("briefs/")]) * 0.8
    assert fast_yaml.fast_data("name: A & B\n") is None  # '&' could start an anchor
    assert fast_yaml.fast_data("name: x\nname: y\n") is None  # a duplicate key


def _kind(path: str) -> str | None:
    parts = path.split("/")
    return next((part for part in parts if part in BRIEF_TYPES), None)


@pytest.mark.parametrize(("path", "raw"), FILES, ids=[path for path, _ in FILES])
def test_the_quick_schema_check_agrees_with_python_jsonschema(path: str, raw: bytes) -> None:
    kind = _kind(path)
    try:
        doc = reader.read_brief(raw, path)
    except (BriefError, RecursionError):
        return
    if kind is None:
        return
    assert QUICK.is_valid(kind, doc.data) == PLAIN.validators[kind].is_valid(doc.data)
    assert QUICK.problems(kind, doc) == PLAIN.problems(kind, doc)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(
        [
            "2026-01-23",
            "2026-02-30",
            "https://a.example/",
            "http://",
            "nvidia",
            "US",
            "in-force",
            "wire",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "summary",
                    "as_of",
                    "value",
                    "sources",
                    "designer",
                    "specs",
                    "memory_gb",
                    "url",
                    "tier",
                    "published",
                    "title",
                    "publisher",
                    "timeline",
                    "date",
                    "text",
                    "status",
                    "jurisdiction",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(BRIEF_TYPES), data=json_values)
def test_the_quick_check_agrees_on_generated_data(kind: str, data: Any) -> None:
    assert QUICK.is_valid(kind, data) == PLAIN.validators[kind].is_valid(data)


def _clean_in(processes: int, pages: list[str]) -> list[tuple[int, str, str | None]]:
    helpers = processes_module.Helpers(processes, {"sanitise pages": _clean})
    try:
        sanitiser: PageSanitiser[int] = PageSanitiser(helpers)
        for index, html in enumerate(pages):
            sanitiser.submit(index, html)
        return sanitiser.finish()
    finally:
        helpers.close()


def _clean(pages: list[str]) -> list[tuple[str, str | None]]:
    from build_hooks.speed.sanitiser import clean_pages

    return clean_pages(pages)


def test_pages_sanitised_in_helpers_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes_module.threading, "active_count", lambda: 1)
    pages = [
        f'<p id="p{n}" onclick="x()">page {n} <script>alert({n})</script></p>' for n in range(150)
    ]
    here = _clean_in(0, pages)
    assert here == _clean_in(2, pages)
    assert here[7] == (7, '<p id="p7">page 7 </p>', "the attribute onclick='x()' of <p>")


def test_helpers_run_in_other_processes_only_when_forked() -> None:
    helpers = processes_module.Helpers(0, {"pid": lambda _: os.getpid()})
    try:
        assert helpers.start("pid", None).get() == os.getpid()
    finally:
        helpers.close()


def test_the_speed_code_is_only_reached_through_the_pipeline() -> None:
    # The stages read plainly; pipeline.py alone chooses the faster equivalents.
    users = sorted(
        path.relative_to(REPO).as_posix()
        for path in (REPO / "build_hooks").rglob("*.py")
        if "build_hooks.speed" in path.read_text("utf-8")
        and "speed" not in path.relative_to(REPO / "build_hooks").parts
    )
    # The preview's brief store loads a big site in workers as the pipeline's check does;
    # brief_checks.py is the pipeline's check of one brief file (its reader and schema
    # checks are speed/'s), shared with the preview.
    assert users == [
        "build_hooks/brief_checks.py",
        "build_hooks/mkdocs_hook.py",
        "build_hooks/pipeline.py",
        "build_hooks/preview/briefs.py",
    ]


def test_documents_read_in_workers_come_back_whole(tmp_path: Path) -> None:
    # Documents travel back from worker processes by pickling: a fast-read one carries
    # its locator as a module function, not a closure.
    import pickle

    raw = (REPO / "briefs/chips/h200.yaml").read_bytes()
    doc = pickle.loads(pickle.dumps(fast_yaml.read_brief(raw, "briefs/chips/h200.yaml")))
    assert doc.span(("designer",)).line > 1


def test_a_remembered_conversion_verdict_is_the_fresh_one_for_that_text_and_those_settings() -> (
    None
):
    from build_hooks.site.dry_run import conversion_error as fresh_conversion_error
    from build_hooks.speed.verdicts import conversion_error

    with_toc = (("toc", {}),)
    without: tuple[tuple[str, dict[str, object]], ...] = ()
    page = "# Title\n\n[back to the title](#title)\n"
    for _ in range(2):  # the second time from memory
        assert conversion_error(page, with_toc) is None
        assert conversion_error(page, without) == fresh_conversion_error(page, without)
        assert conversion_error(page, without) == "it links to anchors the page lacks (title)"
        assert conversion_error(page + "\n# Title {: #x }\n", with_toc) is None


def test_a_remembered_search_document_is_the_fresh_one_and_is_never_changed_by_its_user() -> None:
    from build_hooks.site.search_index import tidy_document as fresh_tidy_document
    from build_hooks.site.search_index import tidy_index
    from build_hooks.speed.search_documents import tidy_document

    documents = [
        {"location": "chips/x/", "title": "X\u200b100", "text": "<p>A licence.<sup>1</sup></p>"},
        {"location": "chips/x/#s", "title": "Notes", "text": "<ol><li><p>Reuters ↩</p></li></ol>"},
        {"location": "tags/", "title": "Tags", "text": "<p>centre</p>", "tags": ["a"]},
    ]
    for _ in range(2):  # the second time from memory
        assert [tidy_document(d) for d in documents] == [fresh_tidy_document(d) for d in documents]
    data = json.dumps({"config": {}, "docs": documents}).encode("utf-8")
    names = {"chips/x/": ["华为"]}
    remembered = tidy_index(data, names, tidy_document)
    assert remembered == tidy_index(data, names)
    # Adding a page's names went to a copy: the remembered document has none.
    assert "names" not in (tidy_document(documents[0]) or {})
    assert json.loads(remembered)["docs"][0]["names"] == ["华为"]


def _plainly_acceptable(data: dict[str, Any]) -> bool:
    """fast_yaml._acceptable as first written: every value queued with its depth."""
    import math

    from build_hooks.limits import MAX_DEPTH, MAX_INTEGER
    from build_hooks.load.text_checks import lookalike_word

    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list) and not isinstance(value, bool):
            if depth > MAX_DEPTH:
                return False
            pending.extend(
                (item, depth + 1) for item in (value.values() if isinstance(value, dict) else value)
            )
        elif isinstance(value, str):
            if not value.isascii() and lookalike_word(value) is not None:
                return False
        elif type(value) is float:
            if not math.isfinite(value):
                return False
        elif type(value) is int and abs(value) > MAX_INTEGER:
            return False
    return True


def _nested(depth: int, leaf: Any) -> dict[str, Any]:
    value: Any = leaf
    for level in range(depth - 1):
        value = {"x": value} if level % 2 else [value]
    return {"a": value}


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.dictionaries(st.text(max_size=3), json_values | st.floats(), max_size=4),
        st.builds(
            _nested,
            st.integers(min_value=1, max_value=20),
            st.sampled_from([1, 10**400, 2.5, float("inf"), "word", "Неllo", "中文", True]),
        ),
    )
)
def test_the_fast_path_accepts_the_values_the_event_reader_accepts(data: dict[str, Any]) -> None:
    # Depth (at the limit and one past it), numbers too big or not finite, and words that
    # mix alphabets: the level-by-level walk must judge them as the plain one does.
    assert fast_yaml._acceptable(data) == _plainly_acceptable(data)


def _fresh_checks(monkeypatch: pytest.MonkeyPatch) -> QuickValidator:
    """A validator with no check compiled in this process (nor remembered by the module)."""
    from build_hooks.speed import quick_schema

    monkeypatch.setattr(quick_schema, "_compiled", {})
    return QuickValidator(SCHEMAS)


def _kinded_documents() -> list[tuple[str, Any]]:
    """(kind, data) of every brief file the tests know that the loader reads."""
    found = []
    for path, raw in FILES:
        kind = path.split("/")[-2] if path.count("/") >= 2 else ""
        if kind in BRIEF_TYPES:
            try:
                found.append((kind, reader.read_brief(raw, path).data))
            except BriefError:
                continue  # a hostile case the loader refuses
    return found


KINDED_DOCUMENTS = _kinded_documents()


def _verdicts(validator: QuickValidator) -> list[bool]:
    return [validator.is_valid(kind, data) for kind, data in KINDED_DOCUMENTS]


def _is_code(file: Path) -> bool:
    return isinstance(marshal.loads(file.read_bytes()), types.CodeType)


def test_compiled_schema_checks_are_kept_on_disk_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_hooks.speed import code_cache

    monkeypatch.setenv(code_cache.ENVIRONMENT, str(tmp_path / "cache"))
    first = _verdicts(_fresh_checks(monkeypatch))
    assert True in first and False in first  # the hostile cases include invalid briefs
    kept = sorted((tmp_path / "cache").glob("schema-check-*.marshal"))
    assert len(kept) == len({kind for kind, _ in KINDED_DOCUMENTS}), kept
    assert all(_is_code(file) for file in kept)
    # A second process reads them back: nothing is generated or compiled again.
    monkeypatch.setattr(
        "fastjsonschema.compile_to_code", lambda *_, **__: pytest.fail("generated again")
    )
    assert _verdicts(_fresh_checks(monkeypatch)) == first


def test_a_damaged_or_unwritable_cache_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_hooks.speed import code_cache

    monkeypatch.setenv(code_cache.ENVIRONMENT, "")
    assert code_cache.cache_folder() is None  # set to nothing: no cache
    expected = _verdicts(_fresh_checks(monkeypatch))
    folder = tmp_path / "cache"
    monkeypatch.setenv(code_cache.ENVIRONMENT, str(folder))
    assert _verdicts(_fresh_checks(monkeypatch)) == expected
    damaged = [b"", b"not marshal data", marshal.dumps(("a tuple", "not code"))]
    for number, file in enumerate(sorted(folder.iterdir())):
        file.write_bytes(damaged[number % 3] or file.read_bytes()[:100])
    assert _verdicts(_fresh_checks(monkeypatch)) == expected
    assert all(_is_code(file) for file in folder.iterdir())  # and written again, whole
    # A cache folder that cannot be made: a file stands where it would be.
    (tmp_path / "a-file").write_text("x")
    monkeypatch.setenv(code_cache.ENVIRONMENT, str(tmp_path / "a-file" / "cache"))
    assert _verdicts(_fresh_checks(monkeypatch)) == expected


_SCALAR_TEXTS = [
    *("yes", "No", "on", "OFF", "true", "~", "null", "", "0", "-7", "1:20", "0x1F", "0o17"),
    *("017", "0b101", "1_000", "1.5e3", "3.", ".inf", "-.Inf", ".NaN", "2026-01-23"),
    *("2026-02-30", "2026-1-2", "2026-01-23T10:00:00Z", "2026-01-23 10:00", "=", "-", "a b"),
    *('"quoted"', "'it''s'", '"2026-01-23"', "'1:20'", "[]", "{}", "[a, 1, yes]"),
    *("{a: 1, b: [x]}", "12345678901234567890123", "hello: world", "x #y", "Привет"),
]
_KEYS = st.sampled_from(["name", "aliases", "value", "1", "true", "null", "~", "'quoted'", "a b"])
_BLOCK = st.recursive(
    st.sampled_from(_SCALAR_TEXTS),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda items: ("seq", items)),
        st.lists(st.tuples(_KEYS, inner), min_size=1, max_size=3).map(lambda pairs: ("map", pairs)),
    ),
    max_leaves=8,
)


def _block_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML for a tree of scalar texts, lists and (key, value) pairs."""
    pad = " " * indent
    if isinstance(value, str):
        return f" {value}\n" if value else "\n"
    kind, items = value
    lines = "\n"
    for item in items:
        if kind == "seq":
            lines += f"{pad}-" + _block_yaml(item, indent + 2)
        else:
            key, child = item
            lines += f"{pad}{key}:" + _block_yaml(child, indent + 2)
    return lines


@pytest.mark.skipif(not fast_yaml.AVAILABLE, reason="no libyaml with a depth limit")
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=st.lists(st.tuples(_KEYS, _BLOCK), min_size=1, max_size=4))
def test_the_fast_path_makes_every_kind_of_scalar_as_the_event_reader_does(
    pairs: list[tuple[str, Any]],
) -> None:
    # Booleans, nulls and numbers in YAML 1.1's forms, dates real and impossible, quoted
    # text, flow collections, repeated and non-text keys: the fast path's own conversion
    # of the parser's tree gives the event reader's data, or leaves the brief to it.
    text = _block_yaml(("map", pairs)).lstrip("\n")
    raw = text.encode("utf-8")
    assert outcome(fast_yaml.read_brief, raw, "briefs/chips/x.yaml") == outcome(
        reader.read_brief, raw, "briefs/chips/x.yaml"
    )
