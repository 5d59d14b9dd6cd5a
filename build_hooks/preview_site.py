"""The preview server's MkDocs side: one whole build when it starts, then, after each
edit, only the pages the edit changed converted and written again.

    python -m build_hooks serve      (make serve)

The preview engine (preview/engine.py) keeps the briefs, the graph and what every page
read between edits, and says which pages changed. This module keeps what MkDocs made of
the whole build (its configuration, files, navigation and theme) and runs MkDocs's own
page steps for those pages alone: read, convert, the hook's events (so the sanitiser
runs), render into the theme, write. So a page served after an edit is the page a whole
build writes. A whole build runs again when the set of pages changes (a brief added or
removed), when a page in the navigation changes its title, or when a template, schema,
asset or mkdocs.yml changes; it is built into a new folder, and the old site is served
until it is done.

While the briefs have problems (or a page would not convert, or MkDocs warns, as strict
mode would refuse), every page shows them instead; the next good save builds again.
"""

from __future__ import annotations

import functools
import logging
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import InclusionLevel

from build_hooks.errors import Problem
from build_hooks.options import options_from_config, read_config_file, search_plugin
from build_hooks.pipeline import conversion_problems
from build_hooks.preview.engine import PreviewEngine
from build_hooks.preview.server import PreviewServer, SiteState
from build_hooks.preview.watch import Edit, Edits
from build_hooks.preview_mkdocs import Capture, EngineSite, problems_at, warnings_from_mkdocs
from build_hooks.preview_plan import PreviewPlan, preview_plan
from build_hooks.render.templates import make_environment
from build_hooks.validate.schemas import SchemaSet
from build_hooks.words import count_of

log = logging.getLogger("build_hooks.preview")


