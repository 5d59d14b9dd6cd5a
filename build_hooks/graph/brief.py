"""A loaded, schema-checked brief, the URLs it lives at, and its sourced values."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from build_hooks import paths
from build_hooks.kinds import KINDS
from build_hooks.load.document import Document


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
        """The date a list of briefs sorts by (its kind's `date_field`: a source's
        publication, a policy's first announcement); empty when the brief has none."""
        field = KINDS[self.kind].date_field
        value = self.data.get(field, "") if field else ""
        if isinstance(value, list):  # sourced dates: the first one given
            return str(value[0].get("value", "")) if value and isinstance(value[0], dict) else ""
        return str(value)

    @functools.cached_property
    def src_uri(self) -> str:
        """The page's path among the site's documentation files."""
        return paths.brief_page(self.kind, self.id)

    @functools.cached_property
    def url(self) -> str:
        """The page's URL, relative to the site root (the URL contract)."""
        return paths.brief_url(self.kind, self.id)

    def developments(self) -> list[Development]:
        """Its timeline, oldest first (entries of one day in the order written)."""
        entries = [
            Development(
                str(item["date"]),
                self,
                index,
                item["text"],
                tuple(item["sources"]),
                bool(item.get("reported")),
                bool(item.get("expected")),
            )
            for index, item in enumerate(self.data.get("timeline", []))
        ]
        return sorted(entries, key=lambda entry: (entry.date, entry.index))


@dataclasses.dataclass(frozen=True)
class Development:
    """One dated timeline entry of a brief."""

    date: str
    brief: Brief
    index: int
    text: str
    sources: tuple[str, ...]
    reported: bool
    expected: bool = False
    """Scheduled, not yet happened (a date after the day it was written down)."""

    @property
    def month(self) -> str:
        """YYYY-MM: the timeline page (`/timeline/2026/01/`) where the entry has its address."""
        return self.date[:7]

    @property
    def anchor(self) -> str:
        """The entry's id on its month's timeline page: its brief's id and its date, and a
        number when the brief has more than one entry that day (`nvidia-2026-01-23-2` for
        the second, in the order the brief lists them). Adding an entry on another day
        changes no address; the feed's entry ids are made from it too.

        Brief ids are unique across kinds and end in a letter or digit, so no two entries
        of a month share an anchor, and none is a footnote's (`fn:1`) or a heading's.
        """
        same_day = sum(
            1
            for index, item in enumerate(self.brief.data.get("timeline", []))
            if index < self.index and str(item["date"]) == self.date
        )
        suffix = f"-{same_day + 1}" if same_day else ""
        return f"{self.brief.id}-{self.date}{suffix}"


def is_readings(value: Any) -> bool:
    """Whether a field's value is a list of sourced values (`value`, `sources`, …)."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and "value" in item for item in value)
    )


def distinct_values(readings: list[dict[str, Any]]) -> list[Any]:
    """The values of sourced values, each once, in the order first given."""
    seen: list[Any] = []
    for reading in readings:
        if reading["value"] not in seen:
            seen.append(reading["value"])
    return seen
