"""Text that was meant as a link but is not one: a mention with one bracket short
(`[[amd]`, `[amd]]`), a Markdown link (`[AMD](https://…)`), a citation without its caret
(`[source-id]`). Rendering shows each as written, so they would pass silently; each is
reported where it is written, with the form that works.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_hooks.errors import Problem
from build_hooks.graph.brief import Brief
from build_hooks.load.positions import FieldPath

# Each pattern starts at a '[' and stops at the next bracket: linear in the text. Each
# starts with the '[' itself, the look back at the character before it coming second
# (`\[(?<!\[\[)` is a '[' not after another): a pattern that starts with a literal
# character is searched for that character first, ten times as fast as trying the look
# back at every position.
_OPENED_TWICE = re.compile(r"\[\[(?!\^)([^\[\]\n]*)\](?!\])")
_CLOSED_TWICE = re.compile(r"\[(?<!\[\[)([^\[\]\n^]*)\]\]")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)")
_BARE_ID = re.compile(r"\[(?<![\[^]\[)([a-z0-9]+(?:-[a-z0-9]+)*)\](?![\](])")


def near_misses(
    brief: Brief, path: FieldPath, text: str, by_id: dict[str, Brief]
) -> Iterator[Problem]:
    """A problem for each near-miss link in the Markdown field at `path` of `brief`."""
    found: list[tuple[int, str, str]] = []
    for match in _OPENED_TWICE.finditer(text):
        target = _target(match.group(1))
        found.append(
            (
                match.start(),
                match.group(0),
                f"{match.group(0)!r} opens a mention with '[[' but closes it with one ']',"
                f" so it shows as written; write [[{target}]]",
            )
        )
    for match in _CLOSED_TWICE.finditer(text):
        target = _target(match.group(1))
        found.append(
            (
                match.start(),
                match.group(0),
                f"{match.group(0)!r} closes a mention with ']]' but opens it with one '[',"
                f" so it shows as written; write [[{target}]]",
            )
        )
    for match in _MARKDOWN_LINK.finditer(text):
        label = match.group(1).strip()
        target = _slug(label)
        mention = f"[[{target}|{label}]]" if target in by_id else f"[[id|{label}]]"
        found.append(
            (
                match.start(),
                match.group(0),
                f"{_short(match.group(0))!r} is a Markdown link, which briefs do not use (it"
                f" shows as written); to link to a brief write {mention}, and to point to a"
                " web page add a source brief for it and cite it with [^source-id]",
            )
        )
    for match in _BARE_ID.finditer(text):
        target = match.group(1)
        other = by_id.get(target)
        if other is None:
            continue  # '[sic]', '[1]': text in brackets, not a link
        if other.kind == "sources":
            message = (
                f"{match.group(0)!r} names the source {target!r} without the caret of a"
                f" citation, so it shows as written; to cite it write [^{target}]"
            )
        else:
            message = (
                f"{match.group(0)!r} names the brief {target!r} with one pair of brackets,"
                f" so it shows as written; to mention it write [[{target}]]"
            )
        found.append((match.start(), match.group(0), message))
    for start, needle, message in sorted(found):
        yield brief.doc.problem_in_text(path, needle, _occurrence(text, needle, start), message)


def _occurrence(text: str, needle: str, start: int) -> int:
    """How many times `needle` occurs (overlaps counted) before offset `start`: '[nvidia]'
    also occurs inside an earlier '[[nvidia]'."""
    count = 0
    offset = text.find(needle)
    while 0 <= offset < start:
        count += 1
        offset = text.find(needle, offset + 1)
    return count


def _target(inside: str) -> str:
    """The id part of a mention's inside ('amd|AMD' -> 'amd')."""
    return inside.split("|", 1)[0].strip()


def _slug(label: str) -> str:
    return "-".join(part for part in re.split(r"[^a-z0-9]+", label.lower()) if part)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"
