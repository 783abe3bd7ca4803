"""Downloading a State's submission (a snapshot, or the watermarked draft) as a PDF."""

from __future__ import annotations

import logging
import re
import unicodedata

from flask import abort, current_app, make_response, request
from flask_babel import gettext as _

from exports.pdf import RenderTimeout
from exports.submission_pdf import render_submission_pdf_with_timeout
from models import Response, Submission, db
from questionnaire import access
from services import audit
from services.submission_pdf_data import find_submission, submission_pdf_data
from web.errors import render_error
from web.guard import guarded
from web.locale import LANGUAGES, select_locale
from web.params import db_int
from web.workspace import bp
from web.workspace.context import load_workspace

log = logging.getLogger(__name__)

#: Seconds a PDF may take to render inside a request (config ``PDF_RENDER_TIMEOUT``).
DEFAULT_RENDER_TIMEOUT = 60
#: Config ``PDF_RENDERER``: a function with ``render_submission_pdf_with_timeout``'s
#: signature. Unset in deployments; tests that check only who may download pass one returning
#: a fixed small PDF.


@bp.route("/pdf")
@guarded(access.has_any_state_or_secretariat)
def submission_pdf(iso3: str, cycle_id: int):
    """``?lang=xx`` (one of the six, else the user's language), ``?snapshot=N`` (else the
    current draft)."""
    ws = load_workspace(iso3, cycle_id)
    lang = request.args.get("lang")
    if lang not in LANGUAGES:
        lang = select_locale()
    submission = None
    number = request.args.get("snapshot")
    if number:
        try:
            submission = find_submission(ws.response, db_int(number))
        except ValueError:
            abort(404)
        if submission is None:
            abort(404)
    data = submission_pdf_data(ws.response, ws.definition, lang, submission)
    filename = pdf_filename(ws.response, lang, submission)
    # The data is plain now: end the read transaction rather than hold it through the render.
    db.session.commit()
    timeout = current_app.config.get("PDF_RENDER_TIMEOUT", DEFAULT_RENDER_TIMEOUT)
    render = current_app.config.get("PDF_RENDERER") or render_submission_pdf_with_timeout
    try:
        # A snapshot is sealed inside the render (a draft never is).
        pdf = render(data, timeout_s=timeout, seal=current_app.config.get("SEAL"))
    except RenderTimeout:
        log.warning("PDF of %s cycle %s took longer than %s s", ws.iso3, cycle_id, timeout)
        page = render_error(503, detail=_(
            "The PDF took too long to prepare, so it was stopped. Please try again in a few "
            "minutes; if it happens again, contact the secretariat."))
        return page[0], 503, {"Retry-After": "120"}
    audit.record("pdf.downloaded", state=ws.iso3, object_type="response",
                 object_id=ws.response.id, snapshot=submission.number if submission else None,
                 lang=lang)
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


def pdf_filename(response: Response, lang: str, submission: Submission | None) -> str:
    """``EnvSAQ-KEN-2026-cycle-snapshot-2-en.pdf`` (or ``...-draft-en.pdf``), ASCII only."""
    version = f"snapshot-{submission.number}" if submission else "draft"
    return f"EnvSAQ-{response.state_iso3}-{cycle_slug(response)}-{version}-{lang}.pdf"


def cycle_slug(response: Response) -> str:
    """The cycle name reduced to ASCII letters, digits and hyphens (its id if nothing is left)."""
    folded = unicodedata.normalize("NFKD", response.cycle.name)
    ascii_name = folded.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")[:60].strip("-")
    return slug or f"cycle-{response.cycle_id}"
