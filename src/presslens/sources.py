"""Sourcing: what kind of source each speaker is, which side it is on, and its share of voice.

    >>> quotes = sources.attribute(quotes, profile="syria")   # + source_id, source_type, side, ...
    >>> sources.table(quotes)                                  # one row per source
    >>> sources.side_summary(quotes)                           # one row per side

The source type comes from general news vocabulary (`data/source_types.csv`); the side from a
**profile** (`data/profiles/syria.yaml`, `neutral.yaml`, or your own YAML file or dict) that says
which organisations and role words belong to which camp. How the reporter hands over the words
(neutral or loaded cue verbs, hedges, verification notes) comes from `data/attribution_language.csv`.
All three are plain text a teacher can edit; docs/sourcing.md explains them.
"""
from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from . import datafiles, yamlfile
from .errors import InputError, excerpt
from .quotes.lexicon import lexicon

__all__ = ["COMPARE_MEASURES", "CUE_CLASSES", "KINDS", "SHIPPED_PROFILES", "SIDE_SUMMARY_COLUMNS", "SOURCE_COLUMNS",
           "SOURCE_QUOTE_COLUMNS", "SOURCE_TYPES", "TONE_OF_SOURCE", "UNASSIGNED", "UNATTRIBUTED", "Profile",
           "attribute", "compare", "load_profile", "side_summary", "table"]

SOURCE_TYPES = ("government", "state_media", "military", "police", "armed_opposition", "activist", "monitor",
                "international", "media", "expert", "witness", "anonymous", "other")
UNASSIGNED = "unassigned"
SHIPPED_PROFILES = ("neutral", "syria")
CUE_CLASSES = ("neutral", "loaded", "unlisted", "none")
KINDS = ("direct", "partial", "indirect")
UNATTRIBUTED = "unattributed"

SOURCE_QUOTE_COLUMNS = ["source_id", "source_type", "side", "cue_class", "hedged", "hedges",
                        "verification_notes"]
SOURCE_COLUMNS = ["article_id", "source_id", "name", "role", "source_type", "side", "mentions",
                  "quotes", "direct", "partial", "indirect", "words_quoted", "words_direct",
                  "share_of_voice", "first_paragraph", "channels", "cues", "loaded_cues", "hedged_quotes",
                  "tone_mean", "tone_negative_share", "tone_positive_share"]
TONE_OF_SOURCE = {"tone_mean": "mean_compound", "tone_negative_share": "negative_share",
                  "tone_positive_share": "positive_share"}  # source column -> sentiment.tone_by column
SIDE_SUMMARY_COLUMNS = ["side", "sources", "quotes", "direct", "partial", "indirect", "words_quoted",
                        "words_direct", "share_of_voice", "first_paragraph", "mean_paragraph",
                        "neutral_cues", "loaded_cues", "unlisted_cues", "hedged_quotes", "verification_notes"]
COMPARE_MEASURES = ("share_of_voice", "quotes", "words_quoted")

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_PROFILE_KEYS = {"name", "description", "types", "sides", "type_sides", "default_side"}

_DESCRIPTIONS_CACHED = 4096  # speaker descriptions a profile remembers (a corpus run meets millions)

# Ranks of a source-type decision: a profile phrase beats a specific word beats a generic one.
_RANK_PROFILE, _RANK_SPECIFIC, _RANK_GENERIC, _RANK_NONE = 3, 2, 1, 0


# ---- reading the data files --------------------------------------------------------------------

class _PhraseMatcher:
    """Finds listed phrases as whole words (with an optional plural -s/-es) and returns their values.

    A phrase written in lower or mixed case matches in any case; one written in capitals
    (an acronym such as UN) matches only in capitals.
    """

    def __init__(self, values: Mapping[str, object]):
        self._exact = {" ".join(p.split()): v for p, v in values.items() if p.isupper()}
        self._folded = {" ".join(p.split()).lower(): v for p, v in values.items() if not p.isupper()}
        self._pattern = None
        if values:
            def alternatives(phrases: Iterable[str]) -> str:
                ordered = sorted(phrases, key=lambda p: (-len(p), p))  # longest first: "state television" before "television"
                return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)

            parts = []
            if self._exact:
                parts.append(alternatives(self._exact))
            if self._folded:
                parts.append(f"(?i:{alternatives(self._folded)})")
            self._pattern = re.compile(rf"\b(?:{'|'.join(parts)})(?:e?s)?\b")

    def find(self, text: str) -> list[object]:
        """The values of every phrase found in `text`, left to right."""
        if self._pattern is None or not text:
            return []
        return [self._value(" ".join(m.group().split())) for m in self._pattern.finditer(text)]

    def _value(self, found: str) -> object:
        for candidate in (found, found[:-1], found[:-2]):
            if candidate in self._exact:
                return self._exact[candidate]
            if candidate.lower() in self._folded:
                return self._folded[candidate.lower()]
        raise LookupError(found)  # unreachable: every match comes from a listed phrase


