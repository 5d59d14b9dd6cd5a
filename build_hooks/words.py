"""Numbers of things in words, the one place that knows English plurals."""

from __future__ import annotations


def count_of(number: int, singular: str, plural: str | None = None) -> str:
    """'1 chip', '2 chips', '3 policies': a number and the noun that agrees with it.

    >>> count_of(1, "chip"), count_of(2, "chip"), count_of(0, "policy", "policies")
    ('1 chip', '2 chips', '0 policies')
    """
    return f"{number} {noun(number, singular, plural)}"


def noun(number: int, singular: str, plural: str | None = None) -> str:
    """The noun alone, agreeing with `number` ('policy' or 'policies').

    >>> noun(1, "brief is", "briefs are"), noun(3, "process", "processes")
    ('brief is', 'processes')
    """
    if number == 1:
        return singular
    return plural if plural is not None else singular + "s"


def summary_line(count: int) -> str:
    """The line that ends a list of problems.

    >>> summary_line(1)
    '1 problem found; fix them and run the check again.'
    """
    return f"{count_of(count, 'problem')} found; fix them and run the check again."
