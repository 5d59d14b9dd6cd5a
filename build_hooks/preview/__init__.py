"""The preview: a site kept up to date between edits without MkDocs (engine.py and what it
uses), the web server and the file watcher. preview_site.py is its MkDocs side, and makes
the site plans the engine writes from (see site_plan.py)."""
