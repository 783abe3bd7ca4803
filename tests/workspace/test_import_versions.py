"""A version 1 export imported into a version 2 cycle, through the version 2 mapping."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from models import AnswerChange, Cycle, db
from questionnaire.fields.base import field_type_for, node_text
from services.answers import answer_values, load_answers, save_answers
from services.definitions import definition_of
from tests.workspace.workspace_fixtures import complete_answers, response_of


def texts_of(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [t for item in value.values() for t in texts_of(item)]
    if isinstance(value, list):
        return [t for item in value for t in texts_of(item)]
    return []


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def v1_answers(cycle, definition):
    """KEN's version 1 draft, complete."""
    answers = complete_answers(definition, "KEN")
    save_answers(response_of(cycle, "KEN"), definition,
                 {key: (value, 0) for key, value in answers.items()}, None)
    db.session.commit()
    return answers


@pytest.fixture
def v2_cycle(runner, cycle):
    result = runner.invoke(args=["cycles", "create", "--name", "2027 reporting cycle",
                                 "--version", "2", "--opens", "2027-01-01",
                                 "--deadline", "2027-06-30", "--states", "KEN,MEX"])
    assert result.exit_code == 0, result.output
    return db.session.scalar(select(Cycle).order_by(Cycle.id.desc()).limit(1))


def export(runner, tmp_path, iso3, cycle, fmt="json"):
    out = tmp_path / f"{iso3}-{cycle.id}.{fmt}"
    result = runner.invoke(args=["responses", "export", "--state", iso3, "--cycle",
                                 str(cycle.id), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def changes_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AnswerChange))


