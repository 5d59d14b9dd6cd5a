"""Checking one brief file on its own: read, checked against its schema and the rules
for one brief. `pipeline.check` does it for every file (in worker processes, on a big
site) before the graph is resolved; the preview's brief store (preview/briefs.py) does
it for each file an edit touched. Beside the pipeline, below it, so that the preview
need not import the pipeline's later stages to check a brief.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime

from build_hooks.errors import BriefError, Problem
from build_hooks.graph.brief import Brief
from build_hooks.kinds import SCHEMA_NAMES
from build_hooks.limits import MAX_PROBLEMS_PER_FILE
from build_hooks.load.files import BriefFile
from build_hooks.speed.fast_yaml import read_brief
from build_hooks.speed.quick_schema import QuickValidator
from build_hooks.validate.fields import FieldSpecs, derived_relations, field_specs
from build_hooks.validate.rules import brief_problems
from build_hooks.validate.schemas import SchemaSet
from build_hooks.words import count_of


def at_most_per_file(problems: list[Problem]) -> list[Problem]:
    """The first problems of each file, and a count of the rest: a file with thousands of
    the same mistake says so in a few lines (and costs a few lines' work to report)."""
    kept: list[Problem] = []
    seen: collections.Counter[str] = collections.Counter()
    totals = collections.Counter(problem.path for problem in problems)
    for problem in problems:
        seen[problem.path] += 1
        shown = seen[problem.path]
        if shown <= MAX_PROBLEMS_PER_FILE:
            kept.append(problem)
        elif shown == MAX_PROBLEMS_PER_FILE + 1:
            rest = totals[problem.path] - MAX_PROBLEMS_PER_FILE
            kept.append(
                dataclasses.replace(
                    problem,
                    field="",
                    message=(
                        f"and {count_of(rest, 'more problem')} in this file from here on; fix the"
                        " ones above (they are often the same mistake) and check again"
                    ),
                )
            )
    return kept


@dataclasses.dataclass(frozen=True)
class BriefRules:
    """What checking one brief needs (sent whole to worker processes)."""

    validator: QuickValidator
    derived: dict[str, dict[str, str]]
    specs: dict[str, FieldSpecs]
    today: datetime.date

    @classmethod
    def create(cls, schemas: SchemaSet, today: datetime.date | None = None) -> BriefRules:
        """The rules of these schemas, with dates checked against `today` (by default
        the clock's, in UTC)."""
        return cls(
            QuickValidator(schemas),
            derived_relations(schemas),
            {kind: field_specs(schemas, kind) for kind in SCHEMA_NAMES},
            today or clock_today(),
        )


def clock_today() -> datetime.date:
    """Today, in UTC: the day a brief's dates may not be after. (Not SOURCE_DATE_EPOCH,
    which fixes the date pages are built as of: a reproducible build of old briefs must
    not refuse them.)"""
    return datetime.datetime.now(tz=datetime.UTC).date()


def read_and_validate(
    rules: BriefRules, loader: type | None, found: BriefFile, content: bytes | None = None
) -> tuple[Brief | None, list[Problem]]:
    """One brief file (or `content`, its bytes as read already), read and checked against
    its schema and the rules for one brief."""
    try:
        doc = read_brief(
            found.file.read_bytes() if content is None else content, found.path, loader
        )
    except BriefError as error:
        return None, error.problems
    problems = [
        *doc.problems,
        *rules.validator.problems(found.kind, doc, rules.derived.get(found.kind)),
    ]
    # One problem a field: a value the schema refuses is not judged again by the rules.
    refused = {problem.field for problem in problems}
    problems += [
        problem
        for problem in brief_problems(doc, rules.specs[found.kind], rules.today)
        if problem.field not in refused
    ]
    return Brief(found.kind, found.id, found.path, doc), problems
