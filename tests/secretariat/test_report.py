"""The compiled report built from a small dataset: read back with pypdf."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from pypdf import PdfReader

from exports.report.build import build_report
from questionnaire.aggregate import Respondent, aggregate
from questionnaire.loader import load_definition
from questionnaire.report_model import (
    ReportOptions,
    SnapshotEntry,
    StateEntry,
    build_report_model,
)
from tests.exports.pdf_inspect import fonts
from web.cli.demo_answers import context_for, demo_answers

ROOT = Path(__file__).resolve().parents[2]
DEFINITION = load_definition(ROOT / "questionnaire" / "definitions" / "res-12-4" / "v1.yaml")
REGISTRY = json.loads((ROOT / "models" / "data" / "states.json").read_text(encoding="utf-8"))
STATES = [StateEntry(s["iso3"], s["names"], s.get("regional_group"),
                     (s.get("party") or {}).get("status", "non_party")) for s in REGISTRY]
BY_CODE = {state.iso3: state for state in STATES}
RESPONDENTS = ("KEN", "MEX", "NOR", "JPN")
CUTOFF = datetime(2026, 4, 1, tzinfo=UTC)
HEADINGS = ("(mandate (a))", "(mandate (b))", "(mandate (c))",
            "V. Technical assistance and funding")

pytestmark = pytest.mark.slow


def _snapshots() -> list[SnapshotEntry]:
    items = []
    for number, iso3 in enumerate(RESPONDENTS, start=1):
        answers = demo_answers(DEFINITION, context_for(iso3, BY_CODE[iso3].group, 21))
        items.append(SnapshotEntry(iso3, number, f"{number:064x}",
                                   datetime(2026, 3, number, tzinfo=UTC), number % 2 == 0,
                                   answers))
    return items


def _build(tmp_path_factory, anonymous: bool):
    snapshots = _snapshots()
    model = build_report_model(DEFINITION, snapshots, STATES, [s.iso3 for s in STATES],
                               ReportOptions(lang="en", anonymous=anonymous, cutoff=CUTOFF,
                                             symbol="CTOC/COP/WG.5/2026/2"))
    progress = []
    result = build_report(model, cache_dir=tmp_path_factory.mktemp("cache"),
                          progress=lambda done, total: progress.append((done, total)))
    reader = PdfReader(BytesIO(result.pdf))
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    return result, pages, progress, snapshots


@pytest.fixture(scope="module")
def named(tmp_path_factory):
    return _build(tmp_path_factory, anonymous=False)


@pytest.fixture(scope="module")
def anonymous(tmp_path_factory):
    return _build(tmp_path_factory, anonymous=True)


def test_document_header_toc_and_page_numbers(named):
    result, pages, progress, _snapshots = named
    assert result.pages == len(pages)
    front = pages[0]
    for text in ("CTOC/COP/WG.5/2026/2", "Distr.: General", "Original: English", "Contents"):
        assert text in front
    assert f"Page 1 of {len(pages)}" in front
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    # Every page its own number, also inside parts of several pages.
    assert [f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, 1)] == \
        [True] * len(pages)
    # The contents give the page on which each chapter starts.
    match = re.search(r"Annex I\. States that answered the questionnaire (\d+)", front)
    assert match, front
    assert "Annex I. States that answered the questionnaire" in pages[int(match.group(1)) - 1]
    assert progress[-1] == (result.parts_total, result.parts_total)
    assert [done for done, _total in progress] == sorted(done for done, _total in progress)


def test_mandate_headings_come_in_order(named):
    _result, pages, _progress, _snapshots = named
    body = " ".join(pages[1:])
    positions = [body.find(heading) for heading in HEADINGS]
    assert all(position >= 0 for position in positions), positions
    assert positions == sorted(positions)


def test_respondents_are_listed(named):
    _result, pages, _progress, _snapshots = named
    body = " ".join(pages)
    for iso3 in RESPONDENTS:
        assert BY_CODE[iso3].name("en") in body
    assert "4 of the 198 States invited had submitted answers" in body


def test_numbers_equal_the_aggregation(named):
    _result, pages, _progress, snapshots = named
    respondents = [Respondent(s.iso3, BY_CODE[s.iso3].group, "party", s.answers)
                   for s in snapshots]
    results = aggregate(DEFINITION, respondents, "en")
    body = " ".join(pages[1:])
    for key in ("op5.protocol.view", "op1.leg.serious_crime", "ta.funding.given"):
        label = DEFINITION.question(key).label.get("en")
        start = body.find(label)
        assert start >= 0, key
        paragraph = body[start:start + 1500]
        item = results[key]
        assert f"{item.answered} of 4 responding States answered this question" in paragraph
        for row in item.summary["rows"]:
            percent = format_decimal(row["percent"], locale="en")
            expected = f"{row['label']} {row['count']} {percent}%"
            assert expected in paragraph, (key, expected, paragraph)


def test_anonymous_report_names_no_state_outside_the_respondent_list(anonymous):
    _result, pages, _progress, _snapshots = anonymous
    respondent_names = {BY_CODE[iso3].name("en") for iso3 in RESPONDENTS}
    others = [s.name("en") for s in STATES if s.iso3 not in RESPONDENTS]
    first = next(i for i, page in enumerate(pages)
                 if i > 0 and "Annex I. States that answered the questionnaire" in page)
    after = next(i for i, page in enumerate(pages) if i > 0 and "Annex II. " in page)
    annex = range(first, after)  # the respondent list, one piece per regional group
    assert annex, "the respondent list is missing"
    for index, page in enumerate(pages):
        for name in others:
            assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", page), (index, name)
        if index not in annex:
            for name in respondent_names:
                assert name not in page, (index, name)
    assert all(name in " ".join(pages[i] for i in annex) for name in respondent_names)
    assert "R-01" in " ".join(pages)


def test_unchanged_parts_come_from_the_cache(tmp_path):
    snapshots = _snapshots()[:1]
    model = build_report_model(DEFINITION, snapshots, STATES, ["KEN"],
                               ReportOptions(lang="fr", cutoff=CUTOFF))
    first = build_report(model, cache_dir=tmp_path)
    again = build_report(model, cache_dir=tmp_path)
    assert first.parts_rendered > 0 and again.parts_rendered == 0
    assert again.parts_cached >= again.parts_total - 2
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(again.pdf)).pages)
    assert "Kenya" in text and "CTOC/COP/WG.x/2026/n" in text
    # The bookmarks are plain text: "l'environnement", not "l&#39;environnement".
    titles = [item.title for item in PdfReader(BytesIO(again.pdf)).outline
              if not isinstance(item, list)]
    assert any("l'environnement" in title for title in titles), titles
    assert not any("&#" in title or "&amp;" in title for title in titles), titles


@pytest.mark.parametrize(("lang", "face"), [("zh", "EnvSAQ-CJK-SC"), ("ar", "EnvSAQ-Naskh")])
def test_parts_render_with_the_bundled_fonts(tmp_path, lang, face):
    """The parts' stylesheet (parsed once per worker) brings the bundled fonts: every font
    in the report is one of them, embedded and subsetted."""
    model = build_report_model(DEFINITION, _snapshots()[:2], STATES, ["KEN", "MEX"],
                               ReportOptions(lang=lang, cutoff=CUTOFF))
    used = fonts(build_report(model, cache_dir=tmp_path).pdf)
    assert any(face in font.name for font in used), used
    assert all("EnvSAQ-" in font.name and font.embedded and font.subsetted for font in used), used


def test_anonymous_profiles_follow_their_labels_and_hide_their_submission():
    """Profiles in name order, or with the submission number and date Annex I prints beside
    each name, would tell which State each label stands for."""
    model = build_report_model(DEFINITION, _snapshots(), STATES, [s.iso3 for s in STATES],
                               ReportOptions(lang="en", anonymous=True, cutoff=CUTOFF))
    profiles = model["profiles"]
    labels = [p["label"] for p in profiles]  # given by regional group, then scrambled
    assert labels == sorted(labels)
    assert all(p["number"] is None and p["submitted_at"] is None and p["accepted"] is None
               for p in profiles)
