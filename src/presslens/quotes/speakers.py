"""Speaker phrases: where the mention next to a cue starts and ends, and the name and role it gives."""
from __future__ import annotations

import re

from .cues import Cue, adverb, passive
from .document import Token, name_like
from .content import past_dateline
from .unit import Unit

__all__ = ["NAME_PARTICLES", "MAX_SPEAKER_TOKENS", "MAX_APPOSITION_TOKENS", "in_phrase", "phrase_before",
           "phrase_after", "speaker_end", "adverbial_after_name", "after_time_phrase", "subject_apposition",
           "asked_aside", "before_time", "relative_clause_end", "according_source", "named", "subject",
           "apposition", "apposition_cut", "aside_before_cue", "speaker_for", "subject_start", "role_before_name",
           "participle", "name_and_role", "FullNames"]

MAX_SPEAKER_TOKENS = 16
MAX_APPOSITION_TOKENS = 40  # "said X, <apposition to the sentence end>" is at most this long
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "del", "da", "di", "du", "van", "von",
                            "der", "den", "la", "le", "st", "jr", "sr"})
_MAX_NAME_WORDS = 4  # a name in apposition to a role ("The mayor, Ana Ruiz") is at most this long
_APPOSITION_COMMA = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))")
_INSIDE_SPEAKER_PUNCT = frozenset({".", "(", ")", "&", "'", "’"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})  # no words before them belong to them
_ADVERBIAL_PREPOSITIONS = frozenset({"in", "on", "at", "during", "via", "over", "by"})
_RELATIVE_PRONOUNS = frozenset({"who", "whose", "whom", "which"})
_RESTRICTIVE_RELATIVES = frozenset({"who", "whose", "whom"})  # "said a nurse who ...", not "that" ("said Monday that")
_MAX_ROLE_WORDS = 4  # small words of a role between a capitalised modifier and a name
_ANONYMITY_WORDS = frozenset({"anonymity", "anonymously", "named", "identified", "authorised", "authorized"})
_CLAUSE_OPENERS = frozenset({"after", "before", "since", "until"})  # open a clause with a subject of its own
_POSSESSIVE = ("'s", "’s")
_NAME_SUFFIXES = frozenset({"jr", "sr"})  # "Tom Hale Jr., a lawyer": the full stop ends no sentence
_MAX_ASIDE_TOKENS = 3  # "X, for example, said": an aside between the speaker and the cue
_ASIDE_WORDS = frozenset({"too", "though", "also", "again", "alone"})  # adverbs that are no openers ("X, too, said")
_TEMPORAL = frozenset({"after", "before", "since", "until", "later", "earlier", "ago"})  # in an opening time phrase
_POSTPOSITIVE_TIME = frozenset({"later", "earlier", "ago"})  # after their measure ("Hours later,")
_MAX_TIME_PHRASE_TOKENS = 6  # "after the vote on the new budget," at most
_MAX_SUBJECT_APPOSITION_TOKENS = 12  # "Tom Beck, a retired judge from a small town in Kent," at most
_ASKED_OPENERS = frozenset({"when", "if", "after", "once"})  # "The mayor, when asked about ..., said"
_DATING_ADVERBS = frozenset({"then", "now"})  # date an apposition after a name ("X, then mayor of Y")


def participle(token: Token) -> bool:
    """Whether a token is a small-letter -ing word ("speaking", "referring")."""
    return token.kind == "W" and not token.capital and len(token.lower) > 5 and token.lower.endswith("ing")


def in_phrase(unit: Unit, i: int) -> bool:
    """Whether token `i` can be part of a speaker phrase."""
    tokens, words = unit.tokens, unit.words
    token = tokens[i]
    if token.kind == "Q" or i in unit.cue_tokens:
        return False
    if token.kind == "P":
        return token.lower in _INSIDE_SPEAKER_PUNCT
    if token.lower in words["boundary"]:
        return False
    if not token.capital and len(token.lower) > 4 and token.lower.endswith("ed") and "-" not in token.lower \
            and i + 1 < len(tokens):  # a verb ("showed a group") rather than an adjective ("retired Air")
        after = tokens[i + 1].lower  # but "a survey conducted by X found" is one phrase
        return after == "by" or not (after in words["determiner"] or after in words["opener"]
                                     or after in words["pronoun"])
    return True


