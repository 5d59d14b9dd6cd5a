"""Python code that the checks generate as they start, compiled once and kept on disk.

The quick schema checks are Python code that fastjsonschema writes from the schemas:
about 570 KB for the six schemas, which Python takes a tenth of a second to compile. That
was paid by every `check`, a twentieth of `check --quick` at 10,000 briefs, and by every
process the tests start. The compiled code is kept in the user's cache folder, named by
a digest of what it was made from (the schema, the generator's version, Python's bytecode
version), so a changed schema or upgraded library gets new code and never stale code.

This is what Python does for modules with `__pycache__`, done here because the code is
not a module on disk and because an environment may turn off Python's own caching
(`PYTHONDONTWRITEBYTECODE`) without meaning this cache. `BRIEFS_CACHE_DIR` names another
folder; set to nothing, it turns the cache off. A cache that cannot be read or written
is passed over: the code is compiled as if there were none.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import CodeType

ENVIRONMENT = "BRIEFS_CACHE_DIR"


def cache_folder() -> Path | None:
    """Where compiled code is kept: `BRIEFS_CACHE_DIR`, or the user's cache folder (None:
    no cache)."""
    configured = os.environ.get(ENVIRONMENT)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder to be found
            return None
    return Path(base) / "ai-chip-policy-briefs"


def compiled(label: str, key: str, source: Callable[[], str]) -> CodeType:
    """The code of `source()`, which `key` determines: as an earlier run compiled it, or
    compiled now (and kept for the next run)."""
    digest = hashlib.sha256(
        b"\0".join((importlib.util.MAGIC_NUMBER, label.encode(), key.encode()))
    ).hexdigest()[:40]
    folder = cache_folder()
    file = None if folder is None else folder / f"{label}-{digest}.marshal"
    if file is not None:
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            code = marshal.loads(file.read_bytes())
            if isinstance(code, CodeType):
                return code
    code = compile(source(), f"<{label} {digest[:12]}>", "exec")
    if file is not None:
        _write(file, marshal.dumps(code))
    return code


def _write(file: Path, data: bytes) -> None:
    """`data` written to `file` whole or not at all (another process may be reading it)."""
    temporary = None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=file.parent, prefix=".", delete=False) as out:
            temporary = out.name
            out.write(data)
        os.replace(temporary, file)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
