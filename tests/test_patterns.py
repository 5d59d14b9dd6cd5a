"""No regular expression backtracks: every pattern the code or the schemas hold is fed long
adversarial input, and each match must finish in linear time.

A pattern that backtracks turns one long line of a brief into minutes of `check` (the
one-line pattern once took minutes on a 255 KB line of spaces). The probes run in a child
process with a timeout, so an exponential pattern fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import REPO

PROBE = r"""
import gc, importlib, json, pkgutil, re, sys, time
import build_hooks

import inspect

# Each pattern is probed with the operations its module uses it for: an anchored
# fullmatch of one line may scan what a search through a whole text must not.
patterns = {}
for module in pkgutil.walk_packages(build_hooks.__path__, "build_hooks."):
    if module.name.endswith("__main__") or module.name.endswith("mkdocs_hook"):
        continue
    loaded = importlib.import_module(module.name)
    source = inspect.getsource(loaded)
    for name, value in vars(loaded).items():
        if isinstance(value, re.Pattern):
            used = set(re.findall(rf"\b{name}\.(search|match|fullmatch|findall|finditer|sub|split)\(", source))
            patterns[f"{module.name}.{name}"] = (value, used or {"search"})

def schema_patterns(node, where):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield where, value
            else:
                yield from schema_patterns(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from schema_patterns(value, f"{where}/{index}")

from build_hooks.validate.schemas import SCHEMA_DIR
for path in sorted(SCHEMA_DIR.glob("*.json")):
    for where, pattern in schema_patterns(json.loads(path.read_text("utf-8")), path.name):
        patterns[where] = (re.compile(pattern), {"search"})  # as python-jsonschema uses them

# A pattern planted by the test that checks the probe itself.
for number, planted in enumerate(sys.argv[3:]):
    patterns[f"planted.{number}"] = (re.compile(planted), {"search"})

N = int(sys.argv[1])
CHARS = " \t-:#*_[]|\\<>!\"'./0\n{}`=^&(a\u200bé中"
inputs = []
for char in CHARS:
    inputs += [char * N, (char + "x") * (N // 2), (char + " ") * (N // 2),
               "[[" + char * N, "https://" + char * N + "\x00"]
slow = []
OPERATIONS = {
    "search": lambda p, s: p.search(s), "match": lambda p, s: p.match(s),
    "fullmatch": lambda p, s: p.fullmatch(s), "findall": lambda p, s: p.findall(s),
    "finditer": lambda p, s: list(p.finditer(s)), "sub": lambda p, s: p.sub("", s),
    "split": lambda p, s: p.split(s),
}
def best_of_three(operation, pattern, text):
    # The collector off, as timeit has it: list(finditer) keeps thousands of match objects
    # alive, and the collections they set off grow with their number, not the pattern's.
    gc.disable()
    try:
        return _best_of_three(operation, pattern, text)
    finally:
        gc.enable()

def _best_of_three(operation, pattern, text):
    times = []
    for _ in range(3):
        started = time.perf_counter()
        OPERATIONS[operation](pattern, text)
        times.append(time.perf_counter() - started)
    return min(times)

# Linear time is judged by growth, not by a clock on a shared machine: a quarter of the
# input must take about a quarter of the time (a quadratic pattern takes a sixteenth).
# Only a probe that takes noticeable time at full length is measured that closely.
NOTICEABLE = float(sys.argv[2])
for name, (pattern, used) in sorted(patterns.items()):
    for text in inputs:
        for operation in sorted(used):
            started = time.perf_counter()
            OPERATIONS[operation](pattern, text)
            once = time.perf_counter() - started
            if once < NOTICEABLE:
                continue
            if once > 1.0:  # no pattern has any business taking a second on 20 KB
                slow.append(f"{name} {operation} {text[:12]!r}*: {once:.3f} s")
                continue
            full = best_of_three(operation, pattern, text)
            quarter = best_of_three(operation, pattern, text[: len(text) // 4])
            growth = full / max(quarter, 1e-9)
            if full >= NOTICEABLE and growth > 9:
                # Confirmed with the two lengths timed in turn, so that a moment when the
                # shared machine is busy falls on both rather than on one.
                fulls, quarters = [], []
                for _ in range(7):
                    quarters.append(best_of_three(operation, pattern, text[: len(text) // 4]))
                    fulls.append(best_of_three(operation, pattern, text))
                full = min(fulls)
                growth = full / max(min(quarters), 1e-9)
            if full >= NOTICEABLE and growth > 9:
                slow.append(f"{name} {operation} {text[:12]!r}*: {full:.3f} s, {growth:.0f}x a quarter")
print(json.dumps({"patterns": sorted(patterns), "slow": slow}))
"""


def test_every_pattern_is_linear_on_long_adversarial_input() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "20000", "0.02"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    # The probe really found the patterns it is meant to hold to account.
    assert any(name.startswith("common.schema.json") for name in report["patterns"])
    assert "build_hooks.validate.mentions.TOKEN" in report["patterns"]
    assert len(report["patterns"]) > 25
    assert report["slow"] == []


@pytest.mark.slow  # the probe's own proof, in a child process: about 8 s
def test_the_probe_finds_a_pattern_that_backtracks() -> None:
    # Spaces before a missing end of text: each start re-scans the run, N^2 in all.
    planted = r"[ ]+$"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "20000", "0.02", planted],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    slow = json.loads(result.stdout)["slow"]
    assert any(line.startswith("planted.0 search ") for line in slow), slow
