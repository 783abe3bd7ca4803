"""Benchmark: the compiled report on all cores, and ready when the last submission arrives.

Run: .venv/bin/python -m bench.bench_report_ready [--states N] [--lang en]

In one process, against the same baseline (the report's parts joined into one document and
rendered by WeasyPrint once, ``bench.bench_report.baseline``), prints as ratios:

- the cold build (empty part cache) with 1 worker, 2 workers and, when the process may use
  more CPUs (``os.sched_getaffinity``), with all of them;
- the last submission: the parts rendered in the background after it (what
  ``web/report_prerender.py`` does on the worker), then the build asked for afterwards; and,
  for comparison, the build after one change without that background step.

Figures go under "## Report on all cores, ready after the last submission" in
docs/benchmarks.md (by hand).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.bench_report import baseline, changed, demo_data, one_document_html
from exports.report.build import available_cpus, build_report
from questionnaire.report_model import ReportOptions, build_report_model


def timed(model: dict, cache: Path, workers: int | None = None) -> tuple[float, object]:
    started = time.perf_counter()
    result = build_report(model, cache_dir=cache, workers=workers)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=198)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    definition, states, snapshots = demo_data(args.states)
    invited = [state.iso3 for state in states]
    options = ReportOptions(lang=args.lang, cutoff=datetime(2026, 4, 1, tzinfo=UTC))
    before = build_report_model(definition, snapshots, states, invited, options)
    after = build_report_model(definition, changed(snapshots), states, invited, options)
    base, base_pages, *_ = baseline(one_document_html(before))
    print(f"baseline: one document {base:.1f} s, {base_pages} pages (1.00)", flush=True)
    counts = sorted({1, 2, available_cpus()})
    for workers in counts:
        with tempfile.TemporaryDirectory() as folder:
            seconds, result = timed(before, Path(folder), workers)
        print(f"cold build, {workers} worker(s): {seconds:.1f} s, {result.pages} pages, "
              f"ratio {seconds / base:.2f}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        timed(before, cache)  # every earlier submission already rendered
        background, pre = timed(after, cache)  # after the last submission, on the worker
        asked, result = timed(after, cache)  # the secretariat's build
        print(f"last submission: background render {background:.1f} s "
              f"({pre.parts_rendered} parts), ratio {background / base:.2f}; "
              f"the build asked for then {asked:.1f} s ({result.parts_rendered} parts rendered, "
              f"{result.parts_cached} cached), ratio {asked / base:.2f}; "
              f"submission to report {background + asked:.1f} s, "
              f"ratio {(background + asked) / base:.2f}", flush=True)
    print(f"{args.states} States, {args.lang}; CPUs available {available_cpus()}; "
          f"load {load:.1f} -> {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
