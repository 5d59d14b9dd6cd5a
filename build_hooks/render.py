"""Markdown pages from the resolved graph, through the Jinja templates in templates/.

Every `{{ … }}` in a template is escaped as Markdown text unless it is already
:class:`Safe`, so a template cannot forget to escape text that came from a brief.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from build_hooks.chart import tpp_bandwidth_svg
from build_hooks.export_controls import chip_section, policy_section
from build_hooks.format_reference import FORMAT_SRC, format_reference_page
from build_hooks.formatting import table
from build_hooks.graph import Graph
from build_hooks.links import outside_url
from build_hooks.markdown_text import Safe, anchor, code_block, code_span, escape_text
from build_hooks.model import Brief
from build_hooks.options import SiteOptions
from build_hooks.page_context import PageContext, describe
from build_hooks.schema import SchemaSet
from build_hooks.schema_fields import DisplayField, display_fields
from build_hooks.site_pages import CHART_SRC, SitePages
from build_hooks.structured_data import front_matter, json_ld
from build_hooks.types import BRIEF_TYPES, SINGULAR, TITLES

TEMPLATE_DIR = Path(__file__).parent / "templates"


def _finalize(value: Any) -> str:
    if isinstance(value, Safe):
        return value
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return escape_text(str(value))


def make_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        finalize=_finalize, autoescape=False, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(code=code_span, code_list=lambda items: Safe(", ".join(
        code_span(item) for item in items)), code_block=code_block, anchor=anchor,
        hashes=lambda count: Safe("#" * count))
    return env


@dataclasses.dataclass(frozen=True)
class Section:
    """A table of sub-fields shown under its own heading (a chip's specifications)."""

    title: str
    table: Safe


# Object fields shown as their own table, with the table's column headings. (A chip's
# dense throughput appears in its export-control section, with the TPP worked out.)
_SECTIONS = {"specs": ("Specification", "Value")}


class Renderer:
    """Writes every generated page of the site as Markdown."""

    def __init__(self, graph: Graph, schemas: SchemaSet, options: SiteOptions | None = None,
                 environment: jinja2.Environment | None = None) -> None:
        self.graph = graph
        self.options = options or SiteOptions()
        self.env = environment or make_environment()
        self.schemas = schemas
        self.fields = {kind: display_fields(schemas, kind) for kind in BRIEF_TYPES}
        self.sections = {
            kind: [(field, display_fields(schemas, kind, field.key))
                   for field in self.fields[kind] if field.key in _SECTIONS]
            for kind in BRIEF_TYPES
        }
        self.site_pages = SitePages(self)
        self.stale_ages = {brief.id: age for brief, age in self.site_pages.stale()}

    def page_writers(self) -> dict[str, Callable[[], str]]:
        """Every generated page's path, and what writes its Markdown (when it is needed,
        perhaps in another process: see pipeline.SiteBuild)."""
        writers = self.site_pages.writers()
        writers[FORMAT_SRC] = functools.partial(format_reference_page, self.schemas, self.env)
        for brief in self.graph.briefs.values():
            writers[brief.src_uri] = functools.partial(self.brief_page, brief)
        return writers

    def files(self) -> dict[str, bytes]:
        """Generated files that are not pages (the chips chart)."""
        return {CHART_SRC: tpp_bandwidth_svg(self.graph)}

    @staticmethod
    def file_paths() -> list[str]:
        """The paths `files` writes, known before they are written."""
        return [CHART_SRC]

    def expand_markers(self, markdown: str, src_uri: str) -> str:
        return self.site_pages.expand_markers(markdown, src_uri)

    def brief_page(self, brief: Brief) -> str:
        page = PageContext(self.graph, brief.src_uri)
        facts = [[escape_text(field.title), self._infobox_value(page, field, brief)]
                 for field in self.fields[brief.kind]
                 if field.in_infobox and field.key in brief.data]
        if "as_of" in brief.data:
            facts.append([Safe("As of"), escape_text(brief.data["as_of"])])
        sections = []
        for parent, children in self.sections[brief.kind]:
            values = brief.data.get(parent.key) or {}
            rows = [[escape_text(field.title), page.value(field, values[field.key])]
                    for field in children if field.key in values]
            if rows:
                sections.append(Section(parent.title, table(list(_SECTIONS[parent.key]), rows)))
        timeline = sorted(enumerate(brief.data.get("timeline", [])),
                          key=lambda pair: (pair[1]["date"], pair[0]))
        template = "source.md.j2" if brief.kind == "sources" else "brief.md.j2"
        body = self.env.get_template(template).render(
            brief=brief, page=page, singular=SINGULAR[brief.kind],
            breadcrumb=Safe(f"[Home]({page.href('index.md')}) › "
                            f"[{TITLES[brief.kind]}]({page.href(f'{brief.kind}/index.md')})"),
            stale_days=self._age_if_stale(brief),
            infobox=table(["Key facts", ""], facts),
            sections=sections, timeline=[item for _, item in timeline],
            referrers=self.graph.referrers(brief.id),
            cited_by=self.graph.linked(brief.id, "citation"),
            mentioned_in=self.graph.linked(brief.id, "mention"),
            describe=describe, edit_link=self._edit_link(brief),
            export_controls=self._export_controls(page, brief),
        )
        title = brief.data["title"] if brief.kind == "sources" else brief.name
        # A search for "Nvidia" should find the company before the articles that name it.
        boost = 0.5 if brief.kind == "sources" else 3
        return front_matter(title, json_ld(self.graph, brief, self.options.site_url),
                            boost) + body

    def _infobox_value(self, page: PageContext, field: DisplayField, brief: Brief) -> Safe:
        if field.key == "jurisdiction":
            return self.site_pages.jurisdiction_link(page, str(brief.data[field.key]))
        return page.value(field, brief.data[field.key])

    def _age_if_stale(self, brief: Brief) -> int | None:
        return self.stale_ages.get(brief.id)

    def _export_controls(self, page: PageContext, brief: Brief) -> Safe | None:
        if brief.kind == "chips":
            return chip_section(page, self.graph, brief)
        if brief.kind == "policies" and brief.data.get("thresholds"):
            return policy_section(page, self.graph, brief)
        return None

    def _edit_link(self, brief: Brief) -> Safe | None:
        # brief.path is built from a checked type folder and id, so it is safe as it is.
        if not self.options.edit_base:
            return None
        url = outside_url(f"{self.options.edit_base.rstrip('/')}/{brief.path}")
        return Safe(f"[Edit this brief]({url}) (`{brief.path}`).")
