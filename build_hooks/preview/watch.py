"""What the preview watches, and what kind of edit each changed file is.

File-system events come from watchdog (inotify on Linux, FSEvents on macOS, the native
API on Windows): no folder is scanned while nothing changes, whatever the size of the
site. Events arrive one per file; `Edits.take` waits for the first and gathers those
that follow within a moment, so a save that writes several files (or an editor's
write-then-rename) is one edit.
"""

from __future__ import annotations

import dataclasses
import queue
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

# How long after an event more events still count as the same edit.
SETTLE_SECONDS = 0.03

# Editors' backup, swap and lock files are never part of the site.
_IGNORED_SUFFIXES = (".swp", ".swx", ".swo", "~", ".tmp", ".part")


@dataclasses.dataclass
class Edit:
    """The files one edit touched, by what they mean to the site."""

    briefs: set[Path] = dataclasses.field(default_factory=set)
    """Brief files (`briefs/**.yaml`), added, changed or removed."""
    pages: set[str] = dataclasses.field(default_factory=set)
    """Hand-written pages, by their path in docs/."""
    everything: set[Path] = dataclasses.field(default_factory=set)
    """Files any page may depend on (mkdocs.yml, templates, schemas, overrides, docs/
    assets): the whole site is built again."""

    def __bool__(self) -> bool:
        return bool(self.briefs or self.pages or self.everything)


def watched(root: Path) -> list[Path]:
    """The folders whose files make the site (those that exist)."""
    folders = [
        root / "briefs",
        root / "docs",
        root / "overrides",
        root / "build_hooks" / "templates",
        root / "build_hooks" / "schemas",
    ]
    return [folder for folder in folders if folder.is_dir()]


def classify(root: Path, paths: set[Path]) -> Edit:
    """What each changed file means to the site; files outside it are left out."""
    edit = Edit()
    for path in paths:
        if path.name.endswith(_IGNORED_SUFFIXES) or path.name.startswith(".#"):
            continue
        try:
            relative = path.relative_to(root)
        except ValueError:
            continue
        top = relative.parts[0] if relative.parts else ""
        if top == "briefs":
            edit.briefs.add(path)
        elif top == "docs" and path.suffix == ".md":
            edit.pages.add(relative.relative_to("docs").as_posix())
        elif top in {"docs", "overrides", "build_hooks"} or relative.as_posix() == "mkdocs.yml":
            edit.everything.add(path)
    return edit


class Edits(FileSystemEventHandler):
    """Changed files, from file-system events, gathered into edits."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._paths: queue.Queue[Path | None] = queue.Queue()
        self._observer = Observer()

    def start(self) -> None:
        for folder in watched(self.root):
            self._observer.schedule(self, str(folder), recursive=True)
        self._observer.schedule(self, str(self.root), recursive=False)  # mkdocs.yml
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        self._paths.put(None)
        self._observer.join()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory and event.event_type not in {"moved", "deleted"}:
            return
        if event.event_type in {"opened", "closed_no_write"}:
            return  # reads, not edits
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                name = path if isinstance(path, str) else path.decode()
                self._paths.put(Path(name))

    def take(self) -> Edit | None:
        """The next edit (waiting for it); None once stopped."""
        while True:
            first = self._paths.get()
            if first is None:
                return None
            paths = {first}
            while True:
                try:
                    more = self._paths.get(timeout=SETTLE_SECONDS)
                except queue.Empty:
                    break
                if more is None:
                    return None
                paths.add(more)
            edit = classify(self.root, paths)
            if edit:
                return edit
