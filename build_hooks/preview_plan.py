"""The site plan the preview writes from: SitePlan, with what its pages read recorded
beyond what the pages themselves note (see preview/tracking.py): what making the plan
read (it works out some things once for many pages), and what each hand-written page's
markers read. Beside preview_site.py, which hands it to the preview's engine.
"""

from __future__ import annotations

import jinja2

from build_hooks.kinds import BRIEF_TYPES
from build_hooks.options import SiteOptions
from build_hooks.preview.site_plan import Noted
from build_hooks.preview.tracking import STALE, TrackedGraph, TrackedList, recording
from build_hooks.site.plan import SitePlan
from build_hooks.validate.schemas import SchemaSet


class PreviewPlan(SitePlan):
    """The site plan of one graph, whose hand-written pages note what their markers read
    (to `noted`: the engine's pages, see preview/pages.py)."""

    def __init__(
        self,
        graph: TrackedGraph,
        noted: Noted,
        schemas: SchemaSet,
        options: SiteOptions,
        environment: jinja2.Environment,
    ) -> None:
        with recording() as reads:
            super().__init__(graph, schemas, options, environment)
            for kind in BRIEF_TYPES:
                self.listings.ordered(kind)  # sorted once for the kind's index pages
        # The briefs due a check read every `as_of`; the pages read that list as a key
        # of its own (STALE), which an edit to an `as_of` changes.
        self.shared_reads = frozenset(key for key in reads if key[1] != "as_of")
        """What making the plan read: what it works out once for many pages (the
        timeline's months, each index's order) is read here, for every page."""
        # Which briefs are due a check is worked out once for the site; a page reading
        # the list reads one derived key (the list is the same object the writers hold).
        object.__setattr__(self.context, "stale", TrackedList(STALE, self.context.stale))
        self._noted = noted

    def expand(self, markdown: str, src_uri: str) -> str:
        with recording() as reads:
            expanded = super().expand(markdown, src_uri)
        self._noted(src_uri, reads)
        return expanded


def preview_plan(
    graph: TrackedGraph,
    noted: Noted,
    *,
    schemas: SchemaSet,
    options: SiteOptions,
    environment: jinja2.Environment,
) -> PreviewPlan:
    """The plan of `graph` (the engine's `make_plan`, its settings bound)."""
    return PreviewPlan(graph, noted, schemas, options, environment)
