"""Commas between footnote markers that stand side by side.

Two citations in a row ("[^a][^b]") become two superscript numbers, which read as one
("34") without a separator. A stylesheet cannot add it: `sup + sup` matches a marker
after another one even when text stands between them ("Beijing.,3"), since selectors
ignore text. So the separator is written into the page, between markers with nothing
between them but white space, and nowhere else.
"""

from __future__ import annotations

import re

SEPARATOR = '<sup class="footnote-separator">,</sup>'

# Python-Markdown's footnotes extension writes each marker as
# <sup id="fnref:…"><a class="footnote-ref" href="#fn:…">N</a></sup>
# (a repeated citation's marker has the id "fnrefN:…").
_MARKER = re.compile(r'<sup id="fnref[0-9]*:[^"]*"><a class="footnote-ref"[^>]*>[^<]*</a></sup>')
_NEXT_MARKER = re.compile(r'\s*<sup id="fnref[0-9]*:')


def separate_footnotes(html: str) -> str:
    """`html` with a comma between footnote markers that have nothing but white space
    between them.

    >>> print(separate_footnotes(
    ...     'a.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
    ...     '<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup> b.'
    ...     '<sup id="fnref2:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'))
    ... # doctest: +NORMALIZE_WHITESPACE
    a.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup><sup
    class="footnote-separator">,</sup><sup id="fnref:2"><a class="footnote-ref"
    href="#fn:2">2</a></sup> b.<sup id="fnref2:1"><a class="footnote-ref"
    href="#fn:1">1</a></sup>
    """
    if "footnote-ref" not in html:
        return html
    pieces = []
    end = 0
    for marker in _MARKER.finditer(html):
        pieces.append(html[end : marker.end()])
        if _NEXT_MARKER.match(html, marker.end()):
            pieces.append(SEPARATOR)
        end = marker.end()
    pieces.append(html[end:])
    return "".join(pieces)
