"""Every limit on what a brief may hold, in one place.

Briefs are untrusted input (anyone can open a pull request), so each limit keeps the work
one brief can cause small and bounded. Limits on single values (text lengths, number
ranges, list lengths) are in the JSON Schemas, where editors see them too.
"""

from __future__ import annotations

MAX_BYTES = 256 * 1024
"""The largest brief file; a long text belongs in a source."""

MAX_DEPTH = 16
"""The deepest nesting of mappings and lists; briefs need five or six levels."""

MAX_INTEGER = 10**15
"""The largest number, in either direction (far above any real figure, and printable)."""

MAX_INTEGER_CHARACTERS = 100
"""An integer literal with more letters and digits than this is refused before Python
converts it (it refuses beyond 4,300 digits, and converting is quadratic before that)."""

MAX_ID_LENGTH = 64
"""The longest id (file name without .yaml)."""

MAX_PROBLEMS_PER_FILE = 50
"""Problems reported for one file; the rest are counted in one more line."""

# Markdown fields. Python-Markdown recurses into nested lists and emphasis (hundreds of
# levels crash it), and numbers repeated references to one footnote in quadratic time.

MAX_LIST_DEPTH = 4
"""Lists inside lists, counting indentation and markers on one line ('- - x' is two)."""

MAX_EMPHASIS_MARKERS = 60
"""'*' and '_' characters in one paragraph."""

MAX_CITATIONS_PER_PARAGRAPH = 20
"""Citations (`[^source-id]`) in one paragraph."""

MAX_CITATIONS_PER_SOURCE = 50
"""Citations of one source in one brief, in its text and its sourced values together."""
