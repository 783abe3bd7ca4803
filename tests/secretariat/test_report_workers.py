"""The compiled report on several workers (issue #18, all cores): with Redis, each part a build
needs is also a ``render_report_part`` job that any worker sharing the queue and the part
cache may render; the build renders here what no other worker has claimed, waits for the
rest, and takes over a claim whose worker died."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis

from exports.report.build import PartsFailed, build_report, render_parts
from exports.report.parts import Part
from exports.report.render import part_key
from exports.report.shared import SharedParts, worker_name
from tests.secretariat import part_worker
from tests.secretariat.faulty_render import render_slowly
from tests.secretariat.report_data import model
from web.jobs import Jobs, PartDispatch

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/14"
CEILING = 120
"""Seconds any build here may take (against hangs only)."""


def tiny_parts(count: int, word: str = "Part") -> list[Part]:
    return [Part(f"part-{number}", f"<p>{word} {number}</p>" + "<p>line</p>" * number)
            for number in range(1, count + 1)]


def within_ceiling(call: Callable[[], Any]) -> Any:
    """``call()``, stopped by an alarm past the ceiling. Not in a thread of its own: the
    report's fork server dies with the thread that started it (a parent-death signal is
    sent when the parent thread ends), and later builds of this process would find it gone."""
    def overrun(signum: int, frame: Any) -> None:
        raise TimeoutError(f"not done within {CEILING} s")

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.alarm(CEILING)
    try:
        return call()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def rendered_by(cache: Path) -> dict[str, str]:
    """Part key -> ``host:pid`` that rendered it."""
    return {path.stem: json.loads(path.read_text())["by"] for path in cache.glob("*.json")}


@pytest.fixture
def queue_name(tmp_path) -> Iterator[str]:
    """A queue of the test's own on the Redis server (skipped without one)."""
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError:
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    name = f"envsaq-test-{uuid.uuid4().hex[:12]}"
    yield name
    part_worker.part_jobs(REDIS_URL, name, tmp_path).huey.storage.flush_all()


@dataclass
class Worker:
    process: subprocess.Popen
    jobs: Jobs
    """The same queue, seen from the test: ``PartDispatch(jobs)`` hands parts to the worker."""

    @property
    def name(self) -> str:
        return f"{socket.gethostname()}:{self.process.pid}"


def wait_for(condition: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + CEILING
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"no {what} within {CEILING} s")


