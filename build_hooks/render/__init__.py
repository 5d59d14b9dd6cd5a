"""Stage 4, render: Markdown pages from the resolved graph.

`renderer` lists every generated page and what writes it: `brief_page` (one brief, with
its kind's `sections`), `listings` (the index of each kind, the maintenance list),
`timeline`, `jurisdictions`, `format_reference` (the brief format, from the schemas) and
`markers` (the generated parts of hand-written pages), plus `chart` (an SVG). They share
`context` and write through `templates`, whose environment escapes everything from a
brief (`markdown`) unless it is already Safe; `page` holds one page's links and
numbered citations, `values` formats numbers and sourced values, `links` relative and
outside addresses, `front_matter` the page title and JSON-LD.
"""
