"""Concurrent saves. SQLite in WAL mode, 20 editors autosaving at once through a real
multi-threaded server: no "database is locked" reaches anyone (every autosave is saved, or a
409 conflict). And on every backend, a write from a stale version is refused, never lost."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, update

from models import Answer, AnswerChange, Role, db
from questionnaire.fields.base import field_name
from services.answers import ConcurrentSave, load_answers, save_answers
from testing.editors import Editor
from testing.live_server import gunicorn_servers, server_environment
from tests.conftest import PASSWORD
from tests.workspace.workspace_fixtures import response_of

EDITORS = 20
SAVES_EACH = 6


def text_field_per_section(definition) -> dict[str, str]:
    """Section key -> the form name of its first free-text question."""
    fields = {}
    for section in definition.sections:
        for question in section.questions:
            if question.type in ("short_text", "long_text") and question.relevant_expr is None:
                fields[section.key] = field_name(question.key)
                break
    return fields


def run_editor(editor: Editor, field: str, results: list[int]) -> None:
    if not (editor.sign_in() and editor.load_section()):
        return
    for n in range(SAVES_EACH):
        status = editor.autosave(field, f"{editor.email} draft {n}")
        results.append(status)
        if status == 409:
            editor.load_section()  # the conflict view: take the newer versions and go on


@pytest.mark.slow
def test_twenty_editors_on_sqlite_never_see_a_locked_database(app, make_user, cycle,
                                                               definition, database_url,
                                                               backend, tmp_path):
    if backend != "sqlite":
        pytest.skip("a SQLite test")
    fields = text_field_per_section(definition)
    sections = sorted(fields)
    emails = [make_user(Role.FOCAL_POINT, "KEN", email=f"editor{n}@ken.example.org").email
              for n in range(EDITORS)]
    cycle_id = cycle.id
    db.session.commit()
    db.session.close()  # the test holds no lock while the servers work
    # Half of the editors share one answer (conflicts), half work on their own sections.
    plan = [("general" if n < EDITORS // 2 else sections[n % len(sections)]) for n in
            range(EDITORS)]
    env = server_environment(database_url, tmp_path / "instance")
    results: list[int] = []
    with gunicorn_servers(1, env, tmp_path, workers=2, threads=10) as (base,):
        editors = [Editor(base, email, PASSWORD, "KEN", cycle_id, section)
                   for email, section in zip(emails, plan, strict=True)]
        threads = [threading.Thread(target=run_editor, args=(e, fields[e.section], results))
                   for e in editors]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        log = (tmp_path / "server-0.log").read_text()
    timings = [t for e in editors for t in e.timings]
    assert all(e.form for e in editors), "every editor signed in and opened a section"
    assert [t for t in timings if t.error] == []
    assert "database is locked" not in log
    assert set(results) <= {200, 409}
    assert len(results) == EDITORS * SAVES_EACH
    assert 200 in results and 409 in results  # both paths were taken
    saved = db.session.scalar(select(func.count()).select_from(AnswerChange))
    assert saved >= results.count(200)


def test_a_save_racing_another_is_refused_not_lost(app, make_user, cycle, definition):
    """Compare-and-set: a write based on a version someone else has just replaced is refused
    (409), on every backend; the other editor's value stands."""
    user = make_user(Role.FOCAL_POINT, "KEN")
    response = response_of(cycle, "KEN")
    save_answers(response, definition, {"gen.institution": ("First", 0)}, user)
    db.session.commit()
    answers = load_answers(response)  # this editor has read version 1
    with db.engine.begin() as conn:  # meanwhile another process saves version 2
        conn.execute(update(Answer).where(Answer.question_key == "gen.institution")
                     .values(value="Theirs", version=2))
    with pytest.raises(ConcurrentSave):
        save_answers(response, definition, {"gen.institution": ("Mine", 1)}, user,
                     existing=answers)
    db.session.rollback()  # as the request does: the caller owns the transaction
    stored = load_answers(response_of(cycle, "KEN"))["gen.institution"]
    assert (stored.value, stored.version) == ("Theirs", 2)
