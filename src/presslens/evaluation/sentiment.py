"""Tone against news benchmarks: SemEval-2007 headlines, VADER's NYT snippets and NewsMTSC.

Every benchmark is scored for every lexicon in `presslens.sentiment.LEXICONS`:

- SemEval-2007 Task 14 (valence of headlines, -100..100): Pearson r of ``100 * compound``, and the
  task's coarse scoring (-100..-50 negative, 50..100 positive, else neutral): accuracy, and precision,
  recall and F1 of the positive and negative classes.
- VADER's NYT editorial snippets (mean human rating -4..4): Pearson r, and the 3-class protocol of the
  VADER paper (gold = sign of the rating; system positive at compound >= 0.05, negative at <= -0.05),
  with support-weighted precision, recall and F1 plus accuracy and macro-F1.
- NewsMTSC (sentiment toward a target person): the sentence's VADER class given to every target, as a
  baseline; macro-F1 and accuracy per file.

`choose_ensemble` is how the ``ensemble`` weights and scales were chosen: on the SemEval-2007 trial
headlines only, so that NYT and NewsMTSC stay held-out checks.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..sentiment import ENSEMBLE_WEIGHTS, LEXICONS, ensemble_parts, score
from .gold import label, lines, read_text, row
from .gold import number as gold_number

__all__ = ["LABELS", "WEIGHT_GRID", "choose_ensemble", "class_scores", "evaluate", "evaluate_newsmtsc",
           "evaluate_nyt", "evaluate_semeval", "pearson", "read_newsmtsc", "read_nyt", "read_semeval",
           "semeval_class", "three_class", "vader_class"]

LABELS = (-1, 0, 1)
WEIGHT_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)  # for labMT and Hu & Liu; vader+conflict is 1
_BARE_AMPERSAND = re.compile(r"&(?!#?\w+;)")


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson's correlation coefficient (NaN when either side is constant)."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    return cov / math.sqrt(var_x * var_y) if var_x and var_y else math.nan


def class_scores(gold: Sequence[int], system: Sequence[int], label: int) -> dict[str, float]:
    """Precision, recall and F1 of one class (0.0 where undefined)."""
    hits = sum(1 for g, s in zip(gold, system) if g == s == label)
    predicted = sum(1 for s in system if s == label)
    actual = sum(1 for g in gold if g == label)
    precision = hits / predicted if predicted else 0.0
    recall = hits / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": actual}


def three_class(gold: Sequence[int], system: Sequence[int]) -> dict[str, float]:
    """Accuracy, macro-F1 and support-weighted precision / recall / F1 over the classes -1, 0, 1."""
    per_class = {label: class_scores(gold, system, label) for label in LABELS}
    total = len(gold)
    weighted = {key: sum(c[key] * c["support"] for c in per_class.values()) / total
                for key in ("precision", "recall", "f1")}
    return {"accuracy": sum(g == s for g, s in zip(gold, system)) / total,
            "macro_f1": sum(c["f1"] for c in per_class.values()) / len(LABELS),
            "weighted_precision": weighted["precision"], "weighted_recall": weighted["recall"],
            "weighted_f1": weighted["f1"]}


def vader_class(compound: float) -> int:
    """VADER's usual 3-way reading of a compound score (thresholds +-0.05)."""
    return 1 if compound >= 0.05 else -1 if compound <= -0.05 else 0


def semeval_class(valence: float) -> int:
    """SemEval-2007's coarse class of a valence in -100..100."""
    return 1 if valence >= 50 else -1 if valence <= -50 else 0


def _rounded(result: dict) -> dict:
    return {k: _rounded(v) if isinstance(v, dict) else round(v, 4) if isinstance(v, float) else v
            for k, v in result.items()}


def read_semeval(folder: str | Path) -> list[tuple[str, float]]:
    """(headline, valence) pairs from a SemEval-2007 Affective Text folder.

    Reads every ``*.valence.gold`` with its ``.xml`` (the task's own format), else ``trial.tsv``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    pairs = []
    for gold_file in sorted(folder.glob("*.valence.gold")):
        xml_file = gold_file.with_name(gold_file.name.replace(".valence.gold", ".xml"))
        if not xml_file.is_file():
            raise InputError(f"{gold_file}: no matching {xml_file.name}")
        try:
            root = ElementTree.fromstring(_BARE_AMPERSAND.sub("&amp;", read_text(xml_file)))
        except ElementTree.ParseError as error:
            raise InputError(f"{xml_file}: not valid XML ({error})") from None
        headlines = {node.get("id"): (node.text or "").strip() for node in root.iter("instance")}
        for number, line in lines(gold_file):
            fields = line.split()
            if len(fields) != 2 or fields[0] not in headlines:
                raise InputError(f"{row(gold_file, number)}: expected 'id valence' with an id from {xml_file.name}")
            pairs.append((headlines[fields[0]], gold_number(fields[1], row(gold_file, number))))
    if not pairs and (folder / "trial.tsv").is_file():
        pairs = _read_trial(folder / "trial.tsv")
    if not pairs:
        raise InputError(f"{folder}: no *.valence.gold with .xml, and no trial.tsv")
    return pairs


def _read_trial(path: Path) -> list[tuple[str, float]]:
    """(headline, valence) pairs from SemEval-2007's merged ``trial.tsv`` (tab-separated, csv quoting)."""
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""), delimiter="\t")
    pairs = []
    try:
        for record in reader:
            where = row(path, reader.line_num)
            if not isinstance(record.get("headline"), str) or record.get("valence") is None:
                raise InputError(f"{where}: expected the columns 'headline' and 'valence'")
            pairs.append((record["headline"], gold_number(record["valence"], where)))
    except csv.Error as error:
        raise InputError(f"{row(path, reader.line_num)}: not readable as tab-separated values ({error})") from None
    return pairs


