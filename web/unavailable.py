"""The answer when something the app depends on is down (the database, the job queue): a 503
page that needs neither the database nor the signed-in user, and one log line."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from web.locale import LANGUAGES, text_direction
from web.navigation import wants_json

RETRY_AFTER_SECONDS = 60


def _language() -> str:
    """The visitor's language without loading the user (that may need the database)."""
    chosen = session.get("lang") if session else None
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def unavailable(detail: str | None = None) -> Response:
    lang = _language()
    with force_locale(lang):
        title = _("The service is temporarily unavailable")
        hint = detail or _("Nothing you saved was lost. Please try again in a few minutes.")
        if wants_json():
            response = jsonify(error="unavailable", detail=hint, status=503)
        else:
            # Rendered without the context processors: they would ask for the signed-in user.
            html = current_app.jinja_env.get_template("errors/unavailable.html").render(
                lang=lang, text_dir=text_direction(lang), title=title, hint=hint,
                stylesheet=url_for("static", filename="envsaq.css"))
            response = Response(html, mimetype="text/html")
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def queue_unavailable() -> Response:
    lang = _language()
    with force_locale(lang):
        detail = _("The job queue is unavailable, so the report was not started. "
                   "Please try again in a few minutes.")
    return unavailable(detail)
