"""Charts of the corpus views, drawn from the tables of `presslens.corpus_report.compute`.

Every function takes those tables (a dict of DataFrames) and returns a matplotlib `Figure`; the
charts aggregate (shares, counts per period), so they read the same for 10 articles or 10 million.
Outlets beyond `MAX_OUTLETS` (the most quoted) are left out of the charts, never out of the tables.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .plots import side_colors, side_order

__all__ = ["CHARTS", "Chart", "MAX_OUTLETS", "attribution", "cue_verbs", "share_of_voice", "share_over_time",
           "timeline", "tone", "top_sources"]

MAX_OUTLETS = 8
MAX_CUES = 12
MAX_LEGEND = 10
CATEGORY_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
                   "#999999", "#882255", "#44AA99", "#DDCC77")
DIMENSION_TITLES = {"side": "side", "source_type": "source type", "gender": "gender", "naming": "naming"}
FIXED_COLORS = {"female": "#CC79A7", "male": "#56B4E9", "unknown": "#BBBBBB", "(none)": "#DDDDDD",
                "narration": "#444444"}


def _colors(dimension: str, values) -> dict[str, str]:
    values = [str(v) for v in values]
    if dimension == "side":
        return {**side_colors(values), **{k: v for k, v in FIXED_COLORS.items() if k in values and k == "narration"}}
    colors = {v: FIXED_COLORS[v] for v in values if v in FIXED_COLORS}
    for number, value in enumerate(sorted(v for v in values if v not in colors)):
        colors[value] = CATEGORY_COLORS[number % len(CATEGORY_COLORS)]
    return colors


def _order(dimension: str, values) -> list[str]:
    values = sorted({str(v) for v in values})
    if dimension == "side":
        return side_order([v for v in values if v != "narration"]) + (["narration"] if "narration" in values else [])
    return [v for v in values if v not in ("unknown", "(none)")] + [v for v in ("unknown", "(none)") if v in values]


def _empty(ax, title: str) -> None:
    ax.set_axis_off()
    ax.set_title(title, fontsize=10)
    ax.text(0.5, 0.5, "no quotes", ha="center", va="center", transform=ax.transAxes)


def _legend(ax, **options) -> None:
    """The axes' legend, when anything drawn has a label (a run without tone draws no labelled bars)."""
    if ax.get_legend_handles_labels()[0]:
        ax.legend(**options)


def _single(figsize: tuple[float, float], empty: bool, title: str):
    """A figure with one axes; an empty table gets "no quotes" under `title`."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=figsize)
    if empty:
        _empty(ax, title)
    return fig, ax


def _outlets(tables: dict[str, pd.DataFrame]) -> list[str]:
    counts = tables["share_of_voice_by_outlet"]
    counts = counts[counts["dimension"] == "side"].groupby("outlet")["quotes"].sum()
    return sorted(counts.sort_values(ascending=False, kind="stable").index[:MAX_OUTLETS].tolist())


def share_of_voice(tables: dict[str, pd.DataFrame], *, figsize: tuple[float, float] = (11.0, 7.0)):
    """Four panels (side, source type, gender, naming): shares of quoted words, all outlets and each outlet."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=figsize)
    overall, by_outlet = tables["share_of_voice"], tables["share_of_voice_by_outlet"]
    outlets = _outlets(tables)
    for ax, dimension in zip(axes.flat, DIMENSION_TITLES):
        rows = [("all outlets", overall[overall["dimension"] == dimension])]
        rows += [(o, by_outlet[(by_outlet["outlet"] == o) & (by_outlet["dimension"] == dimension)]) for o in outlets]
        values = _order(dimension, overall.loc[overall["dimension"] == dimension, "value"])
        title = f"share of quoted words by {DIMENSION_TITLES[dimension]}"
        if not values:
            _empty(ax, title)
            continue
        colors = _colors(dimension, values)
        labels = [label for label, _ in rows][::-1]
        left = [0.0] * len(labels)
        for value in values:
            widths = [float(frame.loc[frame["value"] == value, "share_of_voice"].sum()) for _, frame in rows][::-1]
            ax.barh(labels, widths, left=left, color=colors[value], label=value, edgecolor="white", linewidth=0.5)
            left = [a + b for a, b in zip(left, widths)]
        ax.set_xlim(0, 1)
        ax.set_title(title, fontsize=10)
        ax.tick_params(labelsize=8)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                  ncol=1 if len(values) <= MAX_LEGEND else 2)
    fig.tight_layout()
    return fig


