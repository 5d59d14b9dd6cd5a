"""A loaded, schema-checked brief and the URLs it lives at."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from build_hooks.loader import Document


@dataclasses.dataclass
class Brief:
    """One brief: its type, id, file and data (with positions, through `doc`)."""

    kind: str
    id: str
    path: str
    doc: Document

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    @functools.cached_property
    def name(self) -> str:
        name = self.data.get("name")
        return name if isinstance(name, str) else self.id

    @property
    def date(self) -> str:
        """The date a list of briefs sorts by: a source's publication, a policy's
        (first) announcement; empty when the brief has none."""
        if self.kind == "sources":
            return str(self.data.get("published", ""))
        readings = self.data.get("announced")
        if isinstance(readings, list) and readings and isinstance(readings[0], dict):
            return str(readings[0].get("value", ""))
        return ""

    @functools.cached_property
    def src_uri(self) -> str:
        """The page's path among the site's documentation files."""
        return f"{self.kind}/{self.id}.md"

    @functools.cached_property
    def url(self) -> str:
        """The page's URL, relative to the site root (the URL contract)."""
        return f"{self.kind}/{self.id}/"


@dataclasses.dataclass(frozen=True)
class Development:
    """One dated timeline entry of a brief."""

    date: str
    brief: Brief
    index: int
    text: str
    sources: tuple[str, ...]
    reported: bool
