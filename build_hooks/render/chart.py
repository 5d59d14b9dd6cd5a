"""The chips chart: TPP against memory bandwidth, with the rule thresholds drawn in.

A static SVG made at build time from the same data as the pages, through a Jinja template
with XML autoescaping; the page beside it carries the same numbers as a table, which is
the chart's text alternative, and `chart_rows` the same numbers as a CSV beside the chart.

Every chip with either figure is on it: a chip with only one sits in a grey band marked
"not sourced" on the other axis. Each point is coloured (and shaped, for readers who do
not tell the colours apart) by its designer's country, with a legend. The drawing is
600 units wide with text of 18 and 20 units, so that on a 390 px phone, where it is shown
about 350 px wide, its text is still about 11 px (the old 720-unit chart with 12-unit text
came out at 6 px).
"""

from __future__ import annotations

import dataclasses
import math

from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.graph.thresholds import metric_values
from build_hooks.render.templates import make_xml_environment
from build_hooks.render.values import number

WIDTH = 600
FONT, SMALL = 20, 18
LEFT, RIGHT = 130, 580  # the plot's frame; y tick labels and the axis title sit left of it
BAND = 40  # width of the "not sourced" column, height of one row of the "not sourced" band
GAP = 16
ROW = 30
# Okabe and Ito's colours, which readers with any common colour blindness tell apart;
# countries take them in order of their first chip, and a shape each as well.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")
SHAPES = ("circle", "square", "diamond", "triangle")
_ENV = make_xml_environment()


@dataclasses.dataclass(frozen=True)
class ChipFigures:
    """A chip's largest sourced memory bandwidth and TPP (None when not sourced)."""

    chip: Brief
    country: str
    bandwidth: float | None
    tpp: float | None


@dataclasses.dataclass(frozen=True)
class Point:
    name: str
    x: float
    y: float
    label: str
    colour: str
    shape: str
    text_x: float
    anchor: str


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


@dataclasses.dataclass(frozen=True)
class Key:
    x: float
    y: float
    name: str
    colour: str
    shape: str


def chip_figures(graph: Graph) -> list[ChipFigures]:
    """Every chip with a sourced TPP or memory bandwidth (or both), in graph order."""
    found = []
    for chip in graph.kinds["chips"]:
        tpps = metric_values(chip, "tpp", graph.bits)
        bandwidths = metric_values(chip, "memory_bandwidth_gbs", graph.bits)
        if tpps or bandwidths:
            designer = graph.briefs.get(str(chip.data.get("designer")))
            country = str(designer.data.get("country") or "") if designer else ""
            found.append(
                ChipFigures(
                    chip,
                    country,
                    max(bandwidths) if bandwidths else None,
                    max(tpps) if tpps else None,
                )
            )
    return found


def chip_points(graph: Graph) -> list[tuple[str, float, float]]:
    """(chip name, memory bandwidth, TPP) for every chip with both sourced (the largest)."""
    return [
        (f.chip.name, f.bandwidth, f.tpp)
        for f in chip_figures(graph)
        if f.bandwidth is not None and f.tpp is not None
    ]


def chart_rows(graph: Graph, country_names: dict[str, str]) -> list[dict[str, str]]:
    """The chart's points as table rows: what is drawn, and the page to check it on."""
    return [
        {
            "id": f.chip.id,
            "name": f.chip.name,
            "page": f.chip.url,
            "designer": str(f.chip.data.get("designer") or ""),
            "designer_country": country_names.get(f.country, f.country),
            "memory_bandwidth_gbs": "" if f.bandwidth is None else f"{f.bandwidth:g}",
            "tpp": "" if f.tpp is None else f"{f.tpp:g}",
        }
        for f in chip_figures(graph)
    ]


def threshold_lines(graph: Graph) -> list[tuple[str, float, str]]:
    """(metric, value, rule's short name) of every TPP or bandwidth threshold."""
    found = set()
    for policy in graph.kinds["policies"]:
        for threshold in policy.data.get("thresholds") or []:
            name = str(threshold["label"]).split(":")[0]
            for condition in threshold["conditions"]:
                if condition["metric"] in ("tpp", "memory_bandwidth_gbs"):
                    found.add((condition["metric"], float(condition["value"]), name))
    return sorted(found)


