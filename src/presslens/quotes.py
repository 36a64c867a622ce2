"""Quotes and attribution: every statement an article attributes to someone, and who said it.

(Stub: the extractor is being written in issue 3; the columns below are the contract.)
"""
from __future__ import annotations

import pandas as pd

from .model import Article

QUOTE_COLUMNS = [
    "article_id", "quote_id", "kind", "text", "start", "end",
    "speaker", "speaker_start", "speaker_end", "speaker_name", "speaker_role", "resolved_by",
    "cue", "cue_start", "cue_end", "channel", "paragraph", "sentence",
]


def extract(article: Article, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per quote (direct, partial or indirect) in `article`, columns `QUOTE_COLUMNS`."""
    return pd.DataFrame(columns=QUOTE_COLUMNS)
