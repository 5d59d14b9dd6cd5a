"""The dry run's verdicts remembered by page text, for a process that checks again.

A process that checks a second time (the preview server after a save, the test suite's
thousands of small checks) converts only the pages whose text changed: a page's verdict
depends on its Markdown and the Markdown settings alone (the site's extensions read no
files). Keyed by a digest, so a remembered verdict costs a few bytes.
"""

from __future__ import annotations

import hashlib
from typing import Any

from build_hooks.site.dry_run import conversion_error as fresh_conversion_error

_MAX_VERDICTS = 200_000
_verdicts: dict[bytes, str | None] = {}


def conversion_error(page: str, extensions: tuple[tuple[str, dict[str, Any]], ...]) -> str | None:
    """site.dry_run.conversion_error, remembered for the same text and settings."""
    key = hashlib.blake2b(
        repr(extensions).encode() + b"\0" + page.encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()
    if key not in _verdicts:
        if len(_verdicts) >= _MAX_VERDICTS:
            _verdicts.clear()
        _verdicts[key] = fresh_conversion_error(page, extensions)
    return _verdicts[key]
