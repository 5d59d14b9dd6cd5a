"""What many tests need: site projects, builds and commands in child processes, folder
digests, parsed HTML, and the checks on built pages."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml

REPO = Path(__file__).resolve().parent.parent
FIXTURE_BRIEFS = REPO / "tests" / "fixtures" / "briefs"
BUILD_DATE = "1769212800"  # 2026-01-24: the fixed SOURCE_DATE_EPOCH of test builds
# A source brief for test trees: every paragraph a brief writes must cite one.
SOURCE = """
name: {name}
title: A title
publisher: A publisher
url: https://example.org/{name}
published: 2026-01-23
tier: wire
"""
SOURCE_S = SOURCE.format(name="S").replace("example.org/S", "example.org/s")


# Projects and commands --------------------------------------------------------------


def make_project(target: Path, briefs: Path = FIXTURE_BRIEFS) -> Path:
    """A complete site project: the repository's config and docs with the given briefs."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    shutil.copytree(REPO / "overrides", target / "overrides")
    if briefs != REPO / "briefs":
        # Hand-written pages that link to real briefs are replaced by the fixture's own.
        shutil.copytree(REPO / "tests/fixtures/docs", target / "docs", dirs_exist_ok=True)
    shutil.copytree(briefs, target / "briefs")
    (target / "build_hooks").symlink_to(REPO / "build_hooks", target_is_directory=True)
    return target


def add_hook(project: Path, name: str, code: str) -> None:
    """A hook module `name` with `code`, run before the site's own hook."""
    (project / name).write_text(code, "utf-8")
    config = project / "mkdocs.yml"
    ours = "  - build_hooks/mkdocs_hook.py\n"
    config.write_text(config.read_text("utf-8").replace(ours, f"  - {name}\n{ours}"), "utf-8")


def build_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_DATE}
    env.update(extra)
    return env


def run_cli(
    *args: str, cwd: Path = REPO, env: dict[str, str] | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    """`python -m build_hooks ARGS` in a child process, as a person at a terminal runs it."""
    return subprocess.run(
        [sys.executable, "-m", "build_hooks", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env or build_env(),
        check=False,
        timeout=timeout,
    )


def run_build(
    project: Path, *extra: str, env: dict[str, str] | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    """`python -m build_hooks build --root PROJECT`: check, then a strict MkDocs build."""
    return run_cli("build", "--root", str(project), *extra, env=env, timeout=timeout)


def run_mkdocs(
    project: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    """Plain `mkdocs ARGS` in the project (not our wrapper), as MkDocs users run it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env or build_env(),
        check=False,
        timeout=timeout,
    )


def search_documents(site: Path) -> list[dict[str, object]]:
    """Every document of a built site's search index, in order, from the parts a query
    reads (build_hooks/site/search_shards.py)."""
    manifest = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert manifest["docs"] == []
    return [
        document
        for number in range(manifest["config"]["shards"]["pages"])
        for document in json.loads((site / f"search/pages/{number}.json").read_text("utf-8"))
    ]


def digest(folder: Path, pattern: str = "*", skip: Iterable[str] = ()) -> dict[str, str]:
    """The SHA-256 of every file under `folder` matching `pattern`, by relative path;
    top-level folders named in `skip` are left out."""
    left_out = set(skip)
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob(pattern))
        if path.is_file() and path.relative_to(folder).parts[0] not in left_out
    }


# HTML ----------------------------------------------------------------------------------

Element = tuple[str, dict[str, str]]


class ParsedPage(HTMLParser):
    """A page's elements: all of them, those of the article (its own content, without the
    theme's edit and view buttons), every script with its body, and the text of its h1."""

    def __init__(self, text: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.content: list[Element] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.h1: list[str] = []
        self._script: dict[str, str] | None = None
        self._in_h1 = False
        self._article_depth = 0
        self._button_depth = 0
        if text:
            self.feed(text)
            self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        self._in_h1 = self._in_h1 or tag == "h1"
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))
        if tag == "article":
            self._article_depth += 1
        elif self._article_depth:
            if tag == "a" and "md-content__button" in attributes.get("class", ""):
                self._button_depth = 1
            elif self._button_depth:
                self._button_depth += 0 if tag == "path" else 1
            else:
                self.content.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        self._in_h1 = self._in_h1 and tag != "h1"
        if tag == "script":
            self._script = None
        if tag == "article":
            self._article_depth -= 1
        elif self._button_depth and tag in ("a", "svg"):
            self._button_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1.append(data)
        if self._script is not None:
            attributes, body = self.scripts[-1]
            self.scripts[-1] = (attributes, body + data)


_UNSAFE_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "style",
    "meta",
    "base",
    "link",
    "svg",
    "math",
    "template",
}
_ALLOWED_SCHEMES = ("http:", "https:", "mailto:")


def unsafe_parts(found: list[Element]) -> list[str]:
    """Scripts, frames, forms, event handlers and non-web URLs among parsed elements."""
    unsafe = []
    for tag, attributes in found:
        if tag in _UNSAFE_TAGS:
            unsafe.append(f"<{tag}>")
        for name, value in attributes.items():
            if name.startswith("on"):
                unsafe.append(f"{name} on <{tag}>")
            if name in ("href", "src", "action", "formaction", "srcset", "xlink:href"):
                scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*:)", value)
                if scheme and scheme.group(1).lower() not in _ALLOWED_SCHEMES:
                    unsafe.append(f"{name}={value!r} on <{tag}>")
    return unsafe


_SITE_CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))


