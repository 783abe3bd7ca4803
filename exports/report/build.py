"""Building the compiled report: render the parts in parallel, reuse cached ones, merge."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exports.fork_server import render_context
from exports.pdf import die_with_parent
from exports.report.assemble import (
    OutlineItem,
    add_links,
    add_outline,
    finish,
    merge,
    stamp_overlay,
)
from exports.report.parts import (
    Part,
    body_parts,
    front_part,
    heading_text,
    page_number_labels,
    page_numbers_html,
)
from exports.report.render import PartCache, RenderedPart, part_key, render_part
from exports.report.shared import LEASE_SECONDS, Outcome, SharedParts, render_claimed

OVERLAY_CHUNK = 60
"""Pages per piece of the page-number overlay (pieces render in parallel and are cached)."""
FRONT_ATTEMPTS = 4
"""The front page lists page numbers that depend on its own length: re-render until stable."""

Renderer = Callable[[str, str], RenderedPart]
"""Renders one part's HTML in a language (``render.render_part``)."""
Progress = Callable[[int, int], None]
"""Called with (parts done, parts total) as the build goes on."""
Dispatch = Callable[[str, str, str], None]
"""Hands a part (key, HTML, language) to the workers that share the part cache (a queued
task); it may be rendered there or here, whichever claims it first."""
POLL_SECONDS = 0.2
"""How often the builder looks in the shared cache for parts claimed by other workers."""
WAIT_LEASES = 2
"""A part claimed elsewhere and still missing after this many claim leases fails the build."""


