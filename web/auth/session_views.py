"""The user's own sessions: where they are signed in, and ending the others."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from services import audit
from services.sessions import end_session, session_of, sessions_of
from web.accounts import sessions as request_sessions
from web.auth import bp
from web.guard import guarded


@bp.get("/account/sessions")
@guarded()
def sessions():
    return render_template("auth/sessions.html", sessions=sessions_of(current_user),
                           current=request_sessions.current_session(), form=FlaskForm())


@bp.post("/account/sessions/<int:session_id>/end")
@guarded()
def end_one_session(session_id: int):
    row = session_of(current_user, session_id)
    if row is None:
        abort(404)
    if FlaskForm().validate_on_submit():
        end_session(row)
        audit.record("session.ended", object_type="user_session", object_id=session_id)
        flash(_("That session has ended."), "success")
    return redirect(url_for("auth.sessions"))


@bp.post("/account/sessions/end-others")
@guarded()
def end_other_sessions():
    if FlaskForm().validate_on_submit():
        count = request_sessions.end_other_sessions(current_user)
        audit.record("session.ended_others", count=count)
        flash(_("You are now signed out everywhere else."), "success")
    return redirect(url_for("auth.sessions"))
