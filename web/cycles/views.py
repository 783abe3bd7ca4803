"""List the cycles and open a new one."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import WorkflowState
from questionnaire import access
from questionnaire.l10n import cycle_name, default_cycle_name
from services.cycles import close_cycle, create_cycle, workflow_counts
from services.definitions import published_versions, version_by_id
from services.secretariat import all_cycles
from web.cycles import bp
from web.cycles.forms import CloseCycleForm, OpenCycleForm
from web.forms.fields import select_choices
from web.guard import guarded
from web.templating import current_language


@bp.route("/", methods=["GET", "POST"])
@guarded(access.is_secretariat)
def index():
    form = OpenCycleForm()
    versions = published_versions()
    form.version.choices = select_choices(
        [(v.id, f"{v.title_en} – v{v.version}") for v in versions])
    if form.validate_on_submit():
        if not access.is_secretariat_admin(current_user):
            flash(_("Only a secretariat administrator can open a cycle."), "error")
        else:
            version = version_by_id(form.version.data)
            name = (form.name.data or "").strip() or default_cycle_name(form.opens.data.year)
            cycle = create_cycle(name, version, form.deadline.data,
                                 form.selected_states(), current_user._get_current_object(),
                                 opens=form.opens.data)
            flash(_("The cycle “%(name)s” is open.",
                    name=cycle_name(cycle.name, current_language())), "success")
            return redirect(url_for(".index"))
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template("cycles/index.html", form=form, cycles=all_cycles(),
                           counts=workflow_counts(),
                           states=list(WorkflowState), close_form=CloseCycleForm()), status


@bp.route("/<int:cycle_id>/close", methods=["POST"])
@guarded(access.is_secretariat_admin)
def close(cycle_id: int):
    form = CloseCycleForm()
    if form.validate_on_submit():
        cycle = close_cycle(cycle_id, current_user._get_current_object())
        flash(_("The cycle “%(name)s” is closed.",
                name=cycle_name(cycle.name, current_language())), "success")
    return redirect(url_for(".index"))
