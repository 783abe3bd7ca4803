"""``flask users`` and ``flask demo``: passwords from stdin, one-line errors."""

from __future__ import annotations

from sqlalchemy import select

from models import Role, User, db
from web.accounts.passwords import verify_password


def test_create_reads_the_password_from_stdin(runner):
    result = runner.invoke(args=["users", "create", "--email", "Focal@Example.org",
                                 "--role", "focal-point", "--state", "ken"],
                           input="a long and unusual passphrase\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "focal@example.org"))
    assert verify_password(user.password_hash, "a long and unusual passphrase")
    assert [(m.role, m.state_iso3) for m in user.memberships] == [(Role.FOCAL_POINT, "KEN")]


def test_errors_are_one_line_with_non_zero_exit(runner):
    cases = [
        (["users", "create", "--email", "a@b.org", "--role", "king"], "unknown role"),
        (["users", "create", "--email", "a@b.org", "--role", "observer", "--state", "ZZZ"],
         "unknown State code"),
        (["users", "create", "--email", "a@b.org", "--role", "observer"], "--state is required"),
        (["users", "create", "--email", "nope", "--role", "secretariat-admin"],
         "not an email address"),
        (["users", "create", "--bogus"], "No such option"),
        (["users", "deactivate", "ghost@example.org"], "no account"),
    ]
    for args, message in cases:
        result = runner.invoke(args=args, input="a long and unusual passphrase\n")
        assert result.exit_code != 0, args
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and message in lines[0], (args, result.output)
        assert "Traceback" not in result.output


def test_weak_password_from_stdin_is_refused(runner):
    result = runner.invoke(args=["users", "create", "--email", "a@b.org", "--role",
                                 "secretariat-admin"], input="short\n")
    assert result.exit_code == 1
    assert "at least 12 characters" in result.output


def test_list_and_deactivate(runner, make_user):
    user = make_user(Role.OBSERVER, "KEN", email="obs@example.org")
    result = runner.invoke(args=["users", "list"])
    assert "obs@example.org\tactive\tobserver@KEN" in result.output
    result = runner.invoke(args=["users", "deactivate", "obs@example.org"])
    assert result.exit_code == 0
    db.session.refresh(user)
    assert not user.active


def test_demo_is_idempotent_and_refused_in_production(runner, app):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "admin@envsaq.example" in first.output and "KEN" in first.output
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0
    assert db.session.scalar(select(User).where(User.email == "focal.ken@envsaq.example"))
    app.config["ENVSAQ_ENV"] = "production"
    refused = runner.invoke(args=["demo"])
    assert refused.exit_code == 1 and "refused" in refused.output


def test_a_role_held_already_is_refused_in_one_line_like_on_the_admin_page(runner, make_user):
    """``services.team.grant_role`` decides for both; its refusal reaches the CLI as one line."""
    make_user(Role.OBSERVER, "KEN", email="obs@example.org")
    result = runner.invoke(args=["users", "create", "--email", "obs@example.org", "--role",
                                 "observer", "--state", "KEN"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == ["Error: obs@example.org already has the role observer for KEN"]
    assert db.session.scalar(select(User).where(User.email == "obs@example.org")).memberships[
        0].role is Role.OBSERVER


def test_invitations_are_listed_and_withdrawn_from_the_command_line(runner, app, make_user):
    """The same rule set as the pages (services.team): the link stops, the event is audited;
    deactivating the inviter ends the others."""
    from models import AccountToken, AuditEvent, TokenEnd
    from services import team

    focal = make_user(Role.FOCAL_POINT, "KEN", email="focal@ken.example.org")
    with app.test_request_context():
        first = team.invite("a@example.org", Role.OBSERVER, "KEN", inviter=focal,
                            accept_link=str)
        second = team.invite("b@example.org", Role.CONTRIBUTOR, "KEN", inviter=focal,
                             accept_link=str)
        db.session.commit()
    listed = runner.invoke(args=["users", "invitations"])
    assert listed.exit_code == 0
    assert f"{first.id}\ta@example.org\tobserver\tKEN\tfocal@ken.example.org" in listed.output
    result = runner.invoke(args=["users", "withdraw", str(first.id)])
    assert result.exit_code == 0 and "a@example.org" in result.output
    again = runner.invoke(args=["users", "withdraw", str(first.id)])
    assert again.exit_code == 1 and len(again.output.strip().splitlines()) == 1
    unknown = runner.invoke(args=["users", "withdraw", "999999"])
    assert unknown.exit_code == 1 and "no invitation" in unknown.output
    assert runner.invoke(args=["users", "deactivate", focal.email]).exit_code == 0
    db.session.expire_all()
    assert db.session.get(AccountToken, first.id).ended_reason is TokenEnd.WITHDRAWN
    assert db.session.get(AccountToken, second.id).ended_reason is TokenEnd.INVITER_LOST_RIGHT
    # Audited as the operator's, not as nobody's.
    actors = dict(db.session.execute(select(AuditEvent.action, AuditEvent.actor_email).where(
        AuditEvent.object_type == "account_token",
        AuditEvent.object_id.in_([str(first.id), str(second.id)]),
        AuditEvent.action != "invitation.sent")).all())
    assert actors == {"invitation.withdrawn": "cli", "invitation.ended": "cli"}
    assert db.session.scalar(select(AuditEvent.actor_email).where(
        AuditEvent.action == "user.deactivated")) == "cli"
    assert "b@example.org" not in runner.invoke(args=["users", "invitations"]).output
