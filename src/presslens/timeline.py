"""Timeline: time expressions normalised against the publication date, and the events they date.

`tag(text, published)` finds time expressions (TIMEX3 `type` DATE, TIME, DURATION or SET) and gives
each a TimeML `value` and, where the text says so, a `mod`:

    >>> [(t.text, t.type, t.value) for t in tag("Troops took Qusayr in June.", dt.date(2013, 7, 29))]
    [('June', 'DATE', '2013-06')]

Relative expressions ("a month ago", "last week", "Friday", a bare "June") are resolved against the
publication date; without one their value stays unresolved ("XXXX-06"). A bare month or weekday is
placed by the tense of its clause: a future clue ("will", "'ll", "going to", "next") puts it on or
after the publication date, a past clue before it, and with no clue it is the nearest one.

Story time: "the following year", "two days later" and "that day" are counted from the reference time,
the last calendar date before them; in a narrative text (a history; `mode="narrative"`, or `"auto"`
deciding per text) so are bare months and dates, and in news those right after a date that opens its
sentence ("In 2011, ... In March, ..."). `Timex.anchor` says what each value was counted from.

The words (months, weekdays, units, number words, ordinals, modifiers, seasons, parts of the day,
reference words, frequency words, tense clues, holidays) live in `presslens/data/timex_*.csv`. The grammar is a handful of
regular expressions built from those lists; they are tried only where a word from the lists (or a
digit) starts, and every repetition in them is bounded, so the cost grows linearly with the text.
"""
from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import datafiles
from .errors import InputError
from .model import Article

__all__ = ["DATE_DTYPE", "DATE_ORDERS", "EVENT_COLUMNS", "MODES", "TIMEX_COLUMNS", "Timex", "check_options",
           "events", "interval", "short_label", "tag", "timexes"]

TIMEX_COLUMNS = ["article_id", "timex_id", "start", "end", "text", "type", "value", "mod", "anchor", "sentence",
                 "paragraph"]
MODES = ("auto", "news", "narrative")
DATE_ORDERS = ("mdy", "dmy")
#: The dtype of `start_date` and `end_date`: whole days at millisecond resolution, which covers years
#: 1-9999 (a nanosecond datetime would wrap outside 1677-2262) and round-trips through Parquet unchanged.
DATE_DTYPE = "datetime64[ms]"
EVENT_COLUMNS = ["article_id", "event_id", "timex_id", "kind", "label", "value", "granularity", "mod",
                 "start_date", "end_date", "sentence", "paragraph", "in_quote", "quote_id", "speaker"]


@dataclass(frozen=True)
class Timex:
    """One time expression: `text == source[start:end]`, with its TimeML type, value and mod.

    `anchor` says what a relative value was computed from (TimeML's `anchorTimeID`): "publication"
    (the publication date), "t3" (the third expression of the text, the story's reference time), or ""
    when the expression needs no anchor ("June 2012", "three weeks").
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""
    anchor: str = ""


# ---- word lists ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    month_abbreviations: frozenset[str]
    common_word_months: frozenset[str]
    weekdays: dict[str, int]
    units: dict[str, tuple[str, str]]  # word -> (duration unit, granularity)
    numbers: dict[str, str]
    point_mods: dict[str, str]
    span_mods: dict[str, str]
    seasons: dict[str, tuple[str, int]]
    day_parts: dict[str, str]
    references: dict[str, tuple[str, str]]
    sets: dict[str, str]
    tense: dict[str, str]
    holidays: dict[str, str]
    ordinals: dict[str, int]


@lru_cache(maxsize=None)
def _lexicon() -> _Lexicon:
    months = datafiles.rows("timex_months.csv")
    modifiers = datafiles.rows("timex_modifiers.csv")
    return _Lexicon(
        months={r["name"]: int(r["month"]) for r in months},
        month_abbreviations=frozenset(r["name"] for r in months if r["abbreviation"] == "yes"),
        common_word_months=frozenset(r["name"] for r in months if r["common_word"] == "yes"),
        weekdays={r["name"]: int(r["weekday"]) for r in datafiles.rows("timex_weekdays.csv")},
        units={r["name"]: (r["unit"], r["granularity"]) for r in datafiles.rows("timex_units.csv")},
        numbers={r["word"]: r["value"] for r in datafiles.rows("timex_numbers.csv")},
        point_mods={r["phrase"]: r["mod"] for r in modifiers if r["applies_to"] in ("point", "both")},
        span_mods={r["phrase"]: r["mod"] for r in modifiers if r["applies_to"] in ("span", "both")},
        seasons={r["name"]: (r["code"], int(r["month"])) for r in datafiles.rows("timex_seasons.csv")},
        day_parts={r["name"]: r["code"] for r in datafiles.rows("timex_day_parts.csv")},
        references={r["phrase"]: (r["type"], r["value"]) for r in datafiles.rows("timex_references.csv")},
        sets={r["phrase"]: r["value"] for r in datafiles.rows("timex_sets.csv")},
        tense={r["word"]: r["tense"] for r in datafiles.rows("timex_tense.csv")},
        holidays={r["name"]: r["rule"] for r in datafiles.rows("timex_holidays.csv")},
        ordinals={r["word"]: int(r["value"]) for r in datafiles.rows("timex_ordinals.csv")},
    )


def _alternation(words) -> str:
    """A regex alternation of phrases, longest first; spaces match 1-4 white-space characters."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s{1,4}").replace("'", "['’]") for w in ordered)


# ---- the grammar -----------------------------------------------------------------------------

_S = r"\s{1,4}"          # between two words
_SD = r"[\s-]{1,4}"      # between two words, or a hyphen ("one-month", "mid-June")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_YEAR = r"(?<![$£€\d])(?:1[0-9]|20)\d\d(?![\d,.]\d|\s?%|\s(?:per\s?cent|percent))"
_YEAR_WORD = r"(?:this|last|next)\s{1,4}year(?![\w'’-])"  # "March last year", "autumn next year": one expression
_ZONE = r"(?:[ECMP][SD]T|GMT|UTC)(?!\w)"  # "9 a.m. EST Tuesday": a time zone between the time and its day
_TEENS = "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten"
_HOURS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"


@dataclass(frozen=True)
class _Grammar:
    branches: list[tuple[str, re.Pattern]]
    combined: re.Pattern
    triggers: frozenset[str]  # words an expression can start with
    core: frozenset[str]      # words one of which every expression contains (besides digits)
    links: frozenset[str]     # words that can follow a trigger inside an expression


