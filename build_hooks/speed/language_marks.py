"""`site.languages.mark_languages` without a Python step for every tag.

The plain function searches a finished page for a Han character, then reads it token by
token (tags, comments, text) to find the text that holds Chinese. At 10,000 briefs that
took about 1.3 ms a page in MkDocs's process (13 s of a build), mostly in the search:
its pattern lists many ranges of characters, and most pages have no Han character, so
it reads them to the end. Here:

- a page without a character at U+3007 or above (where Han characters start) is left
  as it is, found by a search for that one range, several times quicker;
- one regular expression passes over every token that needs nothing done (a comment, a
  tag that opens no raw element, text without a Han character, a `<` that opens
  nothing) in one step, and the plain function's own loop takes the rest: text that
  holds Han characters, and a raw element (`<script>`, `<style>`, `<textarea>`,
  `<title>`) up to its end.

The tokens are the plain function's, found by its own patterns, so the page is the same.
"""

from __future__ import annotations

import re

from zhon import hanzi

from build_hooks.site.languages import _RAW, _RUN, _TAG, _TOKEN, _marked

# Tokens that need nothing done, as many as follow one another. Each is the token the
# plain tokeniser (`_TOKEN`: a comment, a tag, text, a lone `<`) finds at that place: the
# same alternatives, tried in the same order, each taken whole. The run stops at text
# that holds a Han character, and at a `<` where `_RAW` (which ignores case) matches:
# there the token is a raw element's tag, or a lone `<` if no tag closes, and the loop
# below takes it as the plain one does. tests/test_language_marks.py checks that
# `_TOKEN` and `_RAW` are still what this assumes.
_RAW_START = f"(?i:{_RAW.pattern})"
# Every Han character is at 〇 (U+3007) or above (the test checks it).
_WIDE = re.compile("[\u3007-\U0010ffff]")
_UNMARKED = re.compile(
    f"(?>(?s:<!--.*?-->)|(?!{_RAW_START}){_TAG}|[^<{hanzi.characters}]++(?![^<])|(?!{_RAW_START})<)*+"
)


def mark_languages(html: str) -> str:
    """site.languages.mark_languages(html), the same string.

    >>> mark_languages('<p title="英伟达">Nvidia (英伟达)</p><script>"华为"</script>')
    '<p title="英伟达">Nvidia (<span lang="zh-Hans">英伟达</span>)</p><script>"华为"</script>'
    """
    if not _WIDE.search(html):
        return html
    pieces = []
    position, end = 0, len(html)
    while position < end:
        unmarked = _UNMARKED.match(html, position)
        assert unmarked is not None  # it matches the empty string at least
        pieces.append(unmarked.group(0))
        position = unmarked.end()
        token = _TOKEN.match(html, position)
        if token is None:  # the end of the page
            break
        # The token the run stopped at, taken as the plain loop takes it.
        text = token.group(0)
        position = token.end()
        if not (text.startswith("<") and len(text) > 1):
            pieces.append(_RUN.sub(_marked, text))  # text (with Han characters)
            continue
        pieces.append(text)
        raw = _RAW.match(text)
        if raw is None:
            continue
        # A raw element: every token up to the one that closes it, as the plain loop does.
        raw_until = f"</{raw.group(1).lower()}"
        for token in _TOKEN.finditer(html, position):
            pieces.append(token.group(0))
            position = token.end()
            if token.group(0).lower().startswith(raw_until):
                break
    return "".join(pieces)
