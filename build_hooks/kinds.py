"""The kinds of brief, one row each: everything the code needs to know about a kind.

A kind's fields, which of them link to other briefs and how they are shown come from its
JSON Schema (`schemas/<folder>.schema.json`); what is here is the rest: where its files
and pages live, what it is called, how its lists are ordered and what its page carries.
A new kind is a row here, a schema and, if its page differs, a template.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Kind:
    """One kind of brief."""

    folder: str
    """`briefs/<folder>/<id>.yaml`, the page `<folder>/<id>/` and the schema's name."""
    singular: str
    title: str
    """The heading of its index page and its tab."""
    page_template: str
    title_field: str
    """The field that titles the brief's page (a source's headline, others' name)."""
    date_field: str | None
    """The field a list of these briefs is dated by (a date, or sourced dates)."""
    newest_first: bool
    """Whether the index lists them by date, newest first (else by name)."""
    index_columns: tuple[str, ...]
    """Fields shown as columns of the index table (those the schema puts in the infobox)."""
    describe: tuple[str, ...]
    """Fields shown after a link to the brief in lists; 'date' is the brief's date."""
    search_boost: float
    """Material's search boost: a search for "Nvidia" finds the company before articles."""
    schema_org: str
    """The schema.org type of its JSON-LD."""
    sections: tuple[str, ...] = ()
    """Sections of its page beyond the common ones (see render/brief_page.py)."""
    explainer: bool = False
    """Its pages explain a story across briefs (render/topic_page.py) instead of
    describing one thing with key facts."""

    @property
    def plural(self) -> str:
        return self.folder

    @property
    def schema(self) -> str:
        return f"{self.folder}.schema.json"

    @property
    def index_src(self) -> str:
        return f"{self.folder}/index.md"


KINDS: dict[str, Kind] = {
    kind.folder: kind
    for kind in (
        Kind(
            "topics",
            "topic",
            "Topics",
            "topic.md.j2",
            "name",
            None,
            False,
            (),
            (),
            2,
            "Article",
            explainer=True,
        ),
        Kind(
            "companies",
            "company",
            "Companies",
            "brief.md.j2",
            "name",
            None,
            False,
            ("country", "headquarters", "roles"),
            (),
            3,
            "Organization",
        ),
        Kind(
            "chips",
            "chip",
            "Chips",
            "brief.md.j2",
            "name",
            "announced",
            False,
            ("designer", "status", "released"),
            ("status",),
            3,
            "Product",
            sections=("export controls",),
        ),
        Kind(
            "policies",
            "policy",
            "Policies",
            "brief.md.j2",
            "name",
            "announced",
            True,
            ("jurisdiction", "kind", "status", "announced", "effective"),
            ("jurisdiction", "date", "status"),
            3,
            "Legislation",
            sections=("thresholds", "classifications"),
        ),
        Kind(
            "sources",
            "source",
            "Sources",
            "source.md.j2",
            "title",
            "published",
            True,
            ("publisher", "published", "tier"),
            ("publisher", "date"),
            0.5,
            "CreativeWork",
        ),
    )
}

BRIEF_TYPES: tuple[str, ...] = tuple(KINDS)
"""The kinds' folder names, in the order the site lists them."""

ORDER = {name: index for index, name in enumerate(BRIEF_TYPES)}
"""A kind's place in that order, for sorting briefs of several kinds."""

GLOSSARY = "glossary"
"""The glossary: one file, `briefs/glossary.yaml`, checked like a brief against its own
schema, but not a kind: its terms have no pages of their own, only the glossary page and
the definitions shown wherever a term appears in brief text."""

GLOSSARY_FILE = "glossary.yaml"

SCHEMA_NAMES: dict[str, str] = {
    **{name: kind.schema for name, kind in KINDS.items()},
    GLOSSARY: "glossary.schema.json",
}
"""The schema file of every kind of document `check` reads: the kinds, and the glossary."""
