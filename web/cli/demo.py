"""``flask demo``: demonstration accounts (and data) for a newcomer. Idempotent."""

from __future__ import annotations

import click
from flask import current_app
from sqlalchemy import select

from models import Membership, Role, State, User, db
from services.registry import load_states
from web.accounts.passwords import hash_password
from web.cli.base import CommandError
from web.cli.demo_people import DEMO_PEOPLE

DEMO_PASSWORD = "envsaq-demo-2026"  # noqa: S105  (development only; refused in production)
DEMO_STATES = ("KEN", "MEX", "NOR")


def ensure_user(email: str, name: str, role: Role, iso3: str | None = None) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=name, password_hash=hash_password(DEMO_PASSWORD))
        db.session.add(user)
    if not any(m.role is role and m.state_iso3 == iso3 for m in user.memberships):
        user.memberships.append(Membership(role=role, state_iso3=iso3))
    return user


def create_demo_accounts() -> list[tuple[str, str]]:
    accounts = [
        ("admin@envsaq.example", "Amina Haddad", Role.SECRETARIAT_ADMIN, None),
        ("reviewer@envsaq.example", "Li Wei", Role.SECRETARIAT_REVIEWER, None),
    ]
    for iso3 in DEMO_STATES:
        code = iso3.lower()
        focal_name, contributor_name = DEMO_PEOPLE[iso3]
        accounts.append((f"focal.{code}@envsaq.example", focal_name, Role.FOCAL_POINT, iso3))
        accounts.append((f"contributor.{code}@envsaq.example", contributor_name,
                         Role.CONTRIBUTOR, iso3))
    for email, name, role, iso3 in accounts:
        ensure_user(email, name, role, iso3)
    db.session.flush()
    return [(email, role.value + (f" ({iso3})" if iso3 else ""))
            for email, _, role, iso3 in accounts]


@click.command("demo")
@click.option("--states", "scope", type=click.Choice(["three", "all"]), default="three",
              help="'all' gives every State a complete submission (for reports and benchmarks).")
@click.option("--seed", type=int, default=2026, show_default=True,
              help="Seed of the generated answers (the same seed gives the same data).")
def demo_command(scope: str, seed: int) -> None:
    """Create demonstration accounts and data (refused in production)."""
    if current_app.config["ENVSAQ_ENV"] == "production":
        raise CommandError("the demo data is refused when ENVSAQ_ENV=production")
    real = db.session.scalar(select(User.email).where(
        ~User.email.endswith("@envsaq.example")).limit(1))
    if real is not None:  # e.g. ENVSAQ_ENV=development pointed at the production database
        raise CommandError(f"this database has real accounts ({real}, ...): the demo accounts "
                           f"share a published password, so they go only into a database "
                           f"of their own")
    if db.session.scalar(select(State.iso3).limit(1)) is None:
        load_states()
    accounts = create_demo_accounts()
    db.session.commit()
    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for email, role in accounts:
        click.echo(f"  {email:<34} {role}")
    click.echo("Demo States: " + ", ".join(DEMO_STATES))
    from web.cli.demo_drafts import seed_demo_drafts

    admin = db.session.scalar(select(User).where(User.email == "admin@envsaq.example"))
    drafts = seed_demo_drafts(DEMO_STATES, admin, seed)
    db.session.commit()
    if drafts:
        click.echo(f"{drafts} demo drafts written in the open cycle.")
    if scope == "all":
        from web.cli.demo_states import seed_all_states

        result = seed_all_states(seed, DEMO_PASSWORD, admin)
        db.session.commit()
        click.echo(f"Cycle {result.cycle.name!r}: {result.submitted} States given a submitted "
                   f"response ({result.skipped} already had one); focal points "
                   "focal.<iso3>@envsaq.example, same password.")
    from web.cli.demo_next import ensure_next_cycle

    next_cycle, created = ensure_next_cycle(DEMO_STATES, admin)
    db.session.commit()
    if created:
        click.echo(f"Cycle {next_cycle.name!r} opened on questionnaire version 2 for "
                   f"{', '.join(DEMO_STATES)}; a State with an accepted version 1 submission "
                   "can start from it.")
