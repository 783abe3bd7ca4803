"""The start page: each user is sent to where their work is."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user

from services.cycles import open_responses
from web.guard import public
from web.home import bp


@bp.route("/")
@public
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.sign_in"))
    return render_template("home/index.html",
                           responses=open_responses(current_user.state_codes))


@bp.route("/favicon.ico")
@public
def favicon():
    """Browsers ask for this path before reading the page's icon link."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)
