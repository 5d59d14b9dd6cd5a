"""AI Chip Policy Briefs: YAML briefs to a cross-linked static site.

The packages are the pipeline's stages, in order:

    load → validate → graph → render → site

`pipeline.py` runs them; `cli.py` (the command line) and `mkdocs_hook.py` (the MkDocs
build hook) are thin faces over it, and only the hook imports MkDocs. `speed/` holds
what makes big sites fast, fenced off from the stages; `contribute/` the tools that write
briefs. Shared by all: `errors.py` (problems with file, line and column), `kinds.py` (the
kinds of brief), `paths.py` (where pages go), `limits.py`, `options.py`, `words.py`.
ARCHITECTURE.md walks through it.
"""

__version__ = "0.1.0"