def share_over_time(tables: dict[str, pd.DataFrame], *, figsize: tuple[float, float] = (11.0, 7.0)):
    """Four panels of stacked areas: each value's share of quoted words per period."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=figsize, sharex=True)
    by_period = tables["share_of_voice_by_period"]
    by_period = by_period[by_period["period"] != "(no date)"]
    kind = by_period["period_kind"].iloc[0] if not by_period.empty else "period"
    for ax, dimension in zip(axes.flat, DIMENSION_TITLES):
        frame = by_period[by_period["dimension"] == dimension]
        title = f"by {DIMENSION_TITLES[dimension]}, per {kind}"
        if frame.empty:
            _empty(ax, title)
            continue
        wide = frame.pivot_table(index="period", columns="value", values="share_of_voice", aggfunc="sum",
                                 fill_value=0.0).sort_index()
        values = [v for v in _order(dimension, wide.columns) if v in wide.columns]
        colors = _colors(dimension, values)
        positions = range(len(wide.index))
        ax.stackplot(positions, *[wide[v].to_numpy() for v in values], labels=values,
                     colors=[colors[v] for v in values], step=None)
        ticks = list(positions)[:: max(1, len(wide.index) // 8)]
        ax.set_xticks(ticks, [wide.index[i] for i in ticks], rotation=45, ha="right", fontsize=7)
        ax.set_ylim(0, 1)
        ax.set_title(title, fontsize=10)
        ax.tick_params(labelsize=8)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    fig.tight_layout()
    return fig


def top_sources(tables: dict[str, pd.DataFrame], *, figsize: tuple[float, float] | None = None):
    """The most quoted named sources, one panel per outlet (quotes, with their share of the outlet's quotes)."""
    import matplotlib.pyplot as plt

    top = tables["top_sources"]
    outlets = [o for o in _outlets(tables) if o in set(top["outlet"])] or ["(none)"]
    columns = min(2, len(outlets))
    rows = (len(outlets) + columns - 1) // columns
    fig, axes = plt.subplots(rows, columns, figsize=figsize or (11.0, 2.8 * rows), squeeze=False)
    for ax, outlet in zip(axes.flat, outlets):
        frame = top[top["outlet"] == outlet].sort_values("rank", ascending=False)
        if frame.empty:
            _empty(ax, "most quoted named sources")
            continue
        ax.barh(frame["name"], frame["quotes"], color="#0072B2")
        for y, (quotes, share) in enumerate(zip(frame["quotes"], frame["share_of_quotes"])):
            ax.text(quotes, y, f" {quotes} ({share:.0%})", va="center", fontsize=7)
        ax.set_title(f"{outlet}: most quoted named sources", fontsize=10)
        ax.tick_params(labelsize=8)
        ax.set_xlabel("quotes", fontsize=8)
        ax.set_xlim(0, frame["quotes"].max() * 1.3)
    for ax in list(axes.flat)[len(outlets):]:
        ax.set_axis_off()
    fig.tight_layout()
    return fig


def cue_verbs(tables: dict[str, pd.DataFrame], *, figsize: tuple[float, float] = (11.0, 4.0)):
    """A grid of the commonest cue words (columns) by side (rows): the share of each side's quotes."""
    cues = tables["cue_verbs_by_side"]
    fig, ax = _single(figsize, cues.empty, "cue words by side")
    if cues.empty:
        return fig
    common = cues.groupby("cue")["quotes"].sum().sort_values(ascending=False, kind="stable").index[:MAX_CUES]
    wide = cues[cues["cue"].isin(common)].pivot_table(index="side", columns="cue", values="share_of_side",
                                                      aggfunc="sum", fill_value=0.0)
    wide = wide.reindex(index=side_order(wide.index), columns=list(common))
    ax.imshow(wide.to_numpy(), cmap="Blues", aspect="auto", vmin=0, vmax=max(float(wide.to_numpy().max()), 0.01))
    ax.set_xticks(range(len(wide.columns)), wide.columns, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(wide.index)), wide.index, fontsize=8)
    for y in range(len(wide.index)):
        for x in range(len(wide.columns)):
            ax.text(x, y, f"{wide.iat[y, x]:.0%}", ha="center", va="center", fontsize=7)
    ax.set_title("cue words by side (share of each side's quotes)", fontsize=10)
    fig.tight_layout()
    return fig


def _grouped_bars(ax, frame: pd.DataFrame, groups: list[str], columns: list[str], labels: list[str], colors) -> None:
    width = 0.8 / max(len(columns), 1)
    for number, (column, label) in enumerate(zip(columns, labels)):
        positions = [g + number * width for g in range(len(groups))]
        ax.bar(positions, [float(frame.loc[g, column]) if g in frame.index else 0.0 for g in groups], width,
               label=label, color=colors[number % len(colors)])
    ax.set_xticks([g + 0.4 - width / 2 for g in range(len(groups))], groups, fontsize=8)


