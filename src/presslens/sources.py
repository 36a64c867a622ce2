"""Sourcing: what kind of source each speaker is, which side it is on, and its share of voice.

(Stub: written in issue 4; the columns below are the contract.)
"""
from __future__ import annotations

import pandas as pd

SOURCE_QUOTE_COLUMNS = ["source_id", "source_type", "side"]
SOURCE_COLUMNS = ["article_id", "source_id", "name", "role", "source_type", "side"]


def attribute(quotes: pd.DataFrame, profile: str = "syria") -> pd.DataFrame:
    """The quotes table with `source_id`, `source_type` and `side` (and attribution-language) columns."""
    out = quotes.copy()
    for column in SOURCE_QUOTE_COLUMNS:
        out[column] = pd.Series(dtype=object)
    return out


def table(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per source (from an attributed quotes table)."""
    return pd.DataFrame(columns=SOURCE_COLUMNS)
