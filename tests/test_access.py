"""Access control: every endpoint is declared public or guarded; a URL x role matrix."""

from __future__ import annotations

import pytest

from models import Role
from tests.conftest import sign_in
from web.guard import access_of

#: Endpoints that need no guard of ours (Flask's own static files).
UNGUARDED_BY_DESIGN = {"static"}


def test_every_endpoint_is_public_or_guarded(app):
    missing = [
        endpoint for endpoint, view in app.view_functions.items()
        if endpoint not in UNGUARDED_BY_DESIGN and access_of(view) is None
    ]
    assert missing == [], f"endpoints with neither @public nor @guarded: {missing}"


def test_public_endpoints_are_the_expected_few(app):
    public = sorted(e for e, v in app.view_functions.items() if access_of(v) == "public")
    assert public == sorted([
        "home.index", "ops.health", "ops.ready", "ops.metrics", "home.favicon",
        "auth.sign_in", "auth.sign_in_code",
        "auth.sign_out",
        "auth.accept_invitation", "auth.request_reset", "auth.reset_password",
        "auth.switch_language", "api.openapi", "verify.verify",
    ])


ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, Role.SECRETARIAT_ADMIN, Role.SECRETARIAT_REVIEWER, Role.FOCAL_POINT,
         Role.CONTRIBUTOR, Role.OBSERVER]

# URL -> expected status per role (anonymous users are sent to sign in: 302).
MATRIX = {
    "/": {ANONYMOUS: 302, "*": 200},
    "/health": {"*": 200},
    "/favicon.ico": {"*": 301},
    "/sign-in": {ANONYMOUS: 200, "*": 302},
    "/verify": {"*": 200},
    "/account": {ANONYMOUS: 302, "*": 200},
    "/account/two-factor": {ANONYMOUS: 302, "*": 200},
    "/admin/users": {ANONYMOUS: 302, Role.SECRETARIAT_ADMIN: 200, "*": 403},
    "/admin/users/1": {ANONYMOUS: 302, Role.SECRETARIAT_ADMIN: 200, "*": 403},
    "/admin/invitations": {ANONYMOUS: 302, Role.SECRETARIAT_ADMIN: 200, "*": 403},
    "/admin/audit": {ANONYMOUS: 302, Role.SECRETARIAT_ADMIN: 200, "*": 403},
    "/no-such-page": {"*": 404},
}


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_access_matrix(client, signed_in, make_user, role):
    make_user(Role.OBSERVER, "KEN", email="target@example.org")
    if role != ANONYMOUS:
        signed_in(role, "KEN")
    for url, expected in MATRIX.items():
        want = expected.get(role, expected.get("*"))
        got = client.get(url).status_code
        assert got == want, f"{role} GET {url}: {got}, expected {want}"


@pytest.mark.parametrize("role", [Role.SECRETARIAT_REVIEWER, Role.FOCAL_POINT,
                                  Role.CONTRIBUTOR, Role.OBSERVER], ids=str)
def test_admin_actions_are_refused_to_other_roles(client, signed_in, make_user, role):
    from tests.conftest import csrf_token

    target = make_user(Role.OBSERVER, "KEN", email="target@example.org")
    signed_in(role, "KEN")
    token = csrf_token(client, "/account")
    for url in (f"/admin/users/{target.id}/deactivate", f"/admin/users/{target.id}/memberships",
                "/admin/invitations"):
        response = client.post(url, data={"csrf_token": token, "role": "focal-point",
                                          "state": "KEN", "email": "x@example.org"})
        assert response.status_code == 403, url


def _audited_app(make_app, make_user):
    """An app with two extra State views: one checks the object, one forgets to."""
    from questionnaire.access import can_read_state, has_any_state
    from web.guard import ensure, guarded

    app = make_app()

    @guarded(has_any_state)
    def checked(iso3: str):
        from flask_login import current_user

        ensure(can_read_state(current_user, iso3))
        return f"{iso3} data"

    @guarded(has_any_state)
    def forgotten(iso3: str):
        return f"{iso3} data"

    app.add_url_rule("/test-audit/checked/<iso3>", "test_checked", checked)
    app.add_url_rule("/test-audit/forgotten/<iso3>", "test_forgotten", forgotten)
    client = app.test_client()
    with app.app_context():
        sign_in(client, make_user(Role.FOCAL_POINT, "KEN"))
    return client


def test_a_guarded_state_view_without_its_object_check_fails_under_testing(make_app, make_user):
    from web.guard import UncheckedObjectAccess

    client = _audited_app(make_app, make_user)
    assert client.get("/test-audit/checked/KEN").status_code == 200
    assert client.get("/test-audit/checked/MEX").status_code == 403
    with pytest.raises(UncheckedObjectAccess, match="forgotten answered 200 for State 'MEX'"):
        client.get("/test-audit/forgotten/MEX")
