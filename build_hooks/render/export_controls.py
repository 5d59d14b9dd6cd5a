"""The export-control sections of chip and policy pages, as Markdown fragments."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from build_hooks.graph.brief import Brief
from build_hooks.graph.classifications import (
    Classification,
    agreement,
    classifications_in,
    classifications_of,
)
from build_hooks.graph.graph import Graph
from build_hooks.graph.thresholds import (
    METRIC_NAMES,
    METRIC_UNITS,
    Check,
    Verdict,
    evaluate,
    metric_values,
    tpp,
    verdicts,
)
from build_hooks.paths import threshold_anchor
from build_hooks.render.markdown import Safe, escape_text
from build_hooks.render.page import PageContext
from build_hooks.render.values import number, table

RESULT_WORDS = {
    "yes": "meets it",
    "no": "does not meet it",
    "mixed": "depends on the source",
    "unknown": "cannot tell",
}
_SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def condition_text(metric: str, comparison: str, value: float) -> str:
    unit = METRIC_UNITS.get(metric)
    return f"{METRIC_NAMES[metric]} {_SYMBOLS[comparison]} {number(value)}" + (
        f" {unit}" if unit else ""
    )


def chip_section(page: PageContext, graph: Graph, chip: Brief) -> Safe:
    """TPP written out, then how the chip stands against every threshold on the site."""
    parts = []
    result = tpp(chip, graph.bits)
    if result.terms:
        rows = []
        for term in result.terms:
            unit = "TOPS" if term.precision.startswith("int") else "TFLOPS"
            rows.append(
                [
                    escape_text(term.precision.upper()),
                    page.readings(list(term.readings), unit),
                    Safe(str(term.bits)),
                    escape_text(" / ".join(number(p) for p in term.products)),
                ]
            )
        parts.append(
            table(["Precision", "Dense throughput", "Bit length", "Throughput × bit length"], rows)
        )
        values = " or ".join(number(v) for v in result.values)
        if len(result.values) > 1:
            parts.append(
                Safe(
                    f"**TPP: {values}**, the largest product. The sources disagree on"
                    " the throughput, so the TPP depends on which source is right."
                )
            )
        else:
            parts.append(
                Safe(
                    f"**TPP: {values}**, the largest product (from "
                    f"{escape_text(result.basis.upper())})."
                )
            )
    else:
        parts.append(
            Safe(
                "No dense throughput figure is sourced for this chip, so its TPP is"
                " not computed here."
            )
        )
    density = metric_values(chip, "performance_density", graph.bits)
    if density:
        parts.append(
            Safe(
                "Performance density (TPP divided by die area): "
                + " or ".join(number(round(v, 2)) for v in density)
                + "."
            )
        )
    elif result.terms:
        parts.append(Safe("Performance density is not computed: no die area is sourced."))
    found = verdicts(chip, graph.threshold_policies, graph.bits)
    if found:
        rows = [
            [
                _threshold_link(page, verdict),
                escape_text(verdict.threshold["label"]),
                Safe(f"**{RESULT_WORDS[verdict.result]}**"),
                _reasons(verdict.checks),
            ]
            for verdict in found
        ]
        parts.append(table(["Rule", "Threshold", "This chip", "Why"], rows))
    official = classifications_of(graph, chip)
    if official:
        parts.append(
            Safe(
                "**Official classifications.** What rule-makers have said of this chip,"
                " beside the arithmetic above:"
            )
        )
        parts.append(
            Safe(
                "\n".join(
                    f"- {_statement(page, statement)}"
                    f"{_COMPARISONS[agreement(graph, statement, chip)]}"
                    for statement in official
                )
            )
        )
    return Safe("\n\n".join(parts))


# What a statement says, of one chip and of several.
FINDING_WORDS = {
    "meets": ("meets", "meet"),
    "presumed-to-meet": ("is presumed to meet", "are presumed to meet"),
    "does-not-meet": ("does not meet", "do not meet"),
}
_COMPARISONS = {
    "agrees": " The arithmetic above agrees.",
    "disagrees": (
        " **The arithmetic above disagrees**: it rests on the figures sourced here,"
        " which may not be the ones the rule-maker used."
    ),
    "cannot tell": " The arithmetic above cannot tell (its figures are missing or disputed).",
}


def _target(page: PageContext, statement: Classification) -> Safe:
    """The rule, or the threshold of it, a statement is about, as a link."""
    if statement.threshold is None:
        return page.link(statement.rule.id)
    return page.link(
        statement.rule.id,
        str(statement.threshold["label"]),
        anchor=threshold_anchor(str(statement.threshold["id"])),
    )


def _claim(page: PageContext, statement: Classification, count: int) -> str:
    """'is presumed to meet [the rule](…)[^1] (its note)'."""
    words = FINDING_WORDS[statement.finding][0 if count == 1 else 1]
    note = f" ({escape_text(statement.note)})" if statement.note else ""
    return f"{words} {_target(page, statement)}{page.cite(statement.sources)}{note}"


def _statement(page: PageContext, statement: Classification) -> str:
    """'[the guidance](…) says it is presumed to meet [the rule](…)[^1].'"""
    return f"{page.link(statement.policy.id)} says it {_claim(page, statement, 1)}."


def classifications_section(page: PageContext, graph: Graph, policy: Brief) -> Safe | None:
    """A policy's statements about named chips."""
    lines = [
        f"- {', '.join(page.link(chip) for chip in statement.chips)}:"
        f" {_claim(page, statement, len(statement.chips))}."
        for statement in classifications_in(graph, policy)
    ]
    return Safe("\n".join(lines)) if lines else None


