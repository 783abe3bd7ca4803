"""Sign-in throttling that stops guessing without letting anyone lock a ministry out.

Failures are counted in a sliding window under three keys:

- per (account, address): after ``THROTTLE_MAX_FAILURES`` (5) this address may not try
  this account again until the window ends;
- per account, from anywhere: after the same number, each further attempt must wait a delay
  that doubles with every failure (capped at ``THROTTLE_MAX_DELAY_SECONDS``), so a guesser
  elsewhere slows the account down but cannot shut it;
- per address, for all accounts: a much higher limit (``THROTTLE_MAX_FAILURES_PER_ADDRESS``,
  50), so one office behind a NAT is not locked out by a colleague's typos.

A successful sign-in (after the second factor) or a password change clears the account's
counts. Counters live in the database, or in Redis when ``REDIS_URL`` is set, so that every
app process sees the same numbers; records older than a day are deleted.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import timedelta
from functools import cache
from typing import Protocol

from flask import current_app
from sqlalchemy import delete, func, select

from models import SignInFailure, db, utcnow

log = logging.getLogger(__name__)

#: Records are kept this long at most (longer than any window).
RETENTION_S = 24 * 3600


class FailureStore(Protocol):
    def count(self, key: str, window_s: int) -> int: ...
    def newest(self, key: str) -> float | None: ...
    def add(self, key: str) -> None: ...
    def clear(self, key: str) -> None: ...


class DatabaseFailureStore:
    def count(self, key: str, window_s: int) -> int:
        since = utcnow() - timedelta(seconds=window_s)
        stmt = select(func.count()).where(
            SignInFailure.key == key, SignInFailure.occurred_at > since
        )
        return db.session.scalar(stmt) or 0

    def newest(self, key: str) -> float | None:
        newest = db.session.scalar(select(func.max(SignInFailure.occurred_at))
                                   .where(SignInFailure.key == key))
        return newest.timestamp() if newest else None

    def add(self, key: str) -> None:
        db.session.execute(delete(SignInFailure).where(
            SignInFailure.occurred_at < utcnow() - timedelta(seconds=RETENTION_S)))
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

    def newest(self, key: str) -> float | None:
        newest = self._redis.zrange(f"envsaq:signin:{key}", -1, -1, withscores=True)
        return float(newest[0][1]) if newest else None

    def add(self, key: str) -> None:
        name = f"envsaq:signin:{key}"
        now = time.time()
        pipe = self._redis.pipeline()
        pipe.zadd(name, {f"{now}:{id(pipe)}": now})
        pipe.zremrangebyscore(name, 0, now - RETENTION_S)
        pipe.expire(name, RETENTION_S)
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

    def newest(self, key: str) -> float | None:
        return self._call("newest", key)

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


def _account(email: str) -> str:
    return f"account:{email.strip().lower()}"


def _pair(email: str, address: str | None) -> str:
    return f"pair:{email.strip().lower()}|{address or '-'}"


def _address(address: str | None) -> str:
    return f"address:{address or '-'}"


def wait_seconds(email: str, address: str | None) -> int:
    """How long this address must wait before trying this account again (0: it may try)."""
    config = current_app.config
    store = failure_store()
    limit = config["THROTTLE_MAX_FAILURES"]
    window = config["THROTTLE_WINDOW_MINUTES"] * 60
    waits = [0]
    if (store.count(_pair(email, address), window) >= limit
            or store.count(_address(address), window)
            >= config["THROTTLE_MAX_FAILURES_PER_ADDRESS"]):
        waits.append(window)  # at most a window; the oldest failure may leave sooner
    failures = store.count(_account(email), window)
    if failures >= limit:
        delay = min(2 ** (failures - limit), config["THROTTLE_MAX_DELAY_SECONDS"])
        newest = store.newest(_account(email)) or 0
        waits.append(math.ceil(newest + delay - time.time()))
    return max(waits)


def is_throttled(email: str, address: str | None) -> bool:
    return wait_seconds(email, address) > 0


def record_failure(email: str, address: str | None) -> None:
    store = failure_store()
    for key in (_account(email), _pair(email, address), _address(address)):
        store.add(key)


def clear_account(email: str) -> None:
    """Forget the account's failures (signed in, or a new password was set)."""
    store = failure_store()
    store.clear(_account(email))


def allow_reset_request(email: str, address: str | None) -> bool:
    """Count a password-reset request; False beyond the per-account or per-address limit."""
    config = current_app.config
    store = failure_store()
    account, by_address = f"reset:{_account(email)}", f"reset:{_address(address)}"
    allowed = (store.count(account, 3600) < config["RESET_MAX_PER_ACCOUNT"]
               and store.count(by_address, 3600) < config["RESET_MAX_PER_ADDRESS"])
    store.add(account)
    store.add(by_address)
    return allowed


#: Checks on /verify per address in ``VERIFY_WINDOW_S`` (each reads a file of up to 20 MB).
VERIFY_MAX_PER_ADDRESS = 30
VERIFY_WINDOW_S = 600


def allow_verification(address: str | None) -> bool:
    """Count a check on /verify; False beyond ``VERIFY_MAX_PER_ADDRESS`` in the window."""
    store = failure_store()
    key = f"verify:{_address(address)}"
    allowed = store.count(key, VERIFY_WINDOW_S) < VERIFY_MAX_PER_ADDRESS
    store.add(key)
    return allowed
