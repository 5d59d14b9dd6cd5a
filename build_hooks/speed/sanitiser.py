"""Sanitising every page while MkDocs converts the next ones, on other cores.

MkDocs converts the Markdown of every page first (`on_page_content` sees each page's HTML)
and renders and writes pages only after that (`on_env` comes between the two passes). So
the hook hands each page's HTML over as it is converted and takes every cleaned page back
in `on_env`, before anything is rendered, indexed for search or written. On a big site
the build's helper processes clean the pages meanwhile; otherwise each page is cleaned as
it is handed over. Either way every page is cleaned by the same function, so the site is
the same byte for byte.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from build_hooks.site.finish import finish_page
from build_hooks.speed.processes import Helpers, Pending

Key = TypeVar("Key")
Cleaned = tuple[str, str | None]

# Pages travel to the helpers in batches: one message per page would cost more in
# pickling and waking processes than cleaning the page does.
BATCH = 64
TASK = "sanitise pages"


def clean_pages(pages: list[str]) -> list[Cleaned]:
    return [finish_page(html) for html in pages]


class PageSanitiser(Generic[Key]):
    """Takes pages' HTML as they are converted and gives them back cleaned, in order."""

    def __init__(self, helpers: Helpers) -> None:
        self._helpers = helpers
        self._keys: list[Key] = []
        self._batch: list[str] = []
        self._results: list[Pending[list[Cleaned]]] = []

    def submit(self, key: Key, html: str) -> None:
        """Clean `html` (now, or in a helper); `finish` gives it back with `key`."""
        self._keys.append(key)
        self._batch.append(html)
        if len(self._batch) >= BATCH or not self._helpers.forked:
            self._send()

    def finish(self) -> list[tuple[Key, str, str | None]]:
        """Every page submitted, in order: its key, its clean HTML, and what cleaning
        removed (None if nothing)."""
        self._send()
        cleaned = [page for result in self._results for page in result.get()]
        keys, self._keys, self._results = self._keys, [], []
        return [(key, html, removed) for key, (html, removed) in zip(keys, cleaned, strict=True)]

    def _send(self) -> None:
        if self._batch:
            self._results.append(self._helpers.start(TASK, self._batch))
            self._batch = []
