"""The Atom feed: the newest developments in `/feed.xml`, and every month's in an archive
document, `/feed/2026-01.xml` (RFC 5005, archived feeds).

The subscription document links to the newest month's archive (`prev-archive`), and each
archive to the months before and after it, so a reader can walk back through every
development; `/timeline/` links the same months for people. Every entry's id is a `tag:`
URI made from its brief and date, which no rebuild, reordering or new entry changes, and
its link is the entry's address on its month's timeline page (RFC 4287 requires an
author: every entry names the site's, so an entry copied out of the feed keeps one).
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from markupsafe import escape

from build_hooks import paths
from build_hooks.graph.brief import Development
from build_hooks.graph.graph import Graph
from build_hooks.kinds import KINDS
from build_hooks.options import SiteOptions
from build_hooks.render.templates import make_xml_environment
from build_hooks.validate.mentions import scan

FEED = "feed"
"""The group of files (see SitePlan.file_groups) `feed_files` writes."""
FEED_ENTRIES = 50
"""Developments in /feed.xml; older ones are in the monthly archives."""
AUTHOR = "AI Chip Policy Briefs"
TITLE = "AI Chip Policy Briefs: developments"
TAG_YEAR = 2026
"""The year in every `tag:` id: the site held its address then (RFC 4151). Never change
it: it is part of every id a reader's feed program has stored."""


@dataclasses.dataclass(frozen=True)
class _Entry:
    id: str
    title: str
    updated: str
    link: str
    brief_link: str
    brief_name: str
    kind: str
    kind_label: str
    content: str


def happened(graph: Graph) -> list[Development]:
    """The developments a feed carries, newest first (scheduled ones join once dated)."""
    return [entry for entry in graph.timeline() if not entry.expected]


def archive_months(graph: Graph) -> list[str]:
    """Every month (YYYY-MM) with developments in the feed, newest first."""
    return list(dict.fromkeys(entry.date[:7] for entry in happened(graph)))


def feed_paths(graph: Graph) -> list[str]:
    """The feed's files: the subscription document and one archive per month."""
    return [paths.FEED, *(paths.feed_archive(month) for month in archive_months(graph))]


def feed_files(graph: Graph, options: SiteOptions) -> dict[str, bytes]:
    """`/feed.xml` and every monthly archive, by path."""
    base = options.site_url or "https://example.invalid/"
    entries = happened(graph)
    months = archive_months(graph)
    files = {
        paths.FEED: _document(
            graph,
            base,
            entries[:FEED_ENTRIES],
            self_path=paths.FEED,
            prev_month=months[0] if months else None,
        )
    }
    for position, month in enumerate(months):
        files[paths.feed_archive(month)] = _document(
            graph,
            base,
            [entry for entry in entries if entry.date.startswith(month)],
            self_path=paths.feed_archive(month),
            archive=True,
            prev_month=months[position + 1] if position + 1 < len(months) else None,
            next_month=months[position - 1] if position > 0 else None,
        )
    return files


def entry_id(base: str, entry: Development) -> str:
    """A permanent id: `tag:<host>,2026:<site path>development/<anchor>`.

    >>> from types import SimpleNamespace as N
    >>> entry_id("https://example.org/briefs/", N(anchor="nvidia-2026-01-23"))
    'tag:example.org,2026:/briefs/development/nvidia-2026-01-23'
    """
    address = urlsplit(base)
    host = address.hostname or "example.invalid"
    return f"tag:{host},{TAG_YEAR}:{address.path or '/'}development/{entry.anchor}"


def _document(
    graph: Graph,
    base: str,
    entries: list[Development],
    *,
    self_path: str,
    archive: bool = False,
    prev_month: str | None = None,
    next_month: str | None = None,
) -> bytes:
    def url(src_uri: str) -> str:
        return base + paths.page_url(src_uri)

    items = [
        _Entry(
            id=entry_id(base, entry),
            title=f"{entry.date}: {entry.brief.name}",
            updated=_midnight(entry.date),
            link=f"{url(paths.timeline_month(entry.month))}#{entry.anchor}",
            brief_link=base + entry.brief.url,
            brief_name=entry.brief.name,
            kind=entry.brief.kind,
            kind_label=KINDS[entry.brief.kind].title,
            content=_entry_html(graph, entry, base),
        )
        for entry in entries
    ]
    month = self_path.removeprefix("feed/").removesuffix(".xml") if archive else None
    text = (
        make_xml_environment()
        .get_template("feed.xml.j2")
        .render(
            feed_id=base,
            title=TITLE if month is None else f"{TITLE}, {month}",
            subtitle="Every dated development recorded in a brief, each with its sources"
            + (" (the newest; the archives hold the rest)." if month is None else "."),
            updated=items[0].updated if items else _midnight("2000-01-01"),
            author=AUTHOR,
            base=base,
            alternate=url(paths.TIMELINE) if month is None else url(paths.timeline_month(month)),
            self_href=base + self_path,
            archive=archive,
            current=base + paths.FEED,
            prev_archive=base + paths.feed_archive(prev_month) if prev_month else None,
            next_archive=base + paths.feed_archive(next_month) if next_month else None,
            entries=items,
        )
    )
    return text.encode("utf-8")


def _entry_html(graph: Graph, entry: Development, base: str) -> str:
    words = plain_text(graph, entry.text)
    cited = ", ".join(
        f'<a href="{escape(base + graph.briefs[s].url)}">{escape(graph.briefs[s].name)}</a>'
        for s in entry.sources
    )
    flag = "<p><em>Reported: rests on anonymous sources.</em></p>" if entry.reported else ""
    return f"<p>{escape(words)}</p>{flag}<p>Sources: {cited}</p>"


def plain_text(graph: Graph, text: str) -> str:
    """A Markdown field as plain words: mentions become names, citations disappear."""
    pieces, position = [], 0
    for token in scan(text):
        pieces.append(text[position : token.offset])
        if token.kind == "mention":
            pieces.append(token.label or graph.briefs[token.target].name)
        position = token.offset + len(token.text)
    pieces.append(text[position:])
    return " ".join("".join(pieces).split())


def _midnight(date: str) -> str:
    return f"{date}T00:00:00Z"
