"""Tone: VADER scores for sentences, quotes, sources and sides, with explanations.

Two lexicons:

- ``"vader"``: VADER (Hutto & Gilbert 2014) exactly as NLTK implements it, with the lexicon file of the
  installed ``vaderSentiment`` package. No NLTK data and no download is needed.
- ``"vader+conflict"``: VADER plus the conflict-news supplement ``data/conflict_lexicon.tsv`` (own
  valences, one rationale per word), with names and organisation phrases masked so that they carry no
  tone: the phrases in ``data/neutral_names.txt`` and the speakers found by the quotes step.

``compound`` is VADER's normalised sum in [-1, 1]; ``pos``, ``neu`` and ``neg`` are the shares of
positive, neutral and negative words. Curly quotes count as straight ones, so offsets never move.
"""
from __future__ import annotations

import importlib.util
import math
import re
import string
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import nltk.data
import pandas as pd
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText

from . import datafiles
from .errors import InputError

LEXICONS = ("vader", "vader+conflict")
SCORE_COLUMNS = ["compound", "pos", "neu", "neg"]
EXPLAIN_COLUMNS = ["word", "start", "end", "valence", "lexicon", "score", "rules"]
TONE_COLUMNS = ["mean_compound", "spread", "count"]
SPEAKER_COLUMNS = ("speaker", "speaker_name")
UNASSIGNED = "unassigned"  # the group of quotes without a value in the `tone_by` column
SUPPLEMENT_FILE = "conflict_lexicon.tsv"  # in presslens/data/
NEUTRAL_NAMES_FILE = "neutral_names.txt"

_STRAIGHTEN = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
_NAME_WORD = re.compile(r"[^\W_]+")  # letters and digits of a name; masked one for one with "_"
_TOKEN = re.compile(r"\S+")


def _check_lexicon(lexicon: str) -> None:
    if lexicon not in LEXICONS:
        raise InputError(f"lexicon {lexicon!r}: unknown (choose {', '.join(LEXICONS)})")


@lru_cache(maxsize=None)
def _supplement_rows() -> tuple[tuple[str, float, str], ...]:
    rows = []
    for number, line in datafiles.lines(SUPPLEMENT_FILE)[1:]:  # the first line is the column header
        fields = line.split("\t")
        if len(fields) != 3:
            raise InputError(f"data/{SUPPLEMENT_FILE}: line {number}: expected 3 tab-separated fields, got {len(fields)}")
        word, valence, rationale = (field.strip() for field in fields)
        try:
            value = float(valence)
        except ValueError:
            raise InputError(f"data/{SUPPLEMENT_FILE}: line {number}: valence {valence!r} is not a number") from None
        if not -4 <= value <= 4 or word != word.lower() or not word:
            raise InputError(f"data/{SUPPLEMENT_FILE}: line {number}: need a lower-case word and a valence in [-4, 4]")
        rows.append((word, value, rationale))
    return tuple(rows)


@lru_cache(maxsize=None)
def neutral_phrases() -> tuple[str, ...]:
    """The names and organisation phrases that ``vader+conflict`` masks (``data/neutral_names.txt``)."""
    return tuple(line.strip() for _, line in datafiles.lines(NEUTRAL_NAMES_FILE))


def supplement() -> pd.DataFrame:
    """The conflict supplement: word, valence, VADER's own valence (NaN when VADER lacks it), rationale."""
    vader = analyzer("vader").lexicon
    rows = [{"word": w, "valence": v, "vader": vader.get(w, math.nan), "rationale": r}
            for w, v, r in _supplement_rows()]
    return pd.DataFrame(rows, columns=["word", "valence", "vader", "rationale"])


class _SentiText(SentiText):
    """NLTK's SentiText with the same words, found token by token.

    NLTK strips leading or trailing punctuation from a token by looking it up in a table of
    every word of the text joined with every punctuation mark; building that table is most of
    VADER's time. A token loses its punctuation under the same condition here: the marks are one
    of VADER's punctuation marks and what is left is a word of the text without punctuation.
    """

    def _words_and_emoticons(self):
        words_only = {w for w in self.REGEX_REMOVE_PUNCTUATION.sub("", self.text).split() if len(w) > 1}
        marks = set(self.PUNC_LIST)
        words = []
        for token in self.text.split():
            if len(token) < 2:
                continue
            core = token.rstrip(string.punctuation)
            if core == token or token[len(core):] not in marks or core not in words_only:
                core = token.lstrip(string.punctuation)
                if core == token or token[:len(token) - len(core)] not in marks or core not in words_only:
                    core = token
            words.append(core)
        return words


