"""Benchmark: the compiled report for every State, against one plain WeasyPrint document.

Run: .venv/bin/python -m bench.bench_report [--states N] [--lang en] [--repeat 3]
     [--no-write]

The data are what ``flask demo --states all`` gives every State (the same generator and seed,
without a database). Each round (``--repeat``, 3 by default; medians are reported) measures:

- baseline: the same report (the same parts' HTML joined into one document) rendered by
  WeasyPrint in one process, as a single document;
- cold: ``build_report`` with an empty part cache (parts in 2 worker processes, merged);
- after one change: one State's answer changes and the report is built again on the warm cache;

and prints each build time as a ratio of the baseline, with the peak memory (VmHWM) of every
process involved. Figures go under "## Compiled report" in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from exports.report.build import build_report
from exports.report.parts import body_parts, front_part
from questionnaire.loader import load_definition
from questionnaire.report_model import (
    ReportOptions,
    SnapshotEntry,
    StateEntry,
    build_report_model,
)
from web.cli.demo_answers import context_for, demo_answers

REPO_ROOT = Path(__file__).resolve().parent.parent

BENCHMARKS_MD = REPO_ROOT / "docs" / "benchmarks.md"
HEADING = "## Compiled report"
DEFINITION_FILE = REPO_ROOT / "questionnaire" / "definitions" / "res-12-4" / "v1.yaml"
STATES_FILE = REPO_ROOT / "models" / "data" / "states.json"
SEED = 2026
"""The default seed of ``flask demo``."""
CHANGED_QUESTION = "op1.leg.laundering"


# ------------------------------------------------------------------ memory of every process

def _vm_hwm_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    found, frontier = set(), {root}
    while frontier:
        children = {pid for pid, parent in parents.items() if parent in frontier}
        children -= found
        found |= children
        frontier = children
    return found


class MemoryWatch:
    """Samples the peak resident memory (VmHWM) of this process and all its descendants."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        for pid in {os.getpid(), *_descendants(os.getpid())}:
            value = _vm_hwm_kib(pid)
            if value is not None:
                self.peaks[pid] = max(self.peaks.get(pid, 0), value)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def children_peak_mib(self) -> float:
        values = [kib for pid, kib in self.peaks.items() if pid != os.getpid()]
        return max(values, default=0) / 1024


# ------------------------------------------------------------------ data and baseline

def demo_data(count: int) -> tuple[Any, list[StateEntry], list[SnapshotEntry]]:
    definition = load_definition(DEFINITION_FILE)
    registry = json.loads(STATES_FILE.read_text(encoding="utf-8"))
    states = [StateEntry(s["iso3"], s["names"], s.get("regional_group"),
                         (s.get("party") or {}).get("status", "non_party")) for s in registry]
    snapshots = []
    base = datetime(2026, 3, 1, tzinfo=UTC)
    for index, state in enumerate(states[:count]):
        context = context_for(state.iso3, state.group, SEED)
        snapshots.append(SnapshotEntry(state.iso3, 1, f"{index:064x}",
                                       base + timedelta(hours=index), False,
                                       demo_answers(definition, context)))
    return definition, states, snapshots


def one_document_html(model: dict[str, Any]) -> str:
    """The report's parts joined into one HTML document (the front page with its contents)."""
    parts = body_parts(model)
    toc = [{"key": "introduction", "title": None, "level": 1, "page": 2,
            "anchor": "chapter-introduction"}]
    htmls = [front_part(model, toc).html, *(part.html for part in parts)]
    head = htmls[0].split("<body>", 1)[0]
    bodies = [re.split(r"<body>|</body>", html)[1] for html in htmls]
    joined = '<div class="part-break"></div>'.join(bodies)
    style = "<style>.part-break { break-before: page; }</style>"
    return f"{head}{style}<body>{joined}</body></html>"


def _baseline_child(html: str, connection: Any) -> None:
    from weasyprint import HTML

    from exports.fetcher import SafeURLFetcher
    from exports.pdf import BASE_OPTIONS, fonts_base_url
    from exports.report.render import REPORT_PART_OPTIONS

    options = {**BASE_OPTIONS, **REPORT_PART_OPTIONS}  # tagged, as the parts are
    started = time.perf_counter()
    document = HTML(string=html, base_url=fonts_base_url(),
                    url_fetcher=SafeURLFetcher()).render(**options)
    pdf = document.write_pdf(**options)
    connection.send((time.perf_counter() - started, len(document.pages), len(pdf),
                     _vm_hwm_kib(os.getpid()) or 0, font_rows(pdf)))
    connection.close()