class PreviewBuilder:
    """Keeps a built site up to date with the project's files, for `SiteState` to serve."""

    def __init__(self, root: Path, state: SiteState) -> None:
        self.root = root
        self.state = state
        self.engine: PreviewEngine[PreviewPlan] | None = None
        self._config: Any = None
        self._capture = Capture()
        self._site: EngineSite[PreviewPlan] | None = None
        self._hook: Any = None
        self._anchors_to_check: dict[str, Any] = {}

    # A whole build ---------------------------------------------------------------------

    def build_all(self) -> float:
        """Load every brief and build the whole site into a new folder; gives the time."""
        start = time.perf_counter()
        self.state.building = "building the site"
        config_file = self.root / "mkdocs.yml"
        site_dir = Path(tempfile.mkdtemp(prefix="briefs-preview-"))
        config = load_config(str(config_file), site_dir=str(site_dir))
        options = options_from_config(config, self.root)
        schemas = SchemaSet.load()
        make_plan = functools.partial(
            preview_plan, schemas=schemas, options=options, environment=make_environment()
        )
        engine = PreviewEngine(self.root, make_plan, schemas)
        engine.load()  # MkDocs converts every page next, strictly
        if engine.problems:
            self._fail(engine.problems, site_dir)
            self.engine = engine  # the next edit starts from these briefs
            return time.perf_counter() - start
        self._capture = Capture()
        config.plugins["briefs-preview"] = self._capture
        # Typed as a list, but MkDocs 1.6 holds the loaded hook modules by path.
        hooks: Any = config.hooks
        hook = next(module for module in hooks.values() if hasattr(module, "use_site"))
        site = EngineSite(engine.pages, engine.files)
        hook.start = lambda briefs_dir, root, options, converter, first: (engine.plan, site)
        config.plugins.on_startup(command="build", dirty=False)
        with warnings_from_mkdocs() as warned:
            try:
                mkdocs_build.build(config)
            except MkDocsException as error:
                warned.messages.append(str(error))
        if warned.messages:
            self._fail(problems_at("mkdocs.yml", warned.messages), site_dir)
            self.engine = None  # nothing built: the next edit builds everything
            return time.perf_counter() - start
        engine.pages.all_built()
        engine.files.built(engine.files.write())
        self._anchors_to_check = {}  # the whole build checked every page's
        self.engine, self._config, self._site, self._hook = engine, config, site, hook
        old = self.state.serve(site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return time.perf_counter() - start

    def _fail(self, problems: list[Problem], site_dir: Path | None = None) -> None:
        self.state.fail(problems)
        if site_dir is not None:
            shutil.rmtree(site_dir, ignore_errors=True)

    # After an edit -----------------------------------------------------------------------

    def apply(self, edit: Edit) -> None:
        """Bring the site up to date after an edit."""
        if edit.everything or self.engine is None or self._config is None:
            self.build_all()
            return
        engine = self.engine
        known = set(engine.pages.hand_written)
        if any(
            page not in known or not (self.root / "docs" / page).is_file() for page in edit.pages
        ):
            self.build_all()  # a hand-written page added or removed: the navigation changes
            return
        change = engine.update(edit.briefs, edit.pages)
        if change is None:
            self.state.fail(engine.problems)
            return
        if change.added or change.removed:
            self.build_all()
            return
        if not self._build_pages():
            return
        self.state.recover()

    def _build_pages(self) -> bool:
        """Convert and write every page the engine says changed, the edited first; False
        (the problems shown) if any would not build."""
        engine, config, capture, site = self.engine, self._config, self._capture, self._site
        assert engine is not None and site is not None
        self._hook.use_site(engine.plan, site)
        files = capture.files
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        built: list[str] = []
        converted: list[Any] = []
        while (src_uri := engine.next_page()) is not None:
            first = engine.pages.is_first(src_uri)
            markdown = engine.page(src_uri)
            if markdown is None:
                continue
            where = src_uri if engine.plan.generates(src_uri) else f"docs/{src_uri}"
            problems = conversion_problems(engine.plan, where, markdown)  # as `check` does
            if problems:
                self.state.fail(problems)
                return False
            file = files.get_file_from_path(src_uri)
            if file is None or file.page is None:
                self.build_all()  # a page MkDocs does not know: build it all
                return False
            page = file.page
            title, in_nav = page.title, not file.inclusion.is_not_in_nav()
            site.ready[src_uri] = markdown
            with warnings_from_mkdocs() as warned:
                try:
                    mkdocs_build._populate_page(page, config, files)
                    for _, clean, removed in site.sanitised():
                        page.content = clean
                        if removed is not None:
                            warned.messages.append(
                                f"the HTML sanitiser removed {removed}; a brief's text got"
                                " through escaping"
                            )
                    if in_nav and page.title != title:
                        self.build_all()  # the navigation on every page names it
                        return False
                    capture.mark(config)
                    with self.state.lock:
                        mkdocs_build._build_page(page, config, doc_files, capture.nav, capture.env)
                except MkDocsException as error:
                    warned.messages.append(str(error))
            if warned.messages:
                self.state.fail(problems_at(f"docs/{src_uri}", warned.messages))
                return False
            engine.built(src_uri)
            converted.append(page)
            built.append(self.state.base + page.url)
            if first:
                self.state.publish(built[-1:])  # what the contributor looks at, at once
        anchor_problems = self._check_anchors(converted, files)
        self._write_files(doc_files)
        if anchor_problems:
            self.state.fail(anchor_problems)
            return False
        self.state.publish(built)
        return True

    def _check_anchors(self, converted: list[Any], files: Any) -> list[Problem]:
        """Links to anchors, checked once every changed page is converted, as a whole
        build checks them: a link may name an anchor of a page converted after its own
        (a development moved to another month's page). A page whose anchors fail is
        checked again after every later edit until they pass: the edit that puts it
        right may be to another page."""
        self._anchors_to_check.update((page.file.src_uri, page) for page in converted)
        problems: list[Problem] = []
        for src_uri, page in sorted(self._anchors_to_check.items()):
            with warnings_from_mkdocs() as warned:
                page.validate_anchor_links(
                    files=files, log_level=self._config.validation.links.anchors
                )
            problems.extend(problems_at(f"docs/{src_uri}", warned.messages))
            if not warned.messages:
                del self._anchors_to_check[src_uri]
        return problems

    def _write_files(self, doc_files: Any) -> None:
        engine, config, capture = self.engine, self._config, self._capture
        assert engine is not None
        written = engine.files.write()
        # A file the site no longer has (a feed archive whose month's developments all
        # became expected, a topic's chart) goes, as a whole build would not write it.
        removed = engine.files.removed()
        site_dir = Path(config.site_dir)
        with self.state.lock:
            for path, content in written.items():
                (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
                (site_dir / path).write_bytes(content)
            for path in removed:
                (site_dir / path).unlink(missing_ok=True)
            search = search_plugin(config)
            if search is not None and capture.search:
                search.search_index.entries = [
                    entry for file in doc_files for entry in capture.search.get(file.src_uri, [])
                ]
                search.on_post_build(config=config)
                self._hook.on_post_build(config)  # the index tidied, as a whole build does
        engine.files.built(written, removed)

    def close(self) -> None:
        site_dir = self.state.site_dir
        if site_dir is not None:
            shutil.rmtree(site_dir, ignore_errors=True)


def serve(root: Path, host: str, port: int) -> None:
    """Build the site, serve it at host:port, and keep it up to date until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    # Stopped by a supervisor (SIGTERM) as by Ctrl-C: the watcher, the server and the
    # helper processes are closed below rather than left behind.
    signal.signal(signal.SIGTERM, _interrupt)
    state = SiteState()
    server = PreviewServer((host, port), state)
    threading.Thread(target=server.serve_forever, name="preview server", daemon=True).start()
    state.base = site_path(root)
    log.info("Serving the preview at http://%s:%d%s", host, server.server_address[1], state.base)
    builder = PreviewBuilder(root, state)
    edits = Edits(root)
    edits.start()  # before the build: an edit made while it runs is not lost
    try:
        seconds = builder.build_all()
        _report(builder, f"Built the whole site in {seconds:.2f} s")
        while (edit := edits.take()) is not None:
            start = time.perf_counter()
            builder.apply(edit)
            _report(builder, f"Updated in {time.perf_counter() - start:.3f} s")
    except KeyboardInterrupt:
        pass
    finally:
        edits.stop()
        server.shutdown()
        builder.close()


def site_path(root: Path) -> str:
    """The path of the site's address (`/briefs/`): the preview serves the site there."""
    site_url = read_config_file(root / "mkdocs.yml").get("site_url") or "/"
    return urllib.parse.urlsplit(str(site_url)).path.rstrip("/") + "/"


def _report(builder: PreviewBuilder, done: str) -> None:
    problems = builder.state.problems
    if problems:
        log.info("%s: the page shows them", count_of(len(problems), "problem", "problems"))
        for problem in problems:
            log.info("%s", problem)
    else:
        log.info("%s", done)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
