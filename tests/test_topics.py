"""Topics and the glossary: a topic's problems at their place, its story told once, the home
page led by it, glossary terms explained where they appear and kept as text."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from build_hooks.errors import BriefError
from build_hooks.pipeline import build_site, check
from tests.conftest import REPO, BriefTree
from tests.helpers import SOURCE

ACME = """
name: Acme
summary: Acme designs chips that US rules judge by their TPP.[^s]
as_of: 2026-01-28
country: US
timeline:
  - date: 2026-01-02
    text: Acme says its new chip will ship to Beta in January.
    sources: [s]
"""
BETA = """
name: Beta
summary: Beta buys chips from [[acme]].[^s]
as_of: 2026-01-28
country: CN
timeline:
  - date: 2026-01-02
    text: Acme says its new chip will ship to Beta.
    sources: [s]
  - date: 2026-01-05
    text: Beta confirms the order.
    sources: [t]
"""
TOPIC = """
name: A story
lede: Something happened to [[acme]].[^s]
why_it_matters: It matters to [[beta]].[^t]
where_things_stand:
  as_of: 2026-01-28
  text: Nothing is settled.[^s]
key_numbers:
  - label: Chips ordered
    unit: chips
    readings:
      - value: 1000
        sources: [t]
        reported: true
open_questions:
  - Will the chips ship?[^s]