@dataclass(frozen=True)
class BuildResult:
    pdf: bytes
    pages: int
    parts_total: int
    parts_rendered: int
    parts_cached: int
    parts_elsewhere: int = 0
    """Rendered during the build by other workers sharing the cache."""
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each phase of the build, in order."""


def _no_progress(done: int, total: int) -> None:
    return None


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, which a container or ``taskset``
    narrows), else the machine's count: the default number of render workers."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def _pool(workers: int) -> ProcessPoolExecutor:
    # Each worker dies with the process that started it (a killed job worker leaves none).
    return ProcessPoolExecutor(max_workers=workers, mp_context=render_context(),
                               initializer=die_with_parent)


class PartsFailed(RuntimeError):
    """Parts that could not be rendered, each named with the States it shows; the parts that
    rendered are cached, so a retry renders only these."""


@dataclass
class _Pending:
    """A part on its way: from the cache already, or a future from the pool."""

    key: str
    part: RenderedPart | None = None
    future: Future[Any] | None = None
    label: str = ""
    html: str = ""


class _Renderer:
    """Renders parts through the cache and the pool, counting progress. With ``dispatch``,
    every part missing from the cache is also handed to other workers sharing the cache;
    the pool renders the parts it can claim and waits for the parts claimed elsewhere
    (``exports.report.shared``)."""

    def __init__(self, pool: ProcessPoolExecutor, cache: PartCache, lang: str,
                 total: int, progress: Progress, render: Renderer = render_part,
                 dispatch: Dispatch | None = None, lease: float = LEASE_SECONDS) -> None:
        self.pool, self.cache, self.lang, self.render = pool, cache, lang, render
        self.total, self.progress, self.dispatch, self.lease = total, progress, dispatch, lease
        self.shared: SharedParts | None = None
        if dispatch is not None and cache.directory is not None:
            self.shared = SharedParts(cache.directory, lease)
        self.done = self.rendered = self.cached = self.elsewhere = 0

    def step(self) -> None:
        self.done += 1
        self.progress(min(self.done, self.total), self.total)

    def start(self, html: str, label: str) -> _Pending:
        key = part_key(html, self.lang)
        hit = self.cache.get(key)
        if hit is not None:
            self.cached += 1
            return _Pending(key, part=hit, label=label)
        if self.shared is None or self.dispatch is None:
            return _Pending(key, future=self.pool.submit(self.render, html, self.lang),
                            label=label)
        self.shared.forget_failure(key)  # an earlier attempt's: this one tries again
        self.dispatch(key, html, self.lang)
        return _Pending(key, future=self._claimed(key, html), label=label, html=html)

    def _claimed(self, key: str, html: str) -> Future[Any]:
        assert self.shared is not None
        return self.pool.submit(render_claimed, self.render, self.shared.directory, key, html,
                                self.lang, self.lease)

    def finish(self, pending: list[_Pending], counted: int | None = None) -> list[RenderedPart]:
        """The parts in ``pending`` order, waiting for those still rendering (here or
        elsewhere); the first ``counted`` of them (all by default) count as steps."""
        counted = len(pending) if counted is None else counted
        for item in pending[:counted]:
            if item.part is not None:
                self.step()
        waiting = {item.future: index for index, item in enumerate(pending) if item.future}
        elsewhere: set[int] = set()  # claimed by other workers
        since: dict[int, float] = {}  # when each was first found claimed elsewhere
        failures: list[str] = []
        while waiting or elsewhere:
            states: dict[int, str] = {}
            for future in self._next_done(waiting, polling=bool(elsewhere)):
                index = waiting.pop(future)
                states[index] = self._collect(pending[index], future, failures)
            for index in sorted(elsewhere):
                states[index] = self._look(pending[index], since[index], failures)
            for index, state in states.items():
                elsewhere.discard(index)
                if state in ("elsewhere", "waiting"):
                    elsewhere.add(index)
                    since.setdefault(index, time.monotonic())
                elif state == "again":
                    waiting[self._claimed(pending[index].key, pending[index].html)] = index
                elif state == "done" and index < counted:
                    self.step()
        if failures:
            raise PartsFailed("; ".join(failures))
        return [item.part for item in pending if item.part is not None]

    @staticmethod
    def _next_done(waiting: dict[Future[Any], int], polling: bool) -> set[Future[Any]]:
        """Futures that finished: the next one, or those of the next poll interval."""
        if not waiting:
            time.sleep(POLL_SECONDS)
            return set()
        done, _ = wait(list(waiting), timeout=POLL_SECONDS if polling else None,
                       return_when=FIRST_COMPLETED)
        return done

    def _collect(self, item: _Pending, future: Future[Any], failures: list[str]) -> str:
        """What a finished future brought: ``done``, ``failed`` or ``elsewhere``."""
        try:
            result = future.result()
        except Exception as error:  # the others go on, and are cached
            failures.append(f"part {item.label} failed: {type(error).__name__}: {error}")
            return "failed"
        if isinstance(result, RenderedPart):  # the local pool alone
            self.cache.put(item.key, result)
            result = Outcome("rendered", result)
        if result.kind == "failed":
            failures.append(f"part {item.label} failed: {result.reason}")
            return "failed"
        if result.part is None:
            return "elsewhere"
        item.part = result.part
        if result.kind == "rendered":
            self.rendered += 1
        else:
            self.elsewhere += 1
        return "done"

    def _look(self, item: _Pending, since: float, failures: list[str]) -> str:
        """A part claimed elsewhere: ``done`` (in the cache now), ``failed``, ``again`` (to
        render here: its claim was released or went stale) or still ``waiting``."""
        assert self.shared is not None
        part = self.cache.get(item.key)
        if part is not None:
            item.part = part
            self.elsewhere += 1
            return "done"
        reason = self.shared.failure(item.key)
        if reason is not None:
            failures.append(f"part {item.label} failed: {reason}")
            return "failed"
        holder = self.shared.holder(item.key)
        if holder is None or holder.stale(self.lease):
            return "again"
        waited = time.monotonic() - since
        if waited > WAIT_LEASES * self.lease:
            failures.append(f"part {item.label} was not rendered: claimed by {holder.owner}, "
                            f"waited {waited:.0f} s")
            return "failed"
        return "waiting"

    def many(self, parts: list[Part]) -> list[_Pending]:
        """Start every part, longest first (so no long part starts last while the other
        worker idles); returned in the order given."""
        pending: list[_Pending | None] = [None] * len(parts)
        for index in sorted(range(len(parts)), key=lambda i: -len(parts[i].html)):
            pending[index] = self.start(parts[index].html, parts[index].label)
        return [item for item in pending if item is not None]


@dataclass(frozen=True)
class PartsResult:
    parts: list[RenderedPart]
    rendered: int
    cached: int
    elsewhere: int


def render_parts(parts: list[Part], lang: str, *, cache_dir: Path | str,
                 workers: int | None = None, render: Renderer = render_part,
                 dispatch: Dispatch | None = None, lease: float = LEASE_SECONDS
                 ) -> PartsResult:
    """Render ``parts`` through the cache, as ``build_report`` renders the body parts; the
    parts in order, and how many were rendered here, found cached, rendered elsewhere."""
    with _pool(max(1, workers or available_cpus())) as pool:
        renderer = _Renderer(pool, PartCache(cache_dir), lang, len(parts), _no_progress,
                             render, dispatch, lease)
        rendered = renderer.finish(renderer.many(parts))
    return PartsResult(rendered, renderer.rendered, renderer.cached, renderer.elsewhere)


def build_report(model: dict[str, Any], *, cache_dir: Path | str | None = None,
                 workers: int | None = None, progress: Progress = _no_progress,
                 render: Renderer = render_part, dispatch: Dispatch | None = None,
                 lease: float = LEASE_SECONDS) -> BuildResult:
    """The report PDF for ``model`` (see ``questionnaire.report_model``).

    The front page lists the page each chapter starts on, and every page says "Page X of Y",
    so both wait for the body parts. A draft of the front page, with the page numbers left
    blank at full width, is queued behind the parts: it gives the front page's length early,
    so that the final front page and the page-number overlays then render side by side.
    ``workers`` render processes (default: every CPU available to this process).
    ``render`` renders one part in a worker (a module-level function; tests inject faults).
    A part that fails raises ``PartsFailed`` naming it and its States, once every other part
    has rendered and been cached.
    ``dispatch`` hands every part missing from the cache to other workers sharing
    ``cache_dir`` as well (``exports.report.shared``): each part is rendered by whoever
    claims it first, here or there; a claim held longer than ``lease`` seconds is taken over
    here, so the build finishes even when no other worker takes a part.
    """
    if dispatch is not None and cache_dir is None:
        raise ValueError("parts handed to other workers need a shared cache_dir")
    lang = model["lang"]
    phases: dict[str, float] = {}
    clock = time.perf_counter()
    with _pool(max(1, workers or available_cpus())) as pool:
        pool.submit(int)  # the workers start while the parts' HTML is written
        parts = body_parts(model)
        total = len(parts) + 2  # the body parts, the front page, the assembly
        progress(0, total)
        cache = PartCache(cache_dir)
        renderer = _Renderer(pool, cache, lang, total, progress, render, dispatch, lease)
        body = renderer.many(parts)
        draft = renderer.start(front_part(model, _toc_rows(model, parts, None, 0)).html,
                               "front")
        rendered = renderer.finish(body)
        front_pages = renderer.finish([draft], counted=0)[0].pages
        phases["parts"], clock = _lap(clock)
        for attempt in range(FRONT_ATTEMPTS):
            toc = _toc_rows(model, parts, rendered, front_pages)
            pages = front_pages + sum(part.pages for part in rendered)
            labels = page_number_labels(lang, pages)
            front, *overlays = renderer.finish(
                [renderer.start(front_part(model, toc).html, "front")]
                + [renderer.start(page_numbers_html(lang, labels[start:start + OVERLAY_CHUNK]),
                                  f"page-numbers-{start // OVERLAY_CHUNK + 1}")
                   for start in range(0, pages, OVERLAY_CHUNK)],
                counted=1 if attempt == 0 else 0)
            if front.pages == front_pages:
                break
            front_pages = front.pages
        else:
            raise RuntimeError("the table of contents does not settle on a page count")
        phases["front page and page numbers"], clock = _lap(clock)
    merged = merge([front.pdf, *(part.pdf for part in rendered)])
    stamp_overlay(merged, [overlay.pdf for overlay in overlays])
    add_links(merged, front.links, {entry["anchor"]: (entry["page"] - 1, _strip(entry["label"]))
                                    for entry in toc})
    add_outline(merged, [OutlineItem(_strip(entry["label"]), entry["page"] - 1,
                                     entry["level"]) for entry in toc])
    title = model["questionnaire"]["title"]
    pdf = finish(merged, title=f"{model['symbol']} · {title}" if model["symbol"] else title,
                 lang=lang, subject=model["questionnaire"]["title"])
    phases["merge"], clock = _lap(clock)
    renderer.step()
    return BuildResult(pdf, pages, total, renderer.rendered, renderer.cached,
                       renderer.elsewhere, phases)


def _lap(since: float) -> tuple[float, float]:
    now = time.perf_counter()
    return now - since, now


def _toc_rows(model: dict[str, Any], parts: list[Part], rendered: list[RenderedPart] | None,
              offset: int) -> list[dict[str, Any]]:
    """The contents' rows; without ``rendered``, a draft whose page numbers are a blank as
    wide as three digits (the digits of the bundled fonts all have one width)."""
    rows = []
    for index, part in enumerate(parts):
        for entry in part.toc:
            page: int | str = (offset + rendered[index].anchors.get(entry.anchor, 0) + 1
                               if rendered else "\u2007" * 3)
            rows.append({"key": entry.key, "title": entry.title, "level": entry.level,
                         "page": page, "anchor": entry.anchor,
                         "label": entry.title or heading_text(model["lang"], entry.key)})
        if rendered:
            offset += rendered[index].pages
    return rows


def _strip(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
