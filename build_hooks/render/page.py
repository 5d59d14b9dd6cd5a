"""Per-page rendering state: relative links, numbered citations and value formatting.

A page numbers its citations in the order they are first used, so the same briefs always
give the same footnotes. Every method returns :class:`Safe` Markdown: text from briefs is
escaped here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from build_hooks.graph.brief import Brief, distinct_values, is_readings
from build_hooks.graph.graph import Graph
from build_hooks.kinds import KINDS
from build_hooks.render.glossary_marks import mark_terms
from build_hooks.render.links import display_url, outside_url, relative_link
from build_hooks.render.markdown import Safe, escape_text, render_prose
from build_hooks.render.values import humanise, plain
from build_hooks.validate.fields import DisplayField
from build_hooks.validate.mentions import Token


class PageContext:
    """Helpers a template calls while it writes one page."""

    def __init__(self, graph: Graph, src_uri: str, *, glossary: bool = True) -> None:
        self.graph = graph
        self.src_uri = src_uri
        self._numbers: dict[str, int] = {}
        self._terms_marked = 0
        self._glossary = glossary and bool(graph.glossary)
        """Whether glossary terms in brief text get their definitions (not on the
        glossary page itself)."""

    def link(self, brief_id: str, label: str | None = None, anchor: str = "") -> Safe:
        """A Markdown link to a brief's page (or to `anchor`, a heading id on it)."""
        brief = self.graph.briefs[brief_id]
        text = escape_text(label if label else brief.name)
        target = relative_link(self.src_uri, brief.src_uri) + (f"#{anchor}" if anchor else "")
        # data-preview: Material shows the linked page in a popover on hover.
        return Safe(f"[{text}]({target}){{ data-preview }}")

    def href(self, src_uri: str) -> Safe:
        return Safe(relative_link(self.src_uri, src_uri))

    def cite(self, source_ids: Iterable[str]) -> Safe:
        return Safe("".join(f"[^{self._number(source_id)}]" for source_id in source_ids))

    def prose(self, text: str, *, indent: int = 0, cite: bool = True) -> Safe:
        """A Markdown field; `indent` continues it inside a list item. Without `cite`,
        its citations are left out (a quotation of text whose page cites them)."""
        replace = self._replace_token if cite else self._replace_mention
        body = render_prose(text, replace, self._mark_terms if self._glossary else None)
        if indent:
            body = Safe(body.replace("\n", "\n" + " " * indent))
        return body

    def quote(self, sentence: str, mentioned: str, at: str, anchor: str = "") -> Safe:
        """A sentence of another brief (`at`) that mentions `mentioned`, without its
        citations: the mention of `mentioned` links to where the sentence is."""

        def replace(token: Token) -> str:
            if token.kind == "citation":
                return ""
            if token.target == mentioned:
                label = token.label or self.graph.briefs[mentioned].name
                return self.link(at, label, anchor=anchor)
            return self.link(token.target, token.label)

        return render_prose(sentence, replace, self._mark_terms if self._glossary else None)

    def readings(
        self, readings: list[dict[str, Any]], unit: str | None = None, *, year: bool = False
    ) -> Safe:
        """Sourced values, each with its footnotes; all of them when sources disagree."""
        parts = []
        for value in distinct_values(readings):
            same = [reading for reading in readings if reading["value"] == value]
            text = plain(value, unit, year=year) + self.cite(s for r in same for s in r["sources"])
            if all(reading.get("reported") for reading in same):
                text += " (reported)"
            notes = [reading["note"] for reading in same if reading.get("note")]
            if notes:
                text += " (" + "; ".join(escape_text(note) for note in notes) + ")"
            parts.append(text)
        joined = "; ".join(parts)
        if len(parts) > 1:
            joined += " (sources disagree)"
        return Safe(joined)

    def value(self, field: DisplayField, value: Any) -> Safe:
        """Any field value of a brief, shown the way its schema describes it."""
        if field.kinds:
            ids = value if isinstance(value, list) else [value]
            return Safe(", ".join(self.link(brief_id) for brief_id in ids))
        if is_readings(value):
            return self.readings(value, field.unit, year=field.is_year)
        if field.names and isinstance(value, str):
            return escape_text(f"{field.names.get(value, value)} ({value})")
        if field.is_url and isinstance(value, str):
            return Safe(f"[{escape_text(display_url(value))}]({outside_url(value)})")
        if isinstance(value, list):
            return Safe(", ".join(self._list_item(item, field) for item in value))
        if field.is_enum and isinstance(value, str):
            return escape_text(humanise(value))
        return plain(value, field.unit, year=field.is_year)

    def footnotes(self) -> Safe:
        """The footnote definitions for every source this page cited, in number order."""
        lines = []
        for source_id, index in self._numbers.items():
            source = self.graph.briefs[source_id]
            data = source.data
            detail = f"{data['publisher']}, {data['published']}, {data['tier']} source"
            if data.get("relays"):
                detail += f", relaying {data['relays']}"
            lines.append(
                f"[^{index}]: {self.link(source_id, data['title'])} ({escape_text(detail)})"
            )
        return Safe("\n".join(lines))

    def _number(self, source_id: str) -> int:
        return self._numbers.setdefault(source_id, len(self._numbers) + 1)

    def _replace_token(self, token: Token) -> str:
        if token.kind == "citation":
            return self.cite([token.target])
        return self.link(token.target, token.label)

    def _replace_mention(self, token: Token) -> str:
        return "" if token.kind == "citation" else self.link(token.target, token.label)

    def _name_of(self, brief_id: str) -> str:
        return self.graph.briefs[brief_id].name

    def _mark_terms(self, text: str) -> str:
        marked, self._terms_marked = mark_terms(
            self.graph.glossary, self._name_of, text, self._terms_marked
        )
        return marked

    def _list_item(self, item: Any, field: DisplayField) -> str:
        if isinstance(item, dict) and "name" in item:
            aliases = item.get("aliases") or []
            text = item["name"] + (f" ({', '.join(aliases)})" if aliases else "")
            return escape_text(text)
        return escape_text(humanise(item) if field.is_enum else str(item))


def describe(brief: Brief, fields: dict[str, list[DisplayField]]) -> str:
    """A few words to show after a link to a brief in lists: its kind's `describe` fields
    (a chip's status; a policy's jurisdiction, date and status), enumerated values as
    words."""
    enums = {field.key for field in fields[brief.kind] if field.is_enum}
    parts = []
    for key in KINDS[brief.kind].describe:
        value = brief.date if key == "date" else str(brief.data.get(key, ""))
        parts.append(humanise(value) if key in enums else value)
    return ", ".join(parts)
