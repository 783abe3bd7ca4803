"""Example answers (demo data, tests, benchmarks) that a reader finds plausible (UX review Q5)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from questionnaire.fields.base import field_type_for
from questionnaire.fields.examples import ExampleContext
from questionnaire.fields.statistics import NOT_KNOWN
from questionnaire.loader import load_definition

DEFINITIONS = sorted((Path("questionnaire") / "definitions" / "res-12-4").glob("v*.yaml"))


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.stem)
def test_later_statistics_never_exceed_earlier_ones(path: Path):
    """Convictions are not above prosecutions, in every row of every statistics table."""
    definition = load_definition(path)
    tables = [q for q in definition.questions if q.type == "statistics"]
    assert tables
    for seed in range(40):
        context = ExampleContext(random.Random(seed))
        for question in tables:
            for year, row in field_type_for(question).example(context).items():
                known = [v for v in row.values() if v != NOT_KNOWN]
                assert known == sorted(known, reverse=True), (question.key, year, row)
