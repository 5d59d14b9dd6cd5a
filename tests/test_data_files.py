"""The data a reader can download: JSON, one CSV per type, the Atom feed and the chart."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import feedparser

from build_hooks.kinds import BRIEF_TYPES
from build_hooks.options import SiteOptions
from build_hooks.pipeline import build_site, check
from build_hooks.site.data_files import briefs_csv
from tests.conftest import REPO, BriefTree
from tests.helpers import SOURCE_S

SITE = build_site(REPO / "briefs", REPO, SiteOptions(site_url="https://example.org/briefs/"))
GRAPH = SITE.graph


def test_briefs_json_has_every_brief_with_resolved_references() -> None:
    data = json.loads(SITE.files["data/briefs.json"])
    items = {item["id"]: item for item in data["briefs"]}
    assert set(items) == set(GRAPH.briefs)
    for brief in GRAPH.briefs.values():
        item = items[brief.id]
        assert (item["type"], item["name"], item["url"], item["data"]) == (
            brief.kind,
            brief.name,
            brief.url,
            brief.data,
        )
    h200 = items["h200"]
    assert {
        "id": "nvidia",
        "type": "companies",
        "url": "companies/nvidia/",
        "relation": "reference",
        "field": "Designer",
    } in h200["references"]
    assert any(
        ref["id"] == "us-bis-2026-h200-licence-review" and ref["field"] == "Affected by"
        for ref in h200["referenced_by"]
    )


def csv_rows(path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(SITE.files[path].decode("utf-8-sig"))))


def test_one_csv_per_type_with_one_row_per_brief() -> None:
    for kind in BRIEF_TYPES:
        rows = csv_rows(f"data/{kind}.csv")
        assert [row["id"] for row in rows] == [b.id for b in GRAPH.kinds[kind]]
        assert all(row["page"] == f"{kind}/{row['id']}/" for row in rows)
    chips = {row["id"]: row for row in csv_rows("data/chips.csv")}
    assert chips["h200"]["specs.memory_gb"] == "141"
    assert chips["h200"]["tpp"] == "15832"
    assert chips["rtx-pro-6000d"]["specs.memory_bandwidth_gbs"] == "1398; 1100"


def test_csvs_start_with_a_byte_order_mark_for_excel() -> None:
    # Excel opens a CSV as UTF-8 only when it starts with a BOM; without one 英伟达 is
    # shown as mojibake.
    for kind in BRIEF_TYPES:
        data = SITE.files[f"data/{kind}.csv"]
        assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
    nvidia = next(row for row in csv_rows("data/companies.csv") if row["id"] == "nvidia")
    assert "英伟达" in nvidia["aliases"]


def test_every_sourced_value_in_a_csv_carries_its_sources() -> None:
    urls = {brief.id: brief.data["url"] for brief in GRAPH.kinds["sources"]}
    chips = {row["id"]: row for row in csv_rows("data/chips.csv")}
    # One group of sources per value, in the values' order.
    rtx = chips["rtx-pro-6000d"]
    assert rtx["specs.memory_bandwidth_gbs.sources"] == (
        "udn-2025-rtx-6000d-bandwidth; notebookcheck-2025-rtx-6000d rambler-2025-09-18-rtx-6000d"
    )
    groups = rtx["specs.memory_bandwidth_gbs.sources"].split("; ")
    assert rtx["specs.memory_bandwidth_gbs.source_urls"].split("; ") == [
        " ".join(urls[s] for s in group.split()) for group in groups
    ]
    # The computed TPP names the throughput readings it comes from.
    assert chips["h200"]["tpp.sources"] == "itkb-2026-06-22-h200-b300"
    # Every kind: a column of values with sources has its two source columns, one group
    # per value, and every id is a source brief.
    for kind in BRIEF_TYPES:
        for row in csv_rows(f"data/{kind}.csv"):
            for column, ids in row.items():
                if not column.endswith(".sources") or not row[column[: -len(".sources")]]:
                    continue
                field = column[: -len(".sources")]
                assert len(ids.split("; ")) == len(row[field].split("; ")), (kind, row["id"], field)
                assert all(s in urls for group in ids.split("; ") for s in group.split())
                assert row[field + ".source_urls"].count("https://") == len(ids.split())


def test_the_feed_is_valid_atom_with_one_entry_per_development() -> None:
    feed = feedparser.parse(SITE.files["feed.xml"])
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    timeline = GRAPH.timeline()
    assert len(feed.entries) == len(timeline)
    first = feed.entries[0]
    assert first.link == "https://example.org/briefs/" + timeline[0].brief.url
    assert first.title.startswith(timeline[0].date)
    assert [e.updated[:10] for e in feed.entries] == [t.date for t in timeline]
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    assert "Sources:" in first.content[0].value


def test_the_chart_is_svg_with_a_title_and_description() -> None:
    root = ET.fromstring(SITE.files["chips/tpp-bandwidth.svg"])
    ns = {"svg": "http://www.w3.org/2000/svg"}
    assert root.get("role") == "img"
    assert "H200" in root.find("svg:desc", ns).text
    assert len(root.findall("svg:circle", ns)) >= 3


def test_entity_pages_carry_json_ld() -> None:
    page = SITE.pages["chips/h200.md"]
    front = page.split("---\n")[1]
    import yaml

    meta = yaml.safe_load(front)
    data = json.loads(meta["jsonld"])
    assert data["@type"] == "Product" and data["name"] == "H200"
    assert data["brand"]["name"] == "Nvidia" and data["manufacturer"]["name"] == "TSMC"
    assert meta["title"] == "H200"


def test_csv_cells_that_look_like_formulas_stay_text(brief_tree: BriefTree) -> None:
    root = brief_tree(
        {
            "companies/formula.yaml": """
        name: '=HYPERLINK("https://evil.example/","click")'
        summary: A company whose name is a spreadsheet formula.[^s]
        as_of: 2026-01-28
        country: US
        """,
            "sources/s.yaml": SOURCE_S,
        }
    )
    graph, problems = check(root / "briefs", root)
    assert problems == []
    rows = list(csv.DictReader(io.StringIO(briefs_csv(graph, "companies").decode())))
    assert rows[0]["name"] == '\'=HYPERLINK("https://evil.example/","click")'
