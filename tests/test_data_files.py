"""The data a reader can download: JSON, one CSV per type, the Atom feed and the chart."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser

from build_hooks.graph.thresholds import metric_values
from build_hooks.kinds import BRIEF_TYPES
from build_hooks.options import SiteOptions
from build_hooks.pipeline import build_site, check
from build_hooks.site.data_files import briefs_csv
from build_hooks.site.feed import FEED_ENTRIES
from build_hooks.site.search_index import search_names, tidy_index
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


def test_the_feed_is_valid_atom_with_the_newest_developments() -> None:
    feed = feedparser.parse(SITE.files["feed.xml"])
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    timeline = [entry for entry in GRAPH.timeline() if not entry.expected]
    assert len(feed.entries) == min(len(timeline), FEED_ENTRIES)
    first = feed.entries[0]
    assert first.title.startswith(timeline[0].date)
    assert [e.updated[:10] for e in feed.entries] == [t.date for t in timeline[:FEED_ENTRIES]]
    assert "Sources:" in first.content[0].value
    # RFC 4287: every entry has an author (here, the feed's) and an id that is a URI.
    assert feed.feed.author_detail.name == "AI Chip Policy Briefs"
    assert all(e.author == "AI Chip Policy Briefs" for e in feed.entries)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    assert all(e.id.startswith("tag:example.org,2026:/briefs/development/") for e in feed.entries)


def test_feed_entries_link_to_their_anchor_on_the_timeline() -> None:
    feed = feedparser.parse(SITE.files["feed.xml"])
    for entry in feed.entries:
        page, anchor = entry.link.removeprefix("https://example.org/briefs/").split("#")
        month = SITE.pages[page.rstrip("/") + ".md"]
        assert f"{{ #{anchor} }}" in month, (entry.link, "no such anchor on the page")
        related = next(link.href for link in entry.links if link.rel == "related")
        assert related.removeprefix("https://example.org/briefs/") in {
            b.url for b in GRAPH.briefs.values()
        }


def test_entry_ids_stay_the_same_when_entries_are_added(fixture_tree: Path) -> None:
    before = {e.id: e.link for e in _feed_entries(fixture_tree)}
    # A new entry of the same brief on another day, and one on the same day.
    path = fixture_tree / "briefs/companies/acme.yaml"
    text = path.read_text("utf-8")
    addition = (
        "  - date: 2025-06-01\n    text: A second announcement.\n    sources: [press-release]\n"
        "  - date: 2024-01-01\n    text: An earlier one.\n    sources: [press-release]\n"
    )
    path.write_text(text.replace("timeline:\n", "timeline:\n" + addition, 1), "utf-8")
    after = {e.id: e.link for e in _feed_entries(fixture_tree)}
    assert before.items() <= after.items()
    assert len(after) == len(before) + 2
    assert any(link.endswith("#acme-2025-06-01-2") for link in after.values())


def _feed_entries(root: Path) -> list[feedparser.FeedParserDict]:
    site = build_site(root / "briefs", root, SiteOptions(site_url="https://example.org/briefs/"))
    return list(feedparser.parse(site.files["feed.xml"]).entries)


def test_every_development_is_reachable_through_the_monthly_archives() -> None:
    """RFC 5005: from /feed.xml, prev-archive links lead through every month, and each
    archive links back to the subscription document."""
    seen: set[str] = set()
    feed = feedparser.parse(SITE.files["feed.xml"])
    seen.update(e.id for e in feed.entries)
    archives = 0
    link = _link(feed, "prev-archive")
    while link is not None:
        archive = feedparser.parse(SITE.files[link.removeprefix("https://example.org/briefs/")])
        assert not archive.bozo, archive.bozo_exception
        assert _link(archive, "current") == "https://example.org/briefs/feed.xml"
        assert b"<fh:archive/>" in SITE.files[link.removeprefix("https://example.org/briefs/")]
        seen.update(e.id for e in archive.entries)
        archives += 1
        link = _link(archive, "prev-archive")
    assert archives == len({e.date[:7] for e in GRAPH.timeline() if not e.expected}) > 10
    assert len(seen) == len([e for e in GRAPH.timeline() if not e.expected])


def _link(feed: feedparser.FeedParserDict, rel: str) -> str | None:
    return next((link.href for link in feed.feed.links if link.rel == rel), None)


def chart_marks() -> dict[str, tuple[str, str]]:
    """Each chip point on the chart: its title, and (its shape, its colour)."""
    root = ET.fromstring(SITE.files["chips/tpp-bandwidth.svg"])
    return {
        mark.find(f"{SVG}title").text.split(":")[0]: (mark.tag.removeprefix(SVG), mark.get("fill"))
        for mark in root
        if mark.find(f"{SVG}title") is not None
    }


SVG = "{http://www.w3.org/2000/svg}"


def test_the_chart_is_svg_with_a_title_and_description() -> None:
    root = ET.fromstring(SITE.files["chips/tpp-bandwidth.svg"])
    assert root.get("role") == "img"
    description = root.find(f"{SVG}desc").text
    assert "H200: 15,832 TPP, 4,800 GB/s" in description
    assert "H100: TPP not sourced, 3,000 GB/s" in description


def test_the_chart_has_every_chip_with_either_figure() -> None:
    with_data = {
        chip.name
        for chip in GRAPH.kinds["chips"]
        if metric_values(chip, "tpp", GRAPH.bits)
        or metric_values(chip, "memory_bandwidth_gbs", GRAPH.bits)
    }
    assert len(with_data) == 8  # three with both figures, five with one
    assert set(chart_marks()) == with_data
    # And the page names the chips it cannot place.
    page = SITE.pages["chips/index.md"]
    assert "Neither figure is sourced for [B30A](b30a.md)" in page


def test_the_chart_colours_and_shapes_points_by_designer_country_with_a_legend() -> None:
    marks = chart_marks()
    assert marks["H200"] == marks["H20"] == marks["RTX Pro 6000D"]
    assert marks["Ascend 910C"] == marks["Ascend 950"]
    shape, colour = marks["H200"]
    other_shape, other_colour = marks["Ascend 910C"]
    assert shape != other_shape and colour != other_colour
    root = ET.fromstring(SITE.files["chips/tpp-bandwidth.svg"])
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "United States" in texts and "China" in texts
    legend = {mark.get("fill") for mark in root if mark.find(f"{SVG}title") is None}
    assert {colour, other_colour} <= legend


def test_the_chart_text_stays_readable_when_the_chart_is_shrunk_to_a_phone() -> None:
    # Shown about 350 px wide on a 390 px phone (tests/browser measures it): its
    # smallest text must stay 10 px or more there.
    root = ET.fromstring(SITE.files["chips/tpp-bandwidth.svg"])
    width = float(root.get("viewBox").split()[2])
    sizes = [float(t.get("font-size") or root.get("font-size")) for t in root.iter(f"{SVG}text")]
    assert min(sizes) * 350 / width >= 10


def test_the_chart_data_downloads_with_the_page_of_each_chip() -> None:
    text = SITE.files["chips/tpp-bandwidth.csv"].decode("utf-8")
    assert text.startswith("\ufeff")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))}
    assert set(rows) == set(chart_marks())
    assert rows["H200"] == {
        "id": "h200",
        "name": "H200",
        "page": "chips/h200/",
        "designer": "nvidia",
        "designer_country": "United States",
        "memory_bandwidth_gbs": "4800",
        "tpp": "15832",
    }
    assert rows["H100"]["tpp"] == "" and rows["H100"]["memory_bandwidth_gbs"] == "3000"
    assert "[tpp-bandwidth.csv](tpp-bandwidth.csv)" in SITE.pages["chips/index.md"]


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


def test_the_search_index_keeps_no_footnote_numbers_or_lists() -> None:
    index = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "chips/h20/", "title": "H20", "text": ""},
            {
                "location": "chips/h20/#h20",
                "title": "H20",
                "text": "<p>Made for China.<sup>1</sup><sup>12</sup></p> <ol> <li> <p>Reuters,"
                " 2025-04-15 (wire source) ↩</p> </li> <li> <p>BIS (primary source) ↩</p>"
                " </li> </ol>",
            },
            {
                "location": "chips/h20/#mentioned-in",
                "title": "Mentioned in",
                "text": "<ol> <li> <p>A source ↩</p> </li> </ol>",
            },
            {"location": "chips/h20/#list", "title": "List", "text": "<ol> <li>One</li> </ol>"},
            {
                "location": "sources/s/",
                "title": "\u200b英伟达\u200b获准\u200b",
                "text": "<p>An export licence.</p>",
            },
        ],
    }
    names = {"chips/h20/": ["h20", "英伟达H20"]}
    tidied = json.loads(tidy_index(json.dumps(index).encode("utf-8"), names))
    assert tidied["config"] == index["config"]
    assert tidied["docs"] == [
        {"location": "chips/h20/", "title": "H20", "text": "", "names": ["h20", "英伟达H20"]},
        {"location": "chips/h20/#h20", "title": "H20", "text": "<p>Made for China.</p>"},
        {"location": "chips/h20/#list", "title": "List", "text": "<ol> <li>One</li> </ol>"},
        {
            "location": "sources/s/",
            "title": "英伟达获准",
            "heading": "\u200b英伟达\u200b获准\u200b",
            "text": "<p>An export licence.</p>",
            "spellings": "license",
        },
    ]


def test_entity_briefs_are_found_by_their_other_names() -> None:
    names = search_names(GRAPH)
    assert names["companies/nvidia/"] == ["nvidia", "英伟达", "輝達"]
    assert names["chips/ascend-950/"] == ["昇腾950", "昇騰950"]
    assert not [url for url in names if url.startswith("sources/")]
