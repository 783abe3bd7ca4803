"""Benchmark: a complete submission PDF in each UN language against plain WeasyPrint.

Run: .venv/bin/python -m bench.bench_pdf [--repeat N] [--no-write]

For each language it renders a full submission (every question answered, ~15 sections, long
texts, 20 citations, five years of statistics) through ``render_submission_pdf`` (a snapshot:
tagged, PDF/A-3b, its answers embedded) and the same HTML through
``weasyprint.HTML(string=..., base_url=<bundled fonts>).write_pdf()``, once asked for the same
document (tags, PDF/A-3b) and once with WeasyPrint's default options (no tags, no PDF/A), the
three taking turns in this process, and prints pages, seconds, pages per second per script
(Latin, Cyrillic, Arabic, CJK) and our ratio to each. WeasyPrint alone writes with pydyf as it
comes: ``exports/pdf_writer_tuning.py`` is undone for its renders.
The figures are written under "## Submission PDF" in docs/benchmarks.md (other sections are
left alone).
"""

from __future__ import annotations

import argparse
import gc
import io
import logging
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pypdf
import weasyprint

from exports import pdf_writer_tuning
from exports.pdf import (
    BASE_OPTIONS,
    SNAPSHOT_OPTIONS,
    fonts_base_url,
)
from exports.submission_pdf import (
    render_submission_pdf,
    render_submission_pdf_with_timeout,
    submission_html,
)
from testing.sample_data import LANGS, TEXT, sample_submission

REPO_ROOT = Path(__file__).resolve().parent.parent

BENCHMARKS_MD = REPO_ROOT / "docs" / "benchmarks.md"
HEADING = "## Submission PDF"
SECTION_COUNT = 15
SCRIPTS = {"Latin": ("en", "es", "fr"), "Cyrillic": ("ru",), "Arabic": ("ar",),
           "CJK": ("zh",)}
YEARS = range(2021, 2026)


def complete_submission(lang: str) -> dict[str, Any]:
    """Every question answered, long texts, 20 citations, statistics for five years."""
    t = TEXT[lang]
    base = sample_submission(lang)
    long_text = "\n".join([t["a_leg_art5"], t["a_coop_mla"], t["a_data_notes"]] * 4)
    laws = [t["a_leg_law1"], t["a_leg_law2"], t["a_leg_law3"]]
    citations = [f"{laws[i % 3]}, art. {i + 1}" for i in range(20)]
    statistics_table = {
        "kind": "table",
        "columns": [t["c_year"], t["c_sent"], t["c_received"], t["c_offence"], t["c_penalty"]],
        "rows": [
            [str(year), str(10 + year % 9), str(7 + year % 4), t["r_pen1"], t["r_pen1b"]]
            for year in YEARS
        ],
    }
    penalties = base["sections"][0]["questions"][2]["display"]
    titles = [t["s1"], t["s2"], t["s3"], t["s4"]]
    labels = [
        t["q_leg_art5"],
        t["q_leg_laws"],
        t["q_coop_stats"],
        t["q_leg_pen"],
        t["q_data_notes"],
    ]
    displays = [
        {"kind": "text", "text": long_text},
        {"kind": "list", "items": citations},
        statistics_table,
        penalties,
        {"kind": "text", "text": long_text},
    ]
    sections = []
    for number in range(1, SECTION_COUNT + 1):
        questions = [
            {
                "key": f"op{number}.q{index}",
                "number": f"{number}.{index}",
                "label": label,
                "help": t["h_leg_art5"],
                "paragraphs": [number],
                "articles": [str(index + 5)],
                "status": "answered",
                "display": display,
            }
            for index, (label, display) in enumerate(zip(labels, displays, strict=True), start=1)
        ]
        sections.append(
            {
                "key": f"op{number}",
                "number": number,
                "title": f"{titles[(number - 1) % 4]} ({number})",
                "paragraphs": [number],
                "articles": [str(number + 4)],
                "questions": questions,
            }
        )
    return {**base, "sections": sections, "generated_at": datetime.now(UTC)}


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def best_of(repeat: int, render: Callable[[], bytes]) -> tuple[float, bytes]:
    """Median wall time of ``repeat`` runs, and the last output."""
    timings, output = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        output = render()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), output


class Timed(NamedTuple):
    """One render's runs: seconds per round (in round order) and the last output."""

    rounds: list[float]
    output: bytes

    @property
    def median(self) -> float:
        return statistics.median(self.rounds)

    def ratio_to(self, other: Timed) -> float:
        """Median of the per-round ratios: the two ran back to back in each round, so a
        change in the host's load between rounds falls on both."""
        return statistics.median(a / b for a, b in zip(self.rounds, other.rounds, strict=True))


def interleaved(repeat: int, renders: dict[str, Callable[[], bytes]]) -> dict[str, Timed]:
    """Each render's timings and last output, the renders taking turns (one round of each,
    ``repeat`` rounds, each round starting one further along), so that a change in the
    host's load falls on all alike. Each starts from a collected heap: otherwise the render
    after another pays for collecting the other's garbage (measured: up to 15%)."""
    timings: dict[str, list[float]] = {name: [] for name in renders}
    outputs: dict[str, bytes] = {}
    names = list(renders)
    for round_ in range(repeat):
        for name in names[round_ % len(names):] + names[:round_ % len(names)]:
            gc.collect()
            start = time.perf_counter()
            outputs[name] = renders[name]()
            timings[name].append(time.perf_counter() - start)
    return {name: Timed(timings[name], outputs[name]) for name in renders}