def phrase_before(unit: Unit, i: int) -> tuple[int, int]:
    """(first token of the speaker phrase ending before token `i`, index of the token that stops it)."""
    tokens, words = unit.tokens, unit.words
    j, length = i - 1, 0
    while j >= 0 and length < MAX_SPEAKER_TOKENS and in_phrase(unit, j):
        j, length = j - 1, length + 1
    if length >= MAX_SPEAKER_TOKENS:
        return i, j
    k = j + 1
    while k < i and (tokens[k].kind == "P" or tokens[k].lower in words["coordinator"]):
        k += 1  # "..., and human rights groups warned": the phrase starts after "and"
    if k < i and _opens_adverbial(unit, k):
        # "In Ohio the governor said", "On Tuesday she said": the phrase starts at a determiner or pronoun
        # after a noun of the adverbial rather than at one after its preposition ("In a speech ... he said")
        starts = [m for m in range(k + 1, i) if tokens[m].lower in words["determiner"]
                  or tokens[m].lower in words["pronoun"]]
        k = next((m for m in starts if tokens[m - 1].lower not in words["opener"] and tokens[m - 1].lower != "of"),
                 starts[0] if starts else i)
    if all(t.kind != "W" or t.lower in words["determiner"] for t in tokens[k:i]) or (
            tokens[k].lower in words["pronoun"] and tokens[k + 1].lower != "and" and not all(
                adverb(tokens, m, words) or tokens[m].lower in words["opener"]
                or tokens[m].lower in words["time"] or tokens[m].lower in words["cue_prefix"]
                or tokens[m].lower.endswith(("n't", "n’t")) for m in range(k + 1, i))):
        return i, j  # no noun, or a pronoun and a verb ("and they made plans"): no speaker
    return k, j


def speaker_end(unit: Unit, first: int, end: int) -> int:
    """End of a speaker phrase just before its cue, without what PolNeAR leaves out of the source:
    a channel ("Romero in a statement said") and time words ("Feinstein last week said")."""
    tokens = unit.tokens
    end = next((m for m in range(first + 1, end) if adverbial_after_name(unit, m)), end)
    match = unit.doc.lex.channel_pattern.search(unit.masked, tokens[first].start, tokens[end - 1].end)
    if match and match.end() == tokens[end - 1].end and match.start() > tokens[first].start:
        while end > first + 1 and tokens[end - 1].start >= match.start():
            end -= 1
    return before_time(unit, first, end)


def adverbial_after_name(unit: Unit, i: int) -> bool:
    """Whether token `i` opens an adverbial of the saying right after a name: a channel ("in a
    statement", "during a rally", see channels.csv) or a day ("on Monday"). A name takes no such
    modifier, so the speaker ends before it; a common noun may ("Activists on the ground").

    "Tom Beck in a speech on Monday said" -> "Tom Beck"; '"...," said Ana Ruiz in a blog post' -> "Ana Ruiz"
    """
    tokens, words = unit.tokens, unit.words
    if i < 1 or i + 1 >= len(tokens) or tokens[i].lower not in _ADVERBIAL_PREPOSITIONS:
        return False
    name = tokens[i - 1]
    if not (name.kind == "W" and name.capital and name.lower not in words["determiner"]
            and name.lower.removesuffix("s") not in words["determiner"]):  # "Others in a statement"
        return False
    if not (tokens[i].lower == "on" and tokens[i + 1].lower in words["time"]
            or unit.doc.lex.channel_pattern.match(unit.masked, tokens[i].start)):
        return False
    if i < 2 or tokens[i - 2].kind == "W" and (tokens[i - 2].capital or tokens[i - 2].lower in words["title"]):
        return True  # "Tom Beck in ...", "Sen. Beck in ...": a name
    m = i - 2  # "the top Democrat at a rally": one capital after a determiner is a role noun, not a name
    while m >= 0 and tokens[m].kind == "W" and tokens[m].lower not in words["determiner"]:
        m -= 1
    return m < 0 or tokens[m].lower not in words["determiner"]


def before_time(unit: Unit, first: int, end: int) -> int:
    """End of a speaker phrase without the time words that end it ("Feinstein last week said", "Ruiz on
    Tuesday said")."""
    tokens, words = unit.tokens, unit.words
    while end - first > 1:
        last = tokens[end - 1].lower
        if _past_tense(tokens[end - 2]):
            break  # "An ad released Thursday said": the time belongs to the participle, not to the saying
        if last in words["time"] and tokens[end - 2].lower != "of":
            end -= 1 + (end - first > 2 and tokens[end - 2].lower == "on")  # "The mayor on Tuesday said"
        elif last in words["time_unit"] and end - first > 2 and tokens[end - 2].lower in {"last", "this", "next"} \
                and not (end - first > 3 and _past_tense(tokens[end - 3])):
            end -= 2
        else:
            break
    return end


def phrase_after(unit: Unit, i: int, any_start: bool = False, longest: int = MAX_SPEAKER_TOKENS) -> int:
    """End (exclusive) of a speaker phrase starting at token `i` ("said Smith", "according to X")."""
    tokens, words, high = unit.tokens, unit.words, len(unit.tokens)
    j, bracket = i, False
    while j < high and j - i < longest and in_phrase(unit, j):
        if j > i and adverbial_after_name(unit, j):
            return j if any_start or tokens[i].capital or tokens[i].lower in words["determiner"] else i
        if bracket and tokens[j].lower == ")":
            j += 1  # "Sen. Ann Lee (D-Ore.) at a rally": the phrase ends with the bracket after a name
            break
        bracket = bracket or tokens[j].lower == "("
        if tokens[j].lower == "." and (j + 1 >= high or not tokens[j + 1].capital) and not bracket \
                and not (j > i and ("." in tokens[j - 1].lower or tokens[j - 1].lower in words["title"])
                         and j + 1 < high and (tokens[j + 1].kind == "W" or tokens[j + 1].lower == ")")) \
                and not (j > i and tokens[j - 1].lower in _NAME_SUFFIXES and j + 1 < high and tokens[j + 1].lower == ","):
            break  # a sentence end, but not "a former U.S. law enforcement official", "Sen. Ann Lee (D-Ore.)"
        j += 1  # or "Tom Hale Jr., a lawyer"
    if j == i or (j < high and tokens[j].lower not in {",", ".", ";", "?", "!", ":"} and tokens[j].kind != "Q"
                  and tokens[j - 1].lower != ")"):
        j = relative_clause_end(unit, i, j)  # "said a port official who was not authorised to speak"
        if j is None:
            return i
    if not (any_start or tokens[i].capital or tokens[i].lower in words["determiner"]):
        return i
    return j