class _Vader(SentimentIntensityAnalyzer):
    """NLTK's VADER, scoring with `_SentiText`; every score is the same as NLTK's own."""

    def polarity_scores(self, text):
        sentitext = _SentiText(text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION)
        words = sentitext.words_and_emoticons
        first = {}
        for index, word in enumerate(words):
            first.setdefault(word, index)  # NLTK scores each token at the first index of its text
        sentiments = []
        for word in words:
            i = first[word]
            if (i < len(words) - 1 and word.lower() == "kind" and words[i + 1].lower() == "of") \
                    or word.lower() in self.constants.BOOSTER_DICT:
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, word, i, sentiments)
        return self.score_valence(self._but_check(words, sentiments), text)


@lru_cache(maxsize=None)
def analyzer(lexicon: str = "vader") -> SentimentIntensityAnalyzer:
    """NLTK's VADER analyser for `lexicon` (built once, then cached)."""
    _check_lexicon(lexicon)
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("presslens needs the vaderSentiment package for VADER's lexicon file")
    # NLTK only loads files below its data path: put the folder holding the package on it.
    parent = str(Path(next(iter(spec.submodule_search_locations))).parent)
    if parent not in nltk.data.path:
        nltk.data.path.append(parent)
    instance = _Vader(lexicon_file="vaderSentiment/vader_lexicon.txt")
    if lexicon == "vader+conflict":
        for word, valence, _ in _supplement_rows():
            if valence == 0:
                instance.lexicon.pop(word, None)  # 0 means "not a sentiment word at all"
            else:
                instance.lexicon[word] = valence
    return instance


@lru_cache(maxsize=None)
def _phrase_pattern() -> re.Pattern:
    phrases = sorted(neutral_phrases(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    """A pattern for the names that contain a VADER word (only those can carry tone)."""
    lexicon = analyzer("vader+conflict").lexicon
    toned = sorted({n for n in names if any(w.lower() in lexicon for w in _NAME_WORD.findall(n))},
                   key=len, reverse=True)
    if not toned:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in toned) + r")(?!\w)")


def _mask(match: re.Match) -> str:
    return _NAME_WORD.sub(lambda word: "_" * len(word.group()), match.group())


def _prepare(text: str, lexicon: str, names: tuple[str, ...] = ()) -> str:
    """The text VADER sees: straight quotes and, for ``vader+conflict``, names masked (same length)."""
    text = text.translate(_STRAIGHTEN)
    if lexicon == "vader+conflict":
        text = _phrase_pattern().sub(_mask, text)
        pattern = _names_pattern(names) if names else None
        if pattern is not None:
            text = pattern.sub(_mask, text)
    return text


def _names_by_article(quotes: pd.DataFrame) -> dict[object, tuple[str, ...]]:
    """The distinct speaker strings (``speaker``, ``speaker_name``) of each article in a quotes table."""
    columns = [quotes[c].tolist() for c in SPEAKER_COLUMNS if c in quotes.columns]
    ids = quotes["article_id"].tolist() if "article_id" in quotes.columns else [None] * len(quotes)
    found: dict[object, set[str]] = {article: set() for article in ids}
    for article, *values in zip(ids, *columns):
        found[article].update(v.strip() for v in values if isinstance(v, str) and len(v.strip()) > 1)
    return {article: tuple(sorted(names)) for article, names in found.items()}


def speaker_names(quotes: pd.DataFrame) -> tuple[str, ...]:
    """The distinct speaker strings of a quotes table (its ``speaker`` and ``speaker_name`` columns)."""
    return tuple(sorted({name for names in _names_by_article(quotes).values() for name in names}))


def score(text: str, lexicon: str = "vader", names: Iterable[str] = ()) -> dict[str, float]:
    """``compound, pos, neu, neg`` of one text; `names` are extra names to neutralise (``vader+conflict``)."""
    _check_lexicon(lexicon)
    scores = analyzer(lexicon).polarity_scores(_prepare(text, lexicon, tuple(sorted(set(names)))))
    return {column: scores[column] for column in SCORE_COLUMNS}


