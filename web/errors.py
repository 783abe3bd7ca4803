"""Error pages that say what happened and leak nothing of the inside."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from flask import Flask, Response, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, SecurityError

from models import db
from services.errors import DomainError
from web.guard import UncheckedObjectAccess
from web.navigation import wants_json
from web.unavailable import unavailable

log = logging.getLogger(__name__)

SECRET_FIELDS = frozenset({"csrf_token", "password", "password_confirm", "new_password", "code"})


#: The title and hint of each error page, translated when a page is shown (only its own two).
MESSAGES: dict[int, tuple[LazyString, LazyString]] = {
    400: (_l("The request could not be understood"), _l("Please go back and try again.")),
    403: (_l("You do not have access to this page"),
          _l("If you think you should, contact your focal point or the secretariat.")),
    404: (_l("Page not found"), _l("Check the address, or go back to the start page.")),
    405: (_l("This action is not allowed here"), _l("Please go back and try again.")),
    409: (_l("Your change could not be saved"),
          _l("Someone else changed this at the same moment, or it is locked for review. "
            "Reload the page to see it as it is now, then make your change again.")),
    413: (_l("The file is too large"), _l("Choose a smaller file and try again.")),
    429: (_l("Too many attempts"),
          _l("For your protection, wait 15 minutes before trying to sign in again.")),
    500: (_l("Something went wrong on our side"),
          _l("Nothing you saved was lost. Please try again in a moment.")),
}


def _same_origin() -> bool:
    """Whether the refused POST came from one of this site's own pages.

    Browsers say so in ``Sec-Fetch-Site``, or at least in ``Origin``; a request with neither
    comes from no browser page at all.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.host


#: The shape of this application's own field names; a crafted page can post anything.
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,120}")


def _typed_values() -> list[tuple[str, str]]:
    """What the user sent in a refused form, so that a CSRF failure loses none of it.

    Only for the site's own pages, and only fields shaped like ours: a cross-site POST must
    not be able to put its own text on our error page (security review 11).
    """
    if request.method != "POST" or request.is_json or not _same_origin():
        return []
    return [
        (key, value)
        for key, value in request.form.items(multi=True)
        if key not in SECRET_FIELDS and FIELD_NAME.fullmatch(key) and value.strip()
    ]


def render_error(status: int, *, detail: str | None = None, typed=None):
    title, hint = (str(text) for text in MESSAGES.get(status, MESSAGES[500]))
    if wants_json():
        return jsonify(error=title, detail=detail or hint, status=status), status
    return (
        render_template("errors/error.html", status=status, title=title,
                        hint=detail or hint, typed=typed or []),
        status,
    )


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        log.warning("CSRF refusal on %s: %s", request.path, error.description)
        db.session.rollback()
        detail = _("This form had expired, so nothing was changed. "
                   "Your entries are shown below: sign in again if asked, then send them again.")
        if wants_json():
            return jsonify(error="csrf", detail=detail, status=400), 400
        return render_error(400, detail=detail, typed=_typed_values())

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError):
        # A Host the app does not answer (see web.links.trusted_hosts): no page, no links,
        # since nothing may be built on that host.
        return Response("Unknown host.\n", status=400, mimetype="text/plain")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        db.session.rollback()
        status = error.code or 500
        if status == 429 and getattr(error, "description", None):
            return render_error(429, detail=error.description)
        # A refused form shows what was typed, so nothing is lost without JavaScript.
        # (413: the body was too large to read; 429: only the sign-in form, no typed text.)
        keeps_input = status in (400, 403, 404, 409)
        response = make_response(render_error(status,
                                              typed=_typed_values() if keeps_input else None))
        if status == 405 and getattr(error, "valid_methods", None):
            response.headers["Allow"] = ", ".join(error.valid_methods)  # RFC 9110 15.5.6
        return response

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        """A service's refusal that the view did not answer itself: its HTTP equivalent."""
        db.session.rollback()
        status = error.status
        return render_error(status, typed=_typed_values() if status in (400, 403, 404, 409)
                            else None)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_unavailable(error: Exception):
        """The database cannot be reached: one line in the log (not a traceback per probe)
        and a page that needs no database."""
        try:
            db.session.rollback()
        except Exception:  # the connection is gone; nothing to roll back
            db.session.remove()
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()
        log.warning("database unavailable on %s %s: %s", request.method, request.path,
                    reason[0] if reason else type(error).__name__)
        return unavailable()

    @app.errorhandler(UncheckedObjectAccess)
    def unchecked_object_access(error: UncheckedObjectAccess):
        raise error  # raised only under testing: the test must see it, not an error page

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        db.session.rollback()
        log.exception("unhandled error on %s %s", request.method, request.path)
        return render_error(500)
