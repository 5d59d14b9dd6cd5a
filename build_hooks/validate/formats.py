"""The JSON Schema formats the briefs use, one implementation for both validators.

python-jsonschema (the detailed messages) and fastjsonschema (the quick yes or no) are
given these same functions, so they cannot disagree about a date or a web address. They
follow python-jsonschema's own checks for draft 7.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from rfc3986_validator import validate_rfc3986

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def is_date(value: object) -> bool:
    """
    >>> is_date("2026-01-23"), is_date("2023-02-30"), is_date("2026-1-23")
    (True, False, False)
    """
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_uri(value: object) -> bool:
    """
    >>> is_uri("https://www.aa.com.tr/en/"), is_uri("not a url")
    (True, False)
    """
    return not isinstance(value, str) or bool(validate_rfc3986(value, rule="URI"))


FORMATS: dict[str, Callable[[Any], bool]] = {"date": is_date, "uri": is_uri}


def format_checker() -> Any:
    """A python-jsonschema FormatChecker with exactly these formats."""
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name, function in FORMATS.items():
        checker.checks(name)(function)
    return checker
