"""URLs in generated Markdown: relative links between pages and safe outside addresses."""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urlsplit


def relative_link(from_src: str, to_src: str) -> str:
    """The Markdown link from one documentation file to another, for MkDocs to resolve.

    >>> relative_link("chips/h200.md", "companies/nvidia.md")
    '../companies/nvidia.md'
    >>> relative_link("index.md", "chips/index.md")
    'chips/index.md'
    """
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def outside_url(url: str) -> str:
    """An http(s) address made safe to write as a Markdown link destination.

    The schema already allows only http and https; this also percent-encodes the
    characters Markdown would read as the end of the link or as markup.

    >>> outside_url("https://example.com/a_(b) c")
    'https://example.com/a_%28b%29%20c'
    """
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise ValueError(f"not an http(s) URL: {url!r}")
    return quote(url, safe=":/?#@!$&+,;=%~-._*")


def display_url(url: str) -> str:
    """A short form of an address for link text: host and path, no scheme.

    >>> display_url("https://www.aa.com.tr/en/asia-pacific/x/3808963")
    'www.aa.com.tr/en/asia-pacific/x/3808963'
    """
    parts = urlsplit(url)
    text = parts.netloc + parts.path.rstrip("/")
    return text if len(text) <= 80 else text[:79] + "…"
