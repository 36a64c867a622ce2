"""The attribution rules, one named function each, applied to a unit in the order of `RULES`.

`statements(doc, tokens, paragraph)` reads one unit and runs every rule of `RULES` on it in
turn; `rule_cues` runs the cue rules of `CUE_RULES` on each cue, last cue first, until one of
them settles the cue. Every rule reads the `Unit` (its tokens, its cues and what is already found)
and records what it finds with `Unit.make`, under its own name without the `rule_` prefix (the
`rule` column of the quotes table). The order is the documentation: an earlier rule's statement
bounds the content of a later one (`Unit.content_end`), and a cue is settled by the first cue rule
that returns True (a `skip_` rule settles it without a statement).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from .content import DASHES, after_cue, content, new_clause, next_quote, object_end, only_adverbial
from .cues import Cue, passive
from .document import Document, Statement, Token
from .speakers import (MAX_APPOSITION_TOKENS, NAME_PARTICLES, according_source, apposition, named, phrase_after,
                       phrase_before, speaker_end, speaker_for, subject)
from .unit import Found, Unit

__all__ = ["RULES", "CUE_RULES", "Frame", "statements"]

# A "sentence" longer than this is not prose (a table, a list, noise): its cues are not analysed,
# which keeps the work linear in the text length.
_MAX_UNIT_TOKENS = 400
_MAX_SIGNER_TOKENS = 8  # the name after a dash that signs a quote ('“…” ― Edwin G. Monroy')
_NOT_LAST = frozenset({"to", "of", "the", "a", "an", "and", "'s", "’s"})  # a speaker phrase never ends so
_QUOTE_OPENS_AFTER = DASHES | {".", "?", "!", ";"}  # marks after which a quote is a new statement
_EDGE = {",", "-", "–", "—"}
_CLAUSE_ENDS = frozenset({".", "?", "!", ";", ":"})
_RELATIVE_PRONOUNS = frozenset({"who", "which"})
_OPENING_CONJUNCTIONS = frozenset({"but", "and"})  # "But the mayor, Ana Ruiz, said ..."
_OPENING_FOCUS = frozenset({"even"})  # "Even China, its only ally, said ...": before a name or a determiner
_MAX_RELATIVE_TOKENS = 20
_MAX_IN_SOURCE_TOKENS = 12  # "In <a poll ...>, ..."
_CONTRIBUTOR_LINE_WORDS = frozenset({"from", "and", ",", ";", "."})  # "X reported from Quito; Y, from Lima."
_ASKED_AFTER = frozenset({"when", ","})  # "said when asked whether ...", "said, asked about ..."
_MAX_ASKED_PHRASE_TOKENS = 8  # "Asked at a briefing on Monday whether ..."
_FINDING_SOURCES = frozenset({"poll", "polls", "survey", "surveys", "study", "report", "analysis"})
_MAX_AS_SPEAKER_TOKENS = 24  # "As <speaker, apposition> put it, ..."  # how far back a "who" clause may open before a cue  # punctuation around an "according to X" inside a sentence


def _name(rule: Callable) -> str:
    return rule.__name__.removeprefix("rule_")


# -- unit rules -------------------------------------------------------------------------------------
def rule_asked_question(unit: Unit) -> None:
    """"Asked" with no subject, at the sentence start or after "when" or a comma, puts a question to the one
    who speaks in the sentence: the question (after a short time or place phrase) is its content, and the
    asker after "by" its speaker, or nobody.

    "Asked if he was ever bullied, the candidate said no." -> "if he was ever bullied" (no speaker)
    '"Not yet," the mayor said when asked about the bridge.' -> "about the bridge" (no speaker)
    """
    tokens, high = unit.tokens, unit.high
    for i in range(high - 2):
        if tokens[i].lower != "asked" or i > 0 and tokens[i - 1].lower not in _ASKED_AFTER or unit.taken(i):
            continue
        question, asker = _question_after(unit, i + 1)
        if question is None or any(t.kind == "Q" for t in tokens[:i]):
            continue
        end = min(_clause_end(unit, question), unit.content_end(question))
        found = content(unit, question, end, "speech")
        if found is None:
            continue
        speaker = (tokens[asker[0]].start, tokens[asker[1] - 1].end) if asker else None
        statement = Statement(found[0], [], speaker, (tokens[i].start, tokens[i].end), "",
                              "same-sentence" if asker else "none", unit.paragraph, _name(rule_asked_question))
        unit.doc.add_parts(statement, found[1])
        low = i - 1 if i > 0 and tokens[i - 1].lower == "when" else i
        unit.found.append(Found(statement, low, end, i))


def _clause_end(unit: Unit, k: int) -> int:
    """Where the clause from token `k` ends: before a comma, colon or semicolon, or after a quote that closes
    with a comma ('Asked if he was “ready,” the mayor said ...')."""
    tokens, text = unit.tokens, unit.text
    for j in range(k + 1, unit.high):
        if tokens[j].lower in {",", ":", ";"}:
            return j
        if tokens[j].kind == "Q" and text[unit.quote_at[tokens[j].start].end - 1] == ",":
            return j + 1
    return unit.high


def _question_after(unit: Unit, k: int) -> tuple[int | None, tuple[int, int] | None]:
    """(first token of the question put after "asked" at token `k`, the asker's token range after "by"), or
    (None, None): the question opens with "to", or with a question word after at most a short phrase
    ("asked on Monday whether", "asked by reporters why")."""
    tokens, words, high = unit.tokens, unit.words, unit.high
    if k < high and tokens[k].lower == "to":
        return k, None  # "When asked to comment, ..."
    asker = None
    for j in range(k, min(high - 1, k + _MAX_ASKED_PHRASE_TOKENS)):
        token = tokens[j]
        if token.lower in words["question"]:
            return j, asker if asker and asker[1] > asker[0] else None
        if token.kind != "W" or j in unit.cue_tokens:
            return None, None
        if token.lower == "by" and j == k:
            asker = (j + 1, j + 1)
        elif asker is not None and asker[1] == j and token.lower not in words["opener"] \
                and token.lower not in words["time"]:
            asker = (asker[0], j + 1)  # "by reporters": the asker ends before a time or place phrase
    return None, None


def rule_cues(unit: Unit) -> None:
    """Each cue that no earlier statement holds, last first, through `CUE_RULES` until one settles it.

    ("..., adding ..." and "... and said ..." wait for `rule_added_clause`.)
    """
    for cue in reversed([c for c in unit.cues if c not in unit.after_comma]):
        if unit.taken(cue.first):
            continue
        frames: dict = {}
        for rule in CUE_RULES:
            if rule(unit, cue, frames):
                break


def rule_cue_noun(unit: Unit) -> None:
    """A possessive and a cue noun before "that" attribute the clause after it.

    "Trump's claim that the election was rigged ..." -> speaker "Trump", content "the election was rigged ..."
    """
    tokens, words = unit.tokens, unit.words
    for i in range(1, unit.high - 2):
        if tokens[i].lower in words["cue_noun"] and tokens[i + 1].lower == "that" and not unit.taken(i):
            owner = tokens[i - 1]
            if owner.kind != "W" or not (owner.lower in words["possessive"] or (
                    owner.capital and owner.lower.endswith(("'s", "’s")))):
                continue
            stop_at = unit.content_end(i + 1)
            found = content(unit, i + 1, stop_at, "speech")
            if found is None or unit.doc.proform(found[1]):
                continue
            possessive = 0 if owner.lower in words["possessive"] else 2
            statement = Statement(found[0], [], (owner.start, owner.end - possessive), (tokens[i].start, tokens[i].end),
                                  "", "same-sentence", unit.paragraph, _name(rule_cue_noun))
            unit.doc.add_parts(statement, found[1])
            unit.found.append(Found(statement, i - 1, stop_at, i))


def rule_signed_quote(unit: Unit) -> None:
    """A unit of quotes signed with a dash and a name, when nothing else is found; the dash is the cue.

    '“Love is patient.” ― Sonya Herridge' -> speaker "Sonya Herridge", cue "―"
    """
    if unit.found:
        return
    tokens = unit.tokens
    dash = next((i for i, t in enumerate(tokens) if t.kind != "Q"), None)
    if not dash or tokens[dash].lower not in DASHES or tokens[dash - 1].kind != "Q":
        return
    end = len(tokens)
    while end > dash + 1 and tokens[end - 1].lower in {".", ","}:
        end -= 1
    name = tokens[dash + 1:end]
    if not 0 < len(name) <= _MAX_SIGNER_TOKENS or not name[0].capital or not all(
            t.capital or t.lower in NAME_PARTICLES or t.lower == "." for t in name):
        return
    unit.make(_name(rule_signed_quote), content(unit, 0, dash, "speech"), (dash + 1, end),
              Cue(dash, dash + 1, "sign", "speech", False), "", 0, len(tokens))


def rule_colon_cue(unit: Unit) -> None:
    """A subject, a colon and only quotes after it, in a unit without cues: the colon is the cue.

    'The Brookings Institution had this to offer about the plan: "It will not work."'
    -> speaker "The Brookings Institution", cue ":"
    """
    tokens, high = unit.tokens, unit.high
    colon = next((i for i in range(2, high - 1) if tokens[i].lower == ":" and tokens[i + 1].kind == "Q"), None)
    if colon is None or unit.found or unit.cues or not all(t.kind in "QP" for t in tokens[colon + 1:high]):
        return
    cue = Cue(colon, colon + 1, ":", "speech", False)
    speaker = subject(unit, cue)
    if speaker and tokens[speaker[0]].lower not in unit.words["opener"]:
        unit.make(_name(rule_colon_cue), content(unit, colon + 1, high, "speech"), speaker, cue, "", 0, high)


def rule_added_clause(unit: Unit) -> None:
    """"..., adding ...", "... and said ..." and "... but praised ...": the speaker of the statement before
    the cue, or else the sentence's subject; "adding" with no statement before it adds a thing, not words.

    "The army took the town, officials said, adding that rebels had fled." -> "rebels had fled" (officials)
    """
    tokens = unit.tokens
    for cue in unit.after_comma:
        if unit.taken(cue.first):
            continue
        before = [f for f in unit.found if f.cue_first < cue.first]
        k, channel, _ = after_cue(unit, cue.last, cue.addressee)
        stop_at = unit.content_end(k)
        found = content(unit, k, stop_at, cue.kind)
        if found is None:
            continue
        if before:
            main = max(before, key=lambda f: f.cue_first).statement
            kind, parts = found
            statement = Statement(kind, [], main.speaker, (tokens[cue.first].start, tokens[cue.last - 1].end),
                                  channel, main.resolved_by, unit.paragraph, _name(rule_added_clause))
            if not unit.doc.proform(parts):
                unit.doc.add_parts(statement, parts)
            unit.found.append(Found(statement, cue.first, stop_at, cue.first))
            continue
        if cue.lemma == "add":
            continue  # "Diaz scored twice, adding a third goal": "adding" goes on with a statement, or adds a thing
        speaker = subject(unit, cue)
        if speaker:
            unit.make(_name(rule_added_clause), found, speaker, cue, channel, cue.first, stop_at)


def rule_in_source(unit: Unit) -> None:
    """A sentence that opens with "In" and a poll, survey, study or report before a comma, when nothing else
    is found: the clause after the comma is what that source found; "In" is the cue.

    "In a new survey of nurses, 40 percent plan to quit." -> speaker "a new survey of nurses"
    """
    tokens, high = unit.tokens, unit.high
    if unit.found or high < 6 or tokens[0].lower != "in" or not tokens[0].capital:
        return
    comma = next((j for j in range(2, min(high, _MAX_IN_SOURCE_TOKENS + 2)) if tokens[j].lower == ","), None)
    if comma is None or not any(t.lower in _FINDING_SOURCES for t in tokens[1:comma]) or any(
            t.kind == "Q" for t in tokens[1:comma]):
        return
    stop_at = unit.content_end(comma + 1)
    found = content(unit, comma + 1, stop_at, "writing")
    if found is not None:
        unit.make(_name(rule_in_source), found, (1, comma), Cue(0, 1, "in", "writing", False), "", 0, stop_at)


# -- cue rules: (unit, cue, frames) -> whether the cue is settled ------------------------------------
def skip_belief_in_reported_words(unit: Unit, cue: Cue, frames: dict) -> bool:
    """A thought, stance or evidential cue after a speech cue belongs to the reported words.

    "An officer said regime forces hope to win." -> no statement for "hope"
    """
    if cue.kind not in ("thought", "stance", "evidential"):
        return False
    reporting = [c.last for c in unit.cues if c.kind in ("speech", "writing")]
    return bool(reporting) and reporting[0] <= cue.first and not new_clause(unit, cue.first)


def skip_pronoun_in_reported_words(unit: Unit, cue: Cue, frames: dict) -> bool:
    """A cue whose subject is a pronoun right after a speech cue (and "that") is part of the reported
    words: the speaker reports what they themselves said or thought, and the outer statement holds it.

    'Lynch said she recalled thinking, "This is wrong."' -> one statement, speaker "Lynch", cue "said"
    """
    tokens, pronoun = unit.tokens, cue.first - 1
    if pronoun < 1 or tokens[pronoun].lower not in unit.words["pronoun"] or tokens[pronoun].lower == "who":
        return False
    before = pronoun - (tokens[pronoun - 1].lower == "that")
    return any(c.last == before and c.kind in ("speech", "writing") and c.first < cue.first for c in unit.cues)


def skip_cue_in_that_clause(unit: Unit, cue: Cue, frames: dict) -> bool:
    """A cue inside the "that" clause of a speech cue before it belongs to the reported words (a clause
    without quotes: a quote after the inner cue is that cue's).

    "The aide said that the mayor would discuss the plan." -> no statement for "would discuss"
    "The aide said the plan was late and that the mayor would discuss it." -> the same
    """
    tokens = unit.tokens
    if unit.that_clauses is None:  # the "that" after each speech cue, read once per unit
        unit.that_clauses = []
        for earlier in unit.cues:
            if earlier.kind in ("speech", "writing") and earlier.last < unit.high:
                k = after_cue(unit, earlier.last, earlier.addressee)[0]
                if k < unit.high and tokens[k].lower == "that" and _open_to_end(unit, k):
                    unit.that_clauses.append(k)
                # "X said A and that B": B is a second clause of the same words
                for m in range(k, unit.high - 1):
                    if tokens[m].lower in {";", ":"}:
                        break
                    if tokens[m].lower == "and" and tokens[m + 1].lower == "that" and _open_to_end(unit, m + 1):
                        unit.that_clauses.append(m + 1)
                        break
    return any(k < cue.first and not new_clause(unit, cue.first, after=k) for k in unit.that_clauses)


def _open_to_end(unit: Unit, start: int) -> bool:
    """Whether no semicolon, colon or quote stands from token `start` to the unit's end (a clause without quotes)."""
    return not any(token.lower in {";", ":"} or token.kind == "Q" for token in unit.tokens[start:unit.high])


def skip_relative_clause_of_speaker(unit: Unit, cue: Cue, frames: dict) -> bool:
    """A thought or stance cue in a "who" clause after a speech cue describes the speaker of that cue.

    '"We must act," said Ann Lee, who has backed the plan since May.' -> no statement for "has backed"
    """
    if cue.kind not in ("thought", "stance"):
        return False
    tokens = unit.tokens
    for m in range(cue.first - 1, max(cue.first - _MAX_RELATIVE_TOKENS, 0) - 1, -1):
        if tokens[m].kind == "Q" or m in unit.cue_tokens or tokens[m].lower in {".", ";", ":", "?", "!"}:
            return False
        if tokens[m].lower == "who" and m > 0 and tokens[m - 1].lower == ",":
            return any(c.kind in ("speech", "writing") and c.last <= m for c in unit.cues)
    return False


def skip_question_to_speaker(unit: Unit, cue: Cue, frames: dict) -> bool:
    """"asked" after "when", or after a comma right after another cue, is a question put to that cue's
    speaker, who is not its asker (after a quote `rule_asked_question` leaves it: the next quote paragraph
    goes on with the quote's speaker).

    '"It is fine," Ruiz said, asked about the delay.' -> only the quote, by "Ruiz"
    """
    before = cue.first - 1
    return cue.lemma == "ask" and before > 0 and unit.tokens[before].lower in _ASKED_AFTER and (
        unit.tokens[before].lower == "when" or any(c.last == before for c in unit.cues))


def skip_contributor_line(unit: Unit, cue: Cue, frames: dict) -> bool:
    """A name, "reported from" and places, with nothing else in the sentence, is the line that tells where
    a reporter worked on the article: no statement.

    "Ana Ruiz reported from Quito; Tom Beck, from Lima." -> nothing
    """
    tokens, high = unit.tokens, unit.high
    if cue.lemma != "report" or cue.first == 0 or cue.last + 1 >= high or tokens[cue.last].lower != "from":
        return False
    return all(t.capital for t in tokens[:cue.first]) and all(
        t.capital or t.lower in _CONTRIBUTOR_LINE_WORDS for t in tokens[cue.last + 1:high])


def rule_inverted_cue(unit: Unit, cue: Cue, frames: dict) -> bool:
    """A sentence that opens with "Said", then the speaker and the quote.

    'Said Comey, "We are not done."' -> speaker "Comey"
    """
    tokens, high = unit.tokens, unit.high
    if not (cue.first == 0 and cue.inverted and tokens[0].capital):
        return False
    quote = next((j for j in range(cue.last + 1, min(high, cue.last + MAX_APPOSITION_TOKENS))
                  if tokens[j].kind == "Q"), None)
    if quote is not None and tokens[quote - 1].lower in {",", ":"} and tokens[cue.last].capital:
        end = unit.content_end(quote)
        unit.make(_name(rule_inverted_cue), content(unit, quote, end, cue.kind), (cue.last, quote - 1), cue, "",
                  0, end)
    return True


def rule_according_to(unit: Unit, cue: Cue, frames: dict) -> bool:
    """"according to X": the content is before it, after it, or on both sides.

    "According to the UN, 300 people died." -> speaker "the UN", content "300 people died"
    """
    if cue.kind != "according":
        return False
    tokens, high = unit.tokens, unit.high
    s_end = according_source(unit, cue.last)
    if s_end == cue.last:
        return True
    before = cue.first > 0 and not (cue.first == 1 and tokens[0].kind == "P")
    after = s_end + 1 < high and tokens[s_end].lower in _EDGE and any(
        t.kind != "P" for t in tokens[s_end + 1:unit.content_end(s_end + 1)])
    if before and tokens[cue.first - 1].lower in _EDGE and after:
        # "For Trump, according to X, the speech is a test": the content is on both sides
        left = content(unit, 0, cue.first - 1, cue.kind)
        right = content(unit, s_end + 1, unit.content_end(s_end + 1), cue.kind)
        if left and right:
            kind = "partial" if "partial" in (left[0], right[0]) or "direct" in (left[0], right[0]) else "indirect"
            found = (kind, [p for _, ps in (left, right) for p in ps])
        else:
            found = left or right
        low, end = 0, unit.content_end(s_end + 1)
    elif before:  # "X leads by 271 delegates according to a count by The AP"
        found = content(unit, 0, cue.first, cue.kind)
        low, end = 0, s_end
    else:
        found = content(unit, s_end, unit.content_end(s_end), cue.kind)
        low, end = cue.first, unit.content_end(s_end)
    if found:
        channel = unit.doc.channel(tokens, cue.first, s_end)
        unit.make(_name(rule_according_to), found, (cue.last, s_end), cue, channel, low, end)
    return True


def rule_by_phrase(unit: Unit, cue: Cue, frames: dict) -> bool:
    """A naming or passive cue with its speaker after it (after "by"), before a quote.

    'the city dubbed by rebels "the capital of the revolution"' -> speaker "rebels", partial
    """
    tokens, high = unit.tokens, unit.high
    if not (cue.kind in ("naming", "passive") and cue.last < high and tokens[cue.last].lower == "by"
            or cue.kind == "passive"):
        return False
    by = cue.last + (tokens[cue.last].lower == "by" if cue.last < high else 0)
    s_end = phrase_after(unit, by, any_start=by > cue.last)
    if s_end > by and s_end < high and tokens[s_end].kind == "Q":
        unit.make(_name(rule_by_phrase), content(unit, s_end, s_end + 1, cue.kind), (by, s_end), cue, "",
                  cue.first, s_end + 1)
    return True


def rule_passive_by(unit: Unit, cue: Cue, frames: dict) -> bool:
    """A passive cue with its speaker after "by" at the end of the clause: the subject is the content,
    and "by" belongs to the cue.

    "The plan is backed by the unions." -> speaker "the unions", cue "is backed by", content "The plan"
    """
    tokens, high = unit.tokens, unit.high
    if cue.kind in ("naming", "passive", "according", "evidential") or cue.last + 1 >= high \
            or tokens[cue.last].lower != "by" or not passive(tokens, cue, unit.words):
        return False
    s_end = phrase_after(unit, cue.last + 1, any_start=True)
    subject_first, _ = phrase_before(unit, cue.first)
    if s_end == cue.last + 1 or subject_first >= cue.first or not all(
            t.kind == "P" for t in tokens[s_end:unit.content_end(s_end)]):
        return False  # "She was told by police that ...": the content follows
    found = content(unit, subject_first, cue.first, cue.kind)
    if found and not unit.doc.proform(found[1]):
        unit.make(_name(rule_passive_by), found, (cue.last + 1, s_end), replace(cue, last=cue.last + 1), "",
                  subject_first, s_end, content_first=True)
    return True


def rule_sourceless(unit: Unit, cue: Cue, frames: dict) -> bool:
    """A passive cue without "by", or an impression ("seems to", "appeared to"), names nobody: the content
    is the subject and what follows the cue, or only the clause after it; the speaker is empty. A passive
    of naming that no quote or "as" follows reports nothing.

    "The commander is believed to be hiding." -> content "The commander" + "to be hiding", no speaker
    """
    tokens, high = unit.tokens, unit.high
    if cue.kind == "evidential":
        if cue.last + 1 < high and tokens[cue.last].lower == "to" and cue.last + 1 in unit.cue_tokens:
            return False  # "He appeared to say ...": the speaker is the subject
        if cue.first > 0 and (tokens[cue.first - 1].lower in unit.words["question"]
                              or tokens[cue.first - 1].lower == "which"):
            return True  # "what appeared to be a reference"
    elif not passive(tokens, cue, unit.words) or cue.last < high and tokens[cue.last].lower == "by":
        return False
    if cue.last >= high or cue.kind in ("naming", "passive") and not (
            tokens[cue.last].kind == "Q" or tokens[cue.last].lower == "as"):
        return True  # "Firefighters were called to the scene."
    k, channel, _ = after_cue(unit, cue.last, False)
    stop_at = unit.content_end(k)
    found = content(unit, k, stop_at, cue.kind) if k < high else None
    if not found:
        return True  # "Nothing was reported today."
    subject_first, _ = phrase_before(unit, cue.first)
    clause = tokens[k].lower == "that" or tokens[k].lower in unit.words["question"]
    low = cue.first
    if subject_first < cue.first and not clause and tokens[subject_first].lower != "it":
        kind = "indirect" if found[0] == "indirect" else "partial"
        found = (kind, [(tokens[subject_first].start, tokens[cue.first - 1].end)] + list(found[1]))
        low = subject_first
    unit.make(_name(rule_sourceless), found, None, cue, channel, low, stop_at, resolved_by="none")
    return True


def rule_as_reported(unit: Unit, cue: Cue, frames: dict) -> bool:
    """"as X reports" after a clause attributes the clause; at the start of a sentence, the clause after
    its comma.

    "Prices rose in May, as the agency reports." -> speaker "the agency", content "Prices rose in May"
    """
    tokens, high = unit.tokens, unit.high
    if cue.kind not in ("speech", "writing"):
        return False
    first, stop = phrase_before(unit, cue.first)
    if tokens[0].lower == "as" and 1 < cue.first <= _MAX_AS_SPEAKER_TOKENS and (first >= cue.first or stop != 0) \
            and tokens[1].kind == "W" and not any(j in unit.cue_tokens or tokens[j].kind == "Q"
                                                  for j in range(1, cue.first)):
        first, stop = 1, 0  # "As Ann Lee, a lawyer in Leeds, put it, ...": the speaker with its apposition
    if first >= cue.first or stop < 0 or tokens[stop].lower != "as":
        return False
    k, channel, _ = after_cue(unit, cue.last, False)
    after_clause = stop > 1 and (tokens[stop - 1].lower == "," or tokens[stop - 1].kind == "Q" and unit.text[
        unit.quote_at[tokens[stop - 1].start].end - 1] == ",")  # '"... income," as a memo put it'
    if after_clause and all(t.kind == "P" for t in tokens[k:high]):
        found, low, end = content(unit, 0, stop - (tokens[stop - 1].kind != "Q"), cue.kind), 0, high
    elif stop == 0 and k + 1 < high and tokens[k].lower == ",":
        end = unit.content_end(k + 1)
        found, low = content(unit, k + 1, end, cue.kind), 0
    else:
        return False
    if found:
        last = cue.first
        while last > first + 1 and tokens[last - 1].kind == "P":
            last -= 1  # "As Ann Lee, a lawyer, put it": no comma at the end of the speaker
        speaker = (first, speaker_end(unit, first, last))
        unit.make(_name(rule_as_reported), found, speaker, cue, channel, low, end, content_first=stop > 0)
    return True


@dataclass
class Frame:
    """What surrounds an ordinary cue: its speaker phrase, the words before it and where its content
    after it starts (`k`), read once and shared by the rules after `skip_without_speaker`."""

    s_first: int
    s_end: int
    k: int
    channel: str
    colon: bool
    right_empty: bool
    right_comma: bool
    left_end: int
    has_left: bool
    left_quoted: bool


def _frame(unit: Unit, cue: Cue) -> Frame | None:
    """The `Frame` of a cue, or None when the cue has no speaker."""
    tokens, words, high = unit.tokens, unit.words, unit.high
    s_first, s_end, stop, channel = speaker_for(unit, cue)
    if s_first == s_end and not cue.participle:
        s_first, s_end, stop = _dash_aside(unit, cue) or (s_first, s_end, stop)
    if cue.participle and s_first < s_end and s_first > 0 and tokens[s_end - 1].lower in words["document"] \
            and tokens[s_first - 1].kind == "W" and not tokens[s_first - 1].capital \
            and tokens[s_first - 1].lower not in words["opener"]:
        # "The union issued a statement saying ...": the one who issued the document speaks
        speaker = subject(unit, cue)
        if speaker is not None and speaker[1] <= s_first - 1:
            s_first, s_end = speaker
    if cue.participle and s_first < s_end and s_first > 0 and tokens[s_first - 1].kind == "W" \
            and tokens[s_first - 1].lower not in words["opener"] and not tokens[s_first].capital \
            and tokens[s_first].lower not in words["determiner"]:
        # "Clinton responded to the question on Facebook writing, ...": a phrase that opens with
        # neither a name nor a determiner before a participle is no speaker; the subject is
        # ("State television showed a group of soldiers chanting" keeps its speaker)
        speaker = subject(unit, cue)
        if speaker is None:
            return None
        s_first, s_end = speaker
    k, right_channel, colon = after_cue(unit, cue.last, cue.addressee)
    channel = channel or right_channel
    right_empty = all(t.kind == "P" for t in tokens[k:high])
    right_comma = not right_empty and tokens[k].lower == ","
    stop_is_edge = stop >= 0 and (tokens[stop].kind == "Q" or tokens[stop].lower == ",")
    left_end = stop + (tokens[stop].kind == "Q") if stop_is_edge else 0
    has_left = stop_is_edge and any(t.kind != "P" for t in tokens[:left_end])
    opens_adverbial = tokens[0].lower in words["opener"] or tokens[0].lower in words["time"]
    left_quoted = has_left and any(t.kind == "Q" for t in tokens[:left_end]) and not (
        opens_adverbial and tokens[stop].lower == ","
        and all(t.lower != "," for t in tokens[:stop])  # 'In an interview on "The Axe", Henry said ...'
    ) and not (opens_adverbial and not right_empty)  # 'On "Fox News Sunday," Pence said his ...'
    if s_first == s_end and has_left and not cue.participle:
        # "..., said Smith"; after a quote also '"...," said former Gov. Bill Richardson'
        any_start = left_quoted and named(unit, cue.last)
        s_first, s_end = cue.last, phrase_after(unit, cue.last, any_start=any_start)
        if s_end == cue.last:
            return None
        s_end = apposition(unit, s_end)
        k, right_channel, colon = after_cue(unit, s_end, False)
        channel = channel or right_channel
        right_empty = all(t.kind == "P" for t in tokens[k:high])
        right_comma = not right_empty and tokens[k].lower == ","
    if s_first == s_end and cue.participle and cue.first > 0 and (
            tokens[cue.first - 1].lower in words["opener"] or tokens[cue.first - 1].lower in words["boundary"]):
        speaker = subject(unit, cue)  # "... while chanting ..."
        if speaker:
            s_first, s_end = speaker
    if s_first == s_end or tokens[s_end - 1].lower in words["opener"] or tokens[s_end - 1].lower in _NOT_LAST:
        return None
    return Frame(s_first, s_end, k, channel, colon, right_empty, right_comma, left_end, has_left, left_quoted)


def _dash_aside(unit: Unit, cue: Cue) -> tuple[int, int, int] | None:
    """(first, end, stop) of a speaker whose apposition stands between dashes right before the cue, or None:
    the subject opens the sentence (or follows a comma or a quote) and the aside holds no quote, cue or
    clause end.

    "Kall — co-editor of a book on the debates — said ..." -> speaker "Kall — co-editor of a book on the debates"
    """
    tokens, close = unit.tokens, cue.first - 1
    if close < 2 or tokens[close].lower not in DASHES:
        return None
    end = close - (tokens[close - 1].lower == tokens[close].lower)  # "--"
    for m in range(end - 1, max(end - MAX_APPOSITION_TOKENS, 0), -1):
        token = tokens[m]
        if token.lower in DASHES:
            opening = m - (tokens[m - 1].lower == token.lower)
            first, stop = phrase_before(unit, opening)
            if first >= opening or m == end - 1 or not (stop < 0 or tokens[stop].kind == "Q" or tokens[stop].lower == ","):
                return None
            if not (tokens[first].capital or tokens[first].lower in unit.words["determiner"]) \
                    or tokens[first].lower in unit.words["opener"]:
                return None
            return first, end, stop
        if token.kind == "Q" or token.lower in _CLAUSE_ENDS or (m in unit.cue_tokens and m not in unit.belief_tokens):
            return None
    return None


def skip_without_speaker(unit: Unit, cue: Cue, frames: dict) -> bool:
    """A cue with no speaker phrase before or after it is no statement.

    "The move was welcomed." -> nothing
    """
    frames["frame"] = _frame(unit, cue)
    return frames["frame"] is None


def rule_trailing_cue(unit: Unit, cue: Cue, frames: dict) -> bool:
    """The content comes before the cue: "..., X said" and '"...," said Smith', with a quote that goes on
    after the cue ('"A," he said, "but B."').

    '"We will rebuild," the mayor said.' -> speaker "the mayor", direct
    """
    frame: Frame = frames["frame"]
    tokens, high, k = unit.tokens, unit.high, frame.k
    quote_follows = frame.right_comma and k + 1 < high and tokens[k + 1].kind == "Q"
    # "..., X said" takes the words before it; 'In Ohio, X said, "..."' takes the quote after it;
    # "..., Obama said in his interview." too
    trailing = frame.has_left and (frame.right_empty or (frame.right_comma and (frame.left_quoted or not quote_follows))
                                   or (frame.left_quoted and tokens[k].kind != "Q" and tokens[k].lower not in ("that", ":"))
                                   or only_adverbial(unit, k))
    if not trailing or frame.s_end - frame.s_first == 1 and tokens[frame.s_first].lower in _RELATIVE_PRONOUNS:
        return False  # '"...," said Ann Lee, who said she was tired': a "who" speaks the words after its cue
    # a quote after a dash or a sentence end starts the content ('X suggested Y - "He would have
    # loved Stalin," Biden said twice - and ...')
    first_content = max((j for j in range(1, frame.left_end) if tokens[j].kind == "Q"
                         and tokens[j - 1].lower in _QUOTE_OPENS_AFTER), default=0)
    # nor past a semicolon or colon after another cue ('X said A; B, officials said')
    first_cue = min(unit.cue_tokens)
    first_content = max([first_content] + [j + 1 for j in range(first_cue + 1, frame.left_end - 1)
                                           if tokens[j].lower in {";", ":"} and j + 1 < cue.first])
    # nor over a statement found before it ('Asked if ..., most voters said yes'): with nothing left before
    # the speaker, the content follows the cue
    earlier = max((f.high for f in unit.found if f.high <= frame.left_end), default=0)
    first_content = max(first_content, earlier)
    found = content(unit, first_content, frame.left_end, cue.kind)
    if not found:
        return not earlier
    kind, parts = found
    if kind != "direct" and tokens[0].kind == "Q" and (
            tokens[1].lower == "," or unit.text[unit.quote_at[tokens[0].start].end - 1] == ","):
        # '"...," one of the largest rebel bastions, state television said': the words
        # between the quote and the speaker describe the quote's subject
        kind, parts = content(unit, 0, 1, cue.kind)
    extra = k
    following = next_quote(unit, extra)
    while following is not None:  # '"A," he said during a rally, "but B."'
        parts = list(parts) + [unit.quote_at[tokens[following].start]]
        extra = following + 1
        following = next_quote(unit, extra)
    if extra > k and kind != "direct":
        if not frame.right_comma:
            return True
        parts, extra = found[1], k  # "A, she said, would make B and \"C.\"": the quote is in the clause after it
    end = max(extra, cue.last)
    if extra == k and kind != "direct" and frame.right_comma and k + 1 < high:
        # "For black voters, he said, their experience told them ...": the content goes on, also over a
        # belief verb or a quote ("A, she said, plans to ..."), not over a speech verb of its own
        stop_at = unit.content_end(k + 1)
        right = content(unit, k + 1, stop_at, cue.kind)
        if right and not any(c.kind in ("speech", "writing") and k < c.first < stop_at for c in unit.cues):
            kind = "partial" if "indirect" != right[0] or kind == "partial" else kind
            parts, end = list(parts) + list(right[1]), stop_at
    unit.make(_name(rule_trailing_cue), (kind, parts), (frame.s_first, frame.s_end), cue, frame.channel,
              first_content, end, content_first=True)
    return True


def rule_colon_intro(unit: Unit, cue: Cue, frames: dict) -> bool:
    """"X said:" at the end of a unit introduces the quote of the next unit (see `discourse`).

    'The general said:' + '"We have won."' -> speaker "The general", direct
    """
    frame: Frame = frames["frame"]
    if not (frame.colon and frame.k >= unit.high):
        return False
    tokens = unit.tokens
    unit.intro = Statement("direct", [], (tokens[frame.s_first].start, tokens[frame.s_end - 1].end),
                           (tokens[cue.first].start, tokens[cue.last - 1].end), frame.channel, "same-sentence",
                           unit.paragraph, _name(rule_colon_intro))
    return True


def rule_leading_cue(unit: Unit, cue: Cue, frames: dict) -> bool:
    """The content comes after the cue: "X said (that) ...", "X said: ..." and 'He said, "..."'.

    "The mayor said the town would be rebuilt." -> speaker "The mayor", indirect
    """
    frame: Frame = frames["frame"]
    tokens, high, k = unit.tokens, unit.high, frame.k
    if frame.right_empty and not frame.colon:
        return True
    if frame.right_comma and k + 1 < high and tokens[k + 1].kind == "Q":
        k += 1  # 'He said, "..."'
    elif frame.right_comma:
        return True
    stop_at = unit.content_end(k)
    if cue.kind in ("stance", "naming") or cue.tail:
        stop_at = object_end(unit, k, stop_at)
    found = content(unit, k, stop_at, cue.kind)
    if found is not None:
        unit.make(_name(rule_leading_cue), found, (frame.s_first, frame.s_end), cue, frame.channel, frame.s_first,
                  stop_at)
    return True


RULES: list[Callable[[Unit], None]] = [
    rule_asked_question,
    rule_cues,
    rule_cue_noun,
    rule_signed_quote,
    rule_colon_cue,
    rule_added_clause,
    rule_in_source,
]

CUE_RULES: list[Callable[[Unit, Cue, dict], bool]] = [
    skip_belief_in_reported_words,
    skip_pronoun_in_reported_words,
    skip_cue_in_that_clause,
    skip_relative_clause_of_speaker,
    skip_question_to_speaker,
    skip_contributor_line,
    rule_inverted_cue,
    rule_according_to,
    rule_by_phrase,
    rule_passive_by,
    rule_sourceless,
    rule_as_reported,
    skip_without_speaker,
    rule_trailing_cue,
    rule_colon_intro,
    rule_leading_cue,
]


def _past_opening_conjunction(tokens: list[Token], words: dict[str, frozenset[str]]) -> list[Token]:
    """The unit's tokens after a conjunction that links the sentence to the one before it ("But", "And"), or
    a focus word before its subject ("Even"): it belongs to no speaker phrase and no content.

    "But the farmer, Tom Beck, said the rain came too late." -> speaker "the farmer, Tom Beck"
    "Even the mayor, a cautious man, said the bridge was safe." -> speaker "the mayor, a cautious man"
    """
    if len(tokens) > 3 and tokens[1].kind == "W" and (tokens[0].lower in _OPENING_CONJUNCTIONS or (
            tokens[0].lower in _OPENING_FOCUS and (tokens[1].capital or tokens[1].lower in words["determiner"]))):
        return tokens[1:]
    return tokens


def statements(doc: Document, tokens: list[Token], paragraph: int) -> tuple[list[Found], Statement | None]:
    """Statements whose cue lies in the unit of `tokens`, and a speaker left waiting by "X said:"."""
    if len(tokens) > _MAX_UNIT_TOKENS:
        return [], None
    unit = Unit(doc, _past_opening_conjunction(tokens, doc.words), paragraph)
    for rule in RULES:
        rule(unit)
    unit.found.sort(key=lambda f: f.statement.parts[0][0] if f.statement.parts else 0)
    return unit.found, unit.intro
