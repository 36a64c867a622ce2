"""Reporting cues in a unit's tokens: the verbs and phrases of `data/cues.csv`, each with the
auxiliaries and -ly adverbs just before it ("has also said", "boldly suggested")."""
from __future__ import annotations

from dataclasses import dataclass

from .document import Token
from .lexicon import Lexicon

__all__ = ["Cue", "find_cues", "adverb", "passive"]

_ARTICLES = frozenset({"a", "an", "the", "this", "these", "those", "his", "its", "their", "our", "my", "your"})
_AS_VIEWS = frozenset({"see", "view", "regard"})  # a view only before "as" in their clause ("sees X as Y")
_MAX_AS_OBJECT_TOKENS = 8  # how far after such a verb its "as" may come
_TITLE_CASE_SHARE = 0.7  # a unit with this share of capitalised words is a headline, whose cues are capitalised


@dataclass(frozen=True)
class Cue:
    first: int  # index of its first token
    last: int  # index after its last token
    lemma: str
    kind: str
    participle: bool  # an -ing form ("saying")
    inverted: bool = False  # opens the sentence before its speaker ('Said Comey, "..."')
    addressee: bool = False  # a listener may follow it ("told reporters")
    head: int = -1  # index of the cue word itself, after its auxiliaries and adverbs (-1: not a listed cue)
    tail: int = 0  # how many words after the cue form belong to it (a preposition: "asked about")


def find_cues(tokens: list[Token], lex: Lexicon) -> list[Cue]:
    """Cue phrases among `tokens`, each with the auxiliaries and adverbs just before it."""
    table, prefixes = lex.cues, lex.words["cue_prefix"]
    cues = []
    count = len(tokens)
    words = [t for t in tokens if t.kind == "W"]
    title_case = len(words) >= 4 and sum(t.capital for t in words) >= _TITLE_CASE_SHARE * len(words)
    for i, token in enumerate(tokens):
        entries = table.get(token.lower) if token.kind == "W" else None
        if not entries:
            continue
        for form in entries:
            form_words = form[0]
            size = len(form_words)
            if size == 1 or i + size <= count and all(tokens[i + m].lower == form_words[m] for m in range(1, size)):
                break
        else:
            continue
        _, lemma, kind, participle, can_invert, addressee, prepositions, not_before = form
        if i + size < count and tokens[i + size].lower in not_before:
            continue  # "showed up", "showing off": another verb
        inverted = i == 0 and can_invert and i + 1 < count and tokens[i + 1].capital
        if token.capital and kind != "according" and not (title_case and i > 0 and kind == "speech") \
                and not inverted:
            continue  # "Said" as a name, "Report" in a headline; but "X, Lindsey Graham Says"
        if i > 0 and tokens[i - 1].lower in _ARTICLES or i > 1 and tokens[i - 1].lower == "to" \
                and tokens[i - 2].lower == "according":
            continue  # "the estimate", "a report", "according to reports": a noun
        if kind == "evidential" and not token.lower.endswith("ly") and not (
                i + size < count and tokens[i + size].lower in ("to", "that")):
            continue  # "She appeared on television", "He seemed tired"; but "It reportedly sold"
        if lemma in _AS_VIEWS and not _as_follows(tokens, i + size):
            continue  # "They saw a whale": a sight, not a view
        first = i
        while first > i - 3 and first > 0 and (tokens[first - 1].lower in prefixes
                                               or adverb(tokens, first - 1, lex.words)):
            first -= 1
        tail = int(bool(prepositions) and _takes_preposition(tokens, i + size, prepositions, lex.words))
        cues.append(Cue(first, i + size + tail, lemma, kind, participle, can_invert, addressee, i, tail))
    starts = {cue.first for cue in cues}
    return [cue for cue in cues if cue.last not in starts]  # "An early tweet said": the first is a noun


def _as_follows(tokens: list[Token], i: int) -> bool:
    """Whether an "as" follows token `i` in the same clause, within a short object ("sees the plan as")."""
    for token in tokens[i:i + _MAX_AS_OBJECT_TOKENS]:
        if token.lower == "as":
            return True
        if token.kind != "W":
            return False
    return False


def _takes_preposition(tokens: list[Token], i: int, prepositions: frozenset[str],
                       words: dict[str, frozenset[str]]) -> bool:
    """Whether token `i` is a preposition of the cue before it, followed by its object ("asked about the
    plan"), not by a number or a time ("asked about 300 people", "called on Monday")."""
    if i + 1 >= len(tokens) or tokens[i].lower not in prepositions:
        return False
    following = tokens[i + 1]
    return following.kind == "W" and not following.lower[:1].isdigit() and following.lower not in words["time"]


def passive(tokens: list[Token], cue: Cue, words: dict[str, frozenset[str]]) -> bool:
    """Whether a one-word cue is a passive: a form of "be" among its auxiliaries and a past participle
    ("is believed", "are widely expected", "was told"), not "is saying"."""
    if cue.head <= cue.first or cue.last - cue.tail - cue.head != 1:
        return False
    word = tokens[cue.head].lower
    return (word.endswith("ed") or word in words["past_participle"]) \
        and any(tokens[m].lower in words["be"] for m in range(cue.first, cue.head))


def adverb(tokens: list[Token], i: int, words: dict[str, frozenset[str]]) -> bool:
    """Whether token `i` is an -ly adverb ("boldly suggested"), not "the daily" or "family"."""
    token = tokens[i]
    return (token.kind == "W" and not token.capital and len(token.lower) > 4 and token.lower.endswith("ly")
            and token.lower not in words["not_adverb"]
            and not (i > 0 and (tokens[i - 1].lower in words["determiner"]
                                or tokens[i - 1].lower.endswith(("’s", "'s")))))
