"""Charts with matplotlib: sourcing, tone and the timeline.

One colour per side everywhere (charts and the HTML report), from a colour-blind-safe palette.
Every function returns the matplotlib `Figure` and takes an explicit `figsize`.
"""
from __future__ import annotations

import datetime as dt

__all__ = ["ATTRIBUTION_BY", "EVERY_YEAR_UP_TO", "EXTRA_SIDE_COLORS", "KIND_MARKERS", "LABEL_LIMIT", "SHARE_BY",
           "SIDE_COLORS", "TIMELINE_COLORS", "TIMELINE_MAX_EVENTS", "TONE_COLORS", "attribution_by_side",
           "chart_text", "quote_positions", "sentence_tone", "share_of_voice", "side_colors", "side_order",
           "timeline_chart", "tone_by_side"]

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


#: The longest text drawn as one label; longer labels are cut and end with "…".
LABEL_LIMIT = 60


def chart_text(value, *, limit: int = LABEL_LIMIT) -> str:
    """Text from an article or a profile as a chart label: cut to `limit` characters, on one line, and
    with every `$` escaped so that matplotlib never reads it as mathtext (`$a^^b$` is drawn as written)."""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return text.replace("$", r"\$")


def _texts(values) -> list[str]:
    return [chart_text(value) for value in values]


# ---- sourcing charts ---------------------------------------------------------------------------

#: The `by` values of `share_of_voice` and `attribution_by_side`, with the words used on the axes.
SHARE_BY: dict[str, str] = {"side": "side", "source_type": "source type"}
ATTRIBUTION_BY: dict[str, str] = {"cue_class": "cue class", "kind": "kind of quote", "cue": "cue word",
                                  "channel": "channel"}
#: Category shown for a quote without a cue word or without a named channel.
NO_CUE, NO_CHANNEL = "(no cue)", "(no channel named)"
#: Markers of `quote_positions`: a direct quote is a full circle, a partial one half full, an indirect one empty.
KIND_MARKERS: dict[str, str] = {"direct": "full", "partial": "left", "indirect": "none"}


def side_order(sides) -> list[str]:
    """The sides in the order every chart draws them: those of `SIDE_COLORS` (in its order), then any
    other side alphabetically, "unassigned" last."""
    present = {str(side) for side in sides}
    known = [side for side in SIDE_COLORS if side in present and side != "unassigned"]
    return known + sorted(present - set(SIDE_COLORS)) + (["unassigned"] if "unassigned" in present else [])


def _sides(column):
    """A side column with missing values as "unassigned" (text)."""
    return column.fillna("unassigned").astype(str).replace("", "unassigned")


def _no_quotes(fig, ax, title: str):
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.5, "no quotes", ha="center", va="center", transform=ax.transAxes)
    return fig


def _source_rows(table):
    """One row per source: `table` itself when it is a sources table, else `sources.table(quotes)`."""
    from . import sources

    if "words_quoted" in table.columns and "quote_id" not in table.columns:
        return table
    return sources.table(table)


