"""A site written alongside MkDocs: pages handed over as MkDocs reads them, HTML taken back
sanitised, data files ready when MkDocs copies them.

Each generated page depends on the graph alone, so for a big site helper processes (see
processes.py) write the data files and then the pages (those MkDocs needs first, then the
rest in path order), a little ahead of MkDocs reading them, and clean pages' HTML while
MkDocs converts the next ones. Given `convert` (the hook's mkdocs_pages.PageConverter),
the helpers convert the generated pages too, so MkDocs's process only renders them (and
takes most of them only as it renders them: see mkdocs_hook.py). Small sites do each
piece of work in this process when it is asked for. The result is the same byte for byte either way.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from typing import Any, Generic, Protocol, TypeVar

from build_hooks.speed import sanitiser
from build_hooks.speed.memory import no_cycle_collection
from build_hooks.speed.processes import Helpers, helper_count

Key = TypeVar("Key")


class PagePlan(Protocol):
    """What a site build needs of the site (site.plan.SitePlan is one)."""

    page_paths: list[str]
    file_paths: list[str]

    def generates(self, src_uri: str) -> bool: ...
    def write_page(self, src_uri: str) -> str: ...
    def write_files(self) -> dict[str, bytes]: ...


_PAGES = "write pages"
_FILES = "write data files"


class SiteBuild(Generic[Key]):
    """A checked site being written; `close` it when the build ends or fails."""

    def __init__(
        self,
        plan: PagePlan,
        processes: int | None = None,
        convert: Callable[[str, str], Any] | None = None,
        first: Collection[str] = (),
    ) -> None:
        """`first`: pages MkDocs needs before the rest (those in the nav, whose titles
        every page shows), written first; the rest follow in `plan.page_paths` order."""
        self.plan = plan
        self._convert = convert
        count = (
            helper_count(len(plan.page_paths), converting=convert is not None)
            if processes is None
            else processes
        )
        # The tasks are fixed before the helpers are forked: the children inherit them,
        # and only arguments and results travel between the processes.
        self._helpers = Helpers(count, self._tasks())
        # Helpers take tasks in the order given, a whole list before the next task: the
        # data files go first, so that MkDocs (which copies them before it renders any
        # page) never waits for every page.
        self._files = self._helpers.start(_FILES, None)
        self._paths = [
            *(path for path in plan.page_paths if path in first),
            *(path for path in plan.page_paths if path not in first),
        ]
        self._order = {src_uri: index for index, src_uri in enumerate(self._paths)}
        self._written: Iterator[str] = self._helpers.in_order(_PAGES, self._paths)
        self._next = 0  # the index in `_paths` of the next page `_written` gives
        self._ahead: dict[str, Any] = {}
        # Hand-written pages are sanitised as they come: in this process when the helpers
        # convert generated pages (they are few, and in the helpers they would wait for
        # every generated page), in the helpers otherwise.
        self._sanitiser: sanitiser.PageSanitiser[Key] = sanitiser.PageSanitiser(
            Helpers(0, self._tasks()) if convert is not None else self._helpers
        )

    @property
    def helper_processes(self) -> int:
        return self._helpers.processes

    @property
    def converts(self) -> bool:
        """Whether `page` gives pages converted (by `convert`), not Markdown."""
        return self._convert is not None

    def page(self, src_uri: str) -> Any:
        """One generated page: its Markdown, or what `convert(src_uri, markdown)` makes of
        it if the build was given `convert`. Each page can be taken once; take them in
        the order they are written (`first`, then `plan.page_paths`), or the pages before
        it are held until they are taken."""
        if not self.plan.generates(src_uri):
            raise KeyError(f"no generated page has the path {src_uri}")
        if self._order[src_uri] < self._next and src_uri not in self._ahead:
            raise KeyError(f"the page {src_uri} was taken already")
        while src_uri not in self._ahead:
            self._ahead[self._paths[self._next]] = next(self._written)
            self._next += 1
        return self._ahead.pop(src_uri)

    def files(self) -> dict[str, bytes]:
        """Every data file, by path (waiting for the helper writing them)."""
        files: dict[str, bytes] = self._files.get()
        assert list(files) == self.plan.file_paths, "file_paths names the files written"
        return files

    def sanitise(self, key: Key, html: str) -> None:
        """Hand over one page's HTML to be cleaned; `sanitised` gives it back."""
        self._sanitiser.submit(key, html)

    def sanitised(self) -> list[tuple[Key, str, str | None]]:
        """Every page handed to `sanitise`, in order: its key, its clean HTML and what
        cleaning removed (None if nothing)."""
        return self._sanitiser.finish()

    def close(self) -> None:
        self._helpers.close()

    def _tasks(self) -> dict[str, Callable[[Any], Any]]:
        return {
            _PAGES: self._write_page,
            _FILES: lambda _: self._write_files(),
            sanitiser.TASK: sanitiser.clean_pages,
        }

    def _write_page(self, src_uri: str) -> Any:
        # Writing a page leaves no garbage cycles; converting one does (Python-Markdown's).
        with no_cycle_collection():
            markdown = self.plan.write_page(src_uri)
        return markdown if self._convert is None else self._convert(src_uri, markdown)

    def _write_files(self) -> dict[str, bytes]:
        with no_cycle_collection():
            return self.plan.write_files()