def read_nyt(path: str | Path) -> list[tuple[str, float]]:
    """(snippet, mean rating) pairs from ``nytEditorialSnippets_GroundTruth.txt``."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    pairs = []
    for number, line in lines(path):
        fields = line.split("\t")
        if len(fields) < 3:
            raise InputError(f"{row(path, number)}: expected 'id<TAB>rating<TAB>text'")
        pairs.append((fields[2], gold_number(fields[1], row(path, number))))
    return pairs


def read_newsmtsc(folder: str | Path) -> dict[str, list[tuple[str, int]]]:
    """(sentence, polarity -1/0/1) per target, for each ``*_flat.jsonl`` file in a NewsMTSC folder."""
    folder = Path(folder)
    files = sorted(folder.glob("*_flat.jsonl")) if folder.is_dir() else []
    if not files:
        raise InputError(f"{folder}: no NewsMTSC *_flat.jsonl files")
    data = {}
    for path in files:
        rows = []
        for number, line in lines(path):
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                record = None
            if not isinstance(record, dict) or not isinstance(record.get("sentence"), str) or "polarity" not in record:
                raise InputError(f"{row(path, number)}: expected JSON with 'sentence' and 'polarity'")
            rows.append((record["sentence"], label(record["polarity"], LABELS, row(path, number))))
        data[path.name.removesuffix("_flat.jsonl")] = rows
    return data


def _compounds(texts: list[str], lexicon: str) -> list[float]:
    """The compound score of each text (a text that repeats is scored once)."""
    unique = {text: score(text, lexicon)["compound"] for text in dict.fromkeys(texts)}
    return [unique[text] for text in texts]


def evaluate_semeval(folder: str | Path) -> dict:
    """SemEval-2007 valence: Pearson r, coarse accuracy and positive/negative P/R/F1 per lexicon."""
    pairs = read_semeval(folder)
    gold = [valence for _, valence in pairs]
    gold_classes = [semeval_class(v) for v in gold]
    result = {"headlines": len(pairs)}
    for lexicon in LEXICONS:
        system = [100 * c for c in _compounds([h for h, _ in pairs], lexicon)]
        classes = [semeval_class(v) for v in system]
        result[lexicon] = {
            "pearson_r": pearson(system, gold),
            "coarse_accuracy": sum(g == s for g, s in zip(gold_classes, classes)) / len(pairs),
            "positive": class_scores(gold_classes, classes, 1),
            "negative": class_scores(gold_classes, classes, -1),
        }
    return result


def evaluate_nyt(path: str | Path) -> dict:
    """NYT snippets: Pearson r and the VADER paper's 3-class scores per lexicon."""
    pairs = read_nyt(path)
    gold = [rating for _, rating in pairs]
    gold_classes = [1 if r > 0 else -1 if r < 0 else 0 for r in gold]
    result = {"snippets": len(pairs)}
    for lexicon in LEXICONS:
        system = _compounds([t for t, _ in pairs], lexicon)
        result[lexicon] = {"pearson_r": pearson(system, gold),
                           **three_class(gold_classes, [vader_class(c) for c in system])}
    return result


def evaluate_newsmtsc(folder: str | Path) -> dict:
    """NewsMTSC: the sentence's VADER class for every target; macro-F1 and accuracy per file and lexicon."""
    result = {}
    for name, rows in read_newsmtsc(folder).items():
        gold = [polarity for _, polarity in rows]
        result[name] = {"targets": len(rows)}
        for lexicon in LEXICONS:
            scores = three_class(gold, [vader_class(c) for c in _compounds([s for s, _ in rows], lexicon)])
            result[name][lexicon] = {"macro_f1": scores["macro_f1"], "accuracy": scores["accuracy"]}
    return result


def evaluate(semeval: str | Path | None = None, nyt: str | Path | None = None,
             newsmtsc: str | Path | None = None) -> dict:
    """The scores on each benchmark given (a folder or file), rounded to 4 places, as a JSON-ready dict."""
    result = {}
    if semeval:
        result["semeval2007"] = evaluate_semeval(semeval)
    if nyt:
        result["nyt"] = evaluate_nyt(nyt)
    if newsmtsc:
        result["newsmtsc"] = evaluate_newsmtsc(newsmtsc)
    return _rounded(result)


def choose_ensemble(folder: str | Path) -> dict:
    """The ensemble's scales and weights from SemEval-2007 headlines (use the trial split only).

    Each score's scale is its population standard deviation over the headlines; the weights of labMT and
    Hu & Liu (vader+conflict has weight 1) are the pair from `WEIGHT_GRID` whose weighted sum of scaled
    scores has the highest Pearson r with the gold valence.
    """
    pairs = read_semeval(folder)
    gold = [valence for _, valence in pairs]
    parts = [ensemble_parts(headline) for headline, _ in pairs]
    names = list(ENSEMBLE_WEIGHTS)
    scales = {}
    for name in names:
        values = [p[name] for p in parts]
        mean = sum(values) / len(values)
        scales[name] = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    best = None
    for labmt_weight, hu_liu_weight in itertools.product(WEIGHT_GRID, repeat=2):
        weights = {"vader+conflict": 1.0, "labmt": labmt_weight, "hu_liu": hu_liu_weight}
        combined = [sum(weights[n] * p[n] / scales[n] for n in names) for p in parts]
        r = pearson(combined, gold)
        if best is None or r > best[0]:
            best = (r, weights)
    return {"headlines": len(pairs), "scales": {n: round(v, 4) for n, v in scales.items()},
            "weights": best[1], "pearson_r": round(best[0], 4)}
