"""Monitoring, aggregation and gap-analysis pages of the secretariat."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import Cycle, PartyStatus, RegionalGroup, WorkflowState
from questionnaire.access import can_read_state, is_secretariat
from questionnaire.aggregate import NO_GROUP, Selection, aggregate, select
from questionnaire.analysis import Mandate
from questionnaire.legal_force import BASIS_ORDER
from questionnaire.vocabulary import term
from services.cycles import find_cycle, get_cycle
from services.dashboard import (
    Filters,
    dashboard_csv,
    dashboard_rows,
    group_counts,
    plan_reminders,
    send_reminders,
)
from services.secretariat import all_cycles, cycle_definition, latest_cycle, snapshots
from web.guard import ensure, guarded
from web.labels import workflow_label
from web.links import response_link
from web.params import db_int
from web.secretariat import bp
from web.secretariat.findings import (
    comparable_cycles,
    cycle_comparison,
    cycle_findings,
    is_measured,
    state_findings,
)
from web.templating import current_language

GROUP_CODES = [group.value for group in RegionalGroup] + [NO_GROUP]


def _cycle() -> Cycle:
    if "cycle" in request.args:  # a cycle asked for by number: that one, or 404
        cycle = find_cycle(request.args.get("cycle", type=db_int))
    else:
        cycle = latest_cycle()
    if cycle is None:
        abort(404)
    return cycle


def _filters() -> Filters:
    group = request.args.get("group", "")
    state = request.args.get("workflow_state", "")
    party = request.args.get("party_status", "")
    return Filters(
        group=group if group in GROUP_CODES else "",
        workflow_state=state if state in {s.value for s in WorkflowState} else "",
        party_status=party if party in {p.value for p in PartyStatus} else "")


def _selection() -> Selection:
    groups = [g for g in request.args.getlist("group") if g in GROUP_CODES]
    parties = [p for p in request.args.getlist("party_status")
               if p in {s.value for s in PartyStatus}]
    return Selection(frozenset(groups), frozenset(parties),
                     accepted_only=request.args.get("accepted") == "1")


@bp.get("/")
@guarded(is_secretariat)
def dashboard():
    cycle = _cycle()
    filters = _filters()
    rows = dashboard_rows(cycle, current_language())
    shown = [row for row in rows if filters.admits(row)]
    # What awaits the secretariat, whatever the filters: oldest submission first.
    queue = sorted((row for row in rows if row.workflow_state in REVIEWABLE),
                   key=lambda row: (row.submitted_at is None, row.submitted_at))
    return render_template(
        "secretariat/dashboard.html", cycle=cycle, cycles=all_cycles(), rows=shown,
        queue=queue, reviewable=REVIEWABLE,
        total=len(rows), filters=filters, counts=group_counts(rows), group_codes=GROUP_CODES,
        workflow_states=list(WorkflowState), party_statuses=list(PartyStatus),
        workflow_label=workflow_label)


#: Responses a reviewer acts on: start the review, accept or return.
REVIEWABLE = frozenset({WorkflowState.SUBMITTED, WorkflowState.UNDER_REVIEW})


@bp.get("/dashboard.csv")
@guarded(is_secretariat)
def dashboard_download():
    cycle = _cycle()
    filters = _filters()
    rows = [row for row in dashboard_rows(cycle, current_language()) if filters.admits(row)]
    return Response(dashboard_csv(rows), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="dashboard-cycle-{cycle.id}.csv"'})


@bp.get("/reminders")
@guarded(is_secretariat)
def reminders_confirm():
    """Who the reminders would reach, before anything is mailed."""
    cycle = get_cycle(request.args.get("cycle", type=int))
    rows = dashboard_rows(cycle, current_language())
    names = {row.iso3: row.name for row in rows}
    return render_template("secretariat/reminders.html", cycle=cycle,
                           plan=plan_reminders(cycle, rows), names=names)


@bp.post("/reminders")
@guarded(is_secretariat)
def reminders():
    cycle = get_cycle(request.form.get("cycle", type=db_int))
    rows = dashboard_rows(cycle, current_language())
    result = send_reminders(cycle, rows, current_user._get_current_object(),
                            lambda iso3: response_link(iso3, cycle.id))
    flash(_("Reminders sent to %(sent)d States; %(recent)d were reminded in the last 24 hours "
            "and not again; %(missing)d have no focal point.", sent=len(result.sent),
            recent=len(result.skipped_recent), missing=len(result.without_focal_point)),
          "success")
    return redirect(url_for("secretariat.dashboard", cycle=cycle.id))


@bp.get("/aggregate")
@guarded(is_secretariat)
def aggregation():
    cycle = _cycle()
    definition = cycle_definition(cycle)
    section_key = request.args.get("section") or definition.sections[0].key
    try:
        section = definition.section(section_key)
    except KeyError:
        abort(404)
    selection = _selection()
    chosen = snapshots(cycle, accepted_only=selection.accepted_only)
    names = {s.state.iso3: s.state.name(current_language()) for s in chosen}
    respondents = select([s.respondent() for s in chosen], selection)
    lang = current_language()
    results = aggregate(definition, respondents, lang, keys={q.key for q in section.questions})
    return render_template(
        "secretariat/aggregate.html", cycle=cycle, definition=definition, section=section,
        results=results, respondents=len(respondents), names=names, selection=selection,
        group_codes=GROUP_CODES, party_statuses=list(PartyStatus), lang=lang)


@bp.get("/gaps")
@guarded(is_secretariat)
def gaps():
    """Findings by provision and legal force for the responding parties: counts, no State named,
    scored or ranked (questionnaire.analysis)."""
    cycle = _cycle()
    accepted_only = request.args.get("accepted") == "1"
    lang = current_language()
    earlier_cycles = comparable_cycles(cycle)
    earlier = None
    if request.args.get("compare"):  # an earlier cycle of another version, or 404
        earlier = next((c for c in earlier_cycles
                        if c.id == request.args.get("compare", type=db_int)), None)
        if earlier is None:
            abort(404)
    return render_template(
        "secretariat/gaps.html", cycle=cycle, definition=cycle_definition(cycle),
        findings=cycle_findings(cycle, accepted_only=accepted_only), mandates=list(Mandate),
        bases=BASIS_ORDER, term=lambda key: term(lang, key), accepted_only=accepted_only,
        lang=lang, earlier_cycles=earlier_cycles, earlier=earlier,
        comparison=cycle_comparison(cycle, earlier, accepted_only=accepted_only)
        if earlier else None)


@bp.get("/gaps/<iso3>")
@guarded(is_secretariat)
def state_gaps(iso3: str):
    """What one State reported, question by question, with the legal force of each measure:
    descriptive, no total or score."""
    ensure(can_read_state(current_user, iso3))
    cycle = _cycle()
    definition = cycle_definition(cycle)
    accepted_only = request.args.get("accepted") == "1"
    chosen = snapshots(cycle, accepted_only=accepted_only, iso3=iso3)
    if not chosen:
        abort(404)
    lang = current_language()
    return render_template(
        "secretariat/state_gaps.html", cycle=cycle, definition=definition, snapshot=chosen[0],
        rows=state_findings(definition, chosen[0].answers, lang),
        measured=is_measured(chosen[0].state), lang=lang)
