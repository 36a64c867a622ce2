"""Tone: scores for sentences, quotes, sources, sides and articles, with explanations.

Three lexicons:

- ``"vader"``: VADER (Hutto & Gilbert 2014) exactly as NLTK implements it, with the lexicon file of the
  installed ``vaderSentiment`` package. No NLTK data and no download is needed.
- ``"vader+conflict"``: VADER plus the conflict-news supplement ``data/conflict_lexicon.tsv`` (own
  valences, one rationale per word), with names and organisation phrases masked so that they carry no
  tone (the phrases in ``data/neutral_names.txt`` and the speakers found by the quotes step), and the
  news negation rules (`NEWS_RULES`: "no problems", "nobody could fault", "hardly a success", "not the
  worst", quantity words that are no boosters, contrast words other than "but" weighing like it).
- ``"ensemble"``: the weighted mean of three scores, each scaled to unit spread: ``vader+conflict``,
  the labMT happiness of the words (Dodds et al. 2011) and the Hu & Liu (2004) opinion words
  (`presslens.wordlists`); a Hu & Liu word written with a capital inside running text is a name ("Mr.
  Trump"), not an opinion (`_hu_liu_names`). Weights and scales (`ENSEMBLE_WEIGHTS`, `ENSEMBLE_SCALES`)
  were chosen on the SemEval-2007 trial headlines only (docs/evaluation.md).

A supplement of one's own (an edited `supplement()` table or a TSV file) replaces the shipped one with
``supplement=`` in `score`, `score_sentences` and `explain`.

``compound`` is in [-1, 1]; ``pos``, ``neu`` and ``neg`` are VADER's shares of positive, neutral and
negative words. Curly quotes count as straight ones, so offsets never move. A long text is scored
sentence by sentence (`article_tone`, `score_quotes`): VADER's compound saturates on long texts.
"""
from __future__ import annotations

import importlib.util
import itertools
import math
import operator
import re
import string
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import nltk.data
import numpy as np
import pandas as pd
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

from . import datafiles, wordlists
from .errors import InputError

__all__ = ["ARTICLE_TONE_COLUMNS", "CONCESSIVE_WORDS", "CONTRAST_WORDS", "ENSEMBLE_EXPLAIN_COLUMNS", "ENSEMBLE_SCALES",
           "ENSEMBLE_WEIGHTS", "EXPLAIN_COLUMNS", "LEXICONS", "NEUTRAL_NAMES_FILE", "NEWS_LEXICONS", "NEWS_NEGATORS",
           "NEWS_RULES", "QUANTITY_WORDS", "SCORE_COLUMNS", "SPEAKER_COLUMNS", "SUPPLEMENT_FILE", "TONE_COLUMNS",
           "TONE_THRESHOLD", "UNASSIGNED", "Entries", "analyzer", "article_tone", "ensemble_parts", "explain",
           "neutral_phrases", "score", "score_article", "score_quotes", "score_sentences", "speaker_names",
           "supplement", "tone_by"]

LEXICONS = ("vader", "vader+conflict", "ensemble")
NEWS_LEXICONS = ("vader+conflict", "ensemble")  # supplement, masked names and the news rules
SCORE_COLUMNS = ["compound", "pos", "neu", "neg"]
EXPLAIN_COLUMNS = ["word", "start", "end", "valence", "lexicon", "score", "rules"]
ENSEMBLE_EXPLAIN_COLUMNS = ["word", "start", "end", "valence", "lexicon", "labmt", "hu_liu",
                            "vader_part", "labmt_part", "hu_liu_part", "score", "rules"]
TONE_COLUMNS = ["mean_compound", "spread", "count", "negative_share", "positive_share"]
ARTICLE_TONE_COLUMNS = ["article_id", "tone_mean", "tone_negative_share", "tone_positive_share", "tone_sentences"]
TONE_THRESHOLD = 0.05  # |compound| at or above this is a negative or positive sentence (VADER's usual cut)
SPEAKER_COLUMNS = ("speaker", "speaker_name")
UNASSIGNED = "unassigned"  # the group of quotes without a value in the `tone_by` column
SUPPLEMENT_FILE = "conflict_lexicon.tsv"  # in presslens/data/
NEUTRAL_NAMES_FILE = "neutral_names.txt"

