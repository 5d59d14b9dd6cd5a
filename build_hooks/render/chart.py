"""The chips chart: TPP against memory bandwidth, with the rule thresholds drawn in.

A static SVG made at build time from the same data as the pages, through a Jinja template
with XML autoescaping; the page beside it carries the same numbers as a table, which is
the chart's text alternative.
"""

from __future__ import annotations

import dataclasses
import math

from build_hooks.graph.graph import Graph
from build_hooks.graph.thresholds import metric_values
from build_hooks.render.templates import make_xml_environment
from build_hooks.render.values import number

WIDTH, HEIGHT = 720, 460
LEFT, RIGHT, TOP, BOTTOM = 70, 30, 30, 60
_ENV = make_xml_environment()


@dataclasses.dataclass(frozen=True)
class Point:
    name: str
    x: float
    y: float
    label: str


@dataclasses.dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str
    label_x: float
    label_y: float
    vertical: bool = False


def chip_points(graph: Graph) -> list[tuple[str, float, float]]:
    """(chip name, memory bandwidth, TPP) for every chip with both sourced (the largest)."""
    points = []
    for chip in graph.kinds["chips"]:
        tpps = metric_values(chip, "tpp", graph.bits)
        bandwidths = metric_values(chip, "memory_bandwidth_gbs", graph.bits)
        if tpps and bandwidths:
            points.append((chip.name, max(bandwidths), max(tpps)))
    return points


def tpp_bandwidth_svg(graph: Graph) -> bytes:
    data = chip_points(graph)
    lines_data = []
    for policy in graph.kinds["policies"]:
        for threshold in policy.data.get("thresholds") or []:
            name = str(threshold["label"]).split(":")[0]
            for condition in threshold["conditions"]:
                if condition["metric"] in ("tpp", "memory_bandwidth_gbs"):
                    lines_data.append((condition["metric"], float(condition["value"]), name))
    max_x = max(
        [
            7000.0,
            *(x for _, x, _ in data),
            *(v * 1.1 for m, v, _ in lines_data if m == "memory_bandwidth_gbs"),
        ]
    )
    max_y = max(
        [22000.0, *(y for _, _, y in data), *(v * 1.05 for m, v, _ in lines_data if m == "tpp")]
    )

    def sx(value: float) -> float:
        return round(LEFT + value / max_x * (WIDTH - LEFT - RIGHT), 1)

    def sy(value: float) -> float:
        return round(HEIGHT - BOTTOM - value / max_y * (HEIGHT - TOP - BOTTOM), 1)

    points = [
        Point(name, sx(x), sy(y), f"{name}: {number(y)} TPP, {number(x)} GB/s")
        for name, x, y in data
    ]
    # Labels of TPP lines sit at the left end, above their line; labels of bandwidth lines
    # run down beside theirs, so that the two kinds never cross (the upper right corner,
    # where they meet, is where the ceilings of one rule are drawn).
    lines = []
    for metric, value, name in sorted(set(lines_data)):
        if metric == "tpp":
            lines.append(
                Line(
                    sx(0),
                    sy(value),
                    sx(max_x),
                    sy(value),
                    f"{name}: TPP {number(value)}",
                    sx(0) + 6,
                    sy(value) - 4,
                )
            )
        else:
            top_tpp = max([v for m, v, _ in lines_data if m == "tpp"], default=max_y)
            lines.append(
                Line(
                    sx(value),
                    sy(0),
                    sx(value),
                    sy(max_y),
                    f"{name}: {number(value)} GB/s",
                    sx(value) - 5,
                    sy(top_tpp) + 8,
                    vertical=True,
                )
            )
    x_ticks = [(sx(v), number(v)) for v in tick_values(max_x)]
    y_ticks = [(sy(v), number(v)) for v in tick_values(max_y)]
    svg = _ENV.get_template("chart.svg.j2").render(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        bottom=HEIGHT - BOTTOM,
        top=TOP,
        right=WIDTH - RIGHT,
        points=points,
        lines=lines,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
    )
    return svg.encode("utf-8")


def tick_values(largest: float, most: int = 8) -> list[float]:
    """Round values from 0 to `largest` for an axis: at most `most` + 1 of them, however
    large the figures are, a step of 1, 2, 2.5, 4 or 5 times a power of ten.

    >>> tick_values(7000), tick_values(22000)[:3], len(tick_values(10**15)) <= 9
    ([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000], [0, 4000, 8000], True)
    """
    raw = largest / most
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(magnitude * factor for factor in (1, 2, 2.5, 4, 5, 10) if magnitude * factor >= raw)
    step = int(step) if float(step).is_integer() else step
    return [step * n for n in range(int(largest // step) + 1)]
