"""Machine-readable output: /data/briefs.json, one CSV per type, and the Atom feed.

Every file is deterministic: briefs in graph order, keys sorted, and dates taken from the
briefs, never from the clock.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

from feedgen.feed import FeedGenerator
from markupsafe import escape

from build_hooks.formatting import distinct_values, is_readings
from build_hooks.graph import Graph
from build_hooks.markdown_text import scan
from build_hooks.model import Brief
from build_hooks.options import SiteOptions
from build_hooks.thresholds import tpp
from build_hooks.types import BRIEF_TYPES, TITLES

DATA_JSON = "data/briefs.json"
FEED = "feed.xml"
# Text fields too long or too nested for a table: they stay in briefs.json.
_NOT_IN_CSV = {"summary", "timeline", "thresholds", "notes", "issued_by"}


def data_file_paths() -> list[str]:
    """The paths `data_files` writes, known before they are written."""
    return [DATA_JSON, *(_csv_path(kind) for kind in BRIEF_TYPES), FEED]


def data_files(graph: Graph, options: SiteOptions) -> dict[str, bytes]:
    files = {DATA_JSON: briefs_json(graph)}
    for kind in BRIEF_TYPES:
        files[_csv_path(kind)] = briefs_csv(graph, kind)
    files[FEED] = atom_feed(graph, options)
    return files


def _csv_path(kind: str) -> str:
    return f"data/{kind}.csv"


def briefs_json(graph: Graph) -> bytes:
    """Every brief with its references resolved in both directions."""
    items: list[dict[str, Any]] = []
    for brief in graph.briefs.values():
        items.append({
            "id": brief.id, "type": brief.kind, "name": brief.name, "url": brief.url,
            "file": brief.path, "data": brief.data,
            "references": [_link_json(graph, link.target, link.relation, link.title)
                           for link in graph.outgoing.get(brief.id, [])],
            "referenced_by": [
                _link_json(graph, link.source, link.relation, link.inverse or link.title)
                for link in graph.incoming.get(brief.id, [])],
        })
    # One brief per line: a change to one brief changes one line, and json's C encoder
    # (which `indent` would turn off) writes a big site's file in a fraction of the time.
    lines = [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in items]
    return ('{"briefs": [\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def _link_json(graph: Graph, brief_id: str, relation: str, label: str) -> dict[str, str]:
    other = graph.briefs[brief_id]
    return {"id": other.id, "type": other.kind, "url": other.url, "relation": relation,
            "field": label}


def briefs_csv(graph: Graph, kind: str) -> bytes:
    """One row per brief of a type; sourced values joined with '; ', sources left out."""
    rows = [_flatten(brief) for brief in graph.kinds[kind]]
    columns = ["id", "name", "page"]
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()}
                     for row in rows)
    return out.getvalue().encode("utf-8")


def spreadsheet_safe(cell: str) -> str:
    """A cell that a spreadsheet shows as text rather than running as a formula.

    A brief's text opening with '=', '+', '-' or '@' would be a formula in Excel or
    LibreOffice (CSV injection, CWE-1236); a leading apostrophe keeps it text (OWASP).

    >>> print(spreadsheet_safe('=HYPERLINK("https://evil.example")'), spreadsheet_safe("H200"))
    '=HYPERLINK("https://evil.example") H200
    """
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _flatten(brief: Brief) -> dict[str, str]:
    row = {"id": brief.id, "name": brief.name, "page": brief.url}

    def put(key: str, value: Any) -> None:
        if is_readings(value):
            row[key] = "; ".join(str(v) for v in distinct_values(value))
        elif isinstance(value, dict):
            for child, child_value in value.items():
                put(f"{key}.{child}", child_value)
        elif isinstance(value, list):
            row[key] = "; ".join(str(item) for item in value)
        else:
            row[key] = "" if value is None else str(value)

    for key, value in brief.data.items():
        if key not in _NOT_IN_CSV:
            put(key, value)
    if brief.kind == "chips":
        row["tpp"] = "; ".join(f"{v:g}" for v in tpp(brief).values)
    return row


def atom_feed(graph: Graph, options: SiteOptions) -> bytes:
    """One Atom entry per timeline development, newest first."""
    base = options.site_url or "https://example.invalid/"
    entries = graph.timeline()
    feed = FeedGenerator()
    feed.id(base)
    feed.title("AI Chip Policy Briefs: developments")
    feed.subtitle("Every dated development recorded in a brief, each with its sources.")
    feed.link(href=base, rel="alternate")
    feed.link(href=base + FEED, rel="self")
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
        item.category(term=brief.kind, label=TITLES[brief.kind])
        item.content(_entry_html(graph, entry.text, entry.sources, entry.reported, base),
                     type="html")
    return feed.atom_str(pretty=True)


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
