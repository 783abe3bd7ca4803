"""What the load benchmarks share: a throwaway database, seeded States and editors, gunicorn,
threads of simulated editors, percentiles, and writing one section of docs/benchmarks.md.

Everything runs on loopback; databases are created for the run and dropped after it.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text

from testing.editors import Editor, Timing
from testing.live_server import gunicorn_servers, server_environment

REPO_ROOT = Path(__file__).resolve().parent.parent

PASSWORD = "load test passphrase 2026"  # noqa: S105  (a throwaway database's users)
BENCHMARKS_MD = REPO_ROOT / "docs" / "benchmarks.md"
ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A new PostgreSQL database for the run (dropped afterwards, even on failure)."""
    name = "envsaq_bench_" + uuid.uuid4().hex[:12]
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass(frozen=True)
class Seeded:
    cycle_id: int
    #: (email, State, section key, form field of a free-text question in that section)
    editors: list[tuple[str, str, str, str]]


def seed(database_url: str, instance: Path, states: int, per_state: int) -> Seeded:
    """Schema, registry, the questionnaire, one open cycle for ``states`` States and
    ``per_state`` editors each (a focal point, then contributors on other sections)."""
    os.environ["ENVSAQ_INSTANCE_PATH"] = str(instance)
    from sqlalchemy import select

    from app import create_app
    from models import Membership, Role, State, User, db
    from questionnaire.fields.base import field_name
    from services.cycles import create_cycle
    from services.definitions import DEFAULT_DEFINITION, definition_of, publish
    from services.registry import load_states
    from web.accounts.passwords import hash_password
    from web.bootstrap import upgrade_to_head

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "INSTANCE_PATH": str(instance),
                      "AUTO_MIGRATE": False, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade_to_head()
        load_states()
        version, _ = publish(DEFAULT_DEFINITION)
        definition = definition_of(version)
        codes = list(db.session.scalars(select(State.iso3).order_by(State.iso3)))[:states]
        cycle = create_cycle("Load test cycle", version, date(2026, 12, 31), codes, None)
        texts = [(s.key, field_name(q.key)) for s in definition.sections for q in s.questions
                 if q.type in ("short_text", "long_text") and q.relevant_expr is None]
        first: dict[str, str] = {}
        for key, name in texts:
            first.setdefault(key, name)
        first_per_section = list(first.items())
        shared_hash = hash_password(PASSWORD)
        editors = []
        for iso3 in codes:
            for n in range(per_state):
                role = Role.FOCAL_POINT if n == 0 else Role.CONTRIBUTOR
                section, field = first_per_section[n % len(first_per_section)]
                email = f"{role.value}.{n}.{iso3.lower()}@load.example"
                user = User(email=email, name=email, password_hash=shared_hash)
                user.memberships.append(Membership(role=role, state_iso3=iso3,
                                                   sections=[] if n == 0 else [section]))
                db.session.add(user)
                editors.append((email, iso3, section, field))
        db.session.commit()
        cycle_id = cycle.id
        db.session.remove()
        db.engine.dispose()
    return Seeded(cycle_id, editors)


@contextlib.contextmanager
def running_app(database_url: str, instance: Path, workers: int, threads: int
                ) -> Iterator[str]:
    env = server_environment(database_url, instance, ENVSAQ_JOBS_IMMEDIATE="0")
    # Keep-alive as a proxy in front would keep it (nginx: 60-75 s); with gunicorn's 2 s, a
    # client pausing longer meets connections closed under it, which browsers retry silently.
    with gunicorn_servers(1, env, instance, workers=workers, threads=threads,
                          keep_alive_s=75) as (base,):
        yield base


@dataclass
class Plan:
    rounds: int  # section page + autosave + /health, this many times per editor
    think_s: tuple[float, float]  # pause between rounds (uniform)
    ramp_s: float  # editors start spread over this many seconds
    deadline_s: float  # nothing new is started after this


