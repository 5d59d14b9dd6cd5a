"""The id `new` gives a brief, by the naming rules the contributor docs teach, and the
briefs a new one may duplicate.

A source is named after its publisher, date and subject (`reuters-2025-07-15-h20-licence`,
from "Reuters, 15 July 2025, on the H20 licence"); every other brief after its name.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path

from build_hooks.kinds import BRIEF_TYPES, KINDS

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        datetime.date(2000, number, 1).strftime("%B").lower(),
        datetime.date(2000, number, 1).strftime("%b").lower(),
    )
}
_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"(?<![A-Za-z])([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_MONTH_YEAR = re.compile(r"(?<![A-Za-z])([A-Za-z]+)\.?,?\s+(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")  # not the 5090 of "RTX 5090"
_FILLER = {"on", "the", "a", "an", "about", "of"}
_NAME_LINE = re.compile(r"^name:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_MAX = 64


def slug(text: str) -> str:
    """
    >>> slug("Ascend 910C"), slug("Huawei Technologies Co., Ltd.")
    ('ascend-910c', 'huawei-technologies-co-ltd')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:_MAX].strip("-")


def id_for(kind: str, name: str) -> str:
    """The id of a new brief of `kind` called `name` (empty if none can be made)."""
    return source_id(name) if kind == "sources" else slug(name)


def source_id(name: str) -> str:
    """`<publisher>-<date>-<subject>` from a name written `Publisher, date, on subject`.

    >>> source_id("Reuters, 15 July 2025, on the H20 licence")
    'reuters-2025-07-15-h20-licence'
    >>> source_id("The Straits Times, January 24, 2026, on Huang in Shanghai")
    'straitstimes-2026-01-24-huang-in-shanghai'
    >>> source_id("Business Standard, March 2025: state data centres")
    'businessstandard-2025-03-state-data-centres'
    >>> source_id("Reuters on the H200"), source_id("Tom's Hardware, 2025, on the RTX 5090")
    ('reuters-h200', 'tomshardware-2025-rtx-5090')
    """
    publisher, rest = _split_publisher(name)
    date, subject = _find_date(rest)
    words = [w for w in slug(subject).split("-") if w]
    while words and words[0] in _FILLER:
        words.pop(0)
    parts = [p for p in (slug(publisher).replace("-", ""), date, "-".join(words)) if p]
    return "-".join(parts)[:_MAX].strip("-")


def _split_publisher(name: str) -> tuple[str, str]:
    head, comma, tail = name.partition(",")
    if not comma:
        # "Reuters on the H200": the publisher is what comes before ' on '.
        head, on, tail = name.partition(" on ")
        if not on:
            return name, ""
    words = head.split()
    if len(words) > 1 and words[0].lower() == "the":
        head = " ".join(words[1:])  # "The Straits Times" is filed as straitstimes
    return head, tail


def _find_date(text: str) -> tuple[str, str]:
    """(YYYY-MM-DD, YYYY-MM or YYYY, or '' if none) and the text without the date."""
    for pattern in (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _MONTH_YEAR, _YEAR):
        match = pattern.search(text)
        if match is None:
            continue
        date = _date_of(pattern, match.groups())
        if date:
            return date, text[: match.start()] + " " + text[match.end() :]
    return "", text


def _date_of(pattern: re.Pattern[str], groups: tuple[str | None, ...]) -> str:
    if pattern is _ISO:
        year, month, day = groups
        return "-".join(part for part in (year, month, day) if part)
    if pattern is _YEAR:
        return str(groups[0])
    if pattern is _DAY_MONTH_YEAR:
        day, month_name, year = groups
    elif pattern is _MONTH_DAY_YEAR:
        month_name, day, year = groups
    else:
        month_name, year = groups
        day = None
    number = _MONTHS.get((month_name or "").lower())
    if number is None:
        return ""
    return f"{year}-{number:02d}" + (f"-{int(day):02d}" if day else "")


def existing(root: Path, brief_id: str, name: str) -> list[str]:
    """What already exists under the id or the name of a new brief, one line each: a
    brief of any kind with the same id (ids are unique across kinds), or one with the same
    name."""
    found: list[str] = []
    wanted = slug(name)
    for kind in BRIEF_TYPES:
        folder = root / "briefs" / kind
        if not folder.is_dir():
            continue
        singular = KINDS[kind].singular
        for path in sorted(folder.glob("*.yaml")):
            relative = path.relative_to(root).as_posix()
            if path.stem == brief_id:
                found.append(f"{relative} already has the id {brief_id!r} (a {singular})")
                continue
            match = _NAME_LINE.search(path.read_text("utf-8", errors="replace"))
            if match and wanted and slug(match.group(1).strip("'\"")) == wanted:
                found.append(f"{relative} is already called {match.group(1).strip(chr(34))}")
    return found
