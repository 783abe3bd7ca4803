"""Benchmark: what sealing adds to building a snapshot PDF (issue #19: at most 10%).

Run: .venv/bin/python -m bench.bench_seal [--repeat N] [--no-write]

For English and Chinese it builds the complete submission of ``bench.bench_pdf`` as a
snapshot (PDF/A-3b, answers embedded, XMP) with ``render_submission_pdf``, then seals that PDF
with ``exports.seal.seal_pdf`` (self-signed ECDSA P-256 seal, no time-stamping authority),
both in this process, and prints the median times and their ratio. The figures go under
"## Snapshot seal" in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import logging
from datetime import UTC, datetime
from importlib.metadata import version

from bench.bench_pdf import best_of, complete_submission, page_count, write_section
from exports.seal import load_seal, seal_pdf, self_signed_p12
from exports.submission_pdf import render_submission_pdf

HEADING = "## Snapshot seal"
LANGS = ("en", "zh")
LIMIT = 0.10


def measure(lang: str, repeat: int, seal) -> dict:
    data = complete_submission(lang)
    build_s, pdf = best_of(repeat, lambda: render_submission_pdf(data))
    seal_pdf(pdf, seal)  # the first seal loads pyHanko's modules; count the steady state
    seal_s, sealed = best_of(repeat, lambda: seal_pdf(pdf, seal))
    return {"lang": lang, "pages": page_count(pdf), "build": build_s, "seal": seal_s,
            "ratio": seal_s / build_s, "kib": len(pdf) / 1024, "sealed_kib": len(sealed) / 1024}


def report(rows: list[dict], repeat: int) -> str:
    lines = [
        HEADING, "",
        f"`bench/bench_seal.py`, {datetime.now(UTC):%Y-%m-%d}, pyHanko {version('pyhanko')},"
        f" median of {repeat} runs, in one process. The complete submission of"
        " `bench/bench_pdf.py` built as a snapshot (PDF/A-3b, answers embedded, XMP), then"
        " sealed (PAdES certification signature, self-signed ECDSA P-256 seal, no"
        " time-stamping authority: a TSA adds its network round trip). Both steps run one"
        " after the other in the same process, so a busy host slows them alike: the ratio is"
        " the figure to compare.", "",
        "| lang | pages | build s | seal s | seal / build | KiB unsealed / sealed |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {r['lang']} | {r['pages']} | {r['build']:.2f} | {r['seal']:.3f} |"
              f" {r['ratio']:.1%} | {r['kib']:.0f} / {r['sealed_kib']:.0f} |" for r in rows]
    worst = max(r["ratio"] for r in rows)
    verdict = "within" if worst <= LIMIT else "OVER"
    lines += ["", f"Sealing adds at most {worst:.1%} to the build ({verdict} the 10% budget).",
              ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    seal = load_seal(self_signed_p12("EnvSAQ benchmark seal (self-signed)"))
    rows = []
    for lang in LANGS:
        row = measure(lang, args.repeat, seal)
        rows.append(row)
        print(f"{lang}: build {row['build']:.2f} s, seal {row['seal']:.3f} s,"
              f" ratio {row['ratio']:.1%}", flush=True)
    markdown = report(rows, args.repeat)
    print()
    print(markdown)
    if not args.no_write:
        write_section(markdown, HEADING)


if __name__ == "__main__":
    main()
