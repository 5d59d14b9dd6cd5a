"""Did-you-mean suggestions for misspelt ids, field names and values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, if one is close enough to be a plausible typo.

    >>> closest("nvidai", ["nvidia", "amd", "huawei"])
    'nvidia'
    >>> closest("anadolu", ["anadolu-2026-01-23-h200", "reuters-2026-01-28"])
    'anadolu-2026-01-23-h200'
    >>> closest("cn", ["CN", "US"])
    'CN'
    >>> closest("zzz", ["nvidia"]) is None
    True
    """
    pool = sorted(set(candidates))
    same = [candidate for candidate in pool if candidate.casefold() == word.casefold()]
    if same:
        return same[0]
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    # Long ids are often typed by their first words only ('anadolu' for 'anadolu-2026-...').
    prefixed = [candidate for candidate in pool if word and candidate.startswith(word)]
    return prefixed[0] if len(prefixed) == 1 else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """'; did you mean 'x'?' when a suggestion exists, else an empty string."""
    match = closest(word, candidates)
    return f"; did you mean {match!r}?" if match else ""
