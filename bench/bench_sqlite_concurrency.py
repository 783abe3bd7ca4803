"""SQLite in WAL mode: 20 concurrent editors autosaving through gunicorn (gthread).

Run: .venv/bin/python -m bench.bench_sqlite_concurrency [--write]

Ten editors (focal points of one State) share one answer of one section, so their saves
race and most get a 409 conflict; ten more each save their own section. Nothing may reach an
editor as a 500 or a "database is locked": every autosave is answered 200 (saved) or 409
(conflict). Percentiles are ratios against /health measured in the same run. The same
scenario, without timings, is the test tests/test_sqlite_concurrency.py.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.load_harness import (
    Plan,
    Seeded,
    run_editors,
    running_app,
    seed,
    summarise,
    table,
    write_section,
)

EDITORS = 20
PLAN = Plan(rounds=10, think_s=(0.0, 0.1), ramp_s=1.0, deadline_s=180.0)


def twenty_editors(seeded: Seeded) -> Seeded:
    """Editors 0-9 on the first editor's answer; 10-19 on their own sections."""
    first = seeded.editors[0]
    shared = [(email, first[1], first[2], first[3])
              for email, *_ in seeded.editors[: EDITORS // 2]]
    return Seeded(seeded.cycle_id, shared + seeded.editors[EDITORS // 2: EDITORS])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=10)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder)
        database_url = f"sqlite:///{instance / 'envsaq.db'}"
        # One State with twenty focal points: every editor may edit every section.
        seeded = seed(database_url, instance, states=1, per_state=1)
        seeded = more_focal_points(database_url, instance, seeded)
        with running_app(database_url, instance, args.workers, args.threads) as base:
            timings, wall = run_editors(base, twenty_editors(seeded), PLAN)
            log = (instance / "server-0.log").read_text()
    rows = summarise(timings)
    locked = log.count("database is locked") + sum("locked" in t.error for t in timings)
    server_errors = sum(1 for t in timings if t.status >= 500)
    summary = table(rows)
    verdict = (f"database-is-locked answers: {locked}; 5xx answers: {server_errors}; autosave "
               f"answers other than 200/409: "
               f"{sum(1 for t in timings if t.kind == 'autosave' and t.status not in (200, 409))}")
    print(f"{EDITORS} editors, SQLite WAL, {args.workers} workers x {args.threads} threads, "
          f"{wall:.0f} s\n{summary}\n{verdict}")
    if args.write:
        when = datetime.now(UTC).strftime("%Y-%m-%d")
        write_section("SQLite concurrency", (
            f"`bench/bench_sqlite_concurrency.py`, {when}: {EDITORS} editors of one State "
            f"autosaving at once through gunicorn ({args.workers} gthread workers x "
            f"{args.threads} threads) on SQLite in WAL mode (busy timeout 15 s), "
            f"{os.cpu_count()}-CPU host. Editors 1-10 all change the same answer (their saves "
            f"race: 409 conflicts are the expected answer), editors 11-20 each change an "
            f"answer of their own section. Each signs in and opens its section; when all have, "
            f"{PLAN.rounds} rounds each of /health, autosave, /health, section page, with "
            f"0-0.1 s pauses; {wall:.0f} s in all.\n\n"
            f"{summary}\n\n{verdict}. A concurrent first save of the same answer used to "
            f"surface as a 500 (unique constraint); it is now a 409 like any other conflict "
            f"(tests/test_sqlite_concurrency.py).\n"))


def more_focal_points(database_url: str, instance: Path, seeded: Seeded) -> Seeded:
    """Nineteen more focal points of the seeded State (same password), each with a section
    other than the first."""
    from app import create_app
    from models import Membership, Role, User, db
    from questionnaire.fields.base import field_name
    from services.cycles import current_response
    from services.definitions import definition_of

    email, iso3, _section, _field = seeded.editors[0]
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "INSTANCE_PATH": str(instance),
                      "AUTO_MIGRATE": False, "SECRET_KEY": "bench"})
    editors = list(seeded.editors)
    with app.app_context():
        response = current_response(iso3, seeded.cycle_id)
        definition = definition_of(response.cycle.questionnaire_version)
        texts = {}
        for section in definition.sections:
            for question in section.questions:
                if question.type in ("short_text", "long_text") and \
                        question.relevant_expr is None:
                    texts.setdefault(section.key, field_name(question.key))
        sections = list(texts.items())
        stored = db.session.scalar(db.select(User.password_hash).where(User.email == email))
        for n in range(1, EDITORS):
            new_email = f"focal.{n}.{iso3.lower()}@load.example"
            user = User(email=new_email, name=new_email, password_hash=stored)
            user.memberships.append(Membership(role=Role.FOCAL_POINT, state_iso3=iso3))
            db.session.add(user)
            key, name = sections[1 + n % (len(sections) - 1)]  # not the shared one
            editors.append((new_email, iso3, key, name))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return Seeded(seeded.cycle_id, editors)


if __name__ == "__main__":
    main()
