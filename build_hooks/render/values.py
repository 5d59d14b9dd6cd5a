"""Values from briefs as Markdown fragments: numbers with units, sourced readings, dates."""

from __future__ import annotations

from typing import Any

from build_hooks.graph.brief import distinct_values
from build_hooks.render.markdown import Safe, escape_text


def number(value: int | float) -> str:
    """
    >>> number(4800), number(3.35), number(141.0)
    ('4,800', '3.35', '141')
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def plain(value: Any, unit: str | None = None, *, year: bool = False) -> Safe:
    """A scalar value as escaped text, with its unit (years without a thousands comma)."""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, int | float) and not year:
        text = number(value)
    else:
        text = str(value)
    if not unit:
        return escape_text(text)
    return escape_text(f"{text}{unit}" if unit == "%" else f"{text} {unit}")


def humanise(value: str) -> str:
    """An enum value as words: 'in-force' becomes 'in force'."""
    return value.replace("-", " ")


def readings_summary(
    readings: list[dict[str, Any]], unit: str | None, *, year: bool = False
) -> Safe:
    """Readings without citations, for tables: '96 GB / 128 GB' when sources disagree."""
    values = distinct_values(readings)
    text = " / ".join(
        number(v) if isinstance(v, int | float) and not year else str(v) for v in values
    )
    if unit:
        text = f"{text} {unit}"
    if all(reading.get("reported") for reading in readings):
        text += " (reported)"
    return escape_text(text)


def table(headers: list[str], rows: list[list[Safe]]) -> Safe:
    """A Markdown table; cells must already be escaped (escape_text turns '|' into '\\|')."""
    lines = [
        "| " + " | ".join(escape_text(header) for header in headers) + " |",
        "|" + " --- |" * len(headers),
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return Safe("\n".join(lines))
