"""SVG charts built on the server: plain shapes, no script, no text that needs shaping.

Labels stay in the HTML around the charts (any script, either direction), so the SVGs carry
only rectangles and a few Latin labels; right-to-left documents get mirrored bars.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from xml.sax.saxutils import escape

from markupsafe import Markup

#: Fill colours of the gap statuses, in STATUS_ORDER (in place, partly, gap, no answer, n/a).
STATUS_COLOURS = ("#2e7d4f", "#e0a526", "#b23b3b", "#bdbdbd", "#e6e6e6")
EMPTY_COLOUR = "#f2f2f2"
BAR_COLOUR = "#1f3a5f"


def _svg(width: float, height: float, body: str, label: str) -> Markup:
    # Every value interpolated below is a number or passed through escape().
    return Markup(  # noqa: S704
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" role="img" aria-label="{escape(label)}">'
        f"{body}</svg>")


def stacked_bar(counts: Sequence[int], *, width: float = 160, height: float = 9,
                colours: Sequence[str] = STATUS_COLOURS, rtl: bool = False,
                label: str = "") -> Markup:
    """One horizontal bar split in proportion to ``counts`` (an empty outline when all are 0)."""
    total = sum(counts)
    parts = []
    x = 0.0
    if total:
        for count, colour in zip(counts, colours, strict=False):
            if not count:
                continue
            w = width * count / total
            start = width - x - w if rtl else x
            parts.append(f'<rect x="{start:.2f}" y="0" width="{w:.2f}" height="{height:g}" '
                         f'fill="{colour}"/>')
            x += w
    else:
        parts.append(f'<rect x="0" y="0" width="{width:g}" height="{height:g}" '
                     f'fill="{EMPTY_COLOUR}"/>')
    return _svg(width, height, "".join(parts), label)


def share_bar(share: float | None, *, width: float = 120, height: float = 9,
              rtl: bool = False, colour: str = BAR_COLOUR, label: str = "") -> Markup:
    """A bar filled to ``share`` (0..1) of its width, on a light track."""
    track = f'<rect x="0" y="0" width="{width:g}" height="{height:g}" fill="{EMPTY_COLOUR}"/>'
    if share is None or share <= 0:
        return _svg(width, height, track, label)
    w = width * min(1.0, share)
    start = width - w if rtl else 0.0
    bar = f'<rect x="{start:.2f}" y="0" width="{w:.2f}" height="{height:g}" fill="{colour}"/>'
    return _svg(width, height, track + bar, label)


def heat_colour(score: float | None) -> str:
    """Red (gap) through amber to green (in place); light grey when nothing was assessed."""
    if score is None:
        return EMPTY_COLOUR
    score = max(0.0, min(1.0, score))
    stops = ((0.0, (178, 59, 59)), (0.5, (224, 165, 38)), (1.0, (46, 125, 79)))
    for (a, ca), (b, cb) in pairwise(stops):
        if score <= b:
            t = (score - a) / (b - a)
            rgb = tuple(round(x + (y - x) * t) for x, y in zip(ca, cb, strict=True))
            return "#{:02x}{:02x}{:02x}".format(*rgb)
    return "#2e7d4f"


def heat_row(scores: Sequence[float | None], *, cell: float = 14, height: float = 10,
             rtl: bool = False, label: str = "") -> Markup:
    """One row of the heat map: a coloured cell per provision."""
    count = len(scores)
    rects = []
    for index, score in enumerate(scores):
        position = (count - 1 - index) if rtl else index
        rects.append(f'<rect x="{position * cell + 0.5:.2f}" y="0.5" width="{cell - 1:g}" '
                     f'height="{height - 1:g}" fill="{heat_colour(score)}"/>')
    return _svg(count * cell, height, "".join(rects), label)


def heat_header(columns: Sequence[str], *, cell: float = 14, height: float = 42,
                rtl: bool = False) -> Markup:
    """Column labels of the heat map, turned a quarter: article numbers (Latin script)."""
    count = len(columns)
    texts = []
    for index, text in enumerate(columns):
        position = (count - 1 - index) if rtl else index
        x = position * cell + cell / 2 + 3
        texts.append(f'<text x="{x:.2f}" y="{height - 2:g}" font-size="7" '
                     'font-family="EnvSAQ Sans" '
                     f'transform="rotate(-90 {x:.2f} {height - 2:g})">{escape(text)}</text>')
    return _svg(count * cell, height, "".join(texts), " ".join(columns))


def legend_swatch(colour: str, size: float = 8) -> Markup:
    return _svg(size, size, f'<rect x="0" y="0" width="{size:g}" height="{size:g}" '
                            f'fill="{escape(colour)}"/>', "")