def test_v1_json_imports_into_v2_losing_no_text(runner, tmp_path, cycle, v1_answers, v2_cycle):
    path = export(runner, tmp_path, "KEN", cycle)
    assert json.loads(path.read_text())["version"] == "1"
    before = changes_count()
    dry = runner.invoke(args=["responses", "import", "--state", "KEN", str(path), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Version 1 file mapped into version 2" in dry.output
    assert "mapped: op1.coop.extradition_basis -> op1.coop.extradition_treaty_required" \
        in dry.output
    assert changes_count() == before and load_answers(response_of(v2_cycle, "KEN")) == {}

    result = runner.invoke(args=["responses", "import", "--state", "KEN", str(path)])
    assert result.exit_code == 0, result.output
    target = definition_of(v2_cycle.questionnaire_version)
    saved = answer_values(load_answers(response_of(v2_cycle, "KEN")))
    assert saved and all(target.has_question(key) for key in saved)
    kept = one_line(" ".join(texts_of(saved)) + " " + result.output)
    for key, value in v1_answers.items():
        question = definition_of(cycle.questionnaire_version).question(key)
        if question.type in ("yes_partly_no", "single_choice", "multiple_choice"):
            continue  # option codes map to options; they are not text a State wrote
        for text in texts_of(value):
            if text in ("yes", "partly", "no", "not_known", "not_applicable", "term", "life",
                        "none", "in_force", "bill") or text in question.option_values:
                continue
            assert one_line(text) in kept, f"{key}: {text!r} was lost"
    # the dropped question is listed with its old answer and the reason
    if "ta.needs.top_priority" in v1_answers:
        old = node_text(field_type_for(definition_of(cycle.questionnaire_version).question(
            "ta.needs.top_priority")).display(v1_answers["ta.needs.top_priority"], "en"))
        assert (f"not mapped: ta.needs.top_priority: Version 2 no longer asks this question. "
                f"Old answer: {old}") in result.output


def test_v1_workbook_imports_into_v2(runner, tmp_path, cycle, v1_answers, v2_cycle):
    path = export(runner, tmp_path, "KEN", cycle, fmt="xlsx")
    result = runner.invoke(args=["responses", "import", "--state", "KEN", str(path)])
    assert result.exit_code == 0, result.output
    assert "Version 1 file mapped into version 2" in result.output
    saved = answer_values(load_answers(response_of(v2_cycle, "KEN")))
    assert saved["gen.institution"] == v1_answers["gen.institution"]


def test_a_v1_file_with_a_key_the_mapping_does_not_know_is_refused(runner, tmp_path, cycle,
                                                                   v1_answers, v2_cycle):
    path = export(runner, tmp_path, "KEN", cycle)
    document = json.loads(path.read_text())
    document["answers"]["op9.invented"] = "text"
    path.write_text(json.dumps(document))
    before = changes_count()
    result = runner.invoke(args=["responses", "import", "--state", "KEN", str(path)])
    assert result.exit_code != 0
    assert "Unknown question key “op9.invented”: version 1 has no such question" in result.output
    assert "nothing was imported" in result.output
    assert changes_count() == before
    assert load_answers(response_of(v2_cycle, "KEN")) == {}


def test_a_v2_file_for_another_state_is_refused(runner, tmp_path, cycle, v2_cycle):
    definition = definition_of(v2_cycle.questionnaire_version)
    save_answers(response_of(v2_cycle, "MEX"), definition,
                 {"gen.institution": ("Secretaría de Medio Ambiente", 0)}, None)
    db.session.commit()
    path = export(runner, tmp_path, "MEX", v2_cycle)
    before = changes_count()
    result = runner.invoke(args=["responses", "import", "--state", "KEN", "--cycle",
                                 str(v2_cycle.id), str(path)])
    assert result.exit_code != 0
    assert "This file is for MEX, not KEN" in result.output
    assert changes_count() == before
    assert load_answers(response_of(v2_cycle, "KEN")) == {}


def test_export_and_import_name_the_cycle(runner, tmp_path, cycle, v2_cycle):
    result = runner.invoke(args=["responses", "export", "--state", "NOR", "--cycle",
                                 str(v2_cycle.id), "--format", "json",
                                 "--out", str(tmp_path / "x.json")])
    assert result.exit_code != 0
    assert f"NOR has no response in cycle {v2_cycle.id}" in result.output
    # without --cycle: the State's newest open cycle (version 2 for KEN, version 1 for NOR)
    ken = export(runner, tmp_path, "KEN", v2_cycle)
    assert json.loads(ken.read_text())["version"] == "2"
    result = runner.invoke(args=["responses", "export", "--state", "NOR", "--format", "json",
                                 "--out", str(tmp_path / "nor.json")])
    assert result.exit_code == 0
    assert json.loads((tmp_path / "nor.json").read_text())["version"] == "1"


def test_the_import_page_maps_a_v1_file_and_lists_what_did_not_map(
        client, signed_in, runner, tmp_path, cycle, v1_answers, v2_cycle):
    import io
    import re

    from models import Role
    from tests.conftest import csrf_token

    path = export(runner, tmp_path, "KEN", cycle)
    document = json.loads(path.read_text())
    document["answers"]["ta.needs.top_priority"] = "high"
    document["answers"]["op1.leg.jurisdiction"] = "partly"
    signed_in(Role.FOCAL_POINT, "KEN")
    page = f"/states/KEN/cycles/{v2_cycle.id}/import"
    before = changes_count()
    preview = client.post(page, data={
        "csrf_token": csrf_token(client, page),
        "file": (io.BytesIO(json.dumps(document).encode()), "ken-v1.json")},
        content_type="multipart/form-data")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200, html
    assert "This file was exported from version 1 of the questionnaire" in html
    assert "Earlier answers that were not carried over" in html
    assert "Version 2 no longer asks this question." in html
    assert "This answer has no equivalent in version 2." in html
    assert changes_count() == before  # a preview saves nothing
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    done = client.post(f"{page}/confirm", data={"csrf_token": csrf_token(client, page),
                                                "token": token})
    assert done.status_code == 302
    saved = answer_values(load_answers(response_of(v2_cycle, "KEN")))
    assert saved["gen.institution"] == v1_answers["gen.institution"]
    assert "op1.leg.jurisdiction" not in saved and "ta.needs.top_priority" not in saved
