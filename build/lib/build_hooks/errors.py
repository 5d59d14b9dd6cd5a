"""The project's error type: every problem carries its file, position and field.

Pure code raises :class:`BriefError` holding one or more :class:`Problem`; the edges
translate it (``PluginError`` in the MkDocs hook, exit code 1 in the CLI).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one brief, at a 1-based line and column."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {field}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


class BriefError(Exception):
    """Bad input: one or more problems, always reported together and sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem], style: str = "text") -> str:
    """Render problems as plain lines, GitHub annotations or a JSON list."""
    ordered = sorted(problems)
    if style == "json":
        return json.dumps([p.as_dict() for p in ordered], ensure_ascii=False, indent=2)
    if style == "github":
        return "\n".join(_github_annotation(p) for p in ordered)
    return "\n".join(str(p) for p in ordered)


def _github_annotation(problem: Problem) -> str:
    # GitHub's workflow-command syntax needs %, CR and LF percent-encoded in the message.
    text = f"{problem.field}: {problem.message}" if problem.field else problem.message
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    # Property values additionally need ':' and ',' encoded.
    path = problem.path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = path.replace(":", "%3A").replace(",", "%2C")
    return (
        f"::error file={path},line={problem.line},col={problem.column}"
        f",title=Invalid brief::{text}"
    )


def summary_line(count: int) -> str:
    return f"{count} problem{'s' if count != 1 else ''} found; fix them and run the check again."
