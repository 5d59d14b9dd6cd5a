"""Where a build's time goes: MkDocs's page phases beside the hooks' own work.

    python benchmarks/phases.py [MKDOCS_YML [SITE_DIR]]

Run it in a site project (for example one `make bench` kept with `--keep`). It runs
`mkdocs build` in this process with timers on MkDocs's two passes over the pages
(converting Markdown, then rendering and writing), on the hooks' own work, and counts
garbage collections. Each phase shows its wall time and the CPU time of the thread that
ran it (the total line: of the whole process). With the plain configuration (no hooks)
the hook lines are simply absent, so the two runs compare phase by phase. Timers cost
little, but compare runs made one after the other.
"""

from __future__ import annotations

import gc
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

STARTED = time.perf_counter()
seconds: Counter[str] = Counter()
cpu_seconds: Counter[str] = Counter()  # of this thread: MkDocs's, and the hooks' here
labels: list[str] = []  # in the order registered, so that "of which" follows its phase


def timed(owner: Any, name: str, label: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)
    labels.append(label)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start, cpu_start = time.perf_counter(), time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            seconds[label] += time.perf_counter() - start
            cpu_seconds[label] += time.thread_time() - cpu_start

    setattr(owner, name, wrapper)


def count_collections() -> list[float]:
    state = [0.0, 0.0]  # collections, seconds
    started: list[float] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        else:
            state[0] += 1
            state[1] += time.perf_counter() - started.pop()

    gc.callbacks.append(callback)
    return state


def main() -> None:
    config = sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml"
    site_dir = sys.argv[2] if len(sys.argv) > 2 else "site-phases"
    import mkdocs.commands.build as build
    from mkdocs.structure.pages import Page

    from build_hooks import pipeline
    from build_hooks.speed.sanitiser import PageSanitiser

    timed(pipeline, "plan_site", "hooks: load, check, resolve (on_config)")
    timed(build, "_populate_page", "MkDocs: read and convert pages")
    timed(Page, "render", "  of which Markdown to HTML")
    timed(pipeline.SiteBuild, "page", "  of which hooks: brief pages (or waiting for them)")
    timed(PageSanitiser, "submit", "  of which hooks: sanitising (or handing over)")
    timed(PageSanitiser, "finish", "hooks: collect sanitised pages (on_env)")
    timed(pipeline.SiteBuild, "files", "hooks: collect data files (on_env)")
    timed(build, "_build_page", "MkDocs: render templates, index for search, write")
    collections = count_collections()
    from mkdocs.__main__ import cli

    sys.argv = ["mkdocs", "build", "--quiet", "--config-file", config, "--site-dir", site_dir]
    try:
        cli()
    except SystemExit as done:
        if done.code:
            raise
    print(f"{'phase':55} {'wall':>10} {'CPU':>10}")
    for label in labels:
        if label in seconds:
            print(f"{label:55} {seconds[label]:8.2f} s {cpu_seconds[label]:8.2f} s")
    print(f"{'garbage collections':55} {collections[1]:8.2f} s ({collections[0]:.0f})")
    print(f"{'total':55} {time.perf_counter() - STARTED:8.2f} s {time.process_time():8.2f} s")


if __name__ == "__main__":
    main()
