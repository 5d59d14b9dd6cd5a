"""Shared fixtures: both YAML loaders, brief trees on disk and throwaway site projects."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from build_hooks.load import reader as loader_module

REPO = Path(__file__).resolve().parent.parent
FIXTURE_BRIEFS = REPO / "tests" / "fixtures" / "briefs"

LOADERS = [pytest.param(yaml.SafeLoader, id="python-loader")]
if yaml.__with_libyaml__:
    LOADERS.insert(0, pytest.param(yaml.CSafeLoader, id="c-loader"))


@pytest.fixture(params=LOADERS)
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Run the test once with the C loader (where present) and once with pure Python."""
    monkeypatch.setattr(loader_module, "DEFAULT_LOADER", request.param)
    return request.param


BriefTree = Callable[[dict[str, str]], Path]


@pytest.fixture
def brief_tree(tmp_path: Path) -> BriefTree:
    """Write {"chips/x.yaml": "..."} under tmp_path/briefs/ (dedented) and return tmp_path."""

    def write(files: dict[str, str]) -> Path:
        for relative, text in files.items():
            target = tmp_path / "briefs" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return tmp_path

    return write


@pytest.fixture
def fixture_tree(tmp_path: Path) -> Path:
    """A copy of the small fixture brief set, to modify in a test."""
    shutil.copytree(FIXTURE_BRIEFS, tmp_path / "briefs")
    return tmp_path


def make_project(target: Path, briefs: Path = FIXTURE_BRIEFS) -> Path:
    """A complete site project: the repository's config and docs with the given briefs."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    shutil.copytree(REPO / "overrides", target / "overrides")
    if briefs != REPO / "briefs":
        # Hand-written pages that link to real briefs are replaced by the fixture's own.
        shutil.copytree(REPO / "tests/fixtures/docs", target / "docs", dirs_exist_ok=True)
    shutil.copytree(briefs, target / "briefs")
    (target / "build_hooks").symlink_to(REPO / "build_hooks", target_is_directory=True)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def build_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1769212800"}
    env.update(extra)
    return env
