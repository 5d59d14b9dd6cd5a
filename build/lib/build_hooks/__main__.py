"""`python -m build_hooks …`: the command line."""

from build_hooks.cli import main

main()
