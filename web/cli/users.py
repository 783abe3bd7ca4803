"""``flask users``: create, list and deactivate accounts."""

from __future__ import annotations

import sys

import click
from flask_babel import force_locale

from models import STATE_ROLES, Role, db
from services import team
from services.registry import get_state
from services.users import all_users, create_user, user_by_email
from web.accounts.passwords import hash_password, password_problem
from web.cli.base import CommandError, OneLineErrors

users_group = OneLineErrors("users", help="Accounts.")


def read_password(email: str) -> str:
    """From standard input when it is not a terminal, else a hidden prompt. Never an argument."""
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with force_locale("en"):
        problem = password_problem(password, email)
    if problem:
        raise CommandError(problem)
    return password


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--role", required=True, help="secretariat-admin, secretariat-reviewer, "
              "focal-point, contributor or observer")
@click.option("--state", "iso3", default=None, help="ISO3 code, for State roles")
@click.option("--name", default="")
def create_command(email: str, role: str, iso3: str | None, name: str) -> None:
    """Create an account (or add a role to an existing one)."""
    try:
        role_value = Role(role)
    except ValueError:
        raise CommandError(f"unknown role {role!r}; use one of: "
                           + ", ".join(r.value for r in Role)) from None
    email = email.strip().lower()
    if "@" not in email or len(email) > 320:
        raise CommandError(f"{email!r} is not an email address")
    if role_value in STATE_ROLES:
        if not iso3:
            raise CommandError(f"--state is required for the role {role_value.value}")
        state = get_state(iso3)
        if state is None:
            raise CommandError(f"unknown State code {iso3!r}")
        iso3 = state.iso3
    elif iso3:
        raise CommandError(f"the role {role_value.value} is not tied to a State; drop --state")
    user = user_by_email(email)
    if user is None:
        user = create_user(email, name, hash_password(read_password(email)))
        created = True
    else:
        created = False
    team.grant_role(user, role_value, iso3,
                    action="user.created" if created else "role.granted")
    db.session.commit()
    click.echo(f"{'Created' if created else 'Updated'} {email}: {role_value.value}"
               + (f" ({iso3})" if iso3 else ""))


@users_group.command("list")
def list_command() -> None:
    """Every account with its roles."""
    for user in all_users():
        roles = ", ".join(
            m.role.value + (f"@{m.state_iso3}" if m.state_iso3 else "") for m in user.memberships
        )
        status = "active" if user.active else "deactivated"
        click.echo(f"{user.email}\t{status}\t{roles}")


@users_group.command("deactivate")
@click.argument("email")
def deactivate_command(email: str) -> None:
    """Deactivate an account; its sessions end at once."""
    user = user_by_email(email)
    if user is None:
        raise CommandError(f"no account with the email {email!r}")
    team.deactivate(user)
    db.session.commit()
    click.echo(f"Deactivated {user.email}")


@users_group.command("invitations")
def invitations_command() -> None:
    """The invitations waiting to be accepted: id, address, role, State, inviter, expiry."""
    for token in team.pending_invitations_everywhere():
        role = token.role.value if token.role else ""
        inviter = token.created_by.email if token.created_by else "-"
        click.echo(f"{token.id}\t{token.email}\t{role}\t{token.state_iso3 or '-'}\t"
                   f"{inviter}\t{token.expires_at:%Y-%m-%d %H:%M}")


@users_group.command("withdraw")
@click.argument("invitation_id", type=int)
def withdraw_command(invitation_id: int) -> None:
    """Withdraw a waiting invitation: its link stops working at once (audited)."""
    invitation = team.invitation_by_id(invitation_id)
    team.withdraw_invitation(invitation, actor=None)
    db.session.commit()
    click.echo(f"Withdrew the invitation of {invitation.email}")
