"""Building the compiled report: render the parts in parallel, reuse cached ones, merge."""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exports.report.assemble import OutlineItem, add_outline, finish, merge, stamp_overlay
from exports.report.parts import (
    Part,
    body_parts,
    front_part,
    heading_text,
    page_number_labels,
    page_numbers_html,
)
from exports.report.render import PartCache, RenderedPart, part_key, render_part

MAX_WORKERS = 2
OVERLAY_CHUNK = 60
"""Pages per piece of the page-number overlay (pieces render in parallel and are cached)."""
FRONT_ATTEMPTS = 4
"""The front page lists page numbers that depend on its own length: re-render until stable."""

Progress = Callable[[int, int], None]
"""Called with (parts done, parts total) as the build goes on."""


@dataclass(frozen=True)
class BuildResult:
    pdf: bytes
    pages: int
    parts_total: int
    parts_rendered: int
    parts_cached: int


def _no_progress(done: int, total: int) -> None:
    return None


def _pool(workers: int) -> ProcessPoolExecutor:
    # 'spawn' (or 'forkserver') starts clean interpreters: nothing inherited from a threaded
    # web or queue worker (locks, sockets, database connections).
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # Workers fork from a server that has WeasyPrint imported already.
        context.set_forkserver_preload(["exports.report.render", "weasyprint"])
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


class _Renderer:
    """Renders parts through the cache and the pool, counting progress."""

    def __init__(self, pool: ProcessPoolExecutor, cache: PartCache, lang: str,
                 total: int, progress: Progress) -> None:
        self.pool, self.cache, self.lang = pool, cache, lang
        self.total, self.progress = total, progress
        self.done = self.rendered = self.cached = 0

    def step(self) -> None:
        self.done += 1
        self.progress(min(self.done, self.total), self.total)

    def many(self, htmls: list[str], count: bool = True) -> list[RenderedPart]:
        results: list[RenderedPart | None] = [None] * len(htmls)
        futures: dict[Future[RenderedPart], tuple[int, str]] = {}
        # Longest first, so that no long part starts last while the other worker idles.
        for index in sorted(range(len(htmls)), key=lambda i: -len(htmls[i])):
            html = htmls[index]
            key = part_key(html, self.lang)
            hit = self.cache.get(key)
            if hit is not None:
                results[index] = hit
                self.cached += 1
                if count:
                    self.step()
            else:
                futures[self.pool.submit(render_part, html, self.lang)] = (index, key)
        for future in as_completed(futures):
            index, key = futures[future]
            part = future.result()
            self.cache.put(key, part)
            results[index] = part
            self.rendered += 1
            if count:
                self.step()
        return [part for part in results if part is not None]

    def one(self, html: str, count: bool = True) -> RenderedPart:
        key = part_key(html, self.lang)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.pool.submit(render_part, html, self.lang).result()
            self.cache.put(key, hit)
            self.rendered += 1
        else:
            self.cached += 1
        if count:
            self.step()
        return hit


def build_report(model: dict[str, Any], *, cache_dir: Path | str | None = None,
                 workers: int = MAX_WORKERS, progress: Progress = _no_progress) -> BuildResult:
    """The report PDF for ``model`` (see ``questionnaire.report_model``)."""
    lang = model["lang"]
    parts = body_parts(model)
    total = len(parts) + 2  # the body parts, the front page, the assembly
    progress(0, total)
    cache = PartCache(cache_dir)
    with _pool(max(1, min(workers, MAX_WORKERS))) as pool:
        renderer = _Renderer(pool, cache, lang, total, progress)
        rendered = renderer.many([part.html for part in parts])
        front, toc = _front(model, parts, rendered, renderer)
        pages = front.pages + sum(part.pages for part in rendered)
        labels = page_number_labels(lang, pages)
        overlays = renderer.many([page_numbers_html(lang, labels[start:start + OVERLAY_CHUNK])
                                  for start in range(0, pages, OVERLAY_CHUNK)], count=False)
    writer = merge([front.pdf, *(part.pdf for part in rendered)])
    stamp_overlay(writer, [overlay.pdf for overlay in overlays])
    add_outline(writer, [OutlineItem(_strip(entry["label"]), entry["page"] - 1,
                                     entry["level"]) for entry in toc])
    pdf = finish(writer, title=f"{model['symbol']} · {model['questionnaire']['title']}",
                 lang=lang, subject=model["questionnaire"]["title"])
    renderer.step()
    return BuildResult(pdf, pages, total, renderer.rendered, renderer.cached)


def _front(model: dict[str, Any], parts: list[Part], rendered: list[RenderedPart],
           renderer: _Renderer) -> tuple[RenderedPart, list[dict[str, Any]]]:
    """Render the front page until the page numbers it lists agree with its own length."""
    front_pages = 1
    for attempt in range(FRONT_ATTEMPTS):
        toc = _toc_rows(model, parts, rendered, front_pages)
        front = renderer.one(front_part(model, toc).html, count=attempt == 0)
        if front.pages == front_pages:
            return front, toc
        front_pages = front.pages
    raise RuntimeError("the table of contents does not settle on a page count")


def _toc_rows(model: dict[str, Any], parts: list[Part], rendered: list[RenderedPart],
              offset: int) -> list[dict[str, Any]]:
    rows = []
    for part, result in zip(parts, rendered, strict=True):
        for entry in part.toc:
            page = offset + result.anchors.get(entry.anchor, 0) + 1
            rows.append({"key": entry.key, "title": entry.title, "level": entry.level,
                         "page": page,
                         "label": entry.title or heading_text(model["lang"], entry.key)})
        offset += result.pages
    return rows


def _strip(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