ChipsShown = Callable[
    [PageContext, Brief, dict[str, Any], list[Brief]], tuple[Sequence[Brief], Safe | None]
]
"""Which of the site's chips a policy's page shows for a threshold, and the line that
links to the rest, if any (brief_page.py caps the table on a big site)."""


def policy_section(
    page: PageContext, graph: Graph, policy: Brief, chips_shown: ChipsShown | None = None
) -> Safe:
    """Each threshold of the policy, with the chips on the site and whether each meets
    it (by `chips_shown`, only some of them)."""
    parts = []
    chips = graph.kinds["chips"]
    for threshold in policy.data.get("thresholds") or []:
        parts.append(
            Safe(
                f"### {escape_text(threshold['label'])} {{ #{threshold_anchor(threshold['id'])} }}"
            )
        )
        parts.append(
            Safe(f"{threshold_conditions(page, threshold)}: {escape_text(threshold['meaning'])}.")
        )
        listed, more = (
            (chips, None) if chips_shown is None else chips_shown(page, policy, threshold, chips)
        )
        if listed:
            parts.append(threshold_table(page, graph, policy, threshold, listed))
        if more:
            parts.append(more)
    return Safe("\n\n".join(parts))


def threshold_conditions(page: PageContext, threshold: dict[str, Any]) -> Safe:
    """What a threshold asks ('TPP ≥ 4,800'), with its sources' footnotes."""
    conditions = " and ".join(
        condition_text(c["metric"], c["comparison"], c["value"]) for c in threshold["conditions"]
    )
    return Safe(f"{escape_text(conditions)}{page.cite(threshold['sources'])}")


def threshold_table(
    page: PageContext,
    graph: Graph,
    policy: Brief,
    threshold: dict[str, Any],
    chips: Sequence[Brief],
) -> Safe:
    """Whether each of `chips` meets a policy's threshold, and why."""
    rows = []
    for chip in chips:
        verdict = evaluate(chip, policy, threshold, graph.bits)
        rows.append(
            [page.link(chip.id), Safe(RESULT_WORDS[verdict.result]), _reasons(verdict.checks)]
        )
    return table(["Chip", "Meets it?", "Why"], rows)


def _threshold_link(page: PageContext, verdict: Verdict) -> Safe:
    return page.link(verdict.policy.id, anchor=threshold_anchor(verdict.threshold["id"]))


def _reasons(checks: tuple[Check, ...]) -> Safe:
    reasons = []
    for check in checks:
        name = METRIC_NAMES[check.metric]
        unit = f" {METRIC_UNITS[check.metric]}" if check.metric in METRIC_UNITS else ""
        if not check.values:
            reasons.append(f"{name} not known (its inputs are not sourced)")
            continue
        shown = " or ".join(number(round(v, 2)) for v in check.values)
        symbol = _SYMBOLS[check.comparison if check.result != "no" else _NEGATION[check.comparison]]
        if check.result == "mixed":
            reasons.append(
                f"{name} {shown}{unit}, against {_SYMBOLS[check.comparison]}"
                f" {number(check.limit)}{unit}"
            )
        else:
            reasons.append(f"{name} {shown}{unit} {symbol} {number(check.limit)}{unit}")
    return escape_text("; ".join(reasons))


_NEGATION = {">=": "<", ">": "<=", "<=": ">", "<": ">="}
