"""Load benchmark: editors signing in, opening section pages and autosaving, against
gunicorn (gthread) and a throwaway PostgreSQL database, with /health as the baseline.

Run: .venv/bin/python -m bench.load_autosave --preset load      # ~400 users, 2 per State
     .venv/bin/python -m bench.load_autosave --preset autosave  # 50 concurrent editors
     .venv/bin/python -m bench.load_autosave --preset paced     # the same, 2-5 s pauses
     add --write to record the figures in docs/benchmarks.md (the preset's "## ..." section)

Each simulated editor has its own session: it signs in once and opens its section; once
every editor has (argon2id sign-ins are slow on purpose; they get rows of their own), the
measured rounds start. Per round it asks /health, autosaves one answer (the whole form, as
the browser sends it), asks /health again and reloads the section page. Percentiles of the
page and the autosave are reported as ratios against /health measured in the same run,
under the same load, so the figures say what the app adds, not how fast this machine is.
Everything is on loopback, bounded in count (rounds) and time (a deadline).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.load_harness import (
    Plan,
    error_kinds,
    run_editors,
    running_app,
    seed,
    summarise,
    table,
    throwaway_postgres,
    write_section,
)

PRESETS = {
    # title, States, editors per State, plan
    # People type between saves: the browser autosaves a few seconds after they stop.
    "load": ("Load", 200, 2, Plan(rounds=4, think_s=(5.0, 15.0), ramp_s=60.0,
                                  deadline_s=300.0)),
    "autosave": ("Autosave", 25, 2, Plan(rounds=12, think_s=(0.0, 0.2), ramp_s=2.0,
                                         deadline_s=180.0)),
    # The same 50 editors at a human pace: a save a few seconds after they stop typing.
    "paced": ("Autosave, paced", 25, 2, Plan(rounds=6, think_s=(2.0, 5.0), ramp_s=2.0,
                                             deadline_s=180.0)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=sorted(PRESETS), default="autosave")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    title, states, per_state, plan = PRESETS[args.preset]
    with tempfile.TemporaryDirectory() as folder, throwaway_postgres() as database_url:
        instance = Path(folder)
        seeded = seed(database_url, instance, states, per_state)
        with running_app(database_url, instance, args.workers, args.threads) as base:
            timings, wall = run_editors(base, seeded, plan)
    rows = summarise(timings)
    users = len(seeded.editors)
    summary = table(rows)
    failures = error_kinds(timings)
    if failures:
        summary += f"\n\nFailures: {failures}"
    print(f"{users} editors, {args.workers} gunicorn workers x {args.threads} threads, "
          f"{wall:.0f} s\n{summary}")
    if args.write:
        write_section(title, describe(args, users, states, per_state, plan, wall, summary))


def describe(args, users: int, states: int, per_state: int, plan: Plan, wall: float,
             summary: str) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    return (
        f"`bench/load_autosave.py --preset {args.preset}`, {when}, {users} simulated editors "
        f"({per_state} per State, {states} States), gunicorn {args.workers} gthread workers x "
        f"{args.threads} threads, PostgreSQL (a throwaway database), all on loopback on a "
        f"{os.cpu_count()}-CPU host shared by the load generator. Each editor signs in once "
        f"and opens its section page (`sign_in`, `first_section_page`: start spread over "
        f"{plan.ramp_s:g} s); when all have, {plan.rounds} rounds of: /health, autosave of "
        f"one answer (the whole section form), /health, the section page; "
        f"{plan.think_s[0]:g}-{plan.think_s[1]:g} s pause; {wall:.0f} s in all. Ratios are "
        f"against "
        f"/health in the same run (p50 against p50, p95 against p95). Errors are transport "
        f"failures and 5xx answers.\n\n{summary}\n"
    )


if __name__ == "__main__":
    main()
