"""How long a saved edit takes to show in the preview, beside a whole build.

    python benchmarks/preview.py [--sizes 1000,5000,10000] [--edits 7]

For each size, a synthetic project (benchmarks/corpus.py) is served by
`python -m build_hooks serve`. Each edit writes a new word into one chip's summary (a
different chip each time) and polls that chip's served page every 10 ms until the word
is there: the time from the write to the first answer that holds it is one
save-to-visible time. The table gives their median and slowest, the server's own time
for bringing every affected page and data file up to date (median), and the whole build
the server made when it started (a build with the hooks, in the same process: what
every save cost before the preview kept its state).
"""

from __future__ import annotations

import argparse
import functools
import os
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import REPO, machine, project

SIZES = (1000, 5000, 10000)
TARGET_SECONDS = 2.0
POLL_SECONDS = 0.01


class Served:
    """The preview server on a project, its log lines read as they come."""

    def __init__(self, root: Path) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "build_hooks", "serve", "--root", str(root), "--port", "0"],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env=env,
            cwd=root,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self.wait_for(r"Serving the preview at (\S+)")
        self.build_seconds = float(self.wait_for(r"Built the whole site in ([\d.]+) s"))

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)

    def wait_for(self, pattern: str) -> str:
        while True:
            line = self.lines.get(timeout=3600)
            if "problem" in line and "the page shows them" in line:
                raise RuntimeError(f"the preview reports problems: {line}")
            found = re.search(pattern, line)
            if found:
                return found.group(1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=120)


def with_word(text: str, word: str) -> str:
    """A brief's text with `word` at the start of its summary, in whichever YAML style
    the summary is written (quoted, plain, or a block on the lines that follow)."""
    lines = text.split("\n")
    at = next(number for number, line in enumerate(lines) if line.startswith("summary:"))
    value = lines[at].removeprefix("summary:").lstrip()
    if value[:1] in {"|", ">"}:
        line = lines[at + 1]
        indent = len(line) - len(line.lstrip())
        lines[at + 1] = f"{line[:indent]}{word} {line[indent:]}"
    elif value[:1] in {"'", '"'}:
        lines[at] = f"summary: {value[0]}{word} {value[1:]}"
    else:
        lines[at] = f"summary: {word} {value}"
    return "\n".join(lines)


def visible_after(url: str, word: str, write: Callable[[], object]) -> float:
    """Seconds from `write()` to the first answer from `url` that holds `word`."""
    start = time.perf_counter()
    write()
    while True:
        with urllib.request.urlopen(url, timeout=60) as response:
            if word in response.read().decode("utf-8"):
                return time.perf_counter() - start
        time.sleep(POLL_SECONDS)


def measure_size(size: int, edits: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix=f"bench-preview-{size}-") as scratch:
        root = project(Path(scratch), size)
        chips = sorted((root / "briefs/chips").glob("*.yaml"))
        served = Served(root)
        try:
            times, updates = [], []
            for number in range(edits):
                chip = chips[(number * 7919) % len(chips)]
                text = chip.read_text("utf-8")
                word = f"Zqedit{number}x"
                edited = with_word(text, word)
                url = f"{served.url}chips/{chip.stem}/"
                save = functools.partial(chip.write_text, edited, "utf-8")
                times.append(visible_after(url, word, save))
                updates.append(float(served.wait_for(r"Updated in ([\d.]+) s")))
        finally:
            served.stop()
        return {
            "median": statistics.median(times),
            "slowest": max(times),
            "update": statistics.median(updates),
            "build": served.build_seconds,
        }


def table(rows: dict[int, dict[str, float]], edits: int) -> str:
    lines = [
        f"Preview: save-to-visible over {edits} edits per size ({machine()}).",
        "",
        "| briefs | median save-to-visible | slowest | all affected pages and files"
        " (median) | whole build (what each save cost before) | target |",
        "| ---: | ---: | ---: | ---: | ---: | :--- |",
    ]
    for size, row in rows.items():
        met = "met" if row["median"] <= TARGET_SECONDS else "MISSED"
        lines.append(
            f"| {size:,} | {row['median']:.2f} s | {row['slowest']:.2f} s |"
            f" {row['update']:.2f} s | {row['build']:.1f} s |"
            f" ≤ {TARGET_SECONDS:.0f} s: {met} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks/preview-results.md")
    args = parser.parse_args(argv)
    rows: dict[int, dict[str, float]] = {}
    for size in (int(size) for size in args.sizes.split(",")):
        print(f"Measuring the preview at {size:,} briefs…", flush=True)
        rows[size] = measure_size(size, args.edits)
        print(table({size: rows[size]}, args.edits), flush=True)
        args.out.write_text(table(rows, args.edits), "utf-8")  # what is measured so far
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
