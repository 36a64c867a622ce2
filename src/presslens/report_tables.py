"""The report's tables in words: headings and values a class can read, sides in the charts' order.

The analysis tables keep their identifiers (`hedged_quotes`, `armed_opposition`), which code and
the CSV files need; the report shows them as "hedged quotes" and "armed opposition", orders sides
as every chart does (`presslens.plots.side_order`), and shows each dated event as when, what, who
dates it and how exactly, without ids or clock times.
"""
from __future__ import annotations

import re

import pandas as pd

__all__ = ["COLUMN_WORDS", "events_table", "in_side_order", "readable"]

#: Column headings in words, where the identifier with spaces for underscores is not enough.
COLUMN_WORDS: dict[str, str] = {
    "article_id": "article",
    "share_of_voice": "share of voice %",
    "mean_compound": "mean tone",
    "spread": "spread (s.d.)",
    "count": "quotes",
    "negative_share": "negative quotes %",
    "positive_share": "positive quotes %",
    "tone_mean": "mean tone",
    "tone_negative_share": "negative quotes %",
    "tone_positive_share": "positive quotes %",
    "first_paragraph": "first paragraph",
    "words_quoted": "words quoted",
    "cues": "cue words",
}
#: Columns holding a share (0 to 1), shown as a percentage.
PERCENT_COLUMNS = ("share_of_voice", "negative_share", "positive_share", "tone_negative_share",
                   "tone_positive_share")
_IDENTIFIER = re.compile(r"[a-z]+(?:_[a-z]+)+")
_VAGUE = ("APPROX", "START", "MID", "END")  # as the timeline chart hatches them
_PRECISION_WORDS = ("day", "week", "month", "season", "quarter", "year", "decade", "century")


def in_side_order(table: pd.DataFrame, *then: str) -> pd.DataFrame:
    """Rows sorted by `side` in the order of the charts (then by the columns `then`); input order kept
    within a side."""
    from .plots import side_order

    if table.empty or "side" not in table.columns:
        return table
    sides = table["side"].fillna("unassigned").astype(str).replace("", "unassigned")
    rank = {side: number for number, side in enumerate(side_order(sides))}
    keyed = table.assign(_rank=sides.map(rank).to_numpy())
    return keyed.sort_values(["_rank", *then], kind="stable").drop(columns="_rank").reset_index(drop=True)


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A table with headings in words, shares as percentages and identifier values (`state_media`)
    as words (`state media`)."""
    table = table.copy()
    for column in table.columns:
        values = table[column]
        if column in PERCENT_COLUMNS:
            table[column] = (100 * pd.to_numeric(values, errors="coerce")).round(1)
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            table[column] = values.map(_words)
    return table.rename(columns={c: COLUMN_WORDS.get(c, str(c).replace("_", " ")) for c in table.columns})


def _words(value):
    return value.replace("_", " ") if isinstance(value, str) and _IDENTIFIER.fullmatch(value) else value


def events_table(events: pd.DataFrame, *, limit: int | None = None) -> pd.DataFrame:
    """The dated events as a class reads them: when (the period the text names, no clock time), what
    happened, how exact the date is, who dates it (the article or a quoted speaker), and the paragraph.
    `limit`: only the first this many rows (by date)."""
    if events.empty or not {"start_date", "label"} <= set(events.columns):
        return pd.DataFrame(columns=["when", "what", "how exact", "dated by", "paragraph"])
    table = events.dropna(subset=["start_date"])
    table = table.assign(end_date=table["end_date"] if "end_date" in table else table["start_date"])
    table = table.sort_values(["start_date", "end_date"], kind="stable").head(limit)
    speaker = table["speaker"] if "speaker" in table.columns else pd.Series("", index=table.index)
    in_quote = table["in_quote"].fillna(False).astype(bool) if "in_quote" in table.columns else False
    dated_by = [("a quote of " + str(who)) if quoted and isinstance(who, str) and who else
                ("a quote" if quoted else "the article") for quoted, who in zip(in_quote, speaker)]
    what = [f"published: {label}" if kind == "publication" else label
            for kind, label in zip(table.get("kind", [""] * len(table)), table["label"])]
    paragraph = (pd.to_numeric(table["paragraph"], errors="coerce").astype("Int64").reset_index(drop=True)
                 if "paragraph" in table else pd.NA)
    return pd.DataFrame({
        "when": [_period(start, end, granularity) for start, end, granularity in
                 zip(table["start_date"], table["end_date"], table.get("granularity", [""] * len(table)))],
        "what": what,
        "how exact": [_precision(granularity, mod) for granularity, mod in
                      zip(table.get("granularity", [""] * len(table)), table.get("mod", [""] * len(table)))],
        "dated by": dated_by,
        "paragraph": paragraph,
    })


def _period(start, end, granularity) -> str:
    start, end = pd.Timestamp(start), pd.Timestamp(end) if not pd.isna(end) else pd.Timestamp(start)
    day = f"{start.day} {start:%b} {start.year}"
    if start == end:
        return day
    if start.day == 1 and end == (start + pd.offsets.MonthEnd(0)):
        return f"{start:%B} {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{day} to {end.day} {end:%b} {end.year}"


def _precision(granularity, mod) -> str:
    words = f"a {granularity}" if isinstance(granularity, str) and granularity in _PRECISION_WORDS else ""
    if isinstance(mod, str) and mod in _VAGUE:
        words = f"{words}, approximate" if words else "approximate"
    return words
