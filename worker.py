"""The job worker's composition root, beside ``app.py``: ``huey_consumer worker.huey -w 2``.

It builds the app from the environment (the same variables as the web processes) and hands
its queue to Huey's consumer.
"""

from __future__ import annotations

from app import create_app
from web.jobs import jobs_of

app = create_app()
huey = jobs_of(app).huey
