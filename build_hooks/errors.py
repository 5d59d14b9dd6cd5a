"""The project's error type: every problem carries its file, position and field, and
where it can, a did-you-mean suggestion.

Pure code raises :class:`BriefError` holding one or more :class:`Problem`; the edges
translate it (``PluginError`` in the MkDocs hook, exit code 1 in the CLI).
"""

from __future__ import annotations

import dataclasses
import difflib
import json
from collections.abc import Iterable

from build_hooks.words import count_of


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
        f"::error file={path},line={problem.line},col={problem.column},title=Invalid brief::{text}"
    )


def summary_line(count: int) -> str:
    return f"{count_of(count, 'problem')} found; fix them and run the check again."


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, if one is close enough to be a plausible typo.

    >>> closest("nvidai", ["nvidia", "amd", "huawei"])
    'nvidia'
    >>> closest("anadolu", ["anadolu-2026-01-23-h200", "reuters-2026-01-28"])
    'anadolu-2026-01-23-h200'
    >>> closest("cn", ["CN", "US"])
    'CN'
    >>> closest("zzz", ["nvidia"]) is None
    True
    """
    pool = sorted(set(candidates))
    same = [candidate for candidate in pool if candidate.casefold() == word.casefold()]
    if same:
        return same[0]
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    # Long ids are often typed by their first words only ('anadolu' for 'anadolu-2026-...').
    prefixed = [candidate for candidate in pool if word and candidate.startswith(word)]
    return prefixed[0] if len(prefixed) == 1 else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """'; did you mean 'x'?' when a suggestion exists, else an empty string."""
    match = closest(word, candidates)
    return f"; did you mean {match!r}?" if match else ""
