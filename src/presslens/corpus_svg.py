"""The corpus charts as hand-written SVG, for corpus.html and `DIR/corpus/*.svg` (no matplotlib).

Each function takes the tables of `presslens.corpus_report.compute` and returns the SVG file as
bytes; they draw what the matplotlib charts of `presslens.corpus_plots` (for notebooks) draw, with
the same colours, order and limits, in a fraction of the time (a run's corpus.html drew its seven
charts with matplotlib in about 3 s of CPU). Text is SVG text in a sans-serif font, so a browser
draws it in the reader's font; the same tables give the same bytes.
"""
from __future__ import annotations

import math

import pandas as pd

from .corpus_plots import (CATEGORY_COLORS, DIMENSION_TITLES, MAX_CUES, _colors, _order, _outlets)
from .plots import side_order
from .svgdraw import (AXIS, FONT, ROW, TITLE_FONT, WIDTH, Canvas, cut, empty, hbars, integer_ticks, legend,
                      legend_width, percent, text_width, value_ticks)

__all__ = ["CHARTS", "attribution", "cue_verbs", "share_of_voice", "share_over_time", "timeline", "tone",
           "top_sources"]

#: ColorBrewer's nine-step "Blues" (matplotlib's "Blues" colour map is built from the same steps).
BLUES = ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")