@lru_cache(maxsize=1)
def _general_types() -> _PhraseMatcher:
    rows = datafiles.rows("source_types.csv")
    return _PhraseMatcher({row["pattern"]: (row["source_type"], _RANK_SPECIFIC if row["strength"] == "specific"
                                            else _RANK_GENERIC) for row in rows})


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Every lower-case word of the source-type patterns ("activist", "observatory", ...)."""
    return frozenset(word for row in datafiles.rows("source_types.csv") for word in row["pattern"].lower().split())


@lru_cache(maxsize=1)
def _name_words() -> dict[str, frozenset[str]]:
    """The word classes of source grouping, from the one lexicon the quote rules read too
    (`data/word_classes.csv`)."""
    words = lexicon().words
    return {"determiner": words["determiner"], "title": words["honorific"], "collective": words["collective"],
            "boundary": words["description_end"], "new": words["new_source"],
            "pronoun": words["pronoun"] - words["self_reference"],
            "name_prefix": words["name_prefix"]}


@dataclass(frozen=True)
class _AttributionLanguage:
    cue_classes: dict[str, str]
    notes: _PhraseMatcher  # phrase -> ("hedge" | "verification", phrase)


@lru_cache(maxsize=1)
def _attribution_language() -> _AttributionLanguage:
    cue_classes, notes = {}, {}
    for row in datafiles.rows("attribution_language.csv"):
        forms = [form.strip() for form in row["phrase"].split("|")]
        if row["class"] in ("neutral", "loaded"):
            cue_classes.update(dict.fromkeys(forms, row["class"]))
        else:
            notes.update({form: (row["class"], form) for form in forms})
    return _AttributionLanguage(cue_classes, _PhraseMatcher(notes))


# ---- profiles ----------------------------------------------------------------------------------

class Profile:
    """Which camp each speaker belongs to in one conflict or beat (see `load_profile`)."""

    def __init__(self, name: str, description: str, types: Mapping[str, list[str]],
                 sides: Mapping[str, list[str]], type_sides: Mapping[str, str], default_side: str):
        self.name = name
        self.description = description
        self.sides = tuple(sides)
        self.type_sides = dict(type_sides)
        self.default_side = default_side
        self._types = _PhraseMatcher({p: t for t, phrases in types.items() for p in phrases})
        self._side_phrases = _PhraseMatcher({p: s for s, phrases in sides.items() for p in phrases})
        self._cache: OrderedDict[str, tuple[str, int, str | None]] = OrderedDict()  # the latest descriptions

    def __repr__(self) -> str:
        return f"Profile({self.name!r}, sides={list(self.sides)})"

    def all_sides(self) -> list[str]:
        """Every side this profile can give, in the order of the file, `default_side` last."""
        sides = list(self.sides) + [s for s in self.type_sides.values() if s not in self.sides]
        return sides + [self.default_side] if self.default_side not in sides else sides

    def classify(self, description: str) -> tuple[str, str]:
        """The (source_type, side) of a speaker description such as "Homs-based activist"."""
        source_type, _, side = self._describe(description)
        return source_type, side or self.type_sides.get(source_type, self.default_side)

    def _describe(self, description: str) -> tuple[str, int, str | None]:
        """(source type, how sure: a `_RANK_*`, side named by a profile phrase or None); cached."""
        cached = self._cache.get(description)
        if cached is None:
            head, _, rest = description.partition(",")
            cached = self._describe_part(head)
            if cached[1] == _RANK_NONE and rest:  # "Mahmud al-Lowz, a Homs-based activist"
                cached = self._describe_part(rest)
            self._cache[description] = cached
            if len(self._cache) > _DESCRIPTIONS_CACHED:
                self._cache.popitem(last=False)  # the least recently used
        else:
            self._cache.move_to_end(description)
        return cached

    def _describe_part(self, text: str) -> tuple[str, int, str | None]:
        sides = self._side_phrases.find(text)
        side = sides[-1] if sides else None
        profile_types = self._types.find(text)
        if profile_types:
            return profile_types[-1], _RANK_PROFILE, side
        general = _general_types().find(text)
        for rank in (_RANK_SPECIFIC, _RANK_GENERIC):
            ranked = [source_type for source_type, r in general if r == rank]
            if ranked:
                return ranked[-1], rank, side
        return "other", _RANK_NONE, side


def _phrase_list(value, where: str, origin: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
        raise InputError(f"{origin}: {where} must be a list of words or phrases (text), got {excerpt(value)}")
    return [p.strip() for p in value]


def _mapping(data: Mapping, key: str, origin: str) -> Mapping:
    value = data.get(key) or {}
    if not isinstance(value, Mapping):
        raise InputError(f"{origin}: '{key}' must be a mapping (name: value), got {type(value).__name__}")
    return value


def _side_label(value, where: str, origin: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{origin}: {where} must be a side label (text), got {excerpt(value)}")
    return value.strip()


def _profile_from_dict(data, origin: str) -> Profile:
    if not isinstance(data, Mapping):
        raise InputError(f"{origin}: a profile must be a mapping with keys {', '.join(sorted(_PROFILE_KEYS))}")
    unknown = sorted(set(map(str, data)) - _PROFILE_KEYS)
    if unknown:
        raise InputError(f"{origin}: unknown key {excerpt(unknown[0])} (allowed: {', '.join(sorted(_PROFILE_KEYS))})")
    types = {}
    for source_type, phrases in _mapping(data, "types", origin).items():
        if source_type not in SOURCE_TYPES:
            raise InputError(f"{origin}: unknown source type {excerpt(str(source_type))} in 'types' "
                             f"(choose from {', '.join(SOURCE_TYPES)})")
        types[source_type] = _phrase_list(phrases, f"types: {source_type}", origin)
    sides = {_side_label(side, "a key of 'sides'", origin): _phrase_list(phrases, f"sides: {str(side)[:60]}", origin)
             for side, phrases in _mapping(data, "sides", origin).items()}
    type_sides = {}
    for source_type, side in _mapping(data, "type_sides", origin).items():
        if source_type not in SOURCE_TYPES:
            raise InputError(f"{origin}: unknown source type {excerpt(str(source_type))} in 'type_sides' "
                             f"(choose from {', '.join(SOURCE_TYPES)})")
        type_sides[source_type] = _side_label(side, f"type_sides: {source_type}", origin)
    default_side = _side_label(data.get("default_side", UNASSIGNED), "'default_side'", origin)
    name = str(data.get("name") or Path(origin).stem)
    return Profile(name, str(data.get("description") or ""), types, sides, type_sides, default_side)


def _read_profile_file(path: Path, origin: str) -> Profile:
    return _profile_from_dict(yamlfile.load(path, origin), origin)


@lru_cache(maxsize=32)
def _cached_profile(path: str, modified: int, origin: str) -> Profile:
    return _read_profile_file(Path(path), origin)


@lru_cache(maxsize=len(SHIPPED_PROFILES))
def _shipped_profile(name: str) -> Profile:
    with resources.as_file(resources.files("presslens").joinpath(f"data/profiles/{name}.yaml")) as path:
        return _read_profile_file(path, f"{name}.yaml")


def load_profile(profile: str | Path | Mapping | Profile = "neutral") -> Profile:
    """A sides profile: a shipped name ("syria", "neutral"), a path to a YAML file, or a dict.

    Raises `InputError("<file>: <problem>")` for a missing or malformed profile.
    """
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, Mapping):
        return _profile_from_dict(profile, "profile")
    if isinstance(profile, str) and profile in SHIPPED_PROFILES:
        return _shipped_profile(profile)
    path = Path(profile)
    if not path.is_file():
        raise InputError(f"{profile}: no such profile file (shipped profiles: {', '.join(SHIPPED_PROFILES)})")
    return _cached_profile(str(path.resolve()), path.stat().st_mtime_ns, str(profile))


# ---- grouping mentions into sources ------------------------------------------------------------

@dataclass(frozen=True)
class _Mention:
    words: frozenset[str]
    head: str
    bare_name: bool  # only name words ("al-Lowz", "Assad"): may stand for a fuller mention
    new: bool  # "another resident": never the same as an earlier source
    pronoun: bool


def _normal_word(word: str, prefixes: frozenset[str]) -> str:
    word = word.lower().removesuffix("’s").removesuffix("'s")
    for prefix in prefixes:
        if word.startswith(prefix) and len(word) > len(prefix):
            word = word[len(prefix):]
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def _mention(description: str) -> _Mention:
    """The content words of a speaker description, as used to group mentions into sources."""
    kinds = _name_words()
    determiners, titles = kinds.get("determiner", frozenset()), kinds.get("title", frozenset())
    boundaries, collectives = kinds.get("boundary", frozenset()), kinds.get("collective", frozenset())
    words = _WORD.findall(description.partition(",")[0])
    lowered = [w.lower() for w in words]
    new = bool(lowered) and lowered[0] in kinds.get("new", frozenset())
    pronoun = len(lowered) == 1 and lowered[0] in kinds.get("pronoun", frozenset())
    start = 0
    while start < len(words) and (lowered[start] in determiners or lowered[start] in kinds.get("new", ())):
        start += 1
    if start + 1 < len(words) and lowered[start] in collectives and lowered[start + 1] == "of":
        start += 2  # "a group of soldiers" -> "soldiers"
    kept, head = [], ""
    for index in range(start, len(words)):
        word, low = words[index], lowered[index]
        if low in boundaries:
            following = words[index + 1] if index + 1 < len(words) else ""
            if not following[:1].isupper():
                break  # "activists on the ground": the description ends here
            head = head or (kept[-1][1] if kept else "")  # "Observatory for Human Rights": head is "Observatory"
            continue
        if low in determiners or low in titles:
            continue
        kept.append((word, _normal_word(word, kinds.get("name_prefix", frozenset()))))
    if not kept:
        return _Mention(frozenset(), "", False, new, pronoun)
    vocabulary = _vocabulary()
    bare_name = all(word[:1].isupper() and normal not in vocabulary and word.lower() not in vocabulary
                    for word, normal in kept)
    return _Mention(frozenset(n for _, n in kept), head or kept[-1][1], bare_name, new, pronoun)


def _same_source(mention: _Mention, earlier: _Mention) -> bool:
    if mention.new or not mention.words or not earlier.words:
        return False
    if mention.words <= earlier.words:
        return mention.head == earlier.head or mention.bare_name
    if earlier.words <= mention.words:
        return mention.head == earlier.head or earlier.bare_name
    return False


def _missing_id(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _description(row: Mapping) -> str:
    """What the article says about the speaker: role and name when known, else the mention."""
    described = " ".join(p for p in (_text(row.get("speaker_role")), _text(row.get("speaker_name"))) if p)
    return described or _text(row.get("speaker"))


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.lower()).strip("-_") or "source"


@dataclass
class _Source:
    source_id: str
    descriptions: list[str]
    mentions: dict[_Mention, None]  # distinct mentions, in order (an ordered set)
    names: list[str]
    roles: list[str]


def _strip_determiner(text: str) -> str:
    """"the regime" -> "regime", "another resident" -> "resident"."""
    kinds = _name_words()
    first, _, rest = text.partition(" ")
    skipped = first.lower() in kinds.get("determiner", ()) or first.lower() in kinds.get("new", ())
    return rest if rest and skipped else text


def _group(records: list[dict]) -> tuple[list[_Source], list[int]]:
    """The sources of one article's quotes (given in reading order), and for each quote the index of its
    source. A pronoun or continuation without a name of its own takes the source of its antecedent."""
    found: list[_Source] = []
    assigned: list[int] = []
    by_quote: dict[int, int] = {}  # quote_id -> index of its source
    by_word: dict[str, set[int]] = {}  # a mention word -> the sources with a mention that has it
    unattributed: int | None = None
    for row in records:
        description = _description(row)
        mention = _mention(description)
        index = None
        antecedent = _offset(row.get("antecedent_quote_id"))
        if mention.pronoun or not mention.words:
            if antecedent is not None and antecedent in by_quote:
                index = by_quote[antecedent]  # "he added": the source of the quote it refers to
            elif antecedent is None and assigned and _text(row.get("resolved_by")) in ("pronoun", "continuation"):
                index = assigned[-1]  # a table without antecedents: the source of the quote before
            else:
                if unattributed is None:
                    unattributed = len(found)
                    found.append(_Source(UNATTRIBUTED, [], {}, [], []))
                index = unattributed
        else:
            # a mention can be the same source only as one that shares a word with it (a subset)
            candidates = sorted(set().union(*(by_word.get(word, ()) for word in mention.words))) \
                if not mention.new else ()
            index = next((i for i in candidates
                          if any(_same_source(mention, earlier) for earlier in found[i].mentions)), None)
            if index is None:
                index = len(found)
                found.append(_Source("", [], {}, [], []))
            source = found[index]
            source.descriptions.append(description)
            source.mentions.setdefault(mention)
            for word in mention.words:
                by_word.setdefault(word, set()).add(index)
            for column, values in (("speaker_name", source.names), ("speaker_role", source.roles)):
                if _text(row.get(column)):
                    values.append(_text(row.get(column)))
            if not source.names and not source.roles and _text(row.get("speaker")):
                source.roles.append(_strip_determiner(_text(row.get("speaker"))))
        assigned.append(index)
        quote_id = _offset(row.get("quote_id"))
        if quote_id is not None:
            by_quote.setdefault(quote_id, index)
    taken: set[str] = set()
    for source in found:
        if source.source_id != UNATTRIBUTED:
            base = _slug(_strip_determiner(_longest(source.names) or _longest(source.roles)))
            source.source_id = next(f"{base}-{n}" if n > 1 else base for n in range(1, len(found) + 2)
                                    if (f"{base}-{n}" if n > 1 else base) not in taken)
        taken.add(source.source_id)
    return found, assigned


def _longest(texts: list[str]) -> str:
    return max(texts, key=len, default="")


def _type_and_side(source: _Source, profile: Profile) -> tuple[str, str]:
    """The best-founded source type over all mentions, and the side a phrase or the type gives."""
    described = [profile._describe(d) for d in source.descriptions]
    if not described:
        return "other", profile.default_side
    best = max(range(len(described)), key=lambda i: (described[i][1], -i))
    source_type = described[best][0]
    phrase_side = described[best][2] or next((d[2] for d in described if d[2]), None)
    return source_type, phrase_side or profile.type_sides.get(source_type, profile.default_side)


# ---- the public API ----------------------------------------------------------------------------

def attribute(quotes: pd.DataFrame, profile: str | Path | Mapping | Profile = "neutral",
              sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quotes table with source and attribution-language columns (`SOURCE_QUOTE_COLUMNS`).

    `source_id` groups the mentions of one source within an article ("Homs-based activist Mahmud
    al-Lowz", "al-Lowz" and a resolved "he"); `source_type` and `side` come from the general word
    list and `profile`; `cue_class` is neutral, loaded, unlisted or none; `hedges` and
    `verification_notes` list the phrases found in the cue, the channel and (when `sentences` from
    `presslens.tokenize.sentences` are given) the words around the quote.
    """
    chosen = load_profile(profile)
    existing = [c for c in SOURCE_QUOTE_COLUMNS if c in quotes.columns]
    kept = quotes.drop(columns=existing) if existing else quotes
    if kept.empty:
        out = kept.copy()
        for column in SOURCE_QUOTE_COLUMNS:
            out[column] = pd.Series(dtype=bool if column == "hedged" else object)
        return out
    records = _rows(kept, _QUOTE_INPUTS)
    rows = [] if sentences is None or sentences.empty else \
        zip(*(sentences[c].tolist() for c in ("article_id", "start", "end", "text")))
    columns = _attributed_columns(records, chosen, _Context(rows))
    return pd.concat([kept, pd.DataFrame(columns, index=kept.index)], axis=1)


