"""MkDocs build hook: a thin adapter between MkDocs events and build_hooks.pipeline.

`on_config` runs the whole pipeline before MkDocs touches the site folder, so a bad brief
stops the build with every problem listed and the previous site left as it was.
`on_files` adds the generated pages in memory; nothing is written into docs/.
Keep this module's namespace free of other `on_*` names: MkDocs registers every one.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from build_hooks.errors import BriefError, summary_line
from build_hooks.pipeline import Site, build_site
from build_hooks.types import BRIEF_TYPES

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

# Under `mkdocs.` so that strict mode counts our warnings.
log = logging.getLogger("mkdocs.plugins.briefs")

# The hook module lives for the whole `mkdocs serve` session; this holds one build's output.
_current: dict[str, Site] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    try:
        site = build_site(root / "briefs", root, _edit_root(config, root))
    except BriefError as error:
        raise PluginError(f"The briefs have problems; nothing was built.\n{error}\n"
                          f"{summary_line(len(error.problems))}") from None
    _current["site"] = site
    log.info("Generated %d pages from %d briefs", len(site.pages), len(site.graph.briefs))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _current["site"]
    clashes = sorted(uri for uri in site.pages if files.get_file_from_path(uri) is not None)
    if clashes:
        raise PluginError("These files in docs/ have the same path as generated pages;"
                          f" rename or remove them: {', '.join(clashes)}")
    docs_dir = Path(config.docs_dir).resolve()
    root = Path(config.config_file_path).resolve().parent
    for src_uri, markdown in site.pages.items():
        kind, _, name = src_uri.partition("/")
        is_entity = kind in BRIEF_TYPES and name != "index.md"
        page = File.generated(config, src_uri, content=markdown,
                              inclusion=InclusionLevel.NOT_IN_NAV if is_entity else
                              InclusionLevel.UNDEFINED)
        # The edit button opens the brief's YAML, not the generated Markdown.
        brief = site.graph.briefs.get(name.removesuffix(".md")) if is_entity else None
        page.edit_uri = (posixpath.relpath((root / brief.path).as_posix(), docs_dir.as_posix())
                         if brief else None)
        files.append(page)
    for path, content in site.files.items():
        files.append(File.generated(config, path, content=content))
    return files


def _edit_root(config: MkDocsConfig, root: Path) -> str | None:
    """The URL that, followed by a repository path, edits that file (None: no edit links)."""
    if not config.repo_url or not config.edit_uri:
        return None
    docs_edit = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
    docs_dir = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    up = "/".join(".." for _ in docs_dir.split("/")) + "/"
    return urljoin(docs_edit if docs_edit.endswith("/") else docs_edit + "/", up)