_CURLY_QUOTES = (("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'), ("‘", "'"), ("’", "'"), ("‚", "'"))
# VADER's punctuation strip with the standard library's engine: NLTK's pattern is the same character
# class compiled by the third-party engine with a timeout per call, which costs more than the strip.
_REMOVE_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")
_NAME_WORD = re.compile(r"[^\W_]+")  # letters and digits of a name; masked one for one with "_"
_TOKEN = re.compile(r"\S+")
_PUNCTUATION = string.punctuation
_PUNCTUATION_MARKS = frozenset(_PUNCTUATION)
_CENTRED, _SIGN, _LABMT_COUNT = (operator.itemgetter(k) for k in (2, 3, 4))  # of `_token_record`
_KEY = 7  # the cut token in a `_token_record`


def _check_lexicon(lexicon: str) -> None:
    if lexicon not in LEXICONS:
        raise InputError(f"lexicon {lexicon!r}: unknown (choose {', '.join(LEXICONS)})")


Entries = tuple[tuple[str, float, str], ...]  # a supplement: (word, valence, rationale) rows


def _entry(place: str, word: object, valence: object, rationale: object, seen: set[str]) -> tuple[str, float, str]:
    """One validated supplement row; `place` names the file and line (or table and row) for the error."""
    word = word.strip() if isinstance(word, str) else ""
    try:
        value = float(valence.strip() if isinstance(valence, str) else valence)
    except (TypeError, ValueError):
        raise InputError(f"{place}: valence {valence!r} is not a number") from None
    if not word or word != word.lower() or " " in word or not -4 <= value <= 4:
        raise InputError(f"{place}: need a lower-case word without spaces and a valence in [-4, 4], got "
                         f"{word!r} {valence!r}")
    if word in seen:
        raise InputError(f"{place}: {word!r} is listed twice")
    seen.add(word)
    return word, value, rationale.strip() if isinstance(rationale, str) else ""


def _parse_supplement(where: str, numbered: list[tuple[int, str]]) -> Entries:
    """The rows of a supplement file: tab-separated word, valence and (optional) rationale; '#' comments and a
    first line starting with 'word' (the column header) are skipped."""
    if numbered and numbered[0][1].split("\t")[0].strip() == "word":
        numbered = numbered[1:]
    rows, seen = [], set()
    for number, line in numbered:
        fields = line.split("\t")
        if len(fields) not in (2, 3):
            raise InputError(f"{where}: line {number}: expected word<TAB>valence<TAB>rationale, got {len(fields)} "
                             "tab-separated fields")
        rows.append(_entry(f"{where}: line {number}", *fields, *([""] * (3 - len(fields))), seen))
    return tuple(rows)


@lru_cache(maxsize=None)
def _supplement_rows() -> Entries:
    return _parse_supplement(f"data/{SUPPLEMENT_FILE}", datafiles.lines(SUPPLEMENT_FILE))


def _entries(source: str | Path | pd.DataFrame | None) -> Entries | None:
    """The validated rows of a supplement given as a file path or a table (``word``, ``valence``, optional
    ``rationale`` columns); None for the shipped one."""
    if source is None:
        return None
    if isinstance(source, pd.DataFrame):
        missing = [c for c in ("word", "valence") if c not in source.columns]
        if missing:
            raise InputError(f"supplement table: no {', '.join(map(repr, missing))} column")
        rationales = source["rationale"] if "rationale" in source.columns else [""] * len(source)
        seen: set[str] = set()
        return tuple(_entry(f"supplement table: row {number}", word, valence, rationale, seen)
                     for number, (word, valence, rationale)
                     in enumerate(zip(source["word"], source["valence"], rationales), 1))
    path = Path(source)
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the supplement ({error.__class__.__name__})") from None
    return _parse_supplement(str(path), datafiles.lines(SUPPLEMENT_FILE, content))


@lru_cache(maxsize=None)
def neutral_phrases() -> tuple[str, ...]:
    """The names and organisation phrases that ``vader+conflict`` masks (``data/neutral_names.txt``)."""
    return tuple(line.strip() for _, line in datafiles.lines(NEUTRAL_NAMES_FILE))


def supplement(source: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """The conflict supplement: word, valence, VADER's own valence (NaN when VADER lacks it), rationale.

    With `source` (a file laid out like ``data/conflict_lexicon.tsv``, or a table with ``word`` and
    ``valence`` columns): that supplement, validated, as `score`, `score_sentences` and `explain` would use
    it with ``supplement=source``. A bad row raises `InputError` naming the file and line (or table row).
    """
    vader = analyzer("vader").lexicon
    entries = _entries(source) or _supplement_rows()
    rows = [{"word": w, "valence": v, "vader": vader.get(w, math.nan), "rationale": r} for w, v, r in entries]
    return pd.DataFrame(rows, columns=["word", "valence", "vader", "rationale"]).astype(
        {"word": object, "valence": "float64", "vader": "float64", "rationale": object})


def _bare_word(core: str) -> bool:
    """Whether `core` (a token of a text cut of punctuation at one edge) is a word of the text with all its
    punctuation removed, longer than one character: one of the words NLTK's SentiText looks up."""
    return len(core) > 1 and _REMOVE_PUNCTUATION.search(core) is None


class _SentiText(SentiText):
    """NLTK's SentiText with the same words, found token by token.

    NLTK strips leading or trailing punctuation from a token by looking it up in a table of
    every word of the text joined with every punctuation mark; building that table is most of
    VADER's time. A token loses its punctuation under the same condition here: the marks are one
    of VADER's punctuation marks and what is left is a word of the text without punctuation.
    A token that neither starts nor ends with punctuation stays as it is without a look-up.

    NLTK's table holds the text's tokens with all their punctuation removed (those longer than one
    character), and a token cut of its edge marks is such a word exactly when no punctuation is left
    in it and it is longer than one character: the token itself is in the text, so the table need
    not be built (`_bare_word`).
    """

    def __init__(self, text: str, punc_list: list[str]):
        super().__init__(text, punc_list, _REMOVE_PUNCTUATION)

    def _words_and_emoticons(self):
        marks = self.PUNC_LIST
        words = []
        for token in self.text.split():
            if len(token) < 2:
                continue
            if token[0] not in _PUNCTUATION_MARKS and token[-1] not in _PUNCTUATION_MARKS:
                words.append(token)
                continue
            core = token.rstrip(_PUNCTUATION)
            if core == token or token[len(core):] not in marks or not _bare_word(core):
                core = token.lstrip(_PUNCTUATION)
                if core == token or token[:len(token) - len(core)] not in marks or not _bare_word(core):
                    core = token
            words.append(core)
        return words

    def allcap_differential(self, words):
        """NLTK's test: some but not all of `words` are in capitals."""
        capitals = sum(map(str.isupper, words))
        return 0 < len(words) - capitals < len(words)


class _Vader(SentimentIntensityAnalyzer):
    """NLTK's VADER, scoring with `_SentiText`; every score is the same as NLTK's own.

    A word outside the lexicon gets 0 without NLTK's per-word call; a lexicon word goes through
    NLTK's steps in NLTK's order (`_valence`), so the sums are the same to the last digit.
    """

    def polarity_scores(self, text):
        sentitext = _SentiText(text, self.constants.PUNC_LIST)
        words = sentitext.words_and_emoticons
        lowered = [word.lower() for word in words]
        lexicon, boosters, last = self.lexicon, self.constants.BOOSTER_DICT, len(words) - 1
        first: dict[str, int] | None = None  # NLTK scores each token at the first index of its text
        sentiments = []
        for index, low in enumerate(lowered):
            if low not in lexicon or low in boosters:
                sentiments.append(0)
                continue
            if first is None:  # each word's first index: the pairs from the end, so the first one stays
                first = dict(zip(reversed(words), range(last, -1, -1)))
            i = first[words[index]]
            if i < last and low == "kind" and lowered[i + 1] == "of":
                sentiments.append(0)
            else:
                sentiments.append(self._valence(words, lowered, sentitext.is_cap_diff, i))
        if "but" in lowered:  # NLTK's `_but_check` on the tokens already in lower case
            at = lowered.index("but")
            sentiments = [value * 0.5 if k < at else value * 1.5 if k > at else value
                          for k, value in enumerate(sentiments)]
        return self.score_valence(sentiments, text)

    def _valence(self, words: list[str], lowered: list[str], is_cap_diff: bool, i: int) -> float:
        """NLTK's `sentiment_valence` of the lexicon word at `i`: the same steps in the same order.

        Without a booster, negation, "never", "so", "this" or idiom word within reach, NLTK's steps add
        0.0 and change nothing else: a valence other than 0 then stays as it is.
        """
        constants, lexicon = self.constants, self.lexicon
        valence = lexicon[lowered[i]]
        if words[i].isupper() and is_cap_diff:
            if valence > 0:
                valence += constants.C_INCR
            else:
                valence -= constants.C_INCR
        if valence == 0 or not _steps_change_nothing(words, lowered, i, _modifier_words()):
            valence = self._modified(words, lowered, is_cap_diff, i, valence)
        if i and lowered[i - 1] == "least" and "least" not in lexicon \
                and (i == 1 or (lowered[i - 2] != "at" and lowered[i - 2] != "very")):  # NLTK's `_least_check`
            valence = valence * constants.N_SCALAR
        return valence

    def _modified(self, words: list[str], lowered: list[str], is_cap_diff: bool, i: int, valence: float) -> float:
        """`valence` after NLTK's boosters, negations and idioms of the three words before `i`."""
        constants, lexicon = self.constants, self.lexicon
        for start_i in range(min(i, 3)):
            j = i - (start_i + 1)
            before = lowered[j]
            if before in lexicon:
                continue
            scalar = constants.scalar_inc_dec(words[j], valence, is_cap_diff) if before in constants.BOOSTER_DICT \
                else 0.0
            if start_i == 1 and scalar != 0:
                scalar = scalar * 0.95
            if start_i == 2 and scalar != 0:
                scalar = scalar * 0.9
            valence = valence + scalar
            valence = self._never_check(valence, words, start_i, i)
            if start_i == 2:
                valence = self._idioms_check(valence, words, i)
        return valence

    def _never_check(self, valence, words_and_emoticons, start_i, i):
        """NLTK's negation check of the word `start_i + 1` before `i`, with its one-word test inlined."""
        words = words_and_emoticons
        if start_i == 1 and words[i - 2] == "never" and words[i - 1] in ("so", "this"):
            return valence * 1.5
        if start_i == 2 and (words[i - 3] == "never" and words[i - 2] in ("so", "this")
                             or words[i - 1] in ("so", "this")):
            return valence * 1.25
        before = words[i - (start_i + 1)].lower()
        if before in self.constants.NEGATE or "n't" in before:
            return valence * self.constants.N_SCALAR
        return valence

    def _idioms_check(self, valence, words_and_emoticons, i):
        """NLTK's idiom check, skipped when no idiom can be within its reach (same values)."""
        if not _idiom_within_reach(words_and_emoticons, i):
            return valence
        return super()._idioms_check(valence, words_and_emoticons, i)


# ---- the news rules (vader+conflict and ensemble; plain vader keeps NLTK's scores) -------------------

NEWS_NEGATORS = frozenset({"no", "nobody", "hardly", "scarcely"})  # negate like "not"; VADER lacks them
QUANTITY_WORDS = frozenset({"more", "most", "less", "so"})  # degree words only right before a word
NEWS_RULES = (
    "'no' before a word is a determiner: it has no tone of its own and negates what follows",
    "'nobody', 'hardly', 'scarcely' and 'far from' negate like 'not' (no dampener: 'hardly a success')",
    "a negated superlative ('not the worst') turns only weakly (half of VADER's negation)",
    "'more', 'most', 'less' and 'so' boost only the word right after them ('more people were killed')",
    "a repeated word is read in its own context (VADER reads every repeat where the word first occurs)",
    "without a 'but', 'however', 'nevertheless', 'nonetheless' and 'yet' (after a comma or 'and') weigh the words "
    "as 'but' does (0.5 before, 1.5 after); 'although', 'though' and 'whereas' weigh the clause they open 0.5 "
    "and the rest 1.5",
)
CONTRAST_WORDS = frozenset({"however", "nevertheless", "nonetheless", "yet"})  # weigh like "but"
CONCESSIVE_WORDS = frozenset({"although", "though", "whereas"})  # open the clause that is conceded
_CLAUSE_MARKS = frozenset(",;:.!?")


def _contrast_weights(keys: list[str], raw: list[str]) -> tuple[int, list[float]] | None:
    """Where a contrast word other than "but" is and the weight of each token, or None (Polanyi & Zaenen 2006).

    `keys` are VADER's tokens in lower case with edge punctuation cut, `raw` the same tokens as written.
    VADER weighs the words around "but" 0.5 before and 1.5 after it; the other contrast connectives of
    English weigh a text the same way (the caller applies this only to a text without "but"). The first of
    them decides: "however", "nevertheless", "nonetheless", and "yet" as a conjunction (after a comma or
    "and"), weigh like "but"; "although", "though" and "whereas" open the conceded clause, so the words
    from them to the end of the clause (the first token ending with a clause mark, or the text's end)
    weigh 0.5 and all others 1.5. The connective itself keeps weight 1.
    """
    count = len(keys)
    for j, key in enumerate(keys):
        if key in CONCESSIVE_WORDS:
            end = next((i for i in range(j, count) if _ends_a_clause(raw[i])), count - 1)
            return j, [1.0 if i == j else 0.5 if j < i <= end else 1.5 for i in range(count)]
        if key in CONTRAST_WORDS and (key != "yet" or (j and (raw[j - 1].rstrip("\"')]").endswith(",")
                                                              or keys[j - 1] == "and"))):
            return j, [0.5 if i < j else 1.5 if i > j else 1.0 for i in range(count)]
    return None


def _ends_a_clause(token: str) -> bool:
    """Whether `token` ends with a clause mark (`_CLAUSE_MARKS`), closing quotes or brackets allowed."""
    return token.rstrip("\"')]")[-1:] in _CLAUSE_MARKS


# Every contrast word holds one of these: a text without them has none (five substring checks, in C).
_CONTRAST_HINTS = ("though", "however", "theless", "whereas", "yet")


def _contrast(text: str, lowered: list[str]) -> tuple[int, list[float]] | None:
    """`_contrast_weights` of VADER's tokens of `text` (`lowered`: in lower case); at once None for a text
    without any contrast word in it."""
    low = text.lower()
    if not any(hint in low for hint in _CONTRAST_HINTS):
        return None
    return _contrast_weights([word.strip(_PUNCTUATION) for word in lowered],
                             [token for token in text.split() if len(token) > 1])


def _is_news_negator(words: list[str], j: int) -> bool:
    """A negator that VADER's list lacks, at index `j`."""
    word = words[j].lower()
    return word in NEWS_NEGATORS or (word == "from" and j > 0 and words[j - 1].lower() == "far")


def _is_determiner_no(words: list[str], i: int) -> bool:
    return words[i].lower() == "no" and i < len(words) - 1


class _NewsVader(_Vader):
    """VADER with the news rules (`NEWS_RULES`); each word scored as `explain` traces it."""

    news = True
    scored_words: frozenset[str] = frozenset()  # the lexicon's words less the boosters (`_news_analyzer` sets it)

    def polarity_scores(self, text):
        return self.scores_and_words(text)[0]

    def scores_and_words(self, text) -> tuple[dict, list[str], list[str], tuple[int, list[float]] | None]:
        """VADER's scores of `text`, the tokens they were read from, the tokens in lower case, and the weights
        of a contrast word other than "but" (`_contrast`; None with a "but" or without such a word)."""
        sentitext = _SentiText(text, self.constants.PUNC_LIST)
        words = sentitext.words_and_emoticons
        lowered = [word.lower() for word in words]
        last, is_cap_diff = len(lowered) - 1, sentitext.is_cap_diff
        sentiments = [0.0] * len(lowered)
        hits = list(itertools.compress(range(len(lowered)), map(self.scored_words.__contains__, lowered)))
        plain = bool(hits) and _unmodified(text, words, lowered)
        lexicon, capital = self.lexicon, self.constants.C_INCR
        for i in hits:
            word = lowered[i]
            if i < last and (word == "no" or (word == "kind" and lowered[i + 1] == "of")):
                continue  # the determiner 'no', and "kind of"
            valence = lexicon[word]
            if not (plain and valence):
                sentiments[i] = self._valence(words, lowered, is_cap_diff, i)
            elif is_cap_diff and words[i].isupper():
                sentiments[i] = valence + capital if valence > 0 else valence - capital
            else:
                sentiments[i] = valence
        contrast = None
        if "but" in lowered:  # NLTK's `_but_check` on the tokens already in lower case
            at = lowered.index("but")
            sentiments = [value * 0.5 if k < at else value * 1.5 if k > at else value
                          for k, value in enumerate(sentiments)]
        elif (contrast := _contrast(text, lowered)) is not None and hits:
            sentiments = [value * weight for value, weight in zip(sentiments, contrast[1])]
        return self.score_valence(sentiments, text), words, lowered, contrast

    def _valence(self, words: list[str], lowered: list[str], is_cap_diff: bool, i: int) -> float:
        """The valence of the lexicon word at `i` after VADER's rules and the news rules.

        The same steps as `_trace_word` (which `explain` shows) in the same order, so the same number, without
        the explanation; a preceding word is only looked up as a booster when it is one.
        """
        constants, lexicon = self.constants, self.lexicon
        valence = lexicon[lowered[i]]
        if is_cap_diff and words[i].isupper():
            valence += constants.C_INCR if valence > 0 else -constants.C_INCR
        if valence and _steps_change_nothing(words, lowered, i, _news_modifier_words()):
            distances = ()
        else:
            distances = range(min(i, 3))
        for distance in distances:
            j = i - (distance + 1)
            before = lowered[j]
            if before in lexicon and before != "no":  # a lexicon word is no modifier ('no' here is a determiner)
                continue
            step = 0.0
            if before in constants.BOOSTER_DICT and not (before in NEWS_NEGATORS
                                                         or (distance and before in QUANTITY_WORDS)):
                step = constants.scalar_inc_dec(words[j], valence, is_cap_diff) * (1, 0.95, 0.9)[distance]
            valence += step
            checked = self._never_check(valence, words, distance, i)
            if checked == valence and (before in NEWS_NEGATORS or (before == "from" and j and lowered[j - 1] == "far")):
                checked = valence * constants.N_SCALAR
            if checked * valence < 0 and distance == 1 and lowered[i - 1] == "the" and _is_superlative(words[i]):
                checked *= 0.5
            valence = checked
            if distance == 2:
                valence = self._idioms_check(valence, words, i)
        if i and lowered[i - 1] == "least" and "least" not in lexicon \
                and (i == 1 or lowered[i - 2] not in ("at", "very")):  # NLTK's `_least_check`
            valence = valence * constants.N_SCALAR
        return valence


def _unmodified(text: str, words: list[str], lowered: list[str]) -> bool:
    """Whether no word of `text` can change another's valence: no booster, negator, "never", "so", "this",
    "least", no "n't" and no two words in a row of an idiom. Then each lexicon word of
    the news scorer keeps its valence, with VADER's capitals step (`_NewsVader._valence` takes no other step)."""
    return ("'" not in text or "n't" not in text.lower()) and _news_modifier_words().isdisjoint(lowered) \
        and "least" not in lowered and _idiom_pairs().isdisjoint(zip(words, words[1:]))


def _steps_change_nothing(words: list[str], lowered: list[str], i: int, modifiers: frozenset[str]) -> bool:
    """Whether the three words before `i` hold none of `modifiers`, no "n't", and no idiom reaches `i`: then
    the per-word steps of VADER (and of the news rules, with their modifiers) leave a valence as it is."""
    window = lowered[max(i - 3, 0):i]
    return modifiers.isdisjoint(window) and "n't" not in " ".join(window) \
        and not (i >= 3 and _idiom_within_reach(words, i))


def _idiom_within_reach(words: list[str], i: int) -> bool:
    """Whether NLTK's idiom check at `i` (`i` >= 3) may find something: it reads the two- and three-word
    sequences of words[i - 3:i + 3] as written, so two neighbours there must be two words in a row of an idiom."""
    reach = words[i - 3:i + 3]
    return not _idiom_words().isdisjoint(reach) and not _idiom_pairs().isdisjoint(zip(reach, reach[1:]))


@lru_cache(maxsize=None)
def _modifier_words() -> frozenset[str]:
    """The words (lower case) that change the valence of a word after them in VADER: boosters, dampeners,
    negations, and "never", "so", "this" (NLTK's never-so check)."""
    constants = VaderConstants
    return frozenset({*constants.BOOSTER_DICT, *constants.NEGATE, "never", "so", "this"})


@lru_cache(maxsize=None)
def _news_modifier_words() -> frozenset[str]:
    """VADER's modifier words (`_modifier_words`) and the news negators, with "from" (of "far from")."""
    return _modifier_words() | NEWS_NEGATORS | {"from"}


@lru_cache(maxsize=None)
def _idiom_words() -> frozenset[str]:
    """The words of VADER's idioms and of its two- and three-word boosters ("kind of")."""
    constants = VaderConstants
    return frozenset(word for key in (*constants.SPECIAL_CASE_IDIOMS, *constants.BOOSTER_DICT) if " " in key
                     for word in key.split(" "))


@lru_cache(maxsize=None)
def _idiom_pairs() -> frozenset[tuple[str, str]]:
    """Each two words in a row of VADER's idioms and of its two- and three-word boosters ("cut the", "kind of")."""
    constants = VaderConstants
    return frozenset(pair for key in (*constants.SPECIAL_CASE_IDIOMS, *constants.BOOSTER_DICT)
                     for pair in itertools.pairwise(key.split(" ")))


@lru_cache(maxsize=None)
def analyzer(lexicon: str = "vader") -> SentimentIntensityAnalyzer:
    """NLTK's VADER analyser for `lexicon` (built once, then cached; ``ensemble`` shares ``vader+conflict``'s)."""
    _check_lexicon(lexicon)
    if lexicon == "ensemble":
        return analyzer("vader+conflict")
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("presslens needs the vaderSentiment package for VADER's lexicon file")
    # NLTK only loads files below its data path: put the folder holding the package on it.
    parent = str(Path(next(iter(spec.submodule_search_locations))).parent)
    if parent not in nltk.data.path:
        nltk.data.path.append(parent)
    if lexicon == "vader":
        return _Vader(lexicon_file="vaderSentiment/vader_lexicon.txt")
    return _news_analyzer(_supplement_rows())


@lru_cache(maxsize=8)
def _news_analyzer(entries: Entries) -> SentimentIntensityAnalyzer:
    """The news analyser with the supplement `entries` (valence 0: the word has no tone at all)."""
    analyzer("vader")  # puts the vaderSentiment folder on NLTK's path
    instance = _NewsVader(lexicon_file="vaderSentiment/vader_lexicon.txt")
    for word, valence, _ in entries:
        if valence == 0:
            instance.lexicon.pop(word, None)  # 0 means "not a sentiment word at all"
        else:
            instance.lexicon[word] = valence
    instance.scored_words = frozenset(instance.lexicon.keys() - instance.constants.BOOSTER_DICT.keys())
    return instance


def _tool(lexicon: str, entries: Entries | None) -> SentimentIntensityAnalyzer:
    """The analyser of `lexicon`, with the supplement `entries` instead of the shipped one when given."""
    if entries is None:
        return analyzer(lexicon)
    if lexicon not in NEWS_LEXICONS:
        raise InputError(f"supplement: only {' and '.join(NEWS_LEXICONS)} use a supplement, not {lexicon!r}")
    return _news_analyzer(entries)


@lru_cache(maxsize=None)
def _phrases_by_length() -> tuple[tuple[str, str], ...]:
    """(phrase, its longest word in lower case) for each neutral phrase, longest phrase first."""
    return tuple((p, max(_NAME_WORD.findall(p.lower()), key=lambda w: (len(w), w)))
                 for p in sorted(neutral_phrases(), key=len, reverse=True))


@lru_cache(maxsize=None)
def _phrase_words() -> re.Pattern:
    """Any of the longest words of the neutral phrases (lower case): a text without one needs no masking."""
    return re.compile("|".join(re.escape(word) for word in sorted({word for _, word in _phrases_by_length()})))


@lru_cache(maxsize=None)
def _longest_phrase_bytes() -> frozenset[bytes] | None:
    """The longest words of the neutral phrases (lower case) as ASCII bytes (see `_ASCII_WORDS`); None when a
    phrase is not ASCII (case-insensitive matching could then meet an ASCII text in other ways)."""
    if not all(phrase.isascii() for phrase in neutral_phrases()):
        return None
    return frozenset(word.encode("ascii") for _, word in _phrases_by_length())


@lru_cache(maxsize=None)
def _phrases_by_longest_word() -> dict[bytes, tuple[tuple[int, str, frozenset[bytes]], ...]]:
    """Longest word (ASCII bytes, lower case) -> (rank in `_phrases_by_length`, phrase, all its words) of the
    neutral phrases with that longest word (call only when `_longest_phrase_bytes` is not None)."""
    found: dict[bytes, list] = {}
    for rank, (phrase, longest) in enumerate(_phrases_by_length()):
        words = frozenset(word.encode("ascii") for word in _NAME_WORD.findall(phrase.lower()))
        found.setdefault(longest.encode("ascii"), []).append((rank, phrase, words))
    return {word: tuple(entries) for word, entries in found.items()}


# A byte table that lower-cases ASCII letters, keeps digits and turns every other byte into a space: the
# white-space tokens of an ASCII text put through it are its words as `_NAME_WORD` finds them, in lower case.
_ASCII_WORDS = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))


@lru_cache(maxsize=256)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def _carries_tone(word: str, lexicon: str, entries: Entries | None = None) -> bool:
    word = word.lower()
    if word in _tool(lexicon, entries).lexicon:
        return True
    return lexicon == "ensemble" and (word in wordlists.hu_liu() or abs(wordlists.labmt().get(word, 5.0) - 5) >= 1)


@lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...], lexicon: str = "vader+conflict", entries: Entries | None = None
                   ) -> re.Pattern | None:
    """A pattern for the names that contain a word with tone in `lexicon` (only those need masking)."""
    toned = sorted({n for n in names if any(_carries_tone(w, lexicon, entries) for w in _NAME_WORD.findall(n))},
                   key=len, reverse=True)
    if not toned:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in toned) + r")(?!\w)")


