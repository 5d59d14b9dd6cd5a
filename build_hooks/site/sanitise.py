"""The last line of defence: rendered page HTML through an allowlist sanitiser (nh3).

Everything from a brief is escaped before it becomes Markdown (markdown_text.py), so this
pass should never find anything to remove. It is here for the day an escape is missed:
Python-Markdown does not sanitise and says so, MkDocs neither, and anyone can open a pull
request. The allowlist is what our templates and Python-Markdown's extensions produce,
and nothing more; a test checks that sanitising the real site changes nothing.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator

import nh3

TAGS = {
    "a", "abbr", "blockquote", "br", "code", "details", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "img", "li", "ol", "p", "pre", "span", "strong", "summary", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}

# Heading ids for permalinks and the table of contents, footnote ids for citations.
ATTRIBUTES = {
    "*": {"id"},
    "a": {"href", "title", "data-preview"},
    # A glossary term, focusable so that its definition shows on keyboard focus and touch
    # (render/glossary_marks.py); the definition is its tooltip and its description.
    "abbr": {"tabindex", "aria-describedby"},
    "span": {"role", "data-search-exclude"},
    "p": {"data-search-exclude"},
    "img": {"src", "alt", "title"},
    "table": {"data-search-exclude"},
    "th": {"style"},
    "td": {"style"},
}

# Only the classes that Python-Markdown's footnotes, toc, admonitions and fenced code (in
# hand-written pages) and our templates use: a class can restyle or hide content, or hook
# into the theme's scripts. (ammonia wants `class` here and not in ATTRIBUTES.)
CLASSES = {
    "a": {"footnote-ref", "footnote-backref", "headerlink"},
    "div": {"footnote", "admonition", "note", "info", "warning", "danger", "tip",
            "brief-lead", "brief-summary", "infobox"},
    "abbr": {"glossary"},
    "span": {"glossary-tip"},
    "img": {"topic-chart"},
    "p": {"admonition-title"},
    "code": {"language-yaml", "language-text", "language-sh", "language-json"},
    "sup": {"footnote-separator"},
}

URL_SCHEMES = {"http", "https", "mailto"}


def clean_page(html: str) -> tuple[str, str | None]:
    """The sanitised HTML of a page, and what sanitising removed (None if it only
    re-serialised it); the build fails on anything removed."""
    clean = sanitise_html(html)
    return clean, what_was_removed(html, clean)


def sanitise_html(html: str) -> str:
    """`html` with every tag, attribute, class and URL scheme outside the allowlist removed.

    >>> sanitise_html('<p onclick="x()">Hi <script>alert(1)</script></p>')
    '<p>Hi </p>'
    >>> sanitise_html('<a href="javascript:alert(1)" data-preview="">x</a>')
    '<a data-preview="">x</a>'
    >>> sanitise_html('<h2 id="timeline">Timeline<a class="headerlink" href="#timeline">¶</a></h2>')
    '<h2 id="timeline">Timeline<a class="headerlink" href="#timeline">¶</a></h2>'
    """
    return _CLEANER.clean(html)


# Configured once: building the allowlist for every page costs a tenth of the cleaning.
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    allowed_classes=CLASSES,
    url_schemes=URL_SCHEMES,
    filter_style_properties={"text-align"},
    strip_comments=True,
    link_rel=None,
)


# An unquoted '<' ends the search for a tag's '>' (it cannot be inside a tag), so text full
# of unclosed tags costs linear time, not a scan to the end from every '<'.
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def what_was_removed(before: str, after: str) -> str | None:
    """What sanitising took out of `before`, in words, or None if it only re-serialised it.

    >>> what_was_removed('<p>a<br />b</p>', '<p>a<br>b</p>') is None
    True
    >>> what_was_removed('<p onclick="x">a</p>', '<p>a</p>')
    "the attribute onclick='x' of <p>"
    >>> what_was_removed('<a class="headerlink x">¶</a>', '<a class="headerlink">¶</a>')
    "the attribute class='headerlink x' of <a>"
    """
    if _shape(before) == _shape(after):
        return None  # the same elements and attribute names: only re-serialised
    tags_before, tags_after = _tags(before), _tags(after)
    if tags_before != tags_after:
        for (tag, attributes), (tag_after, attributes_after) in zip(
                tags_before, tags_after, strict=False):
            if tag != tag_after:
                return f"a <{tag}> element"
            for name, value in attributes.items():
                if attributes_after.get(name) != value:
                    return f"the attribute {name}={value!r} of <{tag}>"
        longer = tags_before[len(tags_after):]
        return f"a <{longer[0][0]}> element" if longer else "an element"
    if _text(before) != _text(after):
        return "text inside an element it removed"
    return None


_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
_TAG_OPENING = re.compile(r"<[a-zA-Z]")
# Names with or without a value: `<a data-preview href="…">` comes back from the sanitiser
# as `<a data-preview="" href="…">`, and both must count as the same attributes.
_ATTRIBUTE_NAME = re.compile(r"""\s([^\s=/>"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?""")
_FILTERED_VALUE = re.compile(r'\s(?:class|style)="([^"]*)"')


def _shape(html: str) -> tuple[list[str], ...]:
    """Element names, attribute names, and the class and style values (the attributes a
    sanitiser trims rather than drops), in order: cheap, and everything it can take away.
    Re-serialising (`<br />` as `<br>`, entities as characters) leaves this unchanged."""
    start_tags = "".join(_start_tags(html))
    return (_TAG_NAME.findall(start_tags), _ATTRIBUTE_NAME.findall(start_tags),
            _FILTERED_VALUE.findall(start_tags))


def _start_tags(html: str) -> Iterator[str]:
    """What `re.findall(r"<[a-zA-Z][^>]*>", html)` finds, in linear time: that pattern
    searches to the end of the page from every '<' that no '>' follows."""
    pieces = html.split(">")
    for piece in pieces[:-1]:
        opening = _TAG_OPENING.search(piece)
        if opening is not None:
            yield piece[opening.start():] + ">"


def _tags(html: str) -> list[tuple[str, dict[str, str]]]:
    found = []
    for match in _TAG.finditer(html):
        attributes = {name.lower(): html_lib.unescape(next((v for v in values if v), ""))
                      for name, *values in _ATTRIBUTE.findall(match.group(2))}
        found.append((match.group(1).lower(), attributes))
    return found


def _text(html: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]*>", " ", html)).split())
