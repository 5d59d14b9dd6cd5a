"""The glossary: terms from `briefs/glossary.yaml`, checked, and found in brief text.

A term is marked wherever one of its forms (the term, or an alias) appears in brief text as
a whole word, in exactly the case written: "BIS" is the Bureau of Industry and Security,
"bis" is not. Two entries may not share a form, or the same anchor on the glossary page.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from build_hooks.errors import Problem
from build_hooks.graph.brief import Brief


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

        >>> glossary = Glossary([Term("BIS", None, (), "", 0), Term("Entity List", None, (), "", 1)])
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


def read_glossary(brief: Brief | None) -> tuple[Glossary, list[Problem]]:
    """The glossary in a checked file (schema problems are reported elsewhere, and their
    entries skipped), and the problems only the whole list shows: a form used twice."""
    if brief is None:
        return Glossary([]), []
    items = brief.data.get("terms")
    terms: list[Term] = []
    problems: list[Problem] = []
    seen_forms: dict[str, tuple[Term, str]] = {}
    seen_anchors: dict[str, Term] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not _is_term(item):
            continue
        term = Term(
            item["term"],
            item.get("expansion"),
            tuple(item.get("aliases") or ()),
            item["definition"],
            index,
        )
        other = seen_anchors.get(term.anchor)
        if other is not None:
            line = brief.doc.span(("terms", other.index, "term")).line
            problems.append(
                brief.doc.problem(
                    ("terms", index, "term"),
                    (
                        f"the term {term.term!r} is already defined at line {line}"
                        f" ({other.term!r}); merge the two entries into one"
                    ),
                )
            )
            continue
        seen_anchors[term.anchor] = term
        clash = False
        for form_index, form in enumerate((term.term, *term.aliases)):
            owner = seen_forms.get(form)
            if owner is None:
                continue
            where = ("terms", index, "term") if form_index == 0 else ("terms", index, "aliases")
            line = brief.doc.span(("terms", owner[0].index, owner[1])).line
            problems.append(
                brief.doc.problem(
                    where if form_index == 0 else (*where, form_index - 1),
                    (
                        f"{form!r} is already a form of the term {owner[0].term!r} (line"
                        f" {line}); a form can stand for one term only, so remove it here"
                        " or there"
                    ),
                )
            )
            clash = True
        if clash:
            continue
        for form_index, form in enumerate((term.term, *term.aliases)):
            seen_forms[form] = (term, "term" if form_index == 0 else "aliases")
        terms.append(term)
    return Glossary(terms, brief.path), problems


def _is_term(item: object) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("term"), str)
        and isinstance(item.get("definition"), str)
        and isinstance(item.get("aliases", []), list)
        and all(isinstance(alias, str) for alias in item.get("aliases", []))
        and isinstance(item.get("expansion", ""), str)
    )
