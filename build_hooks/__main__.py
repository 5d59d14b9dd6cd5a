"""`python -m build_hooks …`: the command line, with the preview server as its `serve`."""

from pathlib import Path

from build_hooks.cli import main


def serve(root: Path, host: str, port: int) -> None:
    # Imported when asked for: the other commands need none of MkDocs or the watcher.
    from build_hooks.preview_site import serve as run

    run(root, host, port)


main(obj=serve)
