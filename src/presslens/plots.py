"""Charts with matplotlib: sourcing, tone and the timeline.

One colour per side everywhere (charts and the HTML report), from a colour-blind-safe palette.
Every function returns the matplotlib `Figure` and takes an explicit `figsize`.
"""
from __future__ import annotations

# ---- palette (shared) -------------------------------------------------------------------------

#: One colour per side, from the Okabe-Ito palette (safe for the common colour-vision deficiencies).
#: The sides are those of the shipped profiles; "unassigned" is a speaker no profile rule places.
SIDE_COLORS: dict[str, str] = {
    "pro-government": "#D55E00",  # vermillion
    "opposition": "#0072B2",  # blue
    "independent": "#009E73",  # bluish green
    "unassigned": "#999999",  # grey
}

#: Okabe-Ito colours not used by `SIDE_COLORS`, handed out in order to the sides of a user's profile.
EXTRA_SIDE_COLORS: tuple[str, ...] = ("#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")


def side_colors(sides=()) -> dict[str, str]:
    """`SIDE_COLORS` plus a stable colour for every other side in `sides` (sorted, then cycled)."""
    colors = dict(SIDE_COLORS)
    others = sorted({str(side) for side in sides} - set(colors))
    for number, side in enumerate(others):
        colors[side] = EXTRA_SIDE_COLORS[number % len(EXTRA_SIDE_COLORS)]
    return colors


# ---- sourcing charts ---------------------------------------------------------------------------

# ---- tone charts -------------------------------------------------------------------------------

#: Bar colours for the sign of a tone score (Okabe-Ito sky blue and orange, apart from the side colours).
TONE_COLORS: dict[str, str] = {"positive": "#56B4E9", "negative": "#E69F00"}


def tone_by_side(quotes, by: str = "side", figsize: tuple[float, float] = (6.0, 3.0)):
    """Mean tone of the quotes per side (or per `by` column), spread as error bars, count as label."""
    import matplotlib.pyplot as plt

    from .sentiment import tone_by

    table = tone_by(quotes, by=by).iloc[::-1]
    colors = side_colors(table[by]) if by == "side" else {}
    fig, ax = plt.subplots(figsize=figsize)
    positions = range(len(table))
    ax.barh(positions, table["mean_compound"], xerr=table["spread"], capsize=3,
            color=[colors.get(value, "#999999") for value in table[by]])
    ax.set_yticks(list(positions), [f"{value} (n={count})" for value, count in zip(table[by], table["count"])])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("mean compound tone of the quoted words (± 1 s.d.)")
    ax.set_title(f"Tone of quotes by {by}" if len(table) else f"Tone of quotes by {by}: no quotes")
    fig.tight_layout()
    return fig


def sentence_tone(scores, figsize: tuple[float, float] = (8.0, 3.0)):
    """Compound tone of each sentence in article order; `scores` is a scored sentences table or a dict
    ``{label: table}`` (e.g. one per lexicon) drawn as side-by-side bars."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    tables = scores if isinstance(scores, dict) else {"compound": scores}
    fig, ax = plt.subplots(figsize=figsize)
    width = 0.8 / max(len(tables), 1)
    hatches = ["", "//", "..", "xx"]
    for number, (label, table) in enumerate(tables.items()):
        x = [s + (number - (len(tables) - 1) / 2) * width for s in table["sentence"]]
        colors = [TONE_COLORS["positive"] if c >= 0 else TONE_COLORS["negative"] for c in table["compound"]]
        ax.bar(x, table["compound"], width=width, color=colors, edgecolor="black", linewidth=0.4,
               hatch=hatches[number % len(hatches)], label=label)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylim(-1, 1)
    ax.set_xlabel("sentence")
    ax.set_ylabel("compound tone")
    if len(tables) > 1:
        ax.legend(handles=[Patch(facecolor="white", edgecolor="black", hatch=hatches[n % len(hatches)], label=label)
                           for n, label in enumerate(tables)], loc="upper right", fontsize="small")
    fig.tight_layout()
    return fig


# ---- timeline chart ----------------------------------------------------------------------------

#: Colours of the timeline chart (Okabe-Ito): events told by the article, events inside a quote.
TIMELINE_COLORS: dict[str, str] = {"narrated": "#0072B2", "quoted": "#CC79A7", "published": "#D55E00"}


def timeline_chart(events, published=None, figsize: tuple[float, float] = (9.0, 4.0)):
    """Dated events as intervals on a date axis, one row each, oldest at the top.

    Each bar is as wide as what the text pins down (a month is a whole month, a day a day); bars for
    an approximate date ("about", "early June" is narrowed but still vague) are hatched, events inside
    a quote are drawn in a second colour, and the publication date is a dashed line. Labels sit on
    their own row, beside the bar, so they never overlap.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import pandas as pd
    from matplotlib.patches import Patch

    table = events.dropna(subset=["start_date", "end_date"]).sort_values(["start_date", "end_date", "event_id"])
    if published is None and "kind" in table and (table["kind"] == "publication").any():
        published = table.loc[table["kind"] == "publication", "start_date"].iloc[0]
    fig, ax = plt.subplots(figsize=figsize)
    if table.empty:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
        return fig
    starts = mdates.date2num(pd.to_datetime(table["start_date"]))
    ends = mdates.date2num(pd.to_datetime(table["end_date"])) + 1  # the last day is included
    low, high = starts.min(), ends.max()
    if published is not None:
        marker = mdates.date2num(pd.Timestamp(published))
        low, high = min(low, marker), max(high, marker + 1)
    span = max(high - low, 30.0)
    rows = range(len(table))
    for row, start, end, event in zip(rows, starts, ends, table.itertuples()):
        quoted = bool(getattr(event, "in_quote", False))
        color = TIMELINE_COLORS["quoted" if quoted else "narrated"]
        vague = getattr(event, "mod", "") in ("APPROX", "START", "MID", "END")
        width = max(end - start, span / 300)  # a day stays visible on a two-year axis
        ax.barh(row, width, left=start, height=0.6, color=color, alpha=0.55 if vague else 0.9,
                hatch="///" if vague else None, edgecolor=color)
        label = str(event.label)
        if quoted and isinstance(getattr(event, "speaker", None), str):
            label = f"{label} (quoted: {event.speaker})"
        right_side = start - low < 0.6 * span
        ax.text(end + span * 0.01 if right_side else start - span * 0.01, row, label, va="center",
                ha="left" if right_side else "right", fontsize=8)
    if published is not None:
        ax.axvline(marker, color=TIMELINE_COLORS["published"], linestyle="--", linewidth=1)
        ax.text(marker - span * 0.01, -0.9, f"published {pd.Timestamp(published):%d %b %Y}", ha="right",
                va="center", fontsize=8, color=TIMELINE_COLORS["published"])
    ax.set_ylim(len(table) - 0.4, -1.2)
    ax.set_yticks([])
    ax.set_xlim(low - 0.05 * span, high + 0.05 * span)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.legend(handles=[Patch(color=TIMELINE_COLORS["narrated"], label="told by the article"),
                       Patch(color=TIMELINE_COLORS["quoted"], label="inside a quote"),
                       Patch(facecolor="white", edgecolor="grey", hatch="///", label="approximate")],
              loc="lower left", fontsize=7, frameon=False, ncol=3, bbox_to_anchor=(0, -0.3))
    ax.set_title("Timeline: each bar covers the period the text names")
    fig.tight_layout()
    return fig
