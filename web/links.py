"""Absolute links that go out in mails, built in one place."""

from __future__ import annotations

from flask import url_for


def invitation_link(secret: str) -> str:
    return url_for("auth.accept_invitation", token=secret, _external=True)


def reset_link(secret: str) -> str:
    return url_for("auth.reset_password", token=secret, _external=True)


def response_link(iso3: str, cycle_id: int) -> str:
    return url_for("workspace.overview", iso3=iso3, cycle_id=cycle_id, _external=True)


def home_link() -> str:
    return url_for("home.index", _external=True)
