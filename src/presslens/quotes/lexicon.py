"""The quote rules' data, read and checked once: cues (`data/cues.csv`), channels (`data/channels.csv`)
and the word classes (`data/word_classes.csv`), which the quote rules and source grouping
(`presslens.sources`) both read.

Every file is validated when it is loaded: an unknown kind, class or medium, a missing value or a
switch that names no form of its row raises `LexiconError("<file> line <n>: <problem>")`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .. import datafiles

__all__ = ["CUE_KINDS", "WORD_CLASSES", "MEDIA", "CueForm", "Lexicon", "LexiconError", "lexicon",
           "read_cues", "read_words", "read_channels"]

CUE_KINDS = frozenset({"speech", "writing", "naming", "thought", "stance", "according", "passive", "evidential"})
WORD_CLASSES = frozenset({"determiner", "pronoun", "institution", "title", "boundary", "opener", "addressee",
                          "cue_prefix", "time", "place", "coordinator", "possessive", "cue_noun", "question",
                          "time_unit", "not_adverb", "proform", "not_speaker", "be", "past_participle",
                          "honorific", "document", "collective", "description_end", "new_source",
                          "name_prefix", "self_reference"})
MEDIA = frozenset({"internet", "telephone", "statement", "broadcast", "social media", "press", "interview",
                   "speech"})


class LexiconError(ValueError):
    """A data file of the quote rules is malformed; the message names the file and the line."""


class CueForm(NamedTuple):
    """One surface form of a cue ("told", "according_to" as words ("according", "to"))."""

    words: tuple[str, ...]
    lemma: str
    kind: str
    participle: bool  # an -ing form ("saying"): its speaker is a sentence subject or the statement before
    inverted: bool  # may open a sentence before its speaker ('Said Comey, "..."')
    addressee: bool  # a listener may follow it before the content ("told reporters")
    prepositions: frozenset[str]  # a preposition the cue takes before its content ("asked about")
    not_before: frozenset[str]  # a particle right after the form that makes it another verb ("showed up")


@dataclass(frozen=True)
class Lexicon:
    cues: dict[str, list[CueForm]]  # first word -> its forms, longest first
    channel_pattern: re.Pattern
    words: dict[str, frozenset[str]]  # class -> words (every class of `WORD_CLASSES`, maybe empty)


def _require(name: str, line: int, row: dict[str, str], columns: tuple[str, ...]) -> None:
    for column in columns:
        if not row.get(column):
            raise LexiconError(f"{name} line {line}: missing {column}")


def read_cues(content: str | None = None, name: str = "cues.csv") -> dict[str, list[CueForm]]:
    """The cue forms of `data/cues.csv` (or of `content`), by first word, longest form first."""
    cues: dict[str, list[CueForm]] = {}
    for line, row in datafiles.numbered_rows(name, content):
        _require(name, line, row, ("lemma", "forms", "kind"))
        if row["kind"] not in CUE_KINDS:
            raise LexiconError(f"{name} line {line}: unknown kind {row['kind']!r} "
                               f"(one of {', '.join(sorted(CUE_KINDS))})")
        if row.get("addressee", "") not in ("", "yes"):
            raise LexiconError(f"{name} line {line}: addressee must be 'yes' or empty, not {row['addressee']!r}")
        forms = row["forms"].lower().split()
        switches = {column: row.get(column, "").lower().split() for column in ("inverted", "participles")}
        for column, listed in switches.items():
            unknown = [form for form in listed if form not in forms]
            if unknown:
                raise LexiconError(f"{name} line {line}: {column} names {unknown[0]!r}, which is not in forms")
        prepositions = frozenset(row.get("prepositions", "").lower().split())
        not_before = frozenset(row.get("not_before", "").lower().split())
        for column, listed in (("prepositions", prepositions), ("not_before", not_before)):
            if any(not word.isalpha() for word in listed):
                raise LexiconError(f"{name} line {line}: {column} must be single words")
        for form in forms:
            words = tuple(form.split("_"))
            cues.setdefault(words[0], []).append(CueForm(
                words, row["lemma"], row["kind"], form in switches["participles"], form in switches["inverted"],
                row.get("addressee") == "yes", prepositions, not_before))
    for entries in cues.values():
        entries.sort(key=lambda entry: len(entry.words), reverse=True)
    return cues


def read_words(content: str | None = None, name: str = "word_classes.csv") -> dict[str, frozenset[str]]:
    """The word classes of `data/word_classes.csv` (or of `content`): class -> words, lower case."""
    classes: dict[str, set[str]] = {word_class: set() for word_class in WORD_CLASSES}
    for line, row in datafiles.numbered_rows(name, content):
        _require(name, line, row, ("word", "class"))
        if row["class"] not in WORD_CLASSES:
            raise LexiconError(f"{name} line {line}: unknown class {row['class']!r}")
        word = row["word"].lower()
        if row["class"] == "name_prefix" and not word.endswith("-"):
            raise LexiconError(f"{name} line {line}: a name_prefix ends with '-', not {word!r}")
        classes[row["class"]].add(word)
    return {word_class: frozenset(members) for word_class, members in classes.items()}


def read_channels(content: str | None = None, name: str = "channels.csv") -> re.Pattern:
    """One case-insensitive pattern for the channel phrases of `data/channels.csv` (or of `content`),
    longest first."""
    phrases = []
    for line, row in datafiles.numbered_rows(name, content):
        _require(name, line, row, ("phrase", "medium"))
        if row["medium"] not in MEDIA:
            raise LexiconError(f"{name} line {line}: unknown medium {row['medium']!r}")
        phrases.append(row["phrase"].lower())
    phrases.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
                      + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def lexicon() -> Lexicon:
    """The quote rules' data, loaded and checked once per process."""
    return Lexicon(read_cues(), read_channels(), read_words())
