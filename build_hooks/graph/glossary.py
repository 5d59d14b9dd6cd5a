"""The glossary: terms from `briefs/glossary.yaml`, checked, and found in brief text.

A term is marked wherever one of its forms (the term, or an alias) appears in brief text as
a whole word, in exactly the case written: "BIS" is the Bureau of Industry and Security,
"bis" is not. Two entries may not share a form, or the same anchor on the glossary page.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator


@dataclasses.dataclass(frozen=True)
class Term:
    """One glossary entry."""

    term: str
    expansion: str | None
    aliases: tuple[str, ...]
    definition: str
    """Markdown, with mentions and citations."""
    index: int
    """Its place in the file (`terms[index]`), for messages."""

    @property
    def anchor(self) -> str:
        """Its heading id on the glossary page: 'Entity List' -> 'entity-list'.

        >>> Term("3A090", None, (), "", 0).anchor
        'term-3a090'
        """
        return "term-" + "-".join(re.findall(r"[a-z0-9]+", self.term.lower()))


class Glossary:
    """Every term, alphabetically, and a way to find their forms in text."""

    def __init__(self, terms: list[Term], path: str = "") -> None:
        self.terms = sorted(terms, key=lambda t: (t.term.casefold(), t.term))
        self.path = path
        """The file the terms come from ('' when there is none)."""
        by_form = {form: term for term in self.terms for form in (term.term, *term.aliases)}
        forms = sorted(by_form, key=lambda form: (-len(form), form))
        self._by_group = {f"f{index}": by_form[form] for index, form in enumerate(forms)}
        self._pattern = _pattern(forms) if forms else None

    def __bool__(self) -> bool:
        return bool(self.terms)

    def find(self, text: str) -> Iterator[tuple[int, int, Term]]:
        """(start, end, term) for every form of a term in `text`, left to right, longest
        first where forms overlap.

        >>> terms = [Term("BIS", None, (), "", 0), Term("Entity List", None, (), "", 1)]
        >>> glossary = Glossary(terms)
        >>> [(text[s:e], t.term) for text in ["BIS's Entity\\nList, not bis or BISON"]
        ...  for s, e, t in glossary.find(text)]
        [('BIS', 'BIS'), ('Entity\\nList', 'Entity List')]
        """
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            yield match.start(), match.end(), self._by_group[str(match.lastgroup)]


def _pattern(forms: list[str]) -> re.Pattern[str]:
    """One pattern for `forms` (longest first), group `f<n>` for the n-th, each a whole
    word: not inside a longer word, nor after '&', '#' or a backslash (escaped Markdown),
    and a form ending in a digit not followed by another (3A090 is not 3A0901; HBM is in
    HBM3e)."""
    groups = []
    for index, form in enumerate(forms):
        words = r"\s+".join(re.escape(word) for word in form.split())
        after = r"(?![A-Za-z0-9_])" if form[-1].isdigit() else r"(?![A-Za-z_])"
        groups.append(f"(?P<f{index}>{words}){after}")
    return re.compile(r"(?<![A-Za-z0-9_&#\\])(?:" + "|".join(groups) + ")")
