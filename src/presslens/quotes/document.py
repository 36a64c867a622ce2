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
from .marks import OPENERS, Quote, find_quotes, mask, reading

__all__ = ["Token", "Statement", "Document", "name_like", "trim"]

# Word tokens keep inner apostrophes, hyphens, dots and ampersands ("al-Lowz", "U.S", "Assad’s"), and the
# thousands separators of a number ("12,000").
_TOKEN = re.compile(r"(\x01+|\x02+)|(\w+(?:['’\-&./]\w+|(?<=\d),\d{3}(?!\w))*)|([^\s\w])")
_WORD = re.compile(r"\w+")
_SHORT_WORDS = 6  # a short sentence with a cue ("Vitter demanded.") has at most this many words


# Where sentences run on without a space (paragraphs joined with nothing: "the director.Dock workers",
# 'won."The', "HomsThe Syrian"), where a headline without a full stop runs into the first sentence
# ("Syria: Regime Forces Retakes Rebel Stronghold Homs The Syrian regime says") and where a signed
# quote runs into the next one ('”― Pamela Padilla “I’m ...'), the quote rules read two units.
_RUN_ON = re.compile(r"[.?!](?<=[a-z]{2}[.?!])[\"”’']?(?=[\"“]?[A-Z])")  # the full stop first: a fast scan
_GLUED_THE = re.compile(r"The\s(?<=[a-z]The\s)")
# a quote signed after a dash, then the next quote ('”― Pamela Padilla “I’m so ashamed')
_SIGNED = re.compile(r"[”\"»]\s*[―—–]\s*[A-Z][^\s“\"]*(?:[ \t\xa0]+[A-Z][^\s“\"]*){0,5}[ \t\xa0.]*(?=[“\"])")
_HEADLINE = re.compile(r"(?:[A-Z][\w’'\-]*[:,]?\s+){4,}(?=(?:The|A|An)\s)")


def _run_on_cuts(text: str) -> list[int]:
    """Where sentences run on in `text` (see `_RUN_ON`, `_GLUED_THE` and `_SIGNED`), sorted."""
    return sorted([match.end() for pattern in (_RUN_ON, _SIGNED) for match in pattern.finditer(text)]
                  + [match.start() for match in _GLUED_THE.finditer(text)])