def share_of_voice(tables: dict[str, pd.DataFrame]) -> bytes:
    """Four panels (side, source type, gender, naming): shares of quoted words, all outlets and each outlet."""
    overall, by_outlet = tables["share_of_voice"], tables["share_of_voice_by_outlet"]
    outlets = _outlets(tables)
    labels = ["all outlets", *outlets]
    panels = []
    for dimension in DIMENSION_TITLES:
        values = _order(dimension, overall.loc[overall["dimension"] == dimension, "value"])
        panels.append((dimension, values))
    legend_rows = max((len(values) for _, values in panels), default=0)
    label_width = min(max(text_width(cut(name)) for name in labels), 170) + 10
    panel_height = 36 + max(ROW * len(labels) + 20, 16 * legend_rows) + 16
    canvas = Canvas(WIDTH, 2 * panel_height)
    half = WIDTH / 2
    for number, (dimension, values) in enumerate(panels):
        x, y = (number % 2) * half, (number // 2) * panel_height
        title = f"share of quoted words by {DIMENSION_TITLES[dimension]}"
        if not values:
            empty(canvas, x, y, half, panel_height, title)
            continue
        colors = _colors(dimension, values)
        items = [(value, colors[value]) for value in values]
        bar_width = half - label_width - legend_width(items) - 24
        rows = [overall[overall["dimension"] == dimension]]
        rows += [by_outlet[(by_outlet["outlet"] == o) & (by_outlet["dimension"] == dimension)] for o in outlets]
        shares = [frame.groupby("value")["share_of_voice"].sum() for frame in rows]
        segments = [(value, colors[value], [float(s.get(value, 0.0)) for s in shares]) for value in values]
        canvas.text(x + label_width + bar_width / 2, y + 14, title, size=TITLE_FONT, anchor="middle")
        ticks = [0, 0.25, 0.5, 0.75, 1.0] if bar_width >= 180 else [0, 0.5, 1.0]
        hbars(canvas, x + label_width, y + 30, bar_width, labels, segments, 1.0, ticks, percent)
        legend(canvas, x + label_width + bar_width + 12, y + 30, items)
    return canvas.svg()


def share_over_time(tables: dict[str, pd.DataFrame]) -> bytes:
    """Four panels of stacked areas: each value's share of quoted words per period."""
    by_period = tables["share_of_voice_by_period"]
    by_period = by_period[by_period["period"] != "(no date)"]
    kind = by_period["period_kind"].iloc[0] if not by_period.empty else "period"
    panel_height, half = 300, WIDTH / 2
    canvas = Canvas(WIDTH, 2 * panel_height)
    for number, dimension in enumerate(DIMENSION_TITLES):
        x, y = (number % 2) * half, (number // 2) * panel_height
        frame = by_period[by_period["dimension"] == dimension]
        title = f"by {DIMENSION_TITLES[dimension]}, per {kind}"
        if frame.empty:
            empty(canvas, x, y, half, panel_height, title)
            continue
        wide = frame.pivot_table(index="period", columns="value", values="share_of_voice", aggfunc="sum",
                                 fill_value=0.0).sort_index()
        values = [v for v in _order(dimension, wide.columns) if v in wide.columns]
        colors = _colors(dimension, values)
        items = [(value, colors[value]) for value in values]
        left, top, height = x + 44, y + 30, panel_height - 110
        width = half - 44 - legend_width(items) - 24
        canvas.text(left + width / 2, y + 14, title, size=TITLE_FONT, anchor="middle")
        value_ticks(canvas, left, top, width, height, 0.0, 1.0, [0, 0.2, 0.4, 0.6, 0.8, 1.0], lambda t: f"{t:.1f}",
                     vertical=True)
        periods = list(wide.index)
        step = width / max(len(periods) - 1, 1)
        xs = [left + i * step for i in range(len(periods))] if len(periods) > 1 else [left, left + width]
        below = [0.0] * len(xs)
        for value in values:
            shares = [float(s) for s in wide[value].tolist()]
            shares = shares if len(periods) > 1 else shares * 2
            above = [a + b for a, b in zip(below, shares)]
            points = [(px, top + height - a * height) for px, a in zip(xs, above)]
            points += [(px, top + height - b * height) for px, b in zip(reversed(xs), reversed(below))]
            canvas.polygon(points, colors[value], title=value)
            below = above
        ticks = [(xs[i] if len(periods) > 1 else left + width / 2, periods[i])
                 for i in range(0, len(periods), max(1, len(periods) // 8))]
        _period_axes(canvas, ticks, left, top, width, height, items)
    return canvas.svg()


def _period_axes(canvas: Canvas, ticks: list[tuple[float, str]], left: float, top: float, width: float,
                 height: float, items: list[tuple[str, str]]) -> None:
    """A time axis of slanted period labels at `ticks` (x, label), both axis lines, the legend on the right."""
    for x, label in ticks:
        canvas.line(x, top + height, x, top + height + 4)
        canvas.text(x, top + height + 10, label, size=FONT - 3, anchor="end", rotate=-45)
    canvas.line(left, top, left, top + height)
    canvas.line(left, top + height, left + width, top + height)
    legend(canvas, left + width + 12, top, items)


def top_sources(tables: dict[str, pd.DataFrame]) -> bytes:
    """The most quoted named sources, one panel per outlet (quotes, with their share of the outlet's quotes)."""
    top = tables["top_sources"]
    outlets = [o for o in _outlets(tables) if o in set(top["outlet"])] or ["(none)"]
    columns = min(2, len(outlets))
    frames = [top[top["outlet"] == outlet].sort_values("rank") for outlet in outlets]
    most = max((len(frame) for frame in frames), default=0)
    panel_height = 40 + ROW * max(most, 1) + 34
    panel_width = WIDTH / columns
    canvas = Canvas(WIDTH, panel_height * math.ceil(len(outlets) / columns))
    for number, (outlet, frame) in enumerate(zip(outlets, frames)):
        x, y = (number % columns) * panel_width, (number // columns) * panel_height
        if frame.empty:
            empty(canvas, x, y, panel_width, panel_height, "most quoted named sources")
            continue
        names = [str(name) for name in frame["name"]]
        label_width = min(max(text_width(cut(name)) for name in names), 190) + 10
        width = panel_width - label_width - 90
        high = float(frame["quotes"].max()) * 1.3
        canvas.text(x + label_width + width / 2, y + 14, f"{cut(outlet, 40)}: most quoted named sources",
                    size=TITLE_FONT, anchor="middle")
        quotes = [float(q) for q in frame["quotes"]]
        hbars(canvas, x + label_width, y + 30, width, names, [("quotes", "#0072B2", quotes)], high,
               integer_ticks(high), lambda t: f"{t:g}")
        for row, (count, share) in enumerate(zip(frame["quotes"], frame["share_of_quotes"])):
            canvas.text(x + label_width + float(count) / high * width + 3, y + 30 + row * ROW + ROW / 2,
                        f"{count} ({share:.0%})", size=FONT - 2)
    return canvas.svg()


def _blue(share: float) -> str:
    """A colour of `BLUES` for a share from 0 to 1 (linear between its steps)."""
    position = min(max(share, 0.0), 1.0) * (len(BLUES) - 1)
    low = int(position)
    high = min(low + 1, len(BLUES) - 1)
    mix = position - low
    channels = [round(int(BLUES[low][i:i + 2], 16) * (1 - mix) + int(BLUES[high][i:i + 2], 16) * mix)
                for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in channels)


def cue_verbs(tables: dict[str, pd.DataFrame]) -> bytes:
    """A grid of the commonest cue words (columns) by side (rows): the share of each side's quotes."""
    cues = tables["cue_verbs_by_side"]
    if cues.empty:
        canvas = Canvas(WIDTH, 200)
        empty(canvas, 0, 0, WIDTH, 200, "cue words by side")
        return canvas.svg()
    common = cues.groupby("cue")["quotes"].sum().sort_values(ascending=False, kind="stable").index[:MAX_CUES]
    wide = cues[cues["cue"].isin(common)].pivot_table(index="side", columns="cue", values="share_of_side",
                                                      aggfunc="sum", fill_value=0.0)
    wide = wide.reindex(index=side_order(wide.index), columns=list(common)).fillna(0.0)
    sides, words = [str(s) for s in wide.index], [str(c) for c in wide.columns]
    label_width = min(max(text_width(cut(side)) for side in sides), 190) + 10
    cell_width = (WIDTH - label_width - 20) / max(len(words), 1)
    cell_height = 30
    top = 30
    grid = wide.to_numpy(dtype=float)
    highest = max(float(grid.max()), 0.01)
    canvas = Canvas(WIDTH, top + cell_height * len(sides) + 70)
    canvas.text(label_width + (WIDTH - label_width) / 2, 14, "cue words by side (share of each side's quotes)",
                size=TITLE_FONT, anchor="middle")
    for row, side in enumerate(sides):
        canvas.text(label_width - 6, top + row * cell_height + cell_height / 2, cut(side), anchor="end")
        for column, word in enumerate(words):
            share = float(grid[row, column])
            color = _blue(share / highest)
            x, y = label_width + column * cell_width, top + row * cell_height
            canvas.rect(x, y, cell_width, cell_height, color, title=f"{side}, {word}: {share:.0%}")
            canvas.text(x + cell_width / 2, y + cell_height / 2, f"{share:.0%}", size=FONT - 2, anchor="middle",
                        color="#ffffff" if share / highest > 0.6 else "#000000")
    bottom = top + cell_height * len(sides)
    for column, word in enumerate(words):
        x = label_width + column * cell_width + cell_width / 2
        canvas.text(x, bottom + 10, cut(word, 20), size=FONT - 2, anchor="end", rotate=-30)
    return canvas.svg()


def _grouped(canvas: Canvas, top: float, height: float, groups: list[str], series: list[tuple[str, str, list[float]]],
             low: float, high: float, ticks: list[float], label, title: str, axis_title: str) -> None:
    """Vertical bars, one group per category and one bar per series inside it, with a legend on the right."""
    items = [(name, color) for name, color, _ in series]
    left = 70
    width = WIDTH - left - legend_width(items) - 30
    canvas.text(left + width / 2, 14, title, size=TITLE_FONT, anchor="middle")
    canvas.text(14, top + height / 2, axis_title, size=FONT - 1, anchor="middle", rotate=-90)
    value_ticks(canvas, left, top, width, height, low, high, ticks, label, vertical=True)
    group_width = width / max(len(groups), 1)
    bar = 0.8 * group_width / max(len(series), 1)

    def y_of(value: float) -> float:
        return top + height - (value - low) / (high - low) * height

    for number, (name, color, values) in enumerate(series):
        for group, value in enumerate(values):
            if value == value and value != 0:  # NaN: nothing to draw
                x = left + group * group_width + 0.1 * group_width + number * bar
                y0, y1 = sorted((y_of(0.0), y_of(value)))
                canvas.rect(x, y0, bar, y1 - y0, color, title=f"{groups[group]}, {name}: {value:.2f}")
    for group, name in enumerate(groups):
        canvas.text(left + (group + 0.5) * group_width, top + height + 12, cut(name, 24), size=FONT - 1,
                    anchor="middle")
    canvas.line(left, top, left, top + height)
    canvas.line(left, top + height, left + width, top + height)
    if low < 0 < high:
        canvas.line(left, y_of(0.0), left + width, y_of(0.0), AXIS, 0.8)
    if items:
        legend(canvas, left + width + 12, top, items)


def _lookup(frame: pd.DataFrame, group: str, column: str) -> float:
    return float(frame.loc[group, column]) if group in frame.index and column in frame.columns else 0.0


def attribution(tables: dict[str, pd.DataFrame]) -> bytes:
    """Per side: the share of its quotes that are hedged, carry a verification note, or come with a loaded cue."""
    frame = tables["attribution_by_side"].set_index("side")
    canvas = Canvas(WIDTH, 300)
    if frame.empty:
        empty(canvas, 0, 0, WIDTH, 300, "hedging and verification by side")
        return canvas.svg()
    groups = side_order(frame.index)
    columns = [("hedged_quotes_share", "hedged", "#E69F00"), ("verification_notes_share", "verification note", "#009E73"),
               ("loaded_cues_share", "loaded cue", "#CC79A7")]
    series = [(label, color, [_lookup(frame, g, column) for g in groups]) for column, label, color in columns]
    _grouped(canvas, 34, 220, groups, series, 0.0, 1.0, [0, 0.2, 0.4, 0.6, 0.8, 1.0], lambda t: f"{t:.1f}",
             "hedging, verification notes and loaded cues by side", "share of the side's quotes")
    return canvas.svg()


def tone(tables: dict[str, pd.DataFrame]) -> bytes:
    """Mean VADER compound of each side's quotes, per outlet."""
    frame = tables["tone_by_side_and_outlet"]
    canvas = Canvas(WIDTH, 300)
    if frame.empty:
        empty(canvas, 0, 0, WIDTH, 300, "tone by side and outlet")
        return canvas.svg()
    outlets = [o for o in _outlets(tables) if o in set(frame["outlet"])]
    sides = side_order(frame["side"])
    wide = frame.pivot_table(index="side", columns="outlet", values="mean_compound", aggfunc="sum")
    series = [(outlet, CATEGORY_COLORS[number % len(CATEGORY_COLORS)], [_lookup(wide, side, outlet) for side in sides])
              for number, outlet in enumerate(outlets)]
    _grouped(canvas, 34, 220, sides, series, -1.0, 1.0, [-1.0, -0.5, 0.0, 0.5, 1.0], lambda t: f"{t:.1f}",
             "tone of each side's quotes, by outlet", "mean compound (-1 to 1)")
    return canvas.svg()


def timeline(tables: dict[str, pd.DataFrame]) -> bytes:
    """Events per month, stacked by the side whose quote reports them (narration: the reporter's own)."""
    frame = tables["timeline_by_side"]
    frame = frame[frame["month"] != "(no date)"]
    canvas = Canvas(WIDTH, 300)
    if frame.empty:
        empty(canvas, 0, 0, WIDTH, 300, "events per month by side")
        return canvas.svg()
    wide = frame.pivot_table(index="month", columns="side", values="events", aggfunc="sum", fill_value=0)
    wide = wide.reindex(pd.period_range(wide.index.min(), wide.index.max(), freq="M").strftime("%Y-%m"), fill_value=0)
    sides = _order("side", wide.columns)
    colors = _colors("side", sides)
    items = [(side, colors[side]) for side in sides]
    months = list(wide.index)
    totals = wide[sides].sum(axis=1).tolist()
    high = max(max(totals, default=0), 1) * 1.05
    left, top, height = 60, 34, 200
    width = WIDTH - left - legend_width(items) - 30
    canvas.text(left + width / 2, 14, "events per month (when they happened), by the side that reports them",
                size=TITLE_FONT, anchor="middle")
    canvas.text(14, top + height / 2, "events", size=FONT - 1, anchor="middle", rotate=-90)
    ticks = integer_ticks(high)
    value_ticks(canvas, left, top, width, height, 0.0, high, ticks, lambda t: f"{t:g}", vertical=True)
    slot = width / len(months)
    bottoms = [0.0] * len(months)
    for side in sides:
        for number, count in enumerate(wide[side].tolist()):
            if count:
                y = top + height - (bottoms[number] + count) / high * height
                canvas.rect(left + number * slot + 0.05 * slot, y, 0.9 * slot, count / high * height, colors[side],
                            title=f"{months[number]}, {side}: {count}")
                bottoms[number] += count
    ticks = [(left + (number + 0.5) * slot, months[number]) for number in range(0, len(months), max(1, len(months) // 12))]
    _period_axes(canvas, ticks, left, top, width, height, items)
    return canvas.svg()


#: The SVG drawing of each chart of `presslens.corpus_plots.CHARTS`, by chart name.
CHARTS = {"share_of_voice": share_of_voice, "share_over_time": share_over_time, "top_sources": top_sources,
          "cue_verbs": cue_verbs, "attribution": attribution, "tone": tone, "timeline": timeline}
