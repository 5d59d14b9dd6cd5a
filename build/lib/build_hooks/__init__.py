"""AI Chip Policy Briefs: YAML briefs to a cross-linked static site.

The core (loader, schema, graph, render, pipeline) never imports MkDocs; the MkDocs hook
in mkdocs_hook.py and the command line in cli.py are thin faces over it.
"""

__version__ = "0.1.0"
