"""``/verify``: anyone, signed in or not, checks a submission PDF or a SHA-256.

Rate limited per address (the sign-in throttle's counters), protected by CSRF like every
form; the file is read in a child process with size and time limits and never stored.
"""

from __future__ import annotations

from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from exports.pdf_check import MAX_PDF_BYTES
from questionnaire.i18n import translated
from services.verification import Verdict, verify_hash, verify_pdf
from web.accounts.throttle import allow_verification
from web.database import skip_commit
from web.errors import render_error
from web.guard import public
from web.locale import select_locale
from web.verify import bp


class VerifyForm(FlaskForm):
    """Only the CSRF token: the file and the hash are read from the request."""


@bp.route("/verify", methods=["GET", "POST"])
@public
def verify():
    form = VerifyForm()
    if request.method == "GET":
        return _page(form)
    if not form.validate_on_submit():
        return _page(form, error=_("The form has expired. Please try again."), status=400)
    if not allow_verification(request.remote_addr):
        return render_error(429, detail=_(
            "Too many checks from your address. Please wait ten minutes and try again."))
    lang = select_locale()
    upload = request.files.get("file")
    sha256 = request.form.get("sha256", "").strip()
    skip_commit()  # a check changes nothing
    if upload is not None and upload.filename:
        verdict = verify_pdf(upload.stream.read(MAX_PDF_BYTES + 1),
                             current_app.config["SEAL"], lang)
    elif sha256:
        verdict = verify_hash(sha256, lang)
    else:
        return _page(form, error=_("Choose a PDF file or enter a SHA-256."), status=400)
    return _page(form, verdict=verdict, status=200 if verdict.refused is None else 422)


def _page(form: VerifyForm, *, verdict: Verdict | None = None, error: str | None = None,
          status: int = 200):
    lines = []
    if verdict is not None:
        lines = [translated(line, _) for line in
                 ([verdict.refused] if verdict.refused else verdict.lines)]
    seal = current_app.config["SEAL"]
    return render_template(
        "verify/verify.html", form=form, verdict=verdict, lines=lines, error=error,
        seal_name=seal.name, seal_fingerprint=seal.fingerprint,
        self_signed=current_app.config.get("SEAL_IS_SELF_SIGNED", True),
        max_mb=MAX_PDF_BYTES // (1024 * 1024)), status