related: [acme, beta]
as_of: 2026-01-28
"""
GLOSSARY = """
terms:
  - term: TPP
    expansion: total <script>alert(1)</script> performance
    definition: A measure of [[acme|a chip's]] power, *said* <b>here</b>.[^s]
"""


def tree(brief_tree: BriefTree, **changes: str) -> Path:
    files = {
        "sources/s.yaml": SOURCE.format(name="s"),
        "sources/t.yaml": SOURCE.format(name="t"),
        "companies/acme.yaml": ACME,
        "companies/beta.yaml": BETA,
        "topics/story.yaml": TOPIC,
        "glossary.yaml": GLOSSARY,
    }
    files.update(changes)
    return brief_tree({path: text for path, text in files.items() if text})


def problems(root: Path) -> list[str]:
    return [str(problem) for problem in check(root / "briefs", root)[1]]


def test_a_topic_and_the_glossary_are_valid(brief_tree: BriefTree) -> None:
    assert problems(tree(brief_tree)) == []


def test_problems_of_a_topic_and_the_glossary_are_reported_at_their_place(
    brief_tree: BriefTree,
) -> None:
    topic = TOPIC.replace("  as_of: 2026-01-28\n", "").replace("[acme, beta]", "[acme, bta]")
    topic = topic.replace("value: 1000", "value: many")
    glossary = GLOSSARY + textwrap.indent(
        textwrap.dedent("""
        - term: TPP
          definition: Again.[^s]
        - term: BIS
          aliases: [TPP]
          definition: Uncited.
        """).lstrip("\n"),
        "  ",
    )
    root = tree(brief_tree, **{"topics/story.yaml": topic, "glossary.yaml": glossary})
    assert problems(root) == [
        "briefs/glossary.yaml:5:11: terms[1].term: the term 'TPP' is already defined at line 2"
        " ('TPP'); merge the two entries into one",
        "briefs/glossary.yaml:8:15: terms[2].aliases[0]: 'TPP' is already a form of the term"
        " 'TPP' (line 2); a form can stand for one term only, so remove it here or there",
        "briefs/glossary.yaml:9:17: terms[2].definition: this paragraph cites no source; add"
        " [^source-id] after the facts it states (editorial rule: every fact cites a source)",
        "briefs/topics/story.yaml:5:3: where_things_stand.as_of: the required field 'as_of' is"
        " missing; add it (the day this status was last checked against the sources"
        " (YYYY-MM-DD); the page shows it beside the status)",
        "briefs/topics/story.yaml:10:16: key_numbers[0].readings[0].value: expected a number,"
        " got the string 'many'; write the number alone (the unit is part of the field name)",
        "briefs/topics/story.yaml:15:17: related[1]: no company or chip or policy has the id"
        " 'bta'; did you mean 'beta'? (ids are file names in briefs/companies/ or briefs/chips/"
        " or briefs/policies/)",
    ]


def test_a_topic_page_tells_each_development_once_in_date_order(brief_tree: BriefTree) -> None:
    root = tree(brief_tree)
    page = build_site(root / "briefs", root).pages["topics/story.md"]
    story = page.split("## The story so far", 1)[1].split("\n## ", 1)[0]
    # Each date links to the development's address on its month's timeline page.
    items = [
        re.sub(r"^- \[(\*\*[\d-]+\*\*)\]\([^)]*\)", r"- \1", line)
        for line in story.splitlines()
        if line.startswith("- [**")
    ]
    # Acme's and Beta's records of the same announcement are one development, with both.
    assert len(items) == 2, items
    assert items[0].startswith("- **2026-01-02**, [Acme](../companies/acme.md)")
    assert "[Beta](../companies/beta.md)" in items[0]
    assert items[1].startswith("- **2026-01-05**, [Beta]")
    assert '!!! info "Where things stand on 2026-01-28"' in page
    assert re.search(r"\| Chips ordered \| 1,000 chips\[\^\d\] \(reported\) \|", page)
    assert "Will the chips ship?" in page


def test_the_home_page_leads_with_a_topic_and_an_unknown_topic_is_an_error(
    brief_tree: BriefTree,
) -> None:
    root = tree(brief_tree)
    site = build_site(root / "briefs", root)
    home = site.plan.expand("# Home\n\n<!-- briefs:topic story -->\n", "index.md")
    assert home.startswith("# Home\n\n## A story\n\nSomething happened to [Acme]")
    assert '!!! info "Where things stand on 2026-01-28"' in home
    assert "[The whole story](topics/story.md)" in home
    assert "[^1]: " in home  # the lead's sources, as footnotes of the home page
    with pytest.raises(BriefError) as raised:
        site.plan.expand("# Home\n\n<!-- briefs:topic stroy -->\n", "index.md")
    assert [str(problem) for problem in raised.value.problems] == [
        "docs/index.md:3:1: '<!-- briefs:topic stroy -->' names no topic; the topics are: story"
    ]


def test_glossary_terms_show_their_definition_as_escaped_text(brief_tree: BriefTree) -> None:
    root = tree(brief_tree)
    site = build_site(root / "briefs", root)
    page = site.pages["companies/acme.md"]
    tip = re.search(r'<abbr class="glossary"[^>]*>TPP<span [^>]*>(.*?)</span></abbr>', page)
    assert tip, page
    assert "<script" not in tip.group(1) and "<b>" not in tip.group(1)
    assert "&lt;script&gt;" in tip.group(1)
    assert "[^" not in tip.group(1) and "a chip's" in tip.group(1)
    glossary = site.pages["glossary.md"]
    assert "## TPP" in glossary and "<script" not in glossary


def test_the_h200_topic_cites_every_paragraph_and_leads_the_home_page() -> None:
    site = build_site(REPO / "briefs", REPO)
    topic = site.graph.briefs["china-h200-approval"]
    texts = [
        topic.data["lede"],
        topic.data["why_it_matters"],
        topic.data["where_things_stand"]["text"],
        *topic.data["open_questions"],
    ]
    for text in texts:
        for paragraph in text.strip().split("\n\n"):
            assert "[^" in paragraph, paragraph
    for brief_id in topic.data["related"]:
        assert brief_id in site.graph.briefs
    home = site.plan.expand((REPO / "docs/index.md").read_text("utf-8"), "index.md")
    first_heading = re.search(r"^## (.*)$", home, flags=re.MULTILINE)
    assert first_heading and first_heading.group(1) == topic.name
