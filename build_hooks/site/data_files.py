"""Machine-readable output: /data/briefs.json, one CSV per kind, and the Atom feed.

The CSVs start with a byte order mark (Excel reads UTF-8 only with one) and carry the
sources of every sourced value beside it.

Every file is deterministic: briefs in graph order, keys sorted, and dates taken from the
briefs, never from the clock.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from build_hooks import paths
from build_hooks.graph.brief import Brief, is_readings
from build_hooks.graph.graph import Graph
from build_hooks.graph.thresholds import tpp
from build_hooks.kinds import BRIEF_TYPES, KINDS
from build_hooks.options import SiteOptions
from build_hooks.site.feed import feed_files, feed_paths

TABLES = "tables"
"""The group of files (see SitePlan.file_groups) `table_files` writes."""
# Text fields too long or too nested for a table: they stay in briefs.json.
_NOT_IN_CSV = {"summary", "timeline", "thresholds", "notes", "issued_by"}


def data_file_paths(graph: Graph) -> list[str]:
    """The paths `data_files` writes, known before they are written."""
    return [paths.DATA_JSON, *(paths.csv_file(kind) for kind in BRIEF_TYPES), *feed_paths(graph)]


def data_files(graph: Graph, options: SiteOptions) -> dict[str, bytes]:
    return {**table_files(graph), **feed_files(graph, options)}


def table_files(graph: Graph) -> dict[str, bytes]:
    """briefs.json and one CSV per kind."""
    files = {paths.DATA_JSON: briefs_json(graph)}
    for kind in BRIEF_TYPES:
        files[paths.csv_file(kind)] = briefs_csv(graph, kind)
    return files


def briefs_json(graph: Graph) -> bytes:
    """Every brief with its references resolved in both directions."""
    return json_from_lines([brief_json_line(graph, brief) for brief in graph.briefs.values()])


def brief_json_line(graph: Graph, brief: Brief) -> str:
    """One brief's line of briefs.json: its data, and its links both ways."""
    item = {
        "id": brief.id,
        "type": brief.kind,
        "name": brief.name,
        "url": brief.url,
        "file": brief.path,
        "data": brief.data,
        "references": [
            _link_json(graph, link.target, link.relation, link.title)
            for link in graph.outgoing.get(brief.id, [])
        ],
        "referenced_by": [
            _link_json(graph, link.source, link.relation, link.inverse or link.title)
            for link in graph.incoming.get(brief.id, [])
        ],
    }
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def json_from_lines(lines: list[str]) -> bytes:
    """briefs.json from its briefs' lines, in graph order."""
    # One brief per line: a change to one brief changes one line, and json's C encoder
    # (which `indent` would turn off) writes a big site's file in a fraction of the time.
    return ('{"briefs": [\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def _link_json(graph: Graph, brief_id: str, relation: str, label: str) -> dict[str, str]:
    other = graph.briefs[brief_id]
    return {
        "id": other.id,
        "type": other.kind,
        "url": other.url,
        "relation": relation,
        "field": label,
    }


def briefs_csv(graph: Graph, kind: str) -> bytes:
    """One row per brief of a type. A sourced field's values are joined with '; ', and
    two columns beside it, `<field>.sources` and `<field>.source_urls`, name the sources
    of each value in the same order (a value's several sources separated by spaces)."""
    return csv_from_rows([csv_row(graph, brief) for brief in graph.kinds[kind]])


def csv_from_rows(rows: list[dict[str, str]]) -> bytes:
    """A kind's CSV from its briefs' rows, in graph order."""
    return csv_bytes(rows, ["id", "name", "page"])


def csv_bytes(rows: list[dict[str, str]], first_columns: list[str]) -> bytes:
    """Rows as CSV: every column any row has (`first_columns` first), every cell quoted
    and guarded against formulas, with a byte order mark so that Excel reads the file as
    UTF-8 (without one it shows Chinese names as mojibake)."""
    columns = list(first_columns)
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    out = io.StringIO()
    # Every cell quoted: a spreadsheet then reads each as one cell, whatever it holds.
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()} for row in rows)
    return out.getvalue().encode("utf-8-sig")


# A formula can start a cell, or start after anything a spreadsheet may split a cell on
# when it guesses the separator (a semicolon in many European locales, a tab, a line).
_FORMULA_START = re.compile(r"(^|[;,\t\r\n|])( *)([=+\-@\t\r])")


def spreadsheet_safe(cell: str) -> str:
    """A cell that a spreadsheet shows as text rather than running as a formula.

    Text from a brief starting with '=', '+', '-' or '@' would be a formula in Excel or
    LibreOffice (CSV injection, CWE-1236); an apostrophe before it keeps it text (OWASP),
    at the start of the cell and after every separator a spreadsheet might split on.

    >>> print(spreadsheet_safe('=HYPERLINK("https://evil.example")'), spreadsheet_safe("H200"))
    '=HYPERLINK("https://evil.example") H200
    >>> print(spreadsheet_safe("Semi Corp;=2+5;"), spreadsheet_safe("a, -1"))
    Semi Corp;'=2+5; a, '-1
    """
    return _FORMULA_START.sub(lambda m: f"{m.group(1)}{m.group(2)}'{m.group(3)}", cell)


def csv_row(graph: Graph, brief: Brief) -> dict[str, str]:
    """One brief's row of its kind's CSV, by column."""
    row = {"id": brief.id, "name": brief.name, "page": brief.url}

    def put(key: str, value: Any) -> None:
        if is_readings(value):
            grouped = sourced_values(value)
            row[key] = "; ".join(str(v) for v in grouped)
            row.update(source_columns(graph, key, list(grouped.values())))
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
    if "export controls" in KINDS[brief.kind].sections:
        values = tpp(brief, graph.bits).values
        row["tpp"] = "; ".join(f"{v:g}" for v in values)
        row.update(source_columns(graph, "tpp", [tpp_sources(brief, graph.bits, v)
                                                 for v in values]))
    return row


def sourced_values(readings: list[dict[str, Any]]) -> dict[Any, list[str]]:
    """Each distinct value of a sourced field, in the order first given, with the ids of
    every source that gives it (in order, each once)."""
    grouped: dict[Any, list[str]] = {}
    for reading in readings:
        sources = grouped.setdefault(reading["value"], [])
        sources.extend(s for s in reading.get("sources", []) if s not in sources)
    return grouped


def tpp_sources(chip: Brief, bits: dict[str, int], value: float) -> list[str]:
    """The sources of the throughput readings a TPP value is computed from."""
    found: list[str] = []
    for term in tpp(chip, bits).terms:
        for reading in term.readings:
            if float(reading["value"]) * term.bits == value:
                found.extend(s for s in reading.get("sources", []) if s not in found)
    return found


def source_columns(graph: Graph, key: str, sources: list[list[str]]) -> dict[str, str]:
    """`<key>.sources` and `<key>.source_urls`: per value, its sources' ids and addresses.

    Addresses hold no spaces (the schema refuses them); a ';' in one is written `%3B`,
    so that the column splits into values unambiguously.
    """
    def urls(ids: list[str]) -> str:
        return " ".join(str(graph.briefs[s].data.get("url", "")).replace(";", "%3B")
                        for s in ids if s in graph.briefs)

    return {f"{key}.sources": "; ".join(" ".join(ids) for ids in sources),
            f"{key}.source_urls": "; ".join(urls(ids) for ids in sources)}
