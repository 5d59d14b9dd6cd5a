"""The editorial rules that `check` enforces on the resolved graph (docs/contribute/
editorial.md explains them to contributors):

- **every fact cites a source**: every paragraph of a summary cites at least one source
  (timeline entries and sourced values carry their own `sources`; a source's notes
  describe the source itself);
- **no fact rests on an aggregator alone**: a paragraph, a sourced value or a timeline
  entry whose sources are all aggregators needs a better source beside them.
"""

from __future__ import annotations

from collections.abc import Iterator

from build_hooks.errors import Problem
from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.load.document import Document
from build_hooks.load.positions import FieldPath
from build_hooks.validate.fields import FieldSpecs, values_at
from build_hooks.validate.mentions import citations
from build_hooks.validate.rules import paragraphs

# Text fields whose paragraphs need not cite: timeline entries list their sources in
# `sources`, and a source's notes are about the source itself.
_SELF_SOURCED = ("timeline", "notes")
CITE_EVERY_PARAGRAPH = "editorial rule: every fact cites a source"
NO_AGGREGATOR_ALONE = "editorial rule: no fact rests on an aggregator alone"


def editorial_problems(
    graph: Graph, specs: dict[str, FieldSpecs], glossary: Brief | None = None
) -> list[Problem]:
    """Every break of the editorial rules, in every brief and the glossary."""
    tiers = source_tiers(graph)
    problems: list[Problem] = []
    for brief in graph.briefs.values():
        problems.extend(brief_editorial_problems(brief, specs[brief.kind], tiers))
    if glossary is not None:
        problems.extend(brief_editorial_problems(glossary, specs[glossary.kind], tiers))
    return problems


def source_tiers(graph: Graph) -> dict[str, object]:
    """Each source's tier, by id: what the rules need to know of the briefs a brief cites."""
    return {brief.id: brief.data.get("tier") for brief in graph.kinds["sources"]}


def brief_editorial_problems(
    brief: Brief, specs: FieldSpecs, tiers: dict[str, object]
) -> list[Problem]:
    """The breaks of the editorial rules in one brief (given the tiers of its sources)."""
    return [
        *_uncited_paragraphs(brief.doc, specs, tiers),
        *_aggregator_groups(brief.doc, specs, tiers),
    ]


def _uncited_paragraphs(
    doc: Document, specs: FieldSpecs, tiers: dict[str, object]
) -> Iterator[Problem]:
    for pattern in specs.markdown:
        if pattern[0] not in doc.data:
            continue  # most patterns name fields a brief does not have
        for path, text in values_at(doc.data, pattern):
            if not isinstance(text, str):
                continue
            earlier: list[str] = []
            lines = _FirstLines()
            for _, paragraph in paragraphs(text):
                earlier.append(paragraph)
                cited = citations(paragraph)
                if not cited and pattern[0] not in _SELF_SOURCED:
                    message = (
                        "this paragraph cites no source; add [^source-id] after the facts it"
                        f" states ({CITE_EVERY_PARAGRAPH})"
                    )
                elif cited and all(tiers.get(source) == "aggregator" for source in cited):
                    message = _aggregators(cited)
                else:
                    continue
                first_line, occurrence = lines.of(earlier)
                yield doc.problem_in_text(path, first_line, occurrence, message)


class _FirstLines:
    """Where a paragraph is: its first line, and which of the paragraphs starting with
    that line it is. Worked out only for a paragraph with a problem, the paragraphs
    before it counted once each however many have problems."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.counted = 0

    def of(self, paragraphs: list[str]) -> tuple[str, int]:
        """The first line and occurrence of the last of `paragraphs` (those so far)."""
        for paragraph in paragraphs[self.counted :]:
            line = _first_line(paragraph)
            self.counts[line] = self.counts.get(line, 0) + 1
        self.counted = len(paragraphs)
        line = _first_line(paragraphs[-1])
        return line, self.counts[line] - 1


def _first_line(paragraph: str) -> str:
    return paragraph.strip().split("\n", 1)[0].strip()


def _aggregator_groups(
    doc: Document, specs: FieldSpecs, tiers: dict[str, object]
) -> Iterator[Problem]:
    for ref in specs.references:
        if not ref.is_citation or ref.pattern[0] not in doc.data:
            continue
        # The sources of one fact: one list of them, or a single one.
        groups: list[tuple[FieldPath, list[str]]]
        if ref.pattern[-1] == "*":
            groups = [
                (path, [source for source in listed if isinstance(source, str)])
                for path, listed in values_at(doc.data, ref.pattern[:-1])
                if isinstance(listed, list)
            ]
        else:
            groups = [
                (path[:-1], [source])
                for path, source in values_at(doc.data, ref.pattern)
                if isinstance(source, str)
            ]
        for group, sources in groups:
            if sources and all(tiers.get(source) == "aggregator" for source in sources):
                yield doc.problem(group, _aggregators(sources))


def _aggregators(sources: list[str]) -> str:
    named = ", ".join(dict.fromkeys(sources))
    return (
        f"rests only on aggregator sources ({named}); cite a primary, wire or secondary"
        f" source beside them, or leave the fact out ({NO_AGGREGATOR_ALONE})"
    )
