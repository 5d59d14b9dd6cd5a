"""The hostile-input suite: cases on disk under tests/hostile/<category>/<case>/.

Each case folder holds the brief files of the case, laid out as under briefs/
(`chips/x.yaml`), a `case.json` saying what the case is, and an `expected.json` with the
outcome of `python -m build_hooks check --format json`: the exit code and every problem
(path, line, column, field, message), exactly. A case runs on top of the small fixture
brief set in tests/fixtures/briefs, so that its references have something to point to.

`case.json` may also hold:
- "generate": files too big or too repetitive to keep on disk, written as
  head + repeat * count + tail (or head + count nested "lines" for block nesting);
- "subprocess": true for input that can crash the interpreter (very deep nesting), which
  then runs in a child process;
- "values": for a case that must load, field values the loaded brief must have.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from build_hooks import brief_checks

REPO = Path(__file__).resolve().parent.parent
SUITE = REPO / "tests" / "hostile"
FIXTURE_BRIEFS = REPO / "tests" / "fixtures" / "briefs"
_META = {"case.json", "expected.json"}


@dataclass(frozen=True)
class Case:
    folder: Path
    meta: dict[str, Any]

    @property
    def name(self) -> str:
        return self.folder.relative_to(SUITE).as_posix()

    @property
    def expected_file(self) -> Path:
        return self.folder / "expected.json"

    def expected(self) -> dict[str, Any]:
        return json.loads(self.expected_file.read_text("utf-8"))

    def brief_files(self) -> list[Path]:
        return sorted(p for p in self.folder.rglob("*") if p.is_file() and p.name not in _META)

    def install(self, root: Path) -> None:
        """Write the fixture briefs and this case's files into root/briefs/."""
        briefs = root / "briefs"
        shutil.copytree(FIXTURE_BRIEFS, briefs)
        # The site's own settings: `check` converts every page as the site would.
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        for file in self.brief_files():
            target = briefs / file.relative_to(self.folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.read_bytes())
        for relative, spec in self.meta.get("generate", {}).items():
            target = briefs / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if "lines" in spec:
                body = "".join(
                    "  " * (level + 1) + spec["lines"] + "\n" for level in range(spec["count"])
                )
                text = spec["head"] + body + spec.get("tail", "")
            else:
                text = spec["head"] + spec["repeat"] * spec["count"] + spec.get("tail", "")
            target.write_bytes(text.encode("utf-8"))


def all_cases() -> list[Case]:
    return [
        Case(meta_file.parent, json.loads(meta_file.read_text("utf-8")))
        for meta_file in sorted(SUITE.glob("*/*/case.json"))
    ]


# Runs the command line with a chosen YAML loader; used for cases that may crash a process.
_CHILD = """
import datetime, sys, yaml
from build_hooks import brief_checks
from build_hooks.load import reader as loader
loader.DEFAULT_LOADER = getattr(yaml, sys.argv[1])
day = datetime.date.fromisoformat(sys.argv[3])
brief_checks.clock_today = lambda: day
from build_hooks.cli import main
sys.argv = ["build_hooks", "check", "--format", "json", "--root", sys.argv[2]]
main()
"""


# The day the cases are checked on: messages about dates after today name it, so it is
# fixed rather than taken from the clock or the last commit (the clock's day for the
# check, SOURCE_DATE_EPOCH for the pages).
CASE_DAY = datetime.date(2026, 12, 1)
CASE_TODAY = "1796083200"  # the same day, as SOURCE_DATE_EPOCH


def run_check(case: Case, root: Path, loader_name: str) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and problems of `check --format json` on the installed case."""
    if case.meta.get("subprocess"):
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, loader_name, str(root), CASE_DAY.isoformat()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=REPO,
            env={**os.environ, "SOURCE_DATE_EPOCH": CASE_TODAY},
        )
        assert result.returncode in (0, 1), (result.returncode, result.stderr[-2000:])
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        return result.returncode, json.loads(result.stdout or "[]")
    from click.testing import CliRunner

    from build_hooks.cli import main

    with mock.patch.object(brief_checks, "clock_today", lambda: CASE_DAY):
        result = CliRunner().invoke(
            main,
            ["check", "--format", "json", "--root", str(root)],
            env={"SOURCE_DATE_EPOCH": CASE_TODAY},
        )
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, json.loads(result.stdout or "[]")


def injection_site(target: Path, canary: str) -> Path:
    """A complete site project whose briefs are the fixture set plus every injection case,
    with a canary file beside them: its text must never reach the built site."""
    from tests.helpers import make_project

    briefs = target / "all-briefs"
    shutil.copytree(FIXTURE_BRIEFS, briefs)
    for case in all_cases():
        # A case the check refuses never reaches a site (test_hostile.py pins the refusal);
        # the rest must build and stay inert.
        if case.folder.parent.name != "injection" or case.expected()["exit_code"] != 0:
            continue
        for file in case.brief_files():
            destination = briefs / file.relative_to(case.folder)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(file.read_bytes())
    # One more brief tries to pull the canary in, by every include syntax there is (an
    # image, ![canary](../canary.txt), is a Markdown link, which the check refuses).
    (briefs / "companies" / "includes.yaml").write_text(
        "name: Includes\n"
        "summary: |\n"
        "  Includes follow.[^press-release]\n\n"
        '  --8<-- "canary.txt"\n  (cited: [^press-release])\n\n'
        '  --8<-- "../canary.txt"\n  (cited: [^press-release])\n\n'
        '  <!--#include file="canary.txt" -->\n  (cited: [^press-release])\n\n'
        '  {% include "canary.txt" %}\n  (cited: [^press-release])\n'
        "as_of: 2026-01-28\ncountry: US\n",
        encoding="utf-8",
    )
    project = make_project(target / "project", briefs)
    # Not in docs/: MkDocs rightly publishes whatever is there.
    for place in (project, target):
        (place / "canary.txt").write_text(canary + "\n", encoding="utf-8")
    return project
