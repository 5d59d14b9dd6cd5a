"""The glossary page: every term of briefs/glossary.yaml, alphabetically, with what it
stands for and its definition, cited. (render/glossary_marks.py shows the definitions
wherever a term appears in brief text.)"""

from __future__ import annotations

from build_hooks import paths
from build_hooks.kinds import GLOSSARY_FILE
from build_hooks.render.context import RenderContext
from build_hooks.render.front_matter import front_matter
from build_hooks.render.links import outside_url
from build_hooks.render.markdown import Safe, escape_text
from build_hooks.render.page import PageContext


def glossary_page(context: RenderContext) -> str:
    glossary = context.graph.glossary
    # The page defines the terms: marking them here would repeat each definition.
    page = PageContext(context.graph, paths.GLOSSARY, glossary=False)
    entries = [(term, page.prose(term.definition)) for term in glossary.terms]
    edit_base = context.options.edit_base
    edit_link = None
    if edit_base and glossary.path:
        url = outside_url(f"{edit_base.rstrip('/')}/{glossary.path}")
        edit_link = Safe(f"[Edit the glossary]({url}) (`{glossary.path}`).")
    return front_matter(title="Glossary") + context.env.get_template("glossary.md.j2").render(
        page=page,
        entries=entries,
        index=Safe(" · ".join(f"[{escape_text(t.term)}](#{t.anchor})" for t, _ in entries)),
        file=f"briefs/{GLOSSARY_FILE}",
        edit_link=edit_link,
    )
