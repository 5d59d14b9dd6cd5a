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
    item: dict[str, Any] = {"@context": "https://schema.org", "@type": KINDS[brief.kind].schema_org,
                            "@id": base + brief.url, "url": base + brief.url,
                            "name": brief.name}
    if data.get("aliases"):
        item["alternateName"] = list(data["aliases"])
    if brief.kind == "companies" and data.get("country"):
        item["address"] = {"@type": "PostalAddress", "addressCountry": data["country"]}
    if brief.kind == "chips" and data.get("designer") in graph.briefs:
        designer = graph.briefs[data["designer"]]
        item["manufacturer"] = {"@type": "Organization", "name": designer.name,
                                "url": base + designer.url}
    if brief.kind == "policies":
        item["legislationJurisdiction"] = data.get("jurisdiction")
        item["legislationDate"] = brief.date
        issuers = [body["name"] for body in data.get("issued_by", [])]
        if issuers:
            item["legislationPassedBy"] = [{"@type": "Organization", "name": name}
                                           for name in issuers]
    if brief.kind == "sources":
        item.update({"headline": data.get("title"), "sameAs": data.get("url"),
                     "datePublished": str(data.get("published")),
                     "publisher": {"@type": "Organization", "name": data.get("publisher")}})
    if data.get("as_of"):
        item["dateModified"] = data["as_of"]
    cited = dict.fromkeys(link.target for link in graph.outgoing.get(brief.id, [])
                          if link.relation == "citation")
    if cited:
        item["citation"] = [base + graph.briefs[source].url for source in cited]
    return item


def front_matter(title: str, item: dict[str, Any] | None = None,
                 search_boost: float | None = None) -> str:
    """YAML front matter: the page title (the page opens with a breadcrumb, not its H1),
    Material's search boost, and the JSON-LD, with '<' escaped so that it is safe inside a
    script tag."""
    # MkDocs themes print the title into element text without escaping it, so '<', '>' and
    # '&' are escaped here. Quotes are left alone: the themes put page titles into
    # attributes only through their own `| e`, and an escaped apostrophe ("Nvidia&#x27;s")
    # would become a rare word in the search index that outranks the page named Nvidia.
    lines = ["---"]
    if item is not None:
        jsonld = json.dumps(item, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
        lines.append(f"jsonld: {_yaml_text(jsonld)}")
    if search_boost is not None:
        lines.append(f"search:\n  boost: {float(search_boost)!r}")
    lines.append(f"title: {_yaml_text(html.escape(title, quote=False))}")
    return "\n".join(lines) + "\n---\n\n"


def _yaml_text(text: str) -> str:
    """Text as a YAML single-quoted scalar, as yaml.safe_dump would write it but some
    fifty times faster, which counts on every page of a large site. Only a quote needs
    escaping there; the loader already refuses the characters YAML would treat as line
    breaks, and JSON escapes them anyway.

    >>> import yaml; yaml.safe_load(_yaml_text('Nvidia\\'s "H200" # x: y'))
    'Nvidia\\'s "H200" # x: y'
    """
    if any(char in text for char in "\n\r\x85\u2028\u2029"):
        raise ValueError(f"front matter text must be one line: {text!r}")
    return "'" + text.replace("'", "''") + "'"
