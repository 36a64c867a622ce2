"""TempEval-3 Task A scoring of `presslens.timeline.tag` against TimeML gold folders.

Each gold file's TEXT is stripped of its tags and tagged with the file's DCT as the publication date.
System and gold expressions are paired one to one by character overlap (the pair with the largest
overlap first). Strict counts pairs covering exactly the same characters; relaxed counts any overlap.
Type and value accuracy are measured over relaxed pairs; type F1 and value F1 are those accuracies
times relaxed F1, as in TempEval-3 (UzZaman et al. 2013). `value_canonical_f1` is value F1 with both
values first written one way (`canonical_value`), so the same time spelled two ways counts as a match.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from ..errors import InputError
from ..timeline import Timex, tag
from ..timeml import read, timeml_files

__all__ = ["canonical_value", "evaluate", "metrics", "score_document"]


def _pairs(system: list[Timex], gold: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping expressions, largest overlap first."""
    candidates = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            overlap = min(s.end, g.end) - max(s.start, g.start)
            if overlap > 0:
                candidates.append((-overlap, i, j))
    used_system, used_gold, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i not in used_system and j not in used_gold:
            used_system.add(i)
            used_gold.add(j)
            pairs.append((system[i], gold[j]))
    return pairs


_UNPADDED_WEEK = re.compile(r"(?<=-W)(\d)(?!\d)")
_PLACEHOLDER_DIGITS = re.compile(r"^(\d{2,3})X+$")
_HOUR_ONLY = re.compile(r"(T\d\d)$")


def canonical_value(value: str) -> str:
    """A TIMEX3 value in one spelling of its notation: ISO weeks with two digits (2000-W7 -> 2000-W07), a
    decade or century without placeholder digits (198X -> 198, 19XX -> 19), an hour with its minutes
    (T24 -> T24:00). Values that differ in what they mean stay different (1949 is not 1949-XX)."""
    value = _UNPADDED_WEEK.sub(r"0\1", value)
    value = _PLACEHOLDER_DIGITS.sub(r"\1", value)
    return _HOUR_ONLY.sub(r"\1:00", value)


def _counts(system: list[Timex], gold: list[Timex]) -> dict[str, int]:
    pairs = _pairs(system, gold)
    return {
        "system": len(system), "gold": len(gold), "relaxed": len(pairs),
        "strict": sum(s.start == g.start and s.end == g.end for s, g in pairs),
        "type": sum(s.type == g.type for s, g in pairs),
        "value": sum(s.value == g.value for s, g in pairs),
        "value_canonical": sum(canonical_value(s.value) == canonical_value(g.value) for s, g in pairs),
    }


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(counts: dict[str, int]) -> dict[str, float | int]:
    """TempEval-3 timex metrics from summed counts (system, gold, strict, relaxed, type, value, and
    optionally value_canonical)."""
    result: dict[str, float | int] = {k: counts[k] for k in ("documents", "system", "gold") if k in counts}
    for kind in ("strict", "relaxed"):
        p, r = _ratio(counts[kind], counts["system"]), _ratio(counts[kind], counts["gold"])
        result |= {f"{kind}_precision": round(p, 4), f"{kind}_recall": round(r, 4), f"{kind}_f1": round(_f1(p, r), 4)}
    relaxed_f1 = result["relaxed_f1"]
    for kind in ("type", "value", "value_canonical"):
        if kind not in counts:
            continue
        accuracy = _ratio(counts[kind], counts["relaxed"])
        result |= {f"{kind}_accuracy": round(accuracy, 4), f"{kind}_f1": round(accuracy * relaxed_f1, 4)}
    return result


def score_document(path: str | Path, *, mode: str = "auto", date_order: str = "mdy") -> dict[str, int]:
    """Counts for one gold TimeML file."""
    document = read(path)
    return _counts(tag(document.text, document.dct, mode=mode, date_order=date_order), document.gold)


def evaluate(dirs: list[str], *, mode: str = "auto", date_order: str = "mdy") -> dict:
    """Metrics per gold folder and over all of them (micro-averaged), plus tagging speed.

    `mode` and `date_order` are passed to `tag` (see there); the result records them.
    """
    if not dirs:
        raise InputError("eval timex: no gold folder given")
    keys = ("documents", "system", "gold", "strict", "relaxed", "type", "value", "value_canonical")
    total = dict.fromkeys(keys, 0)
    per_directory = {}
    seconds = 0.0
    characters = 0
    for folder in dirs:
        files = timeml_files(folder)
        if not files:
            raise InputError(f"{folder}: no TimeML files")
        summed = dict.fromkeys(keys, 0)
        for path in files:
            try:
                document = read(path)
                started = time.perf_counter()
                found = tag(document.text, document.dct, mode=mode, date_order=date_order)
                seconds += time.perf_counter() - started
                characters += len(document.text)
                counts = _counts(found, document.gold) | {"documents": 1}
            except UnicodeDecodeError as error:
                raise InputError(f"{path}: not UTF-8 text (byte offset {error.start})") from None
            except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
                if isinstance(error, InputError):
                    raise
                raise InputError(f"{path}: not usable TimeML gold ({type(error).__name__}: {str(error)[:60]})") from None
            for key in keys:
                summed[key] += counts[key]
        per_directory[str(folder)] = metrics(summed)
        for key in keys:
            total[key] += summed[key]
    return {"overall": metrics(total), "per_directory": per_directory, "mode": mode, "date_order": date_order,
            "speed_characters_per_second": round(characters / seconds) if seconds else None}
