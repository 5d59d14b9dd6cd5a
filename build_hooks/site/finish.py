"""A converted page's last step before the sanitiser: what the site adds to every page's
content, so that the allowlist judges the page exactly as it is served."""

from __future__ import annotations

from build_hooks.site.footnotes import separate_footnotes
from build_hooks.site.sanitise import clean_page


def finish_page(html: str) -> tuple[str, str | None]:
    """The page's content as served (commas between adjacent footnote markers),
    sanitised; and what sanitising removed (None if nothing)."""
    return clean_page(separate_footnotes(html))
