"""A job worker for the report-part tests: the app's queue and tasks on a bare Flask app, run
by ``huey_consumer tests.secretariat.part_worker.huey`` with the variables below set (no
database: a part needs only the queue and the shared cache)."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from web.jobs import Jobs

NAME_VARIABLE = "ENVSAQ_TEST_HUEY_NAME"
FAILING_VARIABLE = "ENVSAQ_TEST_FAILING_PARTS"


def part_jobs(redis_url: str, name: str, cache: Path) -> Jobs:
    """The tasks of an app whose queue is ``name`` on ``redis_url``, parts into ``cache``."""
    app = Flask(__name__)
    app.config.update(REDIS_URL=redis_url, HUEY_NAME=name, REPORT_CACHE=str(cache),
                      INSTANCE_PATH=str(cache.parent))
    return Jobs(app)


if NAME_VARIABLE in os.environ:
    jobs = part_jobs(os.environ["REDIS_URL"], os.environ[NAME_VARIABLE],
                     Path(os.environ["ENVSAQ_REPORT_CACHE"]))
    if os.environ.get(FAILING_VARIABLE):
        from tests.secretariat.faulty_render import render_failing_on_kenya

        jobs.part_renderer = render_failing_on_kenya
    huey = jobs.huey
