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
)
from build_hooks.render.front_matter import front_matter, json_ld
from build_hooks.render.jurisdictions import jurisdiction_link
from build_hooks.render.links import outside_url
from build_hooks.render.long_lists import (
    BRIEFS,
    SHOWN,
    brief_item,
    listed_referrers,
    long_list,
    mention_item,
    shown,
    threshold_list,
)
from build_hooks.render.markdown import Safe, escape_text
from build_hooks.render.mentions import mentions_of
from build_hooks.render.page import PageContext, describe
from build_hooks.render.story import limit_story, story_line
from build_hooks.render.values import table
from build_hooks.validate.fields import DisplayField, display_fields

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
    listed = shown(page, threshold_list(policy, threshold, len(chips)), chips)
    return listed.entries, listed.more


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
        # Only a source's page lists the briefs that cite it.
        cited = self.graph.linked(brief.id, "citation") if brief.kind == "sources" else []
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
                heading: shown(page, long_list(brief, heading, len(others), BRIEFS), others)
                for heading, others in listed_referrers(referrers).items()
            },
            cited_by=shown(page, long_list(brief, "Cited by", len(cited), BRIEFS), cited),
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
