"""CPU time of each tone lexicon on sentences; writes its section of docs/performance.md.

Every lexicon scores the same sentences with `presslens.sentiment.score_sentences` (the path that
`analyze()` and `presslens sentiment` take): the seed article's sentences repeated, and VADER's NYT
snippets where `../shared/eval/sentiment/vader_nyt` exists. The lexicons run in turn, several rounds,
and each keeps its smallest CPU time (`time.process_time`), so other work on the machine counts least;
the verdict uses paired ratios: vader and the ensemble timed back to back on chunks of 250 sentences.
Target (issue 17): the ensemble costs at most 30% more CPU than plain VADER.

Sentences seen again cost less than new ones (the word lists remember each token), so a last table
scores fresh text: where `../shared/eval/polnear` exists, each lexicon in a new process reads every
sentence of the PolNeAR train and dev articles once.

A count of instructions does not change with what else the machine runs, so `--instructions` settles what
timings on a shared machine leave open: how far the ensemble's cost could fall (`per_sentence`; needs
valgrind, a section of its own).

    .venv/bin/python benchmarks/tone.py                  # rewrites the section in docs/performance.md
    .venv/bin/python benchmarks/tone.py --print          # only prints it
    .venv/bin/python benchmarks/tone.py --instructions   # rewrites the instructions section (about ten minutes)
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

import presslens
from presslens import sentiment, tokenize

ROOT = Path(__file__).resolve().parents[1]
NYT = ROOT.parent / "shared" / "eval" / "sentiment" / "vader_nyt" / "nytEditorialSnippets_GroundTruth.txt"
POLNEAR = [ROOT.parent / "shared" / "eval" / "polnear" / f"{split}.jsonl" for split in ("train", "dev")]
TARGET_RATIO = 1.3  # ensemble CPU / vader CPU
BEGIN, END = "<!-- tone benchmark: begin -->", "<!-- tone benchmark: end -->"
# benchmarks/run.py keeps what stands below this line when it rewrites the page
OTHER_SECTIONS = "<!-- below: sections written by other benchmark scripts (benchmarks/corpus_views.py, benchmarks/tone.py) -->"


def texts(seed_copies: int = 200) -> dict[str, list[str]]:
    """The sentence sets: the seed's sentences repeated and, where present, the NYT snippets."""
    seed = presslens.load(ROOT / "seeds")[0]
    sets = {"seed sentences": tokenize.sentences(seed)["text"].tolist() * seed_copies}
    if NYT.is_file():
        from presslens.evaluation.sentiment import read_nyt

        sets["NYT snippets"] = [text for text, _ in read_nyt(NYT)]
    return sets


ROUNDS = 9


def cpu_seconds(sentences: list[str], rounds: int = ROUNDS) -> dict[str, float]:
    """The smallest CPU time of `score_sentences` per lexicon over `rounds` rounds (lexicons interleaved)."""
    table = pd.DataFrame({"text": sentences})
    for lexicon in sentiment.LEXICONS:  # load the word lists before timing
        sentiment.score_sentences(table.head(3), lexicon)
    best = dict.fromkeys(sentiment.LEXICONS, float("inf"))
    for _ in range(rounds):
        for lexicon in sentiment.LEXICONS:
            start = time.process_time()
            sentiment.score_sentences(table, lexicon)
            best[lexicon] = min(best[lexicon], time.process_time() - start)
    return best


CHUNK = 250  # sentences per paired measurement


