"""Export-control arithmetic: a chip's TPP and which policy thresholds it meets.

TPP (total processing performance, ECCN 3A090) is computed as the rule defines it: dense
throughput in TOPS times the bit length of the operation, the largest over the precisions
a chip lists. Nothing is guessed: when an input is not sourced the result says so, and
when sources disagree every value is carried through, so a verdict can be "depends on
the source".
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any

from build_hooks.graph.brief import Brief, distinct_values

METRIC_NAMES = {
    "tpp": "TPP",
    "performance_density": "performance density",
    "memory_bandwidth_gbs": "memory bandwidth",
    "interconnect_gbs": "interconnect bandwidth",
}
METRIC_UNITS = {"memory_bandwidth_gbs": "GB/s", "interconnect_gbs": "GB/s"}
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
}


@dataclasses.dataclass(frozen=True)
class TppTerm:
    """One precision's part of the TPP: each sourced throughput times the bit length."""

    precision: str
    bits: int
    readings: tuple[dict[str, Any], ...]

    @property
    def products(self) -> list[float]:
        return [float(value) * self.bits for value in distinct_values(list(self.readings))]


@dataclasses.dataclass(frozen=True)
class Tpp:
    """A chip's TPP: the terms it is the largest of, and the candidate values."""

    terms: tuple[TppTerm, ...]

    @property
    def values(self) -> list[float]:
        """The TPP under each combination of disputed readings (one value when none are).

        The TPP is the largest product, so a product `p` of one precision is the TPP under
        some combination exactly when every other precision has a reading no larger than
        `p`. That finds every value without enumerating the combinations, whose number
        grows as the product of the readings' counts.
        """
        lowest = [min(term.products) for term in self.terms]
        return sorted(
            {
                product
                for index, term in enumerate(self.terms)
                for product in term.products
                if all(low <= product for other, low in enumerate(lowest) if other != index)
            }
        )

    @property
    def basis(self) -> str:
        top = max(self.terms, key=lambda term: max(term.products))
        return top.precision


def tpp(chip: Brief, bits: dict[str, int]) -> Tpp:
    """The chip's TPP, from its dense throughput at each precision of `bits` (the bit
    length of each precision field, from the schema: `Graph.bits`)."""
    dense = chip.data.get("dense_tops") or {}
    terms = tuple(
        TppTerm(precision, length, tuple(dense[precision]))
        for precision, length in bits.items()
        if dense.get(precision)
    )
    return Tpp(terms)


def metric_values(chip: Brief, metric: str, bits: dict[str, int]) -> list[float]:
    """Every sourced value of a metric for a chip; empty when it cannot be known."""
    if metric == "tpp":
        return tpp(chip, bits).values
    specs = chip.data.get("specs") or {}
    if metric == "performance_density":
        areas = [float(v) for v in distinct_values(specs.get("die_size_mm2") or [])]
        return sorted({t / a for t in tpp(chip, bits).values for a in areas})
    return sorted(float(v) for v in distinct_values(specs.get(metric) or []))


@dataclasses.dataclass(frozen=True)
class Check:
    """One condition of a threshold, evaluated for one chip."""

    metric: str
    comparison: str
    limit: float
    values: tuple[float, ...]

    @property
    def result(self) -> str:
        if not self.values:
            return "unknown"
        outcomes = {_COMPARE[self.comparison](value, self.limit) for value in self.values}
        return "mixed" if len(outcomes) > 1 else ("yes" if outcomes.pop() else "no")


@dataclasses.dataclass(frozen=True)
class Verdict:
    """Whether a chip meets a whole threshold: every condition must hold."""

    policy: Brief
    threshold: dict[str, Any]
    checks: tuple[Check, ...]

    @property
    def result(self) -> str:
        results = {check.result for check in self.checks}
        if "no" in results:
            return "no"
        if results == {"yes"}:
            return "yes"
        return "unknown" if "unknown" in results else "mixed"


def evaluate(
    chip: Brief, policy: Brief, threshold: dict[str, Any], bits: dict[str, int]
) -> Verdict:
    """How the chip stands against one threshold of one policy."""
    checks = tuple(
        Check(
            condition["metric"],
            condition["comparison"],
            float(condition["value"]),
            tuple(metric_values(chip, condition["metric"], bits)),
        )
        for condition in threshold["conditions"]
    )
    return Verdict(policy, threshold, checks)


def verdicts(chip: Brief, policies: list[Brief], bits: dict[str, int]) -> list[Verdict]:
    """How the chip stands against every threshold of every policy that defines one."""
    return [
        evaluate(chip, policy, threshold, bits)
        for policy in policies
        for threshold in policy.data.get("thresholds") or []
    ]