def run_editors(base: str, seeded: Seeded, plan: Plan, limit: int | None = None
                ) -> tuple[list[Timing], float]:
    """Every editor in its own thread; returns every request's timing and the wall time."""
    editors = [Editor(base, email, PASSWORD, iso3, seeded.cycle_id, section)
               for email, iso3, section, _field in seeded.editors[:limit]]
    fields = {email: field for email, _s, _k, field in seeded.editors}
    started = time.monotonic()
    stop_at = started + plan.deadline_s
    rng = random.Random(7)  # the same schedule on every run
    delays = [rng.uniform(0, plan.ramp_s) for _ in editors]
    pauses = [[rng.uniform(*plan.think_s) for _ in range(plan.rounds)] for _ in editors]

    # Measured rounds start once every editor has signed in and opened its page: argon2id
    # sign-ins are made to be slow, and pages opened during that storm would measure it.
    ready = threading.Barrier(len(editors))

    def work(editor: Editor, delay: float, waits: list[float]) -> None:
        time.sleep(delay)
        try:
            signed_in = editor.sign_in() and editor.load_section("first_section_page")
        finally:
            with contextlib.suppress(threading.BrokenBarrierError):
                ready.wait(timeout=plan.deadline_s)
        if not signed_in:
            return
        for n, wait in enumerate(waits):
            if time.monotonic() > stop_at:
                return
            editor.health()
            editor.autosave(fields[editor.email], f"{editor.email} round {n}")
            editor.health()
            editor.load_section()
            time.sleep(wait)

    threads = [threading.Thread(target=work, args=(e, d, p), daemon=True)
               for e, d, p in zip(editors, delays, pauses, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=plan.deadline_s + 300)
    return [t for e in editors for t in e.timings], time.monotonic() - started


def percentiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        value = values[0] if values else float("nan")
        return value, value
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return statistics.median(values), cuts[94]


@dataclass(frozen=True)
class Row:
    kind: str
    count: int
    errors: int
    p50_ms: float
    p95_ms: float
    p50_ratio: float
    p95_ratio: float
    statuses: str


def summarise(timings: list[Timing]) -> list[Row]:
    """Per kind of request: count, errors (transport failures and 5xx), percentiles in ms and
    as ratios against /health in the same run."""
    base50, base95 = percentiles([t.seconds for t in timings if t.kind == "health"
                                  and t.status == 200])
    rows = []
    for kind in ("health", "section_page", "autosave", "sign_in", "first_section_page"):
        chosen = [t for t in timings if t.kind == kind]
        if not chosen:
            continue
        p50, p95 = percentiles([t.seconds for t in chosen if t.status and t.status < 500])
        counts: dict[int, int] = {}
        for t in chosen:
            counts[t.status] = counts.get(t.status, 0) + 1
        rows.append(Row(kind, len(chosen), sum(1 for t in chosen if t.error or t.status == 0),
                        p50 * 1000, p95 * 1000, p50 / base50, p95 / base95,
                        ", ".join(f"{s or 'failed'}: {c}" for s, c in sorted(counts.items()))))
    return rows


def error_kinds(timings: list[Timing]) -> str:
    """The distinct failures, counted (the first words of each)."""
    counts: dict[str, int] = {}
    for t in timings:
        if t.error:
            kind = re.sub(r"0x[0-9a-f]+|\d+", "N", t.error)[:90]
            counts[kind] = counts.get(kind, 0) + 1
    return "; ".join(f"{n} x {kind}" for kind, n in sorted(counts.items(), key=lambda i: -i[1]))


def table(rows: list[Row]) -> str:
    lines = ["| request | count | errors | p50 ms | p95 ms | p50 / health | p95 / health | "
             "statuses |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    lines += [f"| {r.kind} | {r.count} | {r.errors} | {r.p50_ms:.0f} | {r.p95_ms:.0f} | "
              f"{r.p50_ratio:.2f} | {r.p95_ratio:.2f} | {r.statuses} |" for r in rows]
    return "\n".join(lines)


def write_section(title: str, body: str, path: Path = BENCHMARKS_MD) -> None:
    """Replace (or append) the ``## title`` section of docs/benchmarks.md, nothing else."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _m: block + "\n", current, count=1)
    else:
        updated = current.rstrip("\n") + "\n\n" + block
    path.write_text(updated.rstrip("\n") + "\n", encoding="utf-8")