def attribution(tables: dict[str, pd.DataFrame], *, figsize: tuple[float, float] = (9.0, 3.5)):
    """Per side: the share of its quotes that are hedged, carry a verification note, or come with a loaded cue."""
    frame = tables["attribution_by_side"].set_index("side")
    fig, ax = _single(figsize, frame.empty, "hedging and verification by side")
    if frame.empty:
        return fig
    _grouped_bars(ax, frame, side_order(frame.index),
                  ["hedged_quotes_share", "verification_notes_share", "loaded_cues_share"],
                  ["hedged", "verification note", "loaded cue"], ("#E69F00", "#009E73", "#CC79A7"))
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of the side's quotes", fontsize=8)
    ax.set_title("hedging, verification notes and loaded cues by side", fontsize=10)
    _legend(ax, fontsize=7, frameon=False)
    fig.tight_layout()
    return fig


def tone(tables: dict[str, pd.DataFrame], *, figsize: tuple[float, float] = (9.0, 3.5)):
    """Mean VADER compound of each side's quotes, per outlet."""
    frame = tables["tone_by_side_and_outlet"]
    fig, ax = _single(figsize, frame.empty, "tone by side and outlet")
    if frame.empty:
        return fig
    outlets = [o for o in _outlets(tables) if o in set(frame["outlet"])]
    sides = side_order(frame["side"])
    wide = frame.pivot_table(index="side", columns="outlet", values="mean_compound", aggfunc="sum")
    _grouped_bars(ax, wide, sides, outlets, outlets, CATEGORY_COLORS)
    ax.axhline(0, color="#444444", linewidth=0.8)
    ax.set_ylim(-1, 1)
    ax.set_ylabel("mean compound (-1 to 1)", fontsize=8)
    ax.set_title("tone of each side's quotes, by outlet", fontsize=10)
    _legend(ax, fontsize=7, frameon=False)
    fig.tight_layout()
    return fig


def timeline(tables: dict[str, pd.DataFrame], *, figsize: tuple[float, float] = (11.0, 3.5)):
    """Events per month, stacked by the side whose quote reports them (narration: the reporter's own)."""
    frame = tables["timeline_by_side"]
    frame = frame[frame["month"] != "(no date)"]
    fig, ax = _single(figsize, frame.empty, "events per month by side")
    if frame.empty:
        return fig
    wide = frame.pivot_table(index="month", columns="side", values="events", aggfunc="sum", fill_value=0)
    wide = wide.reindex(pd.period_range(wide.index.min(), wide.index.max(), freq="M").strftime("%Y-%m"), fill_value=0)
    sides = _order("side", wide.columns)
    colors = _colors("side", sides)
    bottom = [0] * len(wide.index)
    positions = range(len(wide.index))
    for side in sides:
        heights = wide[side].tolist()
        ax.bar(positions, heights, bottom=bottom, color=colors[side], label=side, width=0.9)
        bottom = [a + b for a, b in zip(bottom, heights)]
    ticks = list(positions)[:: max(1, len(wide.index) // 12)]
    ax.set_xticks(ticks, [wide.index[i] for i in ticks], rotation=45, ha="right", fontsize=7)
    ax.set_ylabel("events", fontsize=8)
    ax.set_title("events per month (when they happened), by the side that reports them", fontsize=10)
    _legend(ax, fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


@dataclass(frozen=True)
class Chart:
    """One chart of the corpus report: file name, heading, the question it answers, caption, its tables."""

    name: str
    title: str
    question: str
    caption: str
    tables: tuple[str, ...]
    draw: Callable


CHARTS = (
    Chart("share_of_voice", "Share of voice", "Whose words fill the quotes: which sides, kinds of source, "
          "genders and namings, overall and in each outlet?", "Share of all quoted words (a quote nested in "
          "another of the same source counts once).", ("share_of_voice_by_outlet", "share_of_voice"), share_of_voice),
    Chart("share_over_time", "Share of voice over time", "Does the mix of voices change from period to period?",
          "Share of quoted words per period of publication.", ("share_of_voice_by_period", "articles_by_period"),
          share_over_time),
    Chart("top_sources", "Most quoted sources", "Who does each outlet turn to most?",
          "Named people and organisations with the most quotes, per outlet (share of the outlet's quotes from "
          "named sources).", ("top_sources",), top_sources),
    Chart("cue_verbs", "Cue verbs by side", "Who \u201cclaims\u201d and who \u201csays\u201d?",
          "Share of each side's quotes introduced by each of the commonest cue words.", ("cue_verbs_by_side",),
          cue_verbs),
    Chart("attribution", "Hedging and verification by side", "Whose words come with a caution?",
          "Share of each side's quotes that are hedged, carry a verification note or a loaded cue.",
          ("attribution_by_side",), attribution),
    Chart("tone", "Tone by side and outlet", "Do the quotes of one side sound darker in one outlet?",
          "Mean VADER compound of the quotes of each side, per outlet.", ("tone_by_side_and_outlet",), tone),
    Chart("timeline", "Timeline of events", "When did the reported events happen, and whose quotes report them?",
          "Events per month of their date, stacked by side; the one-article timeline is in each article's report.",
          ("timeline_by_side",), timeline),
)
