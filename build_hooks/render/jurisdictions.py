"""The policies of each jurisdiction: an index of jurisdictions and a page for each."""

from __future__ import annotations

import functools
from collections.abc import Callable

from build_hooks import paths
from build_hooks.graph.brief import Brief
from build_hooks.render.context import RenderContext
from build_hooks.render.front_matter import front_matter
from build_hooks.render.markdown import Safe, escape_text
from build_hooks.render.page import PageContext
from build_hooks.render.paging import page_count, pager
from build_hooks.render.values import humanise, table


def jurisdiction_name(context: RenderContext, code: str) -> str:
    return context.field("policies", "jurisdiction").names.get(code, code)


def jurisdiction_link(context: RenderContext, page: PageContext, code: str) -> Safe:
    text = escape_text(f"{jurisdiction_name(context, code)} ({code})")
    return Safe(f"[{text}]({page.href(paths.jurisdiction_page(code))})")


ROWS_PER_PAGE = 200
"""Policies on each page of a jurisdiction's list, as the kinds' indexes have rows."""


class JurisdictionPages:
    """The jurisdictions index and one page per jurisdiction that has policies."""

    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.graph = context.graph
        self._policies: dict[str, list[Brief]] = {}

    def codes(self) -> list[str]:
        return sorted(
            {
                str(p.data["jurisdiction"])
                for p in self.graph.kinds["policies"]
                if p.data.get("jurisdiction")
            }
        )

    def writers(self) -> dict[str, Callable[[], str]]:
        writers: dict[str, Callable[[], str]] = {paths.JURISDICTIONS: self.index_page}
        for code in self.codes():
            pages = page_count(len(self.policies(code)), ROWS_PER_PAGE)
            for number in range(1, pages + 1):
                writers[paths.jurisdiction_page(code, number)] = functools.partial(
                    self.jurisdiction_page, code, number
                )
        return writers

    def policies(self, code: str) -> list[Brief]:
        """A jurisdiction's policies, oldest first (sorted once for all of its pages)."""
        if code not in self._policies:
            self._policies[code] = sorted(
                (p for p in self.graph.kinds["policies"] if p.data.get("jurisdiction") == code),
                key=lambda p: (p.date, p.id),
            )
        return self._policies[code]

    def index_page(self) -> str:
        page = PageContext(self.graph, paths.JURISDICTIONS)
        rows = [
            [
                jurisdiction_link(self.context, page, code),
                Safe(
                    str(
                        sum(
                            p.data.get("jurisdiction") == code for p in self.graph.kinds["policies"]
                        )
                    )
                ),
            ]
            for code in self.codes()
        ]
        return self.context.env.get_template("jurisdictions.md.j2").render(
            table=table(["Jurisdiction", "Policies"], rows),
            policies_href=page.href(paths.index_page("policies")),
        )

    def jurisdiction_page(self, code: str, number: int = 1) -> str:
        """Page `number` of a jurisdiction's policies (ROWS_PER_PAGE of them a page)."""
        page = PageContext(self.graph, paths.jurisdiction_page(code, number))
        name = jurisdiction_name(self.context, code)
        everything = self.policies(code)
        pages = page_count(len(everything), ROWS_PER_PAGE)
        first = (number - 1) * ROWS_PER_PAGE
        policies = everything[first : first + ROWS_PER_PAGE]
        rows = [
            [
                escape_text(p.date),
                page.link(p.id),
                escape_text(humanise(str(p.data["kind"]))),
                escape_text(humanise(str(p.data["status"]))),
                escape_text(", ".join(body["name"] for body in p.data["issued_by"])),
            ]
            for p in policies
        ]
        title = f"{name} ({code})" + (f", page {number} of {pages}" if number > 1 else "")
        return front_matter(title=title) + self.context.env.get_template(
            "jurisdiction.md.j2"
        ).render(
            title=title,
            count=len(everything),
            first=first + 1,
            last=first + len(policies),
            pager=pager(number, pages, lambda n: page.href(paths.jurisdiction_page(code, n))),
            table=table(["Announced", "Policy", "Kind", "Status", "Issued by"], rows),
            index_href=page.href(paths.JURISDICTIONS),
        )
