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


#: View modules that still read the database themselves (simple loads and lists: a cycle by
#: id, the API's pages, the cycles list). New views call services; this list only shrinks.
VIEWS_STILL_READING: set[str] = set()
QUERY_CALLS = {"scalar", "scalars", "execute", "get", "get_or_404", "paginate"}


def _reads_the_database(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr in QUERY_CALLS):
            owner = node.func.value
            text = ast.unparse(owner)
            if text in ("db.session", "db"):
                return True
        if isinstance(node, ast.ImportFrom) and node.module == "sqlalchemy":
            return True
    return False


def test_views_leave_queries_to_services():
    views = sorted(p for p in (ROOT / "web").rglob("*.py")
                   if p.name == "views.py" or p.name.endswith("_views.py"))
    reading = {str(p.relative_to(ROOT)) for p in views if _reads_the_database(p)}
    assert reading - VIEWS_STILL_READING == set(), "views should call a service instead"
    assert VIEWS_STILL_READING - reading == set(), "clean now: take them off the list"
