"""Score `presslens.quotes.extract` against PolNeAR (Newell et al., LREC 2018), canonical records.

Two conventions from the field, for all attributions and for the quoted subset (gold content
contains a double quotation mark, counting '' and `` as one; predicted kind direct or partial):

- **spans** (the CofeNet convention): every gold or predicted fragment of a role (source, cue,
  content) is one span; a predicted span is right when, after trimming white space, quotation
  marks and edge punctuation, it has exactly the bounds of an unmatched gold span.
- **attributions** (the Gender Gap Tracker convention): a predicted statement (all parts of one
  `quote_id`) matches a gold attribution when their contents share at least 30% of the longer
  content's characters (one-to-one, best overlap first). On matched pairs: speaker accuracy,
  exact after trimming and overlapping, and cue accuracy (exact after trimming).

The predicted source of a statement is its speaker mention; a continuation paragraph, which
names nobody, takes the mention of the latest earlier statement that has one (PolNeAR links
such paragraphs to that same mention). Gold attributions without content are left out of the
attribution scores (nothing can overlap them) but their source and cue spans are scored.
"""
from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..model import Article
from ..quotes import extract
from .gold import lines

__all__ = ["LINE", "OVERLAP", "QUOTE_CHARACTERS", "QUOTE_PAIRS", "ROLES", "evaluate", "flatten", "gold_statements",
           "match", "predicted_statements", "read_records", "trim"]

QUOTE_CHARACTERS = "\"“”„‟«»"
# Two apostrophes or two backticks are a double quotation mark in some typography (NYT: ''...'').
QUOTE_PAIRS = ("''", "``")
# `trim` strips these and every white-space character (str.isspace: the no-break space too)
_TRIM = "\"'`“”‘’„‟«».,;:!?()[]—–-…"
OVERLAP = 0.30
LINE = "__line__"  # the line of the JSONL file a record was read from (for error messages)
ROLES = ("source", "cue", "content")
_PARAGRAPH_BREAK = re.compile(r"[ \t]*(?:\r?\n[ \t]*)+")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`(start, end)` without surrounding white space (any: a no-break space too), quotation marks and edge
    punctuation."""
    while start < end and (text[start] in _TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        end -= 1
    return start, end


@dataclass
class _Statement:
    """One attribution, gold or predicted, as trimmed spans per role."""

    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    content: list[tuple[int, int]]
    quoted: bool
    characters: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.characters = {i for start, end in self.content for i in range(start, end)}


def _has_quote_mark(text: str) -> bool:
    """Whether `text` contains a double quotation mark: one character, or '' or `` (two characters)."""
    return any(ch in text for ch in QUOTE_CHARACTERS) or any(pair in text for pair in QUOTE_PAIRS)


def _spans(text: str, fragments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = [trim(text, start, end) for start, end in fragments]
    return [(start, end) for start, end in spans if end > start]


def _bounds(fragment: dict, text: str) -> tuple[int, int]:
    """A gold fragment's (start, end): whole numbers with 0 <= start <= end <= len(text), else ValueError."""
    start, end = fragment["start"], fragment["end"]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) \
            or not 0 <= start <= end <= len(text):
        raise ValueError(f"{start!r:.20}..{end!r:.20} is not a span of the {len(text)}-character text")
    return start, end


def gold_statements(record: dict) -> list[_Statement]:
    """The gold attributions of one PolNeAR record."""
    text = record["text"]
    out = []
    for attribution in record["attributions"]:
        roles = {role: [_bounds(f, text) for f in attribution.get(role, [])] for role in ROLES}
        roles["content"] += [_bounds(f, text) for f in attribution.get("content2", [])]
        quoted = any(_has_quote_mark(text[s:e]) for s, e in roles["content"])
        out.append(_Statement(*(_spans(text, roles[role]) for role in ROLES), quoted))
    return out


def predicted_statements(text: str, quotes: pd.DataFrame) -> list[_Statement]:
    """The statements of a quotes table (one per `quote_id`)."""
    out = []
    last_speaker: list[tuple[int, int]] = []
    for _, rows in quotes.groupby("quote_id", sort=True):
        first = rows.iloc[0]
        if first["speaker"]:
            source = _spans(text, [(int(first["speaker_start"]), int(first["speaker_end"]))])
            last_speaker = source
        elif first["resolved_by"] == "continuation":
            source = last_speaker
        else:
            source = []
        cue = _spans(text, [(int(first["cue_start"]), int(first["cue_end"]))]) if first["cue"] else []
        content = _spans(text, list(zip(rows["start"].tolist(), rows["end"].tolist())))
        out.append(_Statement(source, cue, content, first["kind"] in ("direct", "partial")))
    return out


