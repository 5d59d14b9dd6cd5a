"""A dry run of the site's Markdown conversion, so that `check` passes only what builds.

Every page is converted with the same Python-Markdown extensions and settings as the
site, and whatever goes wrong becomes a problem at the brief the page comes from: a
brief that passes `check` cannot then stop the build with a traceback. (The limits in
validate/rules.py keep every page's conversion small; this is the proof, and the net
for anything they have not foreseen.)
"""

from __future__ import annotations

import re
from typing import Any

import markdown

from build_hooks.errors import Problem

_PLACEHOLDER = "klzzwxh:"  # Python-Markdown's stash marker (markdown.util.STX aside)
_ID = re.compile(r'\sid="([^"]*)"')
_FRAGMENT_LINK = re.compile(r'\shref="#([^"]*)"')

# One converter per process, made on first use: making one per page would cost more
# than converting it, and worker processes each need their own.
_converter: markdown.Markdown | None = None
_made_with: tuple[tuple[str, dict[str, Any]], ...] = ()


def conversion_error(page: str, extensions: tuple[tuple[str, dict[str, Any]], ...]) -> str | None:
    """What went wrong converting one page's Markdown to HTML, or None."""
    global _converter, _made_with
    if _converter is None or _made_with != extensions:
        _converter = markdown.Markdown(
            extensions=[name for name, _ in extensions],
            extension_configs={name: settings for name, settings in extensions if settings},
        )
        _made_with = extensions
    _converter.reset()
    text = _without_front_matter(page)
    try:
        html = _converter.convert(text)
    except RecursionError:
        return "it nests too deeply for the Markdown converter"
    except Exception as error:  # any failure of the converter is the brief's
        return f"the Markdown converter failed ({type(error).__name__}: {error})"
    if html.count(_PLACEHOLDER) > text.count(_PLACEHOLDER):
        # Python-Markdown stores pieces of a page under placeholders while it works; a
        # tangle of emphasis markers can leave one in the page and lose what it held.
        # (Counted against the text: a brief may hold the marker's letters as words.)
        return "the Markdown converter lost part of its text among emphasis markers"
    ids = set(_ID.findall(html))
    missing = sorted({target for target in _FRAGMENT_LINK.findall(html) if target not in ids})
    if missing:
        # What MkDocs's strict build refuses: a link to an anchor the page lacks, such as
        # a footnote whose citation the converter did not see.
        return f"it links to anchors the page lacks ({', '.join(missing[:3])})"
    return None


def conversion_problem(path: str, src_uri: str, reason: str) -> Problem:
    """The problem for a page that would not convert, at the brief it comes from."""
    return Problem(path, 1, 1, "", (
        f"its page ({src_uri}) cannot be built: {reason}; look for deeply nested lists or"
        " emphasis, or very long runs of one character, in its text"))


def _without_front_matter(page: str) -> str:
    # MkDocs reads the front matter as metadata, not as part of the page.
    if page.startswith("---\n"):
        end = page.find("\n---\n", 4)
        if end >= 0:
            return page[end + 5 :]
    return page
