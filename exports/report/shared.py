"""Rendering parts into a part cache that several workers share (issue #18, all cores).

Any process that can read and write the cache's directory (a local disk, or NFS between
worker machines) may render any part of a build. Before rendering, a worker claims the part
with a ``<key>.claim`` file created exclusively, holding its host, process and the time; the
others skip a claimed part, and the builder waits for it. A claim whose owner is gone (a
process of this host that no longer exists) or that is older than the lease may be taken
over, so a worker that died never holds a part for good. A render that raises leaves
``<key>.failed`` with the reason, so the builder waiting for it can name the part.

Two workers rendering the same part is harmless (the cache's writes are atomic and the part
is the same), so the claims only have to make it rare, not impossible.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from exports.report.render import PartCache, RenderedPart

LEASE_SECONDS = 600.0
"""A claim older than this may be taken over: far longer than any part takes to render."""


def worker_name() -> str:
    """``host:pid`` of this process: who claims, who rendered."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


@dataclass(frozen=True)
class Claim:
    host: str
    pid: int
    at: float
    """Wall-clock time (seconds since the epoch) the claim was made."""

    @property
    def owner(self) -> str:
        return f"{self.host}:{self.pid}"

    def stale(self, lease: float, now: float | None = None) -> bool:
        """Whether it may be taken over: past its lease, or its process (on this host) gone."""
        if (now or time.time()) - self.at > lease:
            return True
        return self.host == socket.gethostname() and not _process_exists(self.pid)


class SharedParts:
    """The claims and failure notes kept beside the parts in a cache directory."""

    def __init__(self, directory: Path | str, lease: float = LEASE_SECONDS) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.lease = lease

    def _path(self, key: str, suffix: str) -> Path:
        return self.directory / f"{key}.{suffix}"

    def holder(self, key: str) -> Claim | None:
        """The part's claim, if any. One being written (empty still) counts as fresh."""
        path = self._path(key, "claim")
        try:
            text = path.read_text(encoding="utf-8")
            made = path.stat().st_mtime
        except OSError:
            return None
        try:
            data = json.loads(text)
            return Claim(str(data["host"]), int(data["pid"]), float(data["at"]))
        except (ValueError, KeyError, TypeError):
            return Claim("", 0, made)

    def claim(self, key: str) -> bool:
        """Claim the part for this process; False while another holds a live claim."""
        path = self._path(key, "claim")
        for _attempt in range(2):
            try:
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                holder = self.holder(key)
                if holder is not None and not holder.stale(self.lease):
                    return False
                self._set_aside(path)
                continue
            host, pid = socket.gethostname(), os.getpid()
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump({"host": host, "pid": pid, "at": time.time()}, file)
            return True
        return False

    def _set_aside(self, path: Path) -> None:
        """Remove a stale claim by renaming it first: of two takers, one rename fails."""
        aside = path.with_name(f"{path.name}.{uuid.uuid4().hex}.stale")
        try:
            os.rename(path, aside)
        except FileNotFoundError:
            return
        aside.unlink(missing_ok=True)

    def release(self, key: str) -> None:
        self._path(key, "claim").unlink(missing_ok=True)

    def record_failure(self, key: str, reason: str) -> None:
        path = self._path(key, "failed")
        temporary = path.with_name(f"{path.name}.{uuid.uuid4().hex}.tmp")
        temporary.write_text(reason, encoding="utf-8")
        os.replace(temporary, path)

    def failure(self, key: str) -> str | None:
        try:
            return self._path(key, "failed").read_text(encoding="utf-8")
        except OSError:
            return None

    def forget_failure(self, key: str) -> None:
        self._path(key, "failed").unlink(missing_ok=True)


@dataclass(frozen=True)
class Outcome:
    """What became of one attempt at a part: ``rendered`` here, ``found`` in the cache,
    ``elsewhere`` (claimed by another worker), or ``failed`` elsewhere (``reason``)."""

    kind: str
    part: RenderedPart | None = None
    reason: str = ""


def render_claimed(render: Callable[[str, str], RenderedPart], directory: Path | str,
                   key: str, html: str, lang: str,
                   lease: float = LEASE_SECONDS) -> Outcome:
    """Render the part into the shared cache unless it is there, failed, or claimed by
    another worker. A render that raises is recorded as the part's failure and raised."""
    cache, shared = PartCache(directory), SharedParts(directory, lease)
    found = cache.get(key)
    if found is not None:
        return Outcome("found", found)
    reason = shared.failure(key)
    if reason is not None:
        return Outcome("failed", reason=reason)
    if not shared.claim(key):
        return Outcome("elsewhere")
    try:
        found = cache.get(key)  # rendered between the look and the claim
        if found is not None:
            return Outcome("found", found)
        part = render(html, lang)
        cache.put(key, part, by=worker_name())
        return Outcome("rendered", part)
    except Exception as error:
        shared.record_failure(key, f"{type(error).__name__}: {error} (on {worker_name()})")
        raise
    finally:
        shared.release(key)
