"""Keeping Python's cycle collector off the briefs: they make millions of small objects
and no garbage cycles, so walking them again and again is pure cost."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Loading and writing make no garbage cycles; without this, the cycle collector
    walks every loaded brief again at each collection (a tenth of the check)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def keep_until_next_build() -> None:
    """Everything alive now (the loaded graph) lives to the end of the build: leave it out
    of every later collection, and let forked helpers share its memory instead of each
    copying the pages the collector would mark."""
    gc.freeze()


def release_kept() -> None:
    """A new build (a `mkdocs serve` rebuild): what the last one kept may be collected."""
    gc.unfreeze()
