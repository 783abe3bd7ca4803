"""Rename a reporting cycle or move its deadline (secretariat administrators)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from questionnaire import access
from questionnaire.l10n import cycle_name, format_date
from services.cycles import change_cycle, get_cycle
from web.cycles import bp
from web.cycles.forms import ChangeCycleForm
from web.guard import guarded
from web.templating import current_language


@bp.route("/<int:cycle_id>/edit", methods=["GET", "POST"])
@guarded(access.is_secretariat_admin)
def edit(cycle_id: int):
    cycle = get_cycle(cycle_id)
    form = ChangeCycleForm(opens=cycle.opens_on, data={"name": cycle.name,
                                                        "deadline": cycle.deadline})
    if form.validate_on_submit():
        change_cycle(cycle.id, name=form.name.data, deadline=form.deadline.data,
                     changed_by=current_user._get_current_object())
        flash(_("The cycle “%(name)s” is saved: deadline %(deadline)s.",
                name=cycle_name(cycle.name, current_language()),
                deadline=format_date(cycle.deadline, current_language())), "success")
        return redirect(url_for(".index"))
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template("cycles/edit.html", form=form, cycle=cycle), status
