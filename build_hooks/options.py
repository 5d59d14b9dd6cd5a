"""Settings the pipeline takes from mkdocs.yml, read without importing MkDocs.

The MkDocs hook and the command line both build `SiteOptions` here, so `mkdocs build`
and `python -m build_hooks render` produce the same pages.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

DEFAULT_STALE_AFTER_DAYS = 180
# MkDocs's own default set, for a configuration that names none.
DEFAULT_MARKDOWN: tuple[tuple[str, dict[str, Any]], ...] = (
    ("toc", {}),
    ("tables", {}),
    ("fenced_code", {}),
)


def build_date() -> datetime.date:
    """The date pages are built as of: SOURCE_DATE_EPOCH when set, so builds repeat."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.datetime.now(tz=datetime.UTC).date()


@dataclasses.dataclass(frozen=True)
class SiteOptions:
    """What the pages need to know about the site they are part of."""

    edit_base: str | None = None
    """URL that, followed by a repository path, edits that file (no edit links if None)."""
    site_url: str | None = None
    """The site's absolute address, for the feed and structured data."""
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    today: datetime.date = dataclasses.field(default_factory=build_date)
    markdown_extensions: tuple[tuple[str, dict[str, Any]], ...] = DEFAULT_MARKDOWN
    """The Python-Markdown extensions the site converts pages with, and their settings
    (mkdocs.yml's `markdown_extensions`)."""


def options_from_config(config: Mapping[str, Any], root: Path) -> SiteOptions:
    """SiteOptions from an MkDocs configuration (the loaded object or the raw mapping)."""
    extra = config.get("extra") or {}
    briefs = (extra.get("briefs") or {}) if isinstance(extra, Mapping) else {}
    site_url = config.get("site_url") or None
    return SiteOptions(
        edit_base=_edit_base(config, root),
        site_url=site_url if site_url is None or site_url.endswith("/") else site_url + "/",
        stale_after_days=int(briefs.get("stale_after_days", DEFAULT_STALE_AFTER_DAYS)),
        markdown_extensions=_markdown_extensions(
            config.get("markdown_extensions"), config.get("mdx_configs")
        ),
    )


def search_plugin(config: Any) -> Any:
    """The loaded config's search plugin (Material's, or MkDocs's own), if it has one."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and hasattr(plugin, "on_post_build"):
            return plugin
    return None


def read_config_file(path: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data. Our configuration uses no Python tags, so safe_load reads it."""
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return data if isinstance(data, dict) else {}


def _edit_base(config: Mapping[str, Any], root: Path) -> str | None:
    repo_url, edit_uri = config.get("repo_url"), config.get("edit_uri")
    if not repo_url or not edit_uri:
        return None
    docs_edit = urljoin(str(repo_url).rstrip("/") + "/", str(edit_uri))
    docs_dir = Path(str(config.get("docs_dir") or "docs"))
    if docs_dir.is_absolute():
        # MkDocs gives docs_dir absolute; a symlinked docs/ may lead outside the project.
        inside = [
            path.relative_to(base)
            for path, base in ((docs_dir, root.absolute()), (docs_dir.resolve(), root.resolve()))
            if path.is_relative_to(base)
        ]
        if not inside:
            return None  # docs/ is not in the repository, so there is no path to edit
        docs_dir = inside[0]
    up = "/".join(".." for _ in posixpath.normpath(docs_dir.as_posix()).split("/")) + "/"
    return urljoin(docs_edit if docs_edit.endswith("/") else docs_edit + "/", up)


def _markdown_extensions(
    setting: object, configs: object = None
) -> tuple[tuple[str, dict[str, Any]], ...]:
    """`markdown_extensions` as (name, settings) pairs, in order. mkdocs.yml lists names,
    or one-entry mappings from a name to its settings; MkDocs's loaded configuration
    lists names and keeps the settings apart, in `mdx_configs`."""
    if not isinstance(setting, list):
        return DEFAULT_MARKDOWN
    settings = dict(configs) if isinstance(configs, Mapping) else {}
    found: list[tuple[str, dict[str, Any]]] = []
    for entry in setting:
        if isinstance(entry, str):
            found.append((entry, dict(settings.get(entry) or {})))
        elif isinstance(entry, Mapping):
            found.extend((str(name), dict(value or {})) for name, value in entry.items())
    return tuple(found)
