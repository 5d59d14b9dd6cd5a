"""Pages that list briefs: one index per kind (with the chip figures and chart), and the
list of briefs due for a check."""

from __future__ import annotations

import functools
from collections.abc import Callable

from build_hooks import paths
from build_hooks.graph.brief import Brief, is_readings
from build_hooks.graph.thresholds import evaluate, metric_values
from build_hooks.kinds import BRIEF_TYPES, KINDS
from build_hooks.render import paging
from build_hooks.render.chart import chip_figures, metric_text, point_label, threshold_lines
from build_hooks.render.context import RenderContext
from build_hooks.render.description import shorten
from build_hooks.render.front_matter import front_matter
from build_hooks.render.jurisdictions import jurisdiction_link
from build_hooks.render.markdown import Safe, escape_text
from build_hooks.render.page import PageContext
from build_hooks.render.paging import pager
from build_hooks.render.values import humanise, number, readings_summary, table
from build_hooks.validate.fields import DisplayField
from build_hooks.words import count_of, noun

# The precisions shown in the chips index's throughput column, most quoted first.
_THROUGHPUT_COLUMN = ("fp8", "bf16", "fp16", "int8", "fp4")

ROWS_PER_PAGE = 200
"""Rows of a kind's index on one page: a chip's row is about a kilobyte of HTML, so no
index page passes a few hundred kilobytes however many briefs there are. The first page
is the index's own address (`/chips/`), the others `/chips/page/2/` and on."""


NAMED_IN_CHART_TEXT = 50
"""Chips the words under the chips index's chart name, as the chart's alternative text
and among those it cannot place: beyond it, they say how many, so that the page does not
grow with the number of chips."""