def measure(lang: str, repeat: int) -> dict[str, Any]:
    data = complete_submission(lang)
    html = submission_html(data)

    def weasyprint_alone(**options: Any) -> bytes:
        with pdf_writer_tuning.uninstalled():
            return weasyprint.HTML(string=html, base_url=fonts_base_url()).write_pdf(**options)

    results = interleaved(repeat, {
        "ours": lambda: render_submission_pdf(data),
        "same": lambda: weasyprint_alone(**BASE_OPTIONS, **SNAPSHOT_OPTIONS),
        "plain": weasyprint_alone,
    })
    ours, same, plain = results["ours"], results["same"], results["plain"]
    pages = page_count(ours.output)
    return {
        "lang": lang,
        "pages": pages,
        "plain_pages": page_count(plain.output),
        "seconds": ours.median,
        "pages_per_s": pages / ours.median,
        "same_seconds": same.median,
        "same_ratio": ours.ratio_to(same),
        "plain_seconds": plain.median,
        "ratio": ours.ratio_to(plain),
        "kib": len(ours.output) / 1024,
        "plain_kib": len(plain.output) / 1024,
    }


def measure_child_process(repeat: int) -> tuple[float, float]:
    """The English snapshot rendered in this process and in a render process, in seconds."""
    data = complete_submission("en")
    results = interleaved(repeat, {
        "in process": lambda: render_submission_pdf(data),
        "render process": lambda: render_submission_pdf_with_timeout(data, timeout_s=300),
    })
    return results["in process"].median, results["render process"].median


def report(rows: list[dict[str, Any]], child: tuple[float, float], repeat: int) -> str:
    lines = [
        HEADING,
        "",
        f"`bench/bench_pdf.py`, {datetime.now(UTC):%Y-%m-%d}, WeasyPrint {weasyprint.__version__},"
        f" median of {repeat} rounds, the three renders taking turns in each round (ratios:"
        " the median of the rounds' ratios). A complete"
        f" submission: {SECTION_COUNT} sections x 5 answered questions (long texts, 20 citations,"
        " five years of statistics, a penalties table).",
        "Ours: `render_submission_pdf`, a snapshot (HTML from the data, tagged, PDF/A-3b, answers"
        " embedded, XMP; not sealed). WeasyPrint alone: the same HTML through"
        " `weasyprint.HTML(string=html, base_url=<exports/fonts>).write_pdf(...)` with pydyf as"
        " it comes (ours tunes it: `exports/pdf_writer_tuning.py`), asked for"
        " the same document (`pdf_tags`, `pdf/a-3b`: column \"same PDF\") and with its default"
        " options (no tags, no PDF/A: column \"untagged\"), the same bundled fonts, in this"
        " process.",
        "",
        "| lang | pages | ours s | pages/s | WeasyPrint, same PDF s | ours / same PDF"
        " | WeasyPrint, untagged s | ours / untagged | KiB ours / untagged |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['lang']} | {row['pages']} | {row['seconds']:.2f} | {row['pages_per_s']:.1f}"
            f" | {row['same_seconds']:.2f} | {row['same_ratio']:.2f}"
            f" | {row['plain_seconds']:.2f} | {row['ratio']:.2f} |"
            f" {row['kib']:.0f} / {row['plain_kib']:.0f} |"
        )
    lines.append("")
    for script, langs in SCRIPTS.items():
        group = [row for row in rows if row["lang"] in langs]
        if group:
            lines.append(
                f"- {script} ({', '.join(langs)}): "
                f"{statistics.mean(r['pages_per_s'] for r in group):.1f} pages/s; ours against"
                " WeasyPrint asked for the same PDF"
                f" {statistics.mean(r['same_ratio'] for r in group):.2f}, against untagged"
                f" WeasyPrint {statistics.mean(r['ratio'] for r in group):.2f} (target: at most"
                " 1.1).")
    lines += [
        f"- `render_submission_pdf_with_timeout` (a render process, `exports/fork_server.py`), en:"
        f" {child[1]:.2f} s against {child[0]:.2f} s in process (ratio"
        f" {child[1] / child[0]:.2f}).",
        "",
    ]
    return "\n".join(lines)


def write_section(markdown: str, heading: str = HEADING) -> None:
    """Replace (or append) ``heading``'s section, keeping everyone else's."""
    existing = BENCHMARKS_MD.read_text(encoding="utf-8") if BENCHMARKS_MD.exists() else ""
    if not existing.strip():
        BENCHMARKS_MD.write_text("# Benchmarks\n\n" + markdown, encoding="utf-8")
        return
    lines = existing.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == heading), None)
    if start is None:
        separator = (
            "" if existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
        )
        BENCHMARKS_MD.write_text(existing + separator + markdown, encoding="utf-8")
        return
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith(("## ", "# "))),
        len(lines),
    )
    tail = "".join(lines[end:])
    body = "".join(lines[:start]) + markdown + ("\n" + tail if tail else "")
    BENCHMARKS_MD.write_text(body, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    rows = []
    for lang in LANGS:
        row = measure(lang, args.repeat)
        rows.append(row)
        print(
            f"{lang}: {row['pages']} pages in {row['seconds']:.2f} s"
            f" ({row['pages_per_s']:.1f} pages/s); WeasyPrint, same PDF"
            f" {row['same_seconds']:.2f} s (ratio {row['same_ratio']:.2f}), untagged"
            f" {row['plain_seconds']:.2f} s ({row['plain_pages']} pages; ratio {row['ratio']:.2f})",
            flush=True,
        )
    child = measure_child_process(args.repeat)
    markdown = report(rows, child, args.repeat)
    print()
    print(markdown)
    if not args.no_write:
        write_section(markdown)
        print(f"written to {BENCHMARKS_MD}")


if __name__ == "__main__":
    main()
