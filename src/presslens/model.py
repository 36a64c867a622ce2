"""The data model: an `Article` goes in, an `Analysis` of tidy pandas tables comes out."""
from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass, field

import pandas as pd

from .schema import TABLES

__all__ = ["Analysis", "Article"]


@dataclass(frozen=True)
class Article:
    """One news article.

    `text` is the article exactly as read (headline included when the file had one); every
    offset in every presslens table indexes `text` as Python string positions.
    """

    id: str
    text: str
    _: KW_ONLY
    title: str = ""
    published: dt.date | None = None
    outlet: str = ""
    origin: str = ""
    profile: str = ""  # the sides profile its metadata names ("" = the caller's or the default, neutral)

    def to_record(self) -> dict:
        """The article as a flat dict (one row of the `articles` table)."""
        return {
            "article_id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "outlet": self.outlet,
            "origin": self.origin,
            "characters": len(self.text),
        }


@dataclass
class Analysis:
    """The tables presslens produces for one article or a corpus.

    Each table is tidy (one row per observation) and carries an `article_id` column.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    quotes: pd.DataFrame
    sources: pd.DataFrame
    timexes: pd.DataFrame
    events: pd.DataFrame
    _: KW_ONLY
    texts: dict[str, Article] = field(default_factory=dict, repr=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in a fixed order."""
        return {name: getattr(self, name) for name in TABLES}

    def article(self, article_id: str | None = None) -> Article:
        """The analysed `Article` (the first one when no id is given)."""
        if article_id is None:
            return next(iter(self.texts.values()))
        return self.texts[article_id]
