"""MkDocs build hook: a thin adapter between MkDocs events and build_hooks.pipeline.

- `on_config` loads, checks and resolves every brief before MkDocs touches the site
  folder, so a bad brief stops the build with every problem listed and the previous site
  left as it was.
- `on_files` adds the generated pages and data files, in memory; nothing is written into
  docs/.
- Generated pages are converted, sanitised and indexed for search by the build's helpers
  (mkdocs_pages.py). A page in the nav is taken as MkDocs reads it (`on_page_read_source`,
  set on MkDocs's page in `on_page_content`), since every page shows its title; any other
  is taken only when MkDocs renders it (`on_page_context`), so MkDocs renders pages while
  the helpers convert the next ones. `on_page_context` gives Material's search each page's
  entries. (If another plugin changes pages, MkDocs converts generated pages itself: they
  are handed over as Markdown.)
- `on_page_markdown` fills the `<!-- briefs:… -->` markers of hand-written pages, and
  `on_page_content` hands their HTML to the sanitiser.
- `on_env`, after every page is converted and before anything is written, puts the
  sanitised pages and the data files in place; `on_post_page` marks Chinese text in each
  finished page with its language.
- `on_post_build` tidies the index Material's search plugin has written (hooks run after
  the configured plugins) and splits it into the parts a query reads (site/search_shards.py).

Keep this module's namespace free of other `on_*` names: MkDocs registers every one.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from build_hooks.errors import BriefError
from build_hooks.mkdocs_pages import (
    ConvertedPage,
    PageConverter,
    convert_in_helpers,
    generated_files,
    nav_paths,
)
from build_hooks.options import options_from_config, search_plugin
from build_hooks.pipeline import start_build
from build_hooks.site.descriptions import description_from_html
from build_hooks.site.search_index import search_names, tidied_index
from build_hooks.site.search_shards import MANIFEST, SearchFiles, split_index

# Imported here, not through pipeline.py: only the build converts pages, indexes them for
# search and marks them, and the CLI's commands (`check` above all) need not load
# Python-Markdown, the search parser or the marker's patterns and data.
from build_hooks.speed.inline_patterns import with_quick_inline
from build_hooks.speed.language_marks import mark_languages
from build_hooks.speed.search_documents import tidy_document
from build_hooks.speed.search_sections import search_sections
from build_hooks.speed.site_build import SiteBuild
from build_hooks.words import count_of, summary_line

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from build_hooks.site.plan import SitePlan

# Under `mkdocs.` so that strict mode counts our warnings.
# Set by `python -m build_hooks build --for-disk` (build_hooks/cli.py).
FOR_DISK = "BRIEFS_FOR_DISK"

log = logging.getLogger("mkdocs.plugins.briefs")


@dataclasses.dataclass
class _Build:
    """One build's state, from `on_config` to `on_post_build`."""

    plan: SitePlan
    site: SiteBuild[Page]
    data_files: dict[str, File] = dataclasses.field(default_factory=dict)
    """The data files' entries in MkDocs's file list, filled in `on_env`."""
    converted: dict[str, ConvertedPage] = dataclasses.field(default_factory=dict)
    """Generated pages converted by the helpers, from MkDocs reading them to their HTML."""
    in_nav: set[str] = dataclasses.field(default_factory=set)
    """The pages the nav names (every page shows their titles)."""
    deferred: set[str] = dataclasses.field(default_factory=set)
    """Generated pages outside the nav, converted by the helpers: taken only when MkDocs
    renders them, so that it renders pages while the helpers convert the next ones."""
    files: Files | None = None
    """MkDocs's files, from `on_files` (a deferred page's links are resolved against them)."""
    search_entries: dict[str, tuple[Any, list[dict[str, Any]]]] = dataclasses.field(
        default_factory=dict
    )
    """Generated pages' search entries and their own `search` setting, until
    `on_page_context` (Material's search is told to pass these pages by)."""


# The hook module lives for the whole `mkdocs serve` session; this is the current build.
_build: _Build | None = None
# The briefs' other names for the search index, kept from `on_env` (where the build's
# state is released) to `on_post_build` (after the search plugin writes its index).
_search_names: dict[str, list[str]] = {}
# The search's parts as last written: after an edit the preview writes only those changed.
_search_files = SearchFiles()

