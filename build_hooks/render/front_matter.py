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
    description: str | None = None,
    jsonld: dict[str, Any] | None = None,
    search_boost: float | None = None,
    search_exclude: bool = False,
    hide: tuple[str, ...] = (),
) -> str:
    """A page's YAML front matter, the one way every generated page gets its metadata:
    the title (pages open with a breadcrumb, not their H1, so MkDocs cannot take it from
    there), the description (render/description.py), the JSON-LD, Material's search
    settings and the parts of the theme to hide.

    Every value is written in YAML's flow style with every character outside printable
    ASCII escaped, which YAML reads back exactly: no text can end a value, start a key or
    close the front matter (tests/test_properties.py tries every kind of character).

    >>> print(front_matter(title="A 'B' <C>", description='"D" & E', hide=("navigation",)), end="")
    ---
    hide: ["navigation"]
    title: "A 'B' &lt;C&gt;"
    description: "&quot;D&quot; &amp; E"
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
    if description is not None:
        # The theme (and overrides/main.html) put it into attributes as it is.
        meta["description"] = html.escape(description, quote=True)
    lines = [f"{key}: {_yaml(value)}" for key, value in meta.items()]
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n\n"


def _yaml(value: Any) -> str:
    """A value as YAML flow text: strings double-quoted and escaped, lists and mappings
    in brackets and braces (keys sorted), numbers and booleans as JSON writes them."""
    if isinstance(value, str):
        return '"' + "".join(_yaml_character(char) for char in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(item) for item in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{_yaml(str(key))}: {_yaml(value[key])}" for key in sorted(value))
            + "}"
        )
    return json.dumps(value)


def _yaml_character(char: str) -> str:
    # YAML's own escapes (JSON's would write a character outside the first plane as a
    # surrogate pair, which YAML reads as two broken characters).
    code = ord(char)
    if char in '"\\':
        return "\\" + char
    if 0x20 <= code < 0x7F:
        return char
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )
