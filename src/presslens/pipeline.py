"""`analyze()`: run every stage on one article or many and return the tables."""
from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from . import quotes as quotes_stage
from . import sentiment, source_attributes, sources, timeline, tokenize
from .errors import InputError
from .loader import load
from .model import Analysis, Article
from .schema import TABLES, check_tables
from .schema import empty as empty_table

__all__ = ["DEFAULT_LEXICON", "DEFAULT_PROFILE", "analyze", "analyze_article", "article_parts", "concat_tables",
           "profile_for", "tables_of"]

DEFAULT_PROFILE = "neutral"
DEFAULT_LEXICON = "vader"


def profile_for(article: Article, profile=None):
    """The sides profile that applies to `article`: `profile` when given, else the one its metadata
    names (`Article.profile`, as the seed's `metadata.csv` names `syria`), else `DEFAULT_PROFILE`."""
    return profile if profile is not None else (article.profile or DEFAULT_PROFILE)


TONE_TABLES = ("articles", "sentences")  # the tables that need the tone stage
TIMELINE_TABLES = ("timexes", "events")  # the tables that need the timeline stage


def analyze_article(article: Article, profile=None, lexicon: str = DEFAULT_LEXICON, *,
                    mode: str = "auto", date_order: str = "mdy", tables=TABLES) -> dict[str, pd.DataFrame]:
    """All tables for one article, as a dict of DataFrames (`profile`: see `profile_for`; `mode`,
    `date_order`: see `presslens.timeline.tag`; `tables`: see `article_parts`)."""
    return tables_of([article_parts(article, profile, lexicon, mode=mode, date_order=date_order, tables=tables)])


def article_parts(article: Article, profile=None, lexicon: str = DEFAULT_LEXICON, *,
                  mode: str = "auto", date_order: str = "mdy", tables=TABLES) -> dict:
    """The stages that read one article's text, as plain column lists (no DataFrame): its sentences,
    quotes (attributed and scored), timexes and events (`profile`: see `profile_for`). The article is
    split into sentences once (`presslens.tokenize.document`) and every stage reads that document.
    `tables_of` turns the parts of one or many articles into the tables.

    `tables` (names of `TABLES`, default all) are the tables wanted: the others come out empty, tone
    runs only for `TONE_TABLES` (else every score is missing) and the timeline only for `TIMELINE_TABLES`.
    """
    wanted = check_tables(tables)
    doc = tokenize.document(article)
    quotes = quotes_stage.rows(doc)
    quotes.update(sources.attribute_rows(quotes, profile=profile_for(article, profile), sentences=doc.columns))
    if any(name in wanted for name in TONE_TABLES):
        sentences = {**doc.columns, **sentiment.article_sentence_scores(doc.columns, quotes, lexicon=lexicon)}
        quotes["compound"] = sentiment.quote_compounds(quotes, lexicon=lexicon, sentences=sentences)
    else:
        unscored = [math.nan] * len(doc.columns["text"])
        sentences = {**doc.columns, **dict.fromkeys(sentiment.SCORE_COLUMNS, unscored)}
        quotes["compound"] = [math.nan] * len(quotes["text"])
    if any(name in wanted for name in TIMELINE_TABLES):
        timexes = timeline.timex_rows(doc, mode=mode, date_order=date_order)
        events = timeline.event_rows(doc, timexes, quotes)
    else:
        timexes = {name: [] for name in timeline.TIMEX_COLUMNS}
        events = {name: [] for name in timeline.EVENT_COLUMNS}
    return {"article": article, "sentences": sentences, "quotes": quotes, "timexes": timexes, "events": events,
            "tables": wanted}


def tables_of(parts: list[dict]) -> dict[str, pd.DataFrame]:
    """Every table from the `article_parts` of several articles, each DataFrame built once; the steps
    that read whole tables (source attributes, the sources table, the articles table) run once over all.
    A table the parts were not made for (`article_parts`'s `tables`) is empty.

    Articles with the same id are finished one by one, as if analysed apart."""
    ids = [part["article"].id for part in parts]
    if len(set(ids)) < len(ids):
        per_article = [tables_of([part]) for part in parts]
        return {name: concat_tables([tables[name] for tables in per_article]) for name in per_article[0]}
    sentences = _built(parts, "sentences", _sentence_frame)
    quotes = source_attributes.annotate(_built(parts, "quotes", _quote_frame), sentences)
    source_table = source_attributes.extend_sources(sources.table(quotes), quotes)
    articles = _with_tone(pd.DataFrame([part["article"].to_record() for part in parts]), sentences)
    built = {
        "articles": source_attributes.extend_articles(articles, source_table),
        "sentences": sentences,
        "quotes": quotes,
        "sources": source_table,
        "timexes": _built(parts, "timexes", timeline.timex_frame),
        "events": _built(parts, "events", timeline.event_frame),
    }
    wanted = set(parts[0].get("tables", TABLES)) if parts else set(TABLES)
    return {name: table if name in wanted else empty_table(name) for name, table in built.items()}