def paired_ratios(sentences: list[str], rounds: int = 3) -> list[float]:
    """Ensemble CPU / vader CPU per chunk of `CHUNK` sentences, the two timed back to back (their order
    alternating), so that a change of the machine's load reaches both sides of each ratio alike."""
    ratios = []
    for number in range(rounds):
        for start in range(0, len(sentences), CHUNK):
            table = pd.DataFrame({"text": sentences[start:start + CHUNK]})
            seconds = {}
            order = ("vader", "ensemble") if (number + start // CHUNK) % 2 == 0 else ("ensemble", "vader")
            for lexicon in order:
                began = time.process_time()
                sentiment.score_sentences(table, lexicon)
                seconds[lexicon] = time.process_time() - began
            ratios.append(seconds["ensemble"] / seconds["vader"])
    return ratios


def fresh_sentences() -> list[str]:
    """Every sentence of the PolNeAR train and dev articles (empty without ../shared)."""
    sentences = []
    for path in POLNEAR:
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                text = json.loads(line)["text"]
                sentences += [text[start:end] for _, start, end in tokenize.sentence_spans(text)]
    return sentences


def one_pass(lexicon: str) -> float:
    """CPU seconds of one `sentence_scores` pass over `fresh_sentences` (the lexicon loaded first)."""
    sentences = fresh_sentences()
    sentiment.sentence_scores(["The lexicon is loaded, but not used."], lexicon=lexicon)
    start = time.process_time()
    sentiment.sentence_scores(sentences, lexicon=lexicon)
    return time.process_time() - start


def fresh_seconds(rounds: int = 3) -> tuple[int, dict[str, float]]:
    """The number of fresh sentences and the smallest CPU time of `one_pass` per lexicon, each pass in a new
    process (lexicons interleaved); (0, {}) without the PolNeAR files."""
    count = len(fresh_sentences())
    if not count:
        return 0, {}
    best = dict.fromkeys(sentiment.LEXICONS, float("inf"))
    for _ in range(rounds):
        for lexicon in sentiment.LEXICONS:
            done = subprocess.run([sys.executable, __file__, "--one-pass", lexicon], check=True,
                                  capture_output=True, text=True)
            best[lexicon] = min(best[lexicon], float(done.stdout))
    return count, best


def section(results: dict[str, dict[str, float]], counts: dict[str, int], *,
            paired: dict[str, list[float]] | None = None, fresh: tuple[int, dict[str, float]] = (0, {})) -> str:
    """The markdown section, between its markers."""
    lines = [BEGIN, "## Tone lexicons on sentences", "",
             f"Measured by `benchmarks/tone.py` on {dt.datetime.now():%Y-%m-%d %H:%M} (load average "
             f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}): `sentiment.score_sentences` on the same "
             f"sentences with each lexicon, the smallest CPU time of {ROUNDS} interleaved rounds (a shared machine: "
             "the minimum counts other work least). The ensemble scores with vader+conflict (its supplement, "
             "masking and news rules) and reads the labMT and Hu & Liu lists on the same tokens; plain vader "
             "gives NLTK's scores to the last digit with fewer steps (`tests/test_sentiment.py`).", "",
             "| sentences | lexicon | CPU s | sentences/s | CPU / vader |", "|---|---|---:|---:|---:|"]
    for name, seconds in results.items():
        for lexicon, value in seconds.items():
            lines.append(f"| {name} ({counts[name]:,}) | {lexicon} | {value:.3f} | {counts[name] / value:,.0f} | "
                         f"{value / seconds['vader']:.2f}x |")
    lines.append("")
    for name, seconds in results.items():
        ratio = seconds["ensemble"] / seconds["vader"]
        if not paired:
            verdict = "met" if ratio <= TARGET_RATIO else f"missed by {ratio / TARGET_RATIO:.2f}x"
            lines.append(f"- {name}: ensemble / vader **{ratio:.2f}x** (target at most {TARGET_RATIO}x): {verdict}.")
            continue
        low, median, high = statistics.quantiles(paired[name], n=4)
        verdict = "met" if median <= TARGET_RATIO else f"missed by {median / TARGET_RATIO:.2f}x"
        lines.append(f"- {name}: ensemble / vader {ratio:.2f}x from the smallest times; paired in chunks of {CHUNK} "
                     f"sentences **{median:.2f}x** (median of {len(paired[name])}, quartiles {low:.2f}-{high:.2f}; "
                     f"target at most {TARGET_RATIO}x): {verdict}.")
    count, seconds = fresh
    if count:
        lines += ["", f"Fresh text: one pass over the {count:,} sentences of the PolNeAR train and dev articles, each "
                  "lexicon in a new process (the smallest CPU time of 3).", "",
                  "| lexicon | CPU s | sentences/s | CPU / vader |", "|---|---:|---:|---:|"]
        lines += [f"| {lexicon} | {value:.2f} | {count / value:,.0f} | {value / seconds['vader']:.2f}x |"
                  for lexicon, value in seconds.items()]
    lines += ["", END]
    return "\n".join(lines)


# ---- instructions per sentence (`--instructions`) ----------------------------------------------------

VARIANTS = ("vader", "vader+conflict", "ensemble", "ensemble without its word lists", "NLTK's own VADER")
BUDGET_BEGIN, BUDGET_END = "<!-- tone budget: begin -->", "<!-- tone budget: end -->"
WARM_UP = 50  # sentences scored before the counted ones (loading the lexicons and word lists)


class BudgetError(Exception):
    """The count cannot be made (no valgrind, or a run failed)."""


def budget_sentences() -> tuple[str, list[str]]:
    """The name and texts of the sentence set: the NYT snippets where present, else the seed's sentences."""
    sets = texts(seed_copies=1)
    name = "NYT snippets" if "NYT snippets" in sets else "seed sentences"
    return name, sets[name]


def score_in_budget(variant: str, count: int) -> None:
    """Score `WARM_UP` sentences, then the first `count`, with `variant` (what a counted process does)."""
    sentences = budget_sentences()[1]
    if variant == "NLTK's own VADER":
        from nltk.sentiment.vader import SentimentIntensityAnalyzer

        nltk_vader = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
        nltk_vader.__dict__.update(sentiment.analyzer("vader").__dict__)  # the same lexicon and constants
        for text in sentences[:WARM_UP] + sentences[:count]:
            nltk_vader.polarity_scores(text)
        return
    lexicon = variant
    if variant == "ensemble without its word lists":
        lexicon = "ensemble"
        sentiment._word_lists = lambda lowered, rows=None, names=frozenset(), contrast=None: (0.0, 0.0)
        sentiment._hu_liu_names = lambda words, prepared: frozenset()
    sentiment.sentence_scores(sentences[:WARM_UP], lexicon=lexicon)
    sentiment.sentence_scores(sentences[:count], lexicon=lexicon)