def _mask(match: re.Match) -> str:
    return _NAME_WORD.sub(lambda word: "_" * len(word.group()), match.group())


def _mask_phrases(text: str) -> str:
    """`text` with the neutral phrases masked (`neutral_phrases`, whole words, any case).

    A phrase matches whole words, so in an ASCII text only the phrases whose words all occur go into the
    pattern (the text is first checked for their longest words); a text with other than ASCII letters gets
    the whole list once one of the longest words occurs in it (case-insensitive matching then reaches beyond
    ``str.lower``).
    """
    longest = _longest_phrase_bytes()
    if longest is not None and text.isascii():
        words = set(text.encode("ascii").translate(_ASCII_WORDS).split())
        if longest.isdisjoint(words):
            return text
        by_longest = _phrases_by_longest_word()
        phrases = tuple(phrase for _, phrase, needed in sorted(
            entry for word in longest.intersection(words) for entry in by_longest[word] if entry[2] <= words))
    else:
        lowered = text.lower()
        if not _phrase_words().search(lowered):
            return text
        phrases = tuple(p for p, _ in _phrases_by_length())
    return _phrase_pattern(phrases).sub(_mask, text) if phrases else text


def _prepare(text: str, lexicon: str, names: tuple[str, ...] = (), entries: Entries | None = None) -> str:
    """The text the scorer sees: straight quotes and, for the news lexicons, names masked (same length)."""
    if not text.isascii():
        for curly, straight in _CURLY_QUOTES:
            text = text.replace(curly, straight)
    if lexicon in NEWS_LEXICONS:
        text = _mask_phrases(text)
        pattern = _names_pattern(names, lexicon, entries) if names else None
        if pattern is not None:
            text = pattern.sub(_mask, text)
    return text


