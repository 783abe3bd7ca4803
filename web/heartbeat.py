"""The job worker's heartbeat: a small file in the instance folder, written every minute by the
worker (with its version and process id) and read by ``/ready``."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

from models import utcnow
from web.version import app_version

FILE_NAME = "worker-heartbeat.json"
STALE_AFTER = timedelta(minutes=3)
"""The worker beats every minute; three missed beats mean it is gone."""


def beat(instance_path: str | Path) -> None:
    path = Path(instance_path) / FILE_NAME
    partial = path.with_suffix(".part")
    partial.write_text(json.dumps({"at": utcnow().isoformat(), "version": app_version(),
                                   "pid": os.getpid()}))
    partial.replace(path)


def last_beat(instance_path: str | Path) -> dict | None:
    """The last heartbeat (``at`` as a datetime), or None when no worker ever beat here."""
    try:
        data = json.loads((Path(instance_path) / FILE_NAME).read_text())
    except (OSError, ValueError):
        return None
    data["at"] = datetime.fromisoformat(data["at"])
    return data