def relative_clause_end(unit: Unit, first: int, stop: int) -> int | None:
    """End of a speaker phrase after its cue (from token `first`) that a restrictive relative clause goes on
    past the word at `stop` that ended it ("said a port official who was not authorised to speak", "the owner
    of a stall who sells eels"): the clause belongs to the speaker up to the end of its apposition
    (`apposition_cut`). None when no "who", "whom" or "whose" after a word of the phrase comes by `stop`
    ("that" may open the reported words: "said Monday that"); the phrase ends before the relative pronoun when the clause holds a quote or reports words
    itself ("said a nurse who said she was tired": "who" speaks those).
    """
    tokens, words = unit.tokens, unit.words
    relative = next((m for m in range(first + 1, min(stop + 1, len(tokens)))
                     if tokens[m].lower in _RESTRICTIVE_RELATIVES), None)
    if relative is None or tokens[relative - 1].kind != "W" or tokens[relative - 1].lower in words["determiner"]:
        return None
    last = len(tokens)
    while last > relative and tokens[last - 1].kind == "P":
        last -= 1
    end = apposition_cut(unit, relative, last)
    if end <= relative + 1 or any(t.kind == "Q" for t in tokens[relative:end]) or any(
            m in unit.cue_tokens and m not in unit.belief_tokens for m in range(relative, end)):
        return relative
    return end


def according_source(unit: Unit, i: int) -> int:
    """End of the source after "according to": every word up to the next clause punctuation or quote
    ("according to three intelligence sources who spoke to Fox News but were not authorized to ...")."""
    tokens, high = unit.tokens, len(unit.tokens)
    j = i
    while j < high and j - i < MAX_APPOSITION_TOKENS and j not in unit.cue_tokens and (
            tokens[j].kind == "W" or tokens[j].lower in {"'", "’", "&", "(", ")"} or (
            tokens[j].lower == "." and j + 1 < high and tokens[j + 1].capital and j + 2 < high
            and tokens[j + 2].kind == "W")):
        j += 1
    if j == i or (j < high and tokens[j].kind == "W"):
        return i
    return j


def named(unit: Unit, i: int) -> bool:
    """Whether a small-letter phrase at token `i` reaches a name within a few words ("former Gov. X")."""
    tokens, words, high = unit.tokens, unit.words, len(unit.tokens)
    if i >= high or tokens[i].lower in words["opener"] or tokens[i].lower in words["time"]:
        return False
    return any(t.capital for t in tokens[i + 1:min(i + 5, high)] if t.kind == "W")


def subject(unit: Unit, cue: Cue) -> tuple[int, int] | None:
    """The subject at the start of the sentence (after "Meanwhile," or "On Monday,"), for a
    participle cue with no speaker of its own ("Trump walked on stage, chanting ...")."""
    tokens, words = unit.tokens, unit.words
    first = past_dateline(unit, 0, cue.first)
    if first < cue.first and (tokens[first].lower in words["opener"] or participle(tokens[first])
                              or tokens[first].capital and tokens[first].lower.endswith("ing")):
        # "On Monday, ...", "Speaking at a town hall in Salem, Trump went after Bush, calling ..."
        first = next((i + 1 for i in range(first + 1, min(first + MAX_SPEAKER_TOKENS, cue.first))
                      if tokens[i].lower == ","), first)
    first = after_time_phrase(unit, first, cue.first)
    if first < cue.first - 1 and tokens[first].lower in words["pronoun"]:
        return first, first + 1  # "She went on to attack Trump, saying ..."
    end = first
    name = tokens[first].capital and tokens[first].lower not in words["determiner"]
    bridged = False
    while end < cue.first and end - first < 8 and in_phrase(unit, end):  # up to "Ana Ruiz" in 'Ana Ruiz: "..."'
        if name and tokens[end].capital and tokens[end].lower.endswith(_POSSESSIVE):
            name, end = False, end + 1  # a possessive name opens a noun phrase ("Cruz's campaign reacted")
            continue
        if name and not (tokens[end].capital or tokens[end].lower in NAME_PARTICLES or tokens[end].kind == "P"
                         or tokens[end].lower == "of" and tokens[end + 1].capital):  # "Senator Ted Cruz of Texas"
            reach = None if bridged else role_before_name(unit, end, cue.first)
            if reach is None:
                break
            end, bridged = reach, True
            continue
        if end > first and _verb_before_object(unit, end, cue.first):
            break  # "The minister gave a defence of the plan, saying ...": the subject ends before "gave"
        if end > first and not name and _past_tense(tokens[end]) and tokens[end - 1].kind == "W" \
                and tokens[end - 1].lower not in words["determiner"]:
            break  # "Cruz's campaign reacted within minutes, saying ...": the subject ends before "reacted"
        end += 1  # a subject that opens with a name is that name ("Kasich bemoaned ..., saying")
    while end > first and tokens[end - 1].kind == "P":
        end -= 1
    if end > first and (tokens[first].capital or tokens[first].lower in words["determiner"]
                        or tokens[first].lower in words["pronoun"]):
        end = subject_apposition(unit, end, cue.first)
        return first, before_time(unit, first, end)  # "The mayor on Monday doubled down, saying": no "on Monday"
    return None