# What starts a build: the pipeline's. The preview server (preview_site.py) puts its own
# in place, so that its full builds write pages from the graph it keeps between edits.
start: Any = start_build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    site: SiteBuild[Page]
    _quiet_jieba()
    _close()  # a `mkdocs serve` rebuild after a build that failed
    if config.strict:
        _keep_strict_mode_whole()
    root = Path(config.config_file_path).resolve().parent
    if os.environ.get(FOR_DISK) == "1":
        # A copy to open from disk (`build --for-disk`): links name files (chips/h200.html),
        # since a browser shows a folder's listing, not its index.html, without a server.
        config.use_directory_urls = False
    # Every page MkDocs or a helper converts, hand-written or generated.
    config.markdown_extensions = with_quick_inline(config.markdown_extensions)
    converter = None
    if convert_in_helpers(config, __name__):
        converter = lambda plan: PageConverter(config, plan, search_sections)  # noqa: E731
    try:
        # The pages in the nav first: MkDocs needs their titles before it renders any page.
        in_nav = nav_paths(config)
        plan, site = start(
            root / "briefs", root, options_from_config(config, root), converter, in_nav
        )
    except BriefError as error:
        raise PluginError(
            f"The briefs have problems; nothing was built.\n{error}\n"
            f"{summary_line(len(error.problems))}"
        ) from None
    _build = _Build(plan, site, in_nav=in_nav)
    log.info("Generated %d pages from %d briefs", len(plan.page_paths), len(plan.graph.briefs))
    if site.helper_processes:
        log.info(
            "%s in %s",
            "Converting generated pages"
            if converter
            else "Writing brief pages and sanitising pages",
            count_of(site.helper_processes, "helper process", "helper processes"),
        )
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current()
    plan = build.plan
    # One set, not a lookup per page: `get_file_from_path` parses each path again.
    clashes = sorted({*plan.page_paths, *plan.file_paths} & {file.src_uri for file in files})
    if clashes:
        raise PluginError(
            "These files in docs/ have the same path as generated pages;"
            f" rename or remove them: {', '.join(clashes)}"
        )
    # Pages come in `on_page_read_source`, when MkDocs reads them; data files are filled
    # in `on_env` (MkDocs copies them only after that).
    build.files = files
    data_files = set(plan.file_paths)
    for file in generated_files(config, plan):
        if file.src_uri in data_files:
            build.data_files[file.src_uri] = file
        files.append(file)
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    build = _current()
    if page.file.generated_by and build.plan.generates(page.file.src_uri):
        if build.site.converts and page.file.src_uri not in build.in_nav:
            # Taken in `on_page_context`: no other page shows anything of this one.
            build.deferred.add(page.file.src_uri)
            return ""
        written = build.site.page(page.file.src_uri)
        if isinstance(written, ConvertedPage):
            build.converted[page.file.src_uri] = written
            return ""  # converted already: MkDocs has nothing left to convert
        return str(written)
    return None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by:
        return markdown
    try:
        return _current().plan.expand(markdown, page.file.src_uri)
    except BriefError as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    if page.file.src_uri in build.deferred:
        # Material's search indexes pages before this hook sees them: this one is indexed
        # in the helper, and its entries go in with its content (`on_page_context`).
        page.meta = {"search": {"exclude": True}}
        return html
    converted = build.converted.pop(page.file.src_uri, None)
    if converted is not None:
        html = converted.apply(page, files)
        if converted.removed is not None:
            _removed(page, converted.removed)
        if converted.search_entries is not None:
            own = page.meta.get("search")
            build.search_entries[page.file.src_uri] = (own, converted.search_entries)
            page.meta["search"] = {**(own or {}), "exclude": True}  # indexed already
        return html
    if page.file.src_uri in build.plan.listing_pages:
        # Search shows each brief's own page, not the index rows that repeat it.
        html = html.replace("<table>", "<table data-search-exclude>")
    if not page.meta.get("description"):
        # Its own description, not the site's: from its first paragraph.
        page.meta["description"] = description_from_html(html)
    # Every page, hand-written ones too: their markers pull in text from briefs. The
    # clean page takes this one's place in `on_env`, before anything reads it.
    build.site.sanitise(page, html)
    return html


