"""The preview's read tracking: every way a page can read a brief, the briefs, the kinds,
the links or a derived list is recorded under the key an edit invalidates. A read that
went unrecorded would leave a page stale after an edit, so each way is tried here."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import pytest

from build_hooks.preview.tracking import (
    ALL,
    EVERY_FIELD,
    EXISTS,
    LINKS,
    MEMBERS,
    OUTGOING,
    TIMELINE,
    TrackedData,
    TrackedGraph,
    TrackedList,
    recording,
    unrecorded,
)

Read = Callable[[Any], object]

ONE_FIELD: list[Read] = [lambda d: d["name"], lambda d: d.get("name"), lambda d: "name" in d]
WHOLE: list[Read] = [
    list,
    len,
    lambda d: d.keys(),
    lambda d: list(d.values()),
    lambda d: list(d.items()),
    lambda d: d == {"name": "X100"},
    lambda d: d.copy(),
]


def reads(read: Read, target: object) -> set[Any]:
    with recording() as found:
        read(target)
    return found


@pytest.mark.parametrize("read", ONE_FIELD)
def test_reading_a_field_records_that_field(read: Read) -> None:
    data = TrackedData("x100", {"name": "X100", "summary": "…"})
    assert reads(read, data) == {("x100", "name")}


@pytest.mark.parametrize("read", WHOLE)
def test_reading_the_whole_brief_records_every_field(read: Read) -> None:
    data = TrackedData("x100", {"name": "X100"})
    assert reads(read, data) == {("x100", EVERY_FIELD)}


def test_brief_data_goes_to_a_worker_as_the_plain_dict_it_stands_for() -> None:
    data = TrackedData("x100", {"name": "X100"})
    copy = pickle.loads(pickle.dumps(data))
    assert type(copy) is dict and copy == {"name": "X100"}


def test_nothing_is_recorded_outside_a_page_or_while_paused() -> None:
    data = TrackedData("x100", {"name": "X100"})
    assert data["name"] == "X100" and len(data) == 1  # no recording: no error, no record
    with recording() as found:
        assert unrecorded(lambda: data["name"]) == "X100"
    assert found == set()


def graph() -> TrackedGraph:
    return TrackedGraph(
        briefs={"x100": "brief"},  # type: ignore[dict-item]
        kinds={"chips": ["brief"]},  # type: ignore[list-item]
        outgoing={"x100": ["link"]},  # type: ignore[list-item]
        incoming={},
        bits={},
    )


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        (lambda g: g.briefs["x100"], {("x100", EXISTS)}),
        (lambda g: g.briefs.get("nope"), {("nope", EXISTS)}),
        (lambda g: "x100" in g.briefs, {("x100", EXISTS)}),
        (lambda g: list(g.briefs), {(MEMBERS, ALL)}),
        (lambda g: len(g.briefs), {(MEMBERS, ALL)}),
        (lambda g: g.briefs.keys(), {(MEMBERS, ALL)}),
        (lambda g: list(g.briefs.values()), {(MEMBERS, ALL)}),
        (lambda g: list(g.briefs.items()), {(MEMBERS, ALL)}),
        (lambda g: g.kinds["chips"], {(MEMBERS, "chips")}),
        (lambda g: g.kinds.get("chips"), {(MEMBERS, "chips")}),
        (lambda g: list(g.kinds.values()), {(MEMBERS, ALL)}),
        (lambda g: list(g.kinds.items()), {(MEMBERS, ALL)}),
        (lambda g: list(g.kinds), set()),  # the kinds themselves never change
        (lambda g: g.outgoing["x100"], {(OUTGOING, "x100")}),
        (lambda g: g.outgoing.get("x100"), {(OUTGOING, "x100")}),
        (lambda g: "x100" in g.outgoing, {(OUTGOING, "x100")}),
        (lambda g: list(g.outgoing), {(LINKS, ALL)}),
        (lambda g: list(g.outgoing.values()), {(LINKS, ALL)}),
        (lambda g: list(g.outgoing.items()), {(LINKS, ALL)}),
    ],
)
def test_reading_the_graph_records_what_an_edit_would_change(
    read: Read, expected: set[Any]
) -> None:
    assert reads(read, graph()) == expected


@pytest.mark.parametrize(
    "read", [list, len, lambda items: items[0], bool], ids=["iter", "len", "index", "bool"]
)
def test_reading_a_derived_list_in_any_way_records_its_key(read: Read) -> None:
    due = TrackedList(TIMELINE, ["entry"])
    assert reads(read, due) == {TIMELINE}