_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(variant: str, count: int) -> int:
    """The instructions callgrind counts for a process that runs `score_in_budget(variant, count)`."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise BudgetError("valgrind is not installed (Debian: apt-get install valgrind)")
    # Fixed string hashing and, where `setarch` can, no address randomisation: a set or dict then meets its
    # items in the same order in every run, and two counts of the same run agree to within 1%.
    setarch = shutil.which("setarch")
    fixed = [setarch, platform.machine(), "-R"] if setarch else []
    done = subprocess.run([*fixed, valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                           __file__, "--score", variant, str(count)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    found = _COLLECTED.search(done.stderr)
    if done.returncode or found is None:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise BudgetError(f"the count of {variant!r} failed: {last}")
    return int(found.group(1))


def per_sentence(count: int, workers: int = 2) -> dict[str, float]:
    """Instructions per sentence of each variant (`count` sentences scored less none scored)."""
    jobs = [(variant, n) for variant in VARIANTS for n in (count, 0)]
    with ThreadPoolExecutor(workers) as pool:
        totals = dict(zip(jobs, pool.map(lambda job: instructions(*job), jobs)))
    return {variant: (totals[variant, count] - totals[variant, 0]) / count for variant in VARIANTS}


def budget_section(costs: dict[str, float], count: int, name: str) -> str:
    """The markdown section, between its markers."""
    vader = costs["vader"]
    lines = [BUDGET_BEGIN, "## Tone lexicons: instructions per sentence", "",
             f"Counted by `benchmarks/tone.py --instructions` on {dt.datetime.now():%Y-%m-%d} (valgrind's "
             f"callgrind: the same count whatever else the machine runs): {count:,} {name}, each variant in a new "
             "process, less the same process scoring none (string hashing and addresses fixed: a second count "
             "agrees to within 1%). \"without its word lists\" is the ensemble with the two lists and the name check "
             "replaced by functions that return at once: the least the ensemble can cost while its VADER part "
             "is vader+conflict.", "",
             "| scorer | instructions per sentence | / vader |", "|---|---:|---:|"]
    lines += [f"| {variant} | {value:,.0f} | {value / vader:.2f}x |" for variant, value in costs.items()]
    floor, ensemble = costs["ensemble without its word lists"] / vader, costs["ensemble"] / vader
    lines += ["", f"- The ensemble is {ensemble:.2f}x vader (target at most {TARGET_RATIO}x). Without its word "
              f"lists it would still be {floor:.2f}x, so the two lists and the name check may cost "
              f"{max(TARGET_RATIO - floor, 0):.2f}x vader at most; today they cost {ensemble - floor:.2f}x.",
              "", BUDGET_END]
    return "\n".join(lines)


def replace_section(document: str, new: str, *, begin: str = BEGIN, end: str = END) -> str:
    """`document` with its section between `begin` and `end` replaced by `new` (appended when it has none)."""
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(document):
        return pattern.sub(lambda _: new, document)
    if OTHER_SECTIONS not in document:
        document = document.rstrip("\n") + "\n\n" + OTHER_SECTIONS
    return document.rstrip("\n") + "\n\n" + new + "\n"


def _positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {value!r}")
    return int(value)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--print", action="store_true", help="print the section instead of writing it")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions per sentence with valgrind instead (its own section)")
    parser.add_argument("--count", type=_positive, help="sentences counted per variant with --instructions (default: all)")
    parser.add_argument("--one-pass", choices=sentiment.LEXICONS, help=argparse.SUPPRESS)  # see `fresh_seconds`
    parser.add_argument("--score", nargs=2, metavar=("VARIANT", "COUNT"), help=argparse.SUPPRESS)  # `instructions`
    args = parser.parse_args(argv)
    if args.one_pass:
        print(one_pass(args.one_pass))
        return 0
    if args.score:
        score_in_budget(args.score[0], int(args.score[1]))
        return 0
    markers = {}
    if args.instructions:
        name, sentences = budget_sentences()
        count = min(args.count or len(sentences), len(sentences))
        try:
            text = budget_section(per_sentence(count), count, name)
        except BudgetError as error:
            print(f"tone: {error}", file=sys.stderr)
            return 2
        markers = {"begin": BUDGET_BEGIN, "end": BUDGET_END}
    else:
        sets = texts()
        results = {name: cpu_seconds(sentences) for name, sentences in sets.items()}
        paired = {name: paired_ratios(sentences) for name, sentences in sets.items()}
        text = section(results, {name: len(sentences) for name, sentences in sets.items()}, paired=paired,
                       fresh=fresh_seconds())
    if args.print:
        print(text)
        return 0
    document = args.out.read_text(encoding="utf-8") if args.out.is_file() else "# Performance\n"
    args.out.write_text(replace_section(document, text, **markers), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
