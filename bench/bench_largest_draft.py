"""Benchmark: the largest valid draft's submission PDF (every question at its maximum length
and row count, ``questionnaire.largest``), against the time limit the job worker gives it.

Run: .venv/bin/python -m bench.bench_largest_draft [--lang en]

Prints the answers' size, the HTML's size, the time limit (``services.pdf_jobs.time_limit``
with the default floor), the render time in process and its ratio to the limit, and pages.
"""

from __future__ import annotations

import argparse
import io
import json
import time
from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader

from exports.i18n import text_direction
from exports.pdf import render_pdf
from exports.submission_pdf import submission_html, submission_metadata
from questionnaire.largest import largest_answers
from questionnaire.loader import load_definition
from questionnaire.numbering import question_numbers
from services.pdf_jobs import time_limit
from services.submission_pdf_data import section_data

DEFINITION = Path(__file__).resolve().parent.parent / "questionnaire" / "definitions" / \
    "res-12-4" / "v1.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en")
    lang = parser.parse_args().lang
    definition = load_definition(DEFINITION)
    values = largest_answers(definition)
    relevant = definition.relevant_keys(values)
    numbers = question_numbers(definition)
    data = {"lang": lang, "dir": text_direction(lang),
            "state": {"iso3": "KEN", "name": "Kenya"},
            "cycle": {"name": "2026", "deadline": date(2026, 12, 31)},
            "questionnaire": {"id": definition.id, "version": definition.version,
                              "title": definition.title.get(lang)},
            "workflow_state": "in_progress", "workflow_state_label": "In progress",
            "is_draft": True, "snapshot": None, "certified_by": None,
            "generated_at": datetime(2026, 12, 3),
            "sections": [section_data(s, shown, values, lang, numbers=numbers, number=index)
                         for index, s in enumerate(definition.sections, start=1)
                         if (shown := [q for q in s.questions if q.key in relevant])]}
    html = submission_html(data)
    limit = time_limit(html, 60)
    start = time.perf_counter()
    pdf = render_pdf(html, lang=lang, metadata=submission_metadata(data))
    seconds = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"answers {len(values)} questions, {len(json.dumps(values)) / 1e6:.1f} MB JSON; "
          f"HTML {len(html) / 1e6:.1f} M characters")
    print(f"render {seconds:.0f} s, {pages} pages, {len(pdf) // 1024} KiB; limit {limit:.0f} s; "
          f"ratio to the limit {seconds / limit:.2f}")


if __name__ == "__main__":
    main()