class ListingPages:
    """The index of each kind and the maintenance list."""

    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.graph = context.graph
        self._ordered: dict[str, list[Brief]] = {}

    def writers(self) -> dict[str, Callable[[], str]]:
        """Each page's path, and what writes it (when it is needed, perhaps elsewhere)."""
        writers: dict[str, Callable[[], str]] = {}
        for kind in BRIEF_TYPES:
            for page_number in range(1, page_count(len(self.graph.kinds[kind])) + 1):
                writers[paths.index_page_number(kind, page_number)] = functools.partial(
                    self.index_page, kind, page_number
                )
        writers[paths.MAINTENANCE] = self.maintenance_page
        return writers

    # Type indexes ---------------------------------------------------------------------

    def index_page(self, kind: str, number: int = 1) -> str:
        """Page `number` of a kind's index: its share of the table, and links to the
        other pages."""
        info = KINDS[kind]
        page = PageContext(self.graph, paths.index_page_number(kind, number))
        columns = [
            field
            for field in self.context.fields[kind]
            if field.in_infobox and field.key in info.index_columns
        ]
        everything = self.ordered(kind)
        pages = page_count(len(everything))
        briefs = everything[(number - 1) * ROWS_PER_PAGE : number * ROWS_PER_PAGE]
        headers = [info.singular.capitalize(), *(field.title for field in columns)]
        rows = [
            [page.link(brief.id), *(self.cell(page, field, brief) for field in columns)]
            for brief in briefs
        ]
        # Chips: the figures export rules turn on, and (on the first page) the chart.
        export_controls = "export controls" in info.sections
        if export_controls:
            headers += ["Memory", "Memory bandwidth", "Dense throughput", "TPP", "Thresholds met"]
            for row, brief in zip(rows, briefs, strict=True):
                row.extend(self.chip_cells(page, brief))
        # "TPP" stays as it is; "Memory bandwidth" becomes "memory bandwidth".
        facts = [h if h[1:2].isupper() else h[:1].lower() + h[1:] for h in headers[1:]]
        counted = f"The {count_of(len(everything), info.singular, kind)} on this site"
        description = shorten(
            counted
            + (" and its " if len(everything) == 1 else " and their ")
            + (", ".join(facts[:-1]) + " and " + facts[-1] if len(facts) > 1 else "".join(facts))
            + "."
            if facts
            else counted + ", each linked to its page and the sources it cites."
        )
        # The left sidebar would only repeat the tab's name; the tables need its width.
        chart = export_controls and number == 1
        title = info.title if number == 1 else f"{info.title}, page {number} of {pages}"
        return front_matter(
            title=None if number == 1 else title, description=description, hide=("navigation",)
        ) + self.context.env.get_template("index.md.j2").render(
            kind=kind,
            title=title,
            plural=info.title,
            singular=info.singular,
            count=len(everything),
            first=(number - 1) * ROWS_PER_PAGE + 1,
            last=(number - 1) * ROWS_PER_PAGE + len(briefs),
            pager=pager(number, pages, lambda n: page.href(paths.index_page_number(kind, n))),
            table=table(headers, rows),
            timeline_href=page.href(paths.TIMELINE),
            jurisdictions_href=page.href(paths.JURISDICTIONS),
            chart=page.href(paths.CHART) if chart else None,
            chart_alt=self.chart_alt() if chart else "",
            chart_data=page.href(paths.CHART_DATA) if chart else None,
            chart_lines=self.chart_lines() if chart else "",
            unplotted=self.unplotted(page) if chart else "",
        )

    def ordered(self, kind: str) -> list[Brief]:
        """A kind's briefs in index order, sorted once for all of its pages (a page each
        sorting every brief would make the work per brief grow with their number)."""
        if kind not in self._ordered:
            briefs = self.graph.kinds[kind]
            if KINDS[kind].newest_first:
                briefs = sorted(briefs, key=lambda b: b.date, reverse=True)
            self._ordered[kind] = list(briefs)
        return self._ordered[kind]

    def cell(self, page: PageContext, field: DisplayField, brief: Brief) -> Safe:
        value = brief.data.get(field.key)
        if value is None:
            return Safe("")
        if is_readings(value):
            return readings_summary(value, field.unit, year=field.is_year)
        if field.key == "jurisdiction":
            return jurisdiction_link(self.context, page, str(value))
        if field.kinds or field.names:
            return page.value(field, value)
        if isinstance(value, list):
            return escape_text(", ".join(humanise(str(item)) for item in value))
        return escape_text(humanise(value) if field.is_enum else str(value))

    def chip_cells(self, page: PageContext, chip: Brief) -> list[Safe]:
        specs = chip.data.get("specs") or {}
        dense = chip.data.get("dense_tops") or {}
        throughput = "; ".join(
            f"{precision.upper()} {readings_summary(dense[precision], None)}"
            for precision in _THROUGHPUT_COLUMN
            if dense.get(precision)
        )
        tpps = metric_values(chip, "tpp", self.graph.bits)
        # An empty cell would not say whether no threshold is met or the inputs are missing.
        met, undecided = [], []
        for policy in self.graph.threshold_policies:
            for threshold in policy.data["thresholds"]:
                short = str(threshold["label"]).split(":")[0]
                result = evaluate(chip, policy, threshold, self.graph.bits).result
                if result == "yes":
                    met.append(
                        page.link(
                            policy.id, short, anchor=paths.threshold_anchor(str(threshold["id"]))
                        )
                    )
                elif result != "no":
                    undecided.append(escape_text(short))
        verdicts = ", ".join(met) if met else "none"
        if undecided:
            verdicts += "; cannot tell: " + ", ".join(undecided)
        return [
            readings_summary(specs["memory_gb"], "GB") if specs.get("memory_gb") else Safe(""),
            readings_summary(specs["memory_bandwidth_gbs"], "GB/s")
            if specs.get("memory_bandwidth_gbs")
            else Safe(""),
            Safe(throughput),
            escape_text(" or ".join(number(v) for v in tpps)) if tpps else Safe("not sourced"),
            Safe(verdicts),
        ]

    def chart_alt(self) -> str:
        """The chart in words: each chip's two figures, or on a big site how many chips it
        shows (the table and the chart's CSV file give every figure)."""
        figures = chip_figures(self.graph)
        if len(figures) > NAMED_IN_CHART_TEXT:
            return (
                f"Chart of TPP against memory bandwidth for {len(figures):,}"
                f" {noun(len(figures), 'chip')} by designer's country, with the rule thresholds as"
                " dashed lines; the table gives each chip's figures."
            )
        points = "; ".join(point_label(figure) for figure in figures)
        return (
            "Chart of TPP against memory bandwidth by designer's country, with the rule"
            f" thresholds as dashed lines: {points}."
        )

    def chart_lines(self) -> Safe:
        """Which rule each dashed line belongs to (the chart labels them by figure only)."""
        by_rule: dict[str, list[str]] = {}
        for metric, value, name in threshold_lines(self.graph):
            by_rule.setdefault(name, []).append(metric_text(metric, value))
        return escape_text(
            "; ".join(
                f"{' and '.join(figures)}: {name}" for name, figures in sorted(by_rule.items())
            )
        )

    def unplotted(self, page: PageContext) -> Safe:
        """The chips with neither figure sourced, which the chart cannot place (the first
        of them, on a big site, and how many more)."""
        plotted = {figures.chip.id for figures in chip_figures(self.graph)}
        missing = [chip for chip in self.graph.kinds["chips"] if chip.id not in plotted]
        named = ", ".join(page.link(chip.id) for chip in missing[:NAMED_IN_CHART_TEXT])
        if len(missing) > NAMED_IN_CHART_TEXT:
            more = len(missing) - NAMED_IN_CHART_TEXT
            named += f" and {more:,} more {noun(more, 'chip')}"
        return Safe(named)

    def maintenance_page(self) -> str:
        page = PageContext(self.graph, paths.MAINTENANCE)
        rows = [
            [
                page.link(brief.id),
                escape_text(KINDS[brief.kind].singular),
                escape_text(brief.data["as_of"]),
                Safe(number(age)),
            ]
            for brief, age in self.context.stale
        ]
        options = self.context.options
        return self.context.env.get_template("maintenance.md.j2").render(
            days=options.stale_after_days,
            today=options.today.isoformat(),
            count=len(rows),
            table=table(["Brief", "Type", "As of", "Days since"], rows),
        )


def page_count(rows: int) -> int:
    """How many pages an index of `rows` briefs takes (one, even when empty)."""
    return paging.page_count(rows, ROWS_PER_PAGE)
