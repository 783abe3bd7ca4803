"""The demo reads right on any day: its deadlines lie ahead, people have names, and the
questionnaire's name field holds a name (UX review Q5)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from models import Answer, AuditEvent, Cycle, Response, User, db


def names_of_people() -> dict[str, str]:
    return {user.email: user.name for user in db.session.scalars(select(User))}


def test_the_demo_has_deadlines_ahead_and_names_of_people(app, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    today = date.today()
    cycles = list(db.session.scalars(select(Cycle)))
    assert len(cycles) == 2 and all(cycle.deadline > today for cycle in cycles)
    people = names_of_people()
    assert people["focal.ken@envsaq.example"] == "Wanjiru Kamau"
    assert people["contributor.mex@envsaq.example"] == "Jorge Ramírez"
    for email, name in people.items():
        assert name and "@" not in name and not name.startswith(("Focal point", "Contributor")), \
            email
    kenya = db.session.scalar(select(Response).join(Cycle).where(
        Response.state_iso3 == "KEN", Cycle.name == "Reporting cycle 2026"))
    given = {a.question_key: a.value for a in db.session.scalars(
        select(Answer).where(Answer.response_id == kenya.id))}
    assert given["gen.focal_point_name"] == "Wanjiru Kamau"
    assert "focal.ken@envsaq.example" in given["gen.focal_point_contact"]


def test_a_demo_kept_for_months_gets_its_deadlines_moved_ahead(app, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    for cycle in db.session.scalars(select(Cycle)):  # months later
        if cycle.opens_on:
            cycle.opens_on -= timedelta(days=200)
        cycle.deadline = date.today() - timedelta(days=30)
    db.session.commit()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert all(cycle.deadline > date.today() for cycle in db.session.scalars(select(Cycle)))
    moves = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "cycle.changed"))
    assert len(list(moves)) == 2  # both moved ahead, audited


def test_all_states_focal_points_have_names_some_in_cjk_script(app, runner):
    result = runner.invoke(args=["demo", "--states", "all", "--seed", "3"])
    assert result.exit_code == 0, result.output
    names = [n for e, n in names_of_people().items() if e.startswith("focal.")]
    assert len(names) > 190
    assert not any(n.startswith("Focal point") or "@" in n for n in names)
    assert any("\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for n in names for ch in n)
