"""Fixtures of the security sweeps (the world is defined in ``tests.security.world``)."""

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.security.fixed_pdf import fixed_pdf
from tests.security.world import world

__all__ = ["app", "world"]


@pytest.fixture
def app(make_app) -> Iterator[Flask]:
    """The sweeps' app: PDF downloads answer with a fixed small PDF (they test access)."""
    app = make_app(PDF_RENDERER=fixed_pdf)
    with app.app_context():
        yield app