_NO_SCORE = {"compound": 0.0, "pos": 0.0, "neu": 0.0, "neg": 0.0}


def score_sentences(sentences: pd.DataFrame, lexicon: str = "vader", names: Iterable[str] = ()) -> pd.DataFrame:
    """The sentences table with ``compound, pos, neu, neg`` added (each sentence scored once).

    `names` (e.g. ``speaker_names(quotes)``) are neutralised too when the lexicon is ``vader+conflict``.
    """
    _check_lexicon(lexicon)
    if "text" not in sentences.columns:
        raise InputError("sentences: no 'text' column")
    polarity, names = analyzer(lexicon).polarity_scores, tuple(sorted(set(names)))
    scores = [polarity(_prepare(t, lexicon, names)) if isinstance(t, str) and t else _NO_SCORE
              for t in sentences["text"].tolist()]
    table = pd.DataFrame(scores, columns=SCORE_COLUMNS, index=sentences.index, dtype="float64")
    return pd.concat([sentences.drop(columns=SCORE_COLUMNS, errors="ignore"), table], axis=1)


def score_quotes(quotes: pd.DataFrame, lexicon: str = "vader") -> pd.DataFrame:
    """The quotes table with the ``compound`` score of the quoted words (``text``) added.

    With ``vader+conflict`` the speakers of the same article are neutralised inside the quotes too.
    """
    _check_lexicon(lexicon)
    out = quotes.copy()
    if not out.empty and "text" not in out.columns:
        raise InputError("quotes: no 'text' column")
    texts = out["text"].tolist() if not out.empty else []
    polarity = analyzer(lexicon).polarity_scores
    if lexicon == "vader+conflict" and texts:
        names = _names_by_article(out)
        ids = out["article_id"].tolist() if "article_id" in out.columns else [None] * len(out)
        compounds = [polarity(_prepare(t, lexicon, names[a]))["compound"] if isinstance(t, str) and t else 0.0
                     for t, a in zip(texts, ids)]
    else:
        compounds = [polarity(_prepare(t, lexicon))["compound"] if isinstance(t, str) and t else 0.0 for t in texts]
    out["compound"] = pd.Series(compounds, index=out.index, dtype="float64")
    return out


def _token_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Offsets of VADER's tokens (white-space split, one-letter tokens dropped, edge punctuation cut)."""
    spans = []
    raw = [m for m in _TOKEN.finditer(text) if len(m.group()) > 1]
    for match, word in zip(raw, words):
        start, end = match.span()
        if word != match.group():
            if match.group().startswith(word):
                end = start + len(word)
            else:
                start = end - len(word)
        spans.append((start, end))
    return spans


def _trace_word(tool: SentimentIntensityAnalyzer, sentitext: SentiText, item: str, i: int
                ) -> tuple[float, float, list[str]]:
    """VADER's valence of one lexicon word step by step: (lexicon valence, final valence, rules)."""
    constants, words = tool.constants, sentitext.words_and_emoticons
    base = valence = tool.lexicon[item.lower()]
    rules = []
    if item.isupper() and sentitext.is_cap_diff:
        valence += constants.C_INCR if valence > 0 else -constants.C_INCR
        rules.append("capitals")
    for distance in range(3):
        if i > distance and words[i - (distance + 1)].lower() not in tool.lexicon:
            before = words[i - (distance + 1)]
            step = constants.scalar_inc_dec(before, valence, sentitext.is_cap_diff) * (1, 0.95, 0.9)[distance]
            if step:
                rules.append(f"{'booster' if abs(valence + step) > abs(valence) else 'dampener'} ({before})")
            valence += step
            checked = tool._never_check(valence, words, distance, i)
            if checked != valence:
                rules.append(f"negation ({before})" if checked * valence < 0 else "booster (so/this)")
            valence = checked
            if distance == 2:
                checked = tool._idioms_check(valence, words, i)
                if checked != valence:
                    rules.append("idiom")
                valence = checked
    checked = tool._least_check(valence, words, i)
    if checked != valence:
        rules.append("negation (least)")
    return base, checked, rules


