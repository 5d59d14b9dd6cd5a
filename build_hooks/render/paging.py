"""Lists split over pages: how many pages, and the line of links between them."""

from __future__ import annotations

from collections.abc import Callable

from build_hooks.render.markdown import Safe


def page_count(rows: int, per_page: int) -> int:
    """How many pages a list of `rows` takes (one, even when empty).

    >>> page_count(0, 200), page_count(200, 200), page_count(201, 200)
    (1, 1, 2)
    """
    return max(1, -(-rows // per_page))


def pager(number: int, pages: int, href: Callable[[int], str]) -> Safe:
    """Links to the other pages of a list (`href(n)` links to page n): the first and
    last, and the three on each side of this one (a line of bounded length, however many
    pages there are)."""
    if pages == 1:
        return Safe("")
    shown = sorted({1, pages, *range(max(1, number - 3), min(pages, number + 3) + 1)})
    parts: list[str] = []
    for previous, current in zip([0, *shown], shown, strict=False):
        if current - previous > 1:
            parts.append("…")
        link = href(current)
        parts.append(f"**{current}**" if current == number else f"[{current}]({link})")
    around = []
    if number > 1:
        around.append(f"[← previous]({href(number - 1)})")
    if number < pages:
        around.append(f"[next →]({href(number + 1)})")
    return Safe(f"Page {number} of {pages}: " + " ".join(parts) + " · " + " · ".join(around))
