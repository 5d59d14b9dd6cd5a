"""Official classifications: statements in a policy that named chips meet, are presumed
to meet, or do not meet a rule's thresholds, and how each compares with the site's own
arithmetic (graph/thresholds.py)."""

from __future__ import annotations

import dataclasses
from typing import Any

from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.graph.thresholds import evaluate

MEETS = ("meets", "presumed-to-meet")


@dataclasses.dataclass(frozen=True)
class Classification:
    """One statement of one policy about one or more chips."""

    policy: Brief
    """The policy that makes the statement."""
    rule: Brief
    """The policy whose thresholds it is about."""
    threshold: dict[str, Any] | None
    """The threshold it names, or None for the rule as a whole."""
    chips: tuple[str, ...]
    finding: str
    sources: tuple[str, ...]
    note: str | None


def classifications_in(graph: Graph, policy: Brief) -> list[Classification]:
    """The statements a policy makes, in the order written."""
    found = []
    for item in policy.data.get("classifications") or []:
        rule = graph.briefs[item["rule"]]
        wanted = item.get("threshold")
        threshold = next((t for t in rule.data.get("thresholds") or [] if t["id"] == wanted), None)
        found.append(
            Classification(
                policy,
                rule,
                threshold,
                tuple(item["chips"]),
                item["finding"],
                tuple(item["sources"]),
                item.get("note"),
            )
        )
    return found


def classifications_of(graph: Graph, chip: Brief) -> list[Classification]:
    """Every statement about a chip, from every policy that makes one."""
    policies = graph.referrers(chip.id).get("Classified by", [])
    return [
        found
        for policy in policies
        for found in classifications_in(graph, policy)
        if chip.id in found.chips
    ]


def agreement(graph: Graph, statement: Classification, chip: Brief) -> str:
    """'agrees', 'disagrees' or 'cannot tell': the statement against the arithmetic for
    the thresholds it is about (a chip meets a rule when it meets any of its thresholds)."""
    thresholds = (
        [statement.threshold]
        if statement.threshold is not None
        else statement.rule.data.get("thresholds") or []
    )
    results = {
        evaluate(chip, statement.rule, threshold, graph.bits).result for threshold in thresholds
    }
    if not results:
        return "cannot tell"
    meets = statement.finding in MEETS
    if "yes" in results:
        return "agrees" if meets else "disagrees"
    if results == {"no"}:
        return "disagrees" if meets else "agrees"
    return "cannot tell"
