"""Fixtures of the security sweeps (defined in ``tests.security.world``)."""

from tests.security.world import world

__all__ = ["world"]
