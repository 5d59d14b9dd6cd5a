"""The policies of each jurisdiction: an index of jurisdictions and a page for each."""

from __future__ import annotations

import functools
from collections.abc import Callable

from build_hooks import paths
from build_hooks.render.context import RenderContext
from build_hooks.render.front_matter import front_matter
from build_hooks.render.markdown import Safe, escape_text
from build_hooks.render.page import PageContext
from build_hooks.render.values import humanise, table


def jurisdiction_name(context: RenderContext, code: str) -> str:
    return context.field("policies", "jurisdiction").names.get(code, code)


def jurisdiction_link(context: RenderContext, page: PageContext, code: str) -> Safe:
    text = escape_text(f"{jurisdiction_name(context, code)} ({code})")
    return Safe(f"[{text}]({page.href(paths.jurisdiction_page(code))})")


class JurisdictionPages:
    """The jurisdictions index and one page per jurisdiction that has policies."""

    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.graph = context.graph

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
            writers[paths.jurisdiction_page(code)] = functools.partial(self.jurisdiction_page, code)
        return writers

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

    def jurisdiction_page(self, code: str) -> str:
        src = paths.jurisdiction_page(code)
        page = PageContext(self.graph, src)
        name = jurisdiction_name(self.context, code)
        policies = sorted(
            (p for p in self.graph.kinds["policies"] if p.data.get("jurisdiction") == code),
            key=lambda p: (p.date, p.id),
        )
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
        return front_matter(title=f"{name} ({code})") + self.context.env.get_template(
            "jurisdiction.md.j2"
        ).render(
            name=name,
            code=code,
            count=len(policies),
            table=table(["Announced", "Policy", "Kind", "Status", "Issued by"], rows),
            index_href=page.href(paths.JURISDICTIONS),
        )
