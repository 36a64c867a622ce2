"""Source attributes: gender and naming of every source, and per-article sourcing counts.

    >>> quotes = source_attributes.annotate(quotes, sentences)        # + gender, gender_by, ...
    >>> table = source_attributes.extend_sources(sources.table(quotes), quotes)
    >>> articles = source_attributes.extend_articles(articles, table)  # + source_count, ...

The decisions are `presslens.gender.decide` and `presslens.naming.classify`, made once per source
(all of its mentions in one article) and repeated on each of its quotes; a quote with no source
gets them from its own mention.
"""
from __future__ import annotations

import math

import pandas as pd

from . import gender, naming
from .errors import InputError

__all__ = ["ARTICLE_COLUMNS", "ATTRIBUTE_COLUMNS", "annotate", "extend_articles", "extend_sources"]

ATTRIBUTE_COLUMNS = ["gender", "gender_by", "name_p_female", "naming", "anonymity_reason"]
ARTICLE_COLUMNS = ["source_count", "named_source_count", "named_word_share", "side_count", "sides"]
UNATTRIBUTED = "unattributed"
_DTYPES = {"gender": object, "gender_by": object, "name_p_female": float, "naming": object,
           "anonymity_reason": object}


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _context(row: dict, sentences: dict) -> str:
    """The sentence of a quote without the quoted words (an anonymity note is the reporter's)."""
    text = sentences.get((row["article_id"], row.get("sentence")), "")
    quoted = _text(row.get("text"))
    return text.replace(quoted, " … ") if quoted else text


def _decide(rows: list[dict], contexts: list[str], attributed: bool) -> tuple:
    names = [_text(r.get("speaker_name")) for r in rows]
    roles = [_text(r.get("speaker_role")) for r in rows]
    mentions = [_text(r.get("speaker")) for r in rows]
    anonymous, reason = False, ""
    for context in contexts:
        stated, given = naming.anonymity_reason(context)
        anonymous, reason = anonymous or stated, reason or given
    named = [r for r in rows if _text(r.get("resolved_by")) not in ("pronoun", "continuation")] or rows
    longest = lambda values: max(values, key=len, default="")  # noqa: E731
    kind = naming.classify(name=longest([_text(r.get("speaker_name")) for r in named]),
                           role=longest([_text(r.get("speaker_role")) for r in named]),
                           mention=longest([_text(r.get("speaker")) for r in named]),
                           anonymous=anonymous, attributed=attributed and any(names + roles + mentions))
    pronouns = [_text(r.get("speaker")) for r in rows if _text(r.get("resolved_by")) == "pronoun"]
    decided = gender.decide(names=names, mentions=mentions + roles, pronouns=pronouns,
                            individual=naming.is_individual(kind))
    return decided.gender, decided.by, decided.p_female, kind, reason if kind == "anonymous" else ""


