"""Quotes and attribution: every statement an article attributes to someone, and who said it.

`extract(article)` returns one row per attributed statement:

- **direct**: words inside double quote marks (straight, curly or guillemets) that stand as a
  whole utterance; single quotes inside them stay part of the text. A quote that runs over
  several paragraphs (each paragraph opens with a quote mark, only the last one closes) is one
  quote split into parts, one row per paragraph, sharing a `quote_id`. A quote that is never
  closed ends at its paragraph end. „…“ (German) and »…« pair up; a “ that no word follows closes
  a quote; an opening mark inside an open quote stays part of it (so unbalanced marks cost linear time).
- **partial**: reported speech that contains quoted words (`regime forces hope to "cleanse the
  whole of Syria"`), or quoted words after a naming cue (`dubbed by rebels "the capital ..."`).
  `text` is the whole attributed content, quote marks included.
- **indirect**: reported speech without quote marks (`X said (that) ...`, `..., X said`,
  `according to X, ...`, `X said: ...`, `..., adding ...`), beliefs and intentions (`X fears ...`,
  `X declined to ...`), and the question of a sentence-initial `Asked if ...,` (no speaker).
  A bare pro-form (`denied it`, `said so`) is no statement.

Two layouts have no reporting verb: a quote signed after a dash (`“…” ― Sonya Herridge`, cue
"―") and a transcript turn (`PENCE: Well, ...`, a label in capitals at a paragraph start, cue
":"; the whole paragraph is the content). Their kind follows the quote marks like any other:
a turn inside quote marks is direct, one without them partial (when it holds quoted words) or indirect.

`text`, `start`, `end` give the content (without the enclosing quote marks of a direct quote,
and without a trailing comma); every offset indexes `Article.text` exactly.

Speakers. `speaker` is the mention as written next to the cue ("he", "state television",
"Homs-based activist Mahmud al-Lowz"), empty when the text names nobody. `speaker_name` and
`speaker_role` describe who it is after resolution, with this convention:

- a mention ending in a proper name: the name is the trailing run of capitalised words (with
  particles such as "al-"), the role is what comes before it, determiners dropped
  ("Homs-based activist Mahmud al-Lowz" -> role "Homs-based activist", name "Mahmud al-Lowz";
  "Brian Fallon, the campaign's press secretary" -> name "Brian Fallon", role "campaign's press
  secretary");
- an organisation or medium (its last word is an institution noun in `data/quotes_words.csv`):
  the name is the mention without its determiner, the role is empty ("state television");
- any other description is a role with an empty name ("An army officer" -> role "army officer").

`resolved_by` says how the speaker was found: `same-sentence` (the cue links the mention,
including "X said:" before a quote), `pronoun` ("he added" takes the latest earlier speaker that
is not a pronoun), `continuation` (a paragraph that is only a quote continues the speaker of the
statement just before it) or `none`.

`cue` is the reporting verb or phrase with its auxiliary or adverb ("also told", "according to");
the cue vocabulary is `data/cues.csv`, the channels ("via the internet", "in a statement") are
`data/channels.csv`, the word classes for speaker phrases are `data/quotes_words.csv`.
"""
from __future__ import annotations

import bisect
import csv
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple
from importlib import resources

import numpy as np
import pandas as pd

from . import tokenize
from .model import Article

QUOTE_COLUMNS = [
    "article_id", "quote_id", "kind", "text", "start", "end",
    "speaker", "speaker_start", "speaker_end", "speaker_name", "speaker_role", "resolved_by",
    "cue", "cue_start", "cue_end", "channel", "paragraph", "sentence",
]

_OPENERS = "“«„‟"
_CLOSERS = "”»"
_AFTER_CLOSER = ",.;:!?)]"  # characters that follow a closing mark, not an opening one
# Two apostrophes ('' … '') and two backticks (`` … '') are double quote marks in some typography (NYT).
_QUOTE_MARK = re.compile(r"``|''|[\"“”«»„‟]")
_NEUTRALISE = str.maketrans({"\x01": "\x03", "\x02": "\x03"})  # input characters that look like the mask
# Word tokens keep inner apostrophes, hyphens, dots and ampersands ("al-Lowz", "U.S", "Assad’s").
_TOKEN = re.compile(r"(\x01+|\x02+)|(\w+(?:['’\-&./]\w+)*)|([^\s\w])")
_WORD = re.compile(r"\w+")
_NOT_LAST = frozenset({"to", "of", "the", "a", "an", "and", "'s", "’s"})  # a speaker phrase never ends so
_MAX_SPEAKER_TOKENS = 16
_MAX_SIGNER_TOKENS = 8  # the name after a dash that signs a quote ('“…” ― Edwin G. Monroy')
# A transcript turn: a speaker label in capitals and a colon at a paragraph start, maybe after a quote mark.
_TURN = re.compile(r"(?P<mark>[\"“]?)(?P<label>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,2}):[ \t\xa0]+(?=\S)")
_TURN_LOOKAHEAD = 40  # the words after a turn label must not all be capitals (a headline)
_TITLE_CASE_SHARE = 0.7  # a unit with this share of capitalised words is a headline, whose cues are capitalised
_MAX_ADVERBIAL_TOKENS = 10  # a phrase between a cue and "that" ("said at a rally in Ohio on Monday that")
_MAX_INTERRUPTION_TOKENS = 16  # words between a cue and the rest of its quote ('"A," he said on Monday, "B"')
_DASHES = frozenset({"―", "—", "–", "-"})
_CONTRACTED_PRONOUN = re.compile(r"(\w+)['’](?:s|d|ll|ve|re)")  # "he’s", "they'd"
_QUOTE_OPENS_AFTER = _DASHES | {".", "?", "!", ";"}  # marks after which a quote is a new statement
_MAX_DATELINE_TOKENS = 8  # "WASHINGTON (AP) —", "BEIRUT, Lebanon —"
_MAX_APPOSITION_TOKENS = 40  # "said X, <apposition to the sentence end>" is at most this long
# A "sentence" longer than this is not prose (a table, a list, noise): its cues are not analysed,
# which keeps the work linear in the text length.
_MAX_UNIT_TOKENS = 400
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "del", "da", "di", "du", "van", "von",
                             "der", "den", "la", "le", "st", "jr", "sr"})
_INSIDE_SPEAKER_PUNCT = frozenset({".", "(", ")", "&", "'", "’"})


def _data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("presslens").joinpath(f"data/{name}").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


@dataclass(frozen=True)
class _Lexicon:
    cues: dict[str, list[tuple[tuple[str, ...], str, str]]]  # first word -> (words, lemma, kind), longest first
    channel_pattern: re.Pattern
    words: dict[str, frozenset[str]]  # class -> words


@lru_cache(maxsize=None)
def _lexicon() -> _Lexicon:
    cues: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for row in _data_rows("cues.csv"):
        for form in row["forms"].split():
            words = tuple(form.lower().split("_"))
            cues.setdefault(words[0], []).append((words, row["lemma"], row["kind"]))
    for entries in cues.values():
        entries.sort(key=lambda entry: len(entry[0]), reverse=True)
    classes: dict[str, set[str]] = {}
    for row in _data_rows("quotes_words.csv"):
        classes.setdefault(row["class"], set()).add(row["word"].lower())
    words = {name: frozenset(members) for name, members in classes.items()}
    phrases = sorted((row["phrase"].lower() for row in _data_rows("channels.csv")), key=len, reverse=True)
    channel_pattern = re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
                                 + r")(?!\w)", re.IGNORECASE)
    return _Lexicon(cues, channel_pattern, words)


@dataclass
class _Quote:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark, or the paragraph end)
    mark_start: int
    mark_end: int
    paragraph: int
    group: int  # quotes of one multi-paragraph quote share a group
    continues: bool = False  # a later part of a multi-paragraph quote
    used: bool = False


@dataclass
class _Statement:
    kind: str
    parts: list[tuple[int, int]]
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None
    channel: str
    resolved_by: str
    paragraph: int
    speaker_name: str = ""
    speaker_role: str = ""
    continues: _Statement | None = None  # the statement a continuation paragraph continues
    content_first: bool = False  # the content comes before the cue ('"...," she said')
    quotes: list[_Quote] = field(default_factory=list)


