"""Spreading a big site's work over processes, where that is safe and pays.

Loading one brief, writing one brief's page and sanitising one page's HTML each depend on
nothing else, so for a site of thousands of briefs they run in forked worker processes;
results come back in order, so the output is the same as one process gives. Two shapes:

- `map_in_order`: this process waits for the result (loading and checking every brief),
  so every core works on it;
- `Helpers`: the work goes on while this process does MkDocs's (writing pages just
  ahead of MkDocs reading them, the data files, sanitising converted pages), so it gets
  the cores MkDocs leaves free, and its results are collected when they are needed.

Small sites (the real one has a few hundred briefs) stay in one process: starting workers
would cost more than it saves.

Workers are forked, so they start at once and share the loaded code, schemas and graph.
Forking is only safe on Linux, in a process with a single thread (`mkdocs serve` runs a
server thread, and a lock another thread holds at the fork stays locked in the child), so
anywhere else the work stays in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from multiprocessing.pool import Pool
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

ITEMS_PER_WORKER = 1000  # briefs or pages; fewer, and a worker costs more than it saves
HELPER_PAGES = 500  # a site with fewer pages writes and sanitises them in this process
MAX_HELPERS = 2
ENVIRONMENT = "BRIEFS_WORKERS"  # a number of processes, to force one (1 turns this off)

# The functions the workers run: set before the fork, so the children inherit them (and
# what they refer to, such as the graph) and only arguments and results travel through
# the pipes.
_helper_tasks: dict[str, Callable[[Any], Any]] = {}


def worker_count(items: int) -> int:
    """How many processes to share `items` briefs or pages between: 1 means this process
    alone."""
    wanted = _forced() or min(_cores(), items // ITEMS_PER_WORKER)
    if wanted <= 1 or not _can_fork():
        return 1
    return wanted


def map_in_order(
    function: Callable[[Item], Result], items: Sequence[Item], workers: int
) -> list[Result]:
    """`[function(item) for item in items]`, computed by `workers` forked processes."""
    if workers <= 1 or len(items) < 2:
        return [function(item) for item in items]
    helpers = Helpers(workers, {"map": function})
    try:
        # A few runs per worker, so one slow run does not leave the others idle at the end.
        return list(helpers.in_order("map", items, chunk=-(-len(items) // (workers * 4))))
    finally:
        helpers.close()


def helper_count(pages: int, converting: bool = False) -> int:
    """How many helper processes a site of `pages` pages gets (0: none, the work is done
    in this process when it is asked for). `BRIEFS_WORKERS=N` gives N - 1."""
    # Helpers that only write and sanitise pages do about a tenth of MkDocs's work: one
    # core stays with MkDocs, which converts pages in this process, and one helper keeps
    # ahead of it (a second is slack for a busy machine). Helpers that convert the pages
    # too do most of the work while MkDocs waits for them, so they get every core.
    cores = _cores() if converting else _cores() - 1
    forced = _forced()
    wanted = forced - 1 if forced else (min(MAX_HELPERS, cores) if pages >= HELPER_PAGES else 0)
    return wanted if wanted > 0 and _can_fork() else 0


class Pending(Generic[Result]):
    """A result that is ready, or that a helper process is working out."""

    def __init__(self, get: Callable[[], Result]) -> None:
        self.get = get


class Helpers:
    """Forked processes that run named tasks while this process goes on with the build.

    With no processes (small sites, or a process that must not fork) each task runs in
    this process, with the same result: `start` at once, `in_order` as it is read.
    """

    def __init__(self, processes: int, tasks: dict[str, Callable[[Any], Any]]) -> None:
        global _helper_tasks
        self._tasks = tasks
        self.processes = processes
        self._pool: Pool | None = None
        if processes > 0:
            _helper_tasks = tasks
            self._pool = multiprocessing.get_context("fork").Pool(processes)

    @property
    def forked(self) -> bool:
        return self._pool is not None

    def in_order(self, task: str, items: Iterable[Any], chunk: int = 32) -> Iterator[Any]:
        """`task(item)` for every item, in order; helpers work ahead of the reader."""
        if self._pool is None:
            return map(self._tasks[task], items)
        return self._pool.imap(partial(_run_helper_task, task), items, chunksize=chunk)

    def start(self, task: str, argument: Any) -> Pending[Any]:
        """`task(argument)`, worked out by a helper from now on; `.get()` waits for it."""
        if self._pool is None:
            result = self._tasks[task](argument)
            return Pending(lambda: result)
        return Pending(self._pool.apply_async(_run_helper_task, (task, argument)).get)

    def close(self) -> None:
        global _helper_tasks
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
            self.processes = 0
            _helper_tasks = {}


def _run_helper_task(task: str, argument: Any) -> Any:
    return _helper_tasks[task](argument)


def _forced() -> int | None:
    forced = os.environ.get(ENVIRONMENT, "").strip()
    return int(forced) if forced.isdigit() and int(forced) > 0 else None


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _can_fork() -> bool:
    # Linux only: macOS lists "fork" but system libraries there can crash in a forked
    # child, and Windows cannot fork at all; both keep the work in one process.
    return sys.platform == "linux" and threading.active_count() == 1
