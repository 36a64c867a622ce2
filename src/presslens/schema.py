"""The declared tables: every table's columns and their types, in one place.

Every stage produces its columns in this order; `presslens.corpus` casts each chunk to these
types before writing Parquet, so every part file of a run, and every Dask partition, agrees. Text
is Arrow `string`; integers (offsets, counts, `sentence`, `paragraph`, `quote_id` in quotes and
events alike) are `int64`; scores and shares `float64`; dates `timestamp[ms]`.
An empty table has exactly the types of a full one (`empty`).
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
import pyarrow as pa

from .errors import InputError

__all__ = ["COLUMNS", "ERRORS", "TABLES", "arrow_schema", "check_tables", "empty", "to_pandas"]

TABLES = ("articles", "sentences", "quotes", "sources", "timexes", "events")
ERRORS = "errors"  # the skipped records of a corpus run

_TYPES = {"text": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
          "date": pa.timestamp("ms")}
_TONE = (("tone_mean", "float"), ("tone_negative_share", "float"), ("tone_positive_share", "float"))
_SOURCE_ATTRIBUTES = (("gender", "text"), ("gender_by", "text"), ("name_p_female", "float"), ("naming", "text"),
                      ("anonymity_reason", "text"))

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("article_id", "text"), ("title", "text"), ("published", "text"), ("outlet", "text"),
                 ("origin", "text"), ("characters", "int"), *_TONE, ("tone_sentences", "int"),
                 ("source_count", "int"), ("named_source_count", "int"), ("named_word_share", "float"),
                 ("side_count", "int"), ("sides", "text")),
    "sentences": (("article_id", "text"), ("sentence", "int"), ("paragraph", "int"), ("start", "int"),
                  ("end", "int"), ("text", "text"), ("compound", "float"), ("pos", "float"), ("neu", "float"),
                  ("neg", "float")),
    "quotes": (("article_id", "text"), ("quote_id", "int"), ("kind", "text"), ("text", "text"), ("start", "int"),
               ("end", "int"), ("speaker", "text"), ("speaker_start", "int"), ("speaker_end", "int"),
               ("speaker_name", "text"), ("speaker_role", "text"), ("resolved_by", "text"), ("cue", "text"),
               ("cue_start", "int"), ("cue_end", "int"), ("channel", "text"), ("paragraph", "int"),
               ("sentence", "int"), ("rule", "text"), ("antecedent_quote_id", "int"), ("source_id", "text"),
               ("source_type", "text"), ("side", "text"), ("cue_class", "text"), ("hedged", "bool"),
               ("hedges", "text"), ("verification_notes", "text"), ("compound", "float"), *_SOURCE_ATTRIBUTES),
    "sources": (("article_id", "text"), ("source_id", "text"), ("name", "text"), ("role", "text"),
                ("source_type", "text"), ("side", "text"), ("mentions", "text"), ("quotes", "int"), ("direct", "int"),
                ("partial", "int"), ("indirect", "int"), ("words_quoted", "int"), ("words_direct", "int"),
                ("share_of_voice", "float"), ("first_paragraph", "int"), ("channels", "text"), ("cues", "text"),
                ("loaded_cues", "int"), ("hedged_quotes", "int"), *_TONE, *_SOURCE_ATTRIBUTES),
    "timexes": (("article_id", "text"), ("timex_id", "text"), ("start", "int"), ("end", "int"), ("text", "text"),
                ("type", "text"), ("value", "text"), ("mod", "text"), ("anchor", "text"), ("sentence", "int"),
                ("paragraph", "int")),
    "events": (("article_id", "text"), ("event_id", "text"), ("timex_id", "text"), ("kind", "text"),
               ("label", "text"), ("value", "text"), ("granularity", "text"), ("mod", "text"),
               ("start_date", "date"), ("end_date", "date"), ("sentence", "int"), ("paragraph", "int"),
               ("in_quote", "bool"), ("quote_id", "int"), ("speaker", "text")),
    ERRORS: (("id", "text"), ("origin", "text"), ("reason", "text")),
}


def check_tables(tables) -> tuple[str, ...]:
    """The tables asked for (names of `TABLES`, or one text "quotes,sources"), in the order of `TABLES`.

    Raises `InputError` naming an unknown table.
    """
    names = [name.strip() for name in tables.split(",")] if isinstance(tables, str) else [str(t) for t in tables]
    unknown = [name for name in names if name not in TABLES]
    if unknown or not names:
        raise InputError(f"tables: unknown table {unknown[0]!r} (choose from {', '.join(TABLES)})" if unknown
                         else f"tables: name at least one table (choose from {', '.join(TABLES)})")
    return tuple(name for name in TABLES if name in names)


@lru_cache(maxsize=None)
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of `table` (one of `TABLES`, or `ERRORS`)."""
    return pa.schema([(name, _TYPES[kind]) for name, kind in COLUMNS[table]])


_PANDAS_TYPES = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as pandas with the same dtypes whether or not it has missing values.

    Integers become `Int64` and booleans `boolean` (pandas' nullable types), so every chunk and
    every Dask partition of a table has identical dtypes.
    """
    return table.to_pandas(types_mapper=_PANDAS_TYPES.get)


def empty(table: str) -> pd.DataFrame:
    """`table` with no rows, typed exactly as a full one read back from a run (`to_pandas`)."""
    return to_pandas(arrow_schema(table).empty_table())
