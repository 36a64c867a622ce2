"""The `Unit` the rules read: one sentence (or sentences a quote joins) with its tokens and cues,
and the statements already found in it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cues import Cue, find_cues
from .document import Document, Statement, Token
from .marks import Quote

__all__ = ["Found", "Unit"]

_CONTRACTED_PRONOUN = re.compile(r"(\w+)['’](?:s|d|ll|ve|re)")  # "he’s", "they'd"


@dataclass
class Found:
    """A statement found in one unit, with the token range it uses (speaker, cue and content)."""

    statement: Statement
    low: int
    high: int
    cue_first: int


@dataclass
class Unit:
    """One reading unit: its tokens, its cues, and what the rules have found in it so far."""

    doc: Document
    tokens: list[Token]
    paragraph: int
    cues: list[Cue] = field(default_factory=list)
    cue_tokens: set[int] = field(default_factory=set)  # token indices inside a cue
    belief_tokens: set[int] = field(default_factory=set)  # token indices inside a thought cue
    after_comma: list[Cue] = field(default_factory=list)  # "..., adding ..." and "... and said ..."
    stops: list[int] = field(default_factory=list)  # token indices a content never runs past
    found: list[Found] = field(default_factory=list)
    intro: Statement | None = None  # "X said:" at the unit end, waiting for the quote after it
    # the article-wide data the rules read, and the number of tokens
    text: str = field(init=False)
    masked: str = field(init=False)
    words: dict[str, frozenset[str]] = field(init=False)
    quote_at: dict[int, Quote] = field(init=False)
    high: int = field(init=False)

    def __post_init__(self) -> None:
        self.text, self.masked, self.words = self.doc.text, self.doc.masked, self.doc.words
        self.quote_at, self.high = self.doc.quote_at, len(self.tokens)

    @classmethod
    def read(cls, doc: Document, tokens: list[Token], paragraph: int) -> Unit:
        """The unit of `tokens` with its cues and content stops."""
        unit = cls(doc, tokens, paragraph)
        unit.cues = cues = find_cues(tokens, doc.lex)
        unit.cue_tokens = {i for cue in cues for i in range(cue.first, cue.last)}
        # a belief verb does not end an apposition ("said Rudolph Tanzi, a professor who discovered ...")
        unit.belief_tokens = {i for cue in cues if cue.kind == "thought" for i in range(cue.first, cue.last)}
        high = len(tokens)
        # "..., adding ..." and "... and said ...": cues whose speaker is the one of the statement before them
        unit.after_comma = [c for c in cues if c.first > 0 and (
            (c.participle and tokens[c.first - 1].lower == ",")
            or (c.kind in ("speech", "writing") and tokens[c.first - 1].lower in {"and", "but"}))]
        # contents also stop before a new clause with a pronoun or possessive subject (", and his aides have ...")
        words = doc.words
        unit.stops = sorted([c.first - 1 for c in unit.after_comma] + [
            i + (tokens[i].kind == "Q") for i in range(1, high - 2) if tokens[i + 1].lower in {"and", "but"}
            and (tokens[i].lower == "," or tokens[i].kind == "Q" and doc.text[tokens[i].end - 2] == ",")
            and (tokens[i + 2].lower in words["pronoun"] or tokens[i + 2].lower in words["possessive"])])
        return unit

    def taken(self, i: int) -> bool:
        """Whether token `i` is part of a statement already found."""
        return any(f.low <= i < f.high for f in self.found)

    def content_end(self, k: int) -> int:
        """Content stops before ", adding ..." and before a statement already found."""
        ends = [s for s in self.stops if s >= k] + [f.low for f in self.found if f.low >= k]
        return min(ends, default=len(self.tokens))

    def make(self, rule: str, kind_parts: tuple[str, list], speaker: tuple[int, int] | None, cue: Cue,
             channel: str, low: int, high: int, content_first: bool = False,
             resolved_by: str = "same-sentence") -> None:
        """Record a statement: content (kind, parts), speaker and cue token ranges, and the tokens it uses."""
        tokens = self.tokens
        kind, parts = kind_parts
        speaker_span = (tokens[speaker[0]].start, tokens[speaker[1] - 1].end) if speaker else None
        if speaker and speaker[1] - speaker[0] == 1:
            pronoun = _CONTRACTED_PRONOUN.fullmatch(tokens[speaker[0]].lower)
            if pronoun and pronoun.group(1) in self.words["pronoun"]:  # "He’s said": the speaker is "He"
                speaker_span = (speaker_span[0], speaker_span[0] + len(pronoun.group(1)))
        statement = Statement(kind, [], speaker_span, (tokens[cue.first].start, tokens[cue.last - 1].end),
                              channel, resolved_by, self.paragraph, rule, content_first=content_first)
        if not self.doc.proform(parts):  # "a spokesman denied it" bounds the content before it, and is no statement
            self.doc.add_parts(statement, parts)
        self.found.append(Found(statement, low, high, cue.first))