def after_time_phrase(unit: Unit, first: int, high: int) -> int:
    """Where the subject starts after a time phrase that opens the sentence at token `first`, before token
    `high`: after its comma ("Hours later, Trump ...", "Two days after the flood, Ana Ruiz ..."), or at the
    determiner or pronoun after its noun ("Soon after the vote she had a reply: ..."); `first` when the
    sentence opens with no time phrase ("Ruiz later walked out", "The mayor after the vote ...").

    "Hours later, the coach walked out, saying ..." -> "the coach"
    """
    tokens, words = unit.tokens, unit.words
    if first >= high or tokens[first].kind != "W" or tokens[first].lower in words["pronoun"]:
        return first
    at = next((m for m in range(first + 1, min(first + 3, high)) if tokens[m].lower in _TEMPORAL), None)
    if at is None or any(tokens[m].kind != "W" for m in range(first, at)):
        return first
    if tokens[at].lower in _POSTPOSITIVE_TIME:  # "Hours later," "Two weeks ago,"
        return at + 2 if at + 2 < high and tokens[at + 1].lower == "," else first
    end = at + 1
    while end < high and end - at <= _MAX_TIME_PHRASE_TOKENS and tokens[end].kind == "W" \
            and end not in unit.cue_tokens and not _past_tense(tokens[end]):
        if end > at + 1 and (tokens[end].lower in words["pronoun"] or tokens[end].lower in words["determiner"]) \
                and tokens[end - 1].lower not in words["opener"] and tokens[end - 1].lower != "of" \
                and tokens[end - 1].lower not in words["determiner"]:
            return end  # "Soon after the vote she", "Minutes before the match the captain"
        end += 1
    if end < high - 1 and end - at > 1 and tokens[end].lower == ",":
        return end + 1  # "Two days after the flood, Ana Ruiz ..."
    return first


def subject_apposition(unit: Unit, end: int, high: int) -> int:
    """End of a subject that ends at token `end` before a cue at `high`, with the apposition between
    commas after it ("Tom Beck, a retired judge, walked out, saying ..."; before a colon cue 'Ana Ruiz, the
    mayor: "..."'): a noun phrase that opens with no adverbial, participle or relative pronoun and holds
    no cue, quote or verb before an object. `end` when no such apposition follows.

    "Tom Beck, a retired judge, walked out, saying ..." -> "Tom Beck, a retired judge"
    """
    tokens, words = unit.tokens, unit.words
    if not (end + 1 < high and tokens[end].lower == "," and tokens[end + 1].kind == "W"):
        return end
    opening = tokens[end + 1]
    if opening.lower in words["opener"] or opening.lower in words["pronoun"] or opening.lower in words["time"] \
            or opening.lower in _RELATIVE_PRONOUNS or participle(opening) or _opens_adverbial(unit, end + 1):
        return end
    m = end + 1
    while m < high and m - end <= _MAX_SUBJECT_APPOSITION_TOKENS and tokens[m].lower != ",":
        if not in_phrase(unit, m) or tokens[m].kind == "P" and tokens[m].lower != "." \
                or _verb_before_object(unit, m, high) or tokens[m].lower in _RELATIVE_PRONOUNS:
            return end
        m += 1
    closed = m < high - 1 and tokens[m].lower == "," or m == high and tokens[high].lower == ":"
    return m if closed and m > end + 1 else end


def role_before_name(unit: Unit, i: int, high: int) -> int | None:
    """Index of the name that a few small role words starting at token `i` lead to, or None: after a
    capitalised modifier the role goes on to a name of two words or more ("Democratic presidential
    nominee Ana Ruiz", "Former labour minister Tom Beck"), but not over a verb ("Ruiz attacked Beck").
    """
    tokens = unit.tokens
    for m in range(i, min(i + _MAX_ROLE_WORDS, high)):
        token = tokens[m]
        if token.kind == "W" and token.capital:  # a name of two words at least ("Trump attacked Clinton")
            two_words = m + 1 < high and tokens[m + 1].kind == "W" and tokens[m + 1].capital
            return m if m > i and two_words else None
        if token.kind != "W" or not in_phrase(unit, m) or _verb_before_object(unit, m, high) \
                or token.lower.endswith("ed") or token.lower in unit.words["opener"] and token.lower != "of":
            return None
    return None


