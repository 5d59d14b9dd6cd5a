"""The four kinds of brief, their folders and how the site names them."""

from __future__ import annotations

BRIEF_TYPES: tuple[str, ...] = ("companies", "chips", "policies", "sources")

SINGULAR = {"companies": "company", "chips": "chip", "policies": "policy", "sources": "source"}
TITLES = {"companies": "Companies", "chips": "Chips", "policies": "Policies", "sources": "Sources"}


def count_of(number: int, kind: str) -> str:
    """"1 chip", "2 chips": a number of briefs of one type, in words."""
    return f"{number} {SINGULAR[kind] if number == 1 else kind}"
