"""Paragraphs, sentences and word tokens, each with character offsets into `Article.text`.

Sentences come from NLTK's Punkt with parameters shipped as text (`data/punkt_english.txt`);
words from NLTK's Treebank-style tokenizer. No NLTK data is needed.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
from nltk import redos
from nltk.tokenize.destructive import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from . import datafiles
from .model import Article

SENTENCE_COLUMNS = ["article_id", "sentence", "paragraph", "start", "end", "text"]
TOKEN_COLUMNS = ["article_id", "sentence", "token", "start", "end", "text"]

# Curly quotes become straight ones of the same length before NLTK sees the text, so NLTK's
# rules for quotes apply and every offset stays valid for the original text. Arabic question mark,
# comma and semicolon become their Latin forms for the same reason ("حمص؟" is "حمص" and "?").
_STRAIGHTEN = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
                             "؟": "?", "،": ",", "؛": ";"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A title and initials at a sentence end ("Rep. G.K."): Punkt cut before the surname.
_TITLE_INITIALS = re.compile(r"(?<![\w.])(\w+)\.\s+(?:[A-Z]\.){1,3}$")
_TITLE_INITIALS_WIDTH = 40  # characters before a sentence end searched for a title and initials
_PARAGRAPH_END = re.compile(r"""[.!?…:;"'“”’»)\]]$""")
# A line that ends with a quote signed after a dash ('“…” ― Sonya Herridge') ends its paragraph.
_SIGNED_QUOTE_END = re.compile(r"""["”»]\s*[―—–]\s*[^\s"“”]+(?:[ \t\xa0]+[^\s"“”]+){0,5}[ \t\xa0.]*$""")
# An ellipsis ends a sentence only where the next word starts one (capital letter, maybe after a quote).
_ELLIPSIS_BREAK = re.compile(r"(?:…|\.\.\.)[\"'”’]?(?=\s+[\"“‘']?[A-Z])")


@lru_cache(maxsize=None)
def punkt_parameters() -> PunktParameters:
    """The Punkt parameters read from the package's text file."""
    params = PunktParameters()
    section = None
    text = datafiles.text("punkt_english.txt")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif section == "abbreviations":
            params.abbrev_types.add(line.lower())
        elif section == "sentence_starters":
            params.sent_starters.add(line.lower())
    return params


class _LanguageVars(PunktLanguageVars):
    """Punkt's English rules without NLTK's 5-second CPU limit on a paragraph scan.

    NLTK >= 3.10 runs every pattern under a timeout that counts the whole `finditer` over a
    paragraph, including Punkt's own work between matches, so one long paragraph dense with
    full stops (about 0.5 MB of `. . ...`) raised `TimeoutError`. These two patterns are fixed
    and scan in linear time (see `benchmarks/adversarial.py`), so the limit is lifted for them.
    """

    def period_context_re(self):
        if "_unlimited_period_context" not in self.__dict__:
            self._unlimited_period_context = redos.compile(super().period_context_re(), timeout=None)
        return self._unlimited_period_context

    def _word_tokenizer_re(self):
        if "_unlimited_word_tokenizer" not in self.__dict__:
            self._unlimited_word_tokenizer = redos.compile(super()._word_tokenizer_re(), timeout=None)
        return self._unlimited_word_tokenizer


@lru_cache(maxsize=None)
def _sentence_splitter() -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(punkt_parameters(), lang_vars=_LanguageVars())


_word_tokenizer = NLTKWordTokenizer()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed of surrounding white space.

    A blank line always ends a paragraph; a single line break ends one when the line before
    it ends like a sentence or a headline (punctuation, or a short line followed by a blank),
    or with a quote signed after a dash ('“…” ― Sonya Herridge').
    Hard-wrapped lines that stop mid-sentence are joined.
    """
    lines, position = [], 0
    for match in _LINE_BREAK.finditer(text):
        lines.append((position, match.start()))
        position = match.end()
    lines.append((position, len(text)))
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in lines:
        stripped = text[start:end]
        left = len(stripped) - len(stripped.lstrip())
        right = len(stripped.rstrip())
        if right <= left:  # blank line
            if current:
                spans.append(current)
                current = None
            continue
        start, end = start + left, start + right
        if current is None:
            current = (start, end)
        elif _PARAGRAPH_END.search(text[current[0]:current[1]]) or _SIGNED_QUOTE_END.search(text, *current):
            spans.append(current)
            current = (start, end)
        else:
            current = (current[0], end)
    if current:
        spans.append(current)
    return spans


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text[start:end]` (one paragraph), as offsets into `text`.

    Punkt's cuts are undone before a closing bracket ("(D-N.C.), head of ...") and after initials
    that follow a title ("Rep. G.K. Butterfield").
    """
    end = len(text) if end is None else end
    chunk = text[start:end].translate(_STRAIGHTEN)
    spans: list[tuple[int, int]] = []
    for s, e in _sentence_splitter().span_tokenize(chunk):
        if spans and _continues(chunk, spans[-1][1] - start, s):
            s = spans.pop()[0] - start
        cut = s
        for match in _ELLIPSIS_BREAK.finditer(chunk, s, e):
            spans.append((start + cut, start + match.end()))
            cut = match.end() + (len(chunk[match.end():e]) - len(chunk[match.end():e].lstrip()))
        spans.append((start + cut, start + e))
    return spans


def _continues(chunk: str, left_end: int, right_start: int) -> bool:
    """Whether the sentence at `right_start` goes on with the one that ends at `left_end`."""
    if chunk[right_start] in ")]":
        return True
    match = _TITLE_INITIALS.search(chunk, max(0, left_end - _TITLE_INITIALS_WIDTH), left_end)
    return match is not None and match.group(1).lower() in punkt_parameters().abbrev_types


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each word token in `text[start:end]`, as offsets into `text`."""
    end = len(text) if end is None else end
    chunk = text[start:end].translate(_STRAIGHTEN)
    return [(start + s, start + e) for s, e in _word_tokenizer.span_tokenize(chunk)]


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of every sentence in a text."""
    return [(p, s, e) for p, (ps, pe) in enumerate(paragraphs(text)) for s, e in split_sentences(text, ps, pe)]


def sentences(article: Article) -> pd.DataFrame:
    """One row per sentence: article_id, sentence, paragraph, start, end, text.

    Sentence ids count from 0 in reading order; a headline is its own paragraph.
    """
    rows = [(article.id, i, p, s, e, article.text[s:e]) for i, (p, s, e) in enumerate(sentence_spans(article.text))]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def tokens(article: Article, sentence_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per word token: article_id, sentence, token, start, end, text (token ids count per article)."""
    table = sentences(article) if sentence_table is None else sentence_table
    rows, token_id = [], 0
    for sentence_id, s, e in zip(table["sentence"], table["start"], table["end"]):
        for ts, te in word_spans(article.text, s, e):
            rows.append((article.id, sentence_id, token_id, ts, te, article.text[ts:te]))
            token_id += 1
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)