def _past_tense(token: Token) -> bool:
    """Whether a token is a small-letter word ending in -ed ("reacted", "responded")."""
    return token.kind == "W" and not token.capital and len(token.lower) > 4 and token.lower.endswith("ed")


def _verb_before_object(unit: Unit, i: int, high: int) -> bool:
    """Whether token `i` is a small-letter word, not a preposition, followed by a determiner: a verb and
    its object ("gave a", "took the"), which a noun phrase does not hold."""
    tokens, words = unit.tokens, unit.words
    token = tokens[i]
    return token.kind == "W" and not token.capital and i + 1 < high and tokens[i + 1].lower in words["determiner"] \
        and token.lower not in words["opener"] and token.lower not in ("of", "and", "or")


def apposition(unit: Unit, end: int) -> int:
    """End of a speaker phrase extended by an apposition: "said Alan Cole, an economist at X"."""
    tokens, high = unit.tokens, len(unit.tokens)
    if end + 1 < high and tokens[end].lower == "," and tokens[end + 1].lower in unit.words["determiner"]:
        extended = phrase_after(unit, end + 1)
        if extended > end + 1 and (extended >= high or tokens[extended].kind == "P"):
            end = extended
    return _to_sentence_end(unit, end)


def _opens_adverbial(unit: Unit, i: int) -> bool:
    """Whether token `i`, after the comma that follows a name, opens an adverbial rather than an apposition:
    "then" or "now" before a role dates the apposition ("Tom Hale, then mayor of Leeds, said")."""
    tokens = unit.tokens
    if tokens[i].lower in _DATING_ADVERBS and i > 0 and tokens[i - 1].lower == "," and i + 1 < len(tokens) \
            and tokens[i + 1].kind == "W" and i + 1 not in unit.cue_tokens:
        return False
    return tokens[i].lower in unit.words["opener"]


def _to_sentence_end(unit: Unit, end: int) -> int:
    """A speaker phrase after its cue that is followed by a comma takes the rest of the sentence
    ('"...," said Steve Elmendorf, deputy campaign manager for John Kerry's campaign.') up to the end of
    its apposition (`apposition_cut`), unless that apposition holds a quote, a cue, a channel or opens
    with an adverbial ("..., said X, in a statement")."""
    tokens, high = unit.tokens, len(unit.tokens)
    if not (end + 1 < high and tokens[end].lower == ","):
        return end
    last = high
    while last > end and tokens[last - 1].kind == "P":
        last -= 1
    cut = apposition_cut(unit, end + 1, last)
    rest = tokens[end + 1:cut]
    if not rest or len(tokens[end + 1:last]) > MAX_APPOSITION_TOKENS or _opens_adverbial(unit, end + 1) \
            or any(t.kind == "Q" for t in rest) \
            or any(i in unit.cue_tokens and i not in unit.belief_tokens for i in range(end + 1, cut)) \
            or unit.doc.lex.channel_pattern.search(unit.masked, rest[0].start, rest[-1].end):
        return end
    if participle(tokens[end + 1]):
        return end  # '"...," said Caddell, speaking of ...'
    if _anonymity_clause(tokens, end + 1, cut):
        return end  # '"...," said an aide, who spoke on condition of anonymity'
    return cut


def apposition_cut(unit: Unit, first: int, last: int) -> int:
    """Where the apposition that starts at token `first` after a speaker ends, at the latest at `last`:
    before a comma that opens an adverbial, a participle, a quote or an "of" phrase (", in Ohio",
    ", noting that ...", ', "and we ..."', ", of Florida's ..."); a home town after an age stays
    ("Rachel Woolard, 20, of Jacksonville").

    '"...," said Ada Lune, chairman of the Harbour Group, noting that ...' -> "Ada Lune, chairman of the
    Harbour Group"
    """
    tokens, words = unit.tokens, unit.words
    for i in range(first, last - 1):
        if tokens[i].lower == "," and (tokens[i + 1].lower in words["opener"] | {"of"}
                                       or participle(tokens[i + 1]) or tokens[i + 1].kind == "Q") \
                and not (tokens[i + 1].lower == "of" and tokens[i - 1].lower.isdigit()):
            return i
    return last


