"""Paragraphs, sentences and word tokens, each with character offsets into `Article.text`.

Sentences come from NLTK's Punkt with parameters shipped as text (`data/punkt_english.txt`);
words from NLTK's Treebank-style tokenizer. No NLTK data is needed.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import pandas as pd
from nltk import redos
from nltk.tokenize.destructive import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from . import datafiles
from .errors import InputError
from .model import Article

__all__ = ["SENTENCE_COLUMNS", "TOKEN_COLUMNS", "JOINS", "Document", "document", "iter_paragraphs",
           "iter_sentence_spans", "paragraphs", "punkt_parameters", "sentence_frame", "sentence_spans", "sentences",
           "one_sentence", "split_sentences", "stands_alone", "token_chunks", "tokens", "word_spans"]

SENTENCE_COLUMNS = ["article_id", "sentence", "paragraph", "start", "end", "text"]
TOKEN_COLUMNS = ["article_id", "sentence", "token", "start", "end", "text"]

# Curly quotes become straight ones of the same length before NLTK sees the text, so NLTK's
# rules for quotes apply and every offset stays valid for the original text. Arabic question mark,
# comma and semicolon become their Latin forms for the same reason ("حمص؟" is "حمص" and "?").
_STRAIGHTEN = (("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'), ("‘", "'"), ("’", "'"), ("‚", "'"),
               ("؟", "?"), ("،", ","), ("؛", ";"))
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PARAGRAPH_END = re.compile(r"""[.!?…:;"'“”’»)\]]$""")
# A line that ends with a quote signed after a dash ('“…” ― Sonya Herridge') ends its paragraph.
_SIGNED_QUOTE_END = re.compile(r"""["”»]\s*[―—–]\s*[^\s"“”]+(?:[ \t\xa0]+[^\s"“”]+){0,5}[ \t\xa0.]*$""")
# A line that opens with a bullet or an item number ("2. ", "b) ", "• ") starts a paragraph.
_LIST_LINE = re.compile(r"(?:[•⁃▪‣◦]|[-*](?=\s)|(?:\d{1,2}|[a-z])(?:\.\)|[.)])(?=\s))")
# An item marker inside a paragraph: optional bullet, a number or a letter, then ".", ".)" or ")".
_LIST_MARKER = re.compile(r"(?<!\S)([•⁃▪‣◦*-]\s*)?(?:(\d{1,2})|([a-z]))(\.\)|\.|\))(?=\s)")
_MARKER_ONLY = re.compile(r"(?:[•⁃▪‣◦*-]\s*)?(?:\d{1,2}|[A-Za-z])(?:\.\)|\.|\))")
_AFTER_SENTENCE_END = re.compile(r"""[.!?:]["')\]]*\s+$""")
_LIST_AFTER_END = re.compile(r"""[.!?:]["')\]]*\s+(?:[•⁃▪‣◦*-]\s*)?(?:\d{1,2}|a)(?:\.\)|\.|\))\s""")
# Spaced ellipsis points (". . ." or ". . . ."), read by Punkt as separate full stops.
_SPACED_ELLIPSIS = re.compile(r"\.(?:[ \xa0]\.){2,}")
# An ellipsis ends a sentence only where the next word starts one (capital letter, maybe after a quote).
_ELLIPSIS_BREAK = re.compile(r"(?:…|\.\.\.)[\"'”’]?(?=\s+[\"“‘']?[A-Z])")
# A clock time ("9 a.m.", "6 P.M.") before a capitalised word; `_TIME_OPENING` is a sentence that
# so far is only a time phrase ("At 5 a.m. Mr Ruiz left"), `_TIME_COMPANION` a word that goes with a time.
_CLOCK_TIME_BREAK = re.compile(r"\d\s?(?:[ap]\.m\.|[AP]\.M\.)(?=\s+[\"'(]?([A-Z][\w']*))")
_TIME_OPENING = re.compile(r"""["'(]*(?:(?:at|by|from|until|till|before|after|around|about|since|shortly|just|soon|"""
                           r"""early|late|on)\s+){1,3}[\d:.]+\s?$""", re.IGNORECASE)