def _sentence_frame(columns: dict[str, list]) -> pd.DataFrame:
    """The scored sentences table (`tokenize.sentences`, then `sentiment.score_article`)."""
    table = tokenize.sentence_frame(columns)
    for name in sentiment.SCORE_COLUMNS:
        table[name] = np.array(columns[name], dtype="float64")
    return table


def _quote_frame(columns: dict[str, list]) -> pd.DataFrame:
    """The attributed and scored quotes table (`quotes.extract`, `sources.attribute`, `sentiment.score_quotes`)."""
    table = quotes_stage.frame({name: columns[name] for name in quotes_stage.QUOTE_COLUMNS})
    if table.empty:  # typed as the public steps type an empty table
        return sentiment.score_quotes(sources.attribute(table))
    for name in sources.SOURCE_QUOTE_COLUMNS:
        table[name] = columns[name]
    table["compound"] = np.array(columns["compound"], dtype="float64")
    return table


def _built(parts: list[dict], name: str, build) -> pd.DataFrame:
    """Table `name` of all `parts` built at once by `build` from the joined column lists, with the dtypes
    the tables of the articles apart, concatenated, would have: a text column that is empty (all missing)
    in one article is an `object` column, as pandas concatenates it."""
    tables = [part[name] for part in parts]
    columns = {column: list(itertools.chain.from_iterable(table[column] for table in tables))
               for column in tables[0]}
    frame = build(columns)
    for column in frame.columns:
        if frame[column].dtype == "str" and None in columns[column]:  # else every value is text
            kinds = [_text_kind(table[column]) for table in tables if len(table[column])]
            if not all(kinds):
                values = itertools.chain.from_iterable(
                    (math.nan if value is None else value for value in table[column]) if kind else table[column]
                    for table, kind in zip((t for t in tables if len(t[column])), kinds))
                frame[column] = pd.Series(list(values), index=frame.index, dtype=object)
    return frame


def _text_kind(values: list) -> bool:
    """Whether pandas reads `values` (one article's column) as text: some text and nothing else but None."""
    return any(isinstance(value, str) for value in values) and all(
        value is None or isinstance(value, str) for value in values)


def _with_tone(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The articles table with the tone of each article's sentences (`sentiment.article_tone`)."""
    tone = sentiment.article_tone(sentences).set_index("article_id").reindex(articles["article_id"])
    tone["tone_sentences"] = tone["tone_sentences"].fillna(0).astype("int64")
    return pd.concat([articles.reset_index(drop=True), tone.reset_index(drop=True)], axis=1)


def concat_tables(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One table from the same table of several articles (the columns survive when all are empty)."""
    non_empty = [f for f in frames if not f.empty]
    if not non_empty:
        return frames[0].iloc[0:0] if frames else pd.DataFrame()
    return pd.concat(non_empty, ignore_index=True) if len(non_empty) > 1 else non_empty[0].reset_index(drop=True)


def analyze(source: Article | Iterable[Article] | str | Path | None = None, profile=None,
            lexicon: str = DEFAULT_LEXICON, *, text: str | None = None, mode: str = "auto",
            date_order: str = "mdy", tables=TABLES) -> Analysis:
    """Analyse an `Article`, a list of them, a path `presslens.load` reads, or `text=` (one article as a string).

    `profile` (a shipped name, a YAML path or a dict) applies to every article; by default each
    article gets the profile its metadata names, or the general `neutral` one. `mode` ("auto", "news", "narrative") and `date_order` ("mdy", "dmy") say how time expressions are
    resolved (see `presslens.timeline.tag`). `tables` (names, or one text "quotes,sources"; default all)
    are the tables to make: the others are empty and the stages only they need do not run (see
    `article_parts`).
    """
    wanted = check_tables(tables)
    if isinstance(source, Article):
        articles = [source]
    elif text is not None or isinstance(source, (str, Path)) or source is None:
        articles = load(source, text=text)
    else:
        articles = list(source)
    if not articles:
        raise InputError("no articles to analyse")
    parts = [article_parts(a, profile, lexicon, mode=mode, date_order=date_order, tables=wanted) for a in articles]
    return Analysis(**tables_of(parts), texts={a.id: a for a in articles})
