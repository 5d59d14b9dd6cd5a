"""Where every generated page and file goes: the site's URL contract, in one place.

Paths are relative to the docs folder (`chips/h200.md` is served at `chips/h200/`).
"""

from __future__ import annotations

from build_hooks.kinds import KINDS

TIMELINE = "timeline.md"
MAINTENANCE = "maintenance.md"
JURISDICTIONS = "jurisdictions/index.md"
FORMAT_REFERENCE = "contribute/brief-format.md"
CHART = "chips/tpp-bandwidth.svg"
GLOSSARY = "glossary.md"
DATA_JSON = "data/briefs.json"
FEED = "feed.xml"


RESERVED_IDS = frozenset({"index"})
"""Ids no brief may take: a page the site generates has that name in every kind's folder
(`chips/index.md` is the chips index). tests/test_architecture.py checks that no other
generated page sits among the briefs' pages."""


def brief_page(kind: str, brief_id: str) -> str:
    return f"{kind}/{brief_id}.md"


def brief_url(kind: str, brief_id: str) -> str:
    """A brief page's URL, relative to the site root."""
    return f"{kind}/{brief_id}/"


def index_page(kind: str) -> str:
    return KINDS[kind].index_src


def jurisdiction_page(code: str) -> str:
    return f"jurisdictions/{code.lower()}.md"


def topic_chart(topic_id: str) -> str:
    """The picture of a topic's chips (an id holds no '.', so no page can have this path)."""
    return f"topics/{topic_id}.svg"


def csv_file(kind: str) -> str:
    return f"data/{kind}.csv"
