"""Pages about many briefs at once: type indexes, the timeline, jurisdictions, maintenance,
and the generated parts of hand-written pages (`<!-- briefs:… -->` markers)."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from build_hooks.errors import BriefError, Problem
from build_hooks.export_controls import threshold_anchor
from build_hooks.formatting import humanise, is_readings, number, readings_summary, table
from build_hooks.markdown_text import Safe, escape_text
from build_hooks.model import Brief
from build_hooks.page_context import PageContext
from build_hooks.schema_fields import DisplayField
from build_hooks.structured_data import front_matter
from build_hooks.thresholds import evaluate, metric_values
from build_hooks.types import BRIEF_TYPES, SINGULAR, TITLES, count_of

if TYPE_CHECKING:
    from build_hooks.render import Renderer

TIMELINE_SRC = "timeline.md"
MAINTENANCE_SRC = "maintenance.md"
JURISDICTIONS_SRC = "jurisdictions/index.md"
CHART_SRC = "chips/tpp-bandwidth.svg"
_MARKER = re.compile(r"<!--\s*briefs:([a-z-]+)\s*-->")
_INDEX_COLUMNS = {
    "companies": ("country", "headquarters", "roles"),
    "chips": ("designer", "status", "released"),
    "policies": ("jurisdiction", "kind", "status", "announced", "effective"),
    "sources": ("publisher", "published", "tier"),
}


def jurisdiction_src(code: str) -> str:
    return f"jurisdictions/{code.lower()}.md"


class SitePages:
    """Renders the pages that list or summarise briefs."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.graph = renderer.graph
        self.options = renderer.options
        self._stale: list[tuple[Brief, int]] | None = None

    @property
    def pages_paths(self) -> list[str]:
        return list(self.writers())

    def writers(self) -> dict[str, Callable[[], str]]:
        """Each page's path, and what writes it (when it is needed, perhaps elsewhere)."""
        writers: dict[str, Callable[[], str]] = {
            f"{kind}/index.md": functools.partial(self.index_page, kind) for kind in BRIEF_TYPES}
        writers[TIMELINE_SRC] = self.timeline_page
        writers[MAINTENANCE_SRC] = self.maintenance_page
        writers[JURISDICTIONS_SRC] = self.jurisdictions_page
        for code in self.jurisdictions():
            writers[jurisdiction_src(code)] = functools.partial(self.jurisdiction_page, code)
        return writers

    # Type indexes ---------------------------------------------------------------------

    def index_page(self, kind: str) -> str:
        src = f"{kind}/index.md"
        page = PageContext(self.graph, src)
        columns = [field for field in self.renderer.fields[kind]
                   if field.in_infobox and field.key in _INDEX_COLUMNS[kind]]
        briefs = self.graph.kinds[kind]
        if kind in ("policies", "sources"):
            briefs = sorted(briefs, key=lambda b: b.date, reverse=True)
        headers = [SINGULAR[kind].capitalize(), *(field.title for field in columns)]
        rows = [[page.link(brief.id), *(self.cell(page, field, brief) for field in columns)]
                for brief in briefs]
        if kind == "chips":
            headers += ["Memory", "Memory bandwidth", "Dense throughput", "TPP", "Thresholds met"]
            for row, brief in zip(rows, briefs, strict=True):
                row.extend(self.chip_cells(page, brief))
        return self.renderer.env.get_template("index.md.j2").render(
            kind=kind, title=TITLES[kind], singular=SINGULAR[kind], count=len(briefs),
            table=table(headers, rows), timeline_href=page.href(TIMELINE_SRC),
            jurisdictions_href=page.href(JURISDICTIONS_SRC),
            chart=page.href(CHART_SRC) if kind == "chips" else None,
            chart_alt=self.chart_alt() if kind == "chips" else "")

    def cell(self, page: PageContext, field: DisplayField, brief: Brief) -> Safe:
        value = brief.data.get(field.key)
        if value is None:
            return Safe("")
        if is_readings(value):
            return readings_summary(value, field.unit, year=field.is_year)
        if field.key == "jurisdiction":
            return self.jurisdiction_link(page, str(value))
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
            for precision in ("fp8", "bf16", "fp16", "int8", "fp4") if dense.get(precision))
        tpps = metric_values(chip, "tpp")
        # An empty cell would not say whether no threshold is met or the inputs are missing.
        met, undecided = [], []
        for policy in self.graph.threshold_policies:
            for threshold in policy.data["thresholds"]:
                short = str(threshold["label"]).split(":")[0]
                result = evaluate(chip, policy, threshold).result
                if result == "yes":
                    met.append(page.link(policy.id, short,
                                         anchor=threshold_anchor(str(threshold["id"]))))
                elif result != "no":
                    undecided.append(escape_text(short))
        verdicts = ", ".join(met) if met else "none"
        if undecided:
            verdicts += "; cannot tell: " + ", ".join(undecided)
        return [
            readings_summary(specs["memory_gb"], "GB") if specs.get("memory_gb") else Safe(""),
            readings_summary(specs["memory_bandwidth_gbs"], "GB/s")
            if specs.get("memory_bandwidth_gbs") else Safe(""),
            Safe(throughput),
            escape_text(" or ".join(number(v) for v in tpps)) if tpps else Safe("not sourced"),
            Safe(verdicts),
        ]

    def chart_alt(self) -> str:
        from build_hooks.chart import chip_points

        points = "; ".join(f"{name} {number(y)} TPP at {number(x)} GB/s"
                           for name, x, y in chip_points(self.graph))
        return ("Chart of TPP against memory bandwidth, with the rule thresholds as dashed"
                f" lines: {points}.")

    # Timeline, jurisdictions, maintenance -----------------------------------------------

    def timeline_page(self) -> str:
        page = PageContext(self.graph, TIMELINE_SRC)
        years: dict[str, list[Any]] = {}
        for entry in self.graph.timeline():
            years.setdefault(entry.date[:4], []).append(entry)
        return self.renderer.env.get_template("timeline.md.j2").render(page=page, years=years)

    def jurisdictions(self) -> list[str]:
        return sorted({str(p.data["jurisdiction"]) for p in self.graph.kinds["policies"]
                       if p.data.get("jurisdiction")})

    def jurisdiction_name(self, code: str) -> str:
        field = next(f for f in self.renderer.fields["policies"] if f.key == "jurisdiction")
        return field.names.get(code, code)

    def jurisdiction_link(self, page: PageContext, code: str) -> Safe:
        text = escape_text(f"{self.jurisdiction_name(code)} ({code})")
        return Safe(f"[{text}]({page.href(jurisdiction_src(code))})")

    def jurisdictions_page(self) -> str:
        page = PageContext(self.graph, JURISDICTIONS_SRC)
        rows = [[self.jurisdiction_link(page, code),
                 Safe(str(sum(p.data.get("jurisdiction") == code
                              for p in self.graph.kinds["policies"])))]
                for code in self.jurisdictions()]
        return self.renderer.env.get_template("jurisdictions.md.j2").render(
            table=table(["Jurisdiction", "Policies"], rows),
            policies_href=page.href("policies/index.md"))

    def jurisdiction_page(self, code: str) -> str:
        src = jurisdiction_src(code)
        page = PageContext(self.graph, src)
        policies = sorted((p for p in self.graph.kinds["policies"]
                           if p.data.get("jurisdiction") == code), key=lambda p: (p.date, p.id))
        rows = [[escape_text(p.date), page.link(p.id), escape_text(humanise(str(p.data["kind"]))),
                 escape_text(humanise(str(p.data["status"]))),
                 escape_text(", ".join(body["name"] for body in p.data["issued_by"]))]
                for p in policies]
        return front_matter(f"{self.jurisdiction_name(code)} ({code})") + \
            self.renderer.env.get_template("jurisdiction.md.j2").render(
            name=self.jurisdiction_name(code), code=code, count=len(policies),
            table=table(["Announced", "Policy", "Kind", "Status", "Issued by"], rows),
            index_href=page.href(JURISDICTIONS_SRC))

    def stale(self) -> list[tuple[Brief, int]]:
        """Briefs whose as_of is older than the configured age, oldest first."""
        if self._stale is None:
            self._stale = self._find_stale()
        return self._stale

    def _find_stale(self) -> list[tuple[Brief, int]]:
        found = []
        for brief in self.graph.briefs.values():
            as_of = brief.data.get("as_of")
            if isinstance(as_of, str):
                age = (self.options.today - datetime.date.fromisoformat(as_of)).days
                if age > self.options.stale_after_days:
                    found.append((brief, age))
        return sorted(found, key=lambda pair: (-pair[1], pair[0].kind, pair[0].id))

    def maintenance_page(self) -> str:
        page = PageContext(self.graph, MAINTENANCE_SRC)
        rows = [[page.link(brief.id), escape_text(SINGULAR[brief.kind]),
                 escape_text(brief.data["as_of"]), Safe(number(age))]
                for brief, age in self.stale()]
        return self.renderer.env.get_template("maintenance.md.j2").render(
            days=self.options.stale_after_days, today=self.options.today.isoformat(),
            count=len(rows), table=table(["Brief", "Type", "As of", "Days since"], rows))

    # Markers in hand-written pages ------------------------------------------------------

    def expand_markers(self, markdown: str, src_uri: str) -> str:
        problems = []
        for match in _MARKER.finditer(markdown):
            if match.group(1) not in _FRAGMENTS:
                line = markdown.count("\n", 0, match.start()) + 1
                problems.append(Problem(f"docs/{src_uri}", line, 1, "", (
                    f"unknown marker {match.group(0)!r}; the markers are: "
                    + ", ".join(f"<!-- briefs:{name} -->" for name in _FRAGMENTS))))
        if problems:
            raise BriefError(problems)
        page = PageContext(self.graph, src_uri)
        return _MARKER.sub(lambda m: getattr(self, _FRAGMENTS[m.group(1)])(page), markdown)

    def latest_fragment(self, page: PageContext) -> str:
        lines = []
        for entry in self.graph.timeline()[:10]:
            flag = " (*reported*)" if entry.reported else ""
            lines.append(f"- **{entry.date}**, {page.link(entry.brief.id)}{flag}: "
                         f"{page.prose(entry.text, indent=4)}{page.cite(entry.sources)}")
        notes = page.footnotes()
        return "\n".join(lines) + (f"\n\n{notes}" if notes else "")

    def counts_fragment(self, page: PageContext) -> str:
        parts = [f"[{count_of(len(self.graph.kinds[kind]), kind)}]"
                 f"({page.href(f'{kind}/index.md')})" for kind in BRIEF_TYPES]
        stale = len(self.stale())
        return (", ".join(parts) + f", {len(self.graph.timeline())} dated developments."
                f" [{stale} brief{'s' if stale != 1 else ''} due for re-checking]"
                f"({page.href(MAINTENANCE_SRC)}).")

    def data_fragment(self, page: PageContext) -> str:
        files = [("data/briefs.json", "every brief as JSON"),
                 *((f"data/{kind}.csv", f"{TITLES[kind].lower()} as CSV") for kind in BRIEF_TYPES),
                 ("feed.xml", "an Atom feed of every development")]
        return "\n".join(f"- [{label}]({page.href(path)})" for path, label in files)


_FRAGMENTS = {"latest": "latest_fragment", "counts": "counts_fragment", "data": "data_fragment"}
