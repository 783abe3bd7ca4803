"""The version this process runs, so that a web process and a worker on different code show."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version


@cache
def app_version() -> str:
    try:
        return version("envsaq")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"
