"""``flask cycles create|list|close``: the same service as the administration page."""

from __future__ import annotations

from sqlalchemy import func, select

from models import Cycle, CycleStatus, QuestionnaireVersion, Response, db
from services.cycles import list_cycles


def create(runner, *extra: str):
    return runner.invoke(args=["cycles", "create", "--name", "2027 reporting cycle",
                               "--questionnaire", "res-12-4", "--version", "2",
                               "--opens", "2027-01-15", "--deadline", "2027-06-30", *extra])


def test_create_publishes_the_shipped_version_and_invites_the_states(runner):
    result = create(runner, "--states", "KEN,mex")
    assert result.exit_code == 0, result.output
    assert "Published res-12-4 v2" in result.output
    assert "2 State(s)" in result.output
    cycle = db.session.scalar(select(Cycle))
    assert cycle.questionnaire_version.version == "2"
    assert cycle.opens_on.isoformat() == "2027-01-15"
    assert sorted(db.session.scalars(select(Response.state_iso3))) == ["KEN", "MEX"]
    listed = runner.invoke(args=["cycles", "list"])
    assert f"{cycle.id}  open" in listed.output and "res-12-4 v2" in listed.output
    assert "2 State(s)  2027 reporting cycle" in listed.output
    closed = runner.invoke(args=["cycles", "close", str(cycle.id)])
    assert closed.exit_code == 0, closed.output
    db.session.refresh(cycle)
    assert cycle.status is CycleStatus.CLOSED
    assert [s.cycle.status for s in list_cycles()] == [CycleStatus.CLOSED]


def test_all_states_by_default(runner):
    assert create(runner).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Response)) > 190


def test_refusals_are_one_line_and_write_nothing(runner):
    cases = [
        (create(runner, "--states", "KEN,ZZZ"), "unknown State code(s): ZZZ"),
        (runner.invoke(args=["cycles", "create", "--name", "x", "--version", "9",
                             "--opens", "2027-01-01", "--deadline", "2027-02-01"]),
         "res-12-4 v9 is neither published nor shipped"),
        (runner.invoke(args=["cycles", "create", "--name", "x", "--version", "2",
                             "--opens", "2027-03-01", "--deadline", "2027-02-01"]),
         "is before the opening date"),
        (runner.invoke(args=["cycles", "create", "--name", "  ", "--version", "2",
                             "--opens", "2027-01-01", "--deadline", "2027-02-01"]),
         "the name must be"),
        (runner.invoke(args=["cycles", "close", "999"]), "no cycle with id 999"),
    ]
    for result, message in cases:
        assert result.exit_code != 0
        assert message in result.output, result.output
        assert "Traceback" not in result.output
    assert db.session.scalar(select(func.count()).select_from(Cycle)) == 0
    assert db.session.scalar(select(func.count()).select_from(Response)) == 0
    assert db.session.scalar(select(func.count()).select_from(QuestionnaireVersion)) == 0


def test_article_view_of_version_2_lists_the_new_articles(runner):
    """`questionnaire matrix --by article` on version 2 shows the articles version 1 missed."""
    from web.cli.demo_next import NEXT_DEFINITION

    result = runner.invoke(args=["questionnaire", "matrix", "--by", "article",
                                 "--path", str(NEXT_DEFINITION)])
    assert result.exit_code == 0, result.output
    rows = {tuple(cell.strip() for cell in line.strip("|").split("|")[:2])
            for line in result.output.splitlines() if line.startswith("| UNTOC")}
    for provision, key in (("UNTOC 11(5)", "op1.leg.limitation"),
                           ("UNTOC 15(3)", "op1.leg.jurisdiction_no_extradition"),
                           ("UNTOC 16(10)", "op1.coop.aut_dedere"),
                           ("UNTOC 17", "op1.coop.transfer_sentenced"),
                           ("UNTOC 18(9)", "op1.coop.mla_dual_criminality")):
        assert (provision, key) in rows


def test_demo_opens_a_version_2_cycle_beside_version_1(runner):
    from models import CycleStatus as Status
    from web.cli.demo import DEMO_STATES

    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    cycles = db.session.scalars(select(Cycle).order_by(Cycle.id)).all()
    assert [c.questionnaire_version.version for c in cycles] == ["1", "2"]
    v1_cycle, v2_cycle = cycles
    assert v2_cycle.status is Status.OPEN and v2_cycle.opens_on is not None
    assert sorted(db.session.scalars(select(Response.state_iso3).where(
        Response.cycle_id == v2_cycle.id))) == sorted(DEMO_STATES)
    # the demo drafts stay in the version 1 cycle
    from models import Answer
    assert db.session.scalar(select(func.count()).select_from(Answer).join(Response).where(
        Response.cycle_id == v1_cycle.id)) > 0
    assert db.session.scalar(select(func.count()).select_from(Answer).join(Response).where(
        Response.cycle_id == v2_cycle.id)) == 0
    # running it again adds no cycle
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Cycle)) == 2
