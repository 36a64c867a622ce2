"""A few SVG drawing helpers for the charts of corpus.html (no matplotlib).

`Canvas` collects elements and writes the file; the helpers draw the pieces the charts share (bars,
value axes, legends). Text is SVG text in a sans-serif font, escaped; numbers are written with one
decimal, so the same chart gives the same bytes.
"""
from __future__ import annotations

import html

__all__ = ["AXIS", "Canvas", "FONT", "GRID", "LABEL_CHARS", "ROW", "TEXT", "TITLE_FONT", "WIDTH", "cut", "empty",
           "hbars", "integer_ticks", "legend", "legend_width", "number", "percent", "text_width", "value_ticks"]

WIDTH = 880  # pixels: the page shows a chart at most this wide
FONT = 12  # pixels, tick labels and legends
TITLE_FONT = 13
ROW = 22  # pixels per bar row
LABEL_CHARS = 28  # longest category label drawn (longer ones end with "…")
TEXT = "#222222"
AXIS = "#444444"
GRID = "#dddddd"


def number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: float = FONT) -> float:
    """About how wide `text` is drawn (a sans-serif font averages a little over half its size per character)."""
    return 0.56 * size * len(text)


def cut(value, limit: int = LABEL_CHARS) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


class Canvas:
    """An SVG drawing: elements appended in order, written out by `svg()`."""

    def __init__(self, width: float, height: float):
        self.width, self.height, self.parts = width, height, []

    def rect(self, x: float, y: float, w: float, h: float, fill: str, *, title: str = "", stroke: str = "") -> None:
        if w <= 0 or h <= 0:
            return
        line = f' stroke="{stroke}" stroke-width="0.5"' if stroke else ""
        tip = f"<title>{html.escape(title)}</title>" if title else ""
        self.parts.append(f'<rect x="{number(x)}" y="{number(y)}" width="{number(w)}" height="{number(h)}" '
                          f'fill="{fill}"{line}>{tip}</rect>' if tip else
                          f'<rect x="{number(x)}" y="{number(y)}" width="{number(w)}" height="{number(h)}" '
                          f'fill="{fill}"{line}/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str = AXIS, width: float = 1.0) -> None:
        self.parts.append(f'<line x1="{number(x1)}" y1="{number(y1)}" x2="{number(x2)}" y2="{number(y2)}" '
                          f'stroke="{color}" stroke-width="{width:g}"/>')

    def polygon(self, points: list[tuple[float, float]], fill: str, title: str = "") -> None:
        coordinates = " ".join(f"{number(x)},{number(y)}" for x, y in points)
        tip = f"<title>{html.escape(title)}</title>" if title else ""
        self.parts.append(f'<polygon points="{coordinates}" fill="{fill}">{tip}</polygon>')

    def text(self, x: float, y: float, value, *, size: float = FONT, anchor: str = "start", color: str = TEXT,
             rotate: float = 0, bold: bool = False) -> None:
        turn = f' transform="rotate({rotate:g} {number(x)} {number(y)})"' if rotate else ""
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(f'<text x="{number(x)}" y="{number(y)}" font-size="{size:g}" text-anchor="{anchor}" '
                          f'dominant-baseline="middle" fill="{color}"{weight}{turn}>{html.escape(str(value))}</text>')

    def svg(self) -> bytes:
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{number(self.width)}" height="{number(self.height)}" '
                f'viewBox="0 0 {number(self.width)} {number(self.height)}" font-family="DejaVu Sans, Helvetica, '
                f'Arial, sans-serif">')
        return (head + '<rect width="100%" height="100%" fill="#ffffff"/>' + "".join(self.parts) + "</svg>\n").encode()


def empty(canvas: Canvas, x: float, y: float, w: float, h: float, title: str) -> None:
    canvas.text(x + w / 2, y + 10, title, size=TITLE_FONT, anchor="middle")
    canvas.text(x + w / 2, y + h / 2, "no quotes", anchor="middle")


def legend(canvas: Canvas, x: float, y: float, items: list[tuple[str, str]]) -> float:
    """Swatches with labels, one per line from (x, y); returns the height used."""
    for number, (label, color) in enumerate(items):
        top = y + number * 16
        canvas.rect(x, top, 11, 11, color)
        canvas.text(x + 16, top + 6, cut(label, 30), size=FONT - 1)
    return 16 * len(items)


def legend_width(items: list[tuple[str, str]]) -> float:
    return 22 + max((text_width(cut(label, 30), FONT - 1) for label, _ in items), default=0)


def value_ticks(canvas: Canvas, left: float, top: float, width: float, height: float, low: float, high: float,
                 ticks: list[float], label, *, vertical: bool = False) -> None:
    """Grid lines and labels of a value axis from `low` to `high`: along the bottom (bars across) or the left."""
    for tick in ticks:
        share = (tick - low) / (high - low)
        if vertical:
            y = top + height - share * height
            canvas.line(left, y, left + width, y, GRID, 0.6)
            canvas.text(left - 4, y, label(tick), size=FONT - 2, anchor="end")
        else:
            x = left + share * width
            canvas.line(x, top, x, top + height, GRID, 0.6)
            canvas.text(x, top + height + 10, label(tick), size=FONT - 2, anchor="middle")


def percent(value: float) -> str:
    return f"{value:.0%}"


def hbars(canvas: Canvas, left: float, top: float, width: float, labels: list[str],
           segments: list[tuple[str, str, list[float]]], high: float, ticks: list[float], label) -> float:
    """Horizontal stacked bars, one row per label (the first at the top); returns the height used."""
    height = ROW * len(labels)
    value_ticks(canvas, left, top, width, height, 0.0, high, ticks, label)
    ends = [0.0] * len(labels)
    for name, color, values in segments:
        for row, value in enumerate(values):
            if value > 0:
                x = left + ends[row] / high * width
                canvas.rect(x, top + row * ROW + 3, value / high * width, ROW - 6, color, stroke="#ffffff",
                            title=f"{labels[row]}: {name} {value:.1%}" if high == 1.0 else f"{labels[row]}: {name}")
                ends[row] += value
    for row, name in enumerate(labels):
        canvas.text(left - 6, top + row * ROW + ROW / 2, cut(name), anchor="end")
    canvas.line(left, top, left, top + height)
    canvas.line(left, top + height, left + width, top + height)
    return height + 20


def integer_ticks(high: float, most: int = 6) -> list[float]:
    """Whole-number ticks from 0 to `high`, 1, 2 or 5 times a power of ten apart, at most `most` + 1."""
    step = 1
    while high / step > most:
        step = _next_step(step)
    return [float(t) for t in range(0, int(high) + 1, step)]


def _next_step(step: int) -> int:
    """The step after `step` in 1, 2, 5, 10, 20, 50, ..."""
    digits = str(step)
    return step * 5 // 2 if digits[0] == "2" else step * 2
