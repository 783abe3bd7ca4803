"""The focal point's button: start this cycle from the accepted submission of an earlier one."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _

from questionnaire import access
from services.carry_forward import CarryRefused, carry_forward
from web.guard import ensure, guarded
from web.workspace import bp
from web.workspace.context import load_workspace


@bp.route("/carry-forward", methods=["POST"])
@guarded(access.has_any_state_or_secretariat)
def carry_forward_answers(iso3: str, cycle_id: int):
    ws = load_workspace(iso3, cycle_id)
    ensure(access.is_focal_point(ws.user, ws.iso3))
    overview = url_for(".overview", iso3=ws.iso3, cycle_id=cycle_id)
    if not ws.is_open_for_edits:
        flash(_("This response cannot be changed now."), "error")
        return redirect(overview)
    try:
        result = carry_forward(ws.response, ws.definition, ws.user)
    except CarryRefused:
        flash(_("Nothing was carried over: the response already has answers, or there is no "
                "accepted submission of an earlier cycle."), "error")
        return redirect(overview)
    flash(_("%(count)d answers were carried over from %(cycle)s. Check each one: it stays "
            "marked “carried over” until you confirm or change it.",
            count=len(result.carried), cycle=result.cycle_name), "success")
    return redirect(overview)
