"""The domain loads no framework: importing every questionnaire module in a fresh interpreter
brings in neither Flask, Werkzeug, SQLAlchemy, WTForms, markupsafe nor the ORM models."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("flask", "flask_sqlalchemy", "flask_babel", "flask_wtf", "werkzeug", "sqlalchemy",
             "wtforms", "markupsafe", "jinja2", "models")

PROBE = """
import importlib, json, pkgutil, sys
import questionnaire
names = [m.name for m in pkgutil.walk_packages(questionnaire.__path__, "questionnaire.")]
for name in names:
    importlib.import_module(name)
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.argv[1])))
print(json.dumps({"modules": names, "loaded": loaded}))
"""


def probe(forbidden: tuple[str, ...]) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(forbidden)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def test_no_questionnaire_module_loads_a_framework():
    result = probe(FORBIDDEN)
    assert "questionnaire.fields.base" in result["modules"]  # the walk found the modules
    assert "questionnaire.workflow" in result["modules"]
    assert result["loaded"] == []


def test_the_probe_sees_a_framework_when_one_is_loaded():
    # questionnaire.fields.examples loads random; the probe reports what it finds.
    assert probe(("random",))["loaded"] == ["random"]