def _closes(opener: str, mark: str) -> bool:
    """Whether `mark` closes a quote opened with `opener`.

    Any closing mark closes a quote, and a straight mark closes any open quote; the German „…“
    closes with “, and the reversed guillemets »…« (German, Danish) close only with «.
    """
    if opener == "»":
        return mark in "«\""
    return mark in _CLOSERS or mark == '"' or (opener == "„" and mark == "“")


def _find_quotes(text: str, paragraph_spans: list[tuple[int, int]]) -> list[_Quote]:
    """Quote spans paragraph by paragraph; an unclosed quote ends at its paragraph end.

    A paragraph that opens with a quote mark while the previous paragraph's quote is still open
    continues that quote (the news convention for multi-paragraph quotes). An opening mark inside
    an open quote closes it and opens a new one, so unbalanced marks never swallow a paragraph.
    """
    quotes: list[_Quote] = []
    groups = itertools.count()
    carried: int | None = None  # group of the quote left open at the previous paragraph end
    for number, (p_start, p_end) in enumerate(paragraph_spans):
        open_at: int | None = None
        opener, open_size = "", 1
        open_group, open_continues = 0, False
        nested = 0  # curly quotes open inside a quote opened with a straight mark
        for match in _QUOTE_MARK.finditer(text, p_start, p_end):
            i, mark, size = match.start(), match.group(), match.end() - match.start()
            mark = '"' if mark == "''" else "“" if mark == "``" else mark  # two-character marks read as one
            if opener == '"' and open_at is not None and mark in "“”":
                # '"... the question: “As you know ...?” Forty-three ..."': curly marks nest inside straight ones
                if mark == "“" and i + 1 < p_end and text[i + 1].isalnum():
                    nested += 1
                    continue
                if mark == "”" and nested:
                    nested -= 1
                    continue
            if open_at is not None and (_closes(opener, mark) or (
                    mark == "“" and (i + 1 >= p_end or text[i + 1].isspace() or text[i + 1] in _AFTER_CLOSER))):
                # an opening “ that no word follows closes the quote ("an “expedited review“ of")
                quotes.append(_Quote(open_at + open_size, i, open_at, i + size, number, open_group, open_continues))
                open_at = None
                continue
            # "»" opens a quote only where a word follows it directly ("»Inverted« the clerk said"), and so
            # does a "”" typed for "“" at the paragraph start or after a space ('”Fear. I am ...')
            next_is_word = i + 1 < p_end and text[i + 1].isalnum()
            is_open = mark in _OPENERS or mark == '"' or open_at is None and (
                (mark == "»" and next_is_word)
                or (mark == "”" and (i == p_start or (next_is_word and text[i - 1].isspace()))))
            if not is_open or open_at is not None:  # an opener inside an open quote stays part of it
                continue
            open_continues = i == p_start and carried is not None
            open_group = carried if open_continues else next(groups)
            open_at, opener, open_size, nested = i, mark, size, 0
        carried = None
        if open_at is not None:
            quotes.append(_Quote(open_at + open_size, p_end, open_at, p_end, number, open_group, open_continues))
            carried = open_group
    return [q for q in quotes if _WORD.search(text, q.start, q.end)]  # marks around no word are no quote


class _Token(NamedTuple):
    start: int
    end: int
    kind: str  # "W" word, "Q" a whole quote with its marks, "P" punctuation
    lower: str
    capital: bool  # name-like first letter (see `_name_like`)


@dataclass(frozen=True)
class _Cue:
    first: int  # index of its first token
    last: int  # index after its last token
    lemma: str
    kind: str
    participle: bool


@dataclass
class _Found:
    """A statement found in one unit, with the token range it uses (speaker, cue and content)."""

    statement: _Statement
    low: int
    high: int
    cue_first: int