def attribute_rows(quotes: Mapping[str, list], *, profile: str | Path | Mapping | Profile = "neutral",
                   sentences: Mapping[str, list] | None = None) -> dict[str, list]:
    """`attribute` on plain column lists (`presslens.quotes.rows`, the `columns` of a
    `presslens.tokenize.Document`): the `SOURCE_QUOTE_COLUMNS` as lists, one value per quotes row."""
    names = [c for c in _QUOTE_INPUTS if c in quotes]
    records = [dict(zip(names, values)) for values in zip(*(quotes[c] for c in names))]
    rows = () if sentences is None else zip(*(sentences[c] for c in ("article_id", "start", "end", "text")))
    return _attributed_columns(records, load_profile(profile), _Context(rows))


def _attributed_columns(records: list[dict], chosen: Profile, context: _Context) -> dict[str, list]:
    """The source and attribution-language columns of quotes rows given as dicts (see `attribute`)."""
    columns: dict[str, list] = {column: [None] * len(records) for column in SOURCE_QUOTE_COLUMNS}
    by_article: dict[str, list[int]] = {}
    for position, row in enumerate(records):
        by_article.setdefault(str(row.get("article_id")), []).append(position)
    language = _attribution_language()
    for positions in by_article.values():
        positions.sort(key=lambda p: _reading_key(records[p]))  # the rows' order in the table does not matter
        found, assigned = _group([records[p] for p in positions])
        decided = [_type_and_side(source, chosen) if source.source_id != UNATTRIBUTED
                   else ("other", chosen.default_side) for source in found]
        for position, index in zip(positions, assigned):
            columns["source_id"][position] = found[index].source_id
            columns["source_type"][position], columns["side"][position] = decided[index]
        last_row: dict[int, int] = {}  # quote_id -> its latest row so far
        for number, position in enumerate(positions):
            row = records[position]
            hedges, verification = _notes(row, context.around(row), language)
            antecedent = _offset(row.get("antecedent_quote_id"))
            before = last_row.get(antecedent) if antecedent is not None else (
                positions[number - 1] if number else None)
            if before is not None and _text(row.get("resolved_by")) == "continuation" \
                    and columns["source_id"][before] == columns["source_id"][position]:
                # a quote that carries on its antecedent came through the same channel
                hedges = hedges or [h for h in columns["hedges"][before].split("; ") if h]
                verification = verification or [v for v in columns["verification_notes"][before].split("; ") if v]
            columns["cue_class"][position] = _cue_class(_text(row.get("cue")), language)
            columns["hedged"][position] = bool(hedges or verification)
            columns["hedges"][position] = "; ".join(hedges)
            columns["verification_notes"][position] = "; ".join(verification)
            quote_id = _offset(row.get("quote_id"))
            if quote_id is not None:
                last_row[quote_id] = position
    return columns


