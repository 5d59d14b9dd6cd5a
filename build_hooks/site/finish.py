"""A converted page's last steps: what the site adds to every page's HTML, then the
sanitiser, so that the allowlist judges the page exactly as it is served."""

from __future__ import annotations

from build_hooks.site.footnotes import separate_footnotes
from build_hooks.site.languages import mark_languages
from build_hooks.site.sanitise import clean_page


def finish_page(html: str) -> tuple[str, str | None]:
    """The page's HTML as served (commas between adjacent footnote markers, Chinese text
    marked as Chinese), sanitised; and what sanitising removed (None if nothing)."""
    return clean_page(mark_languages(separate_footnotes(html)))
