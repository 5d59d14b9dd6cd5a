"""Rules on one brief that JSON Schema cannot say: limits on the structure of its Markdown,
dates that cannot be in the future, and web addresses that must be public.

Each rule keeps the work one brief causes small (Python-Markdown recurses into nested
lists and emphasis, and numbers repeated footnotes in quadratic time), or keeps a brief
from pointing the site somewhere it must not go. Every problem names the rule's limit and
how to stay within it.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from build_hooks.errors import Problem
from build_hooks.limits import (
    MAX_CITATIONS_PER_PARAGRAPH,
    MAX_CITATIONS_PER_SOURCE,
    MAX_EMPHASIS_MARKERS,
    MAX_LIST_DEPTH,
)
from build_hooks.load.document import Document
from build_hooks.load.positions import FieldPath
from build_hooks.validate.fields import DateField, FieldSpecs, values_at
from build_hooks.validate.mentions import citations

# Names a public web address cannot end in: reserved for tests, examples, local networks
# and private use (RFC 2606, RFC 6761, RFC 6762, RFC 8375, ICANN's .internal).
_PRIVATE_SUFFIXES = (
    "localhost",
    "local",
    "internal",
    "intranet",
    "private",
    "corp",
    "home",
    "lan",
    "test",
    "example",
    "invalid",
    "onion",
    "home.arpa",
    "arpa",
)
_LIST_MARKER = re.compile(r"[-*+](?:\s+|$)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# A line that `_list_depth` could count above 0: indented by four spaces, or starting
# (after spaces) with a list marker. Most paragraphs have none, and skip the count.
_MAY_NEST = re.compile(r"^(?: {4}| *[-*+](?:\s|$))", re.MULTILINE)


def brief_problems(doc: Document, specs: FieldSpecs, today: datetime.date) -> list[Problem]:
    """Every rule's problems with one brief (values of the wrong type are the schema's to
    report, and are skipped here)."""
    return [
        *_markdown_problems(doc, specs),
        *_date_problems(doc, specs, today),
        *_address_problems(doc, specs),
    ]


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) for each paragraph of a Markdown field."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip():
            yield start, text[start : match.start()]
        start = match.end()
    if text[start:].strip():
        yield start, text[start:]


# Markdown structure --------------------------------------------------------------------


def _markdown_problems(doc: Document, specs: FieldSpecs) -> Iterator[Problem]:
    per_source: Counter[str] = Counter()
    first_at: dict[str, FieldPath] = {}
    for pattern in specs.markdown:
        if pattern[0] not in doc.data:
            continue  # most patterns name fields a brief does not have
        for path, text in values_at(doc.data, pattern):
            if not isinstance(text, str):
                continue
            for _, paragraph in paragraphs(text):
                cited = citations(paragraph)
                yield from _paragraph_problems(doc, path, paragraph, len(cited))
                for source in cited:
                    per_source[source] += 1
                    first_at.setdefault(source, path)
    for ref in specs.references:
        if ref.is_citation and ref.pattern[0] in doc.data:
            for path, source in values_at(doc.data, ref.pattern):
                if isinstance(source, str):
                    per_source[source] += 1
                    first_at.setdefault(source, path[:-1])
    for source, count in sorted(per_source.items()):
        if count > MAX_CITATIONS_PER_SOURCE:
            yield doc.problem(
                first_at[source],
                (
                    f"cites the source {source!r} {count} times in this brief; a brief may cite"
                    f" one source at most {MAX_CITATIONS_PER_SOURCE} times, so cite it once for"
                    " the facts of a paragraph rather than after each sentence"
                ),
            )


def _paragraph_problems(
    doc: Document, path: FieldPath, paragraph: str, citations: int
) -> Iterator[Problem]:
    if citations > MAX_CITATIONS_PER_PARAGRAPH:
        yield doc.problem(
            path,
            (
                f"a paragraph cites {citations} sources; the limit is"
                f" {MAX_CITATIONS_PER_PARAGRAPH} a paragraph, so split it or cite fewer, better"
                " sources"
            ),
        )
    markers = paragraph.count("*") + paragraph.count("_")
    if markers > MAX_EMPHASIS_MARKERS:
        yield doc.problem(
            path,
            (
                f"a paragraph has {markers} emphasis markers ('*' or '_'); the limit is"
                f" {MAX_EMPHASIS_MARKERS}: emphasise a few words, or write the characters out"
                " as words"
            ),
        )
    if _MAY_NEST.search(paragraph) is None:
        return  # no line is indented or starts a list: nothing is nested
    for line in paragraph.split("\n"):
        depth = _list_depth(line)
        if depth > MAX_LIST_DEPTH:
            yield doc.problem(
                path,
                (
                    f"a list is nested {depth} levels deep; the limit is {MAX_LIST_DEPTH}, so"
                    " flatten it (a line starting '- - ' is a list inside a list)"
                ),
            )
            break


def _list_depth(line: str) -> int:
    """How deep a line nests lists: its indentation (by four spaces, as Markdown counts)
    and the list markers it starts with."""
    stripped = line.lstrip(" ")
    depth = (len(line) - len(stripped)) // 4
    position = 0
    while (match := _LIST_MARKER.match(stripped, position)) is not None:
        depth += 1
        position = match.end()
    return depth


# Dates -----------------------------------------------------------------------------------


def _date_problems(doc: Document, specs: FieldSpecs, today: datetime.date) -> Iterator[Problem]:
    # A day's grace: a contributor east of UTC may already be on the next day.
    latest = today + datetime.timedelta(days=1)
    for field in specs.dates:
        for path, value in values_at(doc.data, field.pattern):
            start = first_day(value)
            if start is None or start <= latest:
                continue
            owner = _value_at(doc.data, path[:-1])
            allowed = field.future_if is not None and isinstance(owner, dict)
            if allowed and owner.get(field.future_if) is True:
                continue
            yield doc.problem(path, _future_message(str(value), field, specs, today))


def _value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _future_message(value: str, field: DateField, specs: FieldSpecs, today: datetime.date) -> str:
    said = f"{value} is after today ({today.isoformat()})"
    if field.pattern == ("as_of",):
        return (
            f"{said}; as_of is the day you checked the brief against its sources, so give that day"
        )
    if field.future_if is not None:
        return (
            f"{said}; if this is a scheduled event, add '{field.future_if}: true' to the entry,"
            " otherwise correct the date"
        )
    # Only briefs with a timeline have somewhere to put a planned event.
    scheduled = next((f for f in specs.dates if f.future_if is not None), None)
    where = (
        f" (a planned event belongs in the timeline, with '{scheduled.future_if}: true')"
        if scheduled is not None
        else ""
    )
    return f"{said}; this field records a day that has passed, so correct the date{where}"


def first_day(value: Any) -> datetime.date | None:
    """The first day of a date, month (2026-05), quarter (2026-Q2) or year; None if `value`
    is none of those (the schema reports it).

    >>> first_day("2026-Q3"), first_day(2027)
    (datetime.date(2026, 7, 1), datetime.date(2027, 1, 1))
    """
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str):
        return None
    match = _PARTIAL_DATE.fullmatch(text)
    if match is None:
        return None
    year, quarter, month, day = match.group("year", "quarter", "month", "day")
    try:
        if quarter is not None:
            return datetime.date(int(year), 3 * int(quarter) - 2, 1)
        return datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


_PARTIAL_DATE = re.compile(
    r"(?P<year>[0-9]{4})(?:-Q(?P<quarter>[1-4])|-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?"
)


# Web addresses ---------------------------------------------------------------------------


def _address_problems(doc: Document, specs: FieldSpecs) -> Iterator[Problem]:
    for pattern in specs.urls:
        for path, url in values_at(doc.data, pattern):
            why = private_address(url) if isinstance(url, str) else None
            if why is not None:
                yield doc.problem(path, why)


def private_address(url: str) -> str | None:
    """Why `url` is not the address of a public web page, or None if it is one.

    >>> private_address("https://www.aa.com.tr/en/") is None
    True
    >>> private_address("http://169.254.169.254/latest/meta-data/")
    "'169.254.169.254' is an IP address; give the address by the site's name, with https://"
    >>> private_address("https://intranet.corp/x")
    "'intranet.corp' is a private or reserved name, not a public site; cite a page anyone can open"
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return f"{host!r} is an IP address; give the address by the site's name, with https://"
    if host.endswith(_PRIVATE_SUFFIXES) and any(
        host == suffix or host.endswith("." + suffix) for suffix in _PRIVATE_SUFFIXES
    ):
        return (
            f"{host!r} is a private or reserved name, not a public site; cite a page"
            " anyone can open"
        )
    if parts.port is not None:
        return (
            "the address names a port; cite the page at its ordinary https:// address"
            " (without ':' and a number after the site's name)"
        )
    return None
