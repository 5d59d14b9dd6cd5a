"""The preview's web server: the built site as it stands, an error page while the briefs
have problems, and a live reload for the browser.

Requests never wait for a build. The builder thread writes pages into the served folder
one at a time (each under `SiteState.lock`, held for one page's write) or builds a whole
site into a new folder and swaps it in. Each open page asks `/__preview/wait?since=N`,
which answers when the site moves past version N (or after a while, so nothing hangs);
the page reloads itself if the answer names it, or if the briefs went from good to bad
or back.
"""

from __future__ import annotations

import http.server
import json
import sys
import threading
import urllib.parse
from collections.abc import Iterable
from pathlib import Path

import jinja2
import markupsafe

from build_hooks.errors import Problem

WAIT_PATH = "/__preview/wait"
WAIT_SECONDS = 20.0
"""The longest a reload request is held: a browser never sees a request hang."""
EVERY_PAGE = "*"

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("build_hooks", "templates/preview"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


class SiteState:
    """What the server shows, shared by the builder thread and the request threads."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._changed = threading.Condition(self.lock)
        self.site_dir: Path | None = None
        self.problems: list[Problem] = []
        self.version = 0
        self._urls: dict[int, frozenset[str]] = {}  # version -> the pages it changed
        self.base = "/"
        """The path the site is served under: site_url's (`/briefs/`), as on its host."""
        self.building = "loading the briefs"
        """What the builder is doing while there is no site yet (shown instead)."""

    def publish(self, urls: Iterable[str]) -> None:
        """These pages (paths from the site's root, `/chips/x/`) changed on disk."""
        with self.lock:
            self._bump(frozenset(urls))

    def serve(self, site_dir: Path) -> Path | None:
        """A whole new site; gives the folder served before, for the builder to remove."""
        with self.lock:
            old, self.site_dir = self.site_dir, site_dir
            self.problems = []
            self._bump(frozenset([EVERY_PAGE]))
            return old

    def fail(self, problems: list[Problem]) -> None:
        """The briefs have problems: every page shows them until a later edit fixes them."""
        with self.lock:
            self.problems = list(problems)
            self._bump(frozenset([EVERY_PAGE]))

    def recover(self) -> None:
        """The problems are fixed (the pages the fix changed are published as built)."""
        with self.lock:
            if self.problems:
                self.problems = []
                self._bump(frozenset([EVERY_PAGE]))

    def _bump(self, urls: frozenset[str]) -> None:
        self.version += 1
        self._urls[self.version] = urls
        self._urls.pop(self.version - 1000, None)  # a browser this far behind reloads
        self._changed.notify_all()

    def wait(self, since: int, timeout: float = WAIT_SECONDS) -> dict[str, object]:
        """What changed after version `since`, once something has (or the timeout)."""
        with self.lock:
            self._changed.wait_for(lambda: self.version != since, timeout)
            urls: set[str] = set()
            for version in range(since + 1, self.version + 1):
                urls |= self._urls.get(version, frozenset([EVERY_PAGE]))
            if since > self.version:
                urls.add(EVERY_PAGE)  # a server restarted under an open page
            return {"version": self.version, "failed": bool(self.problems), "urls": sorted(urls)}


def error_page(problems: list[Problem], version: int) -> bytes:
    """The page every address shows while the briefs have problems: each problem at its
    file, line and column, escaped."""
    template = _TEMPLATES.get_template("error.html")
    html = template.render(problems=problems, script=reload_script(version, failed=True))
    return html.encode("utf-8")


def waiting_page(doing: str, version: int) -> bytes:
    template = _TEMPLATES.get_template("waiting.html")
    return template.render(doing=doing, script=reload_script(version, failed=False)).encode()


def reload_script(version: int, *, failed: bool) -> markupsafe.Markup:
    """The live-reload script (ours alone: nothing in it comes from a brief)."""
    script = _TEMPLATES.get_template("reload.js").render(
        version=version, failed=json.dumps(failed), wait=WAIT_PATH, every=EVERY_PAGE
    )
    return markupsafe.Markup(script)


def with_reload(html: bytes, version: int) -> bytes:
    """A built page with the live-reload script before `</body>` (on the wire only: the
    files on disk stay exactly what a build writes)."""
    script = f"<script>{reload_script(version, failed=False)}</script>".encode()
    at = html.rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: SiteState) -> None:
        super().__init__(address, _Handler)
        self.state = state

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that reloads or closes a page drops its waiting request: not an error.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: PreviewServer

    def log_message(self, format: str, *args: object) -> None:
        pass  # the builder says what happens; each request would drown it

    def do_GET(self) -> None:
        state = self.server.state
        address = urllib.parse.urlsplit(self.path)
        if address.path == WAIT_PATH:
            query = urllib.parse.parse_qs(address.query)
            try:
                since = int(query.get("since", ["0"])[0])
            except ValueError:
                since = 0
            self._send(200, "application/json", json.dumps(state.wait(since)).encode())
            return
        if not address.path.startswith(state.base):
            self.send_response(302)  # the site lives under its own path, as when published
            self.send_header("Location", state.base)
            self.end_headers()
            return
        with state.lock:
            site_dir, problems, version = state.site_dir, state.problems, state.version
            path = "/" + address.path.removeprefix(state.base)
            found = _file_for(site_dir, urllib.parse.unquote(path))
            is_page = found is None or found.suffix == ".html"
            if problems and is_page:
                self._send(500, "text/html; charset=utf-8", error_page(problems, version))
                return
            if site_dir is None:
                self._send(503, "text/html; charset=utf-8", waiting_page(state.building, version))
                return
            if found is None:
                if address.path and not address.path.endswith("/") and "." not in address.path:
                    self.send_response(301)  # as a static host does: folder/ holds index.html
                    self.send_header("Location", address.path + "/")
                    self.end_headers()
                    return
                missing = site_dir / "404.html"
                body = missing.read_bytes() if missing.is_file() else b"Not found"
                self._send(404, "text/html; charset=utf-8", with_reload(body, version))
                return
            body = found.read_bytes()
        if found.suffix == ".html":
            self._send(200, "text/html; charset=utf-8", with_reload(body, version))
        else:
            self._send(200, self.guess_type(str(found)), body)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _file_for(site_dir: Path | None, path: str) -> Path | None:
    """The file a URL path names in the site (a folder's index.html), if it exists."""
    if site_dir is None:
        return None
    parts = [part for part in path.split("/") if part]
    if any(part in {".", ".."} or "\\" in part or "\0" in part for part in parts):
        return None
    found = site_dir.joinpath(*parts)
    if path.endswith("/") or not parts:
        found = found / "index.html"
    return found if found.is_file() else None
