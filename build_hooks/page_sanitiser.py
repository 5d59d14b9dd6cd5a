"""Sanitising every page while MkDocs converts the next ones, on other cores.

MkDocs converts the Markdown of every page first (`on_page_content` sees each page's HTML)
and renders and writes pages only after that (`on_env` comes between the two passes). For
a big site the hook hands each page's HTML to the build's helper processes and goes on at
once; `finish`, called from `on_env`, puts every cleaned page in place before anything is
rendered, indexed for search or written. Small sites, and processes with other threads
(`mkdocs serve`; see workers.py), clean each page there and then. Either way every page is
cleaned by the same function, so the site is the same byte for byte.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from build_hooks.sanitise import sanitise_html, what_was_removed
from build_hooks.workers import Helpers, Pending

Key = TypeVar("Key")

# Pages travel to the helpers in batches: one message per page would cost more in
# pickling and waking processes than cleaning the page does.
BATCH = 64
TASK = "sanitise pages"


def clean_page(html: str) -> tuple[str, str | None]:
    """The cleaned HTML, and what cleaning removed (None if it only re-serialised)."""
    clean = sanitise_html(html)
    return clean, what_was_removed(html, clean)


def clean_pages(pages: list[str]) -> list[tuple[str, str | None]]:
    return [clean_page(html) for html in pages]


# The helper task this module needs, for `Helpers(…, tasks)`.
TASKS: dict[str, Any] = {TASK: clean_pages}


class PageSanitiser(Generic[Key]):
    """Cleans pages now, or in the helper processes and hands them back in `finish`."""

    def __init__(self, helpers: Helpers) -> None:
        self._helpers = helpers
        self._keys: list[Key] = []
        self._batch: list[str] = []
        self._results: list[Pending[list[tuple[str, str | None]]]] = []

    def submit(self, key: Key, html: str) -> tuple[str, str | None] | None:
        """`clean_page(html)` now, or None when a helper cleans it (see `finish`)."""
        if not self._helpers.forked:
            return clean_page(html)
        self._keys.append(key)
        self._batch.append(html)
        if len(self._batch) >= BATCH:
            self._send()
        return None

    def finish(self) -> list[tuple[Key, str, str | None]]:
        """Every page the helpers cleaned, in the order submitted: key, HTML, removed."""
        self._send()
        cleaned = [page for result in self._results for page in result.get()]
        keys, self._keys, self._results = self._keys, [], []
        return [(key, html, removed) for key, (html, removed) in zip(keys, cleaned, strict=True)]

    def _send(self) -> None:
        if self._batch:
            self._results.append(self._helpers.start(TASK, self._batch))
            self._batch = []
