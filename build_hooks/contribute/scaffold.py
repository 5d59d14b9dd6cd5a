"""`new`: a fresh brief written from the schema, every field explained in a comment.

The template is made from the schema's titles, descriptions and examples, so it can
never drift from what the check accepts.
"""

from __future__ import annotations

import datetime
import json
import textwrap
from pathlib import Path

from build_hooks.contribute.naming import existing, id_for
from build_hooks.kinds import KINDS
from build_hooks.load.files import id_problem
from build_hooks.validate.examples import example_lines
from build_hooks.validate.schemas import SchemaSet


def new_brief(
    root: Path,
    kind: str,
    name: str,
    brief_id: str | None = None,
    today: datetime.date | None = None,
    *,
    minimal: bool = False,
) -> Path:
    """Write briefs/<kind>/<id>.yaml and return its path; never overwrite."""
    if not name.strip() or "\n" in name:
        raise ValueError('NAME must be one line of text, for example "Ascend 910C"')
    given = brief_id is not None
    brief_id = brief_id or id_for(kind, name)
    if not brief_id:
        raise ValueError(f"cannot make an id from {name!r}; give one with --id")
    reason = id_problem(brief_id)
    if reason:
        raise ValueError(f"the id {brief_id!r} {reason}")
    path = root / "briefs" / kind / f"{brief_id}.yaml"
    if path.exists():
        raise FileExistsError(f"{path.relative_to(root).as_posix()} already exists")
    # Ids are unique across kinds, and a second brief on the same thing splits its facts:
    # `new chips "AMD"` finds the company. With --id the author has chosen to go on.
    found = existing(root, brief_id, "" if given else name)
    if found:
        raise FileExistsError("; ".join(found))
    text = template(SchemaSet.load(), kind, name, today or datetime.date.today(), minimal=minimal)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def template(
    schemas: SchemaSet, kind: str, name: str, today: datetime.date, *, minimal: bool = False
) -> str:
    """The commented YAML of a new brief: required fields to fill in, the rest commented out
    (or, `minimal`, left out: a first brief is then a dozen lines, not sixty)."""
    schema = schemas.schema(kind)
    required = set(schema.get("required", []))
    lines = [
        f"# yaml-language-server: $schema=../../build_hooks/schemas/{kind}.schema.json",
        f"# A new {KINDS[kind].singular} brief. {schema.get('description', '')}",
        *(
            [
                "# Fill in every field, then run: python -m build_hooks check",
                "# Optional fields are listed by `new` without --minimal and on the site's",
                "# Contribute > Brief format page.",
            ]
            if minimal
            else [
                "# Fill in every field that is not commented out, uncomment the others you can"
                " source,",
                "# and delete the rest. Then run: python -m build_hooks check",
            ]
        ),
        "",
    ]
    for key, prop in schema["properties"].items():
        if minimal and key not in required:
            continue
        notes = schemas.resolve_annotated(prop, KINDS[kind].schema)[2]
        label = notes.get("title", key) + (" (required)" if key in required else "")
        for line in textwrap.wrap(
            f"{label}: {notes.get('description', '')}", 86, break_on_hyphens=False
        ):
            lines.append(f"# {line}")
        example = example_lines(key, notes["examples"][0]) if notes.get("examples") else []
        if key == "name":
            lines.append(f"name: {json.dumps(name, ensure_ascii=False)}")
        elif key == "as_of":
            lines.append(f"as_of: {today.isoformat()}")
        elif key in required:
            # Left empty on purpose: the check asks for it until it is filled in.
            if example:
                lines.append("#   for example:")
                lines.extend(f"#   {line}" for line in example)
            lines.append(f"{key}:")
        else:
            lines.extend(f"# {line}" for line in example)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
