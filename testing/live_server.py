"""Real server processes (gunicorn) on free loopback ports, for tests across processes."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(database_url: str, instance: Path, **extra: str) -> dict[str, str]:
    """The environment of a server process on the test's database (schema already made)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "ENVSAQ_ENV", "SECRET_KEY")}
    env.update({
        "DATABASE_URL": database_url,
        "ENVSAQ_INSTANCE_PATH": str(instance),
        "SECRET_KEY": "shared-by-every-process-of-the-test",
        "ENVSAQ_AUTO_MIGRATE": "0",
        "ENVSAQ_JOBS_IMMEDIATE": "1",
        "PYTHONPATH": str(ROOT),
    })
    env.update(extra)
    return env


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url + "/health", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not start:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def gunicorn_servers(count: int, env: Mapping[str, str], log_dir: Path, *, workers: int = 1,
                     threads: int = 4, keep_alive_s: int = 2) -> Iterator[list[str]]:
    """``count`` separate gunicorn masters (gthread workers); yields their base URLs."""
    processes: list[subprocess.Popen] = []
    urls: list[str] = []
    try:
        for n in range(count):
            port = free_port()
            log = log_dir / f"server-{n}.log"
            with log.open("wb") as out:
                processes.append(subprocess.Popen(
                    [str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                     "--worker-class", "gthread", "--threads", str(threads),
                     "--timeout", "120", "--keep-alive", str(keep_alive_s),
                     "app:create_app()"],
                    cwd=ROOT, env=dict(env), stdout=out, stderr=subprocess.STDOUT))
            urls.append(f"http://127.0.0.1:{port}")
        for url, process, n in zip(urls, processes, range(count), strict=True):
            _wait_until_up(url, process, log_dir / f"server-{n}.log", timeout_s=60)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
