"""The pages of the lists too long for their brief's page (render/long_lists.py): the
briefs under a heading such as "Affected by", the briefs that cite a source or mention a
brief, and a policy's verdict on every chip against each of its thresholds."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from build_hooks.graph.brief import Brief
from build_hooks.render.context import RenderContext
from build_hooks.render.export_controls import threshold_conditions, threshold_table
from build_hooks.render.long_lists import (
    BRIEFS,
    ListPage,
    LongList,
    brief_item,
    listed_referrers,
    long_list,
    mention_item,
    threshold_list,
)
from build_hooks.render.markdown import Safe, escape_text
from build_hooks.render.mentions import mentions_of
from build_hooks.render.page import PageContext, describe

Writers = dict[str, Callable[[], str]]


class BriefLists:
    """Writes every page of every long list on the site."""

    def __init__(self, context: RenderContext) -> None:
        self.graph = context.graph
        self.describe = functools.partial(describe, fields=context.fields)

    def writers(self) -> Writers:
        """Each page's path, and what writes it."""
        writers: Writers = {}
        chips = len(self.graph.kinds["chips"])
        for brief in self.graph.briefs.values():
            for heading, others in listed_referrers(self.graph.referrers(brief.id)).items():
                if (whole := long_list(brief, heading, len(others), BRIEFS)) is not None:
                    writers |= self._briefs(whole, others)
            cited = self.graph.linked(brief.id, "citation") if brief.kind == "sources" else []
            if (whole := long_list(brief, "Cited by", len(cited), BRIEFS)) is not None:
                writers |= self._briefs(whole, cited, citing=True)
            mentioning = self.graph.linked(brief.id, "mention")
            if (whole := long_list(brief, "Mentioned in", len(mentioning), BRIEFS)) is not None:
                writers |= self._mentions(whole, mentioning)
            thresholds = brief.data.get("thresholds") if brief.kind == "policies" else None
            for threshold in thresholds or []:
                if (whole := threshold_list(brief, threshold, chips)) is not None:
                    writers |= self._verdicts(whole, threshold)
        return writers

    def _briefs(self, whole: LongList, others: list[Brief], citing: bool = False) -> Writers:
        def intro(page: PageContext) -> Safe:
            if citing:
                return Safe(f"The {whole.size:,} briefs that cite {page.link(whole.brief.id)}.")
            return Safe(
                f"The {whole.size:,} briefs listed under “{escape_text(whole.heading)}” on the"
                f" page of {page.link(whole.brief.id)}."
            )

        def body(page: PageContext, first: int, last: int) -> Safe:
            items = (brief_item(page, other, self.describe(other)) for other in others[first:last])
            return Safe("\n".join(items))

        return self._pages(whole, intro, body)

    def _mentions(self, whole: LongList, others: list[Brief]) -> Writers:
        brief = whole.brief

        def intro(page: PageContext) -> Safe:
            return Safe(f"The {whole.size:,} briefs that mention {page.link(brief.id)}.")

        def body(page: PageContext, first: int, last: int) -> Safe:
            if brief.kind == "sources":  # as the source's page lists them: names alone
                return Safe("\n".join(brief_item(page, other, "") for other in others[first:last]))
            mentions = mentions_of(self.graph, brief.id, others[first:last])
            return Safe("\n".join(mention_item(page, mention, brief.id) for mention in mentions))

        return self._pages(whole, intro, body)

    def _verdicts(self, whole: LongList, threshold: dict[str, Any]) -> Writers:
        policy, chips = whole.brief, self.graph.kinds["chips"]

        def intro(page: PageContext) -> Safe:
            label = page.link(policy.id, str(threshold["label"]), whole.name)
            return Safe(
                f"Every chip on this site against the threshold {label} of"
                f" {page.link(policy.id)}: {threshold_conditions(page, threshold)}."
            )

        def body(page: PageContext, first: int, last: int) -> Safe:
            return threshold_table(page, self.graph, policy, threshold, chips[first:last])

        return self._pages(whole, intro, body)

    def _pages(
        self,
        whole: LongList,
        intro: Callable[[PageContext], Safe],
        body: Callable[[PageContext, int, int], Safe],
    ) -> Writers:
        return {
            whole.path(number): ListPage(self.graph, whole, number, intro, body).write
            for number in range(1, whole.pages + 1)
        }
