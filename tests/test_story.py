"""The story the site exists for: every claim of the seed article is on the site, cited,
within two clicks of the home page."""

from __future__ import annotations

import posixpath
import re
from collections import deque

import pytest
import yaml

from build_hooks.pipeline import build_site
from tests.conftest import REPO

CLAIMS = yaml.safe_load((REPO / "tests/data/seed_claims.yaml").read_text("utf-8"))
SITE = build_site(REPO / "briefs", REPO)
PAGES = {
    **SITE.pages,
    **{
        p.relative_to(REPO / "docs").as_posix(): p.read_text("utf-8")
        for p in (REPO / "docs").rglob("*.md")
    },
}
SEED_SOURCE = "aa-2026-01-h200-purchase-prep"
_LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)")


def clicks_from_home() -> dict[str, int]:
    distance = {"index.md": 0}
    queue = deque(["index.md"])
    while queue:
        page = queue.popleft()
        for target in _LINK.findall(PAGES[page]):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
            if resolved in PAGES and resolved not in distance:
                distance[resolved] = distance[page] + 1
                queue.append(resolved)
    return distance


DISTANCE = clicks_from_home()


@pytest.mark.parametrize("claim", CLAIMS, ids=[c["claim"][:50] for c in CLAIMS])
def test_every_seed_claim_is_on_its_page_cited_and_near_home(claim: dict[str, str]) -> None:
    brief = SITE.graph.briefs[claim["brief"]]
    page = SITE.pages[brief.src_uri]
    text = " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"\1", page).split())
    assert claim["words"] in text, f"{brief.src_uri} does not say {claim['words']!r}"
    assert f"sources/{SEED_SOURCE}.md" in page, f"{brief.src_uri} does not cite the article"
    assert DISTANCE.get(brief.src_uri, 99) <= 2, f"{brief.src_uri} is not within two clicks"


def test_the_story_has_the_timeline_and_sources_the_issue_asks_for() -> None:
    graph = SITE.graph
    assert len(graph.timeline()) >= 25
    assert len(graph.kinds["policies"]) >= 12
    assert len(graph.kinds["sources"]) >= 20
    for brief_id in [
        "nvidia",
        "alibaba",
        "tencent",
        "bytedance",
        "huawei",
        "cambricon",
        "smic",
        "h100",
        "h200",
        "h20",
        "rtx-pro-6000d",
        "ascend-910b",
        "ascend-910c",
        "ascend-950",
        "siyuan-590",
        "zhenwu-810e",
        "b30a",
    ]:
        assert brief_id in graph.briefs


def test_disputed_values_are_shown_with_both_sources() -> None:
    page = SITE.pages["chips/rtx-pro-6000d.md"]
    row = next(line for line in page.splitlines() if line.startswith("| Memory bandwidth |"))
    assert "1,398 GB/s" in row and "1,100 GB/s" in row and "sources disagree" in row


def test_thresholds_are_data_and_chips_show_their_tpp() -> None:
    h200 = SITE.pages["chips/h200.md"]
    assert "**TPP: 15,832**" in h200
    assert (
        "#threshold-3a090-a-1){ data-preview } | 3A090.a.1: TPP of 4800 or more | **meets it**"
    ) in h200
    assert "#threshold-case-by-case-ceiling){ data-preview } |" in h200