def _names_by_article(quotes: pd.DataFrame | Mapping[str, list]) -> dict[object, tuple[str, ...]]:
    """The distinct speaker strings (``speaker``, ``speaker_name``) of each article in a quotes table
    (or its column lists)."""
    columns = [list(quotes[c]) for c in SPEAKER_COLUMNS if c in quotes]
    ids = list(quotes["article_id"]) if "article_id" in quotes else [None] * len(quotes["text"])
    found: dict[object, set[str]] = {article: set() for article in ids}
    for article, *values in zip(ids, *columns):
        found[article].update(v.strip() for v in values if isinstance(v, str) and len(v.strip()) > 1)
    return {article: tuple(sorted(names)) for article, names in found.items()}


def speaker_names(quotes: pd.DataFrame) -> tuple[str, ...]:
    """The distinct speaker strings of a quotes table (its ``speaker`` and ``speaker_name`` columns)."""
    return tuple(sorted({name for names in _names_by_article(quotes).values() for name in names}))


# ---- the ensemble -----------------------------------------------------------------------------------

# Chosen on the SemEval-2007 trial headlines only (docs/evaluation.md): the weight of each score, and its
# spread (population standard deviation) there, by which it is divided so that the three are comparable.
ENSEMBLE_WEIGHTS = {"vader+conflict": 1.0, "labmt": 0.5, "hu_liu": 0.25}
ENSEMBLE_SCALES = {"vader+conflict": 0.4139, "labmt": 0.8012, "hu_liu": 0.3672}
# The combination is put back on VADER's scale (times the vader+conflict spread) and cut to [-1, 1].
_COEFFICIENTS = {name: ENSEMBLE_WEIGHTS[name] * ENSEMBLE_SCALES["vader+conflict"]
                 / (ENSEMBLE_SCALES[name] * sum(ENSEMBLE_WEIGHTS.values())) for name in ENSEMBLE_WEIGHTS}