def on_page_context(context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
    if _build is not None and page.file.src_uri in _build.deferred:
        _build.deferred.discard(page.file.src_uri)
        _take_deferred(_build, page, config)
    # After Material's search has passed the page by: its entries, in their place.
    if _build is not None and page.file.src_uri in _build.search_entries:
        own, entries = _build.search_entries.pop(page.file.src_uri)
        if own is None:
            del page.meta["search"]
        else:
            page.meta["search"] = own
        search_plugin(config).search_index.entries.extend(entries)
    return context


def _take_deferred(build: _Build, page: Page, config: MkDocsConfig) -> None:
    """Set on `page` what its helper made of it, before MkDocs renders it."""
    converted: ConvertedPage = build.site.page(page.file.src_uri)
    if "template" in converted.meta:
        # MkDocs chose the page's template before this: it must be chosen as MkDocs reads it.
        raise PluginError(
            f"{page.file.src_uri}: a generated page outside the nav cannot set `template`"
        )
    assert build.files is not None
    page.content = converted.apply(page, build.files)
    if converted.removed is not None:
        _removed(page, converted.removed)
    if converted.search_entries is not None:
        search_plugin(config).search_index.entries.extend(converted.search_entries)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The whole page, the theme's parts too (the header shows the page's title): every
    # run of Chinese text marked with its language.
    return mark_languages(output)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    # Every page MkDocs converts is converted, and nothing is written yet: put the
    # sanitised pages, and the data files, in place. (The helpers go on converting the
    # generated pages outside the nav, which MkDocs takes as it renders them.)
    build = _current()
    for page, clean, removed in build.site.sanitised():
        page.content = clean
        if removed is not None:
            _removed(page, removed)
    for path, content in build.site.files().items():
        build.data_files[path].content_bytes = content
    global _search_names
    _search_names = search_names(build.plan.graph)
    return env


def use_site(plan: SitePlan, site: Any) -> None:
    """For the preview server (preview_site.py), which converts single pages after an
    edit without a whole build: the page events answer from `plan` and `site` now, and
    `on_post_build` tidies the search index with the names of `plan`'s briefs."""
    global _build, _search_names
    _build = _Build(plan, site)
    _search_names = search_names(plan.graph)


def on_post_build(config: MkDocsConfig) -> None:
    _close()
    site_dir = Path(config.site_dir)
    index = site_dir / MANIFEST
    if index.is_file():
        tidied = tidied_index(json.loads(index.read_bytes()), _search_names, tidy_document)
        _search_files.write(site_dir, split_index(tidied))


def on_build_error(error: Exception) -> None:
    _close()


def _removed(page: Page, removed: str) -> None:
    # Escaping should have made this impossible; fail (strict mode), never hide it.
    log.warning(
        "%s: the HTML sanitiser removed %s; a brief's text got through escaping or a"
        " template writes markup outside build_hooks/site/sanitise.py's allowlist",
        page.file.src_uri,
        removed,
    )


def _current() -> _Build:
    if _build is None:
        raise PluginError("the briefs hook's on_config did not run before this event")
    return _build


def _close() -> None:
    """End the current build's helper processes (the build's state stays readable)."""
    if _build is not None:
        _build.site.close()


def _keep_strict_mode_whole() -> None:
    """Undo what `-q` and `-v` do to strict mode (MkDocs 1.6.1).

    `--quiet` raises the `mkdocs` logger to ERROR, so warnings never reach the handler that
    counts them and a strict build with broken links exits 0 (mkdocs#4126). `--verbose`
    lowers it to DEBUG, and pages then skip anchor validation altogether (mkdocs#3991).
    """
    mkdocs_logger = logging.getLogger("mkdocs")
    if mkdocs_logger.getEffectiveLevel() > logging.WARNING:
        mkdocs_logger.setLevel(logging.WARNING)
    pages_logger = logging.getLogger("mkdocs.structure.pages")
    if pages_logger.getEffectiveLevel() <= logging.DEBUG:
        pages_logger.setLevel(logging.INFO)


def _quiet_jieba() -> None:
    # Material's search plugin segments Chinese with jieba, which logs its dictionary
    # loading to stderr at DEBUG level on every build.
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)
