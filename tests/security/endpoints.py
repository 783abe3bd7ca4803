"""The endpoint table of the security sweeps, and URLs built from it with real objects.

Every endpoint of ``app.url_map`` must be classified in ``ENDPOINTS``: the sweeps fail on one
they do not know, so a new endpoint is classified on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from flask import Flask

from questionnaire.workflow import Action
from tests.security.world import StateObjects, World

# What an endpoint is, for access purposes.
PUBLIC = "public"  # open to all; names no State's object
OWN_ACCOUNT = "own-account"  # the signed-in user's own account; names no State's object
SELF_SESSION = "self-session"  # changes only the caller's own session (not swept by POST)
ADMIN = "admin"  # secretariat administrators only
SECRETARIAT_ONLY = "secretariat"  # secretariat staff only
STATE = "state"  # a State's workspace: /states/<iso3>/...
API = "api"  # the read-only JSON API: bearer tokens of secretariat staff
STATIC = "static"

#: Answers of 500 or more that are by design: the readiness probe says "not ready" with a 503
#: (no job worker runs beside the test app).
ANSWERS_OVER_500 = {("ops.ready", 503)}

ENDPOINTS: dict[str, str] = {
    "static": STATIC,
    "home.index": PUBLIC,
    "ops.health": PUBLIC,
    "ops.ready": PUBLIC,
    "ops.metrics": PUBLIC,  # its own bearer token (ENVSAQ_METRICS_TOKEN); 404 without one
    "home.favicon": PUBLIC,
    "auth.sign_in": PUBLIC,
    "auth.sign_in_code": PUBLIC,
    "auth.accept_invitation": PUBLIC,
    "auth.request_reset": PUBLIC,
    "auth.reset_password": PUBLIC,
    # Anyone checks a PDF or a SHA-256; the answer says only what the file or hash holds.
    "verify.verify": PUBLIC,
    "auth.sign_out": SELF_SESSION,
    "auth.switch_language": SELF_SESSION,
    "auth.mfa_disable": SELF_SESSION,
    "auth.profile": OWN_ACCOUNT,
    "auth.mfa_setup": OWN_ACCOUNT,
    "auth.sessions": OWN_ACCOUNT,
    # Ending a session is refused with 404 for another user's session (test_server_sessions).
    "auth.end_one_session": SELF_SESSION,
    "auth.end_other_sessions": SELF_SESSION,
    "admin.users": ADMIN,
    "admin.user_detail": ADMIN,
    "admin.audit_log": ADMIN,
    "admin.invitations": ADMIN,
    "admin.deactivate_user": ADMIN,
    "admin.reactivate_user": ADMIN,
    "admin.add_membership": ADMIN,
    "admin.remove_membership": ADMIN,
    "admin.withdraw_invitation": ADMIN,
    "cycles.index": SECRETARIAT_ONLY,
    "cycles.close": SECRETARIAT_ONLY,
    "cycles.report_masthead": SECRETARIAT_ONLY,
    "cycles.edit": ADMIN,
    "secretariat.dashboard": SECRETARIAT_ONLY,
    "secretariat.dashboard_download": SECRETARIAT_ONLY,
    "secretariat.reminders": SECRETARIAT_ONLY,
    "secretariat.reminders_confirm": SECRETARIAT_ONLY,
    "secretariat.aggregation": SECRETARIAT_ONLY,
    "secretariat.gaps": SECRETARIAT_ONLY,
    "secretariat.state_gaps": SECRETARIAT_ONLY,
    "secretariat.exports": SECRETARIAT_ONLY,
    "secretariat.export_all_responses": SECRETARIAT_ONLY,
    "secretariat.export_findings": SECRETARIAT_ONLY,
    "secretariat.reports": SECRETARIAT_ONLY,
    "secretariat.start_report": SECRETARIAT_ONLY,
    "secretariat.report_status": SECRETARIAT_ONLY,
    "secretariat.download_report": SECRETARIAT_ONLY,
    "secretariat.retry_report": SECRETARIAT_ONLY,
    "secretariat.api_tokens": SECRETARIAT_ONLY,
    "secretariat.create_api_token": SECRETARIAT_ONLY,
    "secretariat.revoke_api_token": SECRETARIAT_ONLY,
    "api.openapi": PUBLIC,  # the API description, public for clients and tools
    "api.states": API,
    "api.cycles": API,
    "api.responses": API,
    "api.submissions": API,
    "questionnaires.versions": SECRETARIAT_ONLY,
    "questionnaires.matrix": SECRETARIAT_ONLY,
    "workspace.overview": STATE,
    "workspace.section_page": STATE,
    "workspace.autosave": STATE,
    "workspace.presence": STATE,
    "workspace.resolve_conflicts": STATE,
    "workspace.submit": STATE,
    "workspace.transition": STATE,
    "workspace.comments": STATE,
    "workspace.post_comment": STATE,
    "workspace.reply_comment": STATE,
    "workspace.resolve_comment": STATE,
    "workspace.history": STATE,
    "workspace.diff": STATE,
    "workspace.diff_earlier": STATE,
    "workspace.download_attachment": STATE,
    "workspace.submission_pdf": STATE,
    "workspace.prepare_pdf": STATE,
    "workspace.pdf_job": STATE,
    "workspace.pdf_job_status": STATE,
    "workspace.pdf_job_download": STATE,
    "workspace.export_workbook": STATE,
    "workspace.export_answers_json": STATE,
    "workspace.import_answers": STATE,
    "workspace.confirm_import": STATE,
    "workspace.carry_forward_answers": STATE,
    "workspace.team": STATE,
    "workspace.change_sections": STATE,
    "workspace.remove_member": STATE,
    "workspace.withdraw_invitation": STATE,
}

#: Endpoints answered as JSON to background requests.
JSON_ENDPOINTS = {"workspace.autosave", "workspace.presence"}
#: URL arguments that name an object of a State (swapped in under the caller's own State too).
OBJECT_ARGUMENTS = {"attachment_id", "thread_id", "membership_id", "invitation_id", "pdf_job_id"}
REFUSED = {403, 404}
SENT_TO_SIGN_IN = {302, 401}


@dataclass(frozen=True)
class Target:
    endpoint: str
    method: str
    url: str
    #: True when the URL names Kenya but an object of Mexico (a confused-deputy attempt).
    mixed: bool = False


def _argument_values(world: World, arg: str, url_state: StateObjects,
                     objects: StateObjects) -> list[str]:
    values = {
        "iso3": [url_state.iso3],
        "cycle_id": [str(world.cycle.id)],
        "section_key": [world.sections[0], world.sections[-1]],
        "attachment_id": [objects.attachment_id],
        "thread_id": [str(objects.thread_id)],
        "membership_id": [str(objects.membership_id)],
        "invitation_id": [str(objects.invitation_id)],
        "pdf_job_id": [str(objects.pdf_job_id)],
        "user_id": [str(objects.user_id)],
        "action": [a.value for a in Action if a not in (Action.SUBMIT, Action.EDIT)],
        "token": ["x" * 43],
        "job_id": [str(world.report_job_id)],
        "token_id": [str(world.api_token_ids[objects.iso3])],
        "session_id": ["1"],
    }
    if arg not in values:
        raise AssertionError(f"the sweep does not know how to fill <{arg}>: add it to "
                             f"_argument_values")
    return values[arg]


def _expand(rule, world: World, url_state: StateObjects, objects: StateObjects
            ) -> Iterator[str]:
    urls: list[dict[str, str]] = [{}]
    for arg in sorted(rule.arguments):
        urls = [dict(u, **{arg: v}) for u in urls
                for v in _argument_values(world, arg, url_state, objects)]
    for values in urls:
        yield rule.build(values, append_unknown=False)[1]


def unknown_endpoints(app: Flask) -> list[str]:
    return sorted(r.endpoint for r in app.url_map.iter_rules() if r.endpoint not in ENDPOINTS)


def targets(app: Flask, world: World, objects: StateObjects, *, mixed: bool = True,
            methods: frozenset[str] = frozenset({"GET", "POST"}),
            self_session: bool = False) -> list[Target]:
    """Every rule (but static files) filled with ``objects``; with ``mixed``, also the
    caller's own State (Kenya) in the URL with ``objects`` in the object arguments.
    POSTs that only change the caller's own session are left out unless ``self_session``."""
    unknown = unknown_endpoints(app)
    assert not unknown, f"endpoints the security sweep does not classify: {unknown}"
    found: list[Target] = []
    for rule in app.url_map.iter_rules():
        kind = ENDPOINTS[rule.endpoint]
        if kind == STATIC:
            continue
        for method in sorted(methods & rule.methods):
            if method == "POST" and kind == SELF_SESSION and not self_session:
                continue
            found += [Target(rule.endpoint, method, url)
                      for url in _expand(rule, world, objects, objects)]
            if mixed and kind == STATE and OBJECT_ARGUMENTS & set(rule.arguments):
                found += [Target(rule.endpoint, method, url, mixed=True)
                          for url in _expand(rule, world, world.ken, objects)]
    return found