def _split_run_on(text: str, cuts: list[int], start: int, end: int, paragraph: int) -> list[tuple[int, int, int]]:
    """A sentence row, cut where two sentences run on (`cuts`) and after a headline (`_HEADLINE`)."""
    inside = cuts[bisect.bisect_right(cuts, start):bisect.bisect_left(cuts, end)]
    headline = _HEADLINE.match(text, start, end)
    if headline:
        inside = sorted(inside + [headline.end()])
    if not inside:
        return [(start, end, paragraph)]
    pieces, position = [], start
    for cut in inside:
        if cut > position:
            left = cut
            while left > position and text[left - 1].isspace():
                left -= 1
            pieces.append((position, left, paragraph))
            position = cut
    pieces.append((position, end, paragraph))
    return pieces


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
    antecedent: Statement | None = None  # the statement whose speaker a pronoun or continuation takes
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

    def __init__(self, article: Article, sentence_table: pd.DataFrame | dict[str, list]):
        self.text = article.text
        self.lex = lexicon()
        self.words = self.lex.words
        rows = sorted(zip(sentence_table["start"], sentence_table["end"], sentence_table["paragraph"]))  # ints
        spans: dict[int, list[int]] = {}
        for start, end, paragraph in rows:
            span = spans.setdefault(paragraph, [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
        paragraph_ids = sorted(spans)
        paragraph_spans = [(spans[p][0], spans[p][1]) for p in paragraph_ids]
        # the text as the quote pairing reads it: in the single-mark convention (‘…’ primary), its
        # single quote marks read as double ones (see `marks.reading`); the same offsets
        self.convention, self.marks_text = reading(self.text, paragraph_spans, rows[0][1] if len(rows) > 1 else 0)
        self.sentence_rows, cuts, run_on = [], [], _run_on_cuts(self.marks_text)
        for row in rows:
            pieces = _split_run_on(self.marks_text, run_on, *row)
            self.sentence_rows += pieces
            cuts += [start for start, _, _ in pieces[1:]]
        self.quotes = find_quotes(self.marks_text, paragraph_spans, [start for start, _, _ in self.sentence_rows])
        for quote in self.quotes:
            quote.paragraph = paragraph_ids[quote.paragraph]
        self.quote_starts = [q.mark_start for q in self.quotes]
        self.quote_at = {q.mark_start: q for q in self.quotes}
        self.masked = mask(self.text, self.quotes)
        new, kinds = tuple.__new__, (None, "Q", "W", "P")
        # a run-on cut outside quotes ends a token too ("director.Dock" is two words)
        bounds = [0] + [cut for cut in cuts if not self._in_quote(cut)] + [len(self.masked)]
        self.all_tokens = [new(Token, (m.start(), m.end(), kinds[m.lastindex], word.lower(),  # name_like, inlined
                                       word[0].isupper() or (word[0].isalpha() and not word[0].islower())))
                           for low, high in zip(bounds, bounds[1:]) for m in _TOKEN.finditer(self.masked, low, high)
                           for word in (m.group(),)]
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
            # '"A," the coach said. "B." The captain agreed.': "B." goes on with the coach, and the short
            # sentence after it is a sentence of its own
            continued = len(units) > 1 and units[-2][2] == paragraph and self._quote_sentence(*units[-1][:2]) \
                and self._cue_after_quote(*units[-2][:2])
            if units and units[-1][2] == paragraph and (
                    self._quote_across(units[-1][1], start)
                    or self._attached(units[-1][0], units[-1][1], start, end, short=not continued)):
                units[-1][1] = end
            else:
                units.append([start, end, paragraph])
        return [(s, e, p) for s, e, p in units]

    def _quote_sentence(self, start: int, end: int) -> bool:
        """Whether text[start:end] is one quote and nothing else (but its closing punctuation)."""
        index = bisect.bisect_left(self.quote_starts, start)
        if index >= len(self.quotes) or self.quotes[index].mark_start != start:
            return False
        return not self.text[self.quotes[index].mark_end:end].strip(" .?!")

    def _cue_after_quote(self, start: int, end: int) -> bool:
        """Whether text[start:end] has a small-letter cue after its last quote ('"A," the coach said.')."""
        index = bisect.bisect_left(self.quote_starts, end) - 1
        if index < 0 or self.quotes[index].mark_end <= start:
            return False
        return any(w in self.lex.cues for w in _WORD.findall(self.text, self.quotes[index].mark_end, end))

    def _attached(self, left_start: int, left_end: int, start: int, end: int, short: bool = True) -> bool:
        """Whether sentence text[start:end] belongs to the sentence before it.

        It does when it starts with a small letter, a closing bracket, comma, semicolon or dash, when the
        sentence before ends with a quote closed after "?", "!" or ",", or (when `short`) when it is a
        short phrase with a cue ("Vitter demanded.").
        """
        text = self.marks_text  # ‘Why?’ reads as “Why?” in the single-mark convention
        if text[start].islower() or text[start] in "),;―—–":  # "Rep. Elijah Cummings (D-Md.), chair of ..."
            return True
        if text[start] in OPENERS or text[start] in '"»' or text.startswith(("''", "``"), start):
            return False
        tail = text[left_start:left_end].rstrip()
        tail = tail[:-1] if tail.endswith("''") else tail
        words = _WORD.findall(text, start, end)
        if len(tail) >= 2 and tail[-1] in '"”»\'' and tail[-2] in "?!,":
            # '"Why?" Vitter asked.', '"Why?" asked Vitter, ...': a cue within its first words
            return any(w in self.lex.cues and not w[0].isupper() for w in words[:_SHORT_WORDS]) or \
                any(w.lower() in ("said", "says") for w in words[:1])
        if not short or len(words) > _SHORT_WORDS:
            return False
        cue = next((i for i, w in enumerate(words) if w.lower() in self.lex.cues and not w[0].isupper()), None)
        if cue is not None and "," in text[start:text.find(words[cue], start)]:
            return False  # "Talks go on, he said.": a content and its speaker, a sentence of its own
        # nothing but a name or a time after the cue ("said Smith.", "he said Friday."), not "It stated that ..."
        return cue is not None and all(w[0].isupper() or w.lower() in self.words["time"]
                                       or w.lower() in self.words["time_unit"] for w in words[cue + 1:])

    def _in_quote(self, position: int) -> bool:
        index = bisect.bisect_right(self.quote_starts, position) - 1
        return index >= 0 and self.quotes[index].mark_end > position

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

    def add_parts(self, statement: Statement, parts: list) -> None:
        """Add content parts (quotes or (start, end) spans) to a statement, in reading order."""
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
                bisect.insort(statement.parts, (start, end))  # at the end, in time, for a paragraph of many quotes

    def channel(self, tokens: list[Token], first: int, end: int) -> str:
        """The channel phrase among tokens[first:end] ("via the internet"), or ""."""
        if first >= end:
            return ""
        match = self.lex.channel_pattern.search(self.masked, tokens[first].start, tokens[end - 1].end)
        return match.group() if match else ""
