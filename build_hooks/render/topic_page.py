"""A topic's page: an explainer across briefs. Its lede, where things stand (with the
date that was checked), its key numbers and picture, why it matters, one dated story
merged from its related briefs' developments, open questions and the related briefs.

The story runs oldest first: an explainer is read as a story, from how it began to where
it stands, and "where things stand" at the top already gives the latest state (the site's
timeline and the home page's latest developments run newest first, for what is new).

The home page leads with a topic through `<!-- briefs:topic <id> -->` (render/markers.py),
which shows the same lead: lede, status, key numbers and picture.
"""

from __future__ import annotations

import functools

from build_hooks import paths
from build_hooks.graph.brief import Brief
from build_hooks.graph.story import related_story
from build_hooks.kinds import BRIEF_TYPES, KINDS
from build_hooks.render.context import RenderContext
from build_hooks.render.front_matter import front_matter, json_ld
from build_hooks.render.links import outside_url
from build_hooks.render.markdown import Safe, escape_text
from build_hooks.render.page import PageContext, describe
from build_hooks.render.story import story_line
from build_hooks.render.topic_chart import chart_alt, chart_data, topic_chart_svg
from build_hooks.render.values import table


class TopicPages:
    """Writes topic pages, their pictures, and the lead of a topic for another page."""

    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.graph = context.graph
        self.describe = functools.partial(describe, fields=context.fields)
        self.country_names = context.field("companies", "country").names

    def topics(self) -> list[Brief]:
        return [b for kind in BRIEF_TYPES if KINDS[kind].explainer for b in self.graph.kinds[kind]]

    def chart_paths(self) -> list[str]:
        """The pictures to write: one for each topic whose chips have a sourced TPP."""
        return [paths.topic_chart(t.id) for t in self.topics() if chart_data(self.graph, t)[0]]

    def chart(self, topic: Brief) -> bytes:
        return topic_chart_svg(self.graph, topic, self.country_names)

    def lead(self, page: PageContext, topic: Brief, level: int) -> Safe:
        """The lede, where things stand, the key numbers and the picture, with headings at
        `level` (2 on the topic's page, 3 under the topic's heading on another page)."""
        data = topic.data
        status = data["where_things_stand"]
        lede = page.prose(data["lede"])
        status_text = page.prose(status["text"], indent=4)
        numbers = [
            [
                escape_text(item["label"]),
                page.readings(item["readings"], item.get("unit")),
            ]
            for item in data.get("key_numbers", [])
        ]
        chart = paths.topic_chart(topic.id)
        has_chart = chart in self.chart_paths()
        return Safe(
            self.context.env.get_template("topic_lead.md.j2").render(
                page=page,
                level=level,
                lede=lede,
                status_date=status["as_of"],
                status_text=status_text,
                numbers=table(["Key number", "Value"], numbers) if numbers else None,
                chart=page.href(chart) if has_chart else None,
                chart_alt=chart_alt(self.graph, topic, self.country_names) if has_chart else "",
            )
        )

    def page(self, topic: Brief) -> str:
        info = KINDS[topic.kind]
        page = PageContext(self.graph, topic.src_uri)
        data = topic.data
        lead = self.lead(page, topic, 2)
        why = page.prose(data["why_it_matters"])
        story = related_story(self.graph, data["related"], data.get("story_starts"))
        lines = [story_line(page, entry) for entry in story]
        questions = [page.prose(question, indent=2) for question in data.get("open_questions", [])]
        related: dict[str, list[Brief]] = {}
        for brief_id in data["related"]:
            brief = self.graph.briefs[brief_id]
            related.setdefault(KINDS[brief.kind].title, []).append(brief)
        order = {KINDS[kind].title: index for index, kind in enumerate(BRIEF_TYPES)}
        body = self.context.env.get_template(info.page_template).render(
            topic=topic,
            page=page,
            breadcrumb=Safe(
                f"[Home]({page.href('index.md')}) › "
                f"[{info.title}]({page.href(paths.index_page(topic.kind))})"
            ),
            lead=lead,
            why=why,
            story=lines,
            starts=data.get("story_starts"),
            timeline_href=page.href(paths.TIMELINE),
            questions=questions,
            related=sorted(related.items(), key=lambda item: order[item[0]]),
            describe=self.describe,
            edit_link=self._edit_link(topic),
        )
        # Not the lede: the home page, which leads with the topic, has it as its description.
        description = (
            f"{topic.name}: the whole story in date order, where things stand, the key"
            " numbers and the open questions, every statement sourced."
        )
        return (
            front_matter(
                title=topic.name,
                description=description,
                jsonld=json_ld(self.graph, topic, self.context.options.site_url, description),
                search_boost=info.search_boost,
            )
            + body
        )

    def _edit_link(self, topic: Brief) -> Safe | None:
        edit_base = self.context.options.edit_base
        if not edit_base:
            return None
        url = outside_url(f"{edit_base.rstrip('/')}/{topic.path}")
        return Safe(f"[Edit this topic]({url}) (`{topic.path}`).")
