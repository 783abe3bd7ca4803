"""A cycle's report masthead: the secretariat enters the symbol, meeting and agenda item."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import Cycle, db
from questionnaire import LANGUAGES, access
from services import audit
from web.cycles import bp
from web.cycles.report_forms import ReportMastheadForm
from web.guard import guarded


def _fill(form: ReportMastheadForm, cycle: Cycle) -> None:
    form.symbol.data = cycle.report_symbol
    form.original_language.data = cycle.report_original_language or "en"
    form.meeting_start.data, form.meeting_end.data = cycle.meeting_start, cycle.meeting_end
    form.agenda_item.data = cycle.agenda_item
    for prefix, values in (("meeting_place", cycle.meeting_place),
                           ("agenda_title", cycle.agenda_title)):
        for lang in LANGUAGES:
            form[f"{prefix}_{lang}"].data = (values or {}).get(lang, "")


@bp.route("/<int:cycle_id>/report", methods=["GET", "POST"])
@guarded(access.is_secretariat)
def report_masthead(cycle_id: int):
    cycle = db.session.get(Cycle, cycle_id) or abort(404)
    form = ReportMastheadForm()
    if not form.is_submitted():
        _fill(form, cycle)
    elif not access.is_secretariat_admin(current_user):
        abort(403)
    elif form.validate():
        cycle.report_symbol = " ".join((form.symbol.data or "").split()) or None
        cycle.report_original_language = form.original_language.data
        cycle.meeting_start, cycle.meeting_end = form.meeting_start.data, form.meeting_end.data
        cycle.meeting_place = form.texts("meeting_place")
        cycle.agenda_item = (form.agenda_item.data or "").strip() or None
        cycle.agenda_title = form.texts("agenda_title")
        audit.record("cycle.report_masthead", object_type="cycle", object_id=cycle.id,
                     symbol=cycle.report_symbol)
        db.session.commit()
        flash(_("The report details of the cycle are saved."), "success")
        return redirect(url_for(".report_masthead", cycle_id=cycle.id))
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template("cycles/report.html", form=form, cycle=cycle,
                           languages=LANGUAGES,
                           can_edit=access.is_secretariat_admin(current_user)), status
