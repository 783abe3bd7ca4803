"""The start page: each user is sent to where their work is."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from models import Cycle, CycleStatus, Response, db
from web.guard import public
from web.home import bp


@bp.route("/")
@public
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.sign_in"))
    codes = current_user.state_codes
    responses = []
    if codes:
        responses = db.session.scalars(
            select(Response).join(Cycle)
            .where(Response.state_iso3.in_(codes), Cycle.status == CycleStatus.OPEN)
            .order_by(Cycle.created_at.desc(), Response.state_iso3)).all()
    return render_template("home/index.html", responses=responses)


@bp.route("/favicon.ico")
@public
def favicon():
    """Browsers ask for this path before reading the page's icon link."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)
