"""The search index's documents tidied, remembered by their content, for a process that
tidies the index again.

The preview server tidies the whole index after every save (it is one file), although a
save changes the documents of a few pages: at 10,000 briefs that was about 4.7 s of every
update, spent again on 38,000 documents unchanged. A document's tidied form depends on
its own fields alone (site/search_index.py), so it is remembered by them.
"""

from __future__ import annotations

from typing import Any

from build_hooks.site.search_index import tidy_document as fresh_tidy_document

_MAX_DOCUMENTS = 500_000
_FIELDS = frozenset({"location", "title", "text"})
_tidied: dict[tuple[str, str, str], dict[str, Any] | None] = {}


def tidy_document(document: dict[str, Any]) -> dict[str, Any] | None:
    """site.search_index.tidy_document, remembered for the same location, title and text
    (a document with other fields, such as tags, is tidied afresh)."""
    if document.keys() != _FIELDS:
        return fresh_tidy_document(document)
    key = (document["location"], document["title"], document["text"])
    if key not in _tidied:
        if len(_tidied) >= _MAX_DOCUMENTS:
            _tidied.clear()
        _tidied[key] = fresh_tidy_document(document)
    return _tidied[key]
