"""Corrections made to the content after a fact-check (issue 15), pinned so that they
cannot quietly come back. Each test names what was wrong and what the sources say."""

from __future__ import annotations

import re

import pytest

from build_hooks.graph.classifications import agreement, classifications_of
from build_hooks.graph.thresholds import evaluate, metric_values
from build_hooks.options import SiteOptions
from build_hooks.pipeline import build_site, check
from tests.helpers import REPO

GRAPH, PROBLEMS = check(REPO / "briefs", REPO)
BRIEFS = GRAPH.briefs


def timeline(brief_id: str) -> list[dict[str, object]]:
    return list(BRIEFS[brief_id].data.get("timeline", []))


def texts() -> list[tuple[str, str]]:
    """(path, text) of every Markdown field and one-line field of every brief."""
    found = []

    def walk(path: str, value: object) -> None:
        if isinstance(value, str):
            found.append((path, value))
        elif isinstance(value, dict):
            for child in value.values():
                walk(path, child)
        elif isinstance(value, list):
            for child in value:
                walk(path, child)

    for brief in BRIEFS.values():
        walk(brief.path, brief.data)
    return found


def test_the_briefs_are_valid() -> None:
    assert PROBLEMS == []


def test_huang_arrived_in_shanghai_on_23_january_2026() -> None:
    arrivals = [e for e in timeline("nvidia") if "Shanghai" in str(e["text"])]
    assert arrivals and all(e["date"] == "2026-01-23" for e in arrivals)


def test_the_ft_reported_the_revenue_share_on_10_august_2025() -> None:
    policy = BRIEFS["us-h20-revenue-share-2025"].data
    assert policy["announced"][0]["value"] == "2025-08-10"


@pytest.mark.parametrize(
    "policy", ["us-h20-revenue-share-2025", "us-bis-2026-headquarters-guidance"]
)
def test_briefs_do_not_claim_to_amend_rules_they_leave_alone(policy: str) -> None:
    assert "amends" not in BRIEFS[policy].data


def test_the_h20_licence_requirement_is_in_force_licences_were_issued_under_it() -> None:
    assert BRIEFS["us-h20-licence-requirement-2025"].data["status"] == "in-force"


@pytest.mark.parametrize("chip", ["ascend-910b", "ascend-910c"])
def test_bis_presumes_the_ascend_chips_meet_3a090_and_the_page_says_so(chip: str) -> None:
    statements = classifications_of(GRAPH, BRIEFS[chip])
    assert [(s.policy.id, s.rule.id, s.finding) for s in statements] == [
        (
            "us-bis-2025-huawei-ascend-guidance",
            "us-bis-2023-advanced-computing-update",
            "presumed-to-meet",
        )
    ]
    # The page sets the statement beside the site's own arithmetic and compares the two.
    page = build_site(REPO / "briefs", REPO, SiteOptions()).pages[f"chips/{chip}.md"]
    assert "says it is presumed to meet" in page
    assert (
        "The arithmetic above " + agreement(GRAPH, statements[0], BRIEFS[chip]).split()[0] in page
    )


def test_the_h20s_performance_density_is_computed_and_it_misses_3a090() -> None:
    h20 = BRIEFS["h20"]
    densities = metric_values(h20, "performance_density", GRAPH.bits)
    assert densities and all(round(value, 1) == 2.9 for value in densities)
    rule = BRIEFS["us-bis-2023-advanced-computing-update"]
    results = {t["id"]: evaluate(h20, rule, t, GRAPH.bits).result for t in rule.data["thresholds"]}
    assert results == {"3a090-a-1": "no", "3a090-a-2": "no"}


def test_beijing_would_encourage_domestic_chips_not_make_them_a_condition() -> None:
    approval = BRIEFS["cn-h200-in-principle-approval"]
    text = approval.data["summary"] + " ".join(str(e["text"]) for e in timeline(approval.id))
    assert "encourage" in text
    assert not re.search(r"\bon condition that\b|a condition of approval", text)


def test_reported_events_on_the_h200_page_are_attributed() -> None:
    summary = BRIEFS["h200"].data["summary"]
    assert "reported" in summary or "according to" in summary


@pytest.mark.parametrize(
    "words", ["strongest domestic rival", "largely shut out", "largely absent"]
)
def test_no_value_words_in_the_sites_own_voice(words: str) -> None:
    assert [path for path, text in texts() if words in text] == []


def test_a_major_win_appears_only_as_a_quotation() -> None:
    for path, text in texts():
        for match in re.finditer("major win", text):
            before = text[: match.start()]
            assert before.count('"') % 2 == 1, f"{path}: 'major win' outside quotation marks"


def test_the_january_2026_rule_covers_exports_from_the_united_states() -> None:
    assert "exports from\n  the United States" in BRIEFS["us-bis-2026-h200-licence-review"].data[
        "summary"
    ] or "exports from the United States" in " ".join(
        BRIEFS["us-bis-2026-h200-licence-review"].data["summary"].split()
    )


def test_the_chip_tariff_lists_its_exemptions() -> None:
    assert "exempt" in BRIEFS["us-chip-tariff-2026"].data["summary"]


def test_source_ids_match_their_articles() -> None:
    assert "businessstandard-2025-09-17-stop-buying-nvidia-chips" in BRIEFS
    assert "businessstandard-2025-09-17-rtx-6000d-halt" not in BRIEFS
    assert "cna-2025-10-10-customs-crackdown" not in BRIEFS


def test_every_source_address_is_https_on_a_public_host() -> None:
    from build_hooks.validate.rules import private_address

    for source in GRAPH.kinds["sources"]:
        assert source.data["url"].startswith("https://"), source.id
        assert private_address(source.data["url"]) is None, source.id


def test_hand_written_pages_call_reported_measures_reported() -> None:
    # The home page once linked "China's hold on H200 purchases" and four more measures
    # known only from anonymous sources as if they were confirmed.
    link = re.compile(r"\[([^\]]+)\]\((?:\.\./)*policies/([a-z0-9-]+)\.md\)")
    checked = 0
    for page in sorted((REPO / "docs").rglob("*.md")):
        for text, policy in link.findall(" ".join(page.read_text("utf-8").split())):
            if policy in BRIEFS and BRIEFS[policy].data["status"] == "reported":
                checked += 1
                assert "reported" in text.lower(), f"{page.name}: [{text}] links a reported measure"
    assert checked >= 5


def test_the_home_page_hedges_the_approval_and_names_whose_reporting_it_is() -> None:
    # The home page leads with the H200 topic: its lede is written there by the marker.
    site = build_site(REPO / "briefs", REPO, SiteOptions())
    markdown = site.plan.expand((REPO / "docs/index.md").read_text("utf-8"), "index.md")
    home = " ".join(markdown.split())
    assert "reportedly gave" in home
    assert "sources/ndtvprofit-2026-01-23-h200-orders.md" in home
    assert "no official Chinese statement" in home
