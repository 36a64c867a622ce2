"""Tone: VADER scores for sentences, quotes, sources and sides, with explanations.

(Stub: written in issue 5; the columns below are the contract.)
"""
from __future__ import annotations

import pandas as pd

SCORE_COLUMNS = ["compound", "pos", "neu", "neg"]


def score_sentences(sentences: pd.DataFrame, lexicon: str = "vader") -> pd.DataFrame:
    """The sentences table with `compound, pos, neu, neg` added."""
    out = sentences.copy()
    for column in SCORE_COLUMNS:
        out[column] = 0.0
    return out


def score_quotes(quotes: pd.DataFrame, lexicon: str = "vader") -> pd.DataFrame:
    """The quotes table with the `compound` score of the quoted words added."""
    out = quotes.copy()
    out["compound"] = 0.0
    return out
