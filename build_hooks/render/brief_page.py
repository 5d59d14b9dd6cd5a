"""One brief's page: its summary with the key facts beside it, sourced specifications, the
kind's own sections, its story so far, the briefs that refer to it, the sentences that
mention it, and its sources as numbered footnotes."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from typing import Any

from build_hooks import paths
from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.graph.story import brief_story
from build_hooks.kinds import KINDS
from build_hooks.render.context import RenderContext
from build_hooks.render.description import brief_description
from build_hooks.render.export_controls import (
    chip_section,
    classifications_section,
    policy_section,
    threshold_anchor,
    threshold_conditions,
    threshold_table,
)
from build_hooks.render.front_matter import front_matter, json_ld
from build_hooks.render.jurisdictions import jurisdiction_link
from build_hooks.render.links import outside_url
from build_hooks.render.long_lists import (
    SHOWN,
    ListPage,
    LongList,
    brief_item,
    long_list,
    mention_item,
    shown,
)
from build_hooks.render.markdown import Safe, escape_text
from build_hooks.render.mentions import mentions_of
from build_hooks.render.page import PageContext, describe
from build_hooks.render.story import limit_story, story_line
from build_hooks.render.values import table
from build_hooks.validate.fields import DisplayField, display_fields

BRIEFS = ("brief", "briefs")

# Object fields shown as a table of their own, with the table's column headings. (A chip's
# dense throughput appears in its export-control section, with the TPP worked out.)
_GROUPS = {"specs": ("Specification", "Value")}


@dataclasses.dataclass(frozen=True)
class FieldGroup:
    """A table of sub-fields shown under its own heading (a chip's specifications)."""

    title: str
    table: Safe


@dataclasses.dataclass(frozen=True)
class Section:
    """A section of a brief's page: a heading and Markdown under it."""

    title: str
    body: Safe
    intro: Safe | None = None


@dataclasses.dataclass(frozen=True)
class _SectionWriter:
    title: str
    write: Callable[[PageContext, Graph, Brief], Safe | None]
    intro: Safe | None = None


def _thresholds(page: PageContext, graph: Graph, policy: Brief) -> Safe | None:
    if not policy.data.get("thresholds"):
        return None
    return policy_section(page, graph, policy, _chips_shown)


def _chips_shown(
    page: PageContext, policy: Brief, threshold: dict[str, Any], chips: list[Brief]
) -> tuple[Sequence[Brief], Safe | None]:
    listed = shown(page, _threshold_list(policy, threshold, len(chips)), chips)
    return listed.entries, listed.more


def _threshold_list(policy: Brief, threshold: dict[str, Any], chips: int) -> LongList | None:
    return long_list(
        policy, str(threshold["label"]), chips, ("chip", "chips"), threshold_anchor(threshold["id"])
    )


# The sections a kind's pages carry beyond the common ones, by the names in its
# `Kind.sections`; a brief whose section comes out empty gets none.
SECTIONS: dict[str, _SectionWriter] = {
    "export controls": _SectionWriter(
        "Export controls",
        chip_section,
        Safe(
            "TPP (total processing performance, ECCN 3A090) is dense throughput times the bit"
            " length of\nthe operation, the largest over the precisions listed."
        ),
    ),
    "thresholds": _SectionWriter("Thresholds", _thresholds),
    "classifications": _SectionWriter(
        "Official classifications",
        classifications_section,
        Safe("Chips this policy names, and what it says of them against a rule's thresholds."),
    ),
}


def sections_for(
    page: PageContext, graph: Graph, brief: Brief, names: tuple[str, ...]
) -> list[Section]:
    """The named sections of one brief's page that have something to show."""
    found = []
    for name in names:
        writer = SECTIONS[name]
        body = writer.write(page, graph, brief)
        if body:
            found.append(Section(writer.title, body, writer.intro))
    return found


class BriefPages:
    """Writes the page of any brief."""

    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.graph = context.graph
        self.groups = {
            kind: [
                (field, display_fields(context.schemas, kind, field.key))
                for field in fields
                if field.key in _GROUPS
            ]
            for kind, fields in context.fields.items()
        }
        self.stale_ages = {brief.id: age for brief, age in context.stale}
        self.describe = functools.partial(describe, fields=context.fields)

    def page(self, brief: Brief) -> str:
        info = KINDS[brief.kind]
        page = PageContext(self.graph, brief.src_uri)
        # The summary first, as the page reads: its citations are numbered first.
        summary = page.prose(brief.data["summary"]) if "summary" in brief.data else None
        facts = [
            [escape_text(field.title), self._infobox_value(page, field, brief)]
            for field in self.context.fields[brief.kind]
            if field.in_infobox and field.key in brief.data
        ]
        # How current the brief is: when it was last checked against its sources, and the
        # date of its newest development (which may be older, or, if scheduled, later).
        if "as_of" in brief.data:
            facts.append([Safe("Last checked"), escape_text(brief.data["as_of"])])
        developments = brief.developments()
        latest = max((entry.date for entry in developments if not entry.expected), default=None)
        if latest is not None:
            facts.append([Safe("Latest development"), Safe(f"[{latest}](#timeline)")])
        groups = []
        for parent, children in self.groups[brief.kind]:
            values = brief.data.get(parent.key) or {}
            rows = [
                [escape_text(field.title), page.value(field, values[field.key])]
                for field in children
                if field.key in values
            ]
            if rows:
                groups.append(FieldGroup(parent.title, table(list(_GROUPS[parent.key]), rows)))
        referrers = self.graph.referrers(brief.id)
        topics = [
            other
            for label, others in referrers.items()
            for other in others
            if KINDS[other.kind].explainer
        ]
        story, left_out = limit_story(brief_story(self.graph, brief), brief.id)
        mentioned_in = self.graph.linked(brief.id, "mention")
        mentioned_whole = long_list(brief, "Mentioned in", len(mentioned_in), BRIEFS)
        body = self.context.env.get_template(info.page_template).render(
            brief=brief,
            page=page,
            summary=summary,
            topics=topics,
            singular=info.singular,
            breadcrumb=Safe(
                f"[Home]({page.href('index.md')}) › "
                f"[{info.title}]({page.href(paths.index_page(brief.kind))})"
            ),
            stale_days=self.stale_ages.get(brief.id),
            infobox=table(["Key facts", ""], facts),
            groups=groups,
            sections=sections_for(page, self.graph, brief, info.sections),
            story=story,
            left_out=left_out,
            own_developments=len(developments),
            latest=latest,
            story_line=story_line,
            referrers={
                label: shown(page, whole, _by_date(others))
                for label, others in referrers.items()
                if not any(KINDS[other.kind].explainer for other in others)
                for whole in [long_list(brief, label, len(others), BRIEFS)]
            },
            cited_by=shown(page, self.cited_by(brief), self.graph.linked(brief.id, "citation")),
            mentioned_in=shown(page, mentioned_whole, mentioned_in),
            mentions=shown(
                page,
                mentioned_whole,
                mentions_of(self.graph, brief.id, mentioned_in[:SHOWN]),
            ),
            describe=self.describe,
            brief_item=brief_item,
            mention_item=mention_item,
            edit_link=self._edit_link(brief),
        )
        title = str(brief.data[info.title_field])
        description = brief_description(self.graph, brief)
        return (
            front_matter(
                title=title,
                description=description,
                jsonld=json_ld(self.graph, brief, self.context.options.site_url, description),
                search_boost=info.search_boost,
            )
            + body
        )

    def cited_by(self, brief: Brief) -> LongList | None:
        """A source's "Cited by" list, if it is too long for the source's page."""
        size = len(self.graph.linked(brief.id, "citation")) if brief.kind == "sources" else 0
        return long_list(brief, "Cited by", size, BRIEFS)

    def list_pages(self) -> dict[str, Callable[[], str]]:
        """The pages of every list too long to show whole on its brief's page, and what
        writes each (a policy's threshold tables are export_controls.py's)."""
        writers: dict[str, Callable[[], str]] = {}
        for brief in self.graph.briefs.values():
            for label, others in self.graph.referrers(brief.id).items():
                whole = long_list(brief, label, len(others), BRIEFS)
                if whole is not None and not any(KINDS[o.kind].explainer for o in others):
                    writers.update(self._pages(whole, _by_date(others), "are listed under"))
            if (whole := self.cited_by(brief)) is not None:
                cited = self.graph.linked(brief.id, "citation")
                writers.update(self._pages(whole, cited, "cite"))
            mentioned_in = self.graph.linked(brief.id, "mention")
            if (whole := long_list(brief, "Mentioned in", len(mentioned_in), BRIEFS)) is not None:
                writers.update(self._mention_pages(whole, mentioned_in))
            thresholds = brief.data.get("thresholds") if brief.kind == "policies" else None
            for threshold in thresholds or []:
                whole = _threshold_list(brief, threshold, len(self.graph.kinds["chips"]))
                if whole is not None:
                    writers.update(self._threshold_pages(whole, threshold))
        return writers

    def _threshold_pages(
        self, whole: LongList, threshold: dict[str, Any]
    ) -> dict[str, Callable[[], str]]:
        policy, chips = whole.brief, self.graph.kinds["chips"]

        def intro(page: PageContext) -> Safe:
            label = page.link(policy.id, str(threshold["label"]), threshold_anchor(threshold["id"]))
            return Safe(
                f"Every chip on this site against the threshold {label} of"
                f" {page.link(policy.id)}: {threshold_conditions(page, threshold)}."
            )

        def body(page: PageContext, first: int, last: int) -> Safe:
            return threshold_table(page, self.graph, policy, threshold, chips[first:last])

        return self._list_pages(whole, intro, body)

    def _list_pages(
        self,
        whole: LongList,
        intro: Callable[[PageContext], Safe],
        body: Callable[[PageContext, int, int], Safe],
    ) -> dict[str, Callable[[], str]]:
        return {
            whole.path(number): ListPage(self.graph, whole, number, intro, body).write
            for number in range(1, whole.pages + 1)
        }

    def _pages(
        self, whole: LongList, others: list[Brief], verb: str
    ) -> dict[str, Callable[[], str]]:
        def intro(page: PageContext) -> Safe:
            if verb == "cite":
                return Safe(f"The {whole.size:,} briefs that cite {page.link(whole.brief.id)}.")
            return Safe(
                f"The {whole.size:,} briefs listed under “{escape_text(whole.heading)}” on the"
                f" page of {page.link(whole.brief.id)}."
            )

        def body(page: PageContext, first: int, last: int) -> Safe:
            return Safe(
                "\n".join(
                    brief_item(page, other, self.describe(other)) for other in others[first:last]
                )
            )

        return self._list_pages(whole, intro, body)

    def _mention_pages(self, whole: LongList, others: list[Brief]) -> dict[str, Callable[[], str]]:
        brief = whole.brief

        def intro(page: PageContext) -> Safe:
            return Safe(f"The {whole.size:,} briefs that mention {page.link(brief.id)}.")

        def body(page: PageContext, first: int, last: int) -> Safe:
            if brief.kind == "sources":  # as the source's page lists them: names alone
                return Safe("\n".join(f"- {page.link(o.id)}" for o in others[first:last]))
            mentions = mentions_of(self.graph, brief.id, others[first:last])
            return Safe("\n".join(mention_item(page, m, brief.id) for m in mentions))

        return self._list_pages(whole, intro, body)

    def _infobox_value(self, page: PageContext, field: DisplayField, brief: Brief) -> Safe:
        if field.key == "jurisdiction":
            return jurisdiction_link(self.context, page, str(brief.data[field.key]))
        return page.value(field, brief.data[field.key])

    def _edit_link(self, brief: Brief) -> Safe | None:
        # brief.path is built from a checked type folder and id, so it is safe as it is.
        edit_base = self.context.options.edit_base
        if not edit_base:
            return None
        url = outside_url(f"{edit_base.rstrip('/')}/{brief.path}")
        return Safe(f"[Edit this brief]({url}) (`{brief.path}`).")


def _by_date(briefs: list[Brief]) -> list[Brief]:
    """Briefs of the kinds listed by date (policies, sources) newest first, as their indexes
    list them; others by name, as they come."""
    kinds: dict[str, list[Brief]] = {}
    for brief in briefs:
        kinds.setdefault(brief.kind, []).append(brief)
    ordered = []
    for kind, found in kinds.items():
        if KINDS[kind].newest_first:
            found = sorted(found, key=lambda brief: brief.date, reverse=True)
        ordered.extend(found)
    return ordered
