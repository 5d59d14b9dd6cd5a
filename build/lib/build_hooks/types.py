"""The four kinds of brief, their folders and how the site names them."""

from __future__ import annotations

BRIEF_TYPES: tuple[str, ...] = ("companies", "chips", "policies", "sources")

SINGULAR = {"companies": "company", "chips": "chip", "policies": "policy", "sources": "source"}
TITLES = {"companies": "Companies", "chips": "Chips", "policies": "Policies", "sources": "Sources"}
