"""The `Unit` the rules read: one sentence (or sentences a quote joins) with its tokens and cues,
and the statements already found in it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import Cue, find_cues
from .document import Document, Statement, Token

__all__ = ["Found", "Unit"]

_CONTRACTED_PRONOUN = re.compile(r"(\w+)['’](?:s|d|ll|ve|re)")  # "he’s", "they'd"

# a sentence that opens with one of these opens with a clause of its own, which ends at its first comma
_SUBORDINATORS = frozenset({"although", "though", "while", "when", "whenever", "after", "before", "because",
                            "if", "since", "once", "whereas", "unless", "until"})


def _opening_clause_end(tokens: list[Token], cues: list[Cue]) -> int | None:
    """The comma that ends an opening subordinate clause holding the first cue, or None: a content in that
    clause stops there, before the main clause ("After the mayor said the bridge was safe, traffic
    returned." -> "the bridge was safe").
    """
    high = len(tokens)
    first = 1 if high > 1 and tokens[0].lower == "even" else 0  # "Even though ..."
    if not cues or high < first + 4 or tokens[first].lower not in _SUBORDINATORS \
            or any(tokens[j].lower == "," for j in range(first + 1, cues[0].first)):
        return None
    comma = next((j for j in range(cues[0].last, high - 1) if tokens[j].lower == ","), None)
    return comma if comma is not None and tokens[comma + 1].kind == "W" else None


@dataclass
class Found:
    """A statement found in one unit, with the token range it uses (speaker, cue and content)."""

    statement: Statement
    low: int
    high: int
    cue_first: int


class Unit:
    """One reading unit: its tokens, its cues, and what the rules have found in it so far.

    `cue_tokens` are the token indices inside a cue, `belief_tokens` those inside a thought or stance cue,
    `after_comma` the cues whose speaker is the one of the statement before them ("..., adding ..."),
    `stops` the token indices a content never runs past, `found` the statements found so far and
    `intro` a speaker left waiting by "X said:" at the unit end, `that_clauses` the starts of the "that"
    clauses after its speech cues (read when a rule first needs them). `text`, `masked`, `words` and
    `quote_at` are the article's, `high` the number of tokens.
    """

    __slots__ = ("doc", "tokens", "paragraph", "cues", "cue_tokens", "belief_tokens", "after_comma", "stops",
                 "found", "intro", "text", "masked", "words", "quote_at", "high", "that_clauses")

    def __init__(self, doc: Document, tokens: list[Token], paragraph: int):
        """The unit of `tokens` with its cues and content stops."""
        self.doc, self.tokens, self.paragraph = doc, tokens, paragraph
        self.text, self.masked, self.words, self.quote_at = doc.text, doc.masked, doc.words, doc.quote_at
        self.high = high = len(tokens)
        self.found: list[Found] = []
        self.intro: Statement | None = None
        self.that_clauses: list[int] | None = None  # where a "that" clause after a speech cue starts (lazy)
        self.cues = cues = find_cues(tokens, doc.lex)
        self.cue_tokens = {i for cue in cues for i in range(cue.first, cue.last)}
        # a belief verb does not end an apposition ("said Rudolph Tanzi, a professor who discovered ...")
        self.belief_tokens = {i for cue in cues if cue.kind in ("thought", "stance") for i in range(cue.first, cue.last)}
        # "..., adding ...", "... and said ..." and "... but praised ...": cues whose speaker is the one of the
        # statement before them
        # ('"...," adding ...': the comma may be inside the quote before the participle)
        text = doc.text
        self.after_comma = [c for c in cues if c.first > 0 and (
            (c.participle and (tokens[c.first - 1].lower == "," or tokens[c.first - 1].kind == "Q"
                               and text[tokens[c.first - 1].end - 2] == ","))
            or (c.kind in ("speech", "writing", "stance", "naming") and tokens[c.first - 1].lower in {"and", "but"}))]
        # contents also stop before a new clause with a pronoun or possessive subject (", and his aides have ...")
        words = doc.words
        stops = [c.first - 1 + (tokens[c.first - 1].kind == "Q") for c in self.after_comma]
        for i in range(1, high - 2):
            if tokens[i + 1].lower in {"and", "but"} and (tokens[i].lower == "," or tokens[i].kind == "Q"
                                                          and text[tokens[i].end - 2] == ",") \
                    and (tokens[i + 2].lower in words["pronoun"] or tokens[i + 2].lower in words["possessive"]):
                stops.append(i + (tokens[i].kind == "Q"))
        opening = _opening_clause_end(tokens, cues)
        if opening is not None:
            stops.append(opening)
        self.stops = sorted(stops)

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
