"""Find every brief file under briefs/, and say what is wrong with a misplaced or misnamed one."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from build_hooks import paths
from build_hooks.errors import Problem, did_you_mean
from build_hooks.kinds import BRIEF_TYPES, GLOSSARY, GLOSSARY_FILE
from build_hooks.limits import MAX_ID_LENGTH

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_IGNORED = {"README.md", ".gitkeep"}


# Windows cannot create files with these names, so a clone there would lose the brief.
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(10)),
    *(f"lpt{n}" for n in range(10)),
}


def id_problem(stem: str) -> str | None:
    """Why `stem` is not a valid brief id, or None if it is one.

    >>> id_problem("Ascend 910B").split("; ")[1]
    "rename the file to 'ascend-910b.yaml'"
    >>> id_problem("Acmé").split("; ")[1]
    "rename the file to 'acme.yaml'"
    >>> id_problem("con").split(";")[0]
    'is a reserved device name on Windows, where the file could not be checked out'
    """
    if len(stem) > MAX_ID_LENGTH:
        return f"is {len(stem)} characters long; an id has at most {MAX_ID_LENGTH}"
    if not ID_PATTERN.fullmatch(stem):
        # Accents and full-width letters fold to ASCII ('Acmé' -> 'acme').
        folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
        suggestion = re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", folded.lower())).strip("-")
        hint = f"; rename the file to '{suggestion}.yaml'" if suggestion else ""
        return f"is not a valid id: use lowercase letters a-z, digits and single hyphens{hint}"
    if stem in paths.RESERVED_IDS:
        return (
            f"is the name of a page the site makes in every type's folder (the {stem}"
            f" page); rename the file, for example to '{stem}-1.yaml'"
        )
    if stem in _RESERVED:
        return (
            "is a reserved device name on Windows, where the file could not be checked"
            f" out; rename the file to '{stem}-1.yaml' or similar"
        )
    return None


class BriefFile(NamedTuple):
    """A file that should hold a brief: its kind, its id and where it is."""

    kind: str
    id: str
    file: Path
    path: str
    """The file's path as messages name it (relative to the project)."""


def discover(briefs_dir: Path, root: Path) -> tuple[list[BriefFile], list[Problem]]:
    """Every brief file, sorted, and problems with misplaced or misnamed files.

    The glossary (`briefs/glossary.yaml`) is not among them: `glossary_file` finds it."""
    found: list[BriefFile] = []
    problems: list[Problem] = []

    def report(path: Path, message: str) -> None:
        problems.append(Problem(relative(path, root), 1, 1, "", message))

    folder = relative(briefs_dir, root)  # once: resolving paths per file is slow at scale
    if not briefs_dir.is_dir():
        report(briefs_dir, "the briefs folder does not exist")
        return found, problems
    for entry in sorted(briefs_dir.iterdir()):
        if entry.name.startswith(".") or entry.name in _IGNORED:
            continue
        if entry.name == GLOSSARY_FILE:
            if entry.is_symlink() or not entry.is_file():
                report(entry, "the glossary must be a plain file (not a folder or a symlink)")
            continue  # read by `glossary_file`
        if not entry.is_dir() or entry.name not in BRIEF_TYPES:
            report(
                entry,
                f"unexpected {'folder' if entry.is_dir() else 'file'} in briefs/;"
                f" briefs live in briefs/<type>/ where <type> is one of"
                f" {', '.join(BRIEF_TYPES)}, and the glossary in briefs/{GLOSSARY_FILE}"
                f"{did_you_mean(entry.name, [*BRIEF_TYPES, GLOSSARY_FILE])}",
            )
            continue
        with os.scandir(entry) as listing:  # file types come with the listing: no stat each
            children = sorted(listing, key=lambda child: child.name)
        for child in children:
            file = entry / child.name
            if file.name.startswith(".") and file.suffix in (".yaml", ".yml"):
                report(
                    file,
                    "a hidden file is not read as a brief; remove the leading '.' from its name",
                )
                continue
            if file.name.startswith(".") or file.name in _IGNORED:
                continue
            if child.is_symlink() or not child.is_file(follow_symlinks=False):
                report(file, "only plain .yaml files belong here (no folders or symlinks)")
            elif file.suffix != ".yaml":
                report(
                    file,
                    "a brief file name ends in .yaml"
                    + ("; rename .yml to .yaml" if file.suffix == ".yml" else ""),
                )
            elif (reason := id_problem(file.stem)) is not None:
                report(file, f"the file name {file.stem!r} {reason}")
            else:
                found.append(
                    BriefFile(entry.name, file.stem, file, f"{folder}/{entry.name}/{file.name}")
                )
    return found, problems


def glossary_file(briefs_dir: Path, root: Path) -> BriefFile | None:
    """The glossary's file, if the project has one: checked like a brief of its own kind."""
    file = briefs_dir / GLOSSARY_FILE
    if not file.is_file() or file.is_symlink():
        return None
    return BriefFile(GLOSSARY, GLOSSARY, file, f"{relative(briefs_dir, root)}/{GLOSSARY_FILE}")


def relative(path: Path, root: Path) -> str:
    """`path` as the project names it: relative to `root` where it is inside, with '/'."""
    for candidate, base in ((path, root), (path.absolute(), root.absolute())):
        if candidate.is_relative_to(base):
            return candidate.relative_to(base).as_posix()
    return path.as_posix()
