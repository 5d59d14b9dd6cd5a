"""Stage 3, graph: every brief at once, resolved.

`brief` is one loaded brief; `resolve` checks every reference, mention and citation and
turns them into links (reporting each that names no brief, or a loop); `graph` holds the
result with links in both directions; `mentions` finds `[[id]]` and `[^id]` in text;
`thresholds` computes what briefs imply (a chip's TPP, whether it meets a rule).
"""
