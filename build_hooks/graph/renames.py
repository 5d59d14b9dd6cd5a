"""A renamed brief file: every reference to its old id breaks at once. Reported once, at
the renamed file, rather than once for every reference (they all have the same cause).

A file is taken for the renamed one when references to one missing id break in several
places, no brief refers to the file, and its old id can be read
from it: its name or an alias spells the old id (`H20` for `h20`), or one id holds the
other between hyphens (`nvidia-h20` for `h20`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_hooks.errors import Problem
from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Link

_SHOWN = 3  # the places listed in the message; the count says how many there are


def renamed_files(
    missing: dict[str, list[tuple[Problem, tuple[str, ...]]]],
    by_id: dict[str, Brief],
    links: list[Link],
) -> Iterator[Problem]:
    """One problem per renamed file for the references to its old id; the problems of
    references to ids no file explains, as they are. Each problem comes with the kinds of
    brief its reference may name: the renamed file must be one that every one accepts."""
    if not missing:
        return
    referenced = {link.target for link in links}
    # Indexed by every id each unreferenced file may have had: linear in the briefs.
    former: dict[str, set[str]] = {}
    for brief_id, brief in by_id.items():
        if brief_id not in referenced:
            for old_id in _former_ids(brief):
                former.setdefault(old_id, set()).add(brief_id)
    for old_id, found_with_kinds in sorted(missing.items()):
        problems = [problem for problem, _ in found_with_kinds]
        kinds = set.intersection(*(set(k) for _, k in found_with_kinds))
        found = set(former.get(old_id, ()))
        found.update(i for i in _hyphen_parts(old_id) if i in by_id and i not in referenced)
        candidates = [by_id[i] for i in sorted(found) if by_id[i].kind in kinds]
        if len(candidates) != 1 or len(problems) < 2:
            # Nothing, or more than one file, explains them; and one broken reference is
            # more likely a typo, which its own 'did you mean' answers.
            yield from problems
            continue
        yield _renamed(candidates[0], old_id, sorted(problems))


def _renamed(brief: Brief, old_id: str, problems: list[Problem]) -> Problem:
    files = len({p.path for p in problems})
    places = ", ".join(f"{p.path}:{p.line}:{p.column}" for p in problems[:_SHOWN])
    more = f" and {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else ""
    refs = "reference" if len(problems) == 1 else "references"
    in_files = "1 brief" if files == 1 else f"{files} briefs"
    return Problem(
        brief.path,
        1,
        1,
        "",
        (
            f"{len(problems)} {refs} in {in_files} name {old_id!r}, which no file has, and"
            f" none names this file's id {brief.id!r} ({places}{more}); if this file was"
            f" renamed from {old_id}.yaml, rename it back; to keep the new name, change"
            f" those references to {brief.id!r}"
        ),
    )


def _former_ids(brief: Brief) -> set[str]:
    """The ids a file may have had: runs of its id's words, its name's and aliases' slugs."""
    aliases = brief.data.get("aliases")
    names = [brief.name, *(aliases if isinstance(aliases, list) else [])]
    return _hyphen_parts(brief.id) | {_slug(n) for n in names if isinstance(n, str)}


def _hyphen_parts(identifier: str) -> set[str]:
    """Every run of whole hyphen-separated words of an id ('a-b-c' -> 'a', 'a-b', 'b-c', …)."""
    words = identifier.split("-")
    return {
        "-".join(words[start:end])
        for start in range(len(words))
        for end in range(start + 1, len(words) + 1)
    }


def _slug(name: str) -> str:
    return "-".join(part for part in re.split(r"[^a-z0-9]+", name.lower()) if part)
