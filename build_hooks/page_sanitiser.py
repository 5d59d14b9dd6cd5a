"""Sanitising every page while MkDocs converts the next ones, on other cores.

MkDocs converts the Markdown of every page first (`on_page_content` sees each page's HTML)
and renders and writes pages only after that (`on_env` comes between the two passes). For
a big site the hook hands each page's HTML to forked worker processes and goes on at once;
`finish`, called from `on_env`, puts every cleaned page in place before anything is
rendered, indexed for search or written. Small sites, and processes with other threads
(`mkdocs serve`; see workers.py), clean each page there and then. Either way every page is
cleaned by the same function, so the site is the same byte for byte.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.pool import AsyncResult, Pool
from typing import Generic, TypeVar

from build_hooks.sanitise import sanitise_html, what_was_removed

Key = TypeVar("Key")

# Pages travel to the workers in batches: one message per page would cost more in
# pickling and waking processes than cleaning the page does.
BATCH = 64


def clean_page(html: str) -> tuple[str, str | None]:
    """The cleaned HTML, and what cleaning removed (None if it only re-serialised)."""
    clean = sanitise_html(html)
    return clean, what_was_removed(html, clean)


def _clean_batch(pages: list[str]) -> list[tuple[str, str | None]]:
    return [clean_page(html) for html in pages]


class PageSanitiser(Generic[Key]):
    """Cleans pages now, or in `workers` forked processes and hands them back in `finish`."""

    def __init__(self, workers: int) -> None:
        self._pool: Pool | None = (multiprocessing.get_context("fork").Pool(workers)
                                   if workers > 1 else None)
        self._keys: list[Key] = []
        self._batch: list[str] = []
        self._results: list[AsyncResult[list[tuple[str, str | None]]]] = []

    def submit(self, key: Key, html: str) -> tuple[str, str | None] | None:
        """`clean_page(html)` now, or None when a worker cleans it (see `finish`)."""
        if self._pool is None:
            return clean_page(html)
        self._keys.append(key)
        self._batch.append(html)
        if len(self._batch) >= BATCH:
            self._send()
        return None

    def finish(self) -> list[tuple[Key, str, str | None]]:
        """Every page the workers cleaned, in the order submitted: key, HTML, removed."""
        if self._pool is None:
            return []
        self._send()
        cleaned = [page for result in self._results for page in result.get()]
        keys, self._keys, self._results = self._keys, [], []
        self.close()
        return [(key, html, removed) for key, (html, removed) in zip(keys, cleaned, strict=True)]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _send(self) -> None:
        if self._batch and self._pool is not None:
            self._results.append(self._pool.apply_async(_clean_batch, (self._batch,)))
            self._batch = []
