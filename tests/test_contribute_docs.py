"""The contributor documentation tells the truth: every error message it shows is what
the check prints for the brief shown above it, and the brief it walks through is valid."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_hooks.cli import main
from tests.conftest import REPO

WALKTHROUGH = REPO / "docs" / "contribute" / "index.md"


def fenced_blocks(markdown: str) -> list[tuple[str, str]]:
    """(language, text) of every fenced code block, in order."""
    return [
        (match.group(1), match.group(2))
        for match in re.finditer(r"^```(\w*)\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL)
    ]


def examples() -> list[tuple[str, str]]:
    """(brief YAML, expected output) for every YAML block followed by error lines."""
    blocks = fenced_blocks(WALKTHROUGH.read_text("utf-8"))
    return [
        (text, following)
        for (language, text), (next_language, following) in itertools.pairwise(blocks)
        if language == "yaml" and next_language == "text" and following.startswith("briefs/")
    ]


def run_check(tmp_path: Path, brief: str, path: str) -> tuple[int, str]:
    shutil.copytree(REPO / "briefs", tmp_path / "briefs")
    (tmp_path / "mkdocs.yml").write_text("site_name: docs example\n", "utf-8")
    (tmp_path / path).write_text(brief, "utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(tmp_path), str(tmp_path / path)])
    return result.exit_code, result.output


@pytest.mark.parametrize("index", range(len(examples())))
def test_every_error_shown_is_what_the_check_prints(tmp_path: Path, index: int) -> None:
    brief, expected = examples()[index]
    path = expected.split(":", 1)[0]
    code, output = run_check(tmp_path, brief, path)
    problems = [line for line in output.splitlines() if line.startswith("briefs/")]
    assert code == 1
    assert problems == expected.strip().splitlines()


def test_the_walkthrough_brief_is_valid_and_on_the_site() -> None:
    blocks = fenced_blocks(WALKTHROUGH.read_text("utf-8"))
    complete = next(
        text
        for language, text in blocks
        if language == "yaml" and "process:\n    - value: 6 nm" in text
    )
    assert complete == (REPO / "briefs/chips/ascend-920c.yaml").read_text("utf-8")


def test_there_are_enough_examples_to_learn_from() -> None:
    assert len(examples()) >= 4


def schema_paths(kind: str) -> set[str]:
    """Every field path of a type, read from the schemas here, independently of the code
    that writes the reference: 'specs.memory_gb', 'thresholds[].conditions[].metric'."""
    from build_hooks.validate.schemas import SchemaSet

    schemas = SchemaSet.load()

    def resolved(node: dict, document: str) -> tuple[dict, str]:
        while step := schemas.resolve_once(node, document):
            node, document = step
        return node, document

    paths: set[str] = set()

    def walk(node: dict, document: str, prefix: str) -> None:
        for key, prop in node.get("properties", {}).items():
            paths.add(prefix + key)
            target, target_document = resolved(prop, document)
            if target.get("type") == "object":
                walk(target, target_document, f"{prefix}{key}.")
            elif target.get("type") == "array" and isinstance(target.get("items"), dict):
                item, item_document = resolved(target["items"], target_document)
                if item.get("type") == "object":
                    walk(item, item_document, f"{prefix}{key}[].")

    walk(schemas.schema(kind), f"{kind}.schema.json", "")
    return paths


def test_the_brief_format_reference_documents_every_field() -> None:
    from build_hooks.kinds import BRIEF_TYPES
    from build_hooks.pipeline import build_site

    page = build_site(REPO / "briefs", REPO).pages["contribute/brief-format.md"]
    documented = set(
        re.findall(
            r"^#+ `([^`]+)`.* \{ #(topics|companies|chips|policies|sources|"
            r"sourced-value|timeline-entry)-",
            page,
            re.MULTILINE,
        )
    )
    documented = {(section, path) for path, section in documented}
    missing = []
    for kind in BRIEF_TYPES:
        for path in sorted(schema_paths(kind)):
            head, _, tail = path.rpartition("[].")
            shared = any(
                (section, tail) in documented for section in ("sourced-value", "timeline-entry")
            )
            if (kind, path) not in documented and not (
                head and (kind, head) in documented and shared and "." not in tail
            ):
                missing.append(f"{kind}: {path}")
    assert missing == []
    assert len(documented) > 80


def test_the_limits_on_the_editorial_page_are_the_limits_the_check_keeps() -> None:
    from build_hooks import limits

    text = (REPO / "docs/contribute/editorial.md").read_text("utf-8")
    section = text.split("## Limits the check keeps", 1)[1].split("\n## ", 1)[0]
    for said in (
        f"at most {limits.MAX_CITATIONS_PER_PARAGRAPH} citations",
        f"{limits.MAX_EMPHASIS_MARKERS} `*` or `_` characters",
        f"at most {limits.MAX_LIST_DEPTH} levels deep",
        f"at most {limits.MAX_CITATIONS_PER_SOURCE} times",
        f"at most {limits.MAX_BYTES // 1024} KB",
    ):
        assert said in " ".join(section.split()), said