def _reading_key(row: Mapping) -> tuple:
    """Where a quotes row stands in its article: by start, end and quote_id (unknown values first)."""
    return _position(*(_offset(row.get(column)) for column in ("start", "end", "quote_id")), _text(row.get("text")))


def _position(start: int | None, end: int | None, quote_id: int | None, text: str) -> tuple:
    """The sort key of `_reading_key` from a row's offsets and quote_id (None when unknown) and its text."""
    return tuple((value is not None, value or 0) for value in (start, end, quote_id)) + (text,)


_QUOTE_INPUTS = ("article_id", "quote_id", "kind", "text", "start", "end", "speaker", "speaker_name",
                 "speaker_role", "resolved_by", "antecedent_quote_id", "cue", "cue_start", "cue_end", "channel",
                 "paragraph")


def _rows(frame: pd.DataFrame, columns: Iterable[str]) -> list[dict]:
    """The rows of `frame` as dicts of the given columns (missing columns give None); fast for small tables."""
    columns = list(columns)
    lists = [frame[c].tolist() if c in frame.columns else [None] * len(frame) for c in columns]
    return [dict(zip(columns, values)) for values in zip(*lists)]


def _words(text) -> int:
    return len(_WORD.findall(text)) if isinstance(text, str) else 0


_WORD_COUNT_INPUTS = ("article_id", "source_id", "start", "end", "text")