@pytest.fixture
def start_worker(queue_name, tmp_path) -> Iterator[Callable[..., Worker]]:
    """A second job worker (``huey_consumer``, two threads) on the test's queue, rendering
    into ``tmp_path / "shared"``; ready once it rendered a first part."""
    started: list[subprocess.Popen] = []
    cache = tmp_path / "shared"

    def start(failing: bool = False) -> Worker:
        env = {**os.environ, "REDIS_URL": REDIS_URL, part_worker.NAME_VARIABLE: queue_name,
               "ENVSAQ_REPORT_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
        if failing:
            env[part_worker.FAILING_VARIABLE] = "1"
        consumer = Path(sys.executable).with_name("huey_consumer")
        process = subprocess.Popen([str(consumer), "tests.secretariat.part_worker.huey",
                                    "-w", "2", "-n"], cwd=ROOT, env=env)
        started.append(process)
        worker = Worker(process, part_worker.part_jobs(REDIS_URL, queue_name, cache))
        warm_up = f"<p>{uuid.uuid4().hex}</p>"
        key = part_key(warm_up, "en")
        worker.jobs.render_report_part(key, warm_up, "en")
        wait_for(lambda: rendered_by(cache).get(key) == worker.name, "part from the worker")
        (cache / f"{key}.json").unlink()
        return worker

    yield start
    for process in started:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.slow
def test_a_second_worker_renders_parts_and_the_report_is_the_same(start_worker, tmp_path):
    from tests.exports.pdf_inspect import pdftotext_pages

    worker = start_worker()
    report = model(("KEN",))
    shared = within_ceiling(lambda: build_report(
        report, cache_dir=tmp_path / "shared", workers=1, render=render_slowly,
        dispatch=PartDispatch(worker.jobs)))
    by = rendered_by(tmp_path / "shared")
    assert shared.parts_elsewhere > 0 and shared.parts_rendered > 0
    assert sum(1 for name in by.values() if name == worker.name) == shared.parts_elsewhere
    assert shared.parts_rendered + shared.parts_elsewhere == len(by)

    local = within_ceiling(lambda: build_report(report, cache_dir=tmp_path / "local"))
    assert shared.pages == local.pages
    assert pdftotext_pages(shared.pdf) == pdftotext_pages(local.pdf)


def test_with_no_other_worker_the_build_renders_every_part_itself(queue_name, tmp_path):
    """The queue's only worker may be the one building (no deadlock): the parts wait in the
    queue, and find themselves rendered when a worker takes them."""
    jobs = part_worker.part_jobs(REDIS_URL, queue_name, tmp_path / "shared")
    parts = tiny_parts(4)
    result = within_ceiling(lambda: render_parts(
        parts, "en", cache_dir=tmp_path / "shared", workers=2, dispatch=PartDispatch(jobs)))
    assert (result.rendered, result.cached, result.elsewhere) == (4, 0, 0)
    assert [part.pages for part in result.parts] == [1, 1, 1, 1]
    assert jobs.huey.pending_count() == 4

    drawn = rendered_by(tmp_path / "shared")
    assert len(drawn) == 4
    jobs.huey.execute(jobs.huey.dequeue())  # a worker free at last: nothing left to draw
    assert rendered_by(tmp_path / "shared") == drawn


def write_claim(cache: Path, key: str, host: str, pid: int, at: float) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    (cache / f"{key}.claim").write_text(json.dumps({"host": host, "pid": pid, "at": at}))


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_claim_of_a_worker_that_died_is_taken_over(tmp_path):
    cache = tmp_path / "shared"
    first, second, _free = parts = tiny_parts(3)
    # Another machine's worker claimed it a moment ago and died: its lease must run out.
    write_claim(cache, part_key(first.html, "en"), "another-host", 4242, time.time())
    # A worker of this machine whose process is gone: taken over at once.
    write_claim(cache, part_key(second.html, "en"), socket.gethostname(), dead_pid(),
                time.time())
    assert not SharedParts(cache, lease=600).claim(part_key(first.html, "en"))

    handed_out: list[str] = []
    result = within_ceiling(lambda: render_parts(
        parts, "en", cache_dir=cache, workers=1, lease=2,
        dispatch=lambda key, html, lang: handed_out.append(key)))
    assert (result.rendered, result.elsewhere) == (3, 0)
    assert len(handed_out) == 3
    assert set(rendered_by(cache)) == set(handed_out)
    assert not list(cache.glob("*.claim"))


def test_a_part_failing_on_another_worker_is_named_and_a_retry_renders_only_it(
        start_worker, tmp_path):
    worker = start_worker(failing=True)
    cache = tmp_path / "shared"
    kenya = Part("annex-states-1", '<h1 id="chapter-annex_states">Annex</h1><p>Kenya</p>',
                 states=("Kenya [KEN]",))
    parts = [*tiny_parts(2), kenya]
    queue = PartDispatch(worker.jobs)

    def dispatch_and_wait(key: str, html: str, lang: str) -> None:
        """Each part is the worker's: handed out, then drawn (or failed) before the build
        here looks at it."""
        queue(key, html, lang)
        wait_for(lambda: (cache / f"{key}.json").exists() or (cache / f"{key}.failed")
                 .exists(), "part from the worker")

    with pytest.raises(PartsFailed) as failed:
        within_ceiling(lambda: render_parts(parts, "en", cache_dir=cache, workers=1,
                                            dispatch=dispatch_and_wait))
    assert str(failed.value) == (f"part annex-states-1 (Kenya [KEN]) failed: ValueError: "
                                 f"this part cannot be drawn (on {worker.name})")
    assert sorted(rendered_by(cache).values()) == [worker.name] * 2

    handed_out: list[str] = []
    retry = within_ceiling(lambda: render_parts(
        parts, "en", cache_dir=cache, workers=1,
        dispatch=lambda key, html, lang: handed_out.append(key)))
    assert (retry.rendered, retry.cached) == (1, 2)
    assert handed_out == [part_key(kenya.html, "en")]
    assert rendered_by(cache)[handed_out[0]] != worker.name


# The subject is the configuration and the job's directory, not the database.
@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_part_job_renders_into_the_configured_shared_directory(make_app, tmp_path,
                                                                    monkeypatch):
    from web.config import load_config
    from web.jobs import jobs_of, part_dispatch, report_cache

    shared = tmp_path / "nfs" / "report-parts"
    monkeypatch.setenv("ENVSAQ_REPORT_CACHE", str(shared))
    assert load_config()["REPORT_CACHE"] == str(shared)
    app = make_app(schema=False)
    assert report_cache(app) == shared
    assert part_dispatch(app) is None  # the embedded queue: the build's own processes only

    html = "<p>One part</p>"
    jobs_of(app).render_report_part.call_local(part_key(html, "en"), html, "en")
    assert rendered_by(shared) == {part_key(html, "en"): worker_name()}
    app.config["REDIS_URL"] = REDIS_URL
    assert isinstance(part_dispatch(app), PartDispatch)


@pytest.mark.slow
def test_with_redis_a_report_job_hands_its_parts_to_the_queue(make_app, queue_name):
    from models import JobStatus, db
    from services.reports import clean_options, create_job
    from web.cli.demo_states import ensure_cycle, ensure_version
    from web.jobs import jobs_of, report_cache
    from web.report_jobs import run_job

    app = make_app(REDIS_URL=REDIS_URL, HUEY_NAME=queue_name)
    with app.app_context():
        cycle = ensure_cycle(ensure_version(), None, only=["KEN"])
        job = create_job(cycle, clean_options(lang="en"), None)
        db.session.commit()
        job = within_ceiling(lambda: run_job(job.id, workers=1))
        assert job.status is JobStatus.DONE, job.error
    queued = jobs_of(app).huey.pending()
    assert queued and {task.name for task in queued} == {"render_report_part"}
    assert len(list(report_cache(app).glob("*.json"))) == len(queued)
