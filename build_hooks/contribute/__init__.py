"""Tools for contributors beyond `check`: `scaffold` writes a new brief (`new`)."""