def speaker_for(unit: Unit, cue: Cue) -> tuple[int, int, int, str]:
    """(first, end, stop index, channel) of the speaker phrase before a cue.

    Handles "NAME, APPOSITIVE, said" and "X, interview on state television, said".
    """
    tokens, words = unit.tokens, unit.words
    channels = unit.doc.lex.channel_pattern
    i = cue.first
    if i > 0 and tokens[i - 1].lower == ",":
        aside = None if passive(tokens, cue, words) else aside_before_cue(unit, i - 1) or asked_aside(unit, i - 1)
        if aside is not None:  # but "The plan, however, is backed by X": a passive's subject is no speaker
            return aside
        k1, stop1 = phrase_before(unit, i - 1)
        if k1 < i - 1 and stop1 >= 0 and tokens[stop1].lower == ",":
            chunk = unit.masked[tokens[k1].start:tokens[i - 2].end]
            channel = chunk if channels.fullmatch(chunk) else ""
            k0, stop0 = phrase_before(unit, stop1)
            if k0 < stop1 and (tokens[k0].capital or tokens[k0].lower in words["determiner"]) and \
                    (stop0 < 0 or tokens[stop0].kind == "Q" or tokens[stop0].lower == ","):
                if tokens[k1].kind == "W" and tokens[k1].lower.endswith("ing") and not tokens[k1].capital \
                        or _opens_adverbial(unit, stop1 + 1):
                    # "Clinton, speaking to reporters on her plane, said", "Ruiz, at a later briefing, said":
                    # a participle or an adverbial between commas is no apposition
                    channel = channel or " "
                if tokens[k0].lower in words["determiner"] and stop0 > 0 and tokens[stop0].lower == ",":
                    # "Dean Johnson, a salesman from Sumter, South Carolina, says": the name comes first
                    kp, stopp = phrase_before(unit, stop0)
                    if kp < stop0 and tokens[kp].capital and tokens[kp].lower not in words["opener"] and (
                            stopp < 0 or tokens[stopp].kind == "Q" or tokens[stopp].lower == ","):
                        k0, stop0 = kp, stopp
                end = stop1 if channel else i - 1
                return k0, end, stop0, channel.strip()
        long_subject = _long_subject(unit, i - 1)
        if long_subject:
            return 0, long_subject, -1, ""
        return i, i, i - 1, ""
    k, stop = phrase_before(unit, i)
    k = subject_start(unit, k, i)
    if k < i and i > 1 and tokens[i - 1].lower in _RELATIVE_PRONOUNS \
            and stop >= 0 and (tokens[stop].lower == "," or tokens[stop].kind == "Q" or _after_trailing_cue(unit, stop)):
        # '"...," said Ann Lee, who said ...', '..., said Ann Lee, a nurse who advised ...': the speaker of
        # a cue in a relative clause is the relative pronoun; what stands before it is its antecedent,
        # never the content of its cue (the quote before is Ann Lee's). An antecedent after a verb
        # ("told a woman who said") may be that verb's content, and one that opens the sentence ("The
        # nurse who said") its subject: both stay in the phrase.
        return i - 1, i, -1, ""
    return k, speaker_end(unit, k, i), stop, ""


def _after_trailing_cue(unit: Unit, i: int) -> bool:
    """Whether token `i` is in a cue, not a participle, right after a quote ('"...," said a nurse who said'):
    the phrase after it is that cue's speaker, not its object ("told a woman who said", ", saying anybody
    who ...")."""
    return any(cue.first <= i < cue.last and cue.first > 0 and unit.tokens[cue.first - 1].kind == "Q"
               and not cue.participle for cue in unit.cues)


def aside_before_cue(unit: Unit, comma: int) -> tuple[int, int, int, str] | None:
    """(first, end, stop index, channel) of the speaker before a short aside between commas that ends at
    `comma`, right before the cue, or None: an aside that opens with an adverbial word ("for example",
    "however", "in turn", "in Leeds", "too") is no part of the speaker, which is the phrase before it.

    "The mayor, for example, said ..." -> "The mayor"; "Ana Ruiz, however, said ..." -> "Ana Ruiz"
    """
    tokens, words = unit.tokens, unit.words
    opening = next((m for m in range(comma - 1, max(comma - _MAX_ASIDE_TOKENS - 2, 0), -1)
                    if tokens[m].lower == ","), None)
    if opening is None or opening + 1 >= comma:
        return None
    first_word = tokens[opening + 1]
    if not (_opens_adverbial(unit, opening + 1) or first_word.lower in _ASIDE_WORDS
            or adverb(tokens, opening + 1, words)) or any(
            t.kind != "W" or m in unit.cue_tokens for m, t in enumerate(tokens[opening + 1:comma], opening + 1)):
        return None
    first, stop = phrase_before(unit, opening)
    if first >= opening or not (tokens[first].capital or tokens[first].lower in words["determiner"]) \
            or stop >= 0 and tokens[stop].kind != "Q" and tokens[stop].lower != ",":
        return None
    chunk = unit.masked[tokens[opening + 1].start:tokens[comma - 1].end]
    return first, opening, stop, chunk if unit.doc.lex.channel_pattern.fullmatch(chunk) else ""