def baseline(html: str) -> tuple[float, int, int, float, str]:
    """Seconds, pages, bytes, peak MiB and fonts of one WeasyPrint render (in a fresh
    process)."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_baseline_child, args=(html, sender))
    process.start()
    sender.close()
    seconds, pages, size, peak_kib, fonts = receiver.recv()
    process.join()
    return seconds, pages, size, peak_kib / 1024, fonts


# ------------------------------------------------------------------ the run

def changed(snapshots: list[SnapshotEntry]) -> list[SnapshotEntry]:
    """The same data after one State (the middle one) submitted again with one answer changed."""
    target = snapshots[len(snapshots) // 2].iso3
    out = []
    for snapshot in snapshots:
        if snapshot.iso3 == target:
            answers = dict(snapshot.answers)
            answers[CHANGED_QUESTION] = next(value for value in ("no", "yes", "partly")
                                             if value != answers.get(CHANGED_QUESTION))
            snapshot = replace(snapshot, number=snapshot.number + 1, answers=answers,
                               submitted_at=snapshot.submitted_at + timedelta(days=1))
        out.append(snapshot)
    return out


def timed_build(model: dict[str, Any], cache_dir: Path) -> tuple[float, Any, float]:
    with MemoryWatch() as watch:
        started = time.perf_counter()
        result = build_report(model, cache_dir=cache_dir)
        seconds = time.perf_counter() - started
    return seconds, result, watch.children_peak_mib()


def run(count: int, lang: str, repeat: int) -> dict[str, Any]:
    """``repeat`` rounds of: cold build, build after one change, baseline; medians reported
    (the host is shared, and one round can land on a busy minute)."""
    load_before = os.getloadavg()[0]
    definition, states, snapshots = demo_data(count)
    invited = [state.iso3 for state in states]
    options = ReportOptions(lang=lang, cutoff=datetime(2026, 4, 1, tzinfo=UTC))
    started = time.perf_counter()
    model = build_report_model(definition, snapshots, states, invited, options)
    model_seconds = time.perf_counter() - started
    model2 = build_report_model(definition, changed(snapshots), states, invited, options)
    one_document = one_document_html(model)
    rounds, worker_mib, base_mib = [], 0.0, 0.0
    for number in range(1, repeat + 1):
        with tempfile.TemporaryDirectory() as folder:
            cache = Path(folder)
            cold_seconds, cold, cold_mib = timed_build(model, cache)
            print(f"round {number}: cold {cold_seconds:.1f} s, {cold.pages} pages, "
                  f"{cold.parts_total} parts ({_phases(cold.phases)})", flush=True)
            warm_seconds, warm, warm_mib = timed_build(model2, cache)
            print(f"round {number}: after one change {warm_seconds:.1f} s, "
                  f"{warm.parts_rendered} parts rendered", flush=True)
        base_seconds, base_pages, base_bytes, peak, base_fonts = baseline(one_document)
        print(f"round {number}: baseline {base_seconds:.1f} s, {base_pages} pages", flush=True)
        rounds.append((cold_seconds, warm_seconds, base_seconds))
        worker_mib, base_mib = max(worker_mib, cold_mib, warm_mib), max(base_mib, peak)
    cold_median, warm_median, base_median = (statistics.median(column)
                                             for column in zip(*rounds, strict=True))
    return {
        "states": count, "lang": lang, "model_seconds": model_seconds, "repeat": repeat,
        "pages": cold.pages, "parts": cold.parts_total, "bytes": len(cold.pdf),
        "cold_seconds": cold_median, "warm_seconds": warm_median,
        "rounds": "; ".join(f"{c:.1f} / {w:.1f} / {b:.1f}" for c, w, b in rounds),
        "cold_phases": _phases(cold.phases), "warm_phases": _phases(warm.phases),
        "warm_rendered": warm.parts_rendered, "warm_cached": warm.parts_cached,
        "base_seconds": base_median, "base_pages": base_pages, "base_bytes": base_bytes,
        "fonts": font_rows(cold.pdf), "base_fonts": base_fonts,
        "base_mib": base_mib, "parent_mib": (_vm_hwm_kib(os.getpid()) or 0) / 1024,
        "worker_mib": worker_mib,
        "load": (load_before, os.getloadavg()[0]), "cpus": os.cpu_count(),
    }


def _phases(phases: dict[str, float]) -> str:
    return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())


def markdown(r: dict[str, Any]) -> str:
    today = datetime.now(UTC).date().isoformat()
    return "\n".join([
        heading(r["lang"]),
        "",
        f"`bench/bench_report.py`, {today}, median of {r['repeat']} rounds, language "
        f"`{r['lang']}`, "
        f"{r['states']} States with the answers of `flask demo --states all` (seed {SEED}). "
        "Baseline: the same parts' HTML joined into one document and rendered by WeasyPrint in "
        "one process (same fetcher and options, tagged as the parts are), measured in the same "
        "run. Our build: parts in 2 worker processes (forkserver), cached on disk by the "
        "SHA-256 of their HTML, merged with pikepdf into one structure tree, page numbers "
        "stamped across parts. The host is shared: "
        f"{r['cpus']} CPUs, 1-minute load average {r['load'][0]:.1f} at the start and "
        f"{r['load'][1]:.1f} at the end; with two workers the cold ratio depends on two CPUs "
        "being free.",
        "",
        "| measure | value | ratio to baseline |",
        "|---|---:|---:|",
        f"| baseline: one WeasyPrint document | {r['base_seconds']:.1f} s, {r['base_pages']} "
        f"pages | 1.00 |",
        f"| cold build (empty cache, {r['parts']} parts) | {r['cold_seconds']:.1f} s, "
        f"{r['pages']} pages | {r['cold_seconds'] / r['base_seconds']:.2f} |",
        f"| after one State changes ({r['warm_rendered']} parts rendered, {r['warm_cached']} "
        f"from cache) | {r['warm_seconds']:.1f} s | "
        f"{r['warm_seconds'] / r['base_seconds']:.2f} |",
        f"| report model (aggregation, gaps, profiles) | {r['model_seconds']:.1f} s | |",
        "",
        f"Rounds (cold / after one change / baseline, s): {r['rounds']}. Phases of the last "
        f"cold build: {r['cold_phases']}. After one change: {r['warm_phases']}.",
        "",
        f"Peak memory (VmHWM): baseline process {r['base_mib']:.0f} MiB; our parent process "
        f"{r['parent_mib']:.0f} MiB (includes the model and the merge); largest worker "
        f"{r['worker_mib']:.0f} MiB. File size: ours {r['bytes'] / 1024:.0f} KiB, baseline "
        f"{r['base_bytes'] / 1024:.0f} KiB, ratio {r['bytes'] / r['base_bytes']:.2f} (target: "
        f"at most 1.1). Fonts (pdffonts): ours {r['fonts']}; baseline {r['base_fonts']} (the "
        "parts' subsets are merged into one program per face, exports/report/fonts.py).",
        "",
    ])


def heading(lang: str) -> str:
    """The section of ``lang``'s figures: "## Compiled report" for English, then "(zh)"..."""
    return HEADING if lang == "en" else f"{HEADING} ({lang})"


def font_rows(pdf: bytes) -> str:
    """pdffonts' font names, each with how many times it is listed."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        output = subprocess.run(["pdffonts", handle.name], capture_output=True, text=True,
                                check=True).stdout
    names = [line.split()[0] for line in output.splitlines()[2:] if line.strip()]
    return ", ".join(f"{name} x{names.count(name)}" for name in dict.fromkeys(names))


def write_section(text: str, path: Path = BENCHMARKS_MD) -> None:
    """Replace (or append) only this language's "## Compiled report" section."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    pattern = re.compile(rf"^{re.escape(text.splitlines()[0])}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        updated = pattern.sub(lambda _match: text + "\n", current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    path.write_text(updated, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=198)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    result = run(args.states, args.lang, max(1, args.repeat))
    text = markdown(result)
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