class _Extractor:
    """Finds the statements of one article; one instance per article."""

    def __init__(self, article: Article, sentence_table: pd.DataFrame):
        self.text = article.text
        self.lex = _lexicon()
        self.words = self.lex.words
        rows = zip(sentence_table["start"].tolist(), sentence_table["end"].tolist(),
                   sentence_table["paragraph"].tolist())
        self.sentence_rows = sorted(rows)
        spans: dict[int, list[int]] = {}
        for start, end, paragraph in self.sentence_rows:
            span = spans.setdefault(paragraph, [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
        paragraph_ids = sorted(spans)
        self.quotes = _find_quotes(self.text, [(spans[p][0], spans[p][1]) for p in paragraph_ids])
        for quote in self.quotes:
            quote.paragraph = paragraph_ids[quote.paragraph]
        self.quote_starts = [q.mark_start for q in self.quotes]
        self.quote_at = {q.mark_start: q for q in self.quotes}
        self.masked = self._mask()
        self.all_tokens = self._tokenize()
        self.token_starts = [t.start for t in self.all_tokens]
        self.statements: list[_Statement] = []
        self.belief_tokens: set[int] = set()  # token indices of belief cues in the current unit

    # -- preparation ----------------------------------------------------------------------------
    def _mask(self) -> str:
        """The text with every quote (marks included) replaced by a run of one placeholder.

        The placeholders \\x01 and \\x02 that occur in the input itself become \\x03 first (same
        length, still punctuation), so only real quotes look like quotes.
        """
        text = self.text.translate(_NEUTRALISE)
        pieces, position = [], 0
        for number, quote in enumerate(self.quotes):
            pieces.append(text[position:quote.mark_start])
            pieces.append(("\x01" if number % 2 == 0 else "\x02") * (quote.mark_end - quote.mark_start))
            position = quote.mark_end
        pieces.append(text[position:])
        return "".join(pieces)

    def _units(self) -> list[tuple[int, int, int]]:
        """(start, end, paragraph) of each sentence, merged where a quote runs across the boundary
        or where the sentence splitter cut an attribution off its quote ('"Why?" Vitter asked.')."""
        units: list[list[int]] = []
        for start, end, paragraph in self.sentence_rows:
            if units and units[-1][2] == paragraph and (self._quote_across(units[-1][1], start)
                                                        or self._attached(units[-1][0], units[-1][1], start, end)):
                units[-1][1] = end
            else:
                units.append([start, end, paragraph])
        return [(s, e, p) for s, e, p in units]

    def _attached(self, left_start: int, left_end: int, start: int, end: int) -> bool:
        """Whether sentence text[start:end] belongs to the sentence before it.

        It does when it starts with a small letter, a closing bracket, comma, semicolon or dash, when the
        sentence before ends with a quote closed after "?", "!" or ",", or when it is a short phrase
        with a cue ("Vitter demanded.").
        """
        text = self.text
        if text[start].islower() or text[start] in "),;―—–":  # "Rep. Elijah Cummings (D-Md.), chair of ..."
            return True
        if text[start] in _OPENERS or text[start] in '"»' or text.startswith(("''", "``"), start):
            return False
        tail = text[left_start:left_end].rstrip()
        tail = tail[:-1] if tail.endswith("''") else tail
        if len(tail) >= 2 and tail[-1] in '"”»\'' and tail[-2] in "?!,":
            return True
        words = _WORD.findall(text, start, end)
        if len(words) > 6:
            return False
        cue = next((i for i, w in enumerate(words) if w.lower() in self.lex.cues and not w[0].isupper()), None)
        # nothing but a name or a time after the cue ("said Smith.", "he said Friday."), not "It stated that ..."
        return cue is not None and all(w[0].isupper() or w.lower() in self.words["time"]
                                       or w.lower() in self.words["time_unit"] for w in words[cue + 1:])

    def _quote_across(self, left: int, right: int) -> bool:
        index = bisect.bisect_left(self.quote_starts, left) - 1
        return index >= 0 and self.quotes[index].mark_end > right

    def _tokenize(self) -> list[_Token]:
        new, kinds = tuple.__new__, (None, "Q", "W", "P")
        return [new(_Token, (m.start(), m.end(), kinds[m.lastindex], m.group().lower(), _name_like(m.group())))
                for m in _TOKEN.finditer(self.masked)]

    def _tokens(self, start: int, end: int) -> list[_Token]:
        """The tokens of text[start:end] (a unit)."""
        return self.all_tokens[bisect.bisect_left(self.token_starts, start):bisect.bisect_left(self.token_starts, end)]

    def _cues(self, tokens: list[_Token]) -> list[_Cue]:
        """Cue phrases among `tokens`, each with the auxiliaries and adverbs just before it."""
        table, prefixes = self.lex.cues, self.words["cue_prefix"]
        cues = []
        count = len(tokens)
        words = [t for t in tokens if t.kind == "W"]
        title_case = len(words) >= 4 and sum(t.capital for t in words) >= _TITLE_CASE_SHARE * len(words)
        for i, token in enumerate(tokens):
            entries = table.get(token.lower) if token.kind == "W" else None
            if not entries:
                continue
            for words, lemma, kind in entries:
                size = len(words)
                if i + size <= count and all(tokens[i + m].lower == words[m] for m in range(1, size)):
                    break
            else:
                continue
            inverted = i == 0 and token.lower in ("said", "says") and i + 1 < count and tokens[i + 1].capital
            if token.capital and kind != "according" and not (title_case and i > 0 and kind == "speech") \
                    and not inverted:
                continue  # "Said" as a name, "Report" in a headline; but "X, Lindsey Graham Says"
            first = i
            while first > i - 3 and first > 0 and (tokens[first - 1].lower in prefixes
                                                   or self._adverb(tokens, first - 1)):
                first -= 1
            cues.append(_Cue(first, i + size, lemma, kind, words[0].endswith("ing") and kind != "according"))
        starts = {cue.first for cue in cues}
        return [cue for cue in cues if cue.last not in starts]  # "An early tweet said": the first is a noun

    def _adverb(self, tokens: list[_Token], i: int) -> bool:
        """Whether token `i` is an -ly adverb ("boldly suggested"), not "the daily" or "family"."""
        token = tokens[i]
        return (token.kind == "W" and not token.capital and len(token.lower) > 4 and token.lower.endswith("ly")
                and token.lower not in self.words["not_adverb"]
                and not (i > 0 and (tokens[i - 1].lower in self.words["determiner"]
                                    or tokens[i - 1].lower.endswith(("’s", "'s")))))

    # -- speaker phrases --------------------------------------------------------------------------
    def _in_phrase(self, tokens: list[_Token], i: int, cue_tokens: set[int]) -> bool:
        """Whether token `i` can be part of a speaker phrase."""
        token = tokens[i]
        if token.kind == "Q" or i in cue_tokens:
            return False
        if token.kind == "P":
            return token.lower in _INSIDE_SPEAKER_PUNCT
        if token.lower in self.words["boundary"]:
            return False
        if not token.capital and len(token.lower) > 4 and token.lower.endswith("ed") and "-" not in token.lower \
                and i + 1 < len(tokens):  # a verb ("showed a group") rather than an adjective ("retired Air")
            after = tokens[i + 1].lower  # but "a survey conducted by X found" is one phrase
            return after == "by" or not (after in self.words["determiner"] or after in self.words["opener"]
                                         or after in self.words["pronoun"])
        return True

    def _phrase_before(self, tokens: list[_Token], i: int, low: int, cue_tokens: set[int]) -> tuple[int, int]:
        """(first token of the speaker phrase ending before token `i`, index of the token that stops it)."""
        j, length = i - 1, 0
        while j >= low and length < _MAX_SPEAKER_TOKENS and self._in_phrase(tokens, j, cue_tokens):
            j, length = j - 1, length + 1
        if length >= _MAX_SPEAKER_TOKENS:
            return i, j
        k = j + 1
        while k < i and (tokens[k].kind == "P" or tokens[k].lower in self.words["coordinator"]):
            k += 1  # "..., and human rights groups warned": the phrase starts after "and"
        if k < i and tokens[k].lower in self.words["opener"]:
            # "In Ohio the governor said": the phrase starts at the next determiner, if any
            k = next((m for m in range(k + 1, i) if tokens[m].lower in self.words["determiner"]), i)
        if all(t.kind != "W" or t.lower in self.words["determiner"] for t in tokens[k:i]) or (
                tokens[k].lower in self.words["pronoun"] and tokens[k + 1].lower != "and" and not all(
                    self._adverb(tokens, m) or tokens[m].lower in self.words["opener"]
                    or tokens[m].lower in self.words["time"] or tokens[m].lower in self.words["cue_prefix"]
                    or tokens[m].lower.endswith(("n't", "n’t")) for m in range(k + 1, i))):
            return i, j  # no noun, or a pronoun and a verb ("and they made plans"): no speaker
        return k, j

    def _speaker_end(self, tokens: list[_Token], first: int, end: int) -> int:
        """End of a speaker phrase just before its cue, without what PolNeAR leaves out of the source:
        a channel ("Romero in a statement said") and time words ("Feinstein last week said")."""
        match = self.lex.channel_pattern.search(self.masked, tokens[first].start, tokens[end - 1].end)
        if match and match.end() == tokens[end - 1].end and match.start() > tokens[first].start:
            while end > first + 1 and tokens[end - 1].start >= match.start():
                end -= 1
        return self._before_time(tokens, first, end)

    def _before_time(self, tokens: list[_Token], first: int, end: int) -> int:
        """End of a speaker phrase without the time words that end it ("Feinstein last week said")."""
        while end - first > 1:
            last = tokens[end - 1].lower
            if last in self.words["time"] and tokens[end - 2].lower != "of":
                end -= 1
            elif last in self.words["time_unit"] and end - first > 2 \
                    and tokens[end - 2].lower in {"last", "this", "next"}:
                end -= 2
            else:
                break
        return end

    def _phrase_after(self, tokens: list[_Token], i: int, high: int, cue_tokens: set[int],
                      any_start: bool = False, longest: int = _MAX_SPEAKER_TOKENS) -> int:
        """End (exclusive) of a speaker phrase starting at token `i` ("said Smith", "according to X")."""
        j = i
        while j < high and j - i < longest and self._in_phrase(tokens, j, cue_tokens):
            if tokens[j].lower == "." and (j + 1 >= high or not tokens[j + 1].capital) \
                    and not (j > i and ("." in tokens[j - 1].lower or tokens[j - 1].lower in self.words["title"])
                             and j + 1 < high and (tokens[j + 1].kind == "W" or tokens[j + 1].lower == ")")):
                break  # a sentence end, but not "a former U.S. law enforcement official"
            j += 1
        if j == i or (j < high and tokens[j].lower not in {",", ".", ";", "?", "!", ":"}
                      and tokens[j].kind != "Q"):
            return i
        if not (any_start or tokens[i].capital or tokens[i].lower in self.words["determiner"]):
            return i
        return j

    def _according_source(self, tokens: list[_Token], i: int, high: int, cue_tokens: set[int]) -> int:
        """End of the source after "according to": every word up to the next clause punctuation or quote
        ("according to three intelligence sources who spoke to Fox News but were not authorized to ...")."""
        j = i
        while j < high and j - i < _MAX_APPOSITION_TOKENS and j not in cue_tokens and (
                tokens[j].kind == "W" or tokens[j].lower in {"'", "’", "&", "(", ")"} or (
                tokens[j].lower == "." and j + 1 < high and tokens[j + 1].capital and j + 2 < high
                and tokens[j + 2].kind == "W")):
            j += 1
        if j == i or (j < high and tokens[j].kind == "W"):
            return i
        return j

    def _named(self, tokens: list[_Token], i: int, high: int) -> bool:
        """Whether a small-letter phrase at token `i` reaches a name within a few words ("former Gov. X")."""
        if i >= high or tokens[i].lower in self.words["opener"] or tokens[i].lower in self.words["time"]:
            return False
        return any(t.capital for t in tokens[i + 1:min(i + 5, high)] if t.kind == "W")

    def _subject(self, tokens: list[_Token], cue: _Cue, cue_tokens: set[int]) -> tuple[int, int] | None:
        """The subject at the start of the sentence (after "Meanwhile," or "On Monday,"), for a
        participle cue with no speaker of its own ("Trump walked on stage, chanting ...")."""
        first = self._past_dateline(tokens, 0, cue.first)
        if first < cue.first and (tokens[first].lower in self.words["opener"] or self._participle(tokens[first])
                                  or tokens[first].capital and tokens[first].lower.endswith("ing")):
            # "On Monday, ...", "Speaking at a town hall in Salem, Trump went after Bush, calling ..."
            first = next((i + 1 for i in range(first + 1, min(first + _MAX_SPEAKER_TOKENS, cue.first))
                          if tokens[i].lower == ","), first)
        if first < cue.first - 1 and tokens[first].lower in self.words["pronoun"]:
            return first, first + 1  # "She went on to attack Trump, saying ..."
        end = first
        name = tokens[first].capital and tokens[first].lower not in self.words["determiner"]
        while end < cue.first - 1 and end - first < 8 and self._in_phrase(tokens, end, cue_tokens) and (
                not name or tokens[end].capital or tokens[end].lower in _NAME_PARTICLES or tokens[end].kind == "P"):
            end += 1  # a subject that opens with a name is that name ("Kasich bemoaned ..., saying")
        while end > first and tokens[end - 1].kind == "P":
            end -= 1
        if end > first and (tokens[first].capital or tokens[first].lower in self.words["determiner"]
                            or tokens[first].lower in self.words["pronoun"]):
            return first, end
        return None

    def _apposition(self, tokens: list[_Token], end: int, high: int, cue_tokens: set[int]) -> int:
        """End of a speaker phrase extended by an apposition: "said Alan Cole, an economist at X"."""
        if end + 1 < high and tokens[end].lower == "," and tokens[end + 1].lower in self.words["determiner"]:
            extended = self._phrase_after(tokens, end + 1, high, cue_tokens)
            if extended > end + 1 and (extended >= high or tokens[extended].kind == "P"):
                end = extended
        return self._to_sentence_end(tokens, end, high, cue_tokens)

    def _to_sentence_end(self, tokens: list[_Token], end: int, high: int, cue_tokens: set[int]) -> int:
        """A speaker phrase after its cue that is followed by a comma takes the rest of the sentence
        ('"...," said Steve Elmendorf, deputy campaign manager for John Kerry's campaign.'), unless the
        rest holds a quote, a cue, a channel or an adverbial ("..., said X, in a statement")."""
        if not (end + 1 < high and tokens[end].lower == ","):
            return end
        last = high
        while last > end and tokens[last - 1].kind == "P":
            last -= 1
        rest = tokens[end + 1:last]
        if not rest or len(rest) > _MAX_APPOSITION_TOKENS or tokens[end + 1].lower in self.words["opener"] \
                or any(t.kind == "Q" for t in rest) \
                or any(i in cue_tokens and i not in self.belief_tokens for i in range(end + 1, last)) \
                or self.lex.channel_pattern.search(self.masked, rest[0].start, rest[-1].end):
            return end
        if self._participle(tokens[end + 1]):
            return end  # '"...," said Caddell, speaking of ...'
        for i in range(end + 1, last - 1):  # stop before ", of Florida's ...", ", in Ohio" or ", summing up ..."
            if tokens[i].lower == "," and (tokens[i + 1].lower in self.words["opener"] | {"of"}
                                           or self._participle(tokens[i + 1])):
                return i
        return last

    def _next_quote(self, tokens: list[_Token], k: int, high: int, cue_tokens: set[int]) -> int | None:
        """The index of a quote that goes on with the words of a quote before its cue: after a comma, "but"
        or "and", at most a short phrase after token `k` ('"A," he said, referring to X, "B."'), or None."""
        for j in range(k, min(high, k + _MAX_INTERRUPTION_TOKENS)):
            token = tokens[j]
            if token.kind == "Q":
                return j if j > k and tokens[j - 1].lower in {",", "but", "and"} and not any(
                    t.kind == "W" for t in tokens[j + 1:high]) else None
            if j in cue_tokens or token.lower in {".", ";", "?", "!"}:
                return None
        return None

    @staticmethod
    def _participle(token: _Token) -> bool:
        """Whether a token is a small-letter -ing word ("speaking", "referring")."""
        return token.kind == "W" and not token.capital and len(token.lower) > 5 and token.lower.endswith("ing")

    def _speaker_for(self, tokens: list[_Token], cue: _Cue, cue_tokens: set[int]) -> tuple[int, int, int, str]:
        """(first, end, stop index, channel) of the speaker phrase before a cue.

        Handles "NAME, APPOSITIVE, said" and "X, interview on state television, said".
        """
        i = cue.first
        if i > 0 and tokens[i - 1].lower == ",":
            k1, stop1 = self._phrase_before(tokens, i - 1, 0, cue_tokens)
            if k1 < i - 1 and stop1 >= 0 and tokens[stop1].lower == ",":
                chunk = self.masked[tokens[k1].start:tokens[i - 2].end]
                channel = chunk if self.lex.channel_pattern.fullmatch(chunk) else ""
                k0, stop0 = self._phrase_before(tokens, stop1, 0, cue_tokens)
                if k0 < stop1 and (tokens[k0].capital or tokens[k0].lower in self.words["determiner"]) and \
                        (stop0 < 0 or tokens[stop0].kind == "Q" or tokens[stop0].lower == ","):
                    if tokens[k1].kind == "W" and tokens[k1].lower.endswith("ing") and not tokens[k1].capital:
                        channel = channel or " "  # "Clinton, speaking to reporters on her plane, said"
                    if tokens[k0].lower in self.words["determiner"] and stop0 > 0 and tokens[stop0].lower == ",":
                        # "Dean Johnson, a salesman from Sumter, South Carolina, says": the name comes first
                        kp, stopp = self._phrase_before(tokens, stop0, 0, cue_tokens)
                        if kp < stop0 and tokens[kp].capital and tokens[kp].lower not in self.words["opener"] and (
                                stopp < 0 or tokens[stopp].kind == "Q" or tokens[stopp].lower == ","):
                            k0, stop0 = kp, stopp
                    end = stop1 if channel else i - 1
                    return k0, end, stop0, channel.strip()
            long_subject = self._long_subject(tokens, i - 1, cue_tokens)
            if long_subject:
                return 0, long_subject, -1, ""
            return i, i, i - 1, ""
        k, stop = self._phrase_before(tokens, i, 0, cue_tokens)
        return k, self._speaker_end(tokens, k, i), stop, ""

    def _long_subject(self, tokens: list[_Token], comma: int, cue_tokens: set[int]) -> int:
        """End of a subject with a long apposition or relative clause that opens the sentence and ends
        at the comma before the cue ("Scott Morris, a former official who ..., which ..., said"), or 0.

        The first chunk is a short noun phrase (a name or a determiner phrase); the next chunk does not
        open with an adverbial ("Smith, however, said"); nothing in between is a quote or a cue.
        """
        first = next((j for j in range(min(comma, 12)) if tokens[j].lower == ","), None)
        if first is None or first == 0 or first >= comma or comma > _MAX_APPOSITION_TOKENS:
            return 0
        if not (tokens[0].capital or tokens[0].lower in self.words["determiner"]) \
                or tokens[0].lower in self.words["opener"] or tokens[0].lower in self.words["pronoun"] \
                or not all(self._in_phrase(tokens, j, cue_tokens) for j in range(first)):
            return 0
        if tokens[first + 1].lower in self.words["opener"] or tokens[first + 1].kind != "W":
            return 0  # "Smith, however, said" is no apposition
        if tokens[first + 1].lower in ("who", "whose", "which"):
            return first  # "Friedman, who is white, said": the relative clause is not part of the source
        if any(t.kind == "Q" for t in tokens[:comma]) or any(
                j in cue_tokens and j not in self.belief_tokens for j in range(comma)):
            return 0
        return comma

    def _right(self, tokens: list[_Token], k: int, high: int, lemma: str) -> tuple[int, str, bool]:
        """(first content token after a cue, channel, whether a colon introduces the content)."""
        if lemma in {"tell", "assure", "warn"} and k < high:
            token = tokens[k]
            if token.lower in self.words["addressee"]:
                k += 1
            elif token.lower in self.words["determiner"] and k + 1 < high:
                k += 2
                while k < high and tokens[k].capital:
                    k += 1
            else:
                while k < high and (tokens[k].capital or tokens[k].lower == "."):
                    k += 1
            if k < high and tokens[k].kind == "Q" and (
                    (k + 1 < high and tokens[k + 1].lower == "that") or tokens[k - 1].kind == "W"):
                k += 1  # 'told MSNBC's "Morning Joe" that ...', 'told "Fox and Friends"': a programme's title
        channel = ""
        for _ in range(3):
            if k >= high:
                break
            match = self.lex.channel_pattern.match(self.masked, tokens[k].start, tokens[high - 1].end)
            if match:
                channel = match.group()
                while k < high and tokens[k].start < match.end():
                    k += 1
            elif tokens[k].lower in self.words["time"]:
                k += 1
                if k < high and tokens[k].lower in self.words["time_unit"]:
                    k += 1  # "said Friday afternoon"
            elif tokens[k].lower == "on" and k + 1 < high and tokens[k + 1].lower in self.words["time"]:
                k += 2
            else:
                break
        if k < high and tokens[k].lower in self.words["place"]:
            # "told reporters in Moscow: ...": a short place phrase before a colon
            m = k + 1
            while m < high and m - k <= 6 and tokens[m].kind == "W" and (tokens[m].capital or
                                                                         tokens[m].lower in self.words["determiner"]):
                m += 1
            if m > k + 1 and m < high and tokens[m].lower == ":":
                k = m
        k = self._past_adverbial(tokens, k, high)
        colon = k < high and tokens[k].lower == ":"
        return k + colon, channel, colon

    def _new_clause(self, tokens: list[_Token], i: int) -> bool:
        """Whether token `i` is in a clause of its own after ", although he ..." or ", but she ..."."""
        for m in range(i - 1, max(i - _MAX_SPEAKER_TOKENS, 1) - 1, -1):
            if tokens[m].lower == ",":
                return tokens[m + 1].lower in self.words["coordinator"]
            if tokens[m].kind != "W":
                return False
        return False

    def _only_adverbial(self, tokens: list[_Token], k: int, high: int, cue_tokens: set[int]) -> bool:
        """Whether tokens[k:high] are only a short adverbial phrase ("in his interview", "as he left")."""
        rest = tokens[k:high]
        return 0 < len(rest) <= _MAX_ADVERBIAL_TOKENS and rest[0].lower in self.words["opener"] \
            and rest[0].lower not in self.words["coordinator"] and not any(
                t.kind == "Q" or t.lower == "that" for t in rest) and not any(
                j in cue_tokens for j in range(k, high))

    def _past_adverbial(self, tokens: list[_Token], k: int, high: int) -> int:
        """The "that" after a short prepositional phrase at token `k` ("tweeted in the early hours that ..."),
        or `k` itself."""
        if k >= high or tokens[k].lower not in self.words["opener"] or tokens[k].kind != "W":
            return k
        for m in range(k + 1, min(high, k + _MAX_ADVERBIAL_TOKENS)):
            if tokens[m].lower == "that":  # but not "after the meeting that was held ..."
                relative = m + 1 < high and tokens[m + 1].lower in self.words["boundary"]
                return m if m > k + 1 and not relative else k
            if tokens[m].kind == "P" and tokens[m].lower not in {".", "’", "'"} or tokens[m].lower in self.lex.cues:
                return k  # a quoted programme title may be part of the phrase ('on ABC's "This Week" that')
        return k

    # -- statements -----------------------------------------------------------------------------
    def _content(self, tokens: list[_Token], first: int, end: int, cue_kind: str) -> tuple[str, list] | None:
        """(kind, parts) for the content tokens[first:end], or None when there is no content."""
        while first < end and tokens[first].kind == "P":
            first += 1
        first = self._past_dateline(tokens, first, end)
        while end > first and (tokens[end - 1].kind == "P" or tokens[end - 1].lower in self.words["coordinator"]):
            end -= 1  # "claimed that talks had failed, and a spokesman ...": the ", and" is no content
        if first >= end:
            return None
        span = tokens[first:end]
        quoted = [t for t in span if t.kind == "Q"]
        if quoted and all(t.kind != "W" for t in span):
            return ("partial" if cue_kind == "naming" else "direct"), [self.quote_at[t.start] for t in quoted]
        return ("partial" if quoted else "indirect"), [(span[0].start, span[-1].end)]

    def _past_dateline(self, tokens: list[_Token], first: int, end: int) -> int:
        """The first token after a dateline that opens a content ("WASHINGTON (AP) ― ..."), or `first`."""
        word = tokens[first].lower if first < end else ""
        agency = first + 1 < end and tokens[first].capital and tokens[first + 1].lower == "("  # "Washington (AFP) –"
        if not (agency or len(word) > 2 and self.text[tokens[first].start:tokens[first].end].isupper()):
            return first
        for j in range(first + 1, min(end, first + _MAX_DATELINE_TOKENS)):
            if tokens[j].lower in _DASHES:
                return j + 1
            if not (tokens[j].capital or tokens[j].lower in {"(", ")", ",", "."}):
                return first
        return first

    def _unit_statements(self, start: int, end: int, paragraph: int) -> tuple[list[_Found], _Statement | None]:
        """Statements whose cue lies in one unit, and a speaker left waiting by "X said:"."""
        tokens = self._tokens(start, end)
        if len(tokens) > _MAX_UNIT_TOKENS:
            return [], None
        cues = self._cues(tokens)
        cue_tokens = {i for cue in cues for i in range(cue.first, cue.last)}
        # a belief verb does not end an apposition ("said Rudolph Tanzi, a professor who discovered ...")
        self.belief_tokens = {i for cue in cues if cue.kind == "thought" for i in range(cue.first, cue.last)}
        high = len(tokens)
        # "..., adding ..." and "... and said ...": cues whose speaker is the one of the statement before them
        after_comma = [c for c in cues if c.first > 0 and (
            (c.participle and tokens[c.first - 1].lower == ",")
            or (c.kind in ("speech", "writing") and tokens[c.first - 1].lower in {"and", "but"}))]
        # contents also stop before a new clause with a pronoun or possessive subject (", and his aides have ...")
        stops = sorted([c.first - 1 for c in after_comma] + [
            i + (tokens[i].kind == "Q") for i in range(1, high - 2) if tokens[i + 1].lower in {"and", "but"}
            and (tokens[i].lower == "," or tokens[i].kind == "Q" and self.text[tokens[i].end - 2] == ",")
            and (tokens[i + 2].lower in self.words["pronoun"] or tokens[i + 2].lower in self.words["possessive"])])
        found: list[_Found] = []
        intro: _Statement | None = None

        def taken(i: int) -> bool:
            return any(f.low <= i < f.high for f in found)

        def content_end(k: int) -> int:
            """Content stops before ", adding ..." and before a statement already found."""
            ends = [s for s in stops if s >= k] + [f.low for f in found if f.low >= k]
            return min(ends, default=high)

        def make(kind_parts, speaker, cue, channel, low, high_, content_first=False) -> None:
            kind, parts = kind_parts
            speaker_span = (tokens[speaker[0]].start, tokens[speaker[1] - 1].end) if speaker else None
            if speaker and speaker[1] - speaker[0] == 1:
                pronoun = _CONTRACTED_PRONOUN.fullmatch(tokens[speaker[0]].lower)
                if pronoun and pronoun.group(1) in self.words["pronoun"]:  # "He’s said": the speaker is "He"
                    speaker_span = (speaker_span[0], speaker_span[0] + len(pronoun.group(1)))
            statement = _Statement(kind, [], speaker_span, (tokens[cue.first].start, tokens[cue.last - 1].end),
                                   channel, "same-sentence", paragraph, content_first=content_first)
            if not self._proform(parts):  # "a spokesman denied it" bounds the content before it, and is no statement
                self._add_parts(statement, parts)
            found.append(_Found(statement, low, high_, cue.first))

        first = 1 if tokens[0].lower == "when" else 0
        if high > first + 3 and tokens[first].lower == "asked" and tokens[first + 1].lower in self.words["question"]:
            # "Asked if he was ever bullied, the candidate said no": the question is asked by no one named
            comma = next((j for j in range(first + 2, high) if tokens[j].lower == ","), None)
            content = self._content(tokens, first + 1, comma, "speech") if comma else None
            if content:
                statement = _Statement(content[0], [], None, (tokens[first].start, tokens[first].end), "", "none",
                                       paragraph)
                self._add_parts(statement, content[1])
                found.append(_Found(statement, 0, comma, first))
        reporting = [c.last for c in cues if c.kind in ("speech", "writing")]
        for cue in reversed([c for c in cues if c not in after_comma]):
            if taken(cue.first):
                continue
            if cue.kind in ("thought", "stance") and reporting and reporting[0] <= cue.first \
                    and not self._new_clause(tokens, cue.first):
                continue  # "An officer said regime forces hope to ...": the belief is inside the reported words
            if cue.first == 0 and tokens[0].lower in ("said", "says") and tokens[0].capital:
                # 'Said Comey, "..."': the speaker follows the cue
                quote = next((j for j in range(cue.last + 1, min(high, cue.last + _MAX_APPOSITION_TOKENS))
                              if tokens[j].kind == "Q"), None)
                if quote is not None and tokens[quote - 1].lower in {",", ":"} and tokens[cue.last].capital:
                    make(self._content(tokens, quote, content_end(quote), cue.kind), (cue.last, quote - 1), cue, "",
                         0, content_end(quote))
                continue
            if cue.kind == "according":
                s_end = self._according_source(tokens, cue.last, high, cue_tokens)
                if s_end == cue.last:
                    continue
                before = cue.first > 0 and not (cue.first == 1 and tokens[0].kind == "P")
                after = s_end + 1 < high and tokens[s_end].lower in {",", "-", "–", "—"} and any(
                    t.kind != "P" for t in tokens[s_end + 1:content_end(s_end + 1)])
                if before and tokens[cue.first - 1].lower in {",", "-", "–", "—"} and after:
                    # "For Trump, according to X, the speech is a test": the content is on both sides
                    left = self._content(tokens, 0, cue.first - 1, cue.kind)
                    right = self._content(tokens, s_end + 1, content_end(s_end + 1), cue.kind)
                    if left and right:
                        kind = "partial" if "partial" in (left[0], right[0]) or "direct" in (left[0], right[0]) \
                            else "indirect"
                        content = (kind, [p for _, ps in (left, right) for p in ps])
                    else:
                        content = left or right
                    low, high_ = 0, content_end(s_end + 1)
                elif before:  # "X leads by 271 delegates according to a count by The AP"
                    content = self._content(tokens, 0, cue.first, cue.kind)
                    low, high_ = 0, s_end
                else:
                    content = self._content(tokens, s_end, content_end(s_end), cue.kind)
                    low, high_ = cue.first, content_end(s_end)
                if content:
                    channel = self._channel(tokens, cue.first, s_end)
                    make(content, (cue.last, s_end), cue, channel, low, high_)
                continue
            if cue.kind in ("naming", "passive") and cue.last < high and tokens[cue.last].lower == "by" \
                    or cue.kind == "passive":
                by = cue.last + (tokens[cue.last].lower == "by" if cue.last < high else 0)
                s_end = self._phrase_after(tokens, by, high, cue_tokens, any_start=by > cue.last)
                if s_end > by and s_end < high and tokens[s_end].kind == "Q":
                    make(self._content(tokens, s_end, s_end + 1, cue.kind), (by, s_end), cue, "", cue.first,
                         s_end + 1)
                continue
            s_first, s_end, stop, channel = self._speaker_for(tokens, cue, cue_tokens)
            if cue.participle and s_first < s_end and s_first > 0 and tokens[s_first - 1].kind == "W" \
                    and tokens[s_first - 1].lower not in self.words["opener"] and not tokens[s_first].capital \
                    and tokens[s_first].lower not in self.words["determiner"]:
                # "Clinton responded to the question on Facebook writing, ...": a phrase that opens with
                # neither a name nor a determiner before a participle is no speaker; the subject is
                # ("State television showed a group of soldiers chanting" keeps its speaker)
                subject = self._subject(tokens, cue, cue_tokens)
                if subject is None:
                    continue
                s_first, s_end = subject
            k, right_channel, colon = self._right(tokens, cue.last, high, cue.lemma)
            channel = channel or right_channel
            right_empty = all(t.kind == "P" for t in tokens[k:high])
            right_comma = not right_empty and tokens[k].lower == ","
            stop_is_edge = stop >= 0 and (tokens[stop].kind == "Q" or tokens[stop].lower == ",")
            left_end = stop + (tokens[stop].kind == "Q") if stop_is_edge else 0
            has_left = stop_is_edge and any(t.kind != "P" for t in tokens[:left_end])
            opens_adverbial = tokens[0].lower in self.words["opener"] or tokens[0].lower in self.words["time"]
            left_quoted = has_left and any(t.kind == "Q" for t in tokens[:left_end]) and not (
                opens_adverbial and tokens[stop].lower == ","
                and all(t.lower != "," for t in tokens[:stop])  # 'In an interview on "The Axe", Henry said ...'
            ) and not (opens_adverbial and not right_empty)  # 'On "Fox News Sunday," Pence said his ...'
            if s_first == s_end and has_left and not cue.participle:
                # "..., said Smith"; after a quote also '"...," said former Gov. Bill Richardson'
                named = left_quoted and self._named(tokens, cue.last, high)
                s_first, s_end = cue.last, self._phrase_after(tokens, cue.last, high, cue_tokens, any_start=named)
                if s_end == cue.last:
                    continue
                s_end = self._apposition(tokens, s_end, high, cue_tokens)
                k, right_channel, colon = self._right(tokens, s_end, high, "")
                channel = channel or right_channel
                right_empty = all(t.kind == "P" for t in tokens[k:high])
                right_comma = not right_empty and tokens[k].lower == ","
            if s_first == s_end and cue.participle and cue.first > 0 and (
                    tokens[cue.first - 1].lower in self.words["opener"]
                    or tokens[cue.first - 1].lower in self.words["boundary"]):
                subject = self._subject(tokens, cue, cue_tokens)  # "... while chanting ..."
                if subject:
                    s_first, s_end = subject
            if s_first == s_end or tokens[s_end - 1].lower in self.words["opener"] \
                    or tokens[s_end - 1].lower in _NOT_LAST:
                continue
            quote_follows = right_comma and k + 1 < high and tokens[k + 1].kind == "Q"
            # "..., X said" takes the words before it; 'In Ohio, X said, "..."' takes the quote after it;
            # "..., Obama said in his interview." too
            trailing = has_left and (right_empty or (right_comma and (left_quoted or not quote_follows)) or (
                left_quoted and tokens[k].kind != "Q" and tokens[k].lower not in ("that", ":"))
                or self._only_adverbial(tokens, k, high, cue_tokens))
            if trailing:
                # a quote after a dash or a sentence end starts the content ('X suggested Y - "He would have
                # loved Stalin," Biden said twice - and ...')
                first_content = max((j for j in range(1, left_end) if tokens[j].kind == "Q"
                                     and tokens[j - 1].lower in _QUOTE_OPENS_AFTER), default=0)
                content = self._content(tokens, first_content, left_end, cue.kind)
                if not content:
                    continue
                kind, parts = content
                if kind != "direct" and tokens[0].kind == "Q" and (
                        tokens[1].lower == "," or self.text[self.quote_at[tokens[0].start].end - 1] == ","):
                    # '"...," one of the largest rebel bastions, state television said': the words
                    # between the quote and the speaker describe the quote's subject
                    kind, parts = self._content(tokens, 0, 1, cue.kind)
                extra = k
                following = self._next_quote(tokens, extra, high, cue_tokens)
                while following is not None:  # '"A," he said during a rally, "but B."'
                    parts = list(parts) + [self.quote_at[tokens[following].start]]
                    extra = following + 1
                    following = self._next_quote(tokens, extra, high, cue_tokens)
                if extra > k and kind != "direct":
                    continue
                end_ = max(extra, cue.last)
                if extra == k and kind != "direct" and right_comma and k + 1 < high:
                    # "For black voters, he said, their experience told them ...": the content goes on
                    stop_at = content_end(k + 1)
                    right = self._content(tokens, k + 1, stop_at, cue.kind)
                    if right and not any(j in cue_tokens for j in range(k + 1, stop_at)):
                        kind = "partial" if "indirect" != right[0] or kind == "partial" else kind
                        parts, end_ = list(parts) + list(right[1]), stop_at
                make((kind, parts), (s_first, s_end), cue, channel, first_content, end_, content_first=True)
            elif not right_empty or colon:
                if right_comma and k + 1 < high and tokens[k + 1].kind == "Q":
                    k += 1  # 'He said, "..."'
                elif right_comma:
                    continue
                stop_at = content_end(k)
                content = self._content(tokens, k, stop_at, cue.kind)
                if content is None:
                    if colon and k >= high:
                        intro = _Statement("direct", [], (tokens[s_first].start, tokens[s_end - 1].end),
                                           (tokens[cue.first].start, tokens[cue.last - 1].end), channel,
                                           "same-sentence", paragraph)
                    continue
                make(content, (s_first, s_end), cue, channel, s_first, stop_at)

        for i in range(1, high - 2):  # "his announcement that ...", "Trump's claim that ..."
            if tokens[i].lower in self.words["cue_noun"] and tokens[i + 1].lower == "that" and not taken(i):
                owner = tokens[i - 1]
                if owner.kind != "W" or not (owner.lower in self.words["possessive"] or (
                        owner.capital and owner.lower.endswith(("'s", "’s")))):
                    continue
                stop_at = content_end(i + 1)
                content = self._content(tokens, i + 1, stop_at, "speech")
                if content is None or self._proform(content[1]):
                    continue
                cue = _Cue(i, i + 1, tokens[i].lower, "noun", False)
                statement = _Statement(content[0], [], (owner.start, owner.end - (0 if owner.lower in
                                                                                   self.words["possessive"] else 2)),
                                       (tokens[i].start, tokens[i].end), "", "same-sentence", paragraph)
                self._add_parts(statement, content[1])
                found.append(_Found(statement, i - 1, stop_at, i))

        signer = self._signer(tokens) if not found else None
        if signer is not None:  # '“…” ― Sonya Herridge': a quote signed after a dash
            dash = signer[0] - 1
            make(self._content(tokens, 0, dash, "speech"), signer, _Cue(dash, dash + 1, "sign", "speech", False), "",
                 0, high)

        colon = next((i for i in range(2, high - 1) if tokens[i].lower == ":" and tokens[i + 1].kind == "Q"), None)
        if colon is not None and not found and not cues and all(t.kind in "QP" for t in tokens[colon + 1:high]):
            # 'The Brookings Institution had this to say about the plan: "..."': the colon is the cue
            cue = _Cue(colon, colon + 1, ":", "speech", False)
            subject = self._subject(tokens, cue, cue_tokens)
            if subject and tokens[subject[0]].lower not in self.words["opener"]:
                make(self._content(tokens, colon + 1, high, "speech"), subject, cue, "", 0, high)

        for cue in after_comma:  # "..., adding ..." and "... and said ...": the speaker of the statement before it
            if taken(cue.first):
                continue
            before = [f for f in found if f.cue_first < cue.first]
            k, channel, _ = self._right(tokens, cue.last, high, cue.lemma)
            stop_at = content_end(k)
            content = self._content(tokens, k, stop_at, cue.kind)
            if content is None:
                continue
            if before:
                main = max(before, key=lambda f: f.cue_first).statement
                kind, parts = content
                statement = _Statement(kind, [], main.speaker, (tokens[cue.first].start, tokens[cue.last - 1].end),
                                       channel, main.resolved_by, paragraph)
                if not self._proform(parts):
                    self._add_parts(statement, parts)
                found.append(_Found(statement, cue.first, stop_at, cue.first))
                continue
            subject = self._subject(tokens, cue, cue_tokens)
            if subject:
                make(content, subject, cue, channel, cue.first, stop_at)
        found.sort(key=lambda f: f.statement.parts[0][0] if f.statement.parts else 0)
        return found, intro

    def _signer(self, tokens: list[_Token]) -> tuple[int, int] | None:
        """(first, end) of the name that signs a unit made of quotes, a dash and a name ('“…” ― Ana Ruiz')."""
        dash = next((i for i, t in enumerate(tokens) if t.kind != "Q"), None)
        if not dash or tokens[dash].lower not in _DASHES or tokens[dash - 1].kind != "Q":
            return None
        end = len(tokens)
        while end > dash + 1 and tokens[end - 1].lower in {".", ","}:
            end -= 1
        name = tokens[dash + 1:end]
        if not 0 < len(name) <= _MAX_SIGNER_TOKENS or not name[0].capital or not all(
                t.capital or t.lower in _NAME_PARTICLES or t.lower == "." for t in name):
            return None
        return dash + 1, end

    def _proform(self, parts: list) -> bool:
        """Whether content parts are one bare pro-form ("it", "so"), which is no statement."""
        if len(parts) != 1 or isinstance(parts[0], _Quote):
            return False
        start, end = _trim(self.text, *parts[0])
        return self.text[start:end].lower() in self.words["proform"]

    def _add_parts(self, statement: _Statement, parts: list, front: bool = False) -> None:
        """Add content parts (quotes or (start, end) spans) to a statement, at its end or its front."""
        added = []
        for part in parts:
            if isinstance(part, _Quote):
                part.used = True
                statement.quotes.append(part)
                start, end = part.start, part.end
            else:
                start, end = part
                for quote in self.quotes[bisect.bisect_left(self.quote_starts, start):]:
                    if quote.mark_start >= end:
                        break
                    quote.used = True
            start, end = _trim(self.text, start, end)
            if end > start:
                added.append((start, end))
        if front:
            statement.parts[:0] = added
        else:
            statement.parts.extend(added)  # in place: a paragraph of many quotes adds part after part

    def _channel(self, tokens: list[_Token], first: int, end: int) -> str:
        if first >= end:
            return ""
        match = self.lex.channel_pattern.search(self.masked, tokens[first].start, tokens[end - 1].end)
        return match.group() if match else ""

    def run(self) -> list[_Statement]:
        """All statements of the article in reading order, speakers resolved."""
        units = []
        all_units = self._units()
        paragraph_ends = {paragraph: end for _, end, paragraph in all_units}
        previous_paragraph, turn_paragraph = None, None
        for start, end, paragraph in all_units:
            if paragraph == turn_paragraph:
                continue
            opens_paragraph, previous_paragraph = paragraph != previous_paragraph, paragraph
            turn = self._turn(start, paragraph_ends[paragraph], paragraph) if opens_paragraph else None
            if turn is not None:  # "PENCE: Well, look, ...": a transcript turn is the whole paragraph
                turn_paragraph = paragraph
                units.append((paragraph, [turn], [], None))
                continue
            found, intro = self._unit_statements(start, end, paragraph)
            tokens = self._tokens(start, end)
            only_quotes = not found and any(t.kind == "Q" for t in tokens) and all(t.kind != "W" for t in tokens)
            quotes = [self.quote_at[t.start] for t in tokens if t.kind == "Q"] if only_quotes else []
            units.append((paragraph, [f.statement for f in found], quotes, intro))
        groups: dict[int, _Statement] = {}
        for number, (paragraph, statements, quotes, _) in enumerate(units):
            for statement in statements:
                for quote in statement.quotes:
                    groups.setdefault(quote.group, statement)
            if quotes:
                intro = units[number - 1][3] if number else None
                following = units[number + 1] if number + 1 < len(units) else None
                statement = self._quote_only(paragraph, quotes, intro, groups, following)
                if statement is not None:
                    statements = [statement]
            self.statements.extend(s for s in statements if s.parts)
        self._resolve()
        return self.statements

    def _turn(self, start: int, end: int, paragraph: int) -> _Statement | None:
        """The statement of a transcript turn that opens a paragraph ("PENCE: Well, ..."), or None."""
        match = _TURN.match(self.text, start, end)
        if match is None or match.group("label").lower() in self.words["not_speaker"] \
                or not any(ch.islower() for ch in self.text[match.end():match.end() + _TURN_LOOKAHEAD]):
            return None  # "UPDATE: ...", or a headline in capitals ("UN: PEACEKEEPERS PAYING ...")
        quoted = bool(match.group("mark"))
        content_end = end - 1 if quoted and self.text[end - 1] in "\"”" else end
        kind = "direct" if quoted else "partial" if _QUOTE_MARK.search(self.text, match.end(), end) else "indirect"
        statement = _Statement(kind, [], match.span("label"), (match.end("label"), match.end("label") + 1), "",
                               "same-sentence", paragraph)
        self._add_parts(statement, [(match.end(), content_end)])
        if quoted and start in self.quote_at:  # the quote around the turn is part of it (and of its group)
            self.quote_at[start].used = True
            statement.quotes.append(self.quote_at[start])
        return statement if statement.parts else None

    def _quote_only(self, paragraph: int, quotes: list[_Quote], intro: _Statement | None,
                    groups: dict[int, _Statement], following: tuple | None) -> _Statement | None:
        """A unit made only of quotes: a later part of a statement, or a statement of its own.

        It is a later part of a multi-paragraph quote; or of the direct quote just before it in the
        same paragraph ('"A," she said. "B."'); or an earlier part of the direct quote just after it
        ('"A." "B," she said.'). Otherwise it is a quote after "X said:", a continuation of the
        previous speaker (a paragraph of its own after a statement), or unattributed.
        """
        first = quotes[0]
        previous = self.statements[-1] if self.statements else None
        if first.continues and first.group in groups:
            self._add_parts(groups[first.group], quotes)
            return None
        if intro is not None:
            statement = intro
        elif (before := self._direct_before(paragraph)) is not None:
            self._add_parts(before, quotes)
            return None
        elif following and following[0] == paragraph and following[1] and following[1][0].kind == "direct" \
                and following[1][0].content_first:
            self._add_parts(following[1][0], quotes, front=True)
            return None
        elif previous is not None and previous.paragraph >= paragraph - 1 and previous.resolved_by != "none":
            statement = _Statement("direct", [], None, None, "", "continuation", paragraph, continues=previous)
        else:
            statement = _Statement("direct", [], None, None, "", "none", paragraph)
        statement.paragraph = paragraph
        self._add_parts(statement, quotes)
        groups.setdefault(first.group, statement)
        return statement

    def _direct_before(self, paragraph: int) -> _Statement | None:
        """The direct quote that a quote-only unit of `paragraph` goes on with: the latest statement, or the
        one before the participle statements that share its speaker ('"A," he said, referring to X. "B."')."""
        last = self.statements[-1] if self.statements else None
        for statement in reversed(self.statements):
            if statement.paragraph != paragraph:
                return None
            if statement.kind == "direct":
                return statement
            if statement.speaker is None or statement.speaker != last.speaker:
                return None
        return None

    def _resolve(self) -> None:
        """Names and roles for every speaker; pronouns and continuations take an earlier speaker's."""
        pronouns = self.words["pronoun"]
        resolved: list[tuple[_Statement, bool]] = []  # (statement, is an institution)
        for statement in self.statements:
            if statement.resolved_by == "continuation":
                source = statement.continues
                statement.speaker_name, statement.speaker_role = source.speaker_name, source.speaker_role
                continue
            if statement.speaker is None:
                continue
            mention = self.text[statement.speaker[0]:statement.speaker[1]]
            if mention.lower() in pronouns:
                person = mention.lower() in {"he", "she", "i"}
                antecedent = next((s for s, institution in reversed(resolved) if not (person and institution)), None)
                if antecedent is None:
                    statement.resolved_by = "none"
                else:
                    statement.resolved_by = "pronoun"
                    statement.speaker_name, statement.speaker_role = antecedent.speaker_name, antecedent.speaker_role
                continue
            statement.speaker_name, statement.speaker_role, institution = self.name_and_role(mention)
            resolved.append((statement, institution))

    def name_and_role(self, mention: str) -> tuple[str, str, bool]:
        """(name, role, whether it is an institution) of a speaker mention; see the module docstring."""
        head, _, apposition = mention.partition(",")
        head = re.sub(r"\s*\([^)]*\)", "", head).strip()
        words = head.split()
        determiners = self.words["determiner"]
        while words and words[0].lower() in determiners:
            words = words[1:]
        apposition = apposition.strip(" ,")
        if apposition.split(" ", 1)[0].lower() in ("who", "whose", "which"):
            apposition = ""  # a relative clause ("Weld, who added that ...") is not a role
        role_extra = " ".join(_strip_determiners(apposition, determiners))
        name_start = len(words)
        while name_start > 0 and _name_word(words[name_start - 1], name_start - 1 > 0 and
                                            _name_word(words[name_start - 2], False)):
            name_start -= 1
        while name_start < len(words) and not _name_like(words[name_start]):
            name_start += 1
        titles = [i for i in range(name_start, len(words) - 1) if words[i].lower().strip(".") in self.words["title"]]
        if titles:  # "European Council President Donald Tusk": the role ends with the last title
            name_start = titles[-1] + 1
        if name_start < len(words):
            name = " ".join(words[name_start:])
            role = ", ".join(part for part in (" ".join(words[:name_start]), role_extra) if part)
            return name, role, words[-1].lower() in self.words["institution"]
        if words and words[-1].lower() in self.words["institution"]:
            return " ".join(words), role_extra, True
        return "", ", ".join(part for part in (" ".join(words), role_extra) if part), False


def _strip_determiners(phrase: str, determiners: frozenset[str]) -> list[str]:
    words = phrase.split()
    while words and words[0].lower() in determiners:
        words = words[1:]
    return words


def _name_like(word: str) -> bool:
    """Whether `word` starts like a name: a capital letter, or a letter of a script without case
    (Arabic, Hebrew, Chinese, ...), where a Latin word would need a capital to be a name."""
    first = word[:1]
    return first.isupper() or (first.isalpha() and not first.islower())


def _name_word(word: str, inside: bool) -> bool:
    """Whether `word` can be part of a proper name (capitalised, a particle, or "of"/"for" inside one)."""
    if _name_like(word):
        return True
    lower = word.lower()
    if "-" in lower and lower.split("-")[0] in _NAME_PARTICLES:
        return True
    return inside and lower in {"of", "for", "and", "on"} | _NAME_PARTICLES


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Content bounds without surrounding space or a trailing comma, semicolon or colon."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def extract(article: Article, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per quote (direct, partial or indirect) in `article`, columns `QUOTE_COLUMNS`.

    `sentences` is `presslens.tokenize.sentences(article)` (computed when not given). A statement
    whose content runs over several paragraphs gives one row per part, sharing a `quote_id`.
    """
    table = tokenize.sentences(article) if sentences is None else sentences
    statements = _Extractor(article, table).run()
    sentence_starts = table["start"].tolist()
    sentence_ids = table["sentence"].tolist()
    paragraph_ids = table["paragraph"].tolist()
    text = article.text
    columns: dict[str, list] = {name: [] for name in QUOTE_COLUMNS}
    for number, statement in enumerate(statements, start=1):
        speaker = statement.speaker or (None, None)
        cue = statement.cue or (None, None)
        for start, end in statement.parts:
            index = max(bisect.bisect_right(sentence_starts, start) - 1, 0)
            values = (article.id, number, statement.kind, text[start:end], start, end,
                      text[speaker[0]:speaker[1]] if statement.speaker else "", speaker[0], speaker[1],
                      statement.speaker_name, statement.speaker_role, statement.resolved_by,
                      text[cue[0]:cue[1]] if statement.cue else "", cue[0], cue[1], statement.channel,
                      paragraph_ids[index], sentence_ids[index])
            for name, value in zip(QUOTE_COLUMNS, values):
                columns[name].append(value)
    if not columns["text"]:
        for column in ("article_id", "kind", "text", "speaker", "speaker_name", "speaker_role", "resolved_by",
                       "cue", "channel"):
            columns[column] = pd.array([], dtype="str")
    for column in ("start", "end", "quote_id", "paragraph", "sentence"):
        columns[column] = np.array(columns[column], dtype=np.int64)
    for column in ("speaker_start", "speaker_end", "cue_start", "cue_end"):
        missing = np.array([value is None for value in columns[column]], dtype=bool)
        values = np.array([0 if value is None else value for value in columns[column]], dtype=np.int64)
        columns[column] = pd.arrays.IntegerArray(values, missing)
    return pd.DataFrame(columns, columns=QUOTE_COLUMNS)


def mark(article: Article, quotes: pd.DataFrame) -> str:
    """The article text with each quote in [brackets] followed by its number and speaker: `[...]{1: name}`."""
    text = article.text
    pieces, position = [], 0
    for row in quotes.sort_values("start").itertuples(index=False):
        if row.start < position:
            continue
        who = row.speaker_name or row.speaker_role or row.speaker or "?"
        pieces += [text[position:row.start], "[", text[row.start:row.end], f"]{{{row.quote_id}: {who}}}"]
        position = row.end
    pieces.append(text[position:])
    return "".join(pieces)
