"""Field paths: where a value sits inside a brief, as a tuple and as text.

``("specs", "memory_gb", 0, "value")`` is written ``specs.memory_gb[0].value``, the form
used in every error message.
"""

from __future__ import annotations

FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """Render a path the way contributors read it.

    >>> format_path(("specs", "memory_gb", 0, "value"))
    'specs.memory_gb[0].value'
    >>> format_path(("a\\tb",))
    "'a\\\\tb'"
    >>> format_path(())
    ''
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        if not part.isprintable() or not part.strip():
            # A key with a line break or control character must not break the line format,
            # and a blank key must still be visible.
            part = repr(part)
        text += f".{part}" if text else part
    return text