def _counted_words(rows: Iterable[tuple]) -> list[int]:
    """Words per quote, counting a quote inside another quote of the same source only once; `rows` are the
    quotes' (`_WORD_COUNT_INPUTS`) values."""
    rows = list(rows)
    spans: dict[tuple, set[tuple[int, int]]] = {}
    for article_id, source_id, start, end, _ in rows:
        start, end = _offset(start), _offset(end)
        if start is not None and end is not None:
            spans.setdefault((article_id, source_id), set()).add((start, end))
    nested: set[tuple] = set()
    for key, distinct in spans.items():
        # by start, longest first: a span lies inside another iff an earlier one reaches as far
        furthest = -1
        for start, end in sorted(distinct, key=lambda span: (span[0], -span[1])):
            if furthest >= end:
                nested.add((key, start, end))
            furthest = max(furthest, end)
    return [0 if ((article_id, source_id), _offset(start), _offset(end)) in nested else _words(text)
            for article_id, source_id, start, end, text in rows]


def _attributed(quotes: pd.DataFrame) -> pd.DataFrame:
    if not set(SOURCE_QUOTE_COLUMNS) <= set(quotes.columns):
        raise InputError("run presslens.sources.attribute(quotes) first: the source columns are missing")
    return quotes


_TABLE_INPUTS = ("article_id", "quote_id", "kind", "text", "start", "end", "speaker", "speaker_name", "speaker_role",
                 "channel", "paragraph", "cue", "source_id", "source_type", "side", "cue_class", "hedged")


