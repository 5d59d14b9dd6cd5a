"""The preview's engine after an edit looks again at exactly the pages that read what the
edit changed (and the edited brief's own page), and no others: on a big site, every
page looked at for nothing is time the contributor waits. Driven without MkDocs (the
pages are written and marked built as the server would convert them)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from build_hooks.graph.glossary import Glossary
from build_hooks.options import options_from_config, read_config_file
from build_hooks.preview import briefs as briefs_module
from build_hooks.preview.changes import changes
from build_hooks.preview.engine import PreviewEngine
from build_hooks.preview.tracking import GLOSSARY, TrackedGraph
from build_hooks.preview_plan import PreviewPlan, preview_plan
from build_hooks.render.templates import make_environment
from build_hooks.validate.schemas import SchemaSet
from tests.helpers import BUILD_DATE, make_project


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PreviewEngine[PreviewPlan]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
    root = make_project(tmp_path / "project")
    assert not list((root / "briefs").glob("glossary.*")), "these tests need no glossary"
    schemas = SchemaSet.load()
    options = options_from_config(read_config_file(root / "mkdocs.yml"), root)
    make_plan = functools.partial(
        preview_plan, schemas=schemas, options=options, environment=make_environment()
    )
    engine = PreviewEngine(root, make_plan, schemas)
    assert engine.load() is not None, engine.problems
    looked_at(engine)  # as the whole build that follows the load converts every page
    return engine


def looked_at(engine: PreviewEngine[PreviewPlan]) -> list[str]:
    """Every waiting page, in the order the engine gives them, each served afterwards."""
    pages = []
    while (src_uri := engine.next_page()) is not None:
        pages.append(src_uri)
        engine.page(src_uri)
        engine.built(src_uri)
    return pages


def edit(engine: PreviewEngine[PreviewPlan], relative: str, old: str, new: str) -> None:
    path = engine.root / relative
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_summary_edit_looks_again_only_at_the_pages_that_read_it(
    engine: PreviewEngine[PreviewPlan],
) -> None:
    before = engine.graph
    every_page = set(engine.plan.page_paths)
    shown_before = {src: engine.pages.markdown(src) for src in every_page}
    edit(engine, "briefs/chips/x100.yaml", "A data-centre accelerator", "A cooled accelerator")
    assert engine.update([engine.root / "briefs/chips/x100.yaml"]) is not None
    assert before is not None and engine.graph is not None
    changed = changes(before, engine.graph)
    # A project without a glossary has an empty one; it is the same between edits.
    assert GLOSSARY not in changed.keys
    pages = looked_at(engine)
    assert pages[0] == "chips/x100.md", "the edited brief's own page comes first"
    showing = {src for src in every_page if engine.pages.markdown(src) != shown_before[src]}
    assert "chips/x100.md" in showing
    assert showing <= set(pages), "a page showing the summary was not looked at again"
    reading = {src for src in every_page if "A cooled accelerator" in engine.pages.markdown(src)}
    assert set(pages) <= reading | {"chips/x100.md"} | showing, (
        "pages that do not show the summary were looked at again"
    )
    assert len(pages) < len(every_page) // 2


def test_pages_wait_edited_first_then_smallest_and_a_new_wait_reorders(
    engine: PreviewEngine[PreviewPlan],
) -> None:
    pages = engine.pages
    sizes = {src: len(pages.markdown(src)) for src in engine.plan.page_paths}
    later = next(src for src in pages.hand_written if src != "index.md")
    pages.forget_built()  # every page waits
    pages.hand_written_edited(["index.md"])
    first = pages.next_page()
    assert first == "index.md"
    pages.built(first)
    order = []
    while (src := pages.next_page()) is not None:
        order.append(src)
        pages.built(src)
        if len(order) == 3:
            pages.hand_written_edited([later])  # edited meanwhile: it comes next
            assert pages.next_page() == later
    generated = [src for src in order if src in sizes]
    assert order[3] == later
    assert [sizes[src] for src in generated] == sorted(sizes[src] for src in generated)


def test_an_empty_glossary_is_kept_as_given() -> None:
    empty = Glossary([])
    graph = TrackedGraph({}, {}, {}, {}, {}, empty)
    assert graph.glossary is empty


def test_a_save_to_a_known_file_lists_no_folder_and_any_other_change_does(
    engine: PreviewEngine[PreviewPlan], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed: list[Path] = []
    real = briefs_module.discover

    def discover(briefs_dir: Path, root: Path) -> Any:
        listed.append(briefs_dir)
        return real(briefs_dir, root)

    monkeypatch.setattr(briefs_module, "discover", discover)
    chip = engine.root / "briefs/chips/x100.yaml"
    edit(engine, "briefs/chips/x100.yaml", "A data-centre accelerator", "An accelerator")
    assert engine.update([chip]) is not None
    assert listed == [], "an edit in place listed every brief file again"
    # A file that appears, goes or stops being a plain file is found by listing.
    text = chip.read_text("utf-8")
    copy = engine.root / "x100-copy.yaml"
    copy.write_text(text, "utf-8")
    chip.unlink()
    chip.symlink_to(copy)
    assert engine.update([chip]) is None
    assert listed, "a file turned into a symlink was not listed"
    first = engine.problems[0]
    assert (first.path, first.message) == (
        "briefs/chips/x100.yaml",
        "only plain .yaml files belong here (no folders or symlinks)",
    )
    chip.unlink()
    chip.write_text(text, "utf-8")
    assert engine.update([chip]) is not None, engine.problems
    new = engine.root / "briefs/chips/x200.yaml"
    new.write_text(text.replace("name: X100", "name: X200"), "utf-8")
    listed.clear()
    assert engine.update([new]) is not None, engine.problems
    assert listed and "chips/x200.md" in engine.plan.page_paths
