"""The Jinja environment for pages: every `{{ … }}` escaped as Markdown unless it is Safe.

A template therefore cannot forget to escape text that came from a brief: plain strings
are escaped as they are written out, and only values the code has already made safe
(`render.markdown.Safe`) pass through as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from build_hooks.render.markdown import Safe, anchor, code_block, code_span, escape_text

TEMPLATE_DIR = Path(__file__).parent.parent / "templates"


def _finalize(value: Any) -> str:
    if isinstance(value, Safe):
        return value
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return escape_text(str(value))


def make_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """The environment for Markdown templates (`*.md.j2`)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        finalize=_finalize,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        code=code_span,
        code_list=lambda items: Safe(", ".join(code_span(item) for item in items)),
        code_block=code_block,
        anchor=anchor,
        hashes=lambda count: Safe("#" * count),
    )
    return env


def make_xml_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """The environment for SVG templates: XML autoescaping, no Markdown."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