def share_of_voice(table, *, by: str = "side", figsize: tuple[float, float] = (6.0, 3.0)):
    """Share of voice: the share of all quoted words spoken by each side (`by="side"`) or by each
    source type (`by="source_type"`, each bar split into its sides).

    `table` is a quotes table from `presslens.analyze` (or `sources.attribute`) or the sources
    table made from it. Words are counted as in `sources.table` (a quote nested in another quote of
    the same source counts once). Sides come in `side_order`, source types in the order of
    `sources.SOURCE_TYPES`; each bar is labelled with its share and its number of words.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    from matplotlib.ticker import PercentFormatter

    from .sources import SOURCE_TYPES

    if by not in SHARE_BY:
        raise ValueError(f"cannot draw the share of voice by {by!r} (choose from {', '.join(SHARE_BY)})")
    fig, ax = plt.subplots(figsize=figsize)
    title = f"Share of voice by {SHARE_BY[by]}"
    rows = _source_rows(table) if not table.empty else table
    total = int(rows["words_quoted"].sum()) if not rows.empty else 0
    if total == 0:
        return _no_quotes(fig, ax, title)
    rows = rows.assign(side=_sides(rows["side"]), source_type=rows["source_type"].fillna("other").astype(str))
    per_category = rows.groupby(by)["words_quoted"].sum()
    words = rows.groupby(["source_type", "side"])["words_quoted"].sum()
    sides = side_order(rows["side"])
    colors = side_colors(sides)
    if by == "side":
        categories = sides
    else:
        present = set(rows["source_type"])
        categories = [t for t in SOURCE_TYPES if t in present] + sorted(present - set(SOURCE_TYPES))
    positions = list(range(len(categories)))
    category_words = [int(per_category[category]) for category in categories]
    if by == "side":  # one bar per side, in its colour
        ax.barh(positions, [w / total for w in category_words], height=0.6,
                color=[colors[side] for side in sides], label="share of voice")
    else:  # one bar per source type, split into its sides (a segment per side present)
        left = [0.0] * len(categories)
        for side in sides:
            shares = [words.get((category, side), 0) / total for category in categories]
            if any(shares):
                ax.barh(positions, shares, left=left, height=0.6, color=colors[side], edgecolor="white",
                        linewidth=0.8, label=chart_text(side))
                left = [a + b for a, b in zip(left, shares)]
    for position, count in zip(positions, category_words):
        ax.text(count / total + 0.01, position, f"{count / total:.0%} ({count} words)", va="center", ha="left",
                fontsize="small")
    ax.set_yticks(positions, _texts(categories))
    ax.set_ylim(len(categories) - 0.5, -0.5)  # the first category at the top
    ax.set_xlim(0, 1.2)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(f"share of all quoted words ({total} words)")
    ax.set_ylabel(SHARE_BY[by])
    ax.set_title(title)
    if by == "source_type":
        ax.legend(handles=[Patch(color=colors[side], label=chart_text(side)) for side in sides], title="side",
                  loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", title_fontsize="small",
                  frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def quote_positions(quotes, sentences=None, *, relative: bool = False,
                    figsize: tuple[float, float] = (7.0, 2.8)):
    """Where in the article each side speaks: one row per side, one mark per quote at its paragraph.

    The x axis is the paragraph number (0 is the headline) or, with `relative=True`, the position in
    the article from 0 (headline) to 1 (last paragraph). The last paragraph is taken from
    `sentences` (`presslens.tokenize.sentences` or `Analysis.sentences`) when given, else it is the
    last paragraph with a quote. A full circle is a direct quote, a half-full one a partial quote,
    an empty one an indirect quote; quotes of one side in the same paragraph sit just above and below
    each other. Quotes without a paragraph are left out.
    """
    import matplotlib.pyplot as plt
    import pandas as pd
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    fig, ax = plt.subplots(figsize=figsize)
    title = "Where each side speaks: one mark per quote"
    frame = quotes.assign(paragraph=pd.to_numeric(quotes["paragraph"], errors="coerce")).dropna(
        subset=["paragraph"]) if not quotes.empty else quotes
    if frame.empty:
        return _no_quotes(fig, ax, title)
    frame = frame.assign(side=_sides(frame["side"]), kind=frame["kind"].fillna("direct").astype(str),
                         article_id=frame["article_id"].astype(str))
    last = frame.groupby("article_id")["paragraph"].max()
    if sentences is not None and not sentences.empty:
        known = sentences.groupby(sentences["article_id"].astype(str))["paragraph"].max()
        last = pd.concat([last, known.reindex(last.index)], axis=1).max(axis=1)
    frame["x"] = frame["paragraph"] / frame["article_id"].map(last).clip(lower=1) if relative else frame["paragraph"]
    frame = frame.sort_values([c for c in ("side", "x", "article_id", "start") if c in frame.columns], kind="stable")
    sides = side_order(frame["side"])
    colors = side_colors(sides)
    row = {side: number for number, side in enumerate(sides)}
    stack = frame.groupby(["side", "x"]).cumcount()
    size = frame.groupby(["side", "x"])["x"].transform("size")
    frame["y"] = frame["side"].map(row) + (stack - (size - 1) / 2) * 0.18
    for side in sides:
        for kind, fill in KIND_MARKERS.items():
            marks = frame[(frame["side"] == side) & (frame["kind"] == kind)]
            if not marks.empty:
                ax.plot(marks["x"].tolist(), marks["y"].tolist(), linestyle="none", marker="o", markersize=8,
                        color=colors[side], fillstyle=fill, markeredgewidth=1.4, label=chart_text(f"{side}: {kind}"))
    counts = frame["side"].value_counts()
    ax.set_yticks(range(len(sides)), [f"{chart_text(side)} (n={counts[side]})" for side in sides])
    ax.set_ylim(len(sides) - 0.5, -0.5)
    if relative:
        ax.set_xlim(-0.03, 1.03)
        ax.set_xlabel("position in the article (0 = headline, 1 = last paragraph)")
    else:
        ax.set_xlim(-0.5, float(last.max()) + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("paragraph (0 = headline)")
    ax.set_ylabel("side")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(handles=[Line2D([], [], linestyle="none", marker="o", color="black", fillstyle=fill, label=kind)
                       for kind, fill in KIND_MARKERS.items()],
              loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3, fontsize="small", frameon=False)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def attribution_by_side(quotes, *, by: str = "cue_class", figsize: tuple[float, float] = (7.0, 3.0)):
    """How each side's words are handed over: the number of quotes per `by` value and side.

    `by` is "cue_class" (neutral, loaded, unlisted or none: the class of the reporting verb, from
    `data/attribution_language.csv`), "kind" (direct, partial, indirect), "cue" (the cue word, lower
    case) or "channel" (how the words reached the reporter, such as "via the internet"). Cue classes
    and kinds are always all shown, in the order of `sources.CUE_CLASSES` and `sources.KINDS`; cues
    and channels by number of quotes (most first), then alphabetically, with quotes without a cue
    or channel last. Within each group there is one bar per side, in `side_order`.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from .sources import CUE_CLASSES, KINDS

    if by not in ATTRIBUTION_BY:
        raise ValueError(f"cannot count quotes by {by!r} (choose from {', '.join(ATTRIBUTION_BY)})")
    fig, ax = plt.subplots(figsize=figsize)
    title = f"How each side is quoted: quotes per {ATTRIBUTION_BY[by]}"
    if quotes.empty:
        return _no_quotes(fig, ax, title)
    values = quotes[by].fillna("").astype(str).str.strip()
    if by == "cue":
        values = values.str.lower().replace("", NO_CUE)
    elif by == "channel":
        values = values.replace("", NO_CHANNEL)
    frame = quotes.assign(side=_sides(quotes["side"]), value=values)
    counts = frame.groupby(["value", "side"]).size()
    if by in ("cue_class", "kind"):
        fixed = list(CUE_CLASSES if by == "cue_class" else KINDS)
        categories = fixed + sorted(set(frame["value"]) - set(fixed))
    else:
        totals = frame["value"].value_counts()
        empty = NO_CUE if by == "cue" else NO_CHANNEL
        categories = sorted((v for v in totals.index if v != empty), key=lambda v: (-totals[v], v))
        categories += [empty] if empty in totals.index else []
    sides = side_order(frame["side"])
    colors = side_colors(sides)
    height = 0.8 / len(sides)
    for number, side in enumerate(sides):
        offset = (number - (len(sides) - 1) / 2) * height
        bars = ax.barh([position + offset for position in range(len(categories))],
                       [int(counts.get((category, side), 0)) for category in categories], height=height,
                       color=colors[side], label=chart_text(side))
        ax.bar_label(bars, labels=[str(int(b.get_width())) if b.get_width() else "" for b in bars], padding=2,
                     fontsize="x-small")
    ax.set_yticks(range(len(categories)), _texts(categories))
    ax.set_ylim(len(categories) - 0.5, -0.5)
    ax.set_xlim(0, max(int(counts.max()), 1) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("number of quotes")
    ax.set_ylabel(ATTRIBUTION_BY[by])
    ax.legend(title="side", loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", title_fontsize="small",
              frameon=False)
    ax.set_title(title)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    fig.tight_layout()
    return fig


# ---- tone charts -------------------------------------------------------------------------------

#: Bar colours for the sign of a tone score (Okabe-Ito sky blue and orange, apart from the side colours).
TONE_COLORS: dict[str, str] = {"positive": "#56B4E9", "negative": "#E69F00"}


def tone_by_side(quotes, *, by: str = "side", figsize: tuple[float, float] = (6.0, 3.0)):
    """Mean tone of the quotes per side (or per `by` column), spread as error bars, count as label."""
    import matplotlib.pyplot as plt

    from .sentiment import tone_by

    table = tone_by(quotes, by=by)
    if by == "side":  # sides in the order of every other chart, the first at the top
        order = {side: number for number, side in enumerate(side_order(table[by]))}
        table = table.sort_values(by, key=lambda sides: sides.map(order), kind="stable")
    table = table.iloc[::-1]
    colors = side_colors(table[by]) if by == "side" else {}
    fig, ax = plt.subplots(figsize=figsize)
    positions = range(len(table))
    ax.barh(positions, table["mean_compound"], xerr=table["spread"], capsize=3,
            color=[colors.get(value, "#999999") for value in table[by]])
    ax.set_yticks(list(positions), [f"{chart_text(value)} (n={count})" for value, count in zip(table[by], table["count"])])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("mean compound tone of the quoted words (± 1 s.d.)")
    ax.set_title(f"Tone of quotes by {by}" if len(table) else f"Tone of quotes by {by}: no quotes")
    fig.tight_layout()
    return fig


def sentence_tone(scores, *, figsize: tuple[float, float] = (8.0, 3.0)):
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
               hatch=hatches[number % len(hatches)], label=chart_text(label))
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylim(-1, 1)
    ax.set_xlabel("sentence")
    ax.set_ylabel("compound tone")
    if len(tables) > 1:
        ax.legend(handles=[Patch(facecolor="white", edgecolor="black", hatch=hatches[n % len(hatches)],
                                 label=chart_text(label))
                           for n, label in enumerate(tables)], loc="upper right", fontsize="small")
    fig.tight_layout()
    return fig


