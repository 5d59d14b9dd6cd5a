"""URLs in generated Markdown: relative links between pages and safe outside addresses."""

from __future__ import annotations

import functools
from urllib.parse import quote, urlsplit


def relative_link(from_src: str, to_src: str) -> str:
    """The Markdown link from one documentation file to another, for MkDocs to resolve.

    >>> relative_link("chips/h200.md", "companies/nvidia.md")
    '../companies/nvidia.md'
    >>> relative_link("index.md", "chips/index.md")
    'chips/index.md'
    >>> relative_link("chips/h200.md", "chips/h20.md")
    'h20.md'
    """
    return _link_from_folder(from_src.rpartition("/")[0], to_src)


# Pages in the same folder link to the same briefs: work each folder and target out once.
@functools.lru_cache(maxsize=1 << 17)
def _link_from_folder(folder: str, to_src: str) -> str:
    # Both are normalised paths inside docs/ (no `.` or `..` parts), so this is
    # `posixpath.relpath` without its filesystem calls.
    from_folders = folder.split("/") if folder else []
    to_parts = to_src.split("/")
    common = 0
    while (
        common < len(from_folders)
        and common < len(to_parts) - 1
        and from_folders[common] == to_parts[common]
    ):
        common += 1
    return "/".join([".."] * (len(from_folders) - common) + to_parts[common:])


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
