"""The pages of the site being previewed: what each read when it was last written, the
Markdown each served page was made from, and which pages an edit may have changed.

After an edit, a page is looked at again if it read something the edit changed (see
changes.py), or if it is the edited brief's own page. It is written again (cheap) and
compared with the Markdown its served page was made from; only a page whose Markdown
differs is converted again (what costs). Pages wait in order: the edited briefs' own
pages and edited hand-written pages first, then the rest, smallest first, so that what
the contributor is looking at is updated before the long lists that mention it.

What the plan works out once for many pages, while it is made (the timeline's months,
each index's order), is no page's read: it is the plan's `shared_reads`, and an edit
that changes any of it has every page looked at again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

from build_hooks.preview.changes import Changes
from build_hooks.preview.site_plan import Noted, Plan, digest
from build_hooks.preview.tracking import Key, TrackedGraph, recording

P = TypeVar("P", bound=Plan)

FIRST = 0  # the edited briefs' own pages and edited hand-written pages
LATER = 1


@dataclasses.dataclass
class _Page:
    reads: frozenset[Key] = frozenset()
    written: bytes = b""
    """The digest of the Markdown last written."""
    built: bytes | None = None
    """The digest of the Markdown the served page was made from (None: not built)."""
    size: int = 0


@dataclasses.dataclass(frozen=True)
class PlanChange:
    """What a new graph did to the set of pages."""

    added: list[str]
    removed: list[str]


class PreviewPages(Generic[P]):
    """Every page of the site: generated ones by path among the docs files, hand-written
    ones (`docs/` Markdown, whose markers pull in text from briefs) by their path in
    docs/. `make_plan` makes the plan of a graph; a plan calls the function it is given
    with what each hand-written page's markers read, as they are filled in."""

    def __init__(self, root: Path, make_plan: Callable[[TrackedGraph, Noted], P]) -> None:
        self.docs_dir = root / "docs"
        self._make_plan = make_plan
        self.plan: P | None = None
        self.hand_written: list[str] = []
        self._pages: dict[str, _Page] = {}
        self._pending: dict[str, int] = {}
        self._queue: list[str] | None = None  # the pending in order, the next last
        self._ready: dict[str, str] = {}  # Markdown written and not yet built

    def use(self, graph: TrackedGraph, changed: Changes | None) -> PlanChange:
        """Take a new graph: `changed` says what differs from the last one (None: the
        first, or a graph after anything else changed: every page is looked at)."""
        old = set(self.plan.page_paths) if self.plan is not None else set()
        self.plan = self._make_plan(graph, self.note_expanded)
        self.hand_written = sorted(
            path.relative_to(self.docs_dir).as_posix() for path in self.docs_dir.rglob("*.md")
        )
        wanted = [*self.plan.page_paths, *self.hand_written]
        for src_uri in set(self._pages) - set(wanted):
            del self._pages[src_uri]
            self._pending.pop(src_uri, None)
            self._queue = None
            self._ready.pop(src_uri, None)
        for src_uri in wanted:
            if src_uri not in self._pages:
                self._pages[src_uri] = _Page()
        if changed is not None:
            self._look_again(changed, graph)  # the edited pages first
        if changed is None or not changed.keys.isdisjoint(self.plan.shared_reads):
            # What the plan worked out once for many pages (the plan's shared reads)
            # changed: any page may show it.
            for src_uri in wanted:
                self._wait(src_uri, LATER)
        new = set(self.plan.page_paths)
        return PlanChange(sorted(new - old), sorted(old - new))

    def _look_again(self, changed: Changes, graph: TrackedGraph) -> None:
        own = {
            graph.briefs[b].src_uri for b in changed.briefs if dict.__contains__(graph.briefs, b)
        }
        for src_uri, page in self._pages.items():
            if src_uri in own or page.built is None:
                self._wait(src_uri, FIRST if src_uri in own else LATER)
            elif changed.keys and not page.reads.isdisjoint(changed.keys):
                self._wait(src_uri, LATER)

    def hand_written_edited(self, src_uris: Iterable[str]) -> None:
        for src_uri in src_uris:
            if src_uri in self._pages:
                self._wait(src_uri, FIRST)

    def _wait(self, src_uri: str, priority: int) -> None:
        self._pending[src_uri] = min(priority, self._pending.get(src_uri, priority))
        self._queue = None  # put in order again when next asked

    def is_first(self, src_uri: str) -> bool:
        """Whether a waiting page is one the edit was made to (updated before the rest)."""
        return self._pending.get(src_uri) == FIRST

    @property
    def pending(self) -> int:
        return len(self._pending)

    def next_page(self) -> str | None:
        """The page to look at next: the edited first, then the smallest."""
        # Sorted once per edit, not searched per page: after an edit every page of a big
        # site may wait, and a search per page was quadratic (minutes at 10,000).
        if self._queue is None:
            self._queue = sorted(
                self._pending,
                key=lambda src: (self._pending[src], self._pages[src].size, src),
                reverse=True,
            )
        while self._queue:
            if self._queue[-1] in self._pending:
                return self._queue[-1]
            self._queue.pop()  # built, or no longer waiting
        return None

    def write(self, src_uri: str) -> str | None:
        """Write a waiting page's Markdown; None (and it waits no more) if its served page
        was made from the same."""
        markdown = self.markdown(src_uri)
        page = self._pages[src_uri]
        if page.written == page.built:
            self._pending.pop(src_uri, None)
            return None
        self._ready[src_uri] = markdown
        return markdown

    def markdown(self, src_uri: str) -> str:
        """A page's Markdown now, its reads noted: a generated page's, or a hand-written
        page's with its markers filled in."""
        assert self.plan is not None, "use() a graph first"
        page = self._pages[src_uri]
        if self.plan.generates(src_uri):
            with recording() as reads:
                markdown = self.plan.write_page(src_uri)
            page.reads = frozenset(reads)
        else:
            markdown = self.plan.expand((self.docs_dir / src_uri).read_text("utf-8"), src_uri)
        page.written = digest(markdown)
        page.size = len(markdown)
        return markdown

    def note_expanded(self, src_uri: str, reads: set[Key]) -> None:
        if src_uri in self._pages:
            self._pages[src_uri].reads = frozenset(reads)

    def ready(self, src_uri: str) -> str:
        """The Markdown `write` gave for a page about to be converted (or, in a whole
        build, the page written now)."""
        markdown = self._ready.pop(src_uri, None)
        return self.markdown(src_uri) if markdown is None else markdown

    def built(self, src_uri: str) -> None:
        """The page's served copy is now made from its Markdown last written."""
        page = self._pages.get(src_uri)
        if page is not None:
            page.built = page.written
            self._pending.pop(src_uri, None)

    def all_built(self) -> None:
        """A whole build succeeded: every page is served as last written."""
        for src_uri in list(self._pages):
            self.built(src_uri)
        self._ready.clear()

    def forget_built(self) -> None:
        """A whole build failed: nothing is served; every page waits."""
        for src_uri, page in self._pages.items():
            page.built = None
            self._wait(src_uri, LATER)
