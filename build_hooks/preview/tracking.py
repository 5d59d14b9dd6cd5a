"""What each page reads of the briefs, recorded while it is written.

The preview keeps every page's reads between edits; after an edit, only the pages that
read something the edit changed are written again. A read is a *key*:

- `(id, field)`: a top-level field of a brief (`name`, `summary`, `specs`…);
- `(id, EVERY_FIELD)`: all of a brief's fields (a page that walks its whole data);
- `(id, EXISTS)`: whether a brief exists (a lookup by id);
- `(MEMBERS, kind)` and `(MEMBERS, ALL)`: which briefs a kind, or the site, has;
- `(INCOMING, id)`, `(OUTGOING, id)` and `(LINKS, ALL)`: the links to or from a brief;
- `(DERIVED, name)`: what the graph works out from many briefs at once (the timeline,
  the policies with thresholds, the glossary's terms) or the render context does (the
  briefs due a check).

Reads are recorded by the objects a page reads through: a brief's data (a dict that
notes each key asked for), the graph's mappings, and the derived lists. Code that
writes pages reaches brief text only through these (render/ and site/ never read a
brief's `doc` directly), so whatever a page shows, its reads name it;
tests/test_preview.py compares the preview's pages with a whole build's after edits.
"""

from __future__ import annotations

import contextlib
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from build_hooks.graph.brief import Brief, Development
from build_hooks.graph.glossary import Glossary
from build_hooks.graph.graph import Graph, Link
from build_hooks.load.document import Document

Key = tuple[str, str]

EVERY_FIELD = "*"
EXISTS = ""
ALL = "*"
MEMBERS = "#members"
INCOMING = "#in"
OUTGOING = "#out"
LINKS = "#links"
DERIVED = "#derived"
TIMELINE = (DERIVED, "timeline")
THRESHOLD_POLICIES = (DERIVED, "threshold policies")
GLOSSARY = (DERIVED, "glossary")
STALE = (DERIVED, "stale")

# The reads of the page being written; None while no page is (most of the time: loading
# and checking read the same objects, and record nothing). One builder thread writes.
_reads: set[Key] | None = None

Result = TypeVar("Result")


@contextlib.contextmanager
def recording() -> Iterator[set[Key]]:
    """Record every read until the block ends, into the set it gives."""
    global _reads
    outer, _reads = _reads, set()
    try:
        yield _reads
    finally:
        _reads = outer


def unrecorded(function: Callable[[], Result]) -> Result:
    """`function()` with recording paused: for work shared by many pages, whose result
    is recorded as one derived key instead of everything it looked at."""
    global _reads
    outer, _reads = _reads, None
    try:
        return function()
    finally:
        _reads = outer


def record(key: Key) -> None:
    if _reads is not None:
        _reads.add(key)


class TrackedData(dict[str, Any]):
    """A brief's top-level data, noting which fields are read."""

    __slots__ = ("brief_id",)

    def __init__(self, brief_id: str, data: Mapping[str, Any]) -> None:
        super().__init__(data)
        self.brief_id = brief_id

    def __getitem__(self, key: str) -> Any:
        if _reads is not None:
            _reads.add((self.brief_id, key))
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        if _reads is not None:
            _reads.add((self.brief_id, key))
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        if _reads is not None and isinstance(key, str):
            _reads.add((self.brief_id, key))
        return dict.__contains__(self, key)

    def _all(self) -> None:
        if _reads is not None:
            _reads.add((self.brief_id, EVERY_FIELD))

    def __iter__(self) -> Iterator[str]:
        self._all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._all()
        return dict.__len__(self)

    def keys(self) -> Any:
        self._all()
        return dict.keys(self)

    def values(self) -> Any:
        self._all()
        return dict.values(self)

    def items(self) -> Any:
        self._all()
        return dict.items(self)

    def __eq__(self, other: object) -> bool:
        self._all()
        return dict.__eq__(self, other)

    __hash__ = None  # as dict's

    def copy(self) -> dict[str, Any]:
        self._all()
        return dict(dict.items(self))

    def __reduce__(self) -> Any:
        # Pickled (to a worker process) as the plain dict it stands for.
        return (dict, (dict(dict.items(self)),))


class TrackedBrief(Brief):
    """A brief whose data notes what pages read of it."""

    def __init__(self, kind: str, brief_id: str, path: str, doc: Document) -> None:
        super().__init__(kind, brief_id, path, doc)
        self._tracked = TrackedData(brief_id, doc.data)
        name = self.doc.data.get("name")
        self._name = name if isinstance(name, str) else self.id

    @classmethod
    def of(cls, brief: Brief) -> TrackedBrief:
        return cls(brief.kind, brief.id, brief.path, brief.doc)

    @property
    def data(self) -> dict[str, Any]:
        return self._tracked

    @property
    def name(self) -> str:
        if _reads is not None:
            _reads.add((self.id, "name"))
        return self._name

    def __reduce__(self) -> Any:
        # A worker process gets a plain brief: it records nothing.
        return (Brief, (self.kind, self.id, self.path, self.doc))