@lru_cache(maxsize=None)
def _grammar() -> _Grammar:
    lex = _lexicon()
    full = [m for m in lex.months if m not in lex.month_abbreviations]
    mon = rf"(?:{_alternation(full)}|(?:{_alternation(lex.month_abbreviations)})\.?)(?![\w-])"
    full_wd = [w for w in lex.weekdays if len(w) > 5 or w.endswith("day")]
    short_wd = [w for w in lex.weekdays if w not in full_wd]
    wd = rf"(?:{_alternation(full_wd)}|(?:{_alternation(short_wd)})\.?)(?!\w)"
    hundreds = rf"(?:{_ONES}|a){_S}hundred(?:{_S}(?:and{_S})?(?:(?:{_TENS})(?:[\s-]{{1,2}}(?:{_ONES}))?|{_TEENS}|{_ONES}))?(?!\w)"
    num = rf"(?:\d{{1,3}}\s1/2(?!\d)|(?<!/)\d{{1,4}}(?:\.\d)?|{hundreds}|(?:{_TENS})[\s-]{{1,2}}(?:{_ONES})(?!\w)|{_alternation(lex.numbers)})"
    ordinal = rf"(?:{_alternation(lex.ordinals)})(?![\w-])"
    year_or_short = rf"(?:{_YEAR}|['’]\d\d(?![\d\w]))"
    unit = rf"(?:{_alternation(lex.units)})(?![\w-])"
    singular_unit = rf"(?:{_alternation(u for u in lex.units if not u.endswith('s'))})(?![\w-])"
    pmod = _alternation(lex.point_mods)
    smod = _alternation(lex.span_mods)
    season = _alternation(lex.seasons)
    part = rf"(?:{_alternation(lex.day_parts)})(?!\w)"
    refs = _alternation(lex.references)
    sets = _alternation(lex.sets)
    patterns = [
        ("iso", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"),
        ("slash", r"(?<![\d/.-])(?P<m>[0-3]?\d)(?:/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d\d)(?![\d/])"
                  r"|(?P<sep>[.-])(?P<d2>[0-3]?\d)[.-](?P<y2>(?:1[0-9]|20)\d\d)(?![\d.-]?\d))"),
        ("era", r"(?P<n>\d{1,4})\s?(?P<era>BCE|BC|B\.C\.E\.|B\.C\.)(?!\w)"),
        ("clock", rf"(?:(?P<pmod>about|around|approximately){_S})?(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s?"
                  rf"(?P<ap>a\.m\.|p\.m\.|am(?!\w)|pm(?!\w))(?:{_S}{_ZONE}(?=,?{_S}\w))?"
                  rf"(?:{_S}(?P<wd>{wd})|{_S}(?P<ref>today|yesterday|tomorrow)(?!\w)"
                  rf"|,?{_S}(?P<mon>{mon}){_S}(?P<d>{_DAY})(?:,?{_S}(?P<y>{_YEAR}))?)?"),
        ("clock_words", rf"(?:(?P<minutes>a{_S}quarter|quarter|half|twenty-five|twenty{_S}five|{_TENS}|{_TEENS}|five)"
                        rf"(?:{_S}minutes)?{_S}(?P<dir>past|to|after){_S})?(?P<hour>{_HOURS}|noon|midnight|1[012](?={_S}(?:in|at))|0?[1-9](?={_S}(?:in|at)))(?![\w-])"
                        rf"(?:{_S}(?P<part>in{_S}the{_S}(?:morning|afternoon|evening)|at{_S}night)(?!\w))?"
                        rf"(?:{_S}(?:on{_S})?(?P<wd>{wd}))?"),
        ("mdy", rf"(?:(?P<wd>{wd}),?{_S})?(?:(?P<pmod>{pmod}){_SD})?(?:(?P<rel>last|next){_S})?(?P<mon>{mon}){_S}(?P<d>{_DAY})"
                rf"(?:,?{_S}(?P<y>{year_or_short}))?"),
        ("dmy", rf"(?:(?P<wd>{wd}),?{_S})?(?:(?P<pmod>{pmod}){_SD})?(?:the\s)?(?:(?P<d>{_DAY})(?:{_S}of)?|(?=the{_S}[a-z-]+{_S}of\s)the{_S}(?P<dw>{ordinal}){_S}of){_S}(?P<mon>{mon})"
                rf"(?:,?{_S}(?P<y>{year_or_short}))?"),
        ("ordinal", rf"(?<=\bon\s)the{_S}(?P<d>{_DAY})(?!\w|{_S}[a-z(])"),
        ("century", rf"(?=(?:the{_S})?(?:(?:early|mid|late){_SD})?[\w-]+[\s-]century)(?:the{_S})?(?:(?P<pmod>early|mid|late){_SD})?(?P<c>\d{{1,2}}(?:st|nd|rd|th)|{ordinal})[\s-]century(?!\w)"
                    rf"(?:{_S}(?P<era>BCE|BC|B\.C\.E\.|B\.C\.)(?!\w))?"),
        ("half", rf"(?:the{_S})?(?P<h>first|second|1st|2nd|last|latter)[\s-]half{_S}of{_S}(?P<y>{_YEAR})"
                 rf"|(?<![\w-])(?-i:H)(?P<hn>[12])(?:{_S}(?P<y2>{_YEAR}))?(?![\w-])"),
        ("my", rf"(?:(?P<pmod>{pmod}){_SD})?(?P<mon>{mon})(?:,?{_S}(?:of{_S})?(?P<y>{_YEAR})|{_S}(?P<yrel>{_YEAR_WORD}))"),
        ("quarter", rf"(?:the{_S}(?!\w+-quarter))?(?:(?P<y0>{_YEAR}){_S}|(?P<yrel>(?:this|last|next){_S}year)['’]s{_S})?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
                    rf"[\s-]quarter(?!\w)(?:{_S}(?:of{_S})?(?P<y>{_YEAR}))?"
                    rf"|the{_S}(?:(?P<latest>latest|most{_S}recent|past)|(?P<ago>year-ago|year-earlier)){_S}quarter(?!\w)"),
        ("ago", rf"(?:(?P<smod>{smod}){_S})?(?:(?P<n>{num}){_SD})?(?P<unit>{unit}){_S}"
                r"(?P<dir>ago|earlier|later|from\s+now|hence)(?!\w)"),
        ("relative", rf"(?:(?P<pmod>{pmod}|earlier|later){_S})?(?:the{_S})?"
                     rf"(?P<rel>this{_S}coming|last|next|this|coming|past|previous|following|current(?:{_S}fiscal)?){_S}"
                     rf"(?P<what>{wd}|{mon}|(?:{season})(?!\w)|{singular_unit})(?:{_S}(?P<part>{part}))?"),
        ("duration", rf"(?:(?P<smod>{smod}){_S})?(?:(?:the{_S})?(?P<rel>past|last|next|coming|first|previous|"
                     rf"following|final|remaining|another|additional){_S})?(?P<n>{num})(?P<half>{_S}and{_S}a{_S}half)?{_SD}(?P<unit>{unit})"
                     rf"(?P<half2>{_S}and{_S}a{_S}half(?![\w-]))?"),
        ("vague", r"(?<=\bfor\s)(?P<unit>years|months|weeks|decades|days|hours)(?!\w)"),
        ("set", rf"(?P<word>{sets})(?!\w)|(?:every|each){_S}(?:other{_S})?(?:(?P<n>{num}){_S})?"
                rf"(?P<what>{unit}|{wd}|{mon}|(?:{season})(?!\w)|{part})"),
        ("decade", rf"(?:the{_S})?(?:(?P<pmod>early|mid|late){_SD})?(?:(?P<dec>(?:1[0-9]|20)\d)0'?s|'(?P<short>\d)0s)(?!\w)"),
        ("edge", rf"(?P<pmod>the{_S}(?:end|beginning|start|middle){_S}of){_S}the{_S}(?P<unit>week|month|year)(?!\w)"),
        ("anaphora", rf"(?:(?P<pmod>later|earlier){_S})?(?:that(?:{_S}same)?|the{_S}same){_S}(?P<unit>day|week|month|year)(?![\w-])"),
        ("holiday", rf"(?:(?P<rel>last|next|this){_S})?(?P<holiday>{_alternation(lex.holidays)})(?![\w'’-])"
                    rf"(?:,?{_S}(?P<y>{_YEAR}))?"),
        ("season", rf"(?:(?P<pmod>{pmod}){_S})?(?:(?P<rel>the|this|last|next){_S})?(?P<season>{season})(?!\w)"
                   rf"(?:{_S}(?:of{_S})?(?P<y>{_YEAR})|{_S}(?P<yrel>{_YEAR_WORD}))?"),
        ("weekday", rf"(?:(?P<pmod>{pmod}|earlier|later){_S})?(?P<wd>{wd})(?:{_S}(?P<part>{part}))?"),
        ("day_part", rf"(?:(?P<pmod>early|late|mid){_SD})?(?:(?P<anchor>this|that|yesterday|tomorrow|last|the{_S}next|the{_S}following){_S})?"
                     rf"(?P<part>{part})(?:{_S}(?P<ref>yesterday|today|tomorrow)(?!\w)|{_S}(?P<wd>{wd}))?"),
        ("month", rf"(?:(?P<pmod>{pmod}){_SD})?(?P<mon>{mon})"),
        ("year", rf"(?:(?P<pmod>{pmod}|fiscal){_SD})?(?P<y>{_YEAR})"),
        ("weekend", r"the\s{1,4}weekend(?![\w-])"),
        ("reference", rf"(?P<ref>{refs})(?![\w-])"),
    ]
    branches = [(name, re.compile(p, re.IGNORECASE)) for name, p in patterns]
    combined = "|".join(f"(?P<{name}>{re.sub(r'[(][?]P<[a-z0-9_]+>', '(?:', p)})" for name, p in patterns)
    first_words = {"the", "every", "each", "other", "early", "late", "mid", "earlier", "later", "fiscal", "about",
                   "around", "approximately", "last", "next", "this", "that", "coming", "past", "previous",
                   "following", "final", "remaining", "another", "additional", "first", "second", "third",
                   "fourth", "yesterday", "tomorrow"}
    for words in (lex.months, lex.weekdays, lex.units, lex.numbers, lex.point_mods, lex.span_mods, lex.seasons,
                  lex.day_parts, lex.references, lex.sets, lex.holidays):
        first_words.update(w.split()[0].split("-")[0] for w in words)
    first_words.update(_TENS.split("|") + _TEENS.split("|") + _HOURS.split("|") + ["a", "half", "quarter", "h", "same"])
    first_words.update(w.split("-")[0] for w in lex.ordinals)
    first_words.update(re.split(r"[\s'’-]+", w)[0] for w in lex.holidays)  # "Mother's Day" starts at "Mother"
    core = {"quarter", "fiscal", "half", "century", "bc", "noon", "midnight", "past"}
    for words in (lex.months, lex.weekdays, lex.units, lex.seasons, lex.day_parts):
        core.update(words)
    for words in (lex.references, lex.sets, lex.holidays):
        core.update(re.split(r"[\s'-]+", w)[-1] for w in words)
    core.update(w for w in lex.holidays if " " not in w)  # "Easter"; "Father's Day" has "day"
    links = set(first_words) | core | {"latest", "most", "than", "least", "hundred", "past", "to", "after", "of", "and",
                                        "same", "end", "beginning", "start", "middle", "coming", "week", "in", "at", "latter"}
    for words in (lex.numbers, lex.point_mods, lex.span_mods, lex.references, lex.sets, lex.holidays):
        links.update(w.lower() for phrase in words for w in re.findall(r"[A-Za-z]+", phrase))
    return _Grammar(branches, re.compile(combined, re.IGNORECASE), frozenset(first_words), frozenset(core),
                    frozenset(links))


_WORD = re.compile(r"[A-Za-z]+|\d+|'\d0s")
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)\W{1,3}$")
_MONTH_CONTEXT = {"in", "since", "by", "until", "till", "of", "from", "through", "to", "during", "before", "after",
                  "last", "next", "this", "early", "late", "mid", "and", "or", "between", "on", "for", "that"}


# ---- dates and values ------------------------------------------------------------------------


def _add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def _shift(date: dt.date, amount: int, unit: str) -> dt.date:
    """`date` moved by `amount` units (D, W, M, Q, Y, DE, CE, FN, WE)."""
    if unit in ("D",):
        return date + dt.timedelta(days=amount)
    if unit in ("W", "WE"):
        return date + dt.timedelta(weeks=amount)
    if unit == "FN":
        return date + dt.timedelta(weeks=2 * amount)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit, 0) * amount
    return _add_months(date, months)


def _format(date: dt.date, granularity: str) -> str:
    """A TimeML date value for `date` at `granularity`."""
    if granularity == "day":
        return date.isoformat()
    if granularity == "week":
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if granularity == "quarter":
        return f"{date.year:04d}-Q{(date.month - 1) // 3 + 1}"
    if granularity == "decade":
        return f"{date.year // 10:03d}"
    if granularity == "century":
        return f"{date.year // 100:02d}"
    return f"{date.year:04d}"


_UNRESOLVED = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX",
               "decade": "XXX", "century": "XX"}
_HALF_UNITS = {"Y": (6, "M"), "D": (12, "H"), "H": (30, "M"), "MIN": (30, "S")}  # half a unit in the next smaller one
_DURATION_CODE = {"S": "S", "MIN": "M", "H": "H", "D": "D", "W": "W", "M": "M", "Y": "Y", "Q": "Q", "WE": "WE"}


def _number(word: str | None) -> str:
    """The amount a number word or numeral stands for, as a string ("X" when vague)."""
    if not word:
        return "1"
    word = re.sub(r"\s+", " ", word.lower())
    if word.endswith(" 1/2"):  # "2 1/2"
        return f"{int(word[:-4])}.5"
    if word[0].isdigit():
        return word.rstrip("0").rstrip(".") if "." in word else str(int(word))
    numbers = _lexicon().numbers
    if word in numbers:
        return numbers[word]
    total = 0  # "thirty-five", "thirty five", "three hundred and forty"
    for part in re.split(r"[\s-]+", word):
        if part == "hundred":
            total = max(total, 1) * 100
        elif part != "and":
            value = numbers.get(part, "X")
            if not value.isdigit():
                return "X"
            total += int(value)
    return str(total)


