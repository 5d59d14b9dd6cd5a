"""The Atom feed: one entry per dated development, newest first."""

from __future__ import annotations

import datetime

from feedgen.feed import FeedGenerator
from markupsafe import escape

from build_hooks import paths
from build_hooks.graph.graph import Graph
from build_hooks.validate.mentions import scan
from build_hooks.kinds import KINDS
from build_hooks.options import SiteOptions


def atom_feed(graph: Graph, options: SiteOptions) -> bytes:
    """One Atom entry per timeline development, newest first (scheduled ones join when
    they are confirmed)."""
    base = options.site_url or "https://example.invalid/"
    entries = [entry for entry in graph.timeline() if not entry.expected]
    feed = FeedGenerator()
    feed.id(base)
    feed.title("AI Chip Policy Briefs: developments")
    feed.subtitle("Every dated development recorded in a brief, each with its sources.")
    feed.link(href=base, rel="alternate")
    feed.link(href=base + paths.FEED, rel="self")
    feed.language("en")
    feed.updated(_midnight(entries[0].date if entries else "2000-01-01"))
    for entry in reversed(entries):  # feedgen puts the last added entry first
        brief = entry.brief
        item = feed.add_entry()
        item.id(f"{base}{brief.url}#development-{entry.date}-{entry.index}")
        item.title(f"{entry.date}: {brief.name}")
        item.link(href=base + brief.url)
        item.updated(_midnight(entry.date))
        item.published(_midnight(entry.date))
        item.category(term=brief.kind, label=KINDS[brief.kind].title)
        item.content(_entry_html(graph, entry.text, entry.sources, entry.reported, base),
                     type="html")
    atom: bytes = feed.atom_str(pretty=True)
    return atom


def _entry_html(graph: Graph, text: str, sources: tuple[str, ...], reported: bool,
                base: str) -> str:
    words = plain_text(graph, text)
    cited = ", ".join(
        f'<a href="{escape(base + graph.briefs[s].url)}">{escape(graph.briefs[s].name)}</a>'
        for s in sources)
    flag = "<p><em>Reported: rests on anonymous sources.</em></p>" if reported else ""
    return f"<p>{escape(words)}</p>{flag}<p>Sources: {cited}</p>"


def plain_text(graph: Graph, text: str) -> str:
    """A Markdown field as plain words: mentions become names, citations disappear."""
    pieces, position = [], 0
    for token in scan(text):
        pieces.append(text[position:token.offset])
        if token.kind == "mention":
            pieces.append(token.label or graph.briefs[token.target].name)
        position = token.offset + len(token.text)
    pieces.append(text[position:])
    return " ".join("".join(pieces).split())


def _midnight(date: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(date).replace(tzinfo=datetime.UTC)
