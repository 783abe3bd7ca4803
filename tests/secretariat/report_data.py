"""Inputs of the compiled-report tests: the v1 questionnaire, the registry, demo snapshots."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from exports.report.build import build_report
from questionnaire.loader import load_definition
from questionnaire.report_model import (
    ReportOptions,
    SnapshotEntry,
    StateEntry,
    build_report_model,
)
from tests.exports.pdf_inspect import pdftotext_pages
from web.cli.demo_answers import context_for, demo_answers

ROOT = Path(__file__).resolve().parents[2]
DEFINITION = load_definition(ROOT / "questionnaire" / "definitions" / "res-12-4" / "v1.yaml")
REGISTRY = json.loads((ROOT / "models" / "data" / "states.json").read_text(encoding="utf-8"))
STATES = [StateEntry(s["iso3"], s["names"], s.get("regional_group"),
                     (s.get("party") or {}).get("status", "non_party"), s["type"])
          for s in REGISTRY]
BY_CODE = {state.iso3: state for state in STATES}
CUTOFF = datetime(2026, 4, 1, tzinfo=UTC)
ISSUED = date(2026, 12, 3)
MEETING = {"meeting_place": "Vienna", "meeting_start": date(2027, 2, 24),
           "meeting_end": date(2027, 2, 26), "agenda_item": "2",
           "agenda_title": "Stock-taking of the application of the Convention"}


def snapshots(codes: tuple[str, ...], extra: dict[str, dict[str, Any]] | None = None
              ) -> list[SnapshotEntry]:
    """Complete demo answers for ``codes`` (``extra``: answers to set, by State)."""
    items = []
    for number, iso3 in enumerate(codes, start=1):
        context = context_for(iso3, BY_CODE[iso3].group, 21)
        answers = {**demo_answers(DEFINITION, context), **(extra or {}).get(iso3, {})}
        items.append(SnapshotEntry(iso3, number, f"{number:064x}",
                                   datetime(2026, 3, number, tzinfo=UTC), number % 2 == 0,
                                   answers, context.lang))
    return items


def model(codes: tuple[str, ...], *, lang: str = "en", extra=None, **options: Any
          ) -> dict[str, Any]:
    options = {"cutoff": CUTOFF, "issued": ISSUED, **options}
    return build_report_model(DEFINITION, snapshots(codes, extra), STATES,
                              [s.iso3 for s in STATES], ReportOptions(lang=lang, **options))


def build(report_model: dict[str, Any], cache_dir) -> tuple[Any, list[str]]:
    """The built report and its pages' text (poppler), whitespace folded."""
    result = build_report(report_model, cache_dir=cache_dir)
    pages = [" ".join(page.split()) for page in pdftotext_pages(result.pdf)]
    assert len(pages) == len(PdfReader(BytesIO(result.pdf)).pages)
    return result, pages


# The anonymous report of tests/secretariat/test_report_anonymity.py: Iran is the only
# signatory and the only Asia-Pacific respondent; Kenya's quote names a State, the others' not.
ANONYMOUS_RESPONDENTS = ("KEN", "NGA", "GHA", "MEX", "BRA", "ARG", "IRN")
ANONYMOUS_SYMBOL = "CTOC/COP/WG.12/2027/2"
QUOTED = "op1.leg.challenges"
NAMING = "The courts of the Islamic Republic of Iran and of Iran's provinces lack experts."
NEUTRAL = "Judges would welcome training on the valuation of environmental damage."


def anonymous_model(lang: str) -> dict[str, Any]:
    return model(ANONYMOUS_RESPONDENTS, lang=lang, anonymous=True, symbol=ANONYMOUS_SYMBOL,
                 extra={**{code: {QUOTED: NEUTRAL} for code in ANONYMOUS_RESPONDENTS},
                        "KEN": {QUOTED: NAMING}}, **MEETING)
