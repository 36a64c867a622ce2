"""Across units: transcript turns, quotes that continue a statement (multi-paragraph quotes, a quote
after "X said:", a paragraph that is only a quote), and speakers resolved through pronouns and
continuations."""
from __future__ import annotations

import re

from . import rules
from .document import Document, Statement
from .marks import QUOTE_MARK, Quote
from .speakers import FullNames, name_and_role

__all__ = ["statements"]

# A transcript turn: a speaker label in capitals and a colon at a paragraph start, maybe after a quote mark.
_TURN = re.compile(r"(?P<mark>[\"“]?)(?P<label>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,2}):[ \t\xa0]+(?=\S)")
_TURN_LOOKAHEAD = 40  # the words after a turn label must not all be capitals (a headline)


def statements(doc: Document) -> list[Statement]:
    """All statements of the article in reading order, speakers resolved."""
    units = []
    all_units = doc.units()
    paragraph_ends = {paragraph: end for _, end, paragraph in all_units}
    previous_paragraph, turn_paragraph = None, None
    for start, end, paragraph in all_units:
        if paragraph == turn_paragraph:
            continue
        opens_paragraph, previous_paragraph = paragraph != previous_paragraph, paragraph
        turn = transcript_turn(doc, start, paragraph_ends[paragraph], paragraph) if opens_paragraph else None
        if turn is not None:  # "PENCE: Well, look, ...": a transcript turn is the whole paragraph
            turn_paragraph = paragraph
            units.append((paragraph, [turn], [], None))
            continue
        tokens = doc.tokens(start, end)
        found, intro = rules.statements(doc, tokens, paragraph)
        only_quotes = not found and any(t.kind == "Q" for t in tokens) and all(t.kind != "W" for t in tokens)
        quotes = [doc.quote_at[t.start] for t in tokens if t.kind == "Q"] if only_quotes else []
        units.append((paragraph, [f.statement for f in found], quotes, intro))
    # the first statement a rule found for a part of each quote, so that the earlier parts of a quote whose
    # speaker is named only in its last paragraph go with it ('"A.' + '"B," said X.')
    named = {}
    for _, found_here, _, _ in units:
        for statement in found_here:
            for quote in statement.quotes:
                named.setdefault(quote.group, statement)
    groups: dict[int, Statement] = {}
    for number, (paragraph, found_here, quotes, _) in enumerate(units):
        for statement in found_here:
            for quote in statement.quotes:
                groups.setdefault(quote.group, statement)
        if quotes:
            intro = units[number - 1][3] if number else None
            following = units[number + 1] if number + 1 < len(units) else None
            statement = _quote_only(doc, paragraph, quotes, intro, groups, named, following)
            if statement is not None:
                found_here = [statement]
        doc.statements.extend(s for s in found_here if s.parts)
    _resolve(doc)
    return doc.statements


def transcript_turn(doc: Document, start: int, end: int, paragraph: int) -> Statement | None:
    """The statement of a transcript turn that opens a paragraph, or None; the colon is the cue and
    the whole paragraph the content.

    "PENCE: Well, look, we will win." -> speaker "PENCE", cue ":"
    """
    text = doc.text
    match = _TURN.match(text, start, end)
    if match is None or match.group("label").lower() in doc.words["not_speaker"] \
            or not any(ch.islower() for ch in text[match.end():match.end() + _TURN_LOOKAHEAD]):
        return None  # "UPDATE: ...", or a headline in capitals ("UN: PEACEKEEPERS PAYING ...")
    quoted = bool(match.group("mark"))
    content_end = end - 1 if quoted and text[end - 1] in "\"”" else end
    kind = "direct" if quoted else "partial" if QUOTE_MARK.search(text, match.end(), end) else "indirect"
    statement = Statement(kind, [], match.span("label"), (match.end("label"), match.end("label") + 1), "",
                          "same-sentence", paragraph, "transcript_turn")
    doc.add_parts(statement, [(match.end(), content_end)])
    if quoted and start in doc.quote_at:  # the quote around the turn is part of it (and of its group)
        doc.quote_at[start].used = True
        statement.quotes.append(doc.quote_at[start])
    return statement if statement.parts else None


