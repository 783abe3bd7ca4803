"""Dependencies that install the same way tomorrow (issue #12 item 8): bounded, locked, used."""

from __future__ import annotations

import ast
import re
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from wtforms.fields.choices import SelectChoice, SelectFieldBase

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
RUNTIME = [Requirement(r) for r in PROJECT["dependencies"]]
EXTRAS = [Requirement(r) for extra in PROJECT["optional-dependencies"].values() for r in extra]
#: Declared but never imported by our code, and why they are needed all the same.
USED_WITHOUT_IMPORT = {
    "gunicorn": "the production web server (docs/deployment.md)",
    "psycopg": "the PostgreSQL driver named in DATABASE_URL",
    "email-validator": "WTForms' Email validator loads it",
    "defusedxml": "openpyxl uses it to parse uploaded workbooks safely",
    "pytest-xdist": "make test runs pytest -n 2",
    "ruff": "make test runs ruff check",
    "pip-audit": ".ci/run audits the dependencies",
    "pip-tools": "make lock generates constraints.txt",
    "import-linter": "make test checks the layer contracts (lint-imports)",
    "mypy": "make test type-checks questionnaire/, exports/ and services/",
}
APPLICATION = ["app.py", "worker.py", "web", "services", "models", "exports", "questionnaire",
               "migrations"]
CODE = [*APPLICATION, "tests", "bench", "scripts"]


def test_every_direct_dependency_has_an_upper_bound():
    unbounded = [str(r) for r in RUNTIME + EXTRAS
                 if not any(spec.operator in ("<", "~=", "==") for spec in r.specifier)]
    assert unbounded == []


def test_license_is_an_spdx_expression():
    assert PROJECT["license"] == "Apache-2.0"


def test_uploaded_workbooks_are_parsed_with_defusedxml():
    import openpyxl.xml

    assert "defusedxml" in {canonicalize_name(r.name) for r in RUNTIME}
    assert openpyxl.xml.DEFUSEDXML is True


def _pins() -> dict[str, str]:
    text = (ROOT / "constraints.txt").read_text()
    return {canonicalize_name(name): version
            for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M)}


def test_constraints_pin_every_declared_dependency_within_its_bounds():
    pins = _pins()
    missing = [r.name for r in RUNTIME + EXTRAS if canonicalize_name(r.name) not in pins]
    assert missing == [], "run `make lock` after changing pyproject.toml (README)"
    outside = [f"{r} vs {pins[canonicalize_name(r.name)]}" for r in RUNTIME + EXTRAS
               if pins[canonicalize_name(r.name)] not in r.specifier]
    assert outside == [], "run `make lock`: constraints.txt does not fit pyproject.toml"


def test_every_install_of_the_makefile_uses_the_constraints():
    makefile = (ROOT / "Makefile").read_text()
    installs = [line for line in makefile.splitlines() if "pip install" in line
                and "-e" in line]
    assert installs and all("$(CONSTRAINTS)" in line for line in installs)
    assert "CONSTRAINTS := -c constraints.txt" in makefile
    assert "make install-test" in (ROOT / ".ci" / "run").read_text()


def _imported_top_names(entries: list[str] = CODE) -> set[str]:
    names: set[str] = set()
    for entry in entries:
        paths = [ROOT / entry] if entry.endswith(".py") else (ROOT / entry).rglob("*.py")
        for path in paths:
            for node in ast.walk(ast.parse(path.read_bytes())):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names.add(node.module.split(".")[0])
    return names


@cache
def _distributions() -> dict[str, list[str]]:
    return packages_distributions()


def _imported_distributions(entries: list[str]) -> set[str]:
    return {canonicalize_name(dist) for name in _imported_top_names(entries)
            for dist in _distributions().get(name, [])}


def test_nothing_is_declared_that_is_not_used():
    imported = _imported_distributions(CODE)
    unused = [r.name for r in RUNTIME + EXTRAS
              if canonicalize_name(r.name) not in imported
              and canonicalize_name(r.name) not in USED_WITHOUT_IMPORT]
    assert unused == []


def test_runtime_dependencies_are_what_the_application_imports():
    """What only the tests, benchmarks or scripts import belongs in the test extra, not in
    what a production install carries."""
    imported = _imported_distributions(APPLICATION)
    test_only = [r.name for r in RUNTIME
                 if canonicalize_name(r.name) not in imported
                 and canonicalize_name(r.name) not in USED_WITHOUT_IMPORT]
    assert test_only == []


def test_select_fields_get_select_choices_not_tuples(app):
    """Tuple choices go away in WTForms 3.4."""
    from web.admin.forms import RoleForm
    from web.workspace.team_forms import InviteForm, SectionsForm

    with app.test_request_context():
        forms = [RoleForm(), InviteForm().with_sections([("s1", "Section 1")]),
                 SectionsForm().with_sections([("s1", "Section 1")])]
        fields = [field for form in forms for field in form
                  if isinstance(field, SelectFieldBase)]
        assert fields
        assert all(isinstance(choice, SelectChoice) for field in fields
                   for choice in field.choices)
