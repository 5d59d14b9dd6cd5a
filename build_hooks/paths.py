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
# The chart's points, to download.
CHART_DATA = "chips/tpp-bandwidth.csv"
GLOSSARY = "glossary.md"
DATA_JSON = "data/briefs.json"
FEED = "feed.xml"
SEARCH_FOLDER = "search"
"""Where the search index goes (Material's `search/search_index.json` is beside it)."""


RESERVED_IDS = frozenset({"index", "page"})
"""Ids no brief may take: a page the site generates has that name in every kind's folder
(`chips/index.md` is the chips index, `chips/page/2.md` its second page).
tests/test_architecture.py checks that no other generated page sits among the briefs'
pages."""


def brief_page(kind: str, brief_id: str) -> str:
    return f"{kind}/{brief_id}.md"


def brief_url(kind: str, brief_id: str) -> str:
    """A brief page's URL, relative to the site root."""
    return f"{kind}/{brief_id}/"


def page_url(src_uri: str) -> str:
    """The URL of a page, relative to the site root (directory URLs, as MkDocs makes them).

    >>> page_url("timeline/2026/01.md"), page_url("chips/index.md"), page_url("index.md")
    ('timeline/2026/01/', 'chips/', '')
    """
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def index_page(kind: str) -> str:
    return KINDS[kind].index_src


def jurisdiction_page(code: str, number: int = 1) -> str:
    """Page `number` of a jurisdiction's policies: `/jurisdictions/us/`, then
    `/jurisdictions/us/page/2/`."""
    base = f"jurisdictions/{code.lower()}"
    return f"{base}.md" if number == 1 else f"{base}/page/{number}.md"


def topic_chart(topic_id: str) -> str:
    """The picture of a topic's chips (an id holds no '.', so no page can have this path)."""
    return f"topics/{topic_id}.svg"


def csv_file(kind: str) -> str:
    return f"data/{kind}.csv"


def index_page_number(kind: str, number: int) -> str:
    """Page `number` of a kind's index (the first is the index itself): `/chips/page/2/`."""
    return index_page(kind) if number == 1 else f"{KINDS[kind].folder}/page/{number}.md"


def threshold_anchor(threshold_id: str) -> str:
    """The heading id of a threshold on its policy's page (`#threshold-3a090-a-1`)."""
    return f"threshold-{threshold_id}"


def brief_list_page(kind: str, brief_id: str, name: str, number: int = 1) -> str:
    """Page `number` of a list that is too long to show whole on a brief's page (the
    briefs affected by a policy, the chips against one of its thresholds): under the
    brief's own address, where no brief's page can be.

    >>> brief_list_page("policies", "ear", "affected-by"), brief_list_page("chips", "h2", "x", 2)
    ('policies/ear/affected-by.md', 'chips/h2/x/page/2.md')
    """
    base = f"{kind}/{brief_id}/{name}"
    return f"{base}.md" if number == 1 else f"{base}/page/{number}.md"


# The timeline is split by month, so that no page grows with the number of briefs. An
# entry's address depends only on its date and its brief: `/timeline/2026/01/#nvidia-2026-01-23`.


def timeline_month(month: str) -> str:
    """The page of one month's developments (`month` is YYYY-MM): `/timeline/2026/01/`."""
    year, number = month.split("-")
    return f"timeline/{year}/{number}.md"


def timeline_year(year: str) -> str:
    """The page listing one year's months: `/timeline/2026/`."""
    return f"timeline/{year}/index.md"


def feed_archive(month: str) -> str:
    """The Atom archive document of one month's developments (RFC 5005): `/feed/2026-01.xml`."""
    return f"feed/{month}.xml"
