"""One article prepared for the quote rules: its quotes, the masked text, tokens and reading units,
and the statements found in it."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from ..model import Article
from .lexicon import lexicon
from .marks import OPENERS, Quote, find_quotes, mask

__all__ = ["Token", "Statement", "Document", "name_like", "trim"]

# Word tokens keep inner apostrophes, hyphens, dots and ampersands ("al-Lowz", "U.S", "Assad’s"), and the
# thousands separators of a number ("12,000").
_TOKEN = re.compile(r"(\x01+|\x02+)|(\w+(?:['’\-&./]\w+|(?<=\d),\d{3}(?!\w))*)|([^\s\w])")
_WORD = re.compile(r"\w+")


class Token(NamedTuple):
    start: int
    end: int
    kind: str  # "W" word, "Q" a whole quote with its marks, "P" punctuation
    lower: str
    capital: bool  # name-like first letter (see `name_like`)


@dataclass
class Statement:
    kind: str
    parts: list[tuple[int, int]]
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None
    channel: str
    resolved_by: str
    paragraph: int
    rule: str  # the name of the rule that found it
    speaker_name: str = ""
    speaker_role: str = ""
    continues: Statement | None = None  # the statement a continuation paragraph continues
    content_first: bool = False  # the content comes before the cue ('"...," she said')
    quotes: list[Quote] = field(default_factory=list)


def name_like(word: str) -> bool:
    """Whether `word` starts like a name: a capital letter, or a letter of a script without case
    (Arabic, Hebrew, Chinese, ...), where a Latin word would need a capital to be a name."""
    first = word[:1]
    return first.isupper() or (first.isalpha() and not first.islower())


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Content bounds without surrounding space or a trailing comma, semicolon or colon."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


class Document:
    """The text, quotes, masked text and tokens of one article, and the statements found so far."""

    def __init__(self, article: Article, sentence_table: pd.DataFrame):
        self.text = article.text
        self.lex = lexicon()
        self.words = self.lex.words
        rows = zip(sentence_table["start"].tolist(), sentence_table["end"].tolist(),
                   sentence_table["paragraph"].tolist())
        self.sentence_rows = sorted(rows)
        spans: dict[int, list[int]] = {}
        for start, end, paragraph in self.sentence_rows:
            span = spans.setdefault(paragraph, [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
        paragraph_ids = sorted(spans)
        self.quotes = find_quotes(self.text, [(spans[p][0], spans[p][1]) for p in paragraph_ids])
        for quote in self.quotes:
            quote.paragraph = paragraph_ids[quote.paragraph]
        self.quote_starts = [q.mark_start for q in self.quotes]
        self.quote_at = {q.mark_start: q for q in self.quotes}
        self.masked = mask(self.text, self.quotes)
        new, kinds = tuple.__new__, (None, "Q", "W", "P")
        self.all_tokens = [new(Token, (m.start(), m.end(), kinds[m.lastindex], m.group().lower(),
                                       name_like(m.group()))) for m in _TOKEN.finditer(self.masked)]
        self.token_starts = [t.start for t in self.all_tokens]
        self.statements: list[Statement] = []

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens of text[start:end] (a unit)."""
        return self.all_tokens[bisect.bisect_left(self.token_starts, start):bisect.bisect_left(self.token_starts, end)]

    # -- reading units ----------------------------------------------------------------------------
    def units(self) -> list[tuple[int, int, int]]:
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
        if text[start] in OPENERS or text[start] in '"»' or text.startswith(("''", "``"), start):
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

    # -- statement parts --------------------------------------------------------------------------
    def proform(self, parts: list) -> bool:
        """Whether content parts are one bare pro-form ("it", "so"), which is no statement."""
        if len(parts) != 1 or isinstance(parts[0], Quote):
            return False
        start, end = trim(self.text, *parts[0])
        return self.text[start:end].lower() in self.words["proform"]

    def add_parts(self, statement: Statement, parts: list, front: bool = False) -> None:
        """Add content parts (quotes or (start, end) spans) to a statement, at its end or its front."""
        added = []
        for part in parts:
            if isinstance(part, Quote):
                part.used = True
                statement.quotes.append(part)
                start, end = part.start, part.end
            else:
                start, end = part
                for quote in self.quotes[bisect.bisect_left(self.quote_starts, start):]:
                    if quote.mark_start >= end:
                        break
                    quote.used = True
            start, end = trim(self.text, start, end)
            if end > start:
                added.append((start, end))
        if front:
            statement.parts[:0] = added
        else:
            statement.parts.extend(added)  # in place: a paragraph of many quotes adds part after part

    def channel(self, tokens: list[Token], first: int, end: int) -> str:
        """The channel phrase among tokens[first:end] ("via the internet"), or ""."""
        if first >= end:
            return ""
        match = self.lex.channel_pattern.search(self.masked, tokens[first].start, tokens[end - 1].end)
        return match.group() if match else ""
