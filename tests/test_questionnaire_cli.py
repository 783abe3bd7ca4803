"""``flask questionnaire``: validate, publish (immutable) and the paragraph matrix."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import select

from models import QuestionnaireVersion, db
from services.definitions import DEFAULT_DEFINITION, definition_of

SHIPPED = str(DEFAULT_DEFINITION)


def test_validate_the_shipped_definition(runner):
    result = runner.invoke(args=["questionnaire", "validate", SHIPPED])
    assert result.exit_code == 0, result.output
    assert "10 sections" in result.output and "6 languages" in result.output


def test_validate_broken_files_lists_problems_without_traceback(runner, tmp_path: Path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    malformed = tmp_path / "bad.yaml"
    malformed.write_text("id: [unclosed\n")
    for path in (empty, malformed, tmp_path / "missing.yaml"):
        result = runner.invoke(args=["questionnaire", "validate", str(path)])
        assert result.exit_code == 1, (path, result.output)
        assert "Traceback" not in result.output
        assert result.output.strip()


def test_publish_round_trip_and_immutability(runner, tmp_path: Path):
    result = runner.invoke(args=["questionnaire", "publish", SHIPPED])
    assert result.exit_code == 0, result.output
    stored = db.session.scalar(select(QuestionnaireVersion))
    assert (stored.questionnaire_id, stored.version) == ("res-12-4", "1")
    definition = definition_of(stored)
    assert len(definition.questions) == 136
    again = runner.invoke(args=["questionnaire", "publish", SHIPPED])
    assert again.exit_code == 0 and "unchanged" in again.output
    changed = tmp_path / "v1.yaml"
    changed.write_text(Path(SHIPPED).read_text(encoding="utf-8").replace(
        "published: 2025-03-01", "published: 2025-03-02"), encoding="utf-8")
    refused = runner.invoke(args=["questionnaire", "publish", str(changed)])
    assert refused.exit_code == 1
    assert "immutable" in refused.output
    assert len(db.session.scalars(select(QuestionnaireVersion)).all()) == 1


def test_a_stored_version_cannot_be_edited(app):
    from services.definitions import publish

    stored, _ = publish(DEFAULT_DEFINITION)
    db.session.commit()
    stored.source = "changed"
    import pytest

    with pytest.raises(RuntimeError, match="immutable"):
        db.session.commit()
    db.session.rollback()


def _without_legal_force(source: str) -> str:
    """The shipped v1 as first published: gap rules without basis, provisions, rationale."""
    kept, skipping = [], False
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("basis: ", "provisions: ")) or stripped == "rationale:":
            skipping = stripped == "rationale:"
            continue
        if skipping and stripped[:3] in {"ar:", "zh:", "en:", "es:", "fr:", "ru:"}:
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept)


def test_publishing_corrected_rules_keeps_the_version_and_its_questions(app):
    """A v1 stored before rules declared their legal force loads, and publishing the shipped
    file replaces only its rules (same row, same questions)."""
    import hashlib

    from questionnaire.fingerprint import questions_fingerprint
    from services.definitions import publish

    shipped = Path(SHIPPED).read_text(encoding="utf-8")
    legacy = _without_legal_force(shipped).replace(  # v1's first rule for legal persons
        "in_place_if_any: [criminal, civil, administrative]",
        "in_place_if_any: [criminal]\n          partly_if_any: [civil, administrative]", 1)
    assert "basis:" not in legacy
    assert questions_fingerprint(legacy) == questions_fingerprint(shipped)
    old = QuestionnaireVersion(questionnaire_id="res-12-4", version="1", source=legacy,
                               content_hash=hashlib.sha256(legacy.encode()).hexdigest(),
                               title_en="v1")
    db.session.add(old)
    db.session.commit()
    first = definition_of(old).question("op1.leg.legal_persons")
    assert first.legal_force is None and first.gap["in_place_if_any"] == ("criminal",)

    stored, created = publish(DEFAULT_DEFINITION)
    db.session.commit()
    assert (stored.id, created) == (old.id, False)
    question = definition_of(stored).question("op1.leg.legal_persons")
    assert question.legal_force is not None and question.legal_force.basis == "obligation"
    assert "administrative" in question.gap["in_place_if_any"]
    assert len(db.session.scalars(select(QuestionnaireVersion)).all()) == 1


def test_matrix_lists_every_paragraph(runner):
    result = runner.invoke(args=["questionnaire", "matrix", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {int(r["paragraph"]) for r in rows} == set(range(1, 10))
    reasons = {int(r["paragraph"]): r["no_questions"] for r in rows if r["no_questions"]}
    assert set(reasons) == {7, 8}
    markdown = runner.invoke(args=["questionnaire", "matrix"]).output
    assert "7" in markdown and "|" in markdown


def test_matrix_page_for_the_secretariat(client, signed_in):
    from models import Role

    signed_in(Role.SECRETARIAT_REVIEWER)
    html = client.get("/secretariat/questionnaires/matrix").get_data(as_text=True)
    for n in range(1, 10):
        assert f'id="op-{n}"' in html
    assert client.get("/secretariat/questionnaires/").status_code == 200


def test_matrix_by_article_lists_every_provision_a_question_measures(runner):
    result = runner.invoke(args=["questionnaire", "matrix", "--by", "article", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    by_provision: dict[str, dict[str, str]] = {}
    for row in rows:
        by_provision.setdefault(row["provision"], {})[row["question"]] = row["basis"]
    for ref in ("UNTOC 6(1)", "UNTOC 6(2)(b)", "UNTOC 6(2)(c)"):
        assert by_provision[ref]["op1.leg.laundering"] == "obligation"
    assert by_provision["GA 76/185"] == {"op1.leg.crime_matrix": "encouraged",
                                         "op1.leg.serious_crime": "encouraged"}
    assert by_provision["UNCAC 54(1)(c)"]["op3.confiscation.ncb"] == "optional"
    assert by_provision["UNTOC 12"]["op3.management.mechanism"] == ""  # named by its tags only
    order = list(by_provision)
    assert order.index("UNTOC 2(b)") < order.index("UNTOC 12(7)") < order.index("UNCAC 54(1)(c)")
    assert order.index("UNCAC 54(1)(c)") < order.index("RES12/4 OP4") < order.index("GA 76/185")
    markdown = runner.invoke(args=["questionnaire", "matrix", "--by", "article"]).output
    assert "| UNTOC 5(1) | op1.leg.participation | yes_partly_no | obligation | 1 |" in markdown
    default = runner.invoke(args=["questionnaire", "matrix", "--format", "csv"]).output
    assert default.startswith("paragraph,")


def test_article_matrix_page_for_the_secretariat(client, signed_in):
    from models import Role

    signed_in(Role.SECRETARIAT_REVIEWER)
    page = client.get("/secretariat/questionnaires/matrix")
    assert "by=article" in page.get_data(as_text=True)
    html = client.get("/secretariat/questionnaires/matrix?by=article").get_data(as_text=True)
    assert "UNTOC 10(2)" in html and "op1.leg.legal_persons" in html
    assert "Obligation" in html and "Encouraged measure" in html
    arabic = client.get("/secretariat/questionnaires/matrix?by=article&lang=ar")
    assert arabic.status_code == 200
