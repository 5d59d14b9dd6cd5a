"""What a change does to the site: the pages it adds, changes and removes, with a readable
diff of each changed page's text. `python -m build_hooks diff <git-ref>` prints it, and the
pull-request workflow writes it to the job summary.

Pages are compared as the Markdown the pipeline gives MkDocs (what a reader reads, without
the theme's HTML around it), both sides rendered by the same code: the diff shows what the
briefs' edits change, not what a code change does to every page.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import subprocess
import tarfile
from pathlib import Path

# Enough to read what changed on a page; the rest is counted, not shown (a job summary
# holds at most 1 MiB).
_MAX_DIFF_LINES = 80
_MAX_PAGES_SHOWN = 40
SNAPSHOT_PATHS = ("briefs", "docs", "mkdocs.yml")


@dataclasses.dataclass(frozen=True)
class PageChange:
    """One changed page: its address and the unified diff of its text."""

    url: str
    diff: list[str]
    added_lines: int
    removed_lines: int


@dataclasses.dataclass(frozen=True)
class SiteDiff:
    added: list[str]
    removed: list[str]
    changed: list[PageChange]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def url_of(page: str) -> str:
    """The address a Markdown page is served at (MkDocs' directory URLs).

    >>> url_of("chips/h200.md"), url_of("index.md"), url_of("contribute/index.md")
    ('/chips/h200/', '/', '/contribute/')
    """
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return f"/{stem}/" if stem else "/"


def compare(before: dict[str, str], after: dict[str, str]) -> SiteDiff:
    """The pages added, removed and changed between two renderings (page path -> text)."""
    added = sorted(url_of(p) for p in after.keys() - before.keys())
    removed = sorted(url_of(p) for p in before.keys() - after.keys())
    changed = []
    for page in sorted(before.keys() & after.keys()):
        if before[page] == after[page]:
            continue
        lines = list(
            difflib.unified_diff(
                before[page].splitlines(),
                after[page].splitlines(),
                fromfile=f"before{url_of(page)}",
                tofile=f"after{url_of(page)}",
                n=1,
                lineterm="",
            )
        )
        plus = sum(1 for line in lines[2:] if line.startswith("+"))
        minus = sum(1 for line in lines[2:] if line.startswith("-"))
        changed.append(PageChange(url_of(page), lines, plus, minus))
    return SiteDiff(added, removed, changed)


def as_text(diff: SiteDiff, ref: str) -> str:
    """For a terminal."""
    if diff.empty:
        return f"No page of the site changes compared with {ref}.\n"
    out = [_headline(diff, ref), ""]
    out += [f"added    {url}" for url in diff.added]
    out += [f"removed  {url}" for url in diff.removed]
    out += [f"changed  {c.url} (+{c.added_lines} -{c.removed_lines})" for c in diff.changed]
    for change in diff.changed[:_MAX_PAGES_SHOWN]:
        out += ["", *_clipped(change.diff)]
    out += _more_pages(diff)
    return "\n".join(out) + "\n"


def as_markdown(diff: SiteDiff, ref: str, base_url: str = "") -> str:
    """For a GitHub job summary: lists, then each page's diff folded in a <details>."""
    if diff.empty:
        return f"### Site changes\n\nNo page of the site changes compared with `{ref}`.\n"
    out = ["### Site changes", "", _headline(diff, ref), ""]
    for label, urls in (("Added", diff.added), ("Removed", diff.removed)):
        if urls:
            out += [f"**{label}:**", "", *(f"- `{url}`" for url in urls), ""]
    if diff.changed:
        out += ["**Changed:**", ""]
        out += [f"- `{c.url}` (+{c.added_lines} −{c.removed_lines})" for c in diff.changed]
        out.append("")
    for change in diff.changed[:_MAX_PAGES_SHOWN]:
        # A fence longer than any run of backticks in the text keeps the diff inside it.
        fence = "`" * max(3, _longest_backticks(change.diff) + 1)
        out += [
            f"<details><summary><code>{change.url}</code></summary>",
            "",
            f"{fence}diff",
            *_clipped(change.diff),
            fence,
            "",
            "</details>",
            "",
        ]
    out += _more_pages(diff)
    return "\n".join(out).rstrip() + "\n"


def _headline(diff: SiteDiff, ref: str) -> str:
    parts = [
        f"{len(diff.added)} added",
        f"{len(diff.changed)} changed",
        f"{len(diff.removed)} removed",
    ]
    return f"Pages compared with {ref}: {', '.join(parts)}."


def _clipped(lines: list[str]) -> list[str]:
    if len(lines) <= _MAX_DIFF_LINES:
        return lines
    return [*lines[:_MAX_DIFF_LINES], f"… {len(lines) - _MAX_DIFF_LINES} more lines of diff"]


def _more_pages(diff: SiteDiff) -> list[str]:
    hidden = len(diff.changed) - _MAX_PAGES_SHOWN
    return ["", f"… and the diffs of {hidden} more changed pages"] if hidden > 0 else []


def _longest_backticks(lines: list[str]) -> int:
    longest = 0
    for line in lines:
        run = 0
        for char in line:
            run = run + 1 if char == "`" else 0
            longest = max(longest, run)
    return longest


def snapshot(root: Path, ref: str, into: Path) -> None:
    """Write the briefs, pages and config of git revision `ref` into `into`.

    Raises ValueError (with git's own words) when `ref` is not a revision of the repository.
    """
    present = subprocess.run(
        ["git", "-C", str(root), "ls-tree", "--name-only", ref, "--", *SNAPSHOT_PATHS],
        capture_output=True,
        text=True,
        check=False,
    )
    if present.returncode != 0:
        raise ValueError(f"{ref!r} is not a git revision here: {present.stderr.strip()}")
    paths = present.stdout.split()
    if not paths:
        raise ValueError(f"{ref!r} has no briefs/, docs/ or mkdocs.yml")
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", ref, "--", *paths],
        capture_output=True,
        check=True,
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
