"""Shared fixtures: both YAML loaders, brief trees on disk and throwaway site projects."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from build_hooks.load import reader as loader_module
from tests.helpers import FIXTURE_BRIEFS, REPO, make_project

__all__ = ["FIXTURE_BRIEFS", "REPO", "BriefTree"]

LOADERS = [pytest.param(yaml.SafeLoader, id="python-loader")]
if yaml.__with_libyaml__:
    LOADERS.insert(0, pytest.param(yaml.CSafeLoader, id="c-loader"))
# Sweeps (every hostile case, every line of every brief) run with the loader the site uses
# in `make test-quick`, and with the pure-Python fallback as well in `make test`.
SWEEP_LOADERS = [
    pytest.param(param.values[0], id=param.id, marks=[pytest.mark.slow] if index else [])
    for index, param in enumerate(LOADERS)
]


@pytest.fixture(params=LOADERS)
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Run the test once with the C loader (where present) and once with pure Python."""
    monkeypatch.setattr(loader_module, "DEFAULT_LOADER", request.param)
    return request.param


@pytest.fixture(params=SWEEP_LOADERS)
def sweep_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """As yaml_loader, for sweeps: the fallback loader's run is one of the slow tests."""
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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")
