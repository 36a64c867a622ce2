"""Corpus views: who speaks across a corpus, by outlet, over time, by gender and by how sources are named.

    >>> tables = corpus_report.compute("reports")   # the tables behind every chart, from the Parquet output
    >>> corpus_report.write("reports")              # reports/corpus.html, reports/corpus/*.csv, *.svg

Everything is computed from the Parquet part files a run wrote (`presslens analyze ... --out DIR`),
one chunk at a time: the articles, sources, quotes and events of a chunk are read (only the columns
needed), reduced to small partial counts, and merged. Memory does not grow with the number of
articles, only with the number of outlets, days, sides and distinct source names.

The tables (`TABLES`), one CSV each in `DIR/corpus/`:
`share_of_voice` and `share_of_voice_by_outlet` (quotes, quoted words and their share for every
value of side, source type, gender and naming), `share_of_voice_by_period` (the same per week,
month or year, chosen from the span), `top_sources` (the most quoted named sources per outlet, by name, or by role for "the ministry"),
`cue_verbs_by_side`, `attribution_by_side` (hedged quotes, verification notes, loaded cues),
`tone_by_side_and_outlet`, `timeline_by_side` (events per month by the side that reports them;
`narration` for the reporter's own) and `articles_by_period`.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from . import __version__, naming
from .errors import InputError
from .output import atomic_open, atomic_path, write_csv

__all__ = ["DIMENSIONS", "PERIODS", "TABLES", "choose_period", "compute", "write"]

DIMENSIONS = ("side", "source_type", "gender", "naming")
PERIODS = ("week", "month", "year")
TABLES = ("share_of_voice", "share_of_voice_by_outlet", "share_of_voice_by_period", "top_sources",
          "cue_verbs_by_side", "attribution_by_side", "tone_by_side_and_outlet", "timeline_by_side",
          "articles_by_period")
DEFAULT_TOP = 10
NO_OUTLET = "(no outlet)"
NO_DATE = "(no date)"
NARRATION = "narration"
MISSING = "(none)"
TONE_CUTOFF = 0.05  # VADER's usual cut: compound >= 0.05 positive, <= -0.05 negative
MERGE_EVERY = 16  # chunks of partial counts kept before they are merged

_COLUMNS = {
    "articles": ["article_id", "outlet", "published"],
    "sources": ["article_id", "source_id", "name", "role", "quotes", "words_quoted", *DIMENSIONS],
    "quotes": ["article_id", "quote_id", "side", "cue", "cue_class", "hedged", "verification_notes", "compound"],
    "events": ["article_id", "quote_id", "start_date"],
}


# ---- reading the run's output ------------------------------------------------------------------

def _parts(out: Path, table: str) -> dict[str, Path]:
    return {path.name: path for path in sorted((out / f"{table}.parquet").glob("part-*.parquet"))}


def _read(path: Path | None, table: str) -> pd.DataFrame:
    wanted = _COLUMNS[table]
    if path is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in wanted})
    present = set(pq.read_schema(path).names)
    frame = pq.read_table(path, columns=[c for c in wanted if c in present]).to_pandas()
    for column in wanted:
        if column not in frame.columns:
            frame[column] = pd.Series(MISSING, index=frame.index, dtype=object)
    return frame


def _label(column: pd.Series, missing: str = MISSING) -> pd.Series:
    return column.astype(object).where(column.notna() & (column.astype(str).str.strip() != ""), missing).astype(str)


def _chunks(out: Path):
    """(articles, sources, quotes, events) of each chunk of the run in `out`, with outlet and day on each."""
    articles = _parts(out, "articles")
    if not articles:
        raise InputError(f"{out}: no articles.parquet part files (run presslens analyze ... --out {out} first)")
    others = {table: _parts(out, table) for table in ("sources", "quotes", "events")}
    for name, path in articles.items():
        meta = _read(path, "articles")
        meta["outlet"] = _label(meta["outlet"], NO_OUTLET)
        meta["day"] = _label(meta["published"].astype(str).str.slice(0, 10).where(meta["published"].notna()), NO_DATE)
        lookup = meta.set_index("article_id")[["outlet", "day"]]
        tables = []
        for table in ("sources", "quotes", "events"):
            frame = _read(others[table].get(name), table)
            joined = lookup.reindex(frame["article_id"])
            frame["outlet"], frame["day"] = joined["outlet"].to_numpy(), joined["day"].to_numpy()
            tables.append(frame)
        yield (meta, *tables)


# ---- partial counts ----------------------------------------------------------------------------

class _Sum:
    """A running sum of count columns by key columns: add small frames, merge them now and then."""

    def __init__(self, keys: list[str], values: list[str]):
        self.keys, self.values, self.frames = keys, values, []

    def add(self, frame: pd.DataFrame) -> None:
        if not frame.empty:
            self.frames.append(frame.groupby(self.keys, sort=False, dropna=False)[self.values].sum().reset_index())
        if len(self.frames) >= MERGE_EVERY:
            self.frames = [self.total()]

    def total(self) -> pd.DataFrame:
        if not self.frames:
            return pd.DataFrame({c: pd.Series(dtype=object if c in self.keys else "int64") for c in self.keys + self.values})
        merged = pd.concat(self.frames, ignore_index=True)
        return merged.groupby(self.keys, sort=True, dropna=False)[self.values].sum().reset_index()


def _voice_rows(sources: pd.DataFrame) -> pd.DataFrame:
    """Sources in long form: one row per source and dimension (side, source type, gender, naming)."""
    frames = []
    for dimension in DIMENSIONS:
        frames.append(pd.DataFrame({"outlet": sources["outlet"], "day": sources["day"], "dimension": dimension,
                                    "value": _label(sources[dimension]), "sources": 1,
                                    "quotes": sources["quotes"].fillna(0).astype("int64"),
                                    "words_quoted": sources["words_quoted"].fillna(0).astype("int64")}))
    return pd.concat(frames, ignore_index=True)


def _quote_keys(column: pd.Series) -> pd.Series:
    """Quote ids as comparable keys (events store them as floats with gaps, quotes as integers)."""
    return pd.to_numeric(column, errors="coerce").astype("Int64").reset_index(drop=True)


def choose_period(first: dt.date | None, last: dt.date | None) -> str:
    """week for a span up to 13 weeks, month up to 8 years, else year."""
    if first is None or last is None:
        return "month"
    days = (last - first).days
    return "week" if days <= 92 else "month" if days <= 8 * 366 else "year"


def _period_of(days: pd.Series, period: str) -> pd.Series:
    dates = pd.to_datetime(days.where(days != NO_DATE), format="%Y-%m-%d", errors="coerce")
    if period == "week":
        labels = (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    elif period == "month":
        labels = dates.dt.strftime("%Y-%m")
    else:
        labels = dates.dt.strftime("%Y")
    return labels.fillna(NO_DATE)


def _shares(frame: pd.DataFrame, within: list[str]) -> pd.DataFrame:
    totals = frame.groupby(within, dropna=False)["words_quoted"].transform("sum")
    quotes = frame.groupby(within, dropna=False)["quotes"].transform("sum")
    frame = frame.assign(share_of_voice=(frame["words_quoted"] / totals.where(totals > 0)).fillna(0.0).round(4),
                         share_of_quotes=(frame["quotes"] / quotes.where(quotes > 0)).fillna(0.0).round(4))
    return frame.sort_values(within + ["words_quoted", "value"], ascending=[True] * len(within) + [False, True],
                             kind="stable").reset_index(drop=True)


def compute(out: str | Path, *, top: int = DEFAULT_TOP, period: str | None = None) -> dict[str, pd.DataFrame]:
    """The tables behind every corpus chart (`TABLES`), from the Parquet output of a run in `out`.

    `top`: named sources listed per outlet; `period`: "week", "month" or "year" (default: chosen
    from the span of publication dates by `choose_period`).
    """
    if period is not None and period not in PERIODS:
        raise InputError(f"period {period!r}: choose from {', '.join(PERIODS)}")
    if top < 1:
        raise InputError(f"top {top}: needs at least 1")
    out = Path(out)
    voice = _Sum(["outlet", "day", "dimension", "value"], ["sources", "quotes", "words_quoted"])
    named = _Sum(["outlet", "name", "naming"], ["quotes", "words_quoted", "articles"])
    cues = _Sum(["side", "cue", "cue_class"], ["quotes"])
    attribution = _Sum(["side"], ["quotes", "hedged_quotes", "verification_notes", "loaded_cues"])
    tone = _Sum(["outlet", "side"], ["quotes", "compound_sum", "positive", "negative", "scored"])
    events = _Sum(["month", "side"], ["events"])
    published = _Sum(["outlet", "day"], ["articles"])
    for articles, sources, quotes, found in _chunks(out):
        published.add(articles.assign(articles=1))
        voice.add(_voice_rows(sources))
        is_named = sources["naming"].isin(naming.NAMED)
        label = _label(sources["name"], "").where(_label(sources["name"], "") != "", _label(sources["role"]))
        named.add(sources[is_named].assign(name=label[is_named], articles=1,
                                           quotes=sources.loc[is_named, "quotes"].fillna(0).astype("int64"),
                                           words_quoted=sources.loc[is_named, "words_quoted"].fillna(0).astype("int64"))
                  .drop_duplicates(["article_id", "source_id"]))
        side = _label(quotes["side"])
        cue = quotes["cue"].astype(object).where(quotes["cue"].notna(), "").astype(str).str.lower().str.strip()
        cues.add(pd.DataFrame({"side": side, "cue": cue.where(cue != "", "(no cue)"),
                               "cue_class": _label(quotes["cue_class"]), "quotes": 1}))
        compound = pd.to_numeric(quotes["compound"], errors="coerce")
        attribution.add(pd.DataFrame({
            "side": side, "quotes": 1, "hedged_quotes": quotes["hedged"].fillna(False).astype(bool).astype(int),
            "verification_notes": (_label(quotes["verification_notes"], "") != "").astype(int),
            "loaded_cues": (quotes["cue_class"] == "loaded").fillna(False).astype(int)}))
        tone.add(pd.DataFrame({"outlet": quotes["outlet"], "side": side, "quotes": 1,
                               "compound_sum": compound.fillna(0.0), "scored": compound.notna().astype(int),
                               "positive": (compound >= TONE_CUTOFF).astype(int),
                               "negative": (compound <= -TONE_CUTOFF).astype(int)}))
        said = pd.DataFrame({"article_id": quotes["article_id"], "quote": _quote_keys(quotes["quote_id"]),
                             "side": side}).drop_duplicates(["article_id", "quote"])
        reported = pd.DataFrame({"article_id": found["article_id"], "quote": _quote_keys(found["quote_id"]),
                                 "month": pd.to_datetime(found["start_date"], errors="coerce").dt.strftime("%Y-%m")})
        reported = reported.merge(said, on=["article_id", "quote"], how="left")
        events.add(pd.DataFrame({"month": reported["month"].fillna(NO_DATE), "side": reported["side"].fillna(NARRATION),
                                 "events": 1}))

    days = published.total()
    dated = pd.to_datetime(days.loc[days["day"] != NO_DATE, "day"], format="%Y-%m-%d", errors="coerce").dropna()
    chosen = period or choose_period(dated.min().date() if len(dated) else None,
                                     dated.max().date() if len(dated) else None)
    voice_days = voice.total()
    overall = voice_days.groupby(["dimension", "value"], sort=True)[["sources", "quotes", "words_quoted"]].sum().reset_index()
    by_outlet = voice_days.groupby(["outlet", "dimension", "value"], sort=True)[["sources", "quotes", "words_quoted"]]\
        .sum().reset_index()
    by_period = voice_days.assign(period=_period_of(voice_days["day"], chosen))\
        .groupby(["period", "dimension", "value"], sort=True)[["sources", "quotes", "words_quoted"]].sum().reset_index()
    articles_by_period = days.assign(period=_period_of(days["day"], chosen))\
        .groupby(["period", "outlet"], sort=True)["articles"].sum().reset_index()
    return {
        "share_of_voice": _shares(overall, ["dimension"]),
        "share_of_voice_by_outlet": _shares(by_outlet, ["outlet", "dimension"]),
        "share_of_voice_by_period": _shares(by_period, ["period", "dimension"]).assign(period_kind=chosen),
        "top_sources": _top_sources(named.total(), top),
        "cue_verbs_by_side": _within_side(cues.total()),
        "attribution_by_side": _attribution(attribution.total()),
        "tone_by_side_and_outlet": _tone(tone.total()),
        "timeline_by_side": events.total().sort_values(["month", "side"]).reset_index(drop=True),
        "articles_by_period": articles_by_period.assign(period_kind=chosen),
    }


def _top_sources(counts: pd.DataFrame, top: int) -> pd.DataFrame:
    totals = counts.groupby("outlet")["quotes"].transform("sum")
    counts = counts.assign(share_of_quotes=(counts["quotes"] / totals.where(totals > 0)).fillna(0.0).round(4))
    counts = counts.sort_values(["outlet", "quotes", "words_quoted", "name"], ascending=[True, False, False, True],
                                kind="stable")
    counts["rank"] = counts.groupby("outlet").cumcount() + 1
    columns = ["outlet", "rank", "name", "naming", "quotes", "share_of_quotes", "words_quoted", "articles"]
    return counts[counts["rank"] <= top][columns].reset_index(drop=True)


def _within_side(cues: pd.DataFrame) -> pd.DataFrame:
    totals = cues.groupby("side")["quotes"].transform("sum")
    cues = cues.assign(share_of_side=(cues["quotes"] / totals).round(4))
    return cues.sort_values(["side", "quotes", "cue"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def _attribution(counts: pd.DataFrame) -> pd.DataFrame:
    for column in ("hedged_quotes", "verification_notes", "loaded_cues"):
        counts[f"{column}_share"] = (counts[column] / counts["quotes"].where(counts["quotes"] > 0)).fillna(0.0).round(4)
    return counts.reset_index(drop=True)


def _tone(counts: pd.DataFrame) -> pd.DataFrame:
    scored = counts["scored"].where(counts["scored"] > 0)
    out = counts[["outlet", "side", "quotes"]].assign(
        mean_compound=(counts["compound_sum"] / scored).round(4),
        positive_share=(counts["positive"] / scored).round(4), negative_share=(counts["negative"] / scored).round(4))
    return out.reset_index(drop=True)


# ---- writing -----------------------------------------------------------------------------------

def _table_html(frame: pd.DataFrame, rows: int = 30) -> str:
    from .report import table_html

    return table_html(frame, max_rows=rows)


def write(out: str | Path, *, top: int = DEFAULT_TOP, period: str | None = None,
          report: str | None = None) -> Path:
    """Write `out/corpus.html` (self-contained: each chart embedded as SVG), `out/corpus/<table>.csv` and each
    chart as `out/corpus/<chart>.svg` (the same drawing, drawn once, by `presslens.corpus_svg`; the notebooks
    draw the same charts with matplotlib through `presslens.corpus_plots`).

    `report`: the per-article report to link to (default: `report.html` when `out` has one).
    Returns the path of corpus.html.
    """
    from . import corpus_plots, corpus_svg

    out = Path(out)
    tables = compute(out, top=top, period=period)
    folder = out / "corpus"
    for name, frame in tables.items():
        write_csv(frame, folder / f"{name}.csv")
    sections = []
    for chart in corpus_plots.CHARTS:
        svg = corpus_svg.CHARTS[chart.name](tables)
        with atomic_path(folder / f"{chart.name}.svg") as temporary:
            temporary.write_bytes(svg)
        sections.append(_section(chart, tables, svg))
    report = report if report is not None else ("report.html" if (out / "report.html").is_file() else "")
    page = _page(tables, sections, report)
    with atomic_open(out / "corpus.html", "w", encoding="utf-8") as handle:
        handle.write(page)
    return out / "corpus.html"


def _section(chart, tables: dict[str, pd.DataFrame], svg: bytes) -> str:
    data = base64.b64encode(svg).decode("ascii")
    links = " · ".join(f'<a href="corpus/{html.escape(t)}.csv">{html.escape(t)}.csv</a>' for t in chart.tables)
    return (f'<section id="{chart.name}"><h2>{html.escape(chart.title)}</h2>'
            f'<p class="question">{html.escape(chart.question)}</p>'
            f'<figure><img alt="{html.escape(chart.title)}" src="data:image/svg+xml;base64,{data}">'
            f'<figcaption>{html.escape(chart.caption)} Table: {links}; chart: '
            f'<a href="corpus/{chart.name}.svg">SVG</a>.</figcaption></figure>'
            f'<details><summary>The numbers</summary>{_table_html(tables[chart.tables[0]])}</details></section>')


_STYLE = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
figure{margin:0}img{max-width:100%;height:auto}figcaption,.question{color:#444}.question{font-style:italic}
table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left}
section{margin-bottom:2.5rem}.limits{background:#f6f6f6;padding:.5rem 1rem;border-left:4px solid #999}"""