def explain(text: str, lexicon: str = "vader", names: Iterable[str] = ()) -> pd.DataFrame:
    """Why `text` scores as it does: one row per word that moved (or would have moved) the score.

    Columns: ``word``, ``start``/``end`` (offsets into `text`), ``valence`` (the lexicon's value),
    ``lexicon`` (``vader`` or ``conflict``: where the valence comes from), ``score`` (the word's share
    of VADER's sum after the rules) and ``rules`` (capitals, booster/dampener, negation, "but",
    neutralised name). A last row ``punctuation`` holds the emphasis from "!" and "?". The compound
    score is ``s / sqrt(s*s + 15)`` with ``s`` the sum of the ``score`` column.
    """
    _check_lexicon(lexicon)
    tool = analyzer(lexicon)
    prepared = _prepare(text, lexicon, tuple(sorted(set(names))))
    constants = tool.constants
    sentitext = _SentiText(prepared, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION)
    words = sentitext.words_and_emoticons
    first_index: dict[str, int] = {}
    for index, word in enumerate(words):
        first_index.setdefault(word, index)  # VADER reads the context of a repeated word at its first place
    traced: list[tuple[int, float, float, list[str]]] = []
    for position, item in enumerate(words):
        i = first_index[item]
        lower = item.lower()
        is_kind_of = lower == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"
        if lower in tool.lexicon and not is_kind_of and lower not in constants.BOOSTER_DICT:
            traced.append((position, *_trace_word(tool, sentitext, item, i)))
    lowered = [w.lower() for w in words]
    if "but" in lowered:
        but_at = lowered.index("but")
        for k, (position, base, value, rules) in enumerate(traced):
            if position != but_at and value:
                factor = 0.5 if position < but_at else 1.5
                traced[k] = (position, base, value * factor, [*rules, f'"but" (x{factor})'])
    supplement_words = {w for w, _, _ in _supplement_rows()} if lexicon == "vader+conflict" else set()
    spans = _token_spans(prepared, words)
    rows = [{"word": text[spans[p][0]:spans[p][1]], "start": spans[p][0], "end": spans[p][1],
             "valence": base, "lexicon": "conflict" if words[p].lower() in supplement_words else "vader",
             "score": round(value, 4), "rules": "; ".join(rules)} for p, base, value, rules in traced]
    if lexicon == "vader+conflict":
        for span in re.finditer(r"_+", prepared):
            original = text[span.start():span.end()]
            if original.lower() in tool.lexicon:
                rows.append({"word": original, "start": span.start(), "end": span.end(),
                             "valence": tool.lexicon[original.lower()], "lexicon": "vader", "score": 0.0,
                             "rules": "neutralised name"})
    rows.sort(key=lambda row: row["start"])
    total = sum(value for _, _, value, _ in traced)
    emphasis = tool._punctuation_emphasis(total, prepared) if total else 0.0
    if emphasis:
        marks = "".join(c for c in prepared if c in "!?")
        rows.append({"word": marks, "start": None, "end": None, "valence": None, "lexicon": "",
                     "score": round(math.copysign(emphasis, total), 4), "rules": "punctuation"})
    table = pd.DataFrame(rows, columns=EXPLAIN_COLUMNS)
    return table.astype({"start": "Int64", "end": "Int64", "valence": "float64", "score": "float64"})


def tone_by(quotes: pd.DataFrame, by: str = "side") -> pd.DataFrame:
    """Mean ``compound``, its spread (population standard deviation) and the count per value of `by`.

    Rows without a value of `by` are grouped as ``"unassigned"`` (as in `plots.SIDE_COLORS`); the most
    quoted come first.
    """
    for column in (by, "compound"):
        if column not in quotes.columns:
            hint = " (run score_quotes first)" if column == "compound" else ""
            raise InputError(f"quotes: no {column!r} column{hint}")
    keys = quotes[by].astype(object).where(quotes[by].notna() & (quotes[by].astype(str) != ""), UNASSIGNED)
    compound = pd.to_numeric(quotes["compound"], errors="coerce")
    grouped = compound.groupby(keys.astype(str))
    table = pd.DataFrame({"mean_compound": grouped.mean(), "spread": grouped.std(ddof=0),
                          "count": grouped.count().astype("int64")})
    table.index.name = by
    table = table.reset_index().sort_values(["count", by], ascending=[False, True], ignore_index=True)
    return table[[by, *TONE_COLUMNS]]
