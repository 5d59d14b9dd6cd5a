"""schema.org JSON-LD: every property on every object is one schema.org defines for the
object's type (or a type it inherits from), checked on every page of the real site.

The table is written from schema.org's own type pages (https://schema.org/Thing,
/CreativeWork, /WebPage, /Organization, /Product, /Legislation, /GovernmentService,
/Service, /Event, /Place, /PostalAddress), listing the properties this site uses or may
reasonably use; a property not listed for a type fails, which is what caught
`dateModified` and `citation` (CreativeWork properties) on Organization and Product.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from build_hooks.options import SiteOptions
from build_hooks.pipeline import build_site
from build_hooks.render.front_matter import POLICY_TYPES
from tests.conftest import REPO

JSON_LD_KEYWORDS = {"@context", "@type", "@id"}

THING = {
    "name", "alternateName", "description", "url", "sameAs", "identifier",
    "mainEntityOfPage", "subjectOf", "image",
}  # fmt: skip
CREATIVE_WORK = THING | {
    "headline", "datePublished", "dateModified", "publisher", "author", "citation",
    "inLanguage", "about", "mainEntity", "isPartOf",
}  # fmt: skip
SERVICE = THING | {"provider", "areaServed", "serviceType", "brand", "category"}
ALLOWED: dict[str, set[str]] = {
    "Organization": THING | {"address", "foundingDate", "location", "parentOrganization"},
    "Product": THING | {"brand", "manufacturer", "releaseDate", "productionDate", "model"},
    "CreativeWork": CREATIVE_WORK,
    "Article": CREATIVE_WORK | {"articleBody", "articleSection", "wordCount"},  # topics
    "WebPage": CREATIVE_WORK | {"lastReviewed", "breadcrumb"},
    "Legislation": CREATIVE_WORK
    | {"legislationJurisdiction", "legislationDate", "legislationPassedBy", "jurisdiction"},
    "GovernmentService": SERVICE | {"jurisdiction", "serviceOperator"},
    "Event": THING | {"startDate", "endDate", "location", "organizer", "eventStatus"},
    "Place": THING | {"address"},
    "PostalAddress": THING | {"addressCountry", "addressLocality", "addressRegion"},
}

SITE = build_site(REPO / "briefs", REPO, SiteOptions(site_url="https://example.org/briefs/"))


def json_ld_of(page: str) -> dict[str, Any] | None:
    meta = yaml.safe_load(page.split("---\n")[1]) if page.startswith("---\n") else {}
    return json.loads(meta["jsonld"]) if meta and "jsonld" in meta else None


def misplaced(item: Any, where: str = "") -> list[str]:
    """Every property on an object whose type schema.org does not give it, nested ones too."""
    found = []
    if isinstance(item, list):
        for index, value in enumerate(item):
            found += misplaced(value, f"{where}[{index}]")
    elif isinstance(item, dict):
        kind = item.get("@type")
        allowed = ALLOWED.get(kind)
        if allowed is None:
            return [f"{where}: a type the table does not know: {kind!r}"]
        found += [
            f"{where}.{key} on {kind}" for key in item if key not in allowed | JSON_LD_KEYWORDS
        ]
        for key, value in item.items():
            found += misplaced(value, f"{where}.{key}")
    return found


def test_every_property_is_defined_for_its_type_on_every_page() -> None:
    checked = 0
    for path, page in SITE.pages.items():
        data = json_ld_of(page)
        if data is None:
            continue
        checked += 1
        assert misplaced(data) == [], path
    assert checked == len(SITE.graph.briefs)


def test_the_table_refuses_what_schema_org_does_not_define() -> None:
    # The old JSON-LD put CreativeWork's properties on an Organization.
    old = {"@type": "Organization", "name": "Nvidia", "dateModified": "2026-01-28", "citation": []}
    assert misplaced(old) == [".dateModified on Organization", ".citation on Organization"]


def test_a_page_is_about_its_subject_and_carries_its_own_dates_and_sources() -> None:
    h200 = json_ld_of(SITE.pages["chips/h200.md"])
    assert h200 is not None
    assert (h200["@type"], h200["name"]) == ("Product", "H200")
    # The designer is the brand; the maker is the manufacturer.
    assert h200["brand"]["name"] == "Nvidia" and h200["manufacturer"]["name"] == "TSMC"
    page = h200["mainEntityOfPage"]
    assert page["@type"] == "WebPage" and page["@id"] == "https://example.org/briefs/chips/h200/"
    assert page["dateModified"] == SITE.graph.briefs["h200"].data["as_of"]
    assert "https://example.org/briefs/sources/itkb-2026-06-22-h200-b300/" in page["citation"]
    assert h200["description"].startswith("A data-centre accelerator from Nvidia")
    source = json_ld_of(SITE.pages["sources/aa-2026-01-h200-purchase-prep.md"])
    assert source is not None
    assert source["url"].startswith("https://www.aa.com.tr/")  # the article's own address


@pytest.mark.parametrize("kind", sorted(POLICY_TYPES))
def test_every_kind_of_policy_has_a_type_the_table_knows(kind: str) -> None:
    assert POLICY_TYPES[kind] in ALLOWED


def test_every_kind_of_policy_in_the_schema_has_a_chosen_type() -> None:
    schema = json.loads((REPO / "build_hooks/schemas/policies.schema.json").read_text("utf-8"))
    assert sorted(schema["properties"]["kind"]["enum"]) == sorted(POLICY_TYPES)
