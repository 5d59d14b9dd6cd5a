"""Run one step of the benchmark in this process and report its cost.

    python benchmarks/measure.py OUT.json floor DIR
    python benchmarks/measure.py OUT.json module NAME [ARGS...]

`floor` parses every .yaml file under DIR with PyYAML's C loader: the least any check of
those files could cost. `module` runs `python -m NAME ARGS` (for example
`build_hooks check` or `mkdocs build`). Either way OUT.json receives the wall time from
the start of this process (so imports count, as they do for a person running the
command), the exit code, the CPU time (user and system) of this process and of all its
child processes (the workers and helpers a big site is loaded, written and sanitised
by), the peak resident memory, and the largest peak of any child process.
"""

from __future__ import annotations

import json
import resource
import runpy
import sys
import time

STARTED = time.perf_counter()


def floor(folder: str) -> int:
    from pathlib import Path

    import yaml

    for path in sorted(Path(folder).rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return 0


def module(name: str, args: list[str]) -> int:
    sys.argv = [name, *args]
    try:
        runpy.run_module(name, run_name="__main__", alter_sys=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    return 0


def main() -> None:
    out, what, *rest = sys.argv[1:]
    code = floor(rest[0]) if what == "floor" else module(rest[0], rest[1:])
    # Forked workers (build_hooks/workers.py) are children: their peak is reported apart.
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    report = {
        "seconds": time.perf_counter() - STARTED,
        "exit_code": code,
        "cpu_seconds": own.ru_utime + own.ru_stime,
        "worker_cpu_seconds": children.ru_utime + children.ru_stime,
        "peak_mib": own.ru_maxrss / 1024,
        "worker_peak_mib": children.ru_maxrss / 1024,
    }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(report, handle)


if __name__ == "__main__":
    main()
