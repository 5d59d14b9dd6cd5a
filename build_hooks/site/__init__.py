"""Stage 5, site: what the briefs add to the built site.

`plan` is a checked site: every page and file it will have and what writes each;
`data_files` writes briefs.json and the CSVs, `feed` the Atom feed; `sanitise` passes
every page's HTML through an allowlist, the last line of defence behind escaping.
"""
