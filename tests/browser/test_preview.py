"""The preview server as a contributor uses it, in headless Chromium: a saved edit shows in
the open page by itself; a bad save turns every page into a list of the problems, each at
its file, line and column and shown as text; the next good save brings the site back.

Every wait is for an event (a line from the server, an element on the page after its
own reload), never a fixed sleep.
"""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import build_env, make_project

pytestmark = pytest.mark.browser

# Long enough for a loaded machine's first build; an event ends each wait well before.
TIMEOUT_MS = 300_000


class Server:
    """`python -m build_hooks serve` on a free port, its log lines read as they come."""

    def __init__(self, project: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "build_hooks", "serve", "--root", str(project), "--port", "0"],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env=build_env(),
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url = ""
        while not self.url:
            line = self.lines.get(timeout=TIMEOUT_MS / 1000)
            found = re.search(r"Serving the preview at (\S+)", line)
            if found:
                self.url = found.group(1)

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            self.lines.put(line)

    def stop(self) -> None:
        self.process.terminate()
        # Stopped as a supervisor stops it, the server closes its watcher and helpers and
        # exits cleanly (so coverage also hears from it).
        assert self.process.wait(timeout=60) == 0
        self._reader.join(timeout=60)
        assert self.process.stderr is not None
        self.process.stderr.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    project = make_project(tmp_path / "project")
    server = Server(project)
    yield server, project
    server.stop()
    assert "Traceback" not in "".join(server.log), "".join(server.log)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_edits_show_by_themselves_and_errors_show_until_fixed(
    browser: object, server: tuple[Server, Path]
) -> None:
    serving, project = server
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(TIMEOUT_MS)
    # Before the first build is done the page says it is building, and reloads when done.
    page.goto(serving.url + "chips/x100/")
    page.wait_for_selector("article h1:has-text('X100')")
    brief = project / "briefs/chips/x100.yaml"

    replace(brief, "A data-centre accelerator", "A liquid-cooled accelerator")
    page.wait_for_selector("article:has-text('A liquid-cooled accelerator')")

    good = brief.read_text("utf-8")
    replace(brief, "designer: acme", 'designer: "<img src=x onerror=alert(1)>"')
    replace(project / "briefs/companies/beta-cloud.yaml", "country: CN", "country: China")
    page.wait_for_selector("#preview-problems")
    page.wait_for_function("() => document.querySelectorAll('#preview-problems li').length === 2")
    problems = page.locator("#preview-problems li").all_inner_texts()
    assert problems[0].startswith("briefs/chips/x100.yaml:5:11"), problems
    assert "<img src=x onerror=alert(1)>" in problems[0], "the brief's text is shown as text"
    assert problems[1].startswith("briefs/companies/beta-cloud.yaml:4:10"), problems
    assert page.locator("#preview-problems img").count() == 0
    # Every address shows the problems, and answers at once (nothing waits for a build).
    other = context.new_page()
    other.goto(serving.url + "companies/acme/")
    assert other.locator("#preview-problems li").count() == 2
    other.close()

    brief.write_text(good, "utf-8")
    page.wait_for_function("() => document.querySelectorAll('#preview-problems li').length === 1")
    replace(project / "briefs/companies/beta-cloud.yaml", "country: China", "country: CN")
    page.wait_for_selector("article h1:has-text('X100')")
    assert page.locator("#preview-problems").count() == 0
    assert dialogs == []
    context.close()  # type: ignore[attr-defined]
