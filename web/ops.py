"""Probes for operators: ``/health`` (liveness), ``/ready`` (dependencies) and ``/metrics``.

``/health`` touches nothing: it answers as long as the process serves requests (for the load
balancer). ``/ready`` checks the database, Redis when configured, the worker's heartbeat and the
free space in the instance folder (for monitoring). Both answer JSON, 200 or 503.
"""

from __future__ import annotations

import hmac
import logging
import shutil
from typing import Any

from flask import Blueprint, Flask, abort, current_app, jsonify, request
from sqlalchemy import text

from models import db, utcnow
from web.guard import public
from web.heartbeat import STALE_AFTER, last_beat
from web.version import app_version

log = logging.getLogger(__name__)
bp = Blueprint("ops", __name__)


@bp.route("/health")
@public
def health():
    return jsonify(status="ok", version=app_version())


def _database() -> dict[str, Any]:
    try:
        db.session.execute(text("SELECT 1"))
        return {"ok": True}
    except Exception as error:
        db.session.rollback()
        log.warning("ready: database unreachable: %s", type(error).__name__)
        return {"ok": False, "error": type(error).__name__}


def _redis(url: str | None) -> dict[str, Any] | None:
    if not url:
        return None
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
        return {"ok": True}
    except redis.RedisError as error:
        log.warning("ready: Redis unreachable: %s", error)
        return {"ok": False, "error": type(error).__name__}


def _worker(app: Flask) -> dict[str, Any]:
    if app.config.get("HUEY_IMMEDIATE"):
        return {"ok": True, "mode": "immediate"}
    beat = last_beat(app.config["INSTANCE_PATH"])
    if beat is None:
        return {"ok": False, "error": "no heartbeat yet: is a job worker running?"}
    age = utcnow() - beat["at"]
    return {"ok": age <= STALE_AFTER, "last_heartbeat": beat["at"].isoformat(),
            "seconds_ago": int(age.total_seconds()), "version": beat.get("version")}


def _disk(app: Flask) -> dict[str, Any]:
    free_mb = shutil.disk_usage(app.config["INSTANCE_PATH"]).free // (1024 * 1024)
    return {"ok": free_mb >= app.config["MIN_FREE_MB"], "free_mb": free_mb,
            "min_free_mb": app.config["MIN_FREE_MB"]}


@bp.route("/ready")
@public
def ready():
    app = current_app._get_current_object()
    checks = {"database": _database(), "redis": _redis(app.config.get("REDIS_URL")),
              "worker": _worker(app), "disk": _disk(app)}
    checks = {name: check for name, check in checks.items() if check is not None}
    ok = all(check["ok"] for check in checks.values())
    return jsonify(status="ok" if ok else "unavailable", version=app_version(),
                   checks=checks), 200 if ok else 503


@bp.route("/metrics")
@public  # guarded by its own bearer token (ENVSAQ_METRICS_TOKEN); absent without one
def metrics():
    from web.metrics import prometheus_text

    token = current_app.config.get("METRICS_TOKEN")
    if not token:
        abort(404)
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        return jsonify(error="unauthorized"), 401, {"WWW-Authenticate": "Bearer"}
    return prometheus_text(), 200, {"Content-Type": "text/plain; version=0.0.4; charset=utf-8"}