def asked_aside(unit: Unit, comma: int) -> tuple[int, int, int, str] | None:
    """(first, end, stop index, channel) of the speaker before an "asked" clause between commas that ends at
    `comma`, right before the cue, or None: the clause says what the speaker was asked ("when asked about
    the bridge", "asked if the pier was safe") and is no part of the speaker, which is the phrase before it.

    "The mayor, when asked about the bridge, said it was safe." -> "The mayor"
    """
    tokens, words = unit.tokens, unit.words
    opening = next((m for m in range(comma - 2, max(comma - MAX_SPEAKER_TOKENS, 0), -1) if tokens[m].lower == ","),
                   None)
    if opening is None:
        return None
    asked = opening + 1 + (tokens[opening + 1].lower in _ASKED_OPENERS)
    if tokens[asked].lower != "asked" or asked not in unit.cue_tokens \
            or any(t.kind == "Q" for t in tokens[opening + 1:comma]):
        return None
    first, stop = phrase_before(unit, opening)
    if first >= opening or not (tokens[first].capital or tokens[first].lower in words["determiner"]) \
            or stop >= 0 and tokens[stop].kind != "Q" and tokens[stop].lower != ",":
        return None
    return first, opening, stop, ""


def subject_start(unit: Unit, first: int, cue: int) -> int:
    """Where the subject of a cue starts inside the phrase `first`..`cue` before it: the words before
    a clause that opens with "after", "before", "since" or "until" are another clause, and a personal
    pronoun takes no words before it (time and occasion phrases are adverbials).

    "A day after the union said ..." -> "the union"; "Two weeks ago in an interview she said" -> "she"
    """
    tokens, words = unit.tokens, unit.words
    if cue - first > 1 and tokens[cue - 1].lower in _PERSONAL_PRONOUNS \
            and tokens[cue - 2].lower not in words["coordinator"]:
        return cue - 1
    for m in range(cue - 2, first, -1):
        if tokens[m].lower in _CLAUSE_OPENERS and (tokens[m + 1].capital or tokens[m + 1].lower in words["determiner"]):
            return m + 1
    return first


def _long_subject(unit: Unit, comma: int) -> int:
    """End of a subject with a long apposition or relative clause that opens the sentence and ends
    at the comma before the cue ("Scott Morris, a former official who ..., which ..., said"), or 0.
    A source is the whole noun phrase that names the speaker, its appositions and relative clauses
    included (the PARC convention PolNeAR follows).

    The first chunk is a short noun phrase (a name or a determiner phrase); the next chunk does not
    open with an adverbial ("Smith, however, said"); nothing in between is a quote or a cue.
    """
    tokens, words = unit.tokens, unit.words
    first = next((j for j in range(min(comma, 12)) if tokens[j].lower == ","), None)
    if first is None or first == 0 or first >= comma or comma > MAX_APPOSITION_TOKENS:
        return 0
    if not (tokens[0].capital or tokens[0].lower in words["determiner"]) \
            or tokens[0].lower in words["opener"] or tokens[0].lower in words["pronoun"] \
            or not all(in_phrase(unit, j) for j in range(first)):
        return 0
    if tokens[first + 1].lower in words["opener"] or tokens[first + 1].kind != "W":
        return 0  # "Smith, however, said" is no apposition
    if any(t.kind == "Q" for t in tokens[:comma]) or any(
            j in unit.cue_tokens and j not in unit.belief_tokens for j in range(comma)):
        # "Weld, who added that ..., said": a relative clause that reports words of its own is no part
        # of the source; any other relative clause is ("Ana Ruiz, who runs the food bank, said")
        return first if tokens[first + 1].lower in _RELATIVE_PRONOUNS else 0
    if _anonymity_clause(tokens, first + 1, comma):
        return first  # "X, who spoke on condition of anonymity, said": how the words were given, not who
    return comma


def _anonymity_clause(tokens: list[Token], i: int, end: int) -> bool:
    """Whether the relative clause at token `i` (to `end`) says how the words were given, not who gave
    them ("who spoke on condition of anonymity", "who was not authorised to speak"): no part of the source."""
    return tokens[i].lower in _RELATIVE_PRONOUNS and any(t.lower in _ANONYMITY_WORDS for t in tokens[i:end])


