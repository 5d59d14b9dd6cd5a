"""A topic's picture: the TPP of the chips in its story, as bars, against the TPP lines of
the rules in it (the 4,800 of ECCN 3A090, the 21,000 ceiling of the January 2026 rule).

An SVG made at build time, through a Jinja template with XML autoescaping, narrow enough
that its text stays readable when a phone shrinks it to the screen's width. The bars are
coloured by the designer's country, with a legend; the text alternative names every bar
and line (`chart_alt`), and each chip's page gives the figures and their sources.
"""

from __future__ import annotations

import dataclasses
import textwrap

from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.graph.thresholds import METRIC_NAMES, metric_values
from build_hooks.render.chart import tick_values
from build_hooks.render.templates import make_xml_environment
from build_hooks.render.values import number

WIDTH = 420
LABELS = 112  # the chip names' column
RIGHT = 16
ROW, BAR = 30, 18
_ENV = make_xml_environment()
# Colours with 4.5:1 contrast on white, for the bars' labels written in them.
_COUNTRY_COLOURS = {"US": "#1d4f91", "CN": "#a4262c"}
_OTHER_COLOUR = "#4d4d4d"
_LINE_COLOUR = "#5c3d00"


@dataclasses.dataclass(frozen=True)
class Bar:
    name: str
    low: float
    high: float
    country: str
    label: str


@dataclasses.dataclass(frozen=True)
class Threshold:
    value: float
    label: str


def chart_data(graph: Graph, topic: Brief) -> tuple[list[Bar], list[Threshold]]:
    """The related chips with a sourced TPP (largest first) and the TPP lines of the
    related policies' thresholds."""
    related = [graph.briefs[brief_id] for brief_id in topic.data.get("related", [])]
    bars = []
    for chip in related:
        if chip.kind != "chips":
            continue
        values = metric_values(chip, "tpp", graph.bits)
        if not values:
            continue
        designer = graph.briefs.get(str(chip.data.get("designer")))
        country = str(designer.data.get("country", "")) if designer is not None else ""
        low, high = min(values), max(values)
        label = number(high) if low == high else f"{number(low)}–{number(high)}"
        bars.append(Bar(chip.name, low, high, country, label))
    bars.sort(key=lambda bar: (-bar.high, bar.name))
    lines: dict[float, list[str]] = {}
    for policy in related:
        for threshold in policy.data.get("thresholds") or [] if policy.kind == "policies" else []:
            for condition in threshold["conditions"]:
                if condition["metric"] == "tpp":
                    name = str(threshold["label"]).split(":")[0]
                    others = sorted(
                        {METRIC_NAMES[c["metric"]] for c in threshold["conditions"]} - {"TPP"}
                    )
                    if others:
                        name += f" (with {' and '.join(others)})"
                    lines.setdefault(float(condition["value"]), []).append(name)
    thresholds = [
        Threshold(value, f"{' / '.join(dict.fromkeys(names))}: TPP {number(value)}")
        for value, names in sorted(lines.items())
    ]
    return bars, thresholds


def chart_alt(graph: Graph, topic: Brief, country_names: dict[str, str]) -> str:
    """The picture in words, for its `alt` text."""
    bars, thresholds = chart_data(graph, topic)
    chips = "; ".join(
        f"{bar.name} ({country_names.get(bar.country, bar.country or 'designer unknown')})"
        f" {bar.label}"
        for bar in bars
    )
    lines = "; ".join(threshold.label for threshold in thresholds)
    text = f"Bar chart of the TPP of the chips in this story, by designer's country: {chips}."
    if lines:
        text += f" Dashed lines mark the TPP thresholds of its rules: {lines}."
    return text


def topic_chart_svg(graph: Graph, topic: Brief, country_names: dict[str, str]) -> bytes:
    """The picture. Each threshold's line carries a number at its top, and the key under
    the chart gives the threshold for each number: labels written beside the lines would
    cross the neighbouring lines when thresholds lie close together."""
    bars, thresholds = chart_data(graph, topic)
    top = 26 if thresholds else 8  # room for the lines' numbers above the bars
    bottom = top + ROW * len(bars) + 4
    largest = max([1.0, *(bar.high for bar in bars), *(t.value * 1.08 for t in thresholds)])
    ticks = tick_values(largest, most=4)
    scale_max = max(largest, ticks[-1] if ticks else largest)

    def sx(value: float) -> float:
        return round(LABELS + value / scale_max * (WIDTH - LABELS - RIGHT), 1)

    countries = sorted(
        {bar.country for bar in bars}, key=lambda code: (code not in _COUNTRY_COLOURS, code)
    )
    legend = [
        (_COUNTRY_COLOURS.get(code, _OTHER_COLOUR), country_names.get(code, code or "unknown"))
        for code in countries
    ]
    rows = []
    for index, bar in enumerate(bars):
        y = top + ROW * index + (ROW - BAR) / 2
        end = sx(bar.high)
        # The value sits after the bar, or inside its end when there is no room after it.
        inside = end > WIDTH - RIGHT - 7.5 * len(bar.label)
        rows.append(
            {
                "name": bar.name,
                "y": y,
                "low": sx(bar.low),
                "high": end,
                "colour": _COUNTRY_COLOURS.get(bar.country, _OTHER_COLOUR),
                "label": bar.label,
                "label_x": end - 4 if inside else end + 4,
                "inside": inside,
            }
        )
    key_top = bottom + 58
    lines, y = [], key_top
    for index, threshold in enumerate(thresholds):
        # Wrapped to the picture's width (13 px text is about 7 px a character).
        wrapped = textwrap.wrap(threshold.label, (WIDTH - 24) // 7)
        lines.append({"x": sx(threshold.value), "key": str(index + 1), "y": y, "text": wrapped})
        y += 17 * len(wrapped) + 4
    legend_top = y + (6 if lines else -12)
    svg = _ENV.get_template("topic_chart.svg.j2").render(
        width=WIDTH,
        height=legend_top + 22,
        left=LABELS,
        top=top,
        bottom=bottom,
        rows=rows,
        lines=lines,
        key_top=key_top,
        legend_top=legend_top,
        ticks=[(sx(value), number(value)) for value in ticks],
        legend=legend,
        title=f"TPP of the chips in the story: {topic.name}",
        alt=chart_alt(graph, topic, country_names),
    )
    return svg.encode("utf-8")