_TIME_COMPANION = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|"
                             r"July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|"
                             r"Oct|Nov|Dec|Eastern|Pacific|Central|Mountain|Atlantic|Greenwich|Local|[A-Z]{1,4}")
# Dotted initials at a sentence end: a country or a firm ("U.A.E.", "I.B.M."), or a person's ("G.K.").
_INITIALISM_END = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}$")
_INITIALISM_WIDTH = 24  # characters before a sentence end searched for dotted initials
# A question or exclamation mark, or a full stop inside a closing quote or bracket, at a sentence end.
_MARK_BEFORE_CLAUSE = re.compile(r"""(?:[?!]|\.["')\]])["')\]]*$""")
_CLOSING_MARKS = "”’»"
_WORD = re.compile(r"\w")
_SPACE = re.compile(r"\s*")
_FIRST_WORD = re.compile(r"""["'(\[]*([^\W\d_][\w']*)""")


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


def iter_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed of surrounding white space, in reading order.

    A blank line always ends a paragraph; a single line break ends one when the line before
    it ends like a sentence or a headline (punctuation), or with a quote signed after a dash
    ('“…” ― Sonya Herridge'), or when the next line opens with a bullet or an item number.
    Hard-wrapped lines that stop mid-sentence are joined. Each line is looked at a bounded
    number of times, so the cost is linear in the length of the text.
    """
    current: tuple[int, int] | None = None
    last_line = previous_line = 0  # where the paragraph's last line and the line before it start
    for start, end in _lines(text):
        stripped = text[start:end]
        left = len(stripped) - len(stripped.lstrip())
        right = len(stripped.rstrip())
        if right <= left:  # blank line
            if current:
                yield current
                current = None
            continue
        start, end = start + left, start + right
        if current is None or _ends_paragraph(text, current, previous_line) or _LIST_LINE.match(text, start):
            if current:
                yield current
            current, last_line, previous_line = (start, end), start, start
        else:
            current, last_line, previous_line = (current[0], end), start, last_line
    if current:
        yield current


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (see `iter_paragraphs`)."""
    return list(iter_paragraphs(text))


def _lines(text: str) -> Iterator[tuple[int, int]]:
    position = 0
    for match in _LINE_BREAK.finditer(text):
        yield position, match.start()
        position = match.end()
    yield position, len(text)


