"""The API keeps its OpenAPI contract (third-party review, section 1; security review 15).

schemathesis generates requests from ``/api/openapi.json`` (valid and invalid ones, with and
without a token) and runs every check it has; the hand-written tests pin the reported cases.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation import GenerationMode

from models import Role, db
from services.api_tokens import issue_api_token
from tests.security.test_trusted_links import _cycle_and_definition

load_all_checks()
ALL_CHECKS = CHECKS.get_all()
HUGE = "100000000000000000000"


@pytest.fixture
def api(make_app, make_user):
    """An app with a cycle and a secretariat token; yields (app, Authorization header)."""
    app = make_app()
    with app.app_context():
        _cycle_and_definition()
        _, secret = issue_api_token(make_user(Role.SECRETARIAT_REVIEWER), "contract")
        db.session.commit()
        yield app, {"Authorization": f"Bearer {secret}"}


SETTINGS = settings(max_examples=15, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("with_token", [True, False], ids=["token", "no-token"])
def test_schemathesis_finds_nothing(api, with_token):
    """Every operation, valid and invalid requests, every check schemathesis has."""
    app, headers = api
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 4
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @given(case=operation.as_strategy(generation_mode=mode))
            @SETTINGS
            def check(case):
                case.call_and_validate(headers=headers if with_token else {},
                                       checks=ALL_CHECKS)

            check()


def get(api, path: str, token: bool = True):
    app, headers = api
    return app.test_client().get(path, headers=headers if token else {})


@pytest.mark.parametrize("path", [
    f"/api/states?page={HUGE}", f"/api/cycles?page={HUGE}",
    f"/api/cycles/1/responses?page={HUGE}", f"/api/cycles/1/submissions?page={HUGE}",
    "/api/states?per_page=0", "/api/states?per_page=100000", "/api/states?per_page=abc",
    "/api/states?per_page=null&per_page=null", "/api/states?page=0", "/api/states?page=-5",
    "/api/states?page=1e3", "/api/states?page=", "/api/states?_external=0",
    "/api/states?_anchor=x", "/api/states?_scheme=javascript",
    "/api/cycles/1/submissions?current=2", "/api/cycles/1/submissions?state=null&state=null",
    "/api/cycles/1/submissions?state=KENYA",
])
def test_bad_parameters_are_a_400_that_says_why(api, path):
    response = get(api, path)
    assert response.status_code == 400, response.get_data(as_text=True)
    body = response.get_json()
    assert body["error"] == "invalid_parameter" and body["detail"]


def test_good_parameters_still_work_and_links_carry_only_them(api):
    body = get(api, "/api/cycles/1/submissions?per_page=1&current=1&state=ken").get_json()
    assert body["page"] == 1 and body["per_page"] == 1
    page = get(api, "/api/states?per_page=2&page=3").get_json()
    assert "per_page=2" in page["next"] and "page=4" in page["next"]
    assert "page=2" in page["previous"]


@pytest.mark.parametrize("path", [f"/api/cycles/{HUGE}/responses", "/api/cycles/99/responses",
                                  "/api/cycles/-3/submissions"])
def test_unknown_cycles_are_a_404(api, path):
    assert get(api, path).status_code == 404


def test_the_document_is_public_and_lists_every_status(api):
    response = get(api, "/api/openapi.json", token=False)
    assert response.status_code == 200
    paths = response.get_json()["paths"]
    for path, operation in paths.items():
        statuses = set(operation["get"]["responses"])
        assert {"200", "400", "401", "403"} <= statuses, path
        assert ("404" in statuses) == ("{cycle_id}" in path), path


@pytest.mark.parametrize(("method", "path"), [("DELETE", "/api/states"), ("TRACE", "/api/states"),
                                              ("GET", "/sign-out")])
def test_405_names_the_allowed_methods(api, method, path):
    app, headers = api
    response = app.test_client().open(path, method=method, headers=headers)
    assert response.status_code == 405
    assert response.headers["Allow"]
