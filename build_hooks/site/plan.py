"""A checked site, ready to write: every page and file the briefs add to it, and what
writes each. Nothing is written until it is asked for, so a build can write pages as
MkDocs reads them (and elsewhere: see speed/site_build.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable

import jinja2

from build_hooks import paths
from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.options import SiteOptions
from build_hooks.render.brief_lists import BriefLists
from build_hooks.render.brief_page import BriefPages
from build_hooks.render.chart import chart_rows, tpp_bandwidth_svg
from build_hooks.render.context import RenderContext
from build_hooks.kinds import KINDS
from build_hooks.render.format_reference import format_reference_page
from build_hooks.render.glossary_page import glossary_page
from build_hooks.render.jurisdictions import JurisdictionPages
from build_hooks.render.listings import ListingPages
from build_hooks.render.markers import expand_markers
from build_hooks.render.timeline import TimelinePages
from build_hooks.render.topic_page import TopicPages
from build_hooks.site.data_files import TABLES, csv_bytes, data_file_paths, table_files
from build_hooks.site.feed import FEED, feed_files
from build_hooks.validate.schemas import SchemaSet


class SitePlan:
    """The pages and files the briefs add to the site, by path among the docs files."""

    def __init__(self, graph: Graph, schemas: SchemaSet, options: SiteOptions | None = None,
                 environment: jinja2.Environment | None = None) -> None:
        self.context = RenderContext.create(graph, schemas, options, environment)
        self.graph = graph
        self.options = self.context.options
        self.listings = ListingPages(self.context)
        briefs = BriefPages(self.context)
        listings: dict[str, Callable[[], str]] = {
                    **self.listings.writers(),
                    **TimelinePages(self.context).writers(),
                    **JurisdictionPages(self.context).writers(),
                    **BriefLists(self.context).writers()}
        self.listing_pages = frozenset(listings)
        """Pages that list many briefs: their tables repeat what entity pages say, so
        search skips them rather than show duplicates."""
        self.topics = TopicPages(self.context)
        self.writers: dict[str, Callable[[], str]] = {
            **listings,
            paths.FORMAT_REFERENCE: functools.partial(format_reference_page, schemas,
                                                      self.context.env),
            paths.GLOSSARY: functools.partial(glossary_page, self.context),
            **{brief.src_uri: functools.partial(
                self.topics.page if KINDS[brief.kind].explainer else briefs.page, brief)
               for brief in graph.briefs.values()}}
        """Every generated page's path, and what writes its Markdown."""
        self.page_paths = sorted(self.writers)
        self.charts = {path: topic for topic in self.topics.topics()
                       if (path := paths.topic_chart(topic.id)) in self.topics.chart_paths()}
        self.file_paths = sorted(
            [*data_file_paths(graph), paths.CHART, paths.CHART_DATA, *self.charts]
        )

    def generates(self, src_uri: str) -> bool:
        return src_uri in self.writers

    def write_page(self, src_uri: str) -> str:
        """One generated page's Markdown."""
        return self.writers[src_uri]()

    def file_groups(self) -> dict[str, Callable[[], dict[str, bytes]]]:
        """What writes the generated files, by group: the files each group writes
        together (the briefs' tables, the feed and its archives, each chart). The
        preview writes a group again only when something it read changed."""
        countries = self.context.field("companies", "country").names
        groups: dict[str, Callable[[], dict[str, bytes]]] = {
            TABLES: functools.partial(table_files, self.graph),
            FEED: functools.partial(feed_files, self.graph, self.options),
            paths.CHART: lambda: {paths.CHART: tpp_bandwidth_svg(self.graph, countries)},
            paths.CHART_DATA: lambda: {
                paths.CHART_DATA: csv_bytes(chart_rows(self.graph, countries), ["id"])
            },
        }
        for path, topic in self.charts.items():
            groups[path] = functools.partial(self._topic_chart, path, topic)
        return groups

    def _topic_chart(self, path: str, topic: Brief) -> dict[str, bytes]:
        return {path: self.topics.chart(topic)}

    def write_files(self) -> dict[str, bytes]:
        """Every data file and generated file, by path, in path order."""
        files: dict[str, bytes] = {}
        for write in self.file_groups().values():
            files.update(write())
        return dict(sorted(files.items()))

    def expand(self, markdown: str, src_uri: str) -> str:
        """A hand-written docs/ page with its `<!-- briefs:… -->` markers filled in."""
        return expand_markers(self.context, markdown, src_uri, self.topics.lead)
