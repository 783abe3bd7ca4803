"""Support code shared by ``tests/`` and ``bench/`` (neither imports the other): forms read as a
browser sends them, live servers (gunicorn processes and an in-process thread), simulated
editors and sample submissions."""
