"""Schema examples written as the YAML lines a brief would hold.

`new` puts them in the template of a new brief, and the brief format reference shows
them, so both show a field the same way.
"""

from __future__ import annotations

import re
from typing import Any

import yaml


def example_lines(key: str, value: Any) -> list[str]:
    """`key: value` as the YAML lines a brief would hold: block style, lists of plain
    values inline, quoted wherever YAML would otherwise retype the text.

    >>> example_lines("announced", [{"value": "2025-09-18", "sources": ["a", "b"]}])
    ['announced:', '  - value: 2025-09-18', '    sources: [a, b]']
    >>> example_lines("country", "NO")
    ["country: 'NO'"]
    """
    text = yaml.dump(
        {key: value},
        Dumper=_BriefDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=84,
    )
    return text.rstrip("\n").split("\n")


class _BriefDumper(yaml.SafeDumper):
    """Writes YAML the way the briefs are written: list items indented under their key,
    and dates unquoted (the loader keeps them as text either way)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value)
    return dumper.represent_str(value)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    inline = all(not isinstance(item, dict | list) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=inline)


_BriefDumper.add_representer(str, _represent_text)
_BriefDumper.add_representer(list, _represent_list)
