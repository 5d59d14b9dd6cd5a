"""Dated developments: one way to write an entry, and the pages and fragments that list
them (the site-wide timeline, newest first; the latest ones on the home page; a brief's
own, oldest first).

The site-wide timeline is split by month so that no page grows with the number of
briefs, and every entry has one stable address, which depends only on its date and its
brief: `/timeline/2026/01/#nvidia-2026-01-23` (see `Development.anchor`). `/timeline/` shows
the newest entries and links to every month; `/timeline/2026/` lists one year's months.
Everything else that shows an entry (a brief's page, the home page, the feed) links to
that address.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from build_hooks import paths
from build_hooks.graph.brief import Development
from build_hooks.graph.graph import Graph
from build_hooks.render.context import RenderContext
from build_hooks.render.front_matter import front_matter
from build_hooks.render.markdown import Safe
from build_hooks.render.page import PageContext
from build_hooks.words import count_of

NEWEST = 100  # developments on /timeline/ (all of them on a site with fewer)
# Fixed, not the calendar module's: those follow the process's locale.
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def entry_page(entry: Development) -> str:
    """The page (among the docs files) where the entry has its address."""
    return paths.timeline_month(entry.month)


def entry_href(page: PageContext, entry: Development) -> Safe:
    """A link target from `page` to the entry on its month's page."""
    return Safe(f"{page.href(entry_page(entry))}#{entry.anchor}")


def entry_line(
    page: PageContext, entry: Development, *, with_brief: bool = True, here: bool = False
) -> Safe:
    """One development as a list item: its date, its brief (unless the page is the
    brief's own), *reported* when it rests on anonymous sources, *expected* when it is
    scheduled, the text and its citations.

    The date links to the entry's place on the timeline; on that page (`here`) it carries
    the entry's anchor and links to itself, an address a reader can copy.
    """
    about = f", {page.link(entry.brief.id)}" if with_brief else ""
    flags = [
        word for word, on in (("reported", entry.reported), ("expected", entry.expected)) if on
    ]
    flag = f" (*{', '.join(flags)}*)" if flags else ""
    if here:
        anchor = entry.anchor
        date = f"[**{entry.date}**](#{anchor}){{ #{anchor} }}"
    else:
        date = f"[**{entry.date}**]({entry_href(page, entry)})"
    return Safe(
        f"- {date}{about}{flag}: {page.prose(entry.text, indent=4)}{page.cite(entry.sources)}"
    )


def months(graph: Graph) -> dict[str, list[Development]]:
    """Every month with developments (YYYY-MM), newest first, each month's entries newest
    first."""
    found: dict[str, list[Development]] = {}
    for entry in graph.timeline():
        found.setdefault(entry.date[:7], []).append(entry)
    return found


def month_name(month: str) -> str:
    """
    >>> month_name("2026-01")
    'January 2026'
    """
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


class TimelinePages:
    """`/timeline/`, one page per month with developments and one per year."""

    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.graph = context.graph
        self.months = months(context.graph)
        self.years: dict[str, list[str]] = {}
        for month in self.months:
            self.years.setdefault(month[:4], []).append(month)

    def writers(self) -> dict[str, Callable[[], str]]:
        """Each page's path, and what writes it."""
        writers: dict[str, Callable[[], str]] = {paths.TIMELINE: self.newest_page}
        for year in self.years:
            writers[paths.timeline_year(year)] = functools.partial(self.year_page, year)
        for month in self.months:
            writers[paths.timeline_month(month)] = functools.partial(self.month_page, month)
        return writers

    def newest_page(self) -> str:
        page = PageContext(self.graph, paths.TIMELINE)
        entries = self.graph.timeline()
        shown = entries[:NEWEST]
        years: dict[str, list[Any]] = {}
        for entry in shown:
            years.setdefault(entry.date[:4], []).append(entry)
        # Every entry is also on its brief's page, which is where search should lead.
        return front_matter(search_exclude=True) + self._render(
            "timeline.md.j2",
            page,
            years=years,
            shown=len(shown),
            total=len(entries),
            archive=self._archive(page),
        )

    def year_page(self, year: str) -> str:
        page = PageContext(self.graph, paths.timeline_year(year))
        ordered = list(self.years)  # newest first
        position = ordered.index(year)
        count = sum(len(self.months[month]) for month in self.years[year])
        description = f"{count_of(count, 'dated development')} in {year}, month by month."
        return front_matter(
            title=f"Timeline: {year}", description=description, search_exclude=True
        ) + self._render(
            "timeline_year.md.j2",
            page,
            year=year,
            months=[
                (month_name(month), page.href(paths.timeline_month(month)), len(self.months[month]))
                for month in self.years[year]
            ],
            newer=self._neighbour(page, ordered, position - 1, paths.timeline_year),
            older=self._neighbour(page, ordered, position + 1, paths.timeline_year),
            timeline_href=page.href(paths.TIMELINE),
        )

    def month_page(self, month: str) -> str:
        page = PageContext(self.graph, paths.timeline_month(month))
        ordered = list(self.months)  # newest first
        position = ordered.index(month)
        count = len(self.months[month])
        return front_matter(
            title=f"Timeline: {month_name(month)}",
            description=f"{count_of(count, 'dated development')} in {month_name(month)},"
            " each with its brief and its sources.",
            search_exclude=True,
        ) + self._render(
            "timeline_month.md.j2",
            page,
            name=month_name(month),
            entries=self.months[month],
            newer=self._neighbour(page, ordered, position - 1, paths.timeline_month, month_name),
            older=self._neighbour(page, ordered, position + 1, paths.timeline_month, month_name),
            timeline_href=page.href(paths.TIMELINE),
            year=month[:4],
            year_href=page.href(paths.timeline_year(month[:4])),
        )

    def _archive(self, page: PageContext) -> list[tuple[str, Safe, list[tuple[str, Safe, int]]]]:
        """Every year (newest first) with its months (oldest first, as a calendar reads)."""
        return [
            (
                year,
                page.href(paths.timeline_year(year)),
                [
                    (
                        MONTHS[int(month[5:]) - 1][:3],
                        page.href(paths.timeline_month(month)),
                        len(self.months[month]),
                    )
                    for month in reversed(months_of_year)
                ],
            )
            for year, months_of_year in self.years.items()
        ]

    @staticmethod
    def _neighbour(
        page: PageContext,
        ordered: list[str],
        position: int,
        path: Callable[[str], str],
        name: Callable[[str], str] = str,
    ) -> tuple[str, Safe] | None:
        if not 0 <= position < len(ordered):
            return None
        return name(ordered[position]), page.href(path(ordered[position]))

    def _render(self, template: str, page: PageContext, **values: Any) -> str:
        return self.context.env.get_template(template).render(
            page=page, entry_line=entry_line, **values
        )
