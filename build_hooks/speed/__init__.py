"""Speed, fenced off: everything that makes a big site fast, and nothing else.

The stages (load, validate, graph, render, site) are written plainly and never import
this package; `pipeline.py` puts these faster equivalents in their place (and
`mkdocs_hook.py` the four that only a build needs, so that `check` never loads them:
`inline_patterns`, `search_sections`, `search_documents` and `language_marks`):

- `fast_yaml.read_brief`: `load.reader.read_brief` at the C parser's speed for ordinary
  briefs (positions worked out later, only for briefs with a problem);
- `quick_schema.QuickValidator`: `validate.validator.Validator` behind a compiled yes/no
  check, so python-jsonschema only sees briefs that are wrong (the check's Python code
  compiled once and kept on disk by `code_cache`);
- `processes`: forked worker processes for loading thousands of briefs, and helpers that
  write pages, data files and sanitised HTML while MkDocs works (Linux, one thread only);
- `site_build.SiteBuild`: the site written page by page just ahead of MkDocs, with HTML
  sanitised in the helpers (`sanitiser`);
- `inline_patterns.QuickInlinePatterns`: Python-Markdown's inline pass, skipping the
  searches for patterns whose characters a text lacks (added to every conversion);
- `search_sections.search_sections`: Material's search parser for the sanitised HTML of a
  page, at about three times its speed (the same sections; other HTML left to Material);
- `language_marks.mark_languages`: Chinese text marked with its language, passing over
  the tags and text that need nothing in one step of a regular expression;
- `memory`: the cycle collector kept off objects that cannot form cycles;
- `verdicts.conversion_error`: `site.dry_run.conversion_error` remembered by page text,
  so checking again converts only the pages that changed.

Each gives exactly the result of the plain code, and a test holds it to that:
tests/test_speed.py, and for the parts with tests of their own, tests/test_quick_inline.py,
tests/test_search_sections.py and tests/test_language_marks.py.
"""
