"""Sign-in throttling: failures per account and per address in a sliding window.

Counters live in the database, or in Redis when ``REDIS_URL`` is set, so that every app
process sees the same numbers.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from functools import cache
from typing import Protocol

from flask import current_app
from sqlalchemy import delete, func, select

from models import SignInFailure, db, utcnow

log = logging.getLogger(__name__)


class FailureStore(Protocol):
    def count(self, key: str, window_s: int) -> int: ...
    def add(self, key: str) -> None: ...
    def clear(self, key: str) -> None: ...


class DatabaseFailureStore:
    def count(self, key: str, window_s: int) -> int:
        since = utcnow() - timedelta(seconds=window_s)
        stmt = select(func.count()).where(
            SignInFailure.key == key, SignInFailure.occurred_at > since
        )
        return db.session.scalar(stmt) or 0

    def add(self, key: str) -> None:
        db.session.add(SignInFailure(key=key))
        # Committed at once: a failed attempt must count even if the request fails later.
        db.session.commit()

    def clear(self, key: str) -> None:
        db.session.execute(delete(SignInFailure).where(SignInFailure.key == key))


class RedisFailureStore:
    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)

    def count(self, key: str, window_s: int) -> int:
        name = f"envsaq:signin:{key}"
        now = time.time()
        self._redis.zremrangebyscore(name, 0, now - window_s)
        return int(self._redis.zcard(name))

    def add(self, key: str) -> None:
        name = f"envsaq:signin:{key}"
        now = time.time()
        pipe = self._redis.pipeline()
        pipe.zadd(name, {f"{now}:{id(pipe)}": now})
        pipe.expire(name, 24 * 3600)
        pipe.execute()

    def clear(self, key: str) -> None:
        self._redis.delete(f"envsaq:signin:{key}")


class FallbackFailureStore:
    """Redis, and the database counters when Redis cannot be reached: an outage of Redis
    neither locks everyone out nor lifts the throttle (the database counts meanwhile)."""

    def __init__(self, primary: FailureStore) -> None:
        self._primary = primary
        self._fallback = DatabaseFailureStore()

    def _call(self, name: str, *args):
        import redis

        try:
            return getattr(self._primary, name)(*args)
        except redis.RedisError as error:
            log.warning("Redis unreachable (%s); sign-in throttle uses the database", error)
            return getattr(self._fallback, name)(*args)

    def count(self, key: str, window_s: int) -> int:
        return self._call("count", key, window_s)

    def add(self, key: str) -> None:
        self._call("add", key)

    def clear(self, key: str) -> None:
        self._call("clear", key)


@cache
def _redis_store(url: str) -> FailureStore:
    return FallbackFailureStore(RedisFailureStore(url))


def failure_store() -> FailureStore:
    url = current_app.config.get("REDIS_URL")
    return _redis_store(url) if url else DatabaseFailureStore()


def throttle_keys(email: str, address: str | None) -> list[str]:
    keys = [f"account:{email.strip().lower()}"]
    if address:
        keys.append(f"address:{address}")
    return keys


def is_throttled(email: str, address: str | None) -> bool:
    store = failure_store()
    limit = current_app.config["THROTTLE_MAX_FAILURES"]
    window = current_app.config["THROTTLE_WINDOW_MINUTES"] * 60
    return any(store.count(key, window) >= limit for key in throttle_keys(email, address))


def record_failure(email: str, address: str | None) -> None:
    store = failure_store()
    for key in throttle_keys(email, address):
        store.add(key)


def clear_account(email: str) -> None:
    failure_store().clear(throttle_keys(email, None)[0])
