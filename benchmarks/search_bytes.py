"""What a reader's first search downloads, measured in headless Chromium.

    python benchmarks/search_bytes.py SITE_DIR QUERY...

For each query a fresh browser (nothing cached) opens the site's home page, opens the
search, types the query and waits for the results. Every file the search fetched (the
worker the page loads beforehand, then the index's parts, Material's worker and its
language files) is counted at its gzip-compressed size, as a static host serves it.
Prints, per query, the bytes, the number of files and the first result's title.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

_SEARCH_SCRIPT = "search"  # in the address of the site's worker and of Material's
CHROMIUM = os.environ.get("BRIEFS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@dataclasses.dataclass
class FirstSearch:
    query: str
    bytes: int  # gzip-compressed, summed over the files fetched
    files: int
    first_result: str | None
    results: str  # Material's count line ("12 matching documents")


def first_searches(site: Path, queries: list[str]) -> list[FirstSearch]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            try:
                return [_first_search(browser, site, base, query) for query in queries]
            finally:
                browser.close()
    finally:
        server.shutdown()


def _first_search(browser: Any, site: Path, base: str, query: str) -> FirstSearch:
    context = browser.new_context()  # a reader who has not searched before
    try:
        page = context.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(base, wait_until="load")
        # The page loads the search's worker with its other scripts; the rest, from the
        # index on, comes when the reader opens the search.
        fetched[:] = [url for url in fetched if _SEARCH_SCRIPT in url]
        page.click(".md-search__input")
        page.wait_for_function(
            "() => document.querySelector('.md-search-result__meta').textContent"
            ".includes('Type to start searching')"
        )
        page.fill(".md-search__input", query)
        page.dispatch_event(".md-search__input", "keyup")
        page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta').textContent.includes('Type')"
        )
        titles = page.locator(".md-search-result__item > a h1").all_inner_texts()
        count = page.locator(".md-search-result__meta").inner_text()
    finally:
        context.close()
    files = sorted({file for url in fetched if (file := _local(site, base, url)) is not None})
    return FirstSearch(
        query,
        sum(_gzip_size(file) for file in files),
        len(files),
        titles[0] if titles else None,
        count,
    )


def _local(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


@functools.cache
def _gzip_size(file: Path) -> int:
    return len(gzip.compress(file.read_bytes(), 6, mtime=0))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    for result in first_searches(Path(argv[0]), argv[1:]):
        print(
            f"{result.query}: {result.bytes:,} bytes in {result.files} files;"
            f" first result {result.first_result!r}; {result.results}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
