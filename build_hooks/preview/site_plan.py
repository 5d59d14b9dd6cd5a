"""What the preview needs of a site plan (site/plan.py's SitePlan has all of it).

The preview's core takes its plans from the one who runs it (preview_site.py makes
them): it writes pages and files through this much of a plan and imports none of the
rendering, so it sits below the pipeline's later stages, not above them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Protocol

from build_hooks.graph.graph import Graph
from build_hooks.preview.tracking import Key

Noted = Callable[[str, set[Key]], None]
"""Called with a hand-written page's path and what filling its markers read."""


class Plan(Protocol):
    """A checked site's pages and files, and what writes each."""

    @property
    def graph(self) -> Graph: ...

    @property
    def page_paths(self) -> list[str]: ...

    @property
    def file_paths(self) -> list[str]: ...

    @property
    def shared_reads(self) -> frozenset[Key]:
        """What making the plan read (what it works out once for many pages): when any
        of it changes, every page is looked at again."""
        ...

    def generates(self, src_uri: str) -> bool: ...

    def write_page(self, src_uri: str) -> str: ...

    def expand(self, markdown: str, src_uri: str) -> str: ...

    def file_groups(self) -> dict[str, Callable[[], dict[str, bytes]]]: ...


def digest(text: str | bytes) -> bytes:
    """A page's or file's fingerprint: what is served is compared by it."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.blake2b(data, digest_size=16).digest()