def _page(tables: dict[str, pd.DataFrame], sections: list[str], report: str) -> str:
    articles = int(tables["articles_by_period"]["articles"].sum())
    outlets = tables["articles_by_period"]["outlet"].nunique()
    period = tables["articles_by_period"]["period_kind"].iloc[0] if articles else "month"
    link = (f'<p>Each article in full, with its quotes highlighted: <a href="{html.escape(report)}">'
            f'{html.escape(report)}</a>.</p>') if report else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>presslens corpus report</title><style>{_STYLE}</style></head><body>"
            f"<h1>Who speaks in this corpus</h1><p id=\"totals\">{articles} articles from {outlets} outlet(s), "
            f"counted per {html.escape(str(period))}. Made by presslens {__version__}.</p>{link}"
            "<div class=\"limits\"><p><strong>What these numbers cannot say.</strong> A quote count is not "
            "influence: one sentence from a minister may weigh more than ten from residents, and who is "
            "paraphrased without a quote is counted only when presslens finds the attribution. Gender comes from "
            "honorifics, pronouns and first names; a first name is a statistical proxy recorded as two categories, "
            "not a person's identity, and a group or an organisation has no gender. Sides and source types come "
            "from word lists and a profile that someone wrote.</p></div>"
            + "".join(sections) + "</body></html>\n")