# ---- timeline chart ----------------------------------------------------------------------------

#: Rows of the timeline chart at most (the earliest events).
TIMELINE_MAX_EVENTS = 40
#: Colours of the timeline chart (Okabe-Ito): events told by the article, events inside a quote.
TIMELINE_COLORS: dict[str, str] = {"narrated": "#0072B2", "quoted": "#CC79A7", "published": "#D55E00"}


def _day_month_year(day) -> str:
    """A date as "29 Jul 2013" (years before 1000 too)."""
    import pandas as pd

    day = pd.Timestamp(day)
    return f"{day.day:02d} {day:%b} {day.year}"


def timeline_chart(events, published=None, *, figsize: tuple[float, float] = (9.0, 4.0),
                   max_events: int = TIMELINE_MAX_EVENTS):
    """Dated events as intervals on a date axis, one row each, oldest at the top.

    Each bar is as wide as what the text pins down (a month is a whole month, a day a day); bars for
    an approximate date ("about", "early June" is narrowed but still vague) are hatched, events inside
    a quote are drawn in a second colour, and the publication date is a dashed line. Labels sit on
    their own row, beside the bar, so they never overlap. At most `max_events` rows are drawn (the
    earliest; the title says how many are left out), so a corpus gives a readable chart, not a poster.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from matplotlib.patches import Patch

    table = events.dropna(subset=["start_date", "end_date"]).sort_values(["start_date", "end_date", "event_id"])
    if published is None and "kind" in table and (table["kind"] == "publication").any():
        published = table.loc[table["kind"] == "publication", "start_date"].iloc[0]
    dated = len(table)
    table = table.head(max_events)
    fig, ax = plt.subplots(figsize=figsize)
    if table.empty:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
        return fig
    # as datetime64[ms], which holds years 1-9999 (nanoseconds, pandas 2's default, overflow there)
    starts = mdates.date2num(np.asarray(table["start_date"], dtype="datetime64[ms]"))
    ends = mdates.date2num(np.asarray(table["end_date"], dtype="datetime64[ms]")) + 1  # the last day is included
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
        label = chart_text(event.label)
        if quoted and isinstance(getattr(event, "speaker", None), str):
            label = f"{label} (quoted: {chart_text(event.speaker, limit=LABEL_LIMIT // 2)})"
        right_side = start - low < 0.6 * span
        ax.text(end + span * 0.01 if right_side else start - span * 0.01, row, label, va="center",
                ha="left" if right_side else "right", fontsize="small")
    if published is not None:
        ax.axvline(marker, color=TIMELINE_COLORS["published"], linestyle="--", linewidth=1)
        ax.text(marker - span * 0.01, -0.9, f"published {_day_month_year(published)}", ha="right",
                va="center", fontsize="small", color=TIMELINE_COLORS["published"])
    ax.set_ylim(len(table) - 0.4, -1.2)
    ax.set_yticks([])
    pad = (span - (high - low)) / 2  # a short range is widened to `span` days (a 4-day axis has no tick interval)
    first_day, last_day = mdates.date2num(pd.Timestamp("0001-01-01")), mdates.date2num(pd.Timestamp("9999-12-31"))
    ax.set_xlim(max(low - pad - 0.05 * span, first_day), min(high + pad + 0.05 * span, last_day))  # dates end at 1 and 9999
    _date_axis(ax.xaxis, *ax.get_xlim())
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.legend(handles=[Patch(color=TIMELINE_COLORS["narrated"], label="told by the article"),
                       Patch(color=TIMELINE_COLORS["quoted"], label="inside a quote"),
                       Patch(facecolor="white", edgecolor="grey", hatch="///", label="approximate")],
              loc="lower left", fontsize="x-small", frameon=False, ncol=3, bbox_to_anchor=(0, -0.3))
    shown = f" (the first {len(table)} of {dated} by date)" if dated > len(table) else ""
    ax.set_title(f"Timeline: each bar covers the period the text names{shown}")
    fig.tight_layout()
    return fig


#: A timeline spanning up to this many calendar years gets a labelled tick on every year.
EVERY_YEAR_UP_TO = 16


def _date_axis(axis, low: float, high: float) -> None:
    """Fixed ticks for a date axis from `low` to `high` (matplotlib date numbers) that name every year.

    Up to about three years: months or days, with the year written at the first tick of each year;
    up to `EVERY_YEAR_UP_TO` years: a tick on every year; longer: a labelled tick every 2, 5, 10,
    20, 50, ... years (at most 12) and an unlabelled tick on every year, up to 200 years.
    """
    import matplotlib.dates as mdates
    from matplotlib.ticker import FixedFormatter, FixedLocator

    first, last = mdates.num2date(low).year, mdates.num2date(high).year
    years = last - first + 1
    if high - low <= 3 * 366:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    elif years <= EVERY_YEAR_UP_TO:
        locator = mdates.YearLocator(1)
    else:
        locator = mdates.YearLocator(next(step for step in _year_steps() if years / step <= 12))
        if years <= 200:
            axis.set_minor_locator(mdates.YearLocator(1))
    ticks = [tick for tick in locator.tick_values(mdates.num2date(low), mdates.num2date(high)) if low <= tick <= high]
    daily = any(mdates.num2date(tick).day != 1 for tick in ticks)
    if years <= EVERY_YEAR_UP_TO:  # a year without a tick (at the start of the axis) gets one, room made for it
        spacing = (high - low) / max(len(ticks), 1)
        for year in sorted(set(range(first, last + 1)) - {mdates.num2date(tick).year for tick in ticks}):
            tick = max(low, mdates.date2num(dt.datetime(year, 1, 1)))
            crowded = [other for other in ticks if abs(tick - other) < spacing / 2]
            kept_years = [mdates.num2date(other).year for other in ticks if other not in crowded]
            if tick <= high and all(mdates.num2date(other).year in kept_years for other in crowded):
                ticks = [other for other in ticks if other not in crowded] + [tick]  # make room for it
    ticks.sort()
    axis.set_major_locator(FixedLocator(ticks))
    axis.set_major_formatter(FixedFormatter(_year_labels(ticks, daily=daily)))


def _year_steps():
    step = 1
    while True:
        for factor in (2, 5, 10):
            yield step * factor
        step *= 10


def _year_labels(values, *, daily: bool = False) -> list[str]:
    """Labels for date ticks (matplotlib date numbers): "Jun", "Jul", ... (`daily`: "29 Jul") with the
    year at the first tick of each year ("Jun 2013"); a tick on the first of January is just "2013"."""
    import matplotlib.dates as mdates

    labels, previous = [], None
    for day in (mdates.num2date(value) for value in values):
        if not daily and (day.month, day.day) == (1, 1):
            label = str(day.year)
        else:
            label = (f"{day.day} {day:%b}" if daily else f"{day:%b}") + (f" {day.year}" if day.year != previous else "")
        labels.append(label)
        previous = day.year
    return labels
