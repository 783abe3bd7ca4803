"""The suite's xdist groups hold: tests that share an expensive module fixture, a Redis
database or a built report run on one worker (``make test`` runs ``--dist loadgroup``)."""

from __future__ import annotations

import pytest


@pytest.mark.xdist_group("group-probe")
def test_a_grouped_test_is_scheduled_with_its_group(request):
    if not getattr(request.config.option, "loadgroup", False):
        assert request.config.getvalue("dist") != "loadgroup"  # a plain run: nothing to group
        return
    # pytest-xdist groups by a suffix on the node id; pytest 9.2 silently dropped it.
    assert request.node.nodeid.endswith("@group-probe"), request.node.nodeid
