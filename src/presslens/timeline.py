"""Timeline: time expressions normalised against the publication date, and the events they date.

(Stub: written in issue 6; the columns below are the contract.)
"""
from __future__ import annotations

import pandas as pd

from .model import Article

TIMEX_COLUMNS = ["article_id", "timex_id", "start", "end", "text", "type", "value", "mod", "sentence", "paragraph"]
EVENT_COLUMNS = ["article_id", "event_id", "timex_id", "label", "value", "start_date", "end_date",
                 "in_quote", "quote_id", "speaker"]


def timexes(article: Article, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per time expression in `article`, columns `TIMEX_COLUMNS`."""
    return pd.DataFrame(columns=TIMEX_COLUMNS)


def events(article: Article, timex_table: pd.DataFrame, sentences: pd.DataFrame,
           quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per dated expression: the event it dates and the interval it covers."""
    return pd.DataFrame(columns=EVENT_COLUMNS)
