"""What the preview keeps of MkDocs's whole build, and what it hands MkDocs for single
pages afterwards: the plugin that captures the build's files, navigation, theme and
search entries; the site the hook's page events answer from (the preview engine's); the
warnings MkDocs logs, each a problem as strict mode would refuse it. Used by
preview_site.py, which runs MkDocs's own page steps with them.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any, Generic

from mkdocs.plugins import BasePlugin

from build_hooks.errors import Problem
from build_hooks.options import search_plugin
from build_hooks.preview.data import PreviewFiles
from build_hooks.preview.pages import P, PreviewPages
from build_hooks.site.finish import finish_page


class Capture(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Keeps what a whole build made (files, navigation, theme), and each page's entries
    in the search index, so single pages can be built again afterwards."""

    def __init__(self) -> None:
        super().__init__()
        self.files: Any = None
        self.nav: Any = None
        self.env: Any = None
        self.search: dict[str, list[Any]] = {}
        self._mark = 0

    def on_pre_build(self, config: Any) -> None:
        self.search, self._mark = {}, 0

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        self.env = env
        return env

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        entries = search_entries(config)
        if entries is not None:
            self.search[page.file.src_uri] = entries[self._mark :]
            self._mark = len(entries)
        return context

    def mark(self, config: Any) -> None:
        """The next page's entries are those added from now on."""
        entries = search_entries(config)
        self._mark = 0 if entries is None else len(entries)


def search_entries(config: Any) -> list[Any] | None:
    plugin = search_plugin(config)
    return None if plugin is None else plugin.search_index.entries


class EngineSite(Generic[P]):
    """What the hook asks of a site build, answered from the preview engine: each page's
    Markdown (recording what it reads), its HTML sanitised here and now."""

    helper_processes = 0
    converts = False  # pages are handed over as Markdown: MkDocs converts them

    def __init__(self, pages: PreviewPages[P], files: PreviewFiles) -> None:
        self._pages, self._files = pages, files
        self.ready: dict[str, str] = {}
        self._cleaned: list[tuple[Any, str, str | None]] = []

    def page(self, src_uri: str) -> str:
        markdown = self.ready.pop(src_uri, None)
        return self._pages.ready(src_uri) if markdown is None else markdown

    def sanitise(self, key: Any, html: str) -> None:
        self._cleaned.append((key, *finish_page(html)))

    def sanitised(self) -> list[tuple[Any, str, str | None]]:
        cleaned, self._cleaned = self._cleaned, []
        return cleaned

    def files(self) -> dict[str, bytes]:
        self._files.forget_built()
        return self._files.write()

    def close(self) -> None:
        pass


class Warnings(logging.Handler):
    """What MkDocs warns about while building: strict mode refuses each."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def warnings_from_mkdocs() -> Iterator[Warnings]:
    handler = Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def problems_at(where: str, messages: list[str]) -> list[Problem]:
    return [Problem(where, 1, 1, "", message) for message in messages]