@dataclass
class _Tally:
    """Counts summed over documents for one subset (all, or quoted)."""

    spans: dict[str, Counter] = field(default_factory=lambda: {role: Counter() for role in ROLES})
    attributions: Counter = field(default_factory=Counter)

    def add(self, gold: list[_Statement], predicted: list[_Statement]) -> None:
        for role in ROLES:
            gold_spans = Counter(span for s in gold for span in getattr(s, role))
            predicted_spans = Counter(span for s in predicted for span in getattr(s, role))
            self.spans[role]["gold"] += sum(gold_spans.values())
            self.spans[role]["predicted"] += sum(predicted_spans.values())
            self.spans[role]["correct"] += sum((gold_spans & predicted_spans).values())
        scorable = [g for g in gold if g.characters]
        self.attributions["gold"] += len(scorable)
        self.attributions["predicted"] += len(predicted)
        for g, p in match(scorable, predicted):
            self.attributions["matched"] += 1
            if g.source:
                self.attributions["with_source"] += 1
                self.attributions["speaker_exact"] += bool(set(g.source) & set(p.source))
                gold_chars = {i for s, e in g.source for i in range(s, e)}
                self.attributions["speaker_overlap"] += any(i in gold_chars for s, e in p.source
                                                            for i in range(s, e))
            if g.cue:
                self.attributions["with_cue"] += 1
                self.attributions["cue_exact"] += bool(set(g.cue) & set(p.cue))

    def result(self) -> dict:
        spans = {role: _prf(c["correct"], c["predicted"], c["gold"]) for role, c in self.spans.items()}
        a = self.attributions
        out = _prf(a["matched"], a["predicted"], a["gold"])
        out["speaker_accuracy_exact"] = _ratio(a["speaker_exact"], a["with_source"])
        out["speaker_accuracy_overlap"] = _ratio(a["speaker_overlap"], a["with_source"])
        out["cue_accuracy"] = _ratio(a["cue_exact"], a["with_cue"])
        out["matched_with_source"] = a["with_source"]
        return {"spans": spans, "attribution": out}


def match(gold: list[_Statement], predicted: list[_Statement]) -> list[tuple[_Statement, _Statement]]:
    """One-to-one pairs whose contents share >= 30% of the longer content, best overlap first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if not p.characters:
                continue
            shared = len(g.characters & p.characters)
            if shared and shared >= OVERLAP * max(len(g.characters), len(p.characters)):
                candidates.append((-shared / max(len(g.characters), len(p.characters)), i, j))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, i, j in sorted(candidates):
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((gold[i], predicted[j]))
    return pairs


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def _prf(correct: int, predicted: int, gold: int) -> dict:
    precision, recall = _ratio(correct, predicted), _ratio(correct, gold)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "correct": correct, "predicted": predicted,
            "gold": gold}


def read_records(path: str | Path) -> list[dict]:
    """The canonical records of a PolNeAR JSONL file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    records = []
    for number, line in lines(path):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: not JSON ({error.msg})") from None
        except RecursionError:
            raise InputError(f"{path}:{number}: nested too deeply") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) \
                or not isinstance(record.get("attributions"), list):
            raise InputError(f"{path}:{number}: a PolNeAR record needs 'text' and 'attributions'")
        if record.get("canonical", True):
            records.append({**record, LINE: number})
    if not records:
        raise InputError(f"{path}: no canonical PolNeAR records")
    return records


def flatten(record: dict) -> dict:
    """The record with every paragraph break (white space holding a line break) replaced by one space, as
    scraped corpora and CSV exports store articles; every gold offset moves with its text."""
    text = record["text"]
    pieces, moves, position, shift = [], [], 0, 0  # moves: (start, end, shift) of each piece between breaks
    for match in _PARAGRAPH_BREAK.finditer(text):
        pieces += [text[position:match.start()], " "]
        moves.append((position, match.start(), shift))
        shift += match.end() - match.start() - 1
        position = match.end()
    pieces.append(text[position:])
    moves.append((position, len(text), shift))
    starts = [start for start, _, _ in moves]

    def moved(offset: int) -> int:
        start, end, shift = moves[max(bisect.bisect_right(starts, offset) - 1, 0)]
        return min(offset, end) - shift  # an offset inside a break moves to the space's start

    flat = "".join(pieces)
    attributions = [{role: [dict(fragment, start=moved(fragment["start"]), end=moved(fragment["end"]),
                                 text=flat[moved(fragment["start"]):moved(fragment["end"])])
                            for fragment in fragments] if isinstance(fragments, list) else fragments
                     for role, fragments in attribution.items()} for attribution in record["attributions"]]
    return dict(record, text=flat, attributions=attributions)


def evaluate(path: str | Path, *, flat: bool = False) -> dict:
    """Span and attribution scores of the quote extractor on a PolNeAR JSONL file; with `flat`, on its
    articles with every paragraph break replaced by a space (`flatten`)."""
    records = read_records(path)
    if flat:
        records = [flatten(record) for record in records]
    tallies = {"all": _Tally(), "quoted": _Tally()}
    for number, record in enumerate(records):
        article = Article(id=str(record.get("doc_id", number)), text=record["text"])
        try:
            gold = gold_statements(record)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
            raise InputError(f"{path}:{record[LINE]}: an attribution has bad or missing spans "
                             f"({type(error).__name__}: {str(error)[:60]})") from None
        predicted = predicted_statements(article.text, extract(article))
        tallies["all"].add(gold, predicted)
        tallies["quoted"].add([g for g in gold if g.quoted], [p for p in predicted if p.quoted])
    result = {name: tally.result() for name, tally in tallies.items()}
    result["documents"] = len(records)
    result["file"] = Path(path).name
    if flat:
        result["layout"] = "flat"
    return result