@lru_cache(maxsize=None)
def _labmt_centre() -> float:
    """The mean happiness of all labMT words: English words lean positive (Kloumann et al. 2012), so a
    word counts as happy or sad relative to the list's average word, not to the scale's middle (5)."""
    values = wordlists.labmt().values()
    return sum(values) / len(values)


@lru_cache(maxsize=None)
def _negator_words() -> frozenset[str]:
    return frozenset(VaderConstants.NEGATE) | NEWS_NEGATORS


@lru_cache(maxsize=None)
def _context_words() -> frozenset[str]:
    """The tokens after which the word lists need the slow path: negators, "but", "far" ("far from") and the
    other contrast words (`_contrast_weights`)."""
    return _negator_words() | {"but", "far"} | CONTRAST_WORDS | CONCESSIVE_WORDS


@lru_cache(maxsize=None)
def _list_values() -> dict[str, tuple[float | None, int | None, float, int, int]]:
    """Word -> (labMT happiness or None, Hu & Liu polarity or None, happiness - centre, polarity or 0,
    1 if a labMT word else 0)."""
    happy, polar, centre = wordlists.labmt(), wordlists.hu_liu(), _labmt_centre()
    return {word: (happy.get(word), polar.get(word), happy.get(word, centre) - centre, polar.get(word, 0),
                   int(word in happy)) for word in happy.keys() | polar.keys()}


_NO_LIST_VALUES = (None, None, 0.0, 0, 0)
_NOTHING = (*_NO_LIST_VALUES, False, False, "")  # the record of a token the lists neither read nor need for context
_TOKEN_RECORDS_LIMIT = 1 << 16  # distinct tokens remembered before the memo starts afresh (bounded memory)
_token_records: dict[str, tuple] = {}  # lower-case VADER token -> `_token_record`
_careful_tokens: set[str] = set()  # the tokens in `_token_records` whose record needs the careful path


def _token_record(token: str) -> tuple:
    """What the word lists read in one lower-case VADER token, edge punctuation cut: its `_list_values` fields,
    whether it needs the careful path (a negator, "n't", "but", "far", another contrast word), whether it
    negates, and the cut token;
    `_NOTHING` for a token with neither list values nor context."""
    key = token.strip(_PUNCTUATION)
    negates = key in _negator_words() or "n't" in key
    careful = negates or key in _context_words()
    values = _list_values().get(key)
    if values is None and not careful and key != "from":
        return _NOTHING
    return (*(values or _NO_LIST_VALUES), careful, negates, key)


def _token_records_of(lowered: list[str]) -> tuple[tuple, ...]:
    """`_token_record` of each token, from a memo: one look-up a token once seen (`_careful_tokens` kept with it)."""
    try:
        records = operator.itemgetter(*lowered)(_token_records)
        return records if len(lowered) > 1 else (records,)
    except KeyError:
        if len(_token_records) > _TOKEN_RECORDS_LIMIT:
            _token_records.clear()
            _careful_tokens.clear()
        found = list(map(_token_records.get, lowered))
        for j, record in enumerate(found):
            if record is None:
                record = found[j] = _token_records[lowered[j]] = _token_record(lowered[j])
                if record[5]:
                    _careful_tokens.add(lowered[j])
        return tuple(found)


def _word_lists(lowered: list[str], rows: tuple[list, list] | None = None, names: frozenset[int] = frozenset(),
                contrast: tuple[int, list[float]] | None = None) -> tuple[float, float]:
    """The labMT score and the Hu & Liu score of VADER's tokens (`lowered`: in lower case).

    A word's value is its happiness minus the labMT average (`_labmt_centre`) or its polarity (Hu & Liu),
    times VADER's negation factor when one of the three tokens before it negates, and times VADER's "but"
    weights (0.5 before the first "but", 1.5 after it) or, without a "but", those of another contrast word
    (`contrast`: `_contrast` of the text); negators and that contrast word carry no tone, and nor do the
    tokens at `names` in Hu & Liu (`_hu_liu_names`). The labMT score is the mean value of the labMT words,
    the Hu & Liu score the sum of values over the root of the number of tokens. With `rows`, (index,
    happiness, value) and (index, polarity, value) of each word found are appended to its two lists.
    """
    if not lowered:
        return 0.0, 0.0
    records = _token_records_of(lowered)
    if rows is None and not names and _careful_tokens.isdisjoint(lowered):  # nothing negates: just sums
        labmt_count = sum(map(_LABMT_COUNT, records))
        return (sum(map(_CENTRED, records)) / labmt_count if labmt_count else 0.0,
                sum(map(_SIGN, records)) / math.sqrt(len(lowered)))
    at = next((j for j, record in enumerate(records) if record[_KEY] == "but"), None)  # "but" or another
    weights = None  # contrast word: its weights
    if at is None and contrast is not None:
        at, weights = contrast
    negation = VaderConstants.N_SCALAR
    labmt_sum = hu_liu_sum = 0.0
    labmt_count = 0
    last_negator = -4  # the index of the last negator seen
    after_far = False  # whether the token before is "far" ("far from" negates)
    for j, record in enumerate(records):
        if record is _NOTHING:
            after_far = False
            continue
        happiness, polarity, centred, sign, _, _, negates, key = record
        if negates or (after_far and key == "from"):
            last_negator, after_far = j, False
            continue
        after_far = key == "far"
        if (happiness is None and polarity is None) or j == at:
            continue
        factor = negation if j - last_negator <= 3 else 1.0
        if weights is not None:
            factor *= weights[j]  # another contrast word
        elif at is not None:
            factor *= 0.5 if j < at else 1.5  # VADER's "but" rule
        if happiness is not None:
            labmt_sum += centred * factor
            labmt_count += 1
            if rows is not None:
                rows[0].append((j, happiness, centred * factor))
        if j in names:
            factor = 0.0  # in Hu & Liu a name, not an opinion word
        hu_liu_sum += sign * factor
        if rows is not None and polarity is not None:
            rows[1].append((j, polarity, sign * factor))
    return (labmt_sum / labmt_count if labmt_count else 0.0,
            hu_liu_sum / math.sqrt(len(records)))