def table(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per source (columns `SOURCE_COLUMNS`) from a table made by `attribute`, articles in the
    order they first appear, each article's sources in reading order (the order of the rows within an
    article does not matter).

    `words_quoted` counts the words of all a source's quotes (a quote nested in another of the
    same source counts once); `words_direct` only direct and partial quotes (the source's own words);
    `share_of_voice` is `words_quoted` over all quoted words of the article. `quotes`, the kinds,
    `loaded_cues` and `hedged_quotes` count quotes, not rows: a quote over two paragraphs (two rows,
    one `quote_id`) counts once.
    """
    quotes = _attributed(quotes)
    if quotes.empty:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in SOURCE_COLUMNS})
    column = {name: quotes[name].tolist() if name in quotes.columns else [None] * len(quotes)
              for name in _TABLE_INPUTS}
    texts = {name: [_text(value) for value in column[name]]
             for name in ("speaker_name", "speaker_role", "speaker", "channel", "cue", "text")}
    counted = _counted_words(zip(*(column[name] for name in _WORD_COUNT_INPUTS)))
    articles: dict = {}  # article ids in order of first appearance; each article's rows in reading order
    for article_id in column["article_id"]:
        articles.setdefault(article_id, len(articles))
    offsets = {name: [_offset(value) for value in column[name]] for name in ("start", "end", "quote_id", "paragraph")}
    reading = [articles[article_id] for article_id in column["article_id"]]  # as `_reading_key`, per article
    order = sorted(range(len(reading)), key=lambda i: (reading[i], *_position(
        offsets["start"][i], offsets["end"][i], offsets["quote_id"][i], texts["text"][i])))
    rows: dict[tuple, dict] = {}
    seen_quotes: set[tuple] = set()
    totals: dict[str, int] = {}
    for i in order:
        article_id, kind, words = column["article_id"][i], column["kind"][i], counted[i]
        key = (article_id, column["source_id"][i])
        source = rows.get(key)
        if source is None:
            source = rows[key] = {
                "article_id": article_id, "source_id": key[1], "names": [], "roles": [],
                "source_type": column["source_type"][i], "side": column["side"][i], "mentions": [],
                "quotes": 0, **dict.fromkeys(KINDS, 0), "words_quoted": 0, "words_direct": 0,
                "first_paragraph": None, "channels": set(), "cues": [], "loaded_cues": 0, "hedged_quotes": 0}
        source["names"].append(texts["speaker_name"][i])
        source["roles"].append(texts["speaker_role"][i])
        source["mentions"].append(texts["speaker"][i])
        quote_key = (article_id, column["quote_id"][i])
        new_quote = _missing_id(quote_key[1]) or quote_key not in seen_quotes
        seen_quotes.add(quote_key)
        source["quotes"] += new_quote
        if kind in KINDS:
            source[kind] += new_quote
        source["words_quoted"] += words
        source["words_direct"] += words if kind in ("direct", "partial") else 0
        totals[article_id] = totals.get(article_id, 0) + words
        paragraph = offsets["paragraph"][i]
        if paragraph is not None:
            source["first_paragraph"] = min(paragraph, source["first_paragraph"] if source["first_paragraph"]
                                            is not None else paragraph)
        if texts["channel"][i]:
            source["channels"].add(texts["channel"][i])
        if texts["cue"][i]:
            source["cues"].append(texts["cue"][i].lower())
        source["loaded_cues"] += new_quote and column["cue_class"][i] == "loaded"
        source["hedged_quotes"] += new_quote and bool(column["hedged"][i])
    out = []
    for source in rows.values():
        name = _longest(source.pop("names"))
        role = _longest(source.pop("roles"))
        mentions = list(dict.fromkeys(m for m in source["mentions"] if m))
        if not name and not role and mentions:
            name = _strip_determiner(max(mentions, key=len))
        total = totals[source["article_id"]]
        out.append({**source, "name": name, "role": role, "mentions": "; ".join(mentions),
                    "share_of_voice": source["words_quoted"] / total if total else 0.0,
                    "channels": "; ".join(sorted(source["channels"])),
                    "cues": "; ".join(dict.fromkeys(source["cues"]))})
    columns = {column: [source[column] for source in out] for column in SOURCE_COLUMNS if column not in TONE_OF_SOURCE}
    columns["first_paragraph"] = pd.array(columns["first_paragraph"], dtype="Int64")
    return _with_tone(pd.DataFrame(columns), quotes)


def _with_tone(table: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Each source's tone from its quotes' ``compound`` scores (`sentiment.tone_by`; NaN when unscored)."""
    from .sentiment import tone_by

    keys = table["article_id"].astype(str) + "\x1f" + table["source_id"].astype(str)
    if "compound" in quotes.columns:
        keyed = quotes.assign(source_key=quotes["article_id"].astype(str) + "\x1f" + quotes["source_id"].astype(str))
        tone = tone_by(keyed, "source_key").set_index("source_key")
        for column, measure in TONE_OF_SOURCE.items():
            table[column] = tone[measure].reindex(keys).to_numpy(dtype="float64")
    else:
        for column in TONE_OF_SOURCE:
            table[column] = float("nan")
    return table[SOURCE_COLUMNS]


def side_summary(quotes: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """One row per side (per `by` value too, e.g. "article_id"): how much and how each side speaks.

    Columns `SIDE_SUMMARY_COLUMNS`: sources, quote counts by kind, words, share of voice (of all
    quoted words in the group), first and mean paragraph, cue classes, hedged quotes and quotes
    with a verification note. Sorted by `by`, then by share of voice (largest first), then side.
    """
    quotes = _attributed(quotes)
    keys = [by, "side"] if by else ["side"]
    columns = ([by] if by else []) + SIDE_SUMMARY_COLUMNS
    if quotes.empty:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})
    first_row = (~quotes.duplicated(["article_id", "quote_id"]) | quotes["quote_id"].isna()) \
        if "quote_id" in quotes.columns else pd.Series(True, index=quotes.index)  # a quote over two paragraphs counts once
    frame = quotes.assign(
        words_quoted=_counted_words(zip(*(quotes[c].tolist() for c in _WORD_COUNT_INPUTS))),
        source_key=quotes["article_id"].astype(str) + "\x1f" + quotes["source_id"].astype(str),
        paragraph_number=pd.to_numeric(quotes["paragraph"], errors="coerce"),
        has_verification=first_row & (quotes["verification_notes"].fillna("").astype(str) != ""),
        quote_count=first_row.astype("int64"),
        **{kind: first_row & (quotes["kind"] == kind) for kind in KINDS},
        **{f"{c}_cues": first_row & (quotes["cue_class"] == c) for c in ("neutral", "loaded", "unlisted")})
    frame["hedged"] = first_row & frame["hedged"].fillna(False).astype(bool)
    frame["words_direct"] = frame["words_quoted"].where((quotes["kind"] == "direct") | (quotes["kind"] == "partial"), 0)
    summary = frame.groupby(keys, sort=True).agg(
        sources=("source_key", "nunique"), quotes=("quote_count", "sum"),
        direct=("direct", "sum"), partial=("partial", "sum"), indirect=("indirect", "sum"),
        words_quoted=("words_quoted", "sum"), words_direct=("words_direct", "sum"),
        first_paragraph=("paragraph_number", "min"), mean_paragraph=("paragraph_number", "mean"),
        neutral_cues=("neutral_cues", "sum"), loaded_cues=("loaded_cues", "sum"),
        unlisted_cues=("unlisted_cues", "sum"), hedged_quotes=("hedged", "sum"),
        verification_notes=("has_verification", "sum")).reset_index()
    totals = (summary.groupby(by)["words_quoted"].transform("sum") if by
              else pd.Series(summary["words_quoted"].sum(), index=summary.index))
    summary["share_of_voice"] = (summary["words_quoted"] / totals.where(totals > 0)).fillna(0.0)
    summary["first_paragraph"] = summary["first_paragraph"].astype("Int64")
    summary["mean_paragraph"] = summary["mean_paragraph"].round(2)
    order = ([by] if by else []) + ["share_of_voice", "side"]
    summary = summary.sort_values(order, ascending=[True] * bool(by) + [False, True], kind="stable")
    return summary[columns].reset_index(drop=True)