def site_markdown_pages() -> list[Path]:
    """The Markdown of the site's pages: every golden page, then every hand-written one."""
    golden = sorted((REPO / "tests/golden").rglob("*.md"))
    return [*golden, *sorted((REPO / "docs").rglob("*.md"))]


def render_like_the_site(text: str) -> str:
    """A page's Markdown to HTML with the site's extensions (front matter dropped, as
    MkDocs reads it as metadata)."""
    extensions, configs = [], {}
    for entry in _SITE_CONFIG["markdown_extensions"]:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        extensions.append(name)
        if isinstance(entry, dict):
            configs[name] = entry[name]
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(body)


# Built sites ------------------------------------------------------------------------------

SITE_PATH = "/briefs/"  # the path of site_url in mkdocs.yml


def markup_leaks(site: Path) -> dict[str, list[str]]:
    """attr_list syntax that did not attach (a link rewritten after the fact, a wrong
    position) stays in the page as literal text: readers would see "{ data-preview }"."""
    leaks = {}
    for page in sorted(site.rglob("*.html")):
        found = re.findall(
            r"\{:?\s*(?:data-preview|#[\w-]+|\.[\w-]+)[^}<]*\}?", page.read_text("utf-8")
        )
        if found:
            leaks[page.relative_to(site).as_posix()] = found
    return leaks


def broken_links(site: Path) -> list[str]:
    """Every relative href and src in every page, resolved as a browser would, with its
    #fragment checked against the ids of the page it lands on."""
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(re.findall(r'\sid="([^"]+)"', page.read_text("utf-8")))
        return ids[page]

    broken = []
    for page in sorted(site.rglob("*.html")):
        for target in re.findall(r'\s(?:href|src)="([^"]+)"', page.read_text("utf-8")):
            target = html.unescape(target)
            if re.match(r"[a-z][a-z0-9+.-]*:|//", target):
                continue  # absolute: the outside-request browser test covers those
            path_part, _, fragment = target.partition("#")
            path_part = path_part.split("?")[0]
            if path_part.startswith("/"):  # 404.html: absolute paths under site_url's path
                base, path_part = site, path_part.removeprefix(SITE_PATH)
            else:
                base = page.parent
            resolved = (base / path_part).resolve() if path_part else page
            if resolved.is_dir():
                resolved = resolved / "index.html"
            where = f"{page.relative_to(site).as_posix()}: {target}"
            if not resolved.is_file():
                broken.append(where)
            elif fragment and resolved.suffix == ".html" and fragment not in ids_of(resolved):
                broken.append(where + " (no such anchor)")
    return broken