_SENTENCE_MARKS = frozenset(".!?:")
_OPENING_MARKS = frozenset("\"'([")


def _title_case(words: list[str]) -> bool:
    """Whether most of the tokens that start with a letter start with a capital (a title-case headline)."""
    alphabetic = [word for word in words if word[:1].isalpha()]
    return 2 * sum(word[:1].isupper() for word in alphabetic) > len(alphabetic)


@lru_cache(maxsize=None)
def _capitalised_hu_liu() -> frozenset[str]:
    """The Hu & Liu words with a capital first letter ("Trump"): the form a name of those words takes."""
    return frozenset(word[:1].upper() + word[1:] for word in wordlists.hu_liu() if word[:1].isalpha())


def _hu_liu_names(words: list[str], prepared: str) -> frozenset[int]:
    """The positions of the Hu & Liu words that are names: written with a capital inside running text.

    A token that is a Hu & Liu word with its first letter capitalised ("Trump"; not "TRUMP") is a name
    ("Mr. Trump", "Ann Savage") unless it is the first token, follows a sentence mark or a colon, opens
    with a quote or bracket, or the text is in title case (`_title_case`). `words` are VADER's tokens of
    `prepared` (as written, edge punctuation cut as VADER cuts it: 'Trump."' stays whole and is no name).
    """
    capitalised = _capitalised_hu_liu()
    if capitalised.isdisjoint(words):  # most sentences: one pass in C
        return frozenset()
    candidates = [j for j in range(1, len(words)) if words[j] in capitalised]
    if not candidates or _title_case(words):
        return frozenset()
    raw = [token for token in prepared.split() if len(token) > 1]  # VADER's tokens before the edge cut
    return frozenset(j for j in candidates if raw[j][0] not in _OPENING_MARKS and not _ends_a_sentence(raw[j - 1]))


def _ends_a_sentence(token: str) -> bool:
    """Whether `token` ends with a sentence mark or a colon; the period of an abbreviation ("Mr.", "Sen.",
    "U.S.": a capital and at most three letters, or a period inside) does not end one."""
    token = token.rstrip("\"')]")
    if token[-1:] != ".":
        return token[-1:] in _SENTENCE_MARKS
    return not ("." in token[:-1] or (token[:1].isupper() and len(token) <= 4))


_VADER_PART, _LABMT_PART, _HU_LIU_PART = (_COEFFICIENTS[name] for name in ("vader+conflict", "labmt", "hu_liu"))


def _combine(vader: float, labmt_score: float, hu_liu_score: float) -> float:
    """The weighted mean of the three scaled scores, put on VADER's scale and cut to [-1, 1]."""
    total = _VADER_PART * vader + _LABMT_PART * labmt_score + _HU_LIU_PART * hu_liu_score
    return max(-1.0, min(1.0, total))


def _ensemble_scores(prepared: str, tool: SentimentIntensityAnalyzer | None = None) -> dict[str, float]:
    scores, words, lowered, contrast = (tool or analyzer("ensemble")).scores_and_words(prepared)
    lists = _word_lists(lowered, names=_hu_liu_names(words, prepared), contrast=contrast)
    scores["compound"] = round(_combine(scores["compound"], *lists), 4)
    return scores


def ensemble_parts(text: str, names: Iterable[str] = ()) -> dict[str, float]:
    """The three scores the ensemble combines, unweighted: ``vader+conflict`` (compound), ``labmt``, ``hu_liu``."""
    prepared = _prepare(text, "ensemble", tuple(sorted(set(names))))
    scores, words, lowered, contrast = analyzer("ensemble").scores_and_words(prepared)
    labmt_score, hu_liu_score = _word_lists(lowered, names=_hu_liu_names(words, prepared), contrast=contrast)
    return {"vader+conflict": scores["compound"], "labmt": labmt_score, "hu_liu": hu_liu_score}


def _scorer(lexicon: str, entries: Entries | None = None):
    """A function from prepared text to VADER's score dict (the ensemble's compound for ``ensemble``)."""
    if entries is None:
        return _ensemble_scores if lexicon == "ensemble" else analyzer(lexicon).polarity_scores
    tool = _tool(lexicon, entries)
    return (lambda prepared: _ensemble_scores(prepared, tool)) if lexicon == "ensemble" else tool.polarity_scores


def score(text: str, lexicon: str = "vader", names: Iterable[str] = (), *,
          supplement: str | Path | pd.DataFrame | None = None) -> dict[str, float]:
    """``compound, pos, neu, neg`` of one text; `names` are extra names to neutralise (news lexicons).

    `supplement` (a file or a table, see `supplement`) replaces the conflict supplement of the news lexicons.
    """
    _check_lexicon(lexicon)
    entries = _entries(supplement)
    scores = _scorer(lexicon, entries)(_prepare(text, lexicon, tuple(sorted(set(names))) if names else (), entries))
    return {column: scores[column] for column in SCORE_COLUMNS}


_NO_SCORE = {"compound": 0.0, "pos": 0.0, "neu": 0.0, "neg": 0.0}