# -- who a mention names ------------------------------------------------------------------------
def name_and_role(mention: str, words: dict[str, frozenset[str]]) -> tuple[str, str, bool]:
    """(name, role, whether it is an institution) of a speaker mention; see the package docstring."""
    head, apposition_text = _split_apposition(mention)
    head = re.sub(r"\s*\([^)]*\)", "", head).strip()
    parts = head.split()
    determiners = words["determiner"]
    while parts and parts[0].lower() in determiners:
        parts = parts[1:]
    relative = next((k for k in range(1, len(parts)) if parts[k].lower() in _RELATIVE_PRONOUNS),
                    len(parts))
    parts = parts[:relative]  # "The inspector who (said ...)", "a port official who was not authorised to":
    # a relative clause tells who the speaker is, but is neither the name nor the role
    apposition_text = apposition_text.strip(" ,")
    if apposition_text.split(" ", 1)[0].lower() in ("who", "whose", "which"):
        apposition_text = ""  # a relative clause ("Weld, who added that ...") is not a role
    role_extra = " ".join(_strip_determiners(apposition_text, determiners))
    honorifics = words["honorific"]
    appositive = apposition_text.split()
    if appositive and len(appositive) <= _MAX_NAME_WORDS and parts and not any(name_like(w) for w in parts) \
            and all(name_like(w) or w.lower() in NAME_PARTICLES for w in appositive):
        # "The mayor, Ana Ruiz": a role, then the name in apposition
        return " ".join(w for w in appositive if w.lower() not in honorifics), " ".join(parts), False
    affiliated = _affiliation(parts, role_extra, words)
    if affiliated is not None:
        return affiliated
    name_start = len(parts)
    while name_start > 0 and _name_word(parts[name_start - 1], name_start - 1 > 0 and
                                        _name_word(parts[name_start - 2], False)):
        name_start -= 1
    while name_start < len(parts) and not name_like(parts[name_start]):
        name_start += 1
    if parts and parts[-1].lower() in words["time"]:
        name_start = len(parts)  # "An ad released Thursday": a day is no name
    titles = [i for i in range(name_start, len(parts) - 1) if parts[i].lower().strip(".") in words["title"]]
    if titles:  # "European Council President Donald Tusk": the role ends with the last title
        name_start = titles[-1] + 1
    if 1 < name_start < len(parts) and parts[name_start - 1].lower() in words["place"]:
        # "A UN spokesman in Geneva": a place after a role is no name
        return "", ", ".join(part for part in (" ".join(parts), role_extra) if part), False
    if name_start < len(parts):
        name = " ".join(parts[name_start:])
        role_words = [w for w in parts[:name_start] if w.lower() not in honorifics]  # "Mr Beck": no role
        role = ", ".join(part for part in (" ".join(role_words), role_extra) if part)
        return name, role, parts[-1].lower() in words["institution"]
    if parts and parts[-1].lower() in words["institution"]:
        return " ".join(parts), role_extra, True
    return "", ", ".join(part for part in (" ".join(parts), role_extra) if part), False


def _affiliation(parts: list[str], role_extra: str, words: dict[str, frozenset[str]]) -> tuple[str, str, bool] | None:
    """(name, role, False) of a name followed by its affiliation, or None: "Sergeant Ames of the Harbour
    Police" -> "Ames", "Sergeant, Harbour Police"; "Tom Reyes of the farmers' union" -> "Tom Reyes".

    The words before "of" are a name after optional titles; the name has two words, or follows a title,
    or the affiliation ends in an institution noun (so "Bank of England" stays one name).
    """
    lowered = [w.lower() for w in parts]
    if "of" not in lowered[1:]:
        return None
    at = lowered.index("of", 1)
    lead = 0
    while lead < at and lowered[lead].strip(".") in words["title"]:
        lead += 1
    name = parts[lead:at]
    affiliation = _strip_determiners(" ".join(parts[at + 1:]), words["determiner"])
    if not name or not affiliation or not all(name_like(w) or w.lower() in NAME_PARTICLES for w in name) \
            or not (lead or len(name) >= 2 or affiliation[-1].lower() in words["institution"]):
        return None
    titles = " ".join(w for w in parts[:lead] if w.lower() not in words["honorific"])
    return " ".join(name), ", ".join(part for part in (titles, " ".join(affiliation), role_extra) if part), False


def _split_apposition(mention: str) -> tuple[str, str]:
    """The mention before its first comma and the apposition after it; a thousands separator ("12,000
    nurses") is no comma of an apposition."""
    match = _APPOSITION_COMMA.search(mention)
    return (mention[:match.start()], mention[match.end():]) if match else (mention, "")


def _strip_determiners(phrase: str, determiners: frozenset[str]) -> list[str]:
    parts = phrase.split()
    while parts and parts[0].lower() in determiners:
        parts = parts[1:]
    return parts


def _name_word(word: str, inside: bool) -> bool:
    """Whether `word` can be part of a proper name (capitalised, a particle, or "of"/"for" inside one)."""
    if name_like(word):
        return True
    lower = word.lower()
    if "-" in lower and lower.split("-")[0] in NAME_PARTICLES:
        return True
    return inside and lower in {"of", "for", "and", "on"} | NAME_PARTICLES


class FullNames:
    """The full names an article has given so far, by last word, so that a later surname alone takes the
    full name and role ("Ngozi Okafor, a nurse, said ..." ... "Okafor said" -> "Ngozi Okafor", "nurse").
    A surname that two full names share stays as it is."""

    def __init__(self) -> None:
        self._by_surname: dict[str, dict[str, str]] = {}  # surname -> {full name: its first role}

    def link(self, name: str, role: str) -> tuple[str, str]:
        """(name, role) of a person mention: a lone surname linked to the one full name it ends, else as given."""
        if " " in name:
            if all(name_like(w) or w.lower() in NAME_PARTICLES for w in name.split()):  # not "Residents of Homs"
                self._by_surname.setdefault(name.rsplit(" ", 1)[1], {}).setdefault(name, role)
            return name, role
        known = self._by_surname.get(name, {})
        if name and len(known) == 1:
            full_name, full_role = next(iter(known.items()))
            return full_name, role or full_role
        return name, role