def _quote_only(doc: Document, paragraph: int, quotes: list[Quote], intro: Statement | None,
                groups: dict[int, Statement], named: dict[int, Statement],
                following: tuple | None) -> Statement | None:
    """A unit made only of quotes: a part of another statement, or a statement of its own, in this order:

    a later part of a multi-paragraph quote; the quote after "X said:" (rule `colon_intro`); an earlier
    part of a quote whose speaker is named in a later paragraph ('"A.' + '"B," said X.'); an earlier
    part of the direct quote just after it in the same paragraph ('"A." "B," she said.'); a later part of
    the direct quote just before it in the same paragraph ('"A," she said. "B."'); a `continuation` of the
    previous speaker (a paragraph of its own after a statement); or an `unattributed_quote`.
    """
    first = quotes[0]
    previous = doc.statements[-1] if doc.statements else None
    if first.continues and first.group in groups:
        doc.add_parts(groups[first.group], quotes)
        return None
    if intro is not None:
        statement = intro
    elif first.group in named and named[first.group].kind == "direct" and first.end == first.mark_end:
        # an unclosed part whose quote goes on to a paragraph that names the speaker ('"A.' + '"B," said X.')
        doc.add_parts(named[first.group], quotes)
        groups.setdefault(first.group, named[first.group])
        return None
    elif following and following[0] == paragraph and following[1] and following[1][0].kind == "direct" \
            and following[1][0].content_first:
        doc.add_parts(following[1][0], quotes)
        return None
    elif (before := _direct_before(doc, paragraph)) is not None:
        doc.add_parts(before, quotes)
        return None
    elif previous is not None and previous.paragraph >= paragraph - 1 and previous.resolved_by != "none":
        statement = Statement("direct", [], None, None, "", "continuation", paragraph, "continuation",
                              continues=previous)
    else:
        statement = Statement("direct", [], None, None, "", "none", paragraph, "unattributed_quote")
    statement.paragraph = paragraph
    doc.add_parts(statement, quotes)
    groups.setdefault(first.group, statement)
    return statement


def _direct_before(doc: Document, paragraph: int) -> Statement | None:
    """The direct quote that a quote-only unit of `paragraph` goes on with: the latest statement, or the
    one before the participle statements that share its speaker ('"A," he said, referring to X. "B."')."""
    last = doc.statements[-1] if doc.statements else None
    for statement in reversed(doc.statements):
        if statement.paragraph != paragraph:
            return None
        if statement.kind == "direct":
            return statement
        if statement.speaker is None or statement.speaker != last.speaker:
            return None
    return None


def _resolve(doc: Document) -> None:
    """Names and roles for every speaker; pronouns and continuations take an earlier speaker's, and
    record that statement as their `antecedent`.

    A pronoun takes the latest earlier statement whose speaker is named (not a pronoun); "he", "she"
    and "I" the latest whose speaker is no institution. Two running values keep this linear.
    """
    words = doc.words
    pronouns = words["pronoun"]
    latest: Statement | None = None  # the latest statement with a named speaker
    latest_person: Statement | None = None  # ... whose speaker is no institution
    full_names = FullNames()
    for statement in doc.statements:
        if statement.resolved_by == "continuation":
            source = statement.continues
            statement.speaker_name, statement.speaker_role = source.speaker_name, source.speaker_role
            statement.antecedent = source
            continue
        if statement.speaker is None:
            continue
        mention = doc.text[statement.speaker[0]:statement.speaker[1]]
        if mention.lower() in pronouns:
            antecedent = latest_person if mention.lower() in {"he", "she", "i"} else latest
            if antecedent is None:
                statement.resolved_by = "none"
            else:
                statement.resolved_by = "pronoun"
                statement.speaker_name, statement.speaker_role = antecedent.speaker_name, antecedent.speaker_role
                statement.antecedent = antecedent
            continue
        statement.speaker_name, statement.speaker_role, institution = name_and_role(mention, words)
        latest = statement
        if not institution:
            latest_person = statement  # and "Okafor said" after "Ngozi Okafor said": the person named before
            statement.speaker_name, statement.speaker_role = full_names.link(statement.speaker_name,
                                                                             statement.speaker_role)