def compare(analysis, by: str = "outlet", measure: str = "share_of_voice") -> pd.DataFrame:
    """A corpus comparison: one row per outlet (or article, `by="article_id"`), one column per side.

    `analysis` is an `Analysis` (its `quotes` and `articles` tables); `measure` is the share of
    voice (0-1), the number of quotes, or the number of quoted words of each side.
    """
    if measure not in COMPARE_MEASURES:
        raise InputError(f"unknown measure {measure!r} (choose from {', '.join(COMPARE_MEASURES)})")
    quotes = _attributed(analysis.quotes)
    if by != "article_id":
        if by not in analysis.articles.columns:
            raise InputError(f"cannot compare by {by!r}: the articles table has no such column")
        groups = analysis.articles.set_index("article_id")[by].fillna("").astype(str)
        quotes = quotes.assign(**{by: quotes["article_id"].map(groups)})
    summary = side_summary(quotes, by=by)
    if summary.empty:
        return pd.DataFrame(index=pd.Index([], name=by))
    wide = summary.pivot(index=by, columns="side", values=measure).fillna(0)
    wide = wide[sorted(wide.columns)]
    wide.columns.name = "side"
    return wide.astype(int) if measure != "share_of_voice" else wide


# ---- attribution language ----------------------------------------------------------------------

