"""The compiled report's page counts per language, and its pages that are mostly empty.

Run: .venv/bin/python -m bench.report_pages [--states 198] [--langs en,fr,es,ru,ar,zh]

The data are those of ``bench.bench_report`` (``flask demo --states all``'s answers for every
State). Each language's report is built once (cold); a page is "sparse" when it holds less
than a quarter of the median page's text. Sparse pages are listed with the heading they belong
to, so a reader can tell a chapter's natural last page from a layout that wastes paper
(issue #18: "Pages that are full"). Figures go in docs/benchmarks.md by hand.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.bench_report import demo_data
from exports.report.build import build_report
from questionnaire.report_model import ReportOptions, build_report_model

LANGS = ("en", "fr", "es", "ru", "ar", "zh")
SPARSE_SHARE = 0.25


def page_texts(pdf: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def sparse_pages(texts: list[str]) -> list[tuple[int, int, str]]:
    """(page number, characters, first line) of the pages under the sparse share."""
    sizes = [len("".join(text.split())) for text in texts]
    median = statistics.median(sizes)
    found = []
    for number, (text, size) in enumerate(zip(texts, sizes, strict=True), start=1):
        if size < SPARSE_SHARE * median:
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            found.append((number, size, lines[1] if len(lines) > 1 else ""))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=198)
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    definition, states, snapshots = demo_data(args.states)
    invited = [state.iso3 for state in states]
    print(f"{args.states} States, {datetime.now(UTC):%Y-%m-%d}")
    print("| language | pages | sparse pages | build s |")
    print("|---|---:|---:|---:|")
    details = []
    for lang in args.langs.split(","):
        options = ReportOptions(lang=lang, cutoff=datetime(2026, 4, 1, tzinfo=UTC))
        model = build_report_model(definition, snapshots, states, invited, options)
        started = time.perf_counter()
        result = build_report(model, workers=args.workers)
        seconds = time.perf_counter() - started
        sparse = sparse_pages(page_texts(result.pdf))
        print(f"| {lang} | {result.pages} | {len(sparse)} | {seconds:.0f} |", flush=True)
        details.append((lang, sparse))
    for lang, sparse in details:
        for number, size, line in sparse:
            print(f"{lang} page {number}: {size} characters; {line[:80]}")


if __name__ == "__main__":
    main()
