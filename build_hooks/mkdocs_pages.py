"""Generated pages converted the way MkDocs converts them, but in the build's helper
processes: the main process, which MkDocs keeps busy rendering templates, only takes each
page's finished parts.

MkDocs converts every page in its own process, and on a big site that conversion (Python-
Markdown) is over half of a build, with Material's search indexing a good part of the
rest. A generated page depends only on the graph and the configuration, so a helper
(speed/site_build.py) writes its Markdown, converts it with MkDocs's own `Page.render`
(the same extensions, link rewriting, anchor and title extraction), sanitises it and
indexes it for search; `ConvertedPage.apply` then sets on MkDocs's page what `render`
and the search plugin would have. The site is the same byte for byte
(tests/test_hostile_site.py compares the two).

This holds only while no other plugin changes files or pages: `convert_in_helpers` says
whether one does, and then MkDocs converts every page itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from build_hooks.options import search_plugin
from build_hooks.site.descriptions import description_from_html
from build_hooks.site.finish import finish_page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.toc import TableOfContents

    from build_hooks.site.plan import SitePlan

# Events through which another plugin could change a page or the files it links to.
_EVENTS_THAT_CHANGE_PAGES = ("files", "page_read_source", "page_markdown", "page_content")
_PAGE_LOG = logging.getLogger("mkdocs.structure.pages")
_MATERIAL_SEARCH = "material.plugins.search.plugin"


def convert_in_helpers(config: MkDocsConfig, hook_module: str) -> bool:
    """Whether generated pages may be converted outside MkDocs: no plugin but the hook
    (and Material's search, which `ConvertedPage` stands in for) changes files or pages."""
    for event in _EVENTS_THAT_CHANGE_PAGES:
        for method in config.plugins.events.get(event, []):
            if getattr(method, "__module__", None) != hook_module:
                return False
    return True


def generated_files(config: MkDocsConfig, plan: SitePlan) -> Iterator[File]:
    """MkDocs's entries for the generated pages and data files (content comes later)."""
    docs_dir = Path(config.docs_dir).resolve()
    root = Path(config.config_file_path).resolve().parent
    root_from_docs = posixpath.relpath(root.as_posix(), docs_dir.as_posix())
    in_nav = nav_paths(config)
    for src_uri in plan.page_paths:
        # Pages the nav names are in it; every other generated page is reached by links.
        page = File.generated(
            config,
            src_uri,
            content="",
            inclusion=InclusionLevel.UNDEFINED if src_uri in in_nav else InclusionLevel.NOT_IN_NAV,
        )
        # The edit button of a brief's page opens the brief's YAML, not generated Markdown.
        brief = plan.graph.briefs.get(posixpath.basename(src_uri).removesuffix(".md"))
        page.edit_uri = (
            posixpath.normpath(f"{root_from_docs}/{brief.path}")
            if brief is not None and brief.src_uri == src_uri
            else None
        )
        yield page
    for path in plan.file_paths:
        yield File.generated(config, path, content=b"")


@dataclasses.dataclass
class ConvertedPage:
    """What converting one generated page gives: its parts as MkDocs and Material's
    search would set them, with its HTML sanitised."""

    src_uri: str
    meta: dict[str, Any]
    html: str
    removed: str | None
    """What the sanitiser removed (None if nothing): the hook fails the build on it."""
    toc: TableOfContents
    title: str | None
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    """By the linked page's path: what `Page.links_to_anchors` holds by its File."""
    messages: list[tuple[int, str]]
    """What MkDocs logged while converting (broken links), to log again in the build."""
    search_entries: list[dict[str, Any]] | None

    def apply(self, page: Page, files: Files) -> str:
        """Set on MkDocs's `page` what converting it there would have; its content is
        returned (MkDocs sets it from `on_page_content`)."""
        for level, message in self.messages:
            _PAGE_LOG.log(level, message)
        page.meta = self.meta
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = self.anchors
        if self.links_to_anchors is not None:
            page.links_to_anchors = {
                _file(files, path): links for path, links in self.links_to_anchors.items()
            }
        return self.html


# A parser of HTML into the sections of Material's search (speed/search_sections.py), which
# answers None for HTML it leaves to Material.
Sectioner = Callable[[str], "list[Any] | None"]


class PageConverter:
    """Converts generated pages as MkDocs would, in whichever process calls it (a helper
    forked from the build's main process, which made it in `on_config`)."""

    def __init__(
        self, config: MkDocsConfig, plan: SitePlan, sections: Sectioner | None = None
    ) -> None:
        self._config = config
        self._plan = plan
        self._files: Files | None = None
        self._search: Any = _search_index(config)
        # Only Material's index parses HTML as `sections` does.
        self._sections = sections if type(self._search).__module__ == _MATERIAL_SEARCH else None

    def __call__(self, src_uri: str, markdown: str) -> ConvertedPage:
        files = self._all_files()
        file = _file(files, src_uri)
        page = Page(None, file, self._config)
        try:
            return self._convert(page, files, markdown)
        finally:
            file.page = None  # the files live as long as the process; the page need not

    def _convert(self, page: Page, files: Files, markdown: str) -> ConvertedPage:
        src_uri = page.file.src_uri
        page.markdown, page.meta = get_data(markdown)
        with _messages() as messages:
            page.render(self._config, files)
        html = page.content or ""
        if src_uri in self._plan.listing_pages:
            # Search shows each brief's own page, not the index rows that repeat it.
            html = html.replace("<table>", "<table data-search-exclude>")
        if not page.meta.get("description"):
            # Its own description, not the site's: from its first paragraph.
            page.meta["description"] = description_from_html(html)
        page.content, removed = finish_page(html)
        return ConvertedPage(
            src_uri=src_uri,
            meta=page.meta,
            html=page.content,
            removed=removed,
            toc=page.toc,
            title=page._title_from_render,
            anchors=page.present_anchor_ids or set(),
            links_to_anchors=(
                None
                if page.links_to_anchors is None
                else {file.src_uri: links for file, links in page.links_to_anchors.items()}
            ),
            messages=messages,
            search_entries=self._index(page),
        )

    def _all_files(self) -> Files:
        # Made once per process, as MkDocs makes them before `on_files`.
        if self._files is None:
            files = get_files(self._config)
            files.add_files_from_theme(self._config.theme.get_env(), self._config)
            for file in generated_files(self._config, self._plan):
                files.append(file)
            set_exclusions(files, self._config)
            self._files = files
        return self._files

    def _index(self, page: Page) -> list[dict[str, Any]] | None:
        if self._search is None:
            return None
        self._search.entries = []
        excluded = (page.meta.get("search") or {}).get("exclude")
        found = None if self._sections is None or excluded else self._sections(page.content or "")
        if found is None:
            self._search.add_entry_from_context(page)
        else:
            # What Material's `add_entry_from_context` does with its parser's sections.
            for section in found:
                if not section.is_excluded():
                    self._search.create_entry_for_section(section, page.toc, page.url, page)
        entries: list[dict[str, Any]] = self._search.entries
        self._search.entries = []
        return entries


def _search_index(config: MkDocsConfig) -> Any:
    plugin = search_plugin(config)
    if plugin is None or not plugin.config.enabled:
        return None
    return type(plugin.search_index)(**plugin.config)


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.levelno, record.getMessage()))


@contextlib.contextmanager
def _messages() -> Iterator[list[tuple[int, str]]]:
    """What MkDocs logs about a page while it is converted, kept (not shown), so that the
    build's main process logs it where strict mode counts warnings."""
    kept, propagate = _Kept(), _PAGE_LOG.propagate
    _PAGE_LOG.addHandler(kept)
    _PAGE_LOG.propagate = False
    try:
        yield kept.messages
    finally:
        _PAGE_LOG.removeHandler(kept)
        _PAGE_LOG.propagate = propagate


def _file(files: Files, src_uri: str) -> File:
    file = files.get_file_from_path(src_uri)
    if file is None:
        raise KeyError(f"MkDocs's files have no {src_uri}")
    return file


def nav_paths(config: MkDocsConfig) -> set[str]:
    """Every page path named in the `nav` setting."""
    return set(_nav_paths(config.nav))


def _nav_paths(nav: object) -> list[str]:
    """Every page path named in the `nav` setting."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in _nav_paths(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in _nav_paths(item)]
    return []