def score_sentences(sentences: pd.DataFrame, lexicon: str = "vader", names: Iterable[str] = (), *,
                    supplement: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """The sentences table with ``compound, pos, neu, neg`` added (each sentence scored once).

    `names` (e.g. ``speaker_names(quotes)``) are neutralised too with the news lexicons; `supplement` as in
    `score`.
    """
    _check_lexicon(lexicon)
    if "text" not in sentences.columns:
        raise InputError("sentences: no 'text' column")
    scores = sentence_scores(sentences["text"].tolist(), lexicon=lexicon, names=names, supplement=supplement)
    table = pd.DataFrame(scores, columns=SCORE_COLUMNS, index=sentences.index, dtype="float64")
    return pd.concat([sentences.drop(columns=SCORE_COLUMNS, errors="ignore"), table], axis=1)


def sentence_scores(texts: list, *, lexicon: str = "vader", names: Iterable[str] = (),
                    supplement: str | Path | pd.DataFrame | None = None) -> dict[str, list[float]]:
    """`score_sentences` on a list of sentence texts: ``compound, pos, neu, neg`` as lists."""
    entries = _entries(supplement)
    polarity, names = _scorer(lexicon, entries), tuple(sorted(set(names)))
    scores = [polarity(_prepare(t, lexicon, names, entries)) if isinstance(t, str) and t else _NO_SCORE
              for t in texts]
    return {column: [score[column] for score in scores] for column in SCORE_COLUMNS}


def score_article(article, sentences: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
                  lexicon: str = "vader") -> pd.DataFrame:
    """The scored sentences of one article: the single wiring that every entry point uses.

    With the news lexicons the speakers found by the quotes step carry no tone; give `quotes` when they
    are already extracted, else the quotes step runs here.
    """
    from . import quotes as quotes_stage
    from . import tokenize

    _check_lexicon(lexicon)
    if sentences is None:
        sentences = tokenize.sentences(article)
    names: tuple[str, ...] = ()
    if lexicon in NEWS_LEXICONS:
        if quotes is None:
            quotes = quotes_stage.extract(article, sentences)
        names = speaker_names(quotes)
    return score_sentences(sentences, lexicon, names=names)


def article_sentence_scores(sentences: Mapping[str, list], quotes: Mapping[str, list], *,
                            lexicon: str = "vader") -> dict[str, list[float]]:
    """`score_article` on plain column lists (one article's sentences and quotes): the score columns."""
    _check_lexicon(lexicon)
    names = speaker_names(quotes) if lexicon in NEWS_LEXICONS else ()
    return sentence_scores(sentences["text"], lexicon=lexicon, names=names)


def _mean_of_sentences(text: str, polarity, lexicon: str, names: tuple[str, ...]) -> float:
    """The mean compound of the sentences of `text` (one sentence: its compound)."""
    from .tokenize import sentence_spans

    parts = [text[s:e] for _, s, e in sentence_spans(text)] or [text]
    compounds = [polarity(_prepare(part, lexicon, names))["compound"] for part in parts if part.strip()]
    return sum(compounds) / len(compounds) if compounds else 0.0


def score_quotes(quotes: pd.DataFrame, lexicon: str = "vader") -> pd.DataFrame:
    """The quotes table with the ``compound`` score of the quoted words (``text``) added.

    A quote of several sentences gets the mean of their compounds (never one score of the whole quote).
    With the news lexicons the speakers of the same article are neutralised inside the quotes too.
    """
    _check_lexicon(lexicon)
    out = quotes.copy()
    if not out.empty and "text" not in out.columns:
        raise InputError("quotes: no 'text' column")
    columns = {c: out[c].tolist() for c in ("article_id", "text", *SPEAKER_COLUMNS) if c in out.columns}
    columns.setdefault("text", [])
    out["compound"] = pd.Series(quote_compounds(columns, lexicon=lexicon), index=out.index, dtype="float64")
    return out


def quote_compounds(quotes: Mapping[str, list], *, lexicon: str = "vader",
                    sentences: Mapping[str, list] | None = None) -> list[float]:
    """`score_quotes` on plain column lists: the ``compound`` of each quote.

    A quote whose text is a whole sentence of `sentences` (the same article's, with the ``compound`` of
    `article_sentence_scores`) takes that sentence's score, the one it would get scored again.
    """
    from .tokenize import one_sentence, stands_alone

    _check_lexicon(lexicon)
    texts = quotes["text"]
    polarity = _scorer(lexicon)
    ids = quotes["article_id"] if "article_id" in quotes else [None] * len(texts)
    names = _names_by_article(quotes) if lexicon in NEWS_LEXICONS and texts else {}
    scored = {} if sentences is None else {
        (article_id, text): compound for article_id, text, compound
        in zip(sentences["article_id"], sentences["text"], sentences["compound"]) if stands_alone(text)}
    compounds = []  # a score taken as it is is still the mean of one (0.0 + : -0.0 is 0.0, as in a sum)
    for text, article_id in zip(texts, ids):
        if (article_id, text) in scored:
            compounds.append(0.0 + scored[(article_id, text)])
        elif not isinstance(text, str) or not text.strip():
            compounds.append(0.0)
        elif one_sentence(text):  # split into sentences, it would be itself
            compounds.append(0.0 + polarity(_prepare(text.strip(), lexicon, names.get(article_id, ())))["compound"])
        else:
            compounds.append(_mean_of_sentences(text, polarity, lexicon, names.get(article_id, ())))
    return compounds


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
    """VADER's valence of one lexicon word step by step: (lexicon valence, final valence, rules).

    With a news analyser (`_NewsVader`) the news rules (`NEWS_RULES`) apply as well.
    """
    constants, words = tool.constants, sentitext.words_and_emoticons
    news = getattr(tool, "news", False)
    base = valence = tool.lexicon[item.lower()]
    rules = []
    if item.isupper() and sentitext.is_cap_diff:
        valence += constants.C_INCR if valence > 0 else -constants.C_INCR
        rules.append("capitals")
    for distance in range(3):
        if i <= distance:
            continue
        j = i - (distance + 1)
        before = words[j]
        if before.lower() in tool.lexicon and not (news and _is_determiner_no(words, j)):
            continue
        step = constants.scalar_inc_dec(before, valence, sentitext.is_cap_diff) * (1, 0.95, 0.9)[distance]
        if news and step and (before.lower() in NEWS_NEGATORS
                              or (distance and before.lower() in QUANTITY_WORDS)):
            rules.append(f"no booster ({before})")
            step = 0.0
        if step:
            rules.append(f"{'booster' if abs(valence + step) > abs(valence) else 'dampener'} ({before})")
        valence += step
        checked = tool._never_check(valence, words, distance, i)
        if news and checked == valence and _is_news_negator(words, j):
            checked = valence * constants.N_SCALAR
        if checked != valence and checked * valence < 0 and news and distance == 1 \
                and words[i - 1].lower() == "the" and _is_superlative(item):
            checked *= 0.5
            rules.append(f"negation ({before}, weak: superlative)")
        elif checked != valence:
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


_NOT_SUPERLATIVES = frozenset({"honest", "interest", "modest", "protest", "arrest", "request", "contest",
                               "harvest", "forest", "unrest", "conquest", "dishonest", "earnest"})


def _is_superlative(word: str) -> bool:
    lower = word.lower()
    return lower in {"worst", "best"} or (lower.endswith("est") and lower not in _NOT_SUPERLATIVES)


def _explain_vader(text: str, lexicon: str, prepared: str, entries: Entries | None = None
                   ) -> tuple[list[dict], float]:
    """The VADER rows of `explain` (words, neutralised names, punctuation) and VADER's signed sum."""
    tool = _tool(lexicon, entries)
    constants, news = tool.constants, lexicon in NEWS_LEXICONS
    sentitext = _SentiText(prepared, constants.PUNC_LIST)
    words = sentitext.words_and_emoticons
    first_index: dict[str, int] = {}
    for index, word in enumerate(words):
        first_index.setdefault(word, index)  # VADER reads the context of a repeated word at its first place
    traced: list[tuple[int, float, float, list[str]]] = []
    for position, item in enumerate(words):
        i = position if news else first_index[item]
        lower = item.lower()
        is_kind_of = lower == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"
        if lower in tool.lexicon and not is_kind_of and lower not in constants.BOOSTER_DICT:
            if news and _is_determiner_no(words, i):
                traced.append((position, tool.lexicon[lower], 0.0, ["determiner 'no' (no tone of its own)"]))
            else:
                traced.append((position, *_trace_word(tool, sentitext, item, i)))
    lowered = [w.lower() for w in words]
    if "but" in lowered:
        but_at = lowered.index("but")
        for k, (position, base, value, rules) in enumerate(traced):
            if position != but_at and value:
                factor = 0.5 if position < but_at else 1.5
                traced[k] = (position, base, value * factor, [*rules, f'"but" (x{factor})'])
    elif news and (contrast := _contrast(prepared, lowered)) is not None:
        at, weights = contrast
        for k, (position, base, value, rules) in enumerate(traced):
            if position != at and value:
                traced[k] = (position, base, value * weights[position],
                             [*rules, f'"{lowered[at]}" (x{weights[position]})'])
    supplement_words = {w for w, _, _ in (entries or _supplement_rows())} if news else set()
    spans = _token_spans(prepared, words)
    rows = [{"word": text[spans[p][0]:spans[p][1]], "start": spans[p][0], "end": spans[p][1],
             "valence": base, "lexicon": "conflict" if words[p].lower() in supplement_words else "vader",
             "score": value, "rules": "; ".join(rules)} for p, base, value, rules in traced]
    if news:
        for span in re.finditer(r"_+", prepared):
            original = text[span.start():span.end()]
            if _carries_tone(original, lexicon, entries):
                rows.append({"word": original, "start": span.start(), "end": span.end(),
                             "valence": tool.lexicon.get(original.lower(), math.nan), "lexicon": "vader",
                             "score": 0.0, "rules": "neutralised name"})
    rows.sort(key=lambda row: row["start"])
    total = sum(value for _, _, value, _ in traced)
    emphasis = tool._punctuation_emphasis(total, prepared) if total else 0.0
    if emphasis:
        marks = "".join(c for c in prepared if c in "!?")
        rows.append({"word": marks, "start": None, "end": None, "valence": None, "lexicon": "",
                     "score": math.copysign(emphasis, total), "rules": "punctuation"})
    return rows, total + math.copysign(emphasis, total) if total else 0.0


def explain(text: str, lexicon: str = "vader", names: Iterable[str] = (), *,
            supplement: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """Why `text` scores as it does: one row per word that moved (or would have moved) the score.

    Columns: ``word``, ``start``/``end`` (offsets into `text`), ``valence`` (VADER's value),
    ``lexicon`` (``vader`` or ``conflict``: where the valence comes from), ``score`` (the word's share
    of VADER's sum after the rules) and ``rules`` (capitals, booster/dampener, negation, "but",
    neutralised name, the news rules). A last row ``punctuation`` holds the emphasis from "!" and "?".
    The compound score is ``s / sqrt(s*s + 15)`` with ``s`` the sum of the ``score`` column.

    For ``ensemble`` (columns `ENSEMBLE_EXPLAIN_COLUMNS`) each row also has the word's ``labmt`` happiness
    and ``hu_liu`` polarity, and its part of the ensemble score from each list (``vader_part``: its share
    of the vader+conflict compound; ``labmt_part``, ``hu_liu_part``), all weighted and scaled;
    ``score`` is their sum and the compound is the sum of ``score``, cut to [-1, 1]. A Hu & Liu word read
    as a name keeps its ``hu_liu`` polarity with a ``hu_liu_part`` of 0 (rule ``name``).
    `supplement` as in `score` (``lexicon`` then says ``conflict`` for its words).
    """
    _check_lexicon(lexicon)
    entries = _entries(supplement)
    prepared = _prepare(text, lexicon, tuple(sorted(set(names))), entries)
    rows, total = _explain_vader(text, lexicon, prepared, entries)
    if lexicon != "ensemble":
        for row in rows:
            row["score"] = round(row["score"], 4)
        table = pd.DataFrame(rows, columns=EXPLAIN_COLUMNS)
        return table.astype({"start": "Int64", "end": "Int64", "valence": "float64", "score": "float64"})
    return _explain_ensemble(text, prepared, rows, total)


def _explain_ensemble(text: str, prepared: str, vader_rows: list[dict], total: float) -> pd.DataFrame:
    tool = analyzer("ensemble")
    sentitext = _SentiText(prepared, tool.constants.PUNC_LIST)
    words = sentitext.words_and_emoticons
    spans = _token_spans(prepared, words)
    labmt_rows, hu_liu_rows, count = [], [], len(words)
    names = _hu_liu_names(words, prepared)
    lowered = [w.lower() for w in words]
    _word_lists(lowered, (labmt_rows, hu_liu_rows), names, _contrast(prepared, lowered))
    compound = tool.constants.normalize(total) if total else 0.0
    share = _COEFFICIENTS["vader+conflict"] * compound / total if total else 0.0
    rows: dict[object, dict] = {}
    for row in vader_rows:
        key = row["start"] if row["rules"] != "punctuation" else "punctuation"
        rows[key] = {**row, "labmt": math.nan, "hu_liu": math.nan, "vader_part": row["score"] * share,
                     "labmt_part": 0.0, "hu_liu_part": 0.0}
    for j, happiness, value in labmt_rows:
        row = rows.setdefault(spans[j][0], _plain_row(text, spans[j]))
        row["labmt"], row["labmt_part"] = happiness, _COEFFICIENTS["labmt"] * value / len(labmt_rows)
        if value * (happiness - _labmt_centre()) < 0:
            row["rules"] = "; ".join(r for r in (row["rules"], "negation (labMT)") if r)
    for j, polarity, value in hu_liu_rows:
        row = rows.setdefault(spans[j][0], _plain_row(text, spans[j]))
        row["hu_liu"], row["hu_liu_part"] = polarity, _COEFFICIENTS["hu_liu"] * value / math.sqrt(count)
        if value * polarity < 0 or j in names:
            rule = "name (a capital inside the sentence): no Hu & Liu tone" if j in names else "negation (Hu & Liu)"
            row["rules"] = "; ".join(r for r in (row["rules"], rule) if r)
    ordered = sorted((r for k, r in rows.items() if k != "punctuation"), key=lambda r: r["start"])
    if "punctuation" in rows:
        ordered.append(rows["punctuation"])
    for row in ordered:
        for column in ("vader_part", "labmt_part", "hu_liu_part"):
            row[column] = round(row[column], 6)
        row["score"] = round(row["vader_part"] + row["labmt_part"] + row["hu_liu_part"], 6)
    table = pd.DataFrame(ordered, columns=ENSEMBLE_EXPLAIN_COLUMNS)
    return table.astype({"start": "Int64", "end": "Int64", "valence": "float64", "labmt": "float64",
                         "hu_liu": "float64", "vader_part": "float64", "labmt_part": "float64",
                         "hu_liu_part": "float64", "score": "float64"})


def _plain_row(text: str, span: tuple[int, int]) -> dict:
    """An explain row for a word that VADER does not score."""
    return {"word": text[span[0]:span[1]], "start": span[0], "end": span[1], "valence": math.nan,
            "lexicon": "", "labmt": math.nan, "hu_liu": math.nan, "vader_part": 0.0, "labmt_part": 0.0,
            "hu_liu_part": 0.0, "score": 0.0, "rules": ""}


def _shares(compound: pd.Series | np.ndarray) -> tuple[float, float]:
    """The share of negative and of positive scores (|compound| >= `TONE_THRESHOLD`)."""
    if not len(compound):
        return math.nan, math.nan
    return float((compound <= -TONE_THRESHOLD).mean()), float((compound >= TONE_THRESHOLD).mean())


def tone_by(quotes: pd.DataFrame, by: str = "side") -> pd.DataFrame:
    """Mean ``compound``, its spread (population standard deviation), the count, and the shares of negative
    and positive quotes (|compound| >= `TONE_THRESHOLD`) per value of `by` (e.g. ``side``, ``source_id``).

    Rows without a value of `by` are grouped as ``"unassigned"`` (as in `plots.SIDE_COLORS`); the most
    quoted come first.
    """
    for column in (by, "compound"):
        if column not in quotes.columns:
            hint = " (run score_quotes first)" if column == "compound" else ""
            raise InputError(f"quotes: no {column!r} column{hint}")
    keys = quotes[by].astype(object).where(quotes[by].notna() & (quotes[by].astype(str) != ""), UNASSIGNED)
    compound = pd.to_numeric(quotes["compound"], errors="coerce")
    keys = keys.astype(str)
    grouped = compound.groupby(keys)
    scored = compound.notna()  # a share is of the scored quotes (NaN for a group with none), as in `_shares`
    table = pd.DataFrame({"mean_compound": grouped.mean(), "spread": grouped.std(ddof=0),
                          "count": grouped.count().astype("int64"),
                          "negative_share": (compound <= -TONE_THRESHOLD).where(scored).groupby(keys).mean(),
                          "positive_share": (compound >= TONE_THRESHOLD).where(scored).groupby(keys).mean()})
    table.index.name = by
    table = table.reset_index().sort_values(["count", by], ascending=[False, True], ignore_index=True)
    return table[[by, *TONE_COLUMNS]].astype({by: object, **dict.fromkeys(TONE_COLUMNS, "float64"),
                                              "count": "int64"})


def article_tone(sentences: pd.DataFrame) -> pd.DataFrame:
    """The tone of each article from its scored sentences (`score_sentences`), never from the whole text.

    Columns `ARTICLE_TONE_COLUMNS`: the mean sentence ``compound``, the shares of negative and positive
    sentences (|compound| >= `TONE_THRESHOLD`) and the number of sentences; input order of articles.
    """
    for column in ("article_id", "compound"):
        if column not in sentences.columns:
            hint = " (run score_sentences first)" if column == "compound" else ""
            raise InputError(f"sentences: no {column!r} column{hint}")
    compounds = pd.to_numeric(sentences["compound"], errors="coerce").to_numpy(dtype="float64")
    positions: dict[object, list[int]] = {}  # article -> its rows, articles in order of first appearance
    for position, article_id in enumerate(sentences["article_id"].tolist()):
        positions.setdefault(article_id, []).append(position)
    rows = []
    for article_id, taken in positions.items():
        compound = compounds[taken]
        compound = compound[~np.isnan(compound)]
        negative, positive = _shares(compound)
        rows.append({"article_id": article_id, "tone_mean": compound.sum() / len(compound) if len(compound) else math.nan,
                     "tone_negative_share": negative, "tone_positive_share": positive,
                     "tone_sentences": len(compound)})
    table = pd.DataFrame(rows, columns=ARTICLE_TONE_COLUMNS)
    return table.astype({"article_id": object, "tone_mean": "float64", "tone_negative_share": "float64",
                         "tone_positive_share": "float64", "tone_sentences": "int64"})
