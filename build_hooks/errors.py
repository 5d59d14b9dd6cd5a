"""The project's error type: every problem carries its file, position and field, and
where it can, a did-you-mean suggestion.

Pure code raises :class:`BriefError` holding one or more :class:`Problem`; the edges
translate it (``PluginError`` in the MkDocs hook, exit code 1 in the CLI).
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
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
        where = f"{printable(self.path)}:{self.line}:{self.column}"
        field = f"{printable(self.field)}: " if self.field else ""
        return f"{where}: {field}{printable(self.message)}"

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
        # JSON escapes C0 controls itself; the rest are written as \\u escapes too, which
        # keeps the values exact and the output safe to show in a terminal.
        text = json.dumps([p.as_dict() for p in ordered], ensure_ascii=False, indent=2)
        return _UNPRINTABLE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if style == "github":
        return "\n".join(_github_annotation(p) for p in ordered)
    return "\n".join(str(p) for p in ordered)


def _github_annotation(problem: Problem) -> str:
    # GitHub's workflow-command syntax needs %, CR and LF percent-encoded in the message;
    # every other invisible character is shown as an escape first, so none can reach the
    # log as a line break, a terminal control sequence or reordered text.
    text = f"{problem.field}: {problem.message}" if problem.field else problem.message
    text = printable(_percent_encoded(text))
    # Property values additionally need ':' and ',' encoded; the file's name stays the
    # name GitHub decodes, so the annotation is on the file.
    path = printable(_percent_encoded(problem.path).replace(":", "%3A").replace(",", "%2C"))
    return (
        f"::error file={path},line={problem.line},col={problem.column},title=Invalid brief::{text}"
    )


# Control (C0, DEL, C1), format (bidirectional controls, zero-width characters), line and
# paragraph separators, surrogates and noncharacters: nothing a message needs shown raw.
_INVISIBLE = (
    "\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
)
_UNPRINTABLE = re.compile(f"[\x00-\x1f{_INVISIBLE}]")


# In JSON output only the layout's line breaks are raw (json escapes C0 inside strings).
_UNPRINTABLE_IN_JSON = re.compile(f"[\x00-\x09\x0b-\x1f{_INVISIBLE}]")


def printable(text: str) -> str:
    """`text` with every character that could hide, reorder or control what a terminal or
    log shows written as an escape (a file name with a line break and '::error' in it
    stays one line of text).

    >>> printable("briefs/chips/a\\n::error x.yaml"), printable("\\x1b[31mred \\u202egpj")
    ('briefs/chips/a\\\\n::error x.yaml', '\\\\x1b[31mred \\\\u202egpj')
    """
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def _percent_encoded(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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
