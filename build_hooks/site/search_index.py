"""Material's search index, tidied after the search plugin writes it.

- Footnote numbers and footnote lists leave the indexed text. A page's footnotes are its
  sources' titles, which the sources' own pages index already; in the section they end
  they showed as "… (Reuters, 2026-01-08, wire source) ↩" in result snippets, and at
  scale they and the `<sup>` numbers were over a third of the index's compressed bytes
  (measured on a 2,000-brief synthetic site).
- A brief's names in other scripts (its aliases with a character outside ASCII) go into a
  `names` field, whole: the search plugin segments Chinese text into words, and 輝達 or
  阿里巴巴集团 split into pieces no longer matched a query for the whole name, while a
  source's headline that mentions the name outranked the company. mkdocs.yml gives
  `names` the weight Material gives tags, so a brief comes first for its own names.
  So does the brief's id when it is one word (`h200`, `nvidia`). Latin-script aliases
  and hyphenated ids stay out: the search splits them into words, and each word would
  count as a name ("Ascend" in "Ascend 950PR" made every query for Ascend favour the
  950; "h200" in `cn-h200-in-principle-approval` put a policy above the chip).
- Titles lose the zero-width spaces segmentation puts between Chinese words (readers saw
  and copied them); the segmented title stays searchable, unseen, in `heading`.
- British and American spellings find each other ("license" finds what "licence" finds)
  through an unseen `spellings` field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from build_hooks.graph.graph import Graph

# A footnote list as Material's search plugin flattens it: an ordered list whose every item
# is one paragraph ending in the back-reference arrow.
# Each pattern that takes the spaces before what it removes starts only where a run of
# spaces starts: tried inside the run, `\s*` would rescan it from every position (N^2).
_FOOTNOTES = re.compile(r"(?<!\s)\s*<ol>(?:\s*<li>\s*<p>[^<]*↩</p>\s*</li>)+\s*</ol>")
_REFERENCE = re.compile(r"<sup>\d+</sup>")
_ARROW = re.compile(r"(?<!\s)\s*↩")
_SEGMENTED = "\u200b"

# Words the briefs spell the British way and readers may type the American way, or the
# reverse; each pair is matched in both directions.
_SPELLINGS = {
    "licence": "license",
    "licences": "licenses",
    "centre": "center",
    "centres": "centers",
    "defence": "defense",
    "programme": "program",
    "programmes": "programs",
    "organisation": "organization",
    "organisations": "organizations",
    "authorisation": "authorization",
    "authorisations": "authorizations",
    "authorised": "authorized",
    "licenced": "licensed",
}
_VARIANTS = {**_SPELLINGS, **{american: british for british, american in _SPELLINGS.items()}}
# Each of those words where it is a whole word (a run of letters a-z), in one search.
_VARIANT = re.compile(
    "(?<![a-z])(" + "|".join(sorted(_VARIANTS, key=lambda word: (-len(word), word))) + ")(?![a-z])"
)
_ONE_WORD = re.compile(r"[a-z0-9]+")


def search_names(graph: Graph) -> dict[str, list[str]]:
    """Each entity brief's page URL (as the index gives locations) and the names it should
    come first for: its id if one word, its aliases in other scripts. Sources get none: a
    source that reports on a company should not rank with the company for its name."""
    names: dict[str, list[str]] = {}
    for brief in graph.briefs.values():
        if brief.kind == "sources":
            continue
        aliases = [str(alias) for alias in brief.data.get("aliases") or []]
        found = [brief.id] if _ONE_WORD.fullmatch(brief.id) else []
        found += [alias for alias in aliases if not alias.isascii()]
        if found:
            names[brief.url] = found
    return names


def tidy_text(text: str) -> str:
    """
    >>> tidy_text("<p>Sold.<sup>1</sup></p> <ol> <li> <p>Reuters (wire) ↩</p> </li> </ol>")
    '<p>Sold.</p>'
    """
    return _ARROW.sub("", _REFERENCE.sub("", _FOOTNOTES.sub("", text)))


def spellings(text: str) -> str:
    """The other spelling of every word in `text` that has one.

    >>> spellings("<p>A Licence to the centre, and another licence.</p>")
    'license center'
    """
    found = (_VARIANTS[word] for word in _VARIANT.findall(text.lower()))
    return " ".join(dict.fromkeys(found))


def tidy_document(document: dict[str, Any]) -> dict[str, Any] | None:
    """One document of the index tidied (its `names` apart); None when it is left with
    neither text nor a page of its own (a section that held only footnotes). The result
    is shared: add to a copy."""
    text = tidy_text(document["text"])
    if not text and document["text"] and "#" in document["location"]:
        return None
    tidied = {**document, "text": text}
    if _SEGMENTED in document["title"]:
        tidied["title"] = document["title"].replace(_SEGMENTED, "")
        tidied["heading"] = document["title"]
    other = spellings(text)
    if other:
        tidied["spellings"] = other
    return tidied


def tidy_index(
    data: bytes,
    names: dict[str, list[str]],
    tidy: Callable[[dict[str, Any]], dict[str, Any] | None] = tidy_document,
) -> bytes:
    """The index with every document tidied (by `tidy`, tidy_document or the same
    remembered) and each brief's page given its names."""
    index = tidied_index(json.loads(data), names, tidy)
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def tidied_index(
    index: dict[str, Any],
    names: dict[str, list[str]],
    tidy: Callable[[dict[str, Any]], dict[str, Any] | None] = tidy_document,
) -> dict[str, Any]:
    """`tidy_index` of the index read."""
    documents = []
    for document in index["docs"]:
        tidied = tidy(document)
        if tidied is None:
            continue
        if document["location"] in names:
            tidied = {**tidied, "names": names[document["location"]]}
        documents.append(tidied)
    return {**index, "docs": documents}
