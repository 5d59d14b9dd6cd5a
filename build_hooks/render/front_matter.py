"""schema.org JSON-LD for entity pages, passed to the theme through page front matter."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from build_hooks.graph.brief import Brief
from build_hooks.graph.graph import Graph
from build_hooks.kinds import KINDS

_LONE_SURROGATE = re.compile("[\\ud800-\\udfff]")

# The schema.org type of a policy, by its kind: a rule is a legal document
# (Legislation); a programme that pays out is a GovernmentService; a decision or an
# action (an approval, reported guidance, a summons) is something that happened, an Event.
POLICY_TYPES = {
    "export-control-rule": "Legislation",
    "licence-requirement": "Legislation",
    "licence-policy": "Legislation",
    "tariff": "Legislation",
    "procurement-rule": "Legislation",
    "import-restriction": "Legislation",
    "subsidy": "GovernmentService",
    "investment-fund": "GovernmentService",
    "revenue-share": "Event",
    "guidance": "Event",
    "approval": "Event",
    "customs-enforcement": "Event",
    "regulatory-action": "Event",
}


def schema_org_type(brief: Brief) -> str:
    if brief.kind == "policies":
        return POLICY_TYPES.get(str(brief.data.get("kind")), KINDS[brief.kind].schema_org)
    return KINDS[brief.kind].schema_org


def json_ld(graph: Graph, brief: Brief, site_url: str | None, description: str) -> dict[str, Any]:
    """What the page is about, as schema.org JSON-LD, with the page itself as its
    `mainEntityOfPage`.

    Each property is one schema.org defines for the type it is on (tests/
    test_structured_data.py holds the table): the date a brief was last checked and the
    sources it cites belong to the page (a WebPage, a CreativeWork), not to a company or
    a chip, so they sit there.
    """
    base = site_url or ""
    page_url = base + brief.url
    data = brief.data
    schema_type = schema_org_type(brief)
    item: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "@id": page_url + "#subject",
        "name": brief.name,
        "description": description,
        "url": page_url,
    }
    if data.get("aliases"):
        item["alternateName"] = list(data["aliases"])
    issuers = [
        {"@type": "Organization", "name": body["name"]} for body in data.get("issued_by", [])
    ]
    if schema_type == "Organization" and data.get("country"):
        item["address"] = {"@type": "PostalAddress", "addressCountry": data["country"]}
    elif schema_type == "Product":
        for field, prop in (("designer", "brand"), ("manufacturer", "manufacturer")):
            if data.get(field) in graph.briefs:
                company = graph.briefs[data[field]]
                item[prop] = {
                    "@type": "Organization",
                    "name": company.name,
                    "url": base + company.url,
                }
        released = data.get("released")
        if released:
            item["releaseDate"] = str(released[0]["value"])
    elif schema_type == "Legislation":
        item["legislationJurisdiction"] = data.get("jurisdiction")
        item["legislationDate"] = brief.date
        if issuers:
            item["legislationPassedBy"] = issuers
    elif schema_type == "GovernmentService":
        item["jurisdiction"] = data.get("jurisdiction")
        if issuers:
            item["provider"] = issuers
    elif schema_type == "Event":
        item["startDate"] = brief.date
        item["location"] = {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressCountry": data.get("jurisdiction")},
        }
        if issuers:
            item["organizer"] = issuers
    elif schema_type == "CreativeWork":
        # A source: the work is the article itself, at its own address.
        item.update(
            {
                "url": data.get("url"),
                "headline": data.get("title"),
                "datePublished": str(data.get("published")),
                "publisher": {"@type": "Organization", "name": data.get("publisher")},
            }
        )
        if data.get("language"):
            item["inLanguage"] = data["language"]
    page: dict[str, Any] = {"@type": "WebPage", "@id": page_url, "url": page_url}
    if data.get("as_of"):
        page["dateModified"] = data["as_of"]
    cited = dict.fromkeys(
        link.target for link in graph.outgoing.get(brief.id, []) if link.relation == "citation"
    )
    if cited:
        page["citation"] = [base + graph.briefs[source].url for source in cited]
    item["mainEntityOfPage"] = page
    # A field a brief leaves out is left out, not written as null or "".
    return {key: value for key, value in item.items() if value not in (None, "")}


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
        # '<' escaped so that the JSON is safe inside the theme's script element, and a
        # lone surrogate in JSON's own escape: only JSON can carry one (libyaml, which
        # MkDocs reads front matter with, refuses every form of it).
        text = json.dumps(jsonld, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
        meta["jsonld"] = _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)
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
        return '"' + _ESCAPED.sub(_yaml_escape, value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(item) for item in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{_yaml(str(key))}: {_yaml(value[key])}" for key in sorted(value))
            + "}"
        )
    return json.dumps(value)


# Every character but printable ASCII, and the quote and backslash.
_ESCAPED = re.compile(r'[^\x20-\x7e]|["\\]')


def _yaml_escape(match: re.Match[str]) -> str:
    return _yaml_character(match.group())


def _yaml_character(char: str) -> str:
    # YAML's own escapes (JSON's would write a character outside the first plane as a
    # surrogate pair, which YAML reads as two broken characters).
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        # A lone surrogate has no escape libyaml accepts and no UTF-8 form a page could be
        # written in; the loader refuses them in briefs, so this only guards the writer.
        return "\\ufffd"
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
