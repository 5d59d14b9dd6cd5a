"""MkDocs build hook: a thin adapter between MkDocs events and build_hooks.pipeline.

`on_config` loads, checks and resolves every brief before MkDocs touches the site folder,
so a bad brief stops the build with every problem listed and the previous site left as it
was. `on_files` adds the generated pages and data files, in memory; nothing is written into
docs/. `on_page_read_source` hands MkDocs each generated page's Markdown (for a big site,
helper processes write them just ahead of it; see pipeline.SiteBuild), `on_page_markdown`
fills the `<!-- briefs:… -->` markers of hand-written pages, and `on_page_content` passes
every page's HTML through the sanitiser (in the helpers for a big site). `on_env`, after
every page is converted and before anything is written, puts the sanitised pages and the
data files in place.
Keep this module's namespace free of other `on_*` names: MkDocs registers every one.
"""

from __future__ import annotations

import gc
import logging
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from build_hooks import page_sanitiser
from build_hooks.errors import BriefError, summary_line
from build_hooks.options import options_from_config
from build_hooks.page_sanitiser import PageSanitiser
from build_hooks.pipeline import plan_site
from build_hooks.workers import Helpers, helper_count

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# Under `mkdocs.` so that strict mode counts our warnings.
log = logging.getLogger("mkdocs.plugins.briefs")

# The hook module lives for the whole `mkdocs serve` session; this holds one build's output.
_current: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _quiet_jieba()
    _close_helpers()  # a `mkdocs serve` rebuild after a build that failed
    # A `mkdocs serve` rebuild: the previous build's objects may be collected again.
    gc.unfreeze()
    if config.strict:
        _keep_strict_mode_whole()
    root = Path(config.config_file_path).resolve().parent
    try:
        site = plan_site(root / "briefs", root, options_from_config(config, root))
    except BriefError as error:
        raise PluginError(f"The briefs have problems; nothing was built.\n{error}\n"
                          f"{summary_line(len(error.problems))}") from None
    # The graph lives to the end of the build: keep the cycle collector from walking it
    # again at every collection while MkDocs works (and forked helpers from copying the
    # memory it would mark).
    gc.freeze()
    processes = helper_count(len(site.page_paths))
    helpers = Helpers(processes, {**site.tasks(), **page_sanitiser.TASKS})
    site.start(helpers)
    _current.update(site=site, listing=site.listing_pages, helpers=helpers,
                    sanitiser=PageSanitiser(helpers), data_files={})
    log.info("Generated %d pages from %d briefs", len(site.page_paths), len(site.graph.briefs))
    if processes:
        log.info("Writing brief pages and sanitising pages in %d helper process%s",
                 processes, "" if processes == 1 else "es")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _current["site"]
    # One set, not a lookup per page: `get_file_from_path` parses each path again.
    clashes = sorted({*site.page_paths, *site.file_paths} & {file.src_uri for file in files})
    if clashes:
        raise PluginError("These files in docs/ have the same path as generated pages;"
                          f" rename or remove them: {', '.join(clashes)}")
    # The edit button of a brief's page opens the brief's YAML, not generated Markdown.
    docs_dir = Path(config.docs_dir).resolve()
    root = Path(config.config_file_path).resolve().parent
    root_from_docs = posixpath.relpath(root.as_posix(), docs_dir.as_posix())
    in_nav = set(_nav_paths(config.nav))
    for src_uri in site.page_paths:
        # The Markdown comes in `on_page_read_source`, when MkDocs reads the page.
        # Pages the nav names are in it; every other generated page is reached by links.
        page = File.generated(config, src_uri, content="",
                              inclusion=InclusionLevel.UNDEFINED if src_uri in in_nav
                              else InclusionLevel.NOT_IN_NAV)
        brief = site.graph.briefs.get(posixpath.basename(src_uri).removesuffix(".md"))
        page.edit_uri = (posixpath.normpath(f"{root_from_docs}/{brief.path}")
                         if brief is not None and brief.src_uri == src_uri else None)
        files.append(page)
    for path in site.file_paths:
        # Filled in `on_env`: MkDocs copies these only after that.
        data_file = File.generated(config, path, content=b"")
        _current["data_files"][path] = data_file
        files.append(data_file)
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    site = _current["site"]
    if page.file.generated_by and site.generates(page.file.src_uri):
        return site.page(page.file.src_uri)
    return None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by:
        return markdown
    try:
        return _current["site"].expand(markdown, page.file.src_uri)
    except BriefError as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in _current["listing"]:
        # Search shows each brief's own page, not the index rows that repeat it.
        html = html.replace("<table>", "<table data-search-exclude>")
    # Every page, hand-written ones too: their markers pull in text from briefs.
    done = _current["sanitiser"].submit(page, html)
    if done is None:
        return html  # a worker cleans it; on_env puts the clean page in place
    clean, removed = done
    _report_removed(page, removed)
    return clean


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    # Every page is converted and nothing is written yet: put the pages the helpers
    # cleaned, and the data files they wrote, in place.
    for page, clean, removed in _current["sanitiser"].finish():
        page.content = clean
        _report_removed(page, removed)
    for path, content in _current["site"].files().items():
        _current["data_files"][path].content_bytes = content
    _close_helpers()
    return env


def on_build_error(error: Exception) -> None:
    _close_helpers()


def _close_helpers() -> None:
    if (helpers := _current.pop("helpers", None)) is not None:
        helpers.close()


def _report_removed(page: Page, removed: str | None) -> None:
    if removed is not None:
        # Escaping should have made this impossible; fail (strict mode) rather than hide it.
        log.warning("%s: the HTML sanitiser removed %s; a brief's text got through escaping"
                    " or a template writes markup outside build_hooks/sanitise.py's allowlist",
                    page.file.src_uri, removed)


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


def _nav_paths(nav: object) -> list[str]:
    """Every page path named in the `nav` setting."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in _nav_paths(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in _nav_paths(item)]
    return []