def annotate(quotes: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quotes table with `ATTRIBUTE_COLUMNS` added at the end (after `sources.attribute`).

    `gender` is female, male or unknown, `gender_by` title, pronoun, name or "" (unknown),
    `name_p_female` the name data's share of women with the source's first name (NaN when none
    was found), `naming` one of `presslens.naming.NAMINGS`, `anonymity_reason` the reason the text
    gives for not naming an anonymous source. `sentences` (from `presslens.tokenize.sentences`)
    let the anonymity notes around the quotes be read.
    """
    kept = quotes.drop(columns=[c for c in ATTRIBUTE_COLUMNS if c in quotes.columns])
    if kept.empty:
        out = kept.copy()
        for column in ATTRIBUTE_COLUMNS:
            out[column] = pd.Series(dtype=_DTYPES[column])
        return out
    if "source_id" not in kept.columns:
        raise InputError("run presslens.sources.attribute(quotes) first: the source_id column is missing")
    texts = {} if sentences is None or sentences.empty else dict(zip(
        zip(sentences["article_id"].tolist(), sentences["sentence"].tolist()), sentences["text"].tolist()))
    columns = [c for c in ("article_id", "source_id", "speaker", "speaker_name", "speaker_role", "resolved_by",
                           "text", "sentence") if c in kept.columns]
    records = [dict(zip(columns, values)) for values in zip(*(kept[c].tolist() for c in columns))]
    contexts = [_context(row, texts) for row in records]
    groups: dict[tuple, list[int]] = {}
    for position, row in enumerate(records):
        if row.get("source_id") == UNATTRIBUTED or not row.get("source_id"):
            groups[("", position)] = [position]
        else:
            groups.setdefault((row["article_id"], row["source_id"]), []).append(position)
    decided: list[tuple] = [()] * len(records)
    for key, positions in groups.items():
        result = _decide([records[p] for p in positions], [contexts[p] for p in positions],
                         attributed=key[0] != "" or bool(_text(records[positions[0]].get("speaker"))))
        for position in positions:
            decided[position] = result
    added = pd.DataFrame(decided, columns=ATTRIBUTE_COLUMNS, index=kept.index).astype(_DTYPES)
    return pd.concat([kept, added], axis=1)


def extend_sources(table: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The sources table (from `presslens.sources.table`) with `ATTRIBUTE_COLUMNS` at the end.

    The unattributed pseudo-source is `unattributed` and of unknown gender.
    """
    out = table.drop(columns=[c for c in ATTRIBUTE_COLUMNS if c in table.columns])
    if out.empty or quotes.empty:
        for column in ATTRIBUTE_COLUMNS:
            out[column] = pd.Series(dtype=_DTYPES[column])
        return out
    first = quotes.drop_duplicates(["article_id", "source_id"]).set_index(["article_id", "source_id"])
    keys = pd.MultiIndex.from_arrays([out["article_id"], out["source_id"]])
    for column in ATTRIBUTE_COLUMNS:
        out[column] = first[column].reindex(keys).to_numpy()
    unattributed = out["source_id"] == UNATTRIBUTED
    out.loc[unattributed, ATTRIBUTE_COLUMNS] = ["unknown", "", math.nan, "unattributed", ""]
    return out.astype(_DTYPES)


def extend_articles(articles: pd.DataFrame, sources_table: pd.DataFrame) -> pd.DataFrame:
    """The articles table with `ARTICLE_COLUMNS` at the end.

    `source_count`: distinct attributed sources; `named_source_count`: those named (a person or
    an organisation); `named_word_share`: the share of quoted words that come from named sources
    (NaN with no quoted words); `side_count` and `sides`: the sides the attributed sources are on.
    """
    out = articles.drop(columns=[c for c in ARTICLE_COLUMNS if c in articles.columns]).copy()
    rows = zip(*(sources_table[c].tolist() for c in ("article_id", "source_id", "naming", "side", "words_quoted"))) \
        if not sources_table.empty else ()
    words: dict = {}  # article -> quoted words of all its sources
    found: dict = {}  # article -> [sources, named sources, their quoted words, sides] of its attributed sources
    for article_id, source_id, kind, side, quoted in rows:
        words[article_id] = words.get(article_id, 0) + quoted
        if source_id == UNATTRIBUTED:
            continue
        counted = found.setdefault(article_id, [0, 0, 0, set()])
        counted[0] += 1
        if kind in naming.NAMED:
            counted[1] += 1
            counted[2] += quoted
        if not pd.isna(side):
            counted[3].add(str(side))
    counts = {column: [] for column in ARTICLE_COLUMNS}
    for article_id in out["article_id"].tolist():
        sources, named, named_words, sides = found.get(article_id, (0, 0, 0, set()))
        total = float(words.get(article_id, 0))
        counts["source_count"].append(sources)
        counts["named_source_count"].append(named)
        counts["named_word_share"].append(float(named_words) / total if sources and total else math.nan)
        counts["side_count"].append(len(sides))
        counts["sides"].append("; ".join(sorted(sides)))
    for column, values in counts.items():
        out[column] = pd.Series(values, index=out.index, dtype=float if column == "named_word_share"
                                else int if column.endswith("count") else object)
    return out
