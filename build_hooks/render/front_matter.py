"""schema.org JSON-LD for entity pages, passed to the theme through page front matter."""

from __future__ import annotations

import html
import json
from typing import Any

from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.kinds import KINDS


def json_ld(graph: Graph, brief: Brief, site_url: str | None) -> dict[str, Any]:
    base = site_url or ""
    data = brief.data
    # The properties schema.org gives each type (Organization, Product, …) differ.
    schema_type = KINDS[brief.kind].schema_org
    item: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "@id": base + brief.url,
        "url": base + brief.url,
        "name": brief.name,
    }
    if data.get("aliases"):
        item["alternateName"] = list(data["aliases"])
    if schema_type == "Organization" and data.get("country"):
        item["address"] = {"@type": "PostalAddress", "addressCountry": data["country"]}
    if schema_type == "Product" and data.get("designer") in graph.briefs:
        designer = graph.briefs[data["designer"]]
        item["manufacturer"] = {
            "@type": "Organization",
            "name": designer.name,
            "url": base + designer.url,
        }
    if schema_type == "Legislation":
        item["legislationJurisdiction"] = data.get("jurisdiction")
        item["legislationDate"] = brief.date
        issuers = [body["name"] for body in data.get("issued_by", [])]
        if issuers:
            item["legislationPassedBy"] = [
                {"@type": "Organization", "name": name} for name in issuers
            ]
    if schema_type == "CreativeWork":
        item.update(
            {
                "headline": data.get("title"),
                "sameAs": data.get("url"),
                "datePublished": str(data.get("published")),
                "publisher": {"@type": "Organization", "name": data.get("publisher")},
            }
        )
    if data.get("as_of"):
        item["dateModified"] = data["as_of"]
    cited = dict.fromkeys(
        link.target for link in graph.outgoing.get(brief.id, []) if link.relation == "citation"
    )
    if cited:
        item["citation"] = [base + graph.briefs[source].url for source in cited]
    return item


def front_matter(
    *,
    title: str | None = None,
    jsonld: dict[str, Any] | None = None,
    search_boost: float | None = None,
    search_exclude: bool = False,
    hide: tuple[str, ...] = (),
) -> str:
    """A page's YAML front matter, the one way every generated page gets its metadata:
    the title (pages open with a breadcrumb, not their H1, so MkDocs cannot take it from
    there), the JSON-LD, Material's search settings and the parts of the theme to hide.

    Every value is written as JSON with every non-ASCII character escaped, which YAML
    reads back exactly: no text can end a value, start a key or close the front matter.

    >>> print(front_matter(title="A 'B' <C>", hide=("navigation",)), end="")
    ---
    hide: ["navigation"]
    title: "A 'B' &lt;C&gt;"
    ---
    <BLANKLINE>
    """
    meta: dict[str, Any] = {}
    if hide:
        meta["hide"] = list(hide)
    if jsonld is not None:
        # '<' escaped so that the JSON is safe inside the theme's script element.
        meta["jsonld"] = json.dumps(jsonld, ensure_ascii=False, sort_keys=True).replace(
            "<", "\\u003c"
        )
    search = {"boost": float(search_boost)} if search_boost is not None else {}
    if search_exclude:
        search["exclude"] = True
    if search:
        meta["search"] = search
    if title is not None:
        # MkDocs themes print the title into element text without escaping it, so '<',
        # '>' and '&' are escaped here. Quotes are left alone: the themes put titles into
        # attributes only through their own `| e`, and an escaped apostrophe
        # ("Nvidia&#x27;s") would be a rare word in the search index that outranks the
        # page named Nvidia.
        meta["title"] = html.escape(title, quote=False)
    lines = [f"{key}: {json.dumps(value, sort_keys=True)}" for key, value in meta.items()]
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n\n"
