"""Reading the checked glossary file into a Glossary, with the problems only the whole
list shows: a term defined twice, or a form standing for two terms."""

from __future__ import annotations

from build_hooks.errors import Problem
from build_hooks.graph.brief import Brief
from build_hooks.graph.glossary import Glossary, Term


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