def _cue_class(cue: str, language: _AttributionLanguage) -> str:
    cue = " ".join(cue.lower().split())
    if not cue:
        return "none"
    if cue in language.cue_classes:
        return language.cue_classes[cue]
    return next((language.cue_classes[w] for w in cue.split() if w in language.cue_classes), "unlisted")


class _Context:
    """The sentences around each quote, with the quoted words blanked out (they are the source's).

    Only the words within `WINDOW` characters of the quote and its cue are read, so a quote inside a
    huge run-on "sentence" costs the same as one in a normal sentence.
    """

    WINDOW = 300

    def __init__(self, sentences: Iterable[tuple]):
        """`sentences`: (article_id, start, end, text) of every sentence."""
        self._by_article: dict[str, tuple[list[int], list[tuple[int, int, str]]]] = {}
        grouped: dict[str, list[tuple[int, int, str]]] = {}
        for article_id, start, end, text in sentences:
            grouped.setdefault(str(article_id), []).append((int(start), int(end), str(text)))
        for article_id, spans in grouped.items():
            spans.sort()
            self._by_article[article_id] = ([start for start, _, _ in spans], spans)

    def around(self, row: Mapping) -> str:
        starts, spans = self._by_article.get(str(row.get("article_id")), ([], []))
        offsets = [int(v) for v in (row.get("start"), row.get("end"), row.get("cue_start"), row.get("cue_end"))
                   if isinstance(v, (int, float)) and not pd.isna(v)]
        if not spans or not offsets:
            return ""
        low, high = min(offsets), max(offsets)
        quote_start, quote_end = _offset(row.get("start")), _offset(row.get("end"))
        pieces = []
        # sentences tile the text without overlapping: start at the last one beginning at or before `low`
        # (indexed, not sliced: a slice copied every later sentence for every quote)
        for index in range(max(bisect.bisect_right(starts, low) - 1, 0), len(spans)):
            start, end, text = spans[index]
            if start >= high:
                break
            if end <= low:
                continue
            if quote_start is not None and quote_end is not None:
                a, b = max(quote_start - start, 0), max(min(quote_end - start, len(text)), 0)
                text = text[:a] + " … " + text[b:] if a < b else text
                high_in_text = a + 3 + max(high - quote_end, 0) if a < b else high - start
            else:
                high_in_text = high - start
            low_in_text = max(low - start, 0)
            pieces.append(text[max(low_in_text - self.WINDOW, 0):high_in_text + self.WINDOW])
        return " ".join(pieces)


def _offset(value) -> int | None:
    if type(value) is int:  # the common case, without the cost of `pd.isna`
        return value
    return int(value) if isinstance(value, (int, float)) and not pd.isna(value) else None


def _notes(row: Mapping, context: str, language: _AttributionLanguage) -> tuple[list[str], list[str]]:
    found = language.notes.find(" | ".join((_text(row.get("cue")), _text(row.get("channel")), context)))
    hedges = list(dict.fromkeys(phrase for kind, phrase in found if kind == "hedge"))
    verification = list(dict.fromkeys(phrase for kind, phrase in found if kind == "verification"))
    return hedges, verification
