"""The developer loop's own checks: ruff (lint and format) and mypy are clean, and the
mutation script (`make mutations`) still edits code that exists. Settings are in
pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import mutation_check
from tests.conftest import REPO

CODE = ["build_hooks", "tests", "benchmarks"]


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed; run `make test`, which installs it"
    return found


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_finds_nothing(command: list[str]) -> None:
    result = subprocess.run(
        [tool("ruff"), *command, *CODE], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = subprocess.run(
        [tool("mypy")], cwd=REPO, capture_output=True, text=True, check=False, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_mutation_edits_code_that_exists() -> None:
    # A mutation whose fragment moved would leave its protection untested; the script
    # refuses to run then (exit 2), and this says so at once rather than in `make mutations`.
    assert mutation_check.missing_fragments() == []


def test_every_mutation_names_tests_that_exist() -> None:
    named = {test.split("::")[0] for *_, tests in mutation_check.MUTATIONS for test in tests}
    assert [name for name in sorted(named) if not (REPO / name).exists()] == []
