"""A description for pages that do not set one: the first paragraph of their text.

Brief pages and indexes carry a description in their front matter (render/); the
timeline, the hand-written pages and the other generated pages get theirs here, from
their first paragraph, rather than all sharing the site's.
"""

from __future__ import annotations

import html as html_lib
from html.parser import HTMLParser

from build_hooks.render.description import shorten


def description_from_html(html: str) -> str | None:
    """The plain text of the page's first paragraph of its own text (not a breadcrumb,
    an admonition or a footnote marker), shortened and escaped for an attribute; None if
    it has none.

    >>> description_from_html('<p data-search-exclude>Home</p><h1>T</h1>'
    ...                       '<p>Every <em>dated</em> development.<sup><a>1</a></sup></p>')
    'Every dated development.'
    >>> description_from_html('<p>&quot;A&quot; &amp; B</p>')
    '&quot;A&quot; &amp; B'
    """
    finder = _FirstParagraph()
    finder.feed(html)
    finder.close()
    text = " ".join("".join(finder.text).split())
    return html_lib.escape(shorten(text), quote=True) if text else None


_VOID = frozenset({"br", "img", "wbr", "hr", "input", "source", "area", "col", "embed"})


class _FirstParagraph(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self._depth = 0  # inside the paragraph: how many elements deep
        self._skip = 0  # inside something in it that is not text (a footnote marker)
        self._done = False
        self._aside = 0  # inside an admonition or a footnote list

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done or tag in _VOID:
            return
        names = dict(attrs)
        classes = (names.get("class") or "").split()
        if self._depth:
            self._depth += 1
            self._skip += self._skip > 0 or tag == "sup"
        elif tag == "div" and ({"admonition", "footnote"} & set(classes)):
            self._aside += 1
        elif self._aside and tag == "div":
            self._aside += 1
        elif tag == "p" and not self._aside and "data-search-exclude" not in names:
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._done or tag in _VOID:
            return
        if self._depth:
            self._depth -= 1
            self._skip = max(0, self._skip - 1)
            if self._depth == 0:
                self._done = bool("".join(self.text).strip())
                if not self._done:
                    self.text = []
        elif self._aside and tag == "div":
            self._aside -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip and not self._done:
            self.text.append(data)
