"""One installable artefact (issue #20, ops review F1): the wheel built from the repository holds
everything the app and the worker need, and an installed copy outside the repository renders
French pages and French report parts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

INSTALLED_CHECK = textwrap.dedent('''
    import io, sys
    from pathlib import Path
    import app, exports.i18n
    repo = Path(sys.argv[1])
    for module in (app, exports.i18n):
        assert repo not in Path(module.__file__).resolve().parents, module.__file__
    from app import create_app
    from models import db
    application = create_app({"TESTING": True, "SECRET_KEY": "k" * 40,
                              "SQLALCHEMY_DATABASE_URI": "sqlite:///" + sys.argv[2]})
    with application.app_context():
        db.create_all()
        page = application.test_client().get("/sign-in", headers={"Accept-Language": "fr"})
        assert page.status_code == 200 and "Se connecter" in page.get_data(as_text=True)
    from exports.report.parts import page_number_labels, page_numbers_html
    from exports.report.render import render_part
    from pypdf import PdfReader
    part = render_part(page_numbers_html("fr", page_number_labels("fr", 2)), "fr")
    text = PdfReader(io.BytesIO(part.pdf)).pages[0].extract_text()
    assert "Page 1 sur 2" in text, text
    print("installed copy OK")
''')


def _copy_of_the_repository(target: Path) -> Path:
    """The files git knows (tracked or new, not ignored): what a clone would build from."""
    names = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True, text=True).stdout.splitlines()
    for name in names:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_the_wheel_installs_and_runs_in_french_outside_the_repository(tmp_path):
    source = _copy_of_the_repository(tmp_path / "src")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path / "dist"),
         str(source)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    assert "SetuptoolsDeprecationWarning" not in built.stdout + built.stderr
    [wheel] = (tmp_path / "dist").glob("envsaq-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("app.py", "worker.py", "translations/fr/LC_MESSAGES/messages.mo",
                     "translations/ar/LC_MESSAGES/messages.mo", "templates/base.html",
                     "web/static/workspace.js", "questionnaire/definitions/res-12-4/v1.yaml",
                     "migrations/env.py", "models/data/states.json"):
        assert required in names, required
    assert any(n.startswith("exports/fonts/") and n.endswith((".ttf", ".otf")) for n in names)
    assert any(n.startswith("migrations/versions/") for n in names)

    # A fresh environment outside the repository: the wheel itself, and the dependencies of
    # the test environment (added after its own site-packages, so the wheel comes first).
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print("
                                "sysconfig.get_paths()['purelib'])"], check=True,
                               capture_output=True, text=True).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--ignore-installed", str(wheel)], capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stderr
    assert (site / "translations" / "fr" / "LC_MESSAGES" / "messages.mo").is_file()
    run = tmp_path / "elsewhere"
    run.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "DATABASE_URL", "REDIS_URL", "ENVSAQ_ENV")}
    env["ENVSAQ_INSTANCE_PATH"] = str(run / "instance")
    checked = subprocess.run([str(python), "-c", INSTALLED_CHECK, str(ROOT),
                              str(run / "envsaq.db")], cwd=run, env=env, capture_output=True,
                             text=True, timeout=600)
    assert checked.returncode == 0, checked.stderr[-3000:]
    assert "installed copy OK" in checked.stdout
