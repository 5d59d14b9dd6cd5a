"""Glossary terms in brief text, marked so that a reader sees their definitions.

Each occurrence becomes

    <abbr class="glossary" tabindex="0" aria-describedby="glossary-3">TPP<span
    class="glossary-tip" id="glossary-3" role="tooltip" data-search-exclude>…</span></abbr>

The definition is a child of the term, so that docs/stylesheets/briefs.css can show it on
hover and on keyboard focus (a tap focuses it on a touch screen) without a script, and the
pointer can move onto it; it is hidden otherwise, read out by screen readers as the term's
description, and left out of the search index. Only text between mentions is marked (a
link never contains the markup), and only brief text: never headings or code.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from build_hooks.graph.glossary import Glossary, Term
from build_hooks.render.markdown import escape_text
from build_hooks.validate.mentions import scan

_TIPS: weakref.WeakKeyDictionary[Glossary, dict[str, str]] = weakref.WeakKeyDictionary()


NameOf = Callable[[str], str]
"""A brief's name from its id: a definition's mentions are shown as names."""


def mark_terms(glossary: Glossary, name_of: NameOf, text: str, marked: int) -> tuple[str, int]:
    """Escaped Markdown `text` with every glossary term marked; `marked` counts the terms
    marked on the page so far (their ids are numbered from it), and the new count is
    returned with the text."""
    pieces: list[str] = []
    position = 0
    for start, end, term in glossary.find(text):
        marked += 1
        tip = f"glossary-{marked}"
        pieces.append(text[position:start])
        pieces.append(
            f'<abbr class="glossary" tabindex="0" aria-describedby="{tip}">{text[start:end]}'
            f'<span class="glossary-tip" id="{tip}" role="tooltip" data-search-exclude>'
            f"{tip_text(glossary, name_of, term)}</span></abbr>"
        )
        position = end
    pieces.append(text[position:])
    return "".join(pieces), marked


def tip_text(glossary: Glossary, name_of: NameOf, term: Term) -> str:
    """A term's definition as escaped plain text: the term, what it stands for, and its
    definition with mentions as names and without citations."""
    tips = _TIPS.setdefault(glossary, {})
    if term.term not in tips:
        heading = term.term + (f" ({term.expansion})" if term.expansion else "")
        tips[term.term] = escape_text(f"{heading}: {plain_definition(name_of, term)}")
    return tips[term.term]


def plain_definition(name_of: NameOf, term: Term) -> str:
    """A definition as plain words: mentions become names, citations and emphasis go.

    (The glossary page shows it with its citations.)"""
    pieces, position = [], 0
    text = term.definition
    for token in scan(text):
        pieces.append(text[position : token.offset])
        if token.kind == "mention":
            pieces.append(token.label or name_of(token.target))
        position = token.offset + len(token.text)
    pieces.append(text[position:])
    words = " ".join("".join(pieces).split())
    return words.replace("**", "").replace("*", "")