def tpp_bandwidth_svg(graph: Graph, country_names: dict[str, str]) -> bytes:
    figures = chip_figures(graph)
    lines_data = threshold_lines(graph)
    countries = list(dict.fromkeys(f.country for f in figures))
    style = {
        country: (COLOURS[i % len(COLOURS)], SHAPES[i % len(SHAPES)])
        for i, country in enumerate(countries)
    }
    # The legend: one key per country, wrapped onto as many rows as it needs.
    keys, x, y = [], 20.0, 30.0
    for country in countries:
        name = country_names.get(country, country) or "Country not known"
        width = 40 + len(name) * FONT * 0.55
        if x + width > WIDTH - 10 and x > 20:
            x, y = 20.0, y + ROW
        keys.append(Key(x, y, name, *style[country]))
        x += width + 20
    top = y + 60  # room for the column's heading
    only_bandwidth = sorted(
        (f for f in figures if f.tpp is None), key=lambda f: (f.bandwidth or 0, f.chip.name)
    )
    # The plot: the "not sourced" column on the left, the band of rows at the bottom.
    plot_bottom = top + 300
    band_top = plot_bottom + GAP
    bottom = band_top + max(BAND, ROW * len(only_bandwidth))
    x0, y0 = LEFT + BAND + GAP, plot_bottom
    max_x = max([7000.0, *(f.bandwidth or 0 for f in figures)])
    max_x = max([max_x, *(v * 1.1 for m, v, _ in lines_data if m == "memory_bandwidth_gbs")])
    max_y = max([22000.0, *(f.tpp or 0 for f in figures)])
    max_y = max([max_y, *(v * 1.05 for m, v, _ in lines_data if m == "tpp")])

    def sx(value: float) -> float:
        return round(x0 + value / max_x * (RIGHT - x0), 1)

    def sy(value: float) -> float:
        return round(y0 - value / max_y * (y0 - top), 1)

    points = []
    for figure in figures:
        colour, shape = style[figure.country]
        if figure.bandwidth is not None and figure.tpp is not None:
            px, py = sx(figure.bandwidth), sy(figure.tpp)
        elif figure.tpp is not None:
            px, py = LEFT + BAND / 2, sy(figure.tpp)
        else:
            row = only_bandwidth.index(figure)
            px, py = sx(figure.bandwidth or 0), band_top + ROW * row + ROW / 2
        # Names near the right edge go to the left of their point, so they stay inside.
        right_side = px < (LEFT + RIGHT) / 2 + 60
        points.append(
            Point(
                figure.chip.name,
                px,
                py,
                point_label(figure),
                colour,
                shape,
                px + 11 if right_side else px - 11,
                "start" if right_side else "end",
            )
        )
    # Lines carry their figure only (the rules' names, some long, are in the description
    # and under the chart): TPP lines labelled at their right end, bandwidth lines just
    # under the highest TPP line, clear of each other and of the points.
    top_tpp = max([v for m, v, _ in lines_data if m == "tpp"], default=max_y)
    lines = []
    for metric, value, _ in lines_data:
        text = metric_text(metric, value)
        if metric == "tpp":
            lines.append(Line(x0, sy(value), RIGHT, sy(value), text, RIGHT - 4, sy(value) - 5))
        else:
            lines.append(
                Line(sx(value), y0, sx(value), top, text, sx(value) - 6, sy(top_tpp) + 8, True)
            )
    svg = _ENV.get_template("chart.svg.j2").render(
        width=WIDTH,
        height=bottom + 80,
        font=FONT,
        small=SMALL,
        left=LEFT,
        x0=x0,
        right=RIGHT,
        top=top,
        plot_bottom=plot_bottom,
        band=BAND,
        band_top=band_top,
        bottom=bottom,
        points=points,
        lines=lines,
        keys=keys,
        descriptions=[p.label for p in points]
        + [f"Line: {name}: {metric_text(m, v)}" for m, v, name in lines_data],
        x_ticks=[(sx(v), number(v)) for v in tick_values(max_x, 5)],
        y_ticks=[(sy(v), number(v)) for v in tick_values(max_y, 6)],
    )
    return svg.encode("utf-8")


def metric_text(metric: str, value: float) -> str:
    return f"TPP {number(value)}" if metric == "tpp" else f"{number(value)} GB/s"


def point_label(figure: ChipFigures) -> str:
    tpp = "TPP not sourced" if figure.tpp is None else f"{number(figure.tpp)} TPP"
    bandwidth = (
        "bandwidth not sourced" if figure.bandwidth is None else f"{number(figure.bandwidth)} GB/s"
    )
    return f"{figure.chip.name}: {tpp}, {bandwidth}"


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
