"""Material's search index split so that a reader's first search downloads a small part.

Material's search worker downloads the whole index (24.9 MB, 3.9 MB compressed, at 10,000
briefs) before answering anything. Here the index becomes:

- `search/search_index.json`: Material's settings and no documents, plus what the site's
  worker (docs/assets/javascripts/workers/search-shards.js) needs to find the rest (the
  word starts that have a file, so that it asks for no file the site lacks);
- `search/terms/<key>.json`: for every word of the index, the pages it is on, with 2 where
  it is in a title, a heading, a name or a tag (what search ranks first) and 1 in text;
  one file per word start (two characters; one for a word in Chinese script, which the
  worker looks up character by character), named by the start's UTF-8 bytes in hex;
- `search/pages/<n>.json`: the index's documents of the n-th page (its sections too).

For a query the worker reads the files for its words' starts, keeps the best-placed
pages (at most `LIMIT`), reads their documents and has Material's own worker code search
them: it ranks, segments Chinese and highlights exactly as before. Words are listed as
Material's search splits them (its separator, before and after lower case, markup left
out), so up to the limit the pages kept include every page Material's search would find
for the words typed. A query that matches more pages than the limit shows the limit's
best-placed ones (by where the words stand, then by page order).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

LIMIT = 100
"""Pages whose documents a query reads; the best-ranked first."""
MANIFEST = "search/search_index.json"
TERMS = "search/terms"
PAGES = "search/pages"
_RANKED_FIELDS = ("title", "heading", "names", "tags")
_TEXT_FIELDS = ("text", "spellings")
_MARKUP = re.compile(r"<[^<>]*>")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def shard_key(word: str) -> str:
    """The file a word is listed in: its first two characters, or its first alone if that
    is a Chinese character, as UTF-8 bytes in hex (safe in any file system and URL).

    >>> shard_key("nvidia"), shard_key("华为")
    ('6e76', 'e58d8e')
    """
    start = word[:1] if _HAN.match(word) else word[:2]
    return start.encode("utf-8").hex()


def split_index(index: dict[str, Any]) -> dict[str, bytes]:
    """The files that replace Material's `search_index.json` (tidied), by path under the
    site."""
    separator = re.compile(index["config"]["separator"])
    pages: list[list[dict[str, Any]]] = []
    page_of: dict[str, int] = {}
    words: dict[str, dict[int, int]] = defaultdict(dict)
    for document in index["docs"]:
        page = document["location"].split("#", 1)[0]
        if page not in page_of:
            page_of[page] = len(pages)
            pages.append([])
        number = page_of[page]
        pages[number].append(document)
        for weight, fields in ((2, _RANKED_FIELDS), (1, _TEXT_FIELDS)):
            for word in _words(document, fields, separator):
                if words[word].get(number, 0) < weight:
                    words[word][number] = weight
    shards: dict[str, dict[str, list[list[int]]]] = defaultdict(dict)
    for word in sorted(words):
        shards[shard_key(word)][word] = sorted(map(list, words[word].items()))
    manifest = {
        **index,
        "config": {
            **index["config"],
            "shards": {"pages": len(pages), "limit": LIMIT, "keys": sorted(shards)},
        },
        "docs": [],
    }
    files = {MANIFEST: _json(manifest)}
    for key in sorted(shards):
        files[f"{TERMS}/{key}.json"] = _json(shards[key])
    for number, documents in enumerate(pages):
        files[f"{PAGES}/{number}.json"] = _json(documents)
    return files


class SearchFiles:
    """Writes the search's files into a site folder, and after an edit (the preview) only
    those that changed, removing those the site no longer has."""

    def __init__(self) -> None:
        self._written: dict[str, bytes] = {}
        self._site_dir: Path | None = None

    def write(self, site_dir: Path, files: dict[str, bytes]) -> None:
        if site_dir != self._site_dir:
            # Another folder (the preview's comparison build, a second `mkdocs build` in
            # the same process) has none of the files written before.
            self._written, self._site_dir = {}, site_dir
        for path in sorted(self._written.keys() - files.keys()):
            (site_dir / path).unlink(missing_ok=True)
        if not self._written:
            # Parts an earlier process wrote (a build into a used site folder) go too.
            for folder in (TERMS, PAGES):
                if (site_dir / folder).is_dir():
                    for stale in sorted((site_dir / folder).iterdir()):
                        if f"{folder}/{stale.name}" not in files:
                            stale.unlink()
        for path, content in files.items():
            # The manifest always: Material's search plugin has just written its whole
            # index in its place.
            if path == MANIFEST or self._written.get(path) != content:
                (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
                (site_dir / path).write_bytes(content)
        self._written = dict(files)


def _words(document: dict[str, Any], fields: tuple[str, ...], separator: re.Pattern[str]) -> set[str]:
    found: set[str] = set()
    for field in fields:
        value = document.get(field)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                # Split before lower case and after: the separator splits camel case
                # ("NVLink") on its capitals, and either may be what the search compares.
                plain = _MARKUP.sub(" ", text)
                for words in (separator.split(plain), separator.split(plain.lower())):
                    found.update(map(str.lower, words))
    found.discard("")  # what the separator leaves between two of its matches
    return found


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode(
        "utf-8"
    )
