"""TPP as ECCN 3A090 defines it, and verdicts that never guess."""

from __future__ import annotations

from typing import Any

import pytest

from build_hooks.graph.brief import Brief
from build_hooks.graph.thresholds import evaluate, metric_values, tpp
from build_hooks.load.document import Document
from build_hooks.validate.fields import bit_lengths
from build_hooks.validate.schemas import SchemaSet

BITS = bit_lengths(SchemaSet.load())


def brief(kind: str, data: dict[str, Any]) -> Brief:
    return Brief(kind, "x", f"briefs/{kind}/x.yaml", Document("", "", data))


def readings(*values: float) -> list[dict[str, Any]]:
    return [{"value": v, "sources": [f"s{i}"]} for i, v in enumerate(values)]


H200 = brief(
    "chips",
    {
        "dense_tops": {"fp8": readings(1979), "bf16": readings(989)},
        "specs": {"memory_bandwidth_gbs": readings(4800)},
    },
)
RULE_2023 = {
    "id": "a1",
    "label": "3A090.a.1",
    "meaning": "m",
    "sources": ["s"],
    "conditions": [{"metric": "tpp", "comparison": ">=", "value": 4800}],
}
RULE_2023_DENSITY = {
    "id": "a2",
    "label": "3A090.a.2",
    "meaning": "m",
    "sources": ["s"],
    "conditions": [
        {"metric": "tpp", "comparison": ">=", "value": 1600},
        {"metric": "performance_density", "comparison": ">=", "value": 5.92},
    ],
}
CEILING_2026 = {
    "id": "c",
    "label": "ceiling",
    "meaning": "m",
    "sources": ["s"],
    "conditions": [
        {"metric": "tpp", "comparison": "<", "value": 21000},
        {"metric": "memory_bandwidth_gbs", "comparison": "<", "value": 6500},
    ],
}
POLICY = brief("policies", {})


def test_tpp_is_the_largest_throughput_times_bit_length() -> None:
    result = tpp(H200, BITS)
    assert [(t.precision, t.products) for t in result.terms] == [
        ("bf16", [15824.0]),
        ("fp8", [15832.0]),
    ]
    assert result.values == [15832.0] and result.basis == "fp8"


def test_disputed_throughput_gives_every_candidate() -> None:
    chip = brief("chips", {"dense_tops": {"fp8": readings(1000, 500), "bf16": readings(400)}})
    assert tpp(chip, BITS).values == [6400.0, 8000.0]


@pytest.mark.parametrize(
    ("chip", "threshold", "result"),
    [
        (H200, RULE_2023, "yes"),
        (H200, CEILING_2026, "yes"),
        (H200, RULE_2023_DENSITY, "unknown"),  # no die area sourced: never guessed
        (brief("chips", {"dense_tops": {"fp8": readings(296)}}), RULE_2023, "no"),
        (brief("chips", {}), RULE_2023, "unknown"),
        (brief("chips", {"dense_tops": {"fp8": readings(700, 500)}}), RULE_2023, "mixed"),
        (
            brief(
                "chips",
                {"dense_tops": {"fp8": readings(296)}, "specs": {"die_size_mm2": readings(814)}},
            ),
            RULE_2023_DENSITY,
            "no",
        ),
    ],
)
def test_verdicts(chip: Brief, threshold: dict[str, Any], result: str) -> None:
    assert evaluate(chip, POLICY, threshold, BITS).result == result


def test_performance_density_needs_a_sourced_die_area() -> None:
    assert metric_values(H200, "performance_density", BITS) == []
    chip = brief(
        "chips", {"dense_tops": {"fp8": readings(1979)}, "specs": {"die_size_mm2": readings(814)}}
    )
    assert [round(v, 2) for v in metric_values(chip, "performance_density", BITS)] == [19.45]