def _duration(amount: str, unit: str) -> str:
    """A TimeML duration value: P2M, PT5H, P40Y (four decades), PXY (several years)."""
    if unit in ("DE", "CE"):
        factor = 10 if unit == "DE" else 100
        amount = "X" if amount == "X" else _trim(float(amount) * factor)
        unit = "Y"
    elif unit == "FN":
        amount = "X" if amount == "X" else _trim(float(amount) * 2)
        unit = "W"
    if amount.endswith(".5") and unit in _HALF_UNITS:  # "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M
        whole, (half, smaller) = amount[:-2], _HALF_UNITS[unit]
        return f"{'PT' if unit in ('H', 'MIN') else 'P'}{whole}{_DURATION_CODE[unit]}{'T' if unit == 'D' else ''}{half}{smaller}"
    prefix = "PT" if unit in ("S", "MIN", "H") else "P"
    return f"{prefix}{amount}{_DURATION_CODE[unit]}"


def _trim(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


# ---- tense -----------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _tense_pattern() -> re.Pattern:
    words = _alternation(_lexicon().tense)
    return re.compile(rf"(?<![\w'])(?:{words})(?![\w'])|(?<=\w)'ll(?!\w)|(?-i:\b[a-z]{{3,}}ed\b)", re.IGNORECASE)  # "United" is no verb


_CLAUSE_END = re.compile(r"[.!?;:\n\"“”]")
_LAST_CLAUSE_MARK = re.compile(r".*[.!?;:\n\"“”]", re.DOTALL)  # greedy: the last mark before a point
_TITLE_STOP = re.compile(r"(?<![\w.])(?:vs|Mr|Mrs|Ms|Dr|St|Jr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof)\.$")


def _ends_clause(text: str, at: int) -> bool:
    """Whether the mark at text[at] ends a clause: a full stop does, except inside a number or "U.S.-led"
    and after "vs" or a title ("Sen. Jones")."""
    if text[at] != ".":
        return True
    return not (text[at + 1:at + 2].isalnum() or _TITLE_STOP.search(text, max(0, at - 5), at + 1))


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The first and last character positions of the clause around text[start:end] (within 300 characters)."""
    lower, point = max(0, start - 300), start
    while (mark := _LAST_CLAUSE_MARK.match(text, lower, point)) and not _ends_clause(text, mark.end() - 1):
        point = mark.end() - 1
    left = mark.end() if mark else lower
    point, limit = end, min(len(text), end + 300)
    while (stop := _CLAUSE_END.search(text, point, limit)) and not _ends_clause(text, stop.start()):
        point = stop.start() + 1
    return left, stop.start() if stop else limit


def _future_participle(text: str, at: int, *, listed: bool) -> bool:
    """Whether the past form at text[at] is a participle after "be": any listed form ("would be held"),
    a form in -ed only after "will be" or "to be" ("could be located" may well be past)."""
    before = text[max(0, at - 9):at]
    return bool(re.search(r"\bbe\s+$" if listed else r"(?:\bwill|'ll|\bto)\s+be\s+$", before))


def _tense(text: str, start: int, end: int) -> str:
    """The tense around text[start:end]: "future", "past", or "" when its sentence has no clue.

    The clue nearest to the expression wins; a reporting verb ("said", "told") counts only right next
    to the expression ("said Friday") or when the sentence has no other clue, since "said it will
    vote Friday" is about a future Friday. A possessive ("Wednesday's ruling") is read as past.
    """
    window_start, window_end = _clause_bounds(text, start, end)
    best: dict[bool, tuple[int, str]] = {}
    ahead = ""
    listed_past = False  # a past clue from the list ("was", "fought"), not only a word in "-ed"
    for match in _tense_pattern().finditer(text, window_start, window_end):
        if start <= match.start() < end:
            continue
        word = re.sub(r"\s+", " ", match.group().lower())
        tense = _lexicon().tense.get(word, "future" if word == "'ll" else "past")
        distance = start - match.end() if match.end() <= start else match.start() - end
        if tense in ("deadline", "until"):  # "by March", "payable Dec. 7", "remain until Tuesday": a time ahead
            if match.end() <= start and distance <= 1:
                ahead = tense
            continue
        if tense == "reporting" and re.search(r"\bbe(?:en|ing)?\s+$", text[max(0, match.start() - 7):match.start()]):
            continue  # "will be announced at noon": a passive, not the reporter's "said"
        if tense == "past" and _future_participle(text, match.start(), listed=word in _lexicon().tense):
            continue  # "will be held on Sunday", "is to be signed": a participle, not a past tense
        reporting = tense == "reporting"
        listed_past = listed_past or tense == "past" and word in _lexicon().tense
        if reporting not in best or distance < best[reporting][0]:
            best[reporting] = (distance, "past" if reporting else tense)
    if ahead == "deadline" or ahead == "until" and not listed_past:
        return "future"
    if True in best and best[True][0] <= 4:  # "said Friday", "said on Friday"
        return "past"
    if text.startswith("'s", end):  # "Wednesday's ruling": a day already talked about
        return "past"
    if False in best:
        return best[False][1]
    return best[True][1] if True in best else ""


# ---- handlers: one per grammar branch --------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What a handler resolves against: `published` is the anchor date (the publication date, or with
    `story` the reference time of the story, known to `granularity`)."""

    text: str
    published: dt.date | None
    story: bool = False
    granularity: str = "day"
    date_order: str = "mdy"


def _point_mod(match: re.Match) -> str:
    word = match.groupdict().get("pmod")
    if not word:
        return ""
    return _lexicon().point_mods.get(re.sub(r"\s+", " ", word.lower()), "")


def _span_mod(match: re.Match) -> str:
    word = match.groupdict().get("smod")
    return _lexicon().span_mods.get(re.sub(r"\s+", " ", word.lower()), "") if word else ""


def _month_number(word: str) -> int:
    return _lexicon().months[word.lower().rstrip(".")]


def _weekday_number(word: str) -> int:
    return _lexicon().weekdays[word.lower().rstrip(".")]


def _capitalised(match: re.Match, group: str) -> bool:
    return match.group(group) is None or match.group(group)[0].isupper()


def _year(text: str | None, published: dt.date | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    if len(text) == 2:
        century = (published.year // 100 * 100) if published else 1900
        year += century if century + year <= (published.year if published else 2100) + 1 else century - 100
    return year


_AHEAD_WITHOUT_CLUE = 90  # days: news names a coming date without a future clue only when it is near
_A_YEAR_BACK = 300  # days: a past date without its year is at most this far back ("on Feb. 10" in a January report is ahead)


def _place_month_day(month: int, day: int, ctx: _Context, start: int, end: int) -> str:
    if ctx.published is None:
        return f"XXXX-{month:02d}-{day:02d}"
    pub = ctx.published
    day = min(day, calendar.monthrange(pub.year, month)[1])
    candidate = dt.date(pub.year, month, day)
    if ctx.story:  # the year the story is in
        return candidate.isoformat()
    tense = _tense(ctx.text, start, end)
    if not tense:  # no clue: the date nearest to publication ("Nov. 25" in a January report is last November)
        tense = "past" if (candidate - pub).days > _AHEAD_WITHOUT_CLUE else "future" if (pub - candidate).days > 183 else ""
    if tense == "past" and (candidate - pub).days > 30:
        earlier = dt.date(pub.year - 1, month, min(day, calendar.monthrange(pub.year - 1, month)[1]))
        if (pub - earlier).days <= _A_YEAR_BACK:  # news gives the year of a date not this year or last
            candidate = earlier
    elif tense == "future" and (pub - candidate).days > 30:
        candidate = dt.date(pub.year + 1, month, min(day, calendar.monthrange(pub.year + 1, month)[1]))
    return candidate.isoformat()


def _place_month(month: int, ctx: _Context, start: int, end: int, rel: str = "") -> str:
    if ctx.published is None:
        return f"XXXX-{month:02d}"
    pub = ctx.published
    if ctx.story and not rel:  # the year the story is in
        return f"{pub.year:04d}-{month:02d}"
    tense = {"last": "before", "next": "after", "coming": "after"}.get(rel) or _tense(ctx.text, start, end) or "nearest"
    if tense == "nearest":  # no clue: the month nearest to publication ("the summit in April" in December)
        tense = "future" if 0 < (month - pub.month) % 12 <= 5 else "past"
    year = pub.year
    if tense in ("past", "before") and (month > pub.month or (tense == "before" and month == pub.month)):
        year -= 1
    elif tense in ("future", "after") and (month < pub.month or (tense == "after" and month == pub.month)):
        year += 1
    return f"{year:04d}-{month:02d}"


def _place_weekday(weekday: int, ctx: _Context, start: int, end: int, rel: str = "") -> dt.date | None:
    if ctx.published is None:
        return None
    pub = ctx.published
    tense = {"last": "before", "next": "after", "past": "before", "previous": "before",
             "coming": "after", "following": "after"}.get(rel) or _tense(ctx.text, start, end) or "past"
    back = (pub.isoweekday() - weekday) % 7
    if ctx.story and not rel:  # a story moves on: the first such day from its reference time
        tense = "future"
    if tense in ("past", "before"):
        return pub - dt.timedelta(days=back or (7 if tense == "before" else 0))
    ahead = (weekday - pub.isoweekday()) % 7
    return pub + dt.timedelta(days=ahead or (7 if tense == "after" else 0))


def _named_day(weekday: str, ctx: _Context, start: int, end: int) -> str:
    """The date value of a weekday named in text[start:end] ("XXXX-WXX-5" without a publication date)."""
    number = _weekday_number(weekday)
    date = _place_weekday(number, ctx, start, end)
    return date.isoformat() if date else f"XXXX-WXX-{number}"


def _day_part_code(word: str | None) -> str:
    if not word:
        return ""
    return _lexicon().day_parts[word.lower()]


def _with_part(value: str, part: str | None) -> tuple[str, str]:
    """Append a part of the day to a date value; the type becomes TIME."""
    if not part:
        return "DATE", value
    code = _day_part_code(part)
    return "TIME", f"{value}T{code}"


def _iso(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    month, day = int(m.group("m")), int(m.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return "DATE", f"{m.group('y')}-{month:02d}-{day:02d}", ""


def _slash(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    """7/30/1998, 07-04-2019, 04.07.2019: month first, or day first with `date_order` "dmy"; a
    number over 12 can only be the day."""
    first = int(m.group("m"))
    if m.group("sep"):
        if ctx.text[m.end("d2")] != m.group("sep"):  # "07-04.2019"
            return None
        second, year = int(m.group("d2")), int(m.group("y2"))
    else:
        second, year = int(m.group("d")), _year(m.group("y"), ctx.published)
    month, day = (second, first) if ctx.date_order == "dmy" else (first, second)
    if month > 12 >= day:
        month, day = day, month
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}", ""


def _era(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    year = int(m.group("n"))
    return ("DATE", f"BC{year:04d}", "") if year else None


_CLOCK_CONTEXT = {"at", "by", "until", "till", "from", "around", "about", "before", "after", "since", "past"}


def _clock_words(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    """"a quarter to nine", "twenty past four", "half past midnight", "noon on Friday"."""
    hour_word, minutes_word = m.group("hour").lower(), (m.group("minutes") or "").lower()
    previous = _PREVIOUS_WORD.search(ctx.text, max(0, m.start() - 16), m.start())
    after_preposition = previous is not None and previous.group(1).lower() in _CLOCK_CONTEXT
    part = (m.group("part") or "").split()[-1:]
    if not (minutes_word and after_preposition or hour_word in ("noon", "midnight") and m.group("wd")
            or part and after_preposition and hour_word not in ("noon", "midnight")):
        return None  # "four" alone is a number; "ten to one" without "at" may be odds
    hour = {"noon": 12, "midnight": 0}[hour_word] if hour_word in ("noon", "midnight") else int(_number(hour_word))
    if part and hour < 12 and (part[0] in ("afternoon", "evening") or part[0] == "night" and hour >= 6):
        hour += 12  # "four in the afternoon", "ten at night"; "two at night" stays 02:00
    minutes = {"a quarter": 15, "quarter": 15, "half": 30}.get(re.sub(r"\s+", " ", minutes_word))
    minutes = minutes if minutes is not None else int(_number(minutes_word)) if minutes_word else 0
    if (m.group("dir") or "").lower() == "to":
        hour, minutes = (hour - 1) % 24, 60 - minutes
    if hour_word == "midnight" and not minutes_word:
        hour = 24
    day = "XXXX-XX-XX"
    if m.group("wd"):
        day = _named_day(m.group("wd"), ctx, m.start(), m.end())
    elif (aside := _DAY_IN_ASIDE.match(ctx.text, m.end())) and aside.group(1).lower() in _lexicon().weekdays:
        day = _named_day(aside.group(1), ctx, m.start(), aside.end())
    elif ctx.published is not None:
        day = ctx.published.isoformat()
    return "TIME", f"{day}T{hour:02d}:{minutes:02d}", ""


_DAY_AFTER_ASIDE = re.compile(r"\s*\([^()\n]{1,20}\)\s*([A-Z][a-z]+)\b")  # "10:35 a.m. (0735 GMT) Friday"
_DAY_IN_ASIDE = re.compile(r"\s*\([^()\n]{1,25}\s([A-Z][a-z]+)\)")  # "at 4 in the morning (4 a.m. EDT Thursday)"


def _clock(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    hour, minute = int(m.group("h")), int(m.group("mi") or 0)
    if not 1 <= hour <= 12:
        return None
    ap = m.group("ap").lower()
    hour = hour % 12 + (12 if ap.startswith("p") else 0)
    day = "XXXX-XX-XX"
    if m.group("wd"):
        day = _named_day(m.group("wd"), ctx, m.start(), m.end())
    elif m.group("mon"):  # "5 p.m. EST Nov. 9"
        if not _capitalised(m, "mon"):
            return None
        month, number = _month_number(m.group("mon")), int(re.match(r"\d+", m.group("d")).group())
        if m.group("y"):
            day = f"{int(m.group('y')):04d}-{month:02d}-{number:02d}"
        else:
            day = _place_month_day(month, number, ctx, m.start(), m.end())
    elif (after := _DAY_AFTER_ASIDE.match(ctx.text, m.end())) and after.group(1).lower() in _lexicon().weekdays:
        day = _named_day(after.group(1), ctx, m.start(), after.end())
    elif ctx.published is not None:
        offset = {"yesterday": -1, "tomorrow": 1}.get((m.group("ref") or "").lower(), 0)
        day = (ctx.published + dt.timedelta(days=offset)).isoformat()
    return "TIME", f"{day}T{hour:02d}:{minute:02d}", "APPROX" if m.group("pmod") else ""


def _mdy(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    if not _capitalised(m, "mon") or not _capitalised(m, "wd"):
        return None
    month = _month_number(m.group("mon"))
    word = m.groupdict().get("dw")
    day = _lexicon().ordinals[word.lower()] if word else int(re.match(r"\d+", m.group("d")).group())
    if m.group("y"):
        year = _year(m.group("y").lstrip("'’"), ctx.published)
        if day > calendar.monthrange(year, month)[1]:
            return None
        return "DATE", f"{year:04d}-{month:02d}-{day:02d}", _point_mod(m)
    rel = (m.groupdict().get("rel") or "").lower()
    if rel and ctx.published is not None and not ctx.story:  # "last Oct. 23": the latest Oct. 23 before publication
        return "DATE", _nearest_month_day(month, day, ctx.published, after=rel == "next"), _point_mod(m)
    return "DATE", _place_month_day(month, day, ctx, m.start(), m.end()), _point_mod(m)


def _nearest_month_day(month: int, day: int, pub: dt.date, *, after: bool) -> str:
    """The date `month`/`day` nearest before `pub` (or after it, with `after`)."""
    def on(year: int) -> dt.date:
        return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))

    candidate = on(pub.year)
    if after and candidate <= pub or not after and candidate >= pub:
        candidate = on(pub.year + (1 if after else -1))
    return candidate.isoformat()


_dmy = _mdy


def _my(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    if not _capitalised(m, "mon"):
        return None
    year = _year_of_word(m, ctx)
    if year is None:
        return "DATE", f"XXXX-{_month_number(m.group('mon')):02d}", _point_mod(m)
    return "DATE", f"{year:04d}-{_month_number(m.group('mon')):02d}", _point_mod(m)


def _year_of_word(m: re.Match, ctx: _Context) -> int | None:
    """The year a match names: its numeral, or "this/last/next year" counted from publication."""
    if m.group("y"):
        return int(m.group("y"))
    if ctx.published is None:
        return None
    return ctx.published.year + {"this": 0, "last": -1, "next": 1}[m.group("yrel").split()[0].lower()]


def _ordinal_day(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    """"on the 14th": a day of the month the text is in (the publication's, or the story's)."""
    day = int(re.match(r"\d+", m.group("d")).group())
    if ctx.published is None:
        return "DATE", f"XXXX-XX-{day:02d}", ""
    pub = ctx.published
    month = dt.date(pub.year, pub.month, 1)
    if not ctx.story:
        tense = _tense(ctx.text, m.start(), m.end())
        if tense == "past" and day > pub.day:
            month = _add_months(month, -1)
        elif tense == "future" and day < pub.day:
            month = _add_months(month, 1)
    if day > calendar.monthrange(month.year, month.month)[1]:
        return None
    return "DATE", month.replace(day=day).isoformat(), ""


def _century(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    word = m.group("c").lower()
    number = _lexicon().ordinals.get(word) or int(re.match(r"\d+", word).group())
    if not 1 <= number <= 21:
        return None
    era = "BC" if m.group("era") else ""
    return "DATE", f"{era}{number - 1:02d}", _point_mod(m)


def _half(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    if m.group("h"):
        return "DATE", f"{m.group('y')}-H{1 if m.group('h').lower() in ('first', '1st') else 2}", ""
    half = int(m.group("hn"))
    if m.group("y2"):
        return "DATE", f"{m.group('y2')}-H{half}", ""
    if ctx.published is None:
        return "DATE", f"XXXX-H{half}", ""
    year = ctx.published.year
    if not ctx.story and half == 2 and ctx.published.month <= 6 and _tense(ctx.text, m.start(), m.end()) == "past":
        year -= 1
    return "DATE", f"{year}-H{half}", ""


_FINER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4}


def _of_the_time(unit: str, ctx: _Context) -> str:
    """The week, month or year the text is in (the publication's, or the story's when it is known that finely)."""
    if ctx.published is None or ctx.story and _FINER.get(ctx.granularity, 9) > _FINER[unit]:
        return _UNRESOLVED[unit]
    return _format(ctx.published, unit)


def _edge(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    """"the end of the month", "the beginning of the year"."""
    return "DATE", _of_the_time(m.group("unit").lower(), ctx), _point_mod(m)


def _anaphora(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    """"that day", "the same year", "later that month": the time the text has just talked about."""
    return "DATE", _of_the_time(m.group("unit").lower(), ctx) if ctx.story else _UNRESOLVED[m.group("unit").lower()], ""


_QUARTERS = {"first": "1", "1st": "1", "second": "2", "2nd": "2", "third": "3", "3rd": "3", "fourth": "4", "4th": "4"}


def _quarter(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    if m.group("q") is None:
        return _latest_quarter(m, ctx)
    quarter = _QUARTERS[m.group("q").lower()]
    if m.group("y") or m.group("y0"):  # "the second quarter of 2011", "the 2011 third quarter"
        return "DATE", f"{m.group('y') or m.group('y0')}-Q{quarter}", ""
    if m.group("yrel"):  # "next year's first quarter"
        year = _year_of_word(m, ctx)
        return "DATE", f"{year:04d}-Q{quarter}" if year is not None else f"XXXX-Q{quarter}", ""
    if ctx.published is None:
        return "DATE", f"XXXX-Q{quarter}", ""
    year = ctx.published.year
    if not ctx.story and int(quarter) > (ctx.published.month - 1) // 3 + 1 and _tense(ctx.text, m.start(), m.end()) == "past":
        year -= 1
    return "DATE", f"{year}-Q{quarter}", ""


def _latest_quarter(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    """"the latest quarter": the last complete quarter before publication ("year-ago": a year before it)."""
    if ctx.published is None:
        return "DATE", "XXXX-QX", ""
    date = _shift(ctx.published, -1 - (4 if m.group("ago") else 0), "Q")
    return "DATE", _format(date, "quarter"), ""


def _ago(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    word = m.group("unit").lower()
    unit, granularity = _lexicon().units[word]
    amount = _number(m.group("n"))
    if m.group("n") is None and not word.endswith("s"):
        return None  # "week earlier" without a number is not an expression on its own
    direction = -1 if m.group("dir").lower() in ("ago", "earlier") else 1
    if amount == "X" or (m.group("n") is None):
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", _span_mod(m)
    if unit in ("S", "MIN", "H"):
        return "DURATION", _duration(amount, unit), _span_mod(m)
    if ctx.published is None or "." in amount:
        return "DATE", _UNRESOLVED.get(granularity, "XXXX"), _span_mod(m)
    granularity = {"week": "day"}.get(granularity, granularity) if unit == "D" else granularity
    if granularity == "decade":
        granularity = "year"
    date = _shift(ctx.published, direction * int(amount), unit)
    return "DATE", _format(date, granularity), "APPROX" if _span_mod(m) else ""


def _relative(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    lex = _lexicon()
    rel, what = re.sub(r"\s+", " ", m.group("rel").lower()), m.group("what")
    rel = {"this coming": "coming", "current fiscal": "current"}.get(rel, rel)
    key = what.lower().rstrip(".")
    pub = ctx.published
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1, "this": 0, "current": 0}[rel]
    mod = _point_mod(m)
    if rel == "current" and key not in lex.units:
        return None  # "the current year", not "current June"
    if key in lex.weekdays:
        if not what[0].isupper():
            return None
        date = _place_weekday(lex.weekdays[key], ctx, m.start(), m.end(), rel if rel != "this" else "")
        value = date.isoformat() if date else f"XXXX-WXX-{lex.weekdays[key]}"
        kind, value = _with_part(value, m.group("part"))
        return kind, value, mod
    if key in lex.months:
        if not what[0].isupper():
            return None
        return "DATE", _place_month(lex.months[key], ctx, m.start(), m.end(), rel if rel != "this" else ""), mod
    if key in lex.seasons:
        code, first_month = lex.seasons[key]
        if pub is None:
            return "DATE", f"XXXX-{code}", mod
        year = pub.year + step
        if code != "WI" and step < 0 and pub.month > first_month + 2:  # "last spring" in November: this year's
            year = pub.year
        elif code != "WI" and step > 0 and pub.month < first_month:  # "next summer" in March: this year's
            year = pub.year
        return "DATE", f"{year}-{code}", mod
    unit, granularity = lex.units[key]
    if unit in ("S", "MIN", "H"):
        return None
    if key == "day" and not (rel in ("following", "previous", "next") and m.group(0)[:3].lower() == "the"):
        return None  # "the next day" refers back; "last day" is no date
    if pub is None:
        return "DATE", _UNRESOLVED.get(granularity, "XXXX"), mod
    if unit == "WE":
        date = _shift(pub, step, "W")
        year, week, _ = date.isocalendar()
        return "DATE", f"{year}-W{week:02d}-WE", mod
    if rel == "past" and m.group(0).lower().startswith("the"):
        return "DURATION", _duration("1", unit), mod
    return "DATE", _format(_shift(pub, step, unit), granularity), mod


def _duration_branch(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    word = m.group("unit").lower()
    unit, _ = _lexicon().units[word]
    raw = m.group("n")
    if raw.lower() in ("a", "an", "one") and unit == "S" and re.match(r"[\s-]+time|\s+(?:round|term|half)",
                                                                       ctx.text[m.end():m.end() + 8]) is not None:
        return None
    if raw.lower() in ("a", "an") and unit == "S":
        return None  # "a second" is nearly always an ordinal ("a second time", "a second attack")
    if raw[0].isdigit() and (unit == "WE" or unit in ("S", "Q") and len(raw) == 4):
        return None  # "the 1988 second quarter" is no duration of 1988 seconds
    amount = _number(raw)
    if (m.group("half") or m.group("half2")) and amount.isdigit():  # "a year and a half", "two and a half hours"
        amount += ".5"
    if amount == "X" and word[-1] != "s":
        return None
    if amount == "1" and word.endswith("s") and raw.lower() in ("a", "an"):
        return None
    if unit == "WE":
        return "DURATION", f"P{amount}WE", _span_mod(m)
    return "DURATION", _duration(amount, unit), _span_mod(m)


def _vague(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    unit, _ = _lexicon().units[m.group("unit").lower()]
    return "DURATION", _duration("X", unit), ""


def _set(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    lex = _lexicon()
    if m.group("word"):
        return "SET", lex.sets[re.sub(r"\s+", " ", m.group("word").lower())], ""
    what = m.group("what")
    key = what.lower().rstrip(".")
    if key in lex.weekdays:
        return "SET", f"XXXX-WXX-{lex.weekdays[key]}", ""
    if key in lex.months:
        return "SET", f"XXXX-{lex.months[key]:02d}", ""
    if key in lex.seasons:
        return "SET", f"XXXX-{lex.seasons[key][0]}", ""
    if key in lex.day_parts:
        return "SET", f"XXXX-XX-XXT{lex.day_parts[key]}", ""
    unit, _ = lex.units[key]
    amount = _number(m.group("n")) if m.group("n") else "1"
    if "other" in m.group(0).lower():
        amount = "2"
    return "SET", _duration(amount, unit), ""


def _decade(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    if m.group("dec"):
        if m.group("dec").endswith("0") and int(m.group("dec")) < 200:  # "the 1800s": a century
            return "DATE", m.group("dec")[:2], _point_mod(m)
        return "DATE", m.group("dec"), _point_mod(m)
    return "DATE", f"19{m.group('short')}", _point_mod(m)


def _holiday_date(rule: str, year: int) -> dt.date:
    """The date a holiday rule from `timex_holidays.csv` gives in `year`."""
    if rule.startswith("easter"):
        return _easter(year) + dt.timedelta(days=int(rule[len("easter"):]))
    rule, _, shift = rule.partition("+")
    month, *rest = rule.split("-", 1)
    if len(rest[0].split("-", 1)) == 1:
        return dt.date(year, int(month), int(rest[0]))
    weekday, nth = rest[0].split("-", 1)
    days = [d for d in range(1, calendar.monthrange(year, int(month))[1] + 1)
            if dt.date(year, int(month), d).isoweekday() == int(weekday)]
    day = days[int(nth) - 1] if int(nth) > 0 else days[int(nth)]
    return dt.date(year, int(month), day) + dt.timedelta(days=int(shift or 0))


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    if not m.group("holiday")[0].isupper():
        return None
    rule = _lexicon().holidays[re.sub(r"\s+", " ", m.group("holiday").lower()).replace("’", "'")]
    if rule.startswith("lunar"):  # a moon sighting or tables we do not ship decide the day
        value = "XXXX-XX" if rule == "lunar-month" else "XXXX-XX-XX"
        return "DATE", (m.group("y") + value[4:]) if m.group("y") else value, ""
    if m.group("y"):
        return "DATE", _holiday_date(rule, int(m.group("y"))).isoformat(), ""
    if ctx.published is None:
        return "DATE", "XXXX-XX-XX", ""
    pub = ctx.published
    rel = (m.group("rel") or "").lower()
    tense = {"last": "past", "next": "future"}.get(rel) or _tense(ctx.text, m.start(), m.end()) or "past"
    date = _holiday_date(rule, pub.year)
    if ctx.story:
        return "DATE", date.isoformat(), ""
    if tense == "past" and (date > pub or (rel == "last" and date == pub)):
        date = _holiday_date(rule, pub.year - 1)
    elif tense == "future" and (date < pub or (rel == "next" and date == pub)):
        date = _holiday_date(rule, pub.year + 1)
    return "DATE", date.isoformat(), ""


def _season(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    code = _lexicon().seasons[m.group("season").lower()][0]
    if m.group("y") or m.group("yrel"):
        year = _year_of_word(m, ctx)
        return "DATE", f"{year:04d}-{code}" if year is not None else f"XXXX-{code}", _point_mod(m)
    return None  # "the fall of Homs", "spring offensive": a season needs a year or last/next/this


def _weekday(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    if not m.group("wd")[0].isupper():
        return None
    kind, value = _with_part(_named_day(m.group("wd"), ctx, m.start(), m.end()), m.group("part"))
    pmod = (m.group("pmod") or "").lower()
    return kind, value, {"earlier": "START", "later": "END"}.get(pmod, _point_mod(m))


_AT_A_TIME_OF_DAY = ("at", "by", "until", "before", "after", "since")


def _day_part(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    anchor = re.sub(r"\s+", " ", (m.group("anchor") or "").lower())
    part = m.group("part").lower()
    if m.group("ref") or m.group("wd"):  # "mid-afternoon yesterday", "late afternoon Friday"
        return _part_of_named_day(m, ctx)
    if not anchor and not m.group("pmod"):
        previous = _PREVIOUS_WORD.search(ctx.text, max(0, m.start() - 16), m.start())
        at = previous is not None and previous.group(1).lower() in _AT_A_TIME_OF_DAY
        if not (at and part in ("midday", "noon", "midnight", "dawn", "dusk")):
            return None  # "the morning papers", "overnight losses"; but "at dawn" is a time of a day
    code = _day_part_code(part)
    if ctx.story and anchor in ("that", "", "the next", "the following"):  # on the day the text is at
        day = (ctx.published + dt.timedelta(days=1 if anchor.startswith("the") else 0)).isoformat()
    elif anchor in ("that", "the next", "the following") or ctx.published is None or not anchor:
        day = "XXXX-XX-XX"
    else:
        offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(anchor, 0)
        day = (ctx.published + dt.timedelta(days=offset)).isoformat()
    value = f"{day}T{code}" if ":" not in code else f"{day}T{code}"
    return "TIME", value, _point_mod(m)


def _part_of_named_day(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    code = _day_part_code(m.group("part"))
    if m.group("wd"):
        if not m.group("wd")[0].isupper():
            return None
        day = _named_day(m.group("wd"), ctx, m.start(), m.end())
    elif ctx.published is None:
        day = "XXXX-XX-XX"
    else:
        day = (ctx.published + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(m.group("ref").lower(), 0))).isoformat()
    return "TIME", f"{day}T{code}", _point_mod(m)


def _month(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    word = m.group("mon")
    if not word[0].isupper():
        return None
    key = word.lower().rstrip(".")
    if key in _lexicon().month_abbreviations and not word.endswith("."):
        return None  # "Jan Kavan", "Dec" without a day or year: a name, not a month
    if key in _lexicon().common_word_months and not m.group("pmod"):
        previous = _PREVIOUS_WORD.search(ctx.text, max(0, m.start() - 16), m.start())
        if not previous or previous.group(1).lower() not in _MONTH_CONTEXT:
            return None
    return "DATE", _place_month(_month_number(word), ctx, m.start(), m.end()), _point_mod(m)


def _year_branch(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    year = int(m.group("y"))
    if not 1000 <= year <= 2099:
        return None
    if ctx.text[max(0, m.start() - 1):m.start()] in ("#", "/") or ctx.text[m.end():m.end() + 1] == "/":
        return None
    mod = "" if (m.group("pmod") or "").lower() == "fiscal" else _point_mod(m)
    return "DATE", m.group("y"), mod


_WEEKEND_CONTEXT = {"over", "during", "on", "at", "by", "until", "through", "throughout", "before", "after", "since",
                    "of", "for", "across", "into"}


def _weekend(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    """"over the weekend": the one before publication (on a Saturday or Sunday, that one), or with a
    future clue the coming one. Only after a preposition: "the weekend edition" is no time."""
    previous = _PREVIOUS_WORD.search(ctx.text, max(0, m.start() - 16), m.start())
    if previous is None or previous.group(1).lower() not in _WEEKEND_CONTEXT:
        return None
    if ctx.published is None:
        return "DATE", "XXXX-WXX-WE", ""
    pub = ctx.published
    on_weekend = pub.isoweekday() >= 6
    if _tense(ctx.text, m.start(), m.end()) == "future":
        day = pub + dt.timedelta(weeks=1 if pub.isoweekday() == 7 else 0)
    else:
        day = pub - dt.timedelta(weeks=0 if on_weekend else 1)
    return "DATE", f"{_format(day, 'week')}-WE", ""


def _reference(m: re.Match, ctx: _Context) -> tuple[str, str, str] | None:
    kind, value = _lexicon().references[re.sub(r"\s+", " ", m.group("ref").lower())]
    if value.startswith("D"):
        offset, _, part = value[1:].partition("T")
        if ctx.published is None:
            day = "XXXX-XX-XX"
        else:
            day = (ctx.published + dt.timedelta(days=int(offset))).isoformat()
        value = f"{day}T{part}" if part else day
    return kind, value, ""


_HANDLERS: dict[str, Callable[[re.Match, _Context], tuple[str, str, str] | None]] = {
    "iso": _iso, "slash": _slash, "clock": _clock, "mdy": _mdy, "dmy": _dmy, "my": _my, "quarter": _quarter,
    "ago": _ago, "relative": _relative, "duration": _duration_branch, "vague": _vague, "set": _set,
    "decade": _decade, "holiday": _holiday, "era": _era, "clock_words": _clock_words, "ordinal": _ordinal_day,
    "century": _century, "half": _half, "edge": _edge, "anaphora": _anaphora, "season": _season, "weekday": _weekday, "day_part": _day_part, "month": _month,
    "year": _year_branch, "weekend": _weekend, "reference": _reference,
}


# ---- public API ------------------------------------------------------------------------------


def check_options(*, mode: str, date_order: str) -> None:
    """Raise `InputError` unless `mode` is one of `MODES` and `date_order` one of `DATE_ORDERS`."""
    if mode not in MODES:
        raise InputError(f"mode: expected one of {', '.join(MODES)}, got {mode!r}")
    if date_order not in DATE_ORDERS:
        raise InputError(f"date order: expected one of {', '.join(DATE_ORDERS)}, got {date_order!r}")


def tag(text: str, published: dt.date | None = None, *, mode: str = "auto", date_order: str = "mdy") -> list[Timex]:
    """The time expressions in `text`, in order, normalised against `published` (a date or None).

    `mode` says what relative expressions are resolved against: "news" (the publication date, except
    "the following year", "two days later" and the like, which always refer back), "narrative" (the
    reference time the story has set: the last dated expression before), or "auto" (narrative when
    most dates of the text are explicit dates long before publication, else news with story time in
    the sentences right after an explicit date). `date_order` reads "07-04-2019" as month first
    ("mdy") or day first ("dmy").
    """
    check_options(mode=mode, date_order=date_order)
    grammar = _grammar()
    ctx = _Context(text, published, date_order=date_order)
    found: list[_Found] = []
    covered = 0
    words = list(_WORD.finditer(text))
    lowered = [w.group().lower() for w in words]
    core = [w[0].isdigit() or w[0] == "'" or w in grammar.core for w in lowered]
    for index, word in enumerate(words):
        position = word.start()
        if position < covered:
            continue
        # try only where an expression can start: at a core word, or at a word that can start one when the
        # next word can go on with it and a core word is at most 5 words ahead
        if not core[index]:
            if lowered[index] not in grammar.triggers or index + 1 == len(words):
                continue
            following = lowered[index + 1]
            if not (core[index + 1] or following in grammar.links) or not any(core[index + 1:index + 6]):
                continue
        if position and text[position - 1].isalnum():
            continue
        result = _match_at(grammar, ctx, position)
        if result is not None:
            found.append(result)
            covered = result.end
    return _pair_days(_compose(_anchor(found, ctx, mode), ctx), ctx)


def _match_at(grammar: _Grammar, ctx: _Context, position: int) -> _Found | None:
    """The first grammar branch that matches at `position` and whose handler accepts it."""
    match = grammar.combined.match(ctx.text, position)
    if match is None:
        return None
    first = match.lastgroup
    started = False
    for name, pattern in grammar.branches:
        if name == first:
            started = True
        if not started:
            continue
        branch = pattern.match(ctx.text, position)
        if branch is None or branch.end() == position:
            continue
        try:
            normalised = _HANDLERS[name](branch, ctx)
        except (ValueError, OverflowError):  # resolved past year 1 or 9999: keep it unresolved
            normalised = _HANDLERS[name](branch, _Context(ctx.text, None))
        if normalised is not None:
            end = branch.end()
            while end > position and ctx.text[end - 1] in " \t\n,-":
                end -= 1
            return _Found(name, branch, position, end, *normalised)
    return None


# ---- story time ------------------------------------------------------------------------------

_DEICTIC, _ANAPHORIC, _UNDERSPECIFIED = "deictic", "anaphoric", "underspecified"
_REFERENCE_GRANULARITIES = frozenset({"day", "week", "month", "quarter", "season", "year"})
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")
_NEAR = 600  # characters: a reference further back is never "the previous sentence"


def _reading(name: str, m: re.Match) -> str:
    """How an expression gets its value (TimeML's temporal function and its anchor).

    "" when it has its own ("June 2012", "three weeks"); "deictic" from the moment of writing
    ("yesterday", "two years ago", "last week"); "anaphoric" from the time the text has just talked
    about ("the following year", "two days later", "that day"); "underspecified" a calendar date
    without its year or day ("in August", "on June 10", "Tuesday", "early morning").
    """
    groups = m.groupdict()
    if groups.get("yrel"):  # "March last year"
        return _DEICTIC
    if name in ("mdy", "dmy", "quarter", "holiday", "season", "half"):
        if groups.get("y") or groups.get("y0") or groups.get("y2"):
            return ""
        if name == "quarter" and groups.get("q") is None or name == "holiday" and groups.get("rel"):
            return _DEICTIC
        return _UNDERSPECIFIED
    if name == "ago":
        return _ANAPHORIC if groups["dir"].lower() in ("earlier", "later") else _DEICTIC
    if name == "relative":
        rel = groups["rel"].lower()
        if rel in ("following", "previous") or rel == "next" and m.group(0)[:3].lower() == "the":
            return _ANAPHORIC
        return _DEICTIC
    if name == "day_part":
        if groups.get("ref") or groups.get("wd"):
            return _DEICTIC if groups.get("ref") else _UNDERSPECIFIED
        anchor = (groups.get("anchor") or "").lower()
        return _ANAPHORIC if anchor[:4] in ("that", "the ") else _DEICTIC if anchor else _UNDERSPECIFIED
    if name == "clock":
        return _DEICTIC if groups.get("ref") else _UNDERSPECIFIED
    if name in ("weekday", "month", "edge", "ordinal", "clock_words"):
        return _UNDERSPECIFIED
    if name in ("anaphora",):
        return _ANAPHORIC
    if name in ("reference", "weekend"):
        return _DEICTIC
    return ""


class _Found(NamedTuple):
    """An expression the grammar found, before its anchor is decided."""

    name: str
    match: re.Match
    start: int
    end: int
    type: str
    value: str
    mod: str


@dataclass(frozen=True)
class _Reference:
    """The story's reference time: the last dated expression so far."""

    index: int
    date: dt.date
    granularity: str
    end: int
    explicit: bool
    start: int

    def framing(self, text: str) -> bool:
        """An explicit date that opens its sentence ("In 2011, ...") sets the time of the next one."""
        return self.explicit and _opens_sentence(text, self.start)


_NEEDS_A_DAY = ("weekday", "clock", "clock_words", "day_part")


def _story_time(name: str, reading: str, reference: _Reference | None, timex: _Found, ctx: _Context,
                mode: str) -> bool:
    """Whether an expression is resolved against the story's reference time, not the publication.

    Anaphoric expressions always refer back. Underspecified ones do in a narrative text, and in news
    when an explicit date ("in 2011") stands in the same or the previous sentence and the clause is
    not about the future; a weekday or time of day keeps the news frame there ("on Tuesday").
    """
    if reference is None or reading in ("", _DEICTIC):
        return False
    if name in _NEEDS_A_DAY and reference.granularity != "day" or name == "ordinal" and reference.granularity not in ("day", "month"):
        return False
    if reading == _ANAPHORIC or mode == "narrative":
        return True
    if mode == "news" or name in _NEEDS_A_DAY or not reference.framing(ctx.text):
        return False
    if timex.start - reference.end > _NEAR:
        return False
    if sum(1 for _ in _SENTENCE_END.finditer(ctx.text, reference.end, timex.start)) > 1:
        return False
    return _tense(ctx.text, timex.start, timex.end) != "future"


def _is_narrative(found: list[_Found], readings: list[str], published: dt.date | None) -> bool:
    """A text tells its own time when its explicit past dates ("in June 1944", over a year before
    publication) outnumber its news-frame expressions ("yesterday", "Tuesday", "now") five times over."""
    explicit_past = frame = 0
    for timex, reading in zip(found, readings):
        if timex.type not in ("DATE", "TIME"):
            continue
        if reading == _DEICTIC or timex.name == "weekday" or timex.value == "PRESENT_REF":
            frame += 1
        covered = _interval(timex.value, "") if reading == "" else None
        if covered and (published is None or (published - covered[1]).days > 365):
            explicit_past += 1
    return explicit_past >= _NARRATIVE_SHARE * max(frame, 1)


_NARRATIVE_SHARE = 5


def _anchor(found: list[_Found], ctx: _Context, mode: str) -> list[Timex]:
    """The expressions with their values resolved against the publication or the story's reference time."""
    readings = [_reading(f.name, f.match) for f in found]
    if mode == "auto":
        mode = "narrative" if _is_narrative(found, readings, ctx.published) else "auto"
    result: list[Timex] = []
    reference: _Reference | None = None
    for index, (item, reading) in enumerate(zip(found, readings)):
        kind, value, mod, anchor = item.type, item.value, item.mod, ""
        if _story_time(item.name, reading, reference, item, ctx, mode):
            story = _Context(ctx.text, reference.date, True, reference.granularity, ctx.date_order)
            resolved = _HANDLERS[item.name](item.match, story)
            if resolved is not None:
                (kind, value, mod), anchor = resolved, f"t{reference.index + 1}"
        elif item.name == "day_part" and reading == _UNDERSPECIFIED and ctx.published is not None and not item.match.group("wd") \
                and mode != "narrative" and _tense(ctx.text, item.start, item.end) != "future":
            # an undated part of the day in a report: the report's own day (TimeML: anchored to the DCT)
            publication_day = _Context(ctx.text, ctx.published, True, "day", ctx.date_order)
            (kind, value, mod), anchor = _HANDLERS[item.name](item.match, publication_day), "publication"
        elif reading and ctx.published is not None and not value.startswith("XXXX"):
            anchor = "publication"
        result.append(Timex(item.start, item.end, ctx.text[item.start:item.end], kind, value, mod, anchor))
        # a calendar time sets the reference time, and so does "yesterday" or "last Tuesday" (for "the next
        # morning"); "two days later" does not move it
        covered = _interval(value, "") if kind in ("DATE", "TIME") and reading != _ANAPHORIC else None
        if covered is not None and covered[2] in _REFERENCE_GRANULARITIES and (reading != _DEICTIC or covered[2] == "day"):
            reference = _Reference(index, covered[0], covered[2], item.end, reading == "", item.start)
    return result


# ---- expressions built on a date ("the day before yesterday", "the week of March 6", "Easter week") --

_DAY_BEFORE_AFTER = re.compile(r"(?:\bthe\s{1,4})?\bday\s{1,4}(before|after)\s{1,4}$", re.IGNORECASE)
_WEEK_OF = re.compile(r"\bthe\s{1,4}week\s{1,4}of\s{1,4}$", re.IGNORECASE)
_WEEK_AFTER = re.compile(r"\s{1,4}week(?![\w'’-])", re.IGNORECASE)
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


def _compose(found: list[Timex], ctx: _Context) -> list[Timex]:
    """Widen a day to the expression built on it: "the day before/after" a day is the day before/after
    it; "the week of" a day and a holiday's "week" are the ISO week the day falls in (TIMEX3 YYYY-Www)."""
    result = []
    for timex in found:
        if timex.type == "DATE" and _DAY_VALUE.fullmatch(timex.value):
            day = dt.date.fromisoformat(timex.value)
            before = ctx.text[max(0, timex.start - 30):timex.start]
            if shift := _DAY_BEFORE_AFTER.search(before):
                day += dt.timedelta(days=-1 if shift.group(1).lower() == "before" else 1)
                timex = _widened(timex, ctx, timex.start - len(before) + shift.start(), timex.end, day.isoformat())
            elif week := _WEEK_OF.search(before):
                timex = _widened(timex, ctx, timex.start - len(before) + week.start(), timex.end, _format(day, "week"))
            elif (after := _WEEK_AFTER.match(ctx.text, timex.end)) and (week_value := _holiday_week(timex, ctx, after.end())):
                timex = _widened(timex, ctx, timex.start, after.end(), week_value)
        result.append(timex)
    return result


_LINK = r"\s{0,4}(?:-|–|\band\b|\bto\b|\bthrough\b)\s{0,4}"
_DAY_NUMBER = r"(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_SECOND_DAY = re.compile(rf"{_LINK}{_DAY_NUMBER}(?![\w:/.,]\d|\w|\s{{0,4}}(?:%|per\b|percent|[ap]\.?m\b|o'clock|[a-z]+s\b))",
                         re.IGNORECASE)
_FIRST_DAY = re.compile(rf"(?<![\w$£€.,:/-]){_DAY_NUMBER}{_LINK}$", re.IGNORECASE)
_DAY_WRITTEN = re.compile(r"\d+(?:st|nd|rd|th)?", re.IGNORECASE)


def _pair_days(found: list[Timex], ctx: _Context) -> list[Timex]:
    """The other day of "May 6 and 7", "April 13-15", "from 15 to 22 February": the number written
    without its month is a date of the same month (TIMEX3 tags each day of a range)."""
    extra: list[Timex] = []
    taken = {t.start for t in found}
    for timex in found:
        if timex.type != "DATE" or not _DAY_VALUE.fullmatch(timex.value):
            continue
        day, others = int(timex.value[8:]), []
        if timex.text[-1].isdigit() or timex.text[-2:].lower() in ("st", "nd", "rd", "th"):  # "May 6"
            second = _SECOND_DAY.match(ctx.text, timex.end)
            if second and int(second.group(1)) > day:
                others.append(_other_day(timex, ctx, second.start(1), int(second.group(1))))
        if timex.text[0].isdigit():  # "22 February"
            first = _FIRST_DAY.search(ctx.text, max(0, timex.start - 12), timex.start)
            if first and int(first.group(1)) < day:
                others.append(_other_day(timex, ctx, first.start(1), int(first.group(1))))
        for other in others:
            if other is not None and other.start not in taken:
                extra.append(other)
                taken.add(other.start)
    if not extra:
        return found
    merged = sorted([(t.start, i, t) for i, t in enumerate(found)] + [(t.start, -1, t) for t in extra],
                    key=lambda item: item[0])
    renumbered = {f"t{i + 1}": f"t{k + 1}" for k, (_, i, _) in enumerate(merged) if i >= 0}  # anchors name positions
    return [dataclasses.replace(t, anchor=renumbered.get(t.anchor, t.anchor)) for _, _, t in merged]


def _other_day(timex: Timex, ctx: _Context, start: int, day: int) -> Timex | None:
    """The date `day` of the month of `timex`, written at text[start:] ("7", "7th")."""
    year, month = int(timex.value[:4]), int(timex.value[5:7])
    if day > calendar.monthrange(year, month)[1]:
        return None
    end = start + len(_DAY_WRITTEN.match(ctx.text, start).group())
    return Timex(start, end, ctx.text[start:end], "DATE", f"{year:04d}-{month:02d}-{day:02d}", "", timex.anchor)


def _widened(timex: Timex, ctx: _Context, start: int, end: int, value: str) -> Timex:
    return Timex(start, end, ctx.text[start:end], timex.type, value, timex.mod, timex.anchor)


def _holiday_week(timex: Timex, ctx: _Context, end: int) -> str | None:
    """The ISO week of a holiday named before "week": the one the tense points to, its days counted
    whole ("as Easter week began" on its Monday is this week, though Easter itself is ahead)."""
    rule = _lexicon().holidays.get(re.sub(r"\s+", " ", timex.text.lower()).replace("’", "'"))
    if rule is None or rule.startswith("lunar"):
        return None
    day = dt.date.fromisoformat(timex.value)
    pub = ctx.published
    if pub is None or timex.anchor != "publication":
        return _format(day, "week")
    weeks = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        holiday = _holiday_date(rule, year)
        monday = holiday - dt.timedelta(days=holiday.isoweekday() - 1)
        weeks.append((monday, monday + dt.timedelta(days=6), holiday))
    tense = _tense(ctx.text, timex.start, end)
    if tense == "past":
        chosen = max((w for w in weeks if w[0] <= pub), key=lambda w: w[0])
    elif tense == "future":
        chosen = min((w for w in weeks if w[1] >= pub), key=lambda w: w[0])
    else:
        chosen = min(weeks, key=lambda w: 0 if w[0] <= pub <= w[1] else min(abs((w[0] - pub).days), abs((w[1] - pub).days)))
    return _format(chosen[2], "week")


def _opens_sentence(text: str, start: int) -> bool:
    """Whether at most a preposition or two stand between a sentence start and `start` ("Back in 2011")."""
    before = text[max(0, start - 40):start]
    cut = max(before.rfind(". "), before.rfind("! "), before.rfind("? "), before.rfind("\n"))
    if cut < 0 and start > 40:
        return False
    words = before[cut + 1:].strip(" \t\"“‘(").split()
    return len(words) <= 3 and (not words or words[0][0].isupper() and all(w.islower() for w in words[1:]))


def _locate(starts: list[int], position: int) -> int:
    """Index of the last span start <= position (0 when none)."""
    return max(0, bisect.bisect_right(starts, position) - 1)


def timexes(article: Article, sentences: pd.DataFrame | None = None, *, mode: str = "auto",
            date_order: str = "mdy") -> pd.DataFrame:
    """One row per time expression in `article`, columns `TIMEX_COLUMNS` (`mode`, `date_order`: see `tag`)."""
    from .tokenize import Document, document

    doc = document(article) if sentences is None else Document.from_table(article, sentences)
    return timex_frame(timex_rows(doc, mode=mode, date_order=date_order))


def timex_rows(doc, *, mode: str = "auto", date_order: str = "mdy") -> dict[str, list]:
    """`timexes` of one `presslens.tokenize.Document` as plain column lists (None for a missing value)."""
    article = doc.article
    found = tag(article.text, article.published, mode=mode, date_order=date_order)
    starts = doc.columns["start"]
    sentence_ids, paragraph_ids = doc.columns["sentence"], doc.columns["paragraph"]
    located = [_locate(starts, timex.start) for timex in found] if starts else []
    return {
        "article_id": [article.id] * len(found),
        "timex_id": [f"t{i}" for i in range(1, len(found) + 1)],
        "start": [t.start for t in found], "end": [t.end for t in found],
        "text": [t.text for t in found], "type": [t.type for t in found], "value": [t.value for t in found],
        "mod": [t.mod for t in found], "anchor": [t.anchor for t in found],
        "sentence": [sentence_ids[i] for i in located] if starts else [None] * len(found),
        "paragraph": [paragraph_ids[i] for i in located] if starts else [None] * len(found),
    }


def timex_frame(columns: dict[str, list]) -> pd.DataFrame:
    """The timexes table of `timex_rows` (of one article or of many joined), typed as `timexes` types it."""
    data = dict(columns)
    data["start"], data["end"] = np.array(data["start"], dtype="int64"), np.array(data["end"], dtype="int64")
    data["sentence"], data["paragraph"] = pd.array(data["sentence"], dtype="Int64"), pd.array(data["paragraph"],
                                                                                            dtype="Int64")
    return pd.DataFrame(data, columns=TIMEX_COLUMNS)


# ---- events ----------------------------------------------------------------------------------

_INTERVAL = re.compile(r"(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d)(?:T.*)?)?|W(?P<w>\d\d)(?P<we>-WE)?|"
                       r"Q(?P<q>[1-4])|H(?P<h>[12])|(?P<season>SP|SU|FA|WI)))?|(?P<decade>\d{3})|(?P<century>\d\d)")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _bounds(g: dict[str, str | None]) -> tuple[dt.date, dt.date, str]:
    """First day, last day and granularity from the groups of `_INTERVAL`."""
    if g["decade"]:
        first, last, granularity = dt.date(int(g["decade"]) * 10, 1, 1), dt.date(int(g["decade"]) * 10 + 9, 12, 31), "decade"
    elif g["century"]:
        first, last, granularity = dt.date(max(1, int(g["century"]) * 100), 1, 1), dt.date(int(g["century"]) * 100 + 99, 12, 31), "century"
    else:
        year = int(g["y"])
        if g["d"]:
            first = last = dt.date(year, int(g["m"]), int(g["d"]))
            granularity = "day"
        elif g["m"]:
            month = int(g["m"])
            first, last, granularity = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month"
        elif g["w"]:
            first = dt.date.fromisocalendar(year, int(g["w"]), 6 if g["we"] else 1)
            last, granularity = dt.date.fromisocalendar(year, int(g["w"]), 7), "week"
        elif g["q"]:
            first = dt.date(year, 3 * int(g["q"]) - 2, 1)
            last, granularity = _add_months(first, 3) - dt.timedelta(days=1), "quarter"
        elif g["h"]:
            first = dt.date(year, 6 * int(g["h"]) - 5, 1)
            last, granularity = _add_months(first, 6) - dt.timedelta(days=1), "half"
        elif g["season"]:
            first = dt.date(year, _SEASON_START[g["season"]], 1)
            last, granularity = _add_months(first, 3) - dt.timedelta(days=1), "season"
        else:
            first, last, granularity = dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    return first, last, granularity


def interval(value: str, mod: str = "") -> tuple[dt.date, dt.date, str] | None:
    """First day, last day and granularity of a resolved TimeML date value; None when unresolved.

    "2013-06" covers 1-30 June 2013 at granularity month; a START, MID or END `mod` ("early June")
    narrows it to the first, middle or last third.
    """
    return _interval(value, mod)


@lru_cache(maxsize=4096)  # values repeat: "2013-06" in every article of June 2013
def _interval(value: str, mod: str) -> tuple[dt.date, dt.date, str] | None:
    match = _INTERVAL.fullmatch(value or "")
    if match is None:
        return None
    try:
        first, last, granularity = _bounds(match.groupdict())
    except ValueError:  # a month 13, a day 31 in June
        return None
    third = (last - first).days // 3
    if mod == "START" and third:
        last = first + dt.timedelta(days=third)
    elif mod == "END" and third:
        first = last - dt.timedelta(days=third)
    elif mod == "MID" and third:
        first, last = first + dt.timedelta(days=third), last - dt.timedelta(days=third)
    return first, last, granularity


_CLAUSE_BOUNDARY = re.compile(r"[,;:()—–]|\s-\s|\b(?:after|before|when|while|but|since|following|because|"
                              r"although|though|which|who|where|whereas|until)\b", re.IGNORECASE)
_EDGE_WORDS = {"in", "on", "at", "since", "by", "during", "until", "from", "of", "for", "the", "this", "that",
               "last", "early", "late", "and", "or", "also", "then", "a", "an", "as", "to"}


_QUOTE_MARKS = "\"'“”‘’«»„‟‹›"


def _words(phrase: str) -> list[str]:
    """The words of a label phrase without quote marks at their edges and without lone punctuation."""
    words = (word.strip(_QUOTE_MARKS + ".,;:!?") for word in phrase.split())
    return [word for word in words if any(character.isalnum() for character in word)]


def _trim_words(words: list[str], from_end: bool) -> list[str]:
    while words and words[-1 if from_end else 0].lower() in _EDGE_WORDS:
        words.pop(-1 if from_end else 0)
    return words


def short_label(phrase: str, limit: int = 7) -> str:
    """A phrase cut to at most `limit` words: its first three words, "…", and its last word."""
    words = phrase.split()
    if len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:3] + ["…", words[-1]])


def _after_reporting_verb(words: list[str]) -> list[str]:
    """The words after the last reporting verb ("X said fierce" -> "fierce"): what is reported is the event."""
    reporting = [i for i, word in enumerate(words) if _lexicon().tense.get(word.lower()) == "reporting"]
    return words[reporting[-1] + 1:] if reporting else words


_FALLBACK_WINDOW = 300  # characters of the sentence read around an expression whose clause is empty


def _label(text: str, sentence: tuple[int, int], span: tuple[int, int], others: list[tuple[int, int]],
           value: str) -> str:
    """The event a time expression dates: the rest of its clause, shortened."""
    s_start, s_end = sentence
    start, end = span
    left_edge = max([e for b, e in others if e <= start] + [s_start])
    right_edge = min([b for b, e in others if b >= end] + [s_end])
    for boundary in _CLAUSE_BOUNDARY.finditer(text, left_edge, start):
        left_edge = boundary.end()
    boundary = _CLAUSE_BOUNDARY.search(text, end, right_edge)
    if boundary:
        right_edge = boundary.start()
    left = _trim_words(_trim_words(_after_reporting_verb(_words(text[left_edge:start])), from_end=True), from_end=False)
    right = _trim_words(_trim_words(_words(text[end:right_edge]), from_end=False), from_end=True)
    if value.endswith("_REF") and len(right) >= 2 or len(left) < 2:
        chosen = right if len(right) >= 2 else left + right
    else:
        chosen = left
    if not chosen:
        around = text[max(s_start, start - _FALLBACK_WINDOW):start] + " " + text[end:min(s_end, end + _FALLBACK_WINDOW)]
        chosen = _trim_words(_trim_words(_words(around), True), False)
    return short_label(" ".join(chosen))


_SPEAKER_COLUMNS = ("speaker_name", "speaker_role", "speaker")
_EVENT_SOURCE_COLUMNS = [c for c in TIMEX_COLUMNS if c != "anchor"]


def _resolved_speaker(values: tuple) -> str | None:
    """Who a quote is resolved to: the speaker's name, else role, else the mention as written."""
    return next((str(v) for v in values if isinstance(v, str) and v.strip()), None)


def events(article: Article, timex_table: pd.DataFrame, sentences: pd.DataFrame,
           quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per dated expression: the event it dates and the interval it covers.

    Dated means a resolved DATE or TIME value, or PRESENT_REF ("now") when the publication date is
    known. A last row of kind "publication" dates the article itself (label from the title). Columns
    `EVENT_COLUMNS`; `in_quote`, `quote_id` and `speaker` come from the quote that contains the
    expression (the `quotes` table may be empty); `speaker` is the resolved speaker (name, else role),
    so a date in a quote attributed by "he added" names the person "he" refers to.
    """
    from .tokenize import Document

    quote_columns = {c: quotes[c].tolist() if c in quotes else [None] * len(quotes)
                     for c in (*_SPEAKER_COLUMNS, "start", "end", "quote_id")} if quotes is not None else None
    return event_frame(event_rows(Document.from_table(article, sentences),
                                  {c: timex_table[c].tolist() for c in _EVENT_SOURCE_COLUMNS}, quote_columns))


def event_rows(doc, timexes: dict[str, list], quotes: dict[str, list] | None) -> dict[str, list]:
    """`events` of one `presslens.tokenize.Document` from its `timex_rows` and its quotes (column lists)."""
    article, sentences = doc.article, doc.columns
    text = article.text
    sentence_spans = dict(zip(sentences["sentence"], zip(sentences["start"], sentences["end"])))
    timex_rows = list(zip(*(timexes[c] for c in _EVENT_SOURCE_COLUMNS)))
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for row in timex_rows:
        by_sentence.setdefault(row[8], []).append((row[2], row[3]))
    for spans in by_sentence.values():
        spans.sort()
    quote_spans = []
    if quotes is not None and len(quotes["start"]):
        speakers = [_resolved_speaker(row) for row in zip(*(quotes[c] for c in _SPEAKER_COLUMNS))]
        quote_spans = [(int(s), int(e), q, who) for s, e, q, who in zip(quotes["start"], quotes["end"],
                                                                       quotes["quote_id"], speakers)
                       if pd.notna(s) and pd.notna(e)]
    quote_spans.sort(key=lambda q: q[0])
    quote_starts = [q[0] for q in quote_spans]
    rows = []
    for _, timex_id, start, end, _, kind, value, mod, sentence_id, paragraph_id in timex_rows:
        if kind not in ("DATE", "TIME"):
            continue
        if value == "PRESENT_REF" and article.published is not None:
            covered = (article.published, article.published, "day")
        else:
            covered = interval(value, mod)
        if covered is None:
            continue
        span = (start, end)
        sentence = sentence_spans.get(sentence_id, (0, len(text)))
        same = by_sentence.get(sentence_id, [])  # sorted; the label stops at the nearest neighbours
        where = bisect.bisect_left(same, span)
        others = same[max(where - 1, 0):where] + same[where + 1:where + 2]
        first = bisect.bisect_right(quote_starts, start)  # quotes never overlap: look at the nearest few
        inside = [q for q in quote_spans[max(first - 8, 0):first] if end <= q[1]]
        quote = min(inside, key=lambda q: q[1] - q[0]) if inside else None
        rows.append((timex_id, "timex", _label(text, sentence, span, others, value), value, covered[2], mod,
                     covered[0], covered[1], sentence_id, paragraph_id, quote is not None,
                     quote[2] if quote else None, quote[3] if quote else None))
    if article.published is not None:
        title = article.title.split(":", 1)[-1] if article.title else ""
        if not title.strip() and sentences["text"]:
            title = sentences["text"][0]
        rows.append((None, "publication", short_label(title.strip()), article.published.isoformat(), "day", "",
                     article.published, article.published, None, None, False, None, None))
    columns = [list(values) for values in zip(*rows)] if rows else [[] for _ in EVENT_COLUMNS[2:]]
    data = {"article_id": [article.id] * len(rows), "event_id": [f"e{i}" for i in range(1, len(rows) + 1)]}
    data.update(zip(EVENT_COLUMNS[2:], columns))
    return data


def event_frame(columns: dict[str, list]) -> pd.DataFrame:
    """The events table of `event_rows` (of one article or of many joined), typed as `events` types it."""
    data = dict(columns)
    for name in EVENT_COLUMNS[2:]:
        values = data[name]
        if name in ("start_date", "end_date"):
            data[name] = np.array(values, dtype="datetime64[D]").astype(DATE_DTYPE)
        elif name in ("sentence", "paragraph"):
            data[name] = pd.array(values, dtype="Int64")
        elif name == "in_quote":
            data[name] = np.array(values, dtype=bool)
        else:
            data[name] = np.array(values, dtype=object)
    return pd.DataFrame(data, columns=EVENT_COLUMNS)