class _TrackedBriefs(dict[str, Brief]):
    """The graph's briefs by id: a lookup reads that a brief exists, a walk which exist."""

    def __getitem__(self, key: str) -> Brief:
        if _reads is not None:
            _reads.add((key, EXISTS))
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        if _reads is not None and isinstance(key, str):
            _reads.add((key, EXISTS))
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        if _reads is not None and isinstance(key, str):
            _reads.add((key, EXISTS))
        return dict.__contains__(self, key)

    def __iter__(self) -> Iterator[str]:
        record((MEMBERS, ALL))
        return dict.__iter__(self)

    def __len__(self) -> int:
        record((MEMBERS, ALL))
        return dict.__len__(self)

    def keys(self) -> Any:
        record((MEMBERS, ALL))
        return dict.keys(self)

    def values(self) -> Any:
        record((MEMBERS, ALL))
        return dict.values(self)

    def items(self) -> Any:
        record((MEMBERS, ALL))
        return dict.items(self)


class _TrackedKinds(dict[str, list[Brief]]):
    """The briefs of each kind: reading one kind's list reads which briefs it has."""

    def __getitem__(self, key: str) -> list[Brief]:
        record((MEMBERS, key))
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        record((MEMBERS, key))
        return dict.get(self, key, default)

    def _all(self) -> None:
        record((MEMBERS, ALL))

    def __iter__(self) -> Iterator[str]:
        return dict.__iter__(self)  # the kinds themselves never change

    def values(self) -> Any:
        self._all()
        return dict.values(self)

    def items(self) -> Any:
        self._all()
        return dict.items(self)


class _TrackedLinks(defaultdict[str, list[Link]]):
    """Links by the brief they leave (or reach); a defaultdict, as the graph's are."""

    def __init__(self, side: str, links: Mapping[str, list[Link]]) -> None:
        super().__init__(list, links)
        self.side = side

    def __getitem__(self, key: str) -> list[Link]:
        if _reads is not None:
            _reads.add((self.side, key))
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        if _reads is not None:
            _reads.add((self.side, key))
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if _reads is not None and isinstance(key, str):
            _reads.add((self.side, key))
        return super().__contains__(key)

    def _all(self) -> None:
        record((LINKS, ALL))

    def __iter__(self) -> Iterator[str]:
        self._all()
        return super().__iter__()

    def values(self) -> Any:
        self._all()
        return super().values()

    def items(self) -> Any:
        self._all()
        return super().items()


class TrackedGraph(Graph):
    """A resolved graph whose readers are recorded (see the module's docstring).

    Made from the graph's parts, as `Graph.__init__` leaves them, so that the preview
    can keep them up to date between edits instead of building them again."""

    def __init__(
        self,
        briefs: Mapping[str, Brief],
        kinds: Mapping[str, list[Brief]],
        outgoing: Mapping[str, list[Link]],
        incoming: Mapping[str, list[Link]],
        bits: dict[str, int],
        glossary: Glossary | None = None,
    ) -> None:
        # Graph.__init__ is not called: these are its results.
        self.briefs = _TrackedBriefs(briefs)
        self.kinds = _TrackedKinds({kind: list(found) for kind, found in kinds.items()})
        self.outgoing = _TrackedLinks(OUTGOING, outgoing)
        self.incoming = _TrackedLinks(INCOMING, incoming)
        self.bits = dict(bits)
        # `is None`, not `or`: an empty glossary is falsy, and a new one for every graph
        # would count as an edit to the glossary, which every page reads.
        self._glossary = Glossary([]) if glossary is None else glossary

    @property
    def glossary(self) -> Glossary:  # type: ignore[override]
        """The glossary's terms, read as one key: the preview gives a new glossary when
        its file, or a brief its definitions name, changed."""
        record(GLOSSARY)
        return self._glossary

    @classmethod
    def of(cls, graph: Graph) -> TrackedGraph:
        return cls(
            graph.briefs, graph.kinds, graph.outgoing, graph.incoming, graph.bits, graph.glossary
        )

    @property
    def threshold_policies(self) -> list[Brief]:
        record(THRESHOLD_POLICIES)
        return self._threshold_policies

    @functools.cached_property
    def _threshold_policies(self) -> list[Brief]:
        # Graph's own, uncached: the cached_property's function.
        policies: list[Brief] = unrecorded(lambda: vars(Graph)["threshold_policies"].func(self))
        return policies

    def timeline(self) -> list[Development]:
        record(TIMELINE)
        return unrecorded(lambda: Graph.timeline(self))


class TrackedList(list[Any]):
    """A list worked out from many briefs (the briefs due a check), its reading
    recorded as one derived key."""

    def __init__(self, key: Key, items: Iterable[Any]) -> None:
        super().__init__(items)
        self.key = key

    def __iter__(self) -> Iterator[Any]:
        record(self.key)
        return super().__iter__()

    def __len__(self) -> int:
        record(self.key)
        return super().__len__()

    def __getitem__(self, index: Any) -> Any:
        record(self.key)
        return super().__getitem__(index)

    def __bool__(self) -> bool:
        record(self.key)
        return super().__len__() > 0
