"""The rules of docs/architecture.md that the import contracts cannot see, and the contracts
themselves (also run by `make test` before the suite)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVICES = sorted((ROOT / "services").glob("*.py"))


def calls_named(path: Path, names: set[str]) -> list[str]:
    """``x.name(...)`` and ``name(...)`` calls in ``path`` for each name in ``names``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in names:
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            found.append(f"{where}:{node.lineno} {name}()")
    return found


def test_services_flush_but_never_commit_or_roll_back():
    """The caller owns the transaction: the request (web/database.py), a CLI command, or a
    job runner such as web/report_jobs.py."""
    assert SERVICES, "no service modules found"
    found = [hit for path in SERVICES for hit in calls_named(path, {"commit", "rollback"})]
    assert found == []


def test_services_build_no_links_and_read_no_request():
    """Links in mails come from the web layer (web/links.py), passed in as plain strings."""
    found = [hit for path in SERVICES
             for hit in calls_named(path, {"url_for", "redirect", "abort", "render_template"})]
    assert found == []


def test_the_check_would_see_a_commit(tmp_path):
    module = tmp_path / "service.py"
    module.write_text("def save(db):\n    db.session.flush()\n    db.session.commit()\n",
                      encoding="utf-8")
    assert [hit.split(" ")[1] for hit in calls_named(module, {"commit", "rollback"})] == [
        "commit()"]


def test_views_do_not_import_each_other_for_rules():
    """Rules shared by several pages and the command line live in services, not in a view
    module that others import (the admin invitation path once lived in web/admin/views.py)."""
    offenders = []
    for path in sorted((ROOT / "web").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and (
                    node.module.endswith(".views") or node.module.endswith("_views")):
                own_package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
                if not node.module.startswith(own_package + "."):
                    offenders.append(f"{path.relative_to(ROOT)} imports {node.module}")
    assert offenders == []


@pytest.mark.skipif(shutil.which("lint-imports", path=str(Path(sys.executable).parent)) is None,
                    reason="import-linter is not installed (pip install -e '.[test]')")
def test_layer_contracts_hold():
    """web > services > exports | models > questionnaire, and the forbidden imports
    (pyproject.toml, [tool.importlinter])."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=ROOT,
        capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout


#: What reading the database looks like in a module: ``db.session.<call>(...)`` or
#: ``db.<call>(...)`` (Flask-SQLAlchemy's shortcuts), or building statements with SQLAlchemy.
QUERY_CALLS = {"scalar", "scalars", "execute", "get", "query", "get_or_404", "first_or_404",
               "one_or_404", "paginate"}


def _reads_the_database(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr in QUERY_CALLS):
            owner = node.func.value
            text = ast.unparse(owner)
            if text in ("db.session", "db"):
                return True
        if isinstance(node, ast.ImportFrom) and node.module and (
                node.module == "sqlalchemy" or node.module.startswith("sqlalchemy.")):
            return True
        if isinstance(node, ast.Import) and any(
                alias.name == "sqlalchemy" or alias.name.startswith("sqlalchemy.")
                for alias in node.names):
            return True
    return False


def test_views_leave_queries_to_services():
    """Views parse the request, ask a service (``services/``) and render: none loads, lists
    or counts rows itself (issue #12; the last of them moved in 2026-12)."""
    views = sorted(p for p in (ROOT / "web").rglob("*.py")
                   if p.name == "views.py" or p.name.endswith("_views.py"))
    assert len(views) > 10, "no view modules found"
    reading = sorted(str(p.relative_to(ROOT)) for p in views if _reads_the_database(p))
    assert reading == [], "views should call a service instead"


@pytest.mark.parametrize("source", [
    "def page(db, User, i):\n    return db.session.get(User, i)\n",
    "def page(db, User, i):\n    return db.get_or_404(User, i)\n",
    "def page(db, stmt):\n    return db.session.scalars(stmt).all()\n",
    "from sqlalchemy import select\n",
    "import sqlalchemy.orm\n",
])
def test_the_check_would_see_a_query(tmp_path, source):
    module = tmp_path / "views.py"
    module.write_text(source, encoding="utf-8")
    assert _reads_the_database(module)


def test_the_check_lets_a_view_call_a_service(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("from services.cycles import get_cycle\n\n"
                      "def page(cycle_id):\n    return get_cycle(cycle_id)\n", encoding="utf-8")
    assert not _reads_the_database(module)
