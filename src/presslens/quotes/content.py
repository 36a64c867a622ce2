"""Content bounds: where the words a cue attributes start and end, and their kind."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .unit import Unit

__all__ = ["DASHES", "content", "object_end", "after_cue", "new_clause", "only_adverbial", "past_dateline", "next_quote"]

DASHES = frozenset({"―", "—", "–", "-"})
_MAX_ADVERBIAL_TOKENS = 10  # a phrase between a cue and "that" ("said at a rally in Ohio on Monday that")
_MAX_INTERRUPTION_TOKENS = 16  # words between a cue and the rest of its quote ('"A," he said on Monday, "B"')
_MAX_DATELINE_TOKENS = 8  # "WASHINGTON (AP) —", "BEIRUT, Lebanon —"
_MAX_ADDRESSEE_TOKENS = 6  # "told the troops in Kandahar, ..." before a quote
_MAX_TITLE_WORDS = 5  # a quoted programme or book title after "told" ('told "Fox and Friends"')
_OCCASION = frozenset({"during", "when", "while"})  # they open an occasion phrase after a cue's object
_MAX_CLAUSE_LOOKBACK = 16  # how far back a clause of its own may start (", although he ...")


def content(unit: Unit, first: int, end: int, cue_kind: str) -> tuple[str, list] | None:
    """(kind, parts) for the content tokens[first:end], or None when there is no content."""
    tokens = unit.tokens
    while first < end and tokens[first].kind == "P":
        first += 1
    first = past_dateline(unit, first, end)
    while end > first and (tokens[end - 1].kind == "P" or tokens[end - 1].lower in unit.words["coordinator"]):
        end -= 1  # "claimed that talks had failed, and a spokesman ...": the ", and" is no content
    if first >= end:
        return None
    span = tokens[first:end]
    quoted = [t for t in span if t.kind == "Q"]
    if quoted and all(t.kind != "W" for t in span):
        return ("partial" if cue_kind == "naming" else "direct"), [unit.quote_at[t.start] for t in quoted]
    return ("partial" if quoted else "indirect"), [(span[0].start, span[-1].end)]


def object_end(unit: Unit, first: int, end: int) -> int:
    """Where the object of a stance or naming cue ends (at `end` at the latest): before a comma and a
    relative or participle clause, a time or occasion phrase or a channel that tells when, where and how
    the speaker took the side ("praised the plan during a rally", "backed the bill on Thursday").
    A "that" clause or an object with a quote goes on to `end`."""
    tokens, words = unit.tokens, unit.words
    if first >= end or tokens[first].lower == "that" or any(t.kind == "Q" for t in tokens[first:end]):
        return end  # a quote in the object: its words are the content
    channels = unit.doc.lex.channel_pattern
    for j in range(first + 1, end):
        token = tokens[j]
        if token.lower in _OCCASION or token.lower in words["time"] \
                or token.lower == "," and j + 1 < end and (tokens[j + 1].lower in ("who", "which")
                                                           or tokens[j + 1].lower.endswith("ing")) \
                or token.lower in ("on", "in") and j + 1 < end and tokens[j + 1].lower in words["time"] \
                or channels.match(unit.masked, token.start, tokens[end - 1].end):
            return j
    return end


def past_dateline(unit: Unit, first: int, end: int) -> int:
    """The first token after a dateline that opens a content ("WASHINGTON (AP) ― ..."), or `first`."""
    tokens = unit.tokens
    word = tokens[first].lower if first < end else ""
    agency = first + 1 < end and tokens[first].capital and tokens[first + 1].lower == "("  # "Washington (AFP) –"
    if not (agency or len(word) > 2 and unit.text[tokens[first].start:tokens[first].end].isupper()):
        return first
    for j in range(first + 1, min(end, first + _MAX_DATELINE_TOKENS)):
        if tokens[j].lower in DASHES:
            return j + 1
        if not (tokens[j].capital or tokens[j].lower in {"(", ")", ",", "."}):
            return first
    return first


def after_cue(unit: Unit, k: int, addressee: bool) -> tuple[int, str, bool]:
    """(first content token after a cue that ends before token `k`, channel, whether a colon introduces
    the content). An addressee ("told reporters") is skipped when the cue takes one."""
    tokens, words, high = unit.tokens, unit.words, len(unit.tokens)
    if addressee and k < high:
        quote = _quote_after_addressee(unit, k)
        if quote is not None:  # 'told reporters "We will rebuild"', 'assured farmers, “...”'
            return quote, "", False
        token = tokens[k]
        if token.lower in words["addressee"]:
            k += 1
        elif token.lower in words["determiner"] and k + 1 < high:
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
    channels = unit.doc.lex.channel_pattern
    for _ in range(3):
        if k >= high:
            break
        match = channels.match(unit.masked, tokens[k].start, tokens[high - 1].end)
        if match:
            channel = match.group()
            while k < high and tokens[k].start < match.end():
                k += 1
        elif tokens[k].lower in words["time"]:
            k += 1
            if k < high and tokens[k].lower in words["time_unit"]:
                k += 1  # "said Friday afternoon"
        elif tokens[k].lower == "on" and k + 1 < high and tokens[k + 1].lower in words["time"]:
            k += 2
        else:
            break
    if k < high and tokens[k].lower in words["place"]:
        # "told reporters in Moscow: ...": a short place phrase before a colon
        m = k + 1
        while m < high and m - k <= 6 and tokens[m].kind == "W" and (tokens[m].capital or
                                                                     tokens[m].lower in words["determiner"]):
            m += 1
        if m > k + 1 and m < high and tokens[m].lower == ":":
            k = m
    k = _past_aside(unit, _past_adverbial(unit, k))
    colon = k < high and tokens[k].lower == ":"
    return k + colon, channel, colon


def _quote_after_addressee(unit: Unit, k: int) -> int | None:
    """The index of a quote after a short addressee at token `k` (a few words, then maybe a comma or colon),
    or None. A short quote without a sentence end that more words follow is a programme's title
    ('told "Fox and Friends" that ...'), not the content."""
    tokens, high = unit.tokens, len(unit.tokens)
    m = k
    while m < high and m - k < _MAX_ADDRESSEE_TOKENS and (tokens[m].kind == "W" and tokens[m].lower != "that"
                                                          or tokens[m].lower in {"'", "’", "."}):
        m += 1
    if m == k or m >= high:
        return None
    if tokens[m].lower in {",", ":"} and m + 1 < high and tokens[m + 1].kind == "Q":
        return m + 1
    if tokens[m].kind != "Q" or any(t.kind == "W" for t in tokens[m + 1:high]):
        return None
    quote = unit.quote_at[tokens[m].start]
    ends_sentence = unit.text[quote.start:quote.end].rstrip()[-1:] in ".?!"
    return m if ends_sentence or len(unit.text[quote.start:quote.end].split()) > _MAX_TITLE_WORDS else None


def new_clause(unit: Unit, i: int, *, after: int = 0) -> bool:
    """Whether token `i` is in a clause of its own after ", although he ..." or ", but she ...", looking back no
    further than token `after` ("..., but she noted that X supported ...": "supported" is in her clause)."""
    tokens = unit.tokens
    for m in range(i - 1, max(i - _MAX_CLAUSE_LOOKBACK, after + 1, 1) - 1, -1):
        if tokens[m].lower == ",":
            return tokens[m + 1].lower in unit.words["coordinator"]
        if tokens[m].kind != "W":
            return False
    return False


def only_adverbial(unit: Unit, k: int) -> bool:
    """Whether the tokens from `k` to the unit end are only a short adverbial phrase ("in his interview",
    "as he left")."""
    rest, words, high = unit.tokens[k:], unit.words, len(unit.tokens)
    return 0 < len(rest) <= _MAX_ADVERBIAL_TOKENS and rest[0].lower in words["opener"] \
        and rest[0].lower not in words["coordinator"] and not any(
            t.kind == "Q" or t.lower == "that" for t in rest) and not any(
            j in unit.cue_tokens for j in range(k, high))


def _past_adverbial(unit: Unit, k: int) -> int:
    """The "that" after a short prepositional phrase at token `k` ("tweeted in the early hours that ..."),
    or `k` itself."""
    tokens, words, high = unit.tokens, unit.words, len(unit.tokens)
    if k >= high or tokens[k].lower not in words["opener"] or tokens[k].kind != "W":
        return k
    for m in range(k + 1, min(high, k + _MAX_ADVERBIAL_TOKENS)):
        if tokens[m].lower == "that":  # but not "after the meeting that was held ..."
            relative = m + 1 < high and tokens[m + 1].lower in words["boundary"]
            return m if m > k + 1 and not relative else k
        if tokens[m].kind == "P" and tokens[m].lower not in {".", "’", "'"} or tokens[m].lower in unit.doc.lex.cues:
            return k  # a quoted programme title may be part of the phrase ('on ABC's "This Week" that')
    return k


def _past_aside(unit: Unit, k: int) -> int:
    """The "that" after a short aside between commas at token `k` ("said, however, that ...", "admitted, with
    a shrug, that ..."), or `k` itself. An aside that holds a quote, a cue or a sentence end is none."""
    tokens, high = unit.tokens, len(unit.tokens)
    if k >= high or tokens[k].lower != ",":
        return k
    for m in range(k + 2, min(high - 1, k + _MAX_ADVERBIAL_TOKENS + 2)):
        token = tokens[m]
        if token.lower == ",":
            return m + 1 if tokens[m + 1].lower == "that" else k
        if token.kind == "Q" or m in unit.cue_tokens or token.lower in {".", ";", ":", "?", "!"}:
            return k
    return k


def next_quote(unit: Unit, k: int) -> int | None:
    """The index of a quote that goes on with the words of a quote before its cue: after a comma, "but"
    or "and", at most a short phrase after token `k` ('"A," he said, referring to X, "B."'), or None."""
    tokens, high = unit.tokens, len(unit.tokens)
    for j in range(k, min(high, k + _MAX_INTERRUPTION_TOKENS)):
        token = tokens[j]
        if token.kind == "Q":
            return j if j > k and tokens[j - 1].lower in {",", "but", "and"} and not any(
                t.kind == "W" for t in tokens[j + 1:high]) else None
        if j in unit.cue_tokens or token.lower in {".", ";", "?", "!"}:
            return None
    return None