def _ends_paragraph(text: str, current: tuple[int, int], previous_line: int) -> bool:
    """Whether the paragraph so far (`current`) ends at its last line break.

    A signed quote can start on the line before the last one (a dash at a line end) but no earlier,
    since a line that ended with the quote mark would have ended the paragraph already.
    """
    start, end = current
    if _PARAGRAPH_END.match(text, end - 1, end):
        return True
    return _SIGNED_QUOTE_END.search(text, max(start, previous_line), end) is not None


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text[start:end]` (one paragraph), as offsets into `text`.

    The steps, in order: split a list run into one line into its items; let Punkt cut each item;
    undo the cuts that a rule of `JOINS` names; make the cuts Punkt missed (`_missed_cuts`).
    """
    end = len(text) if end is None else end
    chunk = _prepare(text[start:end])
    may_cut = "…" in chunk or "..." in chunk or "m." in chunk or "M." in chunk
    spans: list[tuple[int, int]] = []
    for item_start, item_end in _list_items(chunk):
        punkt = [(item_start + s, item_start + e)
                 for s, e in _sentence_splitter().span_tokenize(chunk[item_start:item_end])]
        for s, e in _joined(chunk, punkt):
            cut = s
            for left_end, right_start in _missed_cuts(chunk, s, e) if may_cut else ():
                spans.append((start + cut, start + left_end))
                cut = right_start
            spans.append((start + cut, start + e))
    return _closing_marks_moved(text, spans)


def _closing_marks_moved(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences where a closing curly mark glued to the next sentence (`years.’The`, `won.”The`) ends
    the sentence it closes rather than starting the next one, as Punkt cut it."""
    moved: list[tuple[int, int]] = []
    for s, e in spans:
        if moved and moved[-1][1] == s and text[s] in _CLOSING_MARKS and text[s - 1] in ".?!":
            marks = s
            while marks < e and text[marks] in _CLOSING_MARKS:
                marks += 1
            if marks < e and text[marks].isalpha():
                moved[-1], s = (moved[-1][0], marks), marks
        moved.append((s, e))
    return moved


def _straightened(chunk: str) -> str:
    """`chunk` with the marks of `_STRAIGHTEN` replaced one for one (an ASCII text has none of them)."""
    if chunk.isascii():
        return chunk
    for mark, plain in _STRAIGHTEN:
        if mark in chunk:
            chunk = chunk.replace(mark, plain)
    return chunk


def _prepare(chunk: str) -> str:
    """The paragraph as Punkt should see it, of the same length: straight quotes, ". . ." as "…"."""
    chunk = _straightened(chunk)
    if ". ." in chunk or ".\xa0." in chunk:
        chunk = _SPACED_ELLIPSIS.sub(lambda match: "…" * len(match.group()), chunk)
    return chunk


def _list_items(chunk: str) -> list[tuple[int, int]]:
    """The paragraph cut before each item of a list run into one line ("1) Raise taxes 2) Cut rates").

    A list starts with an item marker at the paragraph start or after a sentence end, and goes on
    with markers of the same style that count up by one (1, 2, 3 or a, b, c).
    """
    first = _LIST_MARKER.match(chunk) or _LIST_AFTER_END.search(chunk)
    if first is None:
        return [(0, len(chunk))]
    cuts: list[int] = []
    expected = None
    for match in _LIST_MARKER.finditer(chunk, first.start()):
        bullet, number, letter, closer = match.groups()
        value = int(number) if number else ord(letter)
        style = ((bullet or "").strip(), number is not None, closer)
        if expected == (style, value):
            cuts.append(match.start())
            expected = (style, value + 1)
        elif (number or letter == "a") and (
                match.start() == 0 or _AFTER_SENTENCE_END.search(chunk, max(0, match.start() - 4), match.start())):
            expected = (style, value + 1)
    edges = [0, *cuts, len(chunk)]
    return list(zip(edges, edges[1:]))


# Each join rule says whether the sentence `right` goes on with `left` although Punkt cut between them.

def join_before_closing_bracket(chunk: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """A bracket closes after the cut: "(D-N.C.), head of ..." is one sentence."""
    return chunk[right[0]] in ")]"


def join_after_list_marker(chunk: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """An item number is no sentence: "1. Raise the levy." is one."""
    return left[1] - left[0] <= 6 and _MARKER_ONLY.fullmatch(chunk, *left) is not None


def join_before_lower_case(chunk: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """A lower-case word goes on after "?" or "!" and after a full stop inside a quote or bracket.

    '"We are ready." he said.', 'at Yahoo! in London', 'The mayor (she took office in May.) has not'.
    """
    return chunk[right[0]].islower() and _MARK_BEFORE_CLAUSE.search(chunk, max(left[0], left[1] - 8), left[1]) is not None


def join_after_initials(chunk: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Dotted initials end a sentence only before a sentence starter ("the U.A.E. The ministry ...").

    'exports from the U.A.E. rose', 'Shares in I.B.M. Corp. fell', 'Rep. G.K. Butterfield' go on;
    a state after its town ('at Bedminster, N.J. Roger Ailes met') goes on only before lower case.
    """
    initials = None
    if chunk[left[1] - 3:left[1] - 2] == ".":
        initials = _INITIALISM_END.search(chunk, max(left[0], left[1] - _INITIALISM_WIDTH), left[1])
    word = _FIRST_WORD.match(chunk, right[0], right[1])
    if initials is None or word is None:
        return False
    if word.group(1)[0].islower():
        return True
    after_town = chunk[max(left[0], initials.start() - 2):initials.start()] == ", "
    return not after_town and word.group(1).lower() not in punkt_parameters().sent_starters


JOINS = (join_before_closing_bracket, join_after_list_marker, join_before_lower_case, join_after_initials)


def _joined(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Punkt's sentences, joined again where a rule of `JOINS` undoes the cut."""
    joined: list[tuple[int, int]] = []
    for span in spans:
        if joined and _continues(chunk, joined[-1], span):
            joined[-1] = (joined[-1][0], span[1])
        else:
            joined.append(span)
    return joined


def _continues(chunk: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    for rule in JOINS:
        if rule(chunk, left, right):
            return True
    return False


def _missed_cuts(chunk: str, start: int, end: int) -> list[tuple[int, int]]:
    """(end of one sentence, start of the next) inside `chunk[start:end]` where Punkt did not cut.

    An ellipsis before a capitalised word ("we haven't lost the war … We hold"), and a clock time
    before one ("at 6 p.m. Police sealed off"), unless the word goes with the time ("8 p.m. Friday",
    "9 a.m. EST") or the time opens the sentence ("At 5 a.m. Mr Ruiz left").
    """
    ends: list[int] = []
    scanned, word_seen = start, False  # an ellipsis cuts only after a word of its own sentence
    for match in _ELLIPSIS_BREAK.finditer(chunk, start, end):
        word_seen = word_seen or _WORD.search(chunk, scanned, match.start()) is not None
        scanned = match.end()
        if word_seen:
            ends.append(match.end())
            word_seen = False
    ends += [match.end() for match in _CLOCK_TIME_BREAK.finditer(chunk, start, end)
             if not _TIME_COMPANION.fullmatch(match.group(1))
             and not _TIME_OPENING.fullmatch(chunk, start, match.start() + 1)]
    return [(e, _SPACE.match(chunk, e, end).end()) for e in sorted(set(ends))]


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each word token in `text[start:end]`, as offsets into `text`."""
    end = len(text) if end is None else end
    chunk = _straightened(text[start:end])
    return [(start + s, start + e) for s, e in _word_tokenizer.span_tokenize(chunk)]


def stands_alone(sentence: str) -> bool:
    """Whether a sentence of an article is certainly one sentence when split on its own: it has no line
    break and no list-item marker, the only things the splitter reads beyond a sentence's own words."""
    return "\n" not in sentence and "\r" not in sentence and _LIST_MARKER.search(sentence) is None


_SENTENCE_BREAK = re.compile(r"[.?!…؟\r\n]")  # what any cut of `split_sentences` or `iter_paragraphs` needs
_FINAL_CLOSERS = "\"'”’»)]"  # closing quotes and brackets that may follow a sentence's final mark


def one_sentence(text: str) -> bool:
    """Whether `sentence_spans(text)` is certainly the whole text trimmed of white space: it has no line
    break, no list-item marker and no mark that ends a sentence but maybe its last character, or the last
    before closing quotes and brackets ('They left.', 'it was "madness."'): Punkt cuts only before a word
    that follows a mark, and every other cut needs a mark or a line break."""
    end = len(text.rstrip())
    last = max(len(text[:end].rstrip(_FINAL_CLOSERS)) - 1, 0)  # where a final mark may stand
    return _SENTENCE_BREAK.search(text, 0, last) is None and "\n" not in text[last:] \
        and "\r" not in text[last:] and _LIST_MARKER.search(text) is None


def iter_sentence_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """(paragraph, start, end) of every sentence in a text, paragraph by paragraph."""
    for p, (ps, pe) in enumerate(iter_paragraphs(text)):
        for s, e in split_sentences(text, ps, pe):
            yield p, s, e


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of every sentence in a text."""
    return list(iter_sentence_spans(text))


class Document:
    """One article split once into sentences, as plain column lists that every stage reads.

    `columns` maps each of `SENTENCE_COLUMNS` to a list (one value per sentence, in reading order):
    the sentences table without pandas.
    """

    __slots__ = ("article", "columns")

    def __init__(self, article: Article, columns: dict[str, list]):
        self.article = article
        self.columns = columns

    @classmethod
    def from_table(cls, article: Article, table: pd.DataFrame) -> Document:
        """The document of `article` with the sentences of a table from `sentences` (or `Analysis.sentences`)."""
        _check_article(article)
        missing = [name for name in SENTENCE_COLUMNS if name not in table]
        if missing:
            raise InputError(f"{article.id}: the sentences table lacks {', '.join(missing)} (see presslens.tokenize.sentences)")
        return cls(article, {name: table[name].tolist() for name in SENTENCE_COLUMNS})

    def table(self) -> pd.DataFrame:
        """The sentences as a DataFrame (`sentences`)."""
        return sentence_frame(self.columns)


def sentence_frame(columns: dict[str, list]) -> pd.DataFrame:
    """The sentences table of `Document.columns` (of one article or of many joined)."""
    if not columns["sentence"]:
        return pd.DataFrame([], columns=SENTENCE_COLUMNS)
    return pd.DataFrame({name: columns[name] for name in SENTENCE_COLUMNS}, columns=SENTENCE_COLUMNS)


def _check_article(article: object) -> None:
    """Every stage reads an `Article` (`presslens.from_text` makes one from a string)."""
    if not isinstance(article, Article):
        raise InputError(f"expected a presslens.Article, got {type(article).__name__} "
                         "(make one with presslens.from_text or presslens.load)")


def document(article: Article) -> Document:
    """`article` split into paragraphs and sentences once (see `sentences` for the ids)."""
    _check_article(article)
    spans = sentence_spans(article.text)
    text = article.text
    return Document(article, {"article_id": [article.id] * len(spans), "sentence": list(range(len(spans))),
                              "paragraph": [p for p, _, _ in spans], "start": [s for _, s, _ in spans],
                              "end": [e for _, _, e in spans], "text": [text[s:e] for _, s, e in spans]})


def sentences(article: Article) -> pd.DataFrame:
    """One row per sentence: article_id, sentence, paragraph, start, end, text.

    Sentence ids count from 0 in reading order; a headline is its own paragraph.
    """
    return document(article).table()


def tokens(article: Article, sentence_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per word token: article_id, sentence, token, start, end, text (token ids count per article)."""
    table = sentences(article) if sentence_table is None else sentence_table
    rows: list[tuple] = []
    for sentence_rows in _token_rows(article, zip(table["sentence"], table["start"], table["end"])):
        rows += sentence_rows
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


def token_chunks(article: Article, *, rows: int = 50_000) -> Iterator[pd.DataFrame]:
    """`tokens(article)` in pieces of about `rows` rows (whole sentences), made one at a time.

    Concatenated, the pieces are `tokens(article)`; memory stays bounded however long the text
    (`presslens tokens` writes a 50 MB file this way). An article without tokens gives no piece.
    """
    numbered = ((i, s, e) for i, (_, s, e) in enumerate(iter_sentence_spans(article.text)))
    batch: list[tuple] = []
    for sentence_rows in _token_rows(article, numbered):
        batch += sentence_rows
        if len(batch) >= rows:
            yield pd.DataFrame(batch, columns=TOKEN_COLUMNS)
            batch = []
    if batch:
        yield pd.DataFrame(batch, columns=TOKEN_COLUMNS)


def _token_rows(article: Article, numbered_sentences: Iterable[tuple[int, int, int]]) -> Iterator[list[tuple]]:
    """The token rows of each sentence given as (sentence id, start, end); token ids count from 0."""
    token_id, text = 0, article.text
    for sentence_id, s, e in numbered_sentences:
        spans = word_spans(text, s, e)
        yield [(article.id, sentence_id, token_id + i, ts, te, text[ts:te]) for i, (ts, te) in enumerate(spans)]
        token_id += len(spans)
