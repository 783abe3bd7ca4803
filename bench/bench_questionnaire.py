"""Benchmark: loading a questionnaire definition and building a section's form.

Prints medians and ratios against baselines measured in the same process:
- validate + load vs. a bare `yaml.safe_load` of the same file;
- building the largest section's WTForms form class and an instance of it vs. a one-field form.

Run: .venv/bin/python -m bench.bench_questionnaire [path/to/definition.yaml]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import wtforms
import yaml

from questionnaire.loader import load_definition_text
from web.forms.fields import form_class

ROOT = Path(__file__).resolve().parents[1]

SHIPPED = ROOT / "questionnaire" / "definitions" / "res-12-4" / "v1.yaml"
FIXTURE = ROOT / "tests" / "questionnaire" / "fixtures" / "good.yaml"


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    action()  # warm caches and imports
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(name: str, measured: float, baseline_name: str, baseline: float) -> None:
    print(f"{name:<38} {measured * 1000:9.3f} ms   "
          f"{measured / baseline:6.1f}x {baseline_name} ({baseline * 1000:.3f} ms)")


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else (SHIPPED if SHIPPED.exists() else FIXTURE)
    text = path.read_text(encoding="utf-8")
    definition = load_definition_text(text, str(path))
    print(f"definition: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
          f"({len(definition.sections)} sections, {len(definition.questions)} questions)")

    safe_load = median_seconds(lambda: yaml.safe_load(text), 20)
    c_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    c_safe_load = median_seconds(lambda: yaml.load(text, Loader=c_loader), 20)  # noqa: S506
    load = median_seconds(lambda: load_definition_text(text, str(path)), 20)
    report("validate + load definition", load, "yaml.safe_load", safe_load)
    report("validate + load definition", load, "C safe loader", c_safe_load)

    largest = max(definition.sections, key=lambda s: len(s.questions))
    trivial = median_seconds(
        lambda: type("One", (wtforms.Form,), {"f": wtforms.StringField("x")})(), 200
    )
    for lang in ("en", "ar"):
        build = median_seconds(lambda lang=lang: form_class(largest.questions, lang)(), 100)
        report(f"form of '{largest.key}' ({len(largest.questions)} q, {lang})", build,
               "one-field form", trivial)


if __name__ == "__main__":
    main()
