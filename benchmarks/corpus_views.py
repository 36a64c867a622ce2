"""Benchmark: the corpus views (presslens.corpus_report) on the Parquet output of a large run.

    .venv/bin/python benchmarks/corpus_views.py [--articles 100000] [--chunk-size 1000]

Analysing 100,000 articles takes hours, and the corpus views only read the output, so the output
is made up: every chunk repeats the tables of presslens' own probe article under new ids, with
outlets, publication dates and source names drawn from fixed pools (seeded, so the same every
run). The views are then computed in a fresh process under /usr/bin/time for 10%, 50% and 100%
of the chunks, to show that time grows with the corpus and peak memory does not. Prints a
Markdown table for docs/performance.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

from presslens.corpus import Layout, schemas, to_arrow
from presslens.model import Article
from presslens.pipeline import analyze_article

OUTLETS = ("Harbour Daily", "Northwind Wire", "Eastern Courier", "The Ledger", "Metro Post")
FIRST_NAMES = ("Mara", "Anton", "Elena", "Jonas", "Priya", "Wei", "Fatima", "Omar", "Ngozi", "Kofi", "Ilse", "Rafael")
FAMILY_NAMES = tuple(f"Name{number}" for number in range(400))  # 12 x 400 = 4,800 distinct sources
START = dt.date(2019, 1, 1)
DAYS = 5 * 365

# A short invented article with a quote of every kind, sources on several sides and dated events;
# its tables, repeated under new ids, make up the corpus.
PROBE = Article(
    id="probe",
    title="Army retakes district after month-long siege",
    published=dt.date(2013, 7, 29),
    outlet="presslens probe",
    origin="<probe>",
    text=(
        "Army retakes district after month-long siege\n\n"
        "Government forces recaptured the district on Monday after a month-long siege, state television said.\n\n"
        "\"We have restored security to every street,\" General Ali Hassan, a military spokesman, told reporters "
        "in the capital on July 29, 2013.\n\n"
        "Rebel commander Abu Omar said his fighters had withdrawn overnight to protect civilians. According to "
        "the Syrian Observatory for Human Rights, at least 40 people were killed last week.\n\n"
        "\"This is not the end,\" an activist told AFP by telephone on Sunday, adding that the fighting would "
        "resume in August. The United Nations said it was deeply worried about the 2,500 civilians still trapped."
    ),
)


def synthetic_output(out: str | Path, articles: int, chunk_size: int = 1000, seed: int = 0, days: int = DAYS,
                     family_names: int = len(FAMILY_NAMES)) -> Path:
    """Write made-up Parquet output of `articles` articles into `out` (a run's layout); returns `out`.

    Dates fall in the `days` from 2019-01-01; source names use the first `family_names` family names.
    """
    out = Path(out)
    layout = Layout(out)
    probe = analyze_article(PROBE)
    declared = schemas()
    randomness = random.Random(seed)
    for index, first in enumerate(range(0, articles, chunk_size)):
        count = min(chunk_size, articles - first)
        ids = [f"a{first + n:08d}" for n in range(count)]
        tables = {}
        for name in ("articles", "sentences", "quotes", "sources", "timexes", "events"):
            frame = probe[name]
            rows = frame.loc[frame.index.repeat(count)].reset_index(drop=True) if len(frame) else frame
            per = len(frame)
            if per:
                rows["article_id"] = [article for article in ids for _ in range(per)]
            tables[name] = rows
        meta = tables["articles"]
        meta["outlet"] = [randomness.choice(OUTLETS) for _ in ids]
        meta["published"] = [(START + dt.timedelta(days=randomness.randrange(days))).isoformat() for _ in ids]
        sources = tables["sources"]
        people = sources["naming"] == "named_person"
        sources.loc[people, "name"] = [f"{randomness.choice(FIRST_NAMES)} {randomness.choice(FAMILY_NAMES[:family_names])}"
                                       for _ in range(int(people.sum()))]
        sides = ("pro-government", "opposition", "independent", "unassigned")
        sources["side"] = [randomness.choice(sides) for _ in range(len(sources))]
        sources["gender"] = [randomness.choice(("female", "male", "unknown")) for _ in range(len(sources))]
        quotes = tables["quotes"]
        quotes["compound"] = [round(randomness.uniform(-1, 1), 3) for _ in range(len(quotes))]
        for name, frame in tables.items():
            path = layout.part(name, index)
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(to_arrow(frame, declared[name]), path)
    return out


def _subset(source: Path, target: Path, chunks: int) -> None:
    for table in ("articles", "sentences", "quotes", "sources", "timexes", "events"):
        folder = target / f"{table}.parquet"
        folder.mkdir(parents=True, exist_ok=True)
        for path in sorted((source / f"{table}.parquet").glob("part-*.parquet"))[:chunks]:
            (folder / path.name).symlink_to(path)


def _measure(out: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak resident KB) of corpus_report.write(out) in a fresh process."""
    code = "import sys; from presslens import corpus_report; corpus_report.write(sys.argv[1])"
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing.name, sys.executable, "-c", code, str(out)],
                       check=True)
        wall, user, system, kilobytes = timing.read().split()
    return float(wall), float(user) + float(system), int(kilobytes)


PERFORMANCE = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
OTHER_SECTIONS = "<!-- below: sections written by other benchmark scripts (benchmarks/corpus_views.py, benchmarks/tone.py) -->"
SECTION_START, SECTION_END = "<!-- corpus-views -->", "<!-- /corpus-views -->"


def _write_section(table: str) -> None:
    """Replace the corpus-views table in docs/performance.md (kept there when `make benchmark` rewrites the rest)."""
    text = PERFORMANCE.read_text(encoding="utf-8")
    if OTHER_SECTIONS not in text:
        text = text.rstrip("\n") + f"\n\n{OTHER_SECTIONS}\n"
    if SECTION_START not in text:
        text = text.rstrip("\n") + f"\n\n{SECTION_START}\n{SECTION_END}\n"
    before, rest = text.split(SECTION_START, 1)
    PERFORMANCE.write_text(f"{before}{SECTION_START}\n{table}\n{SECTION_END}{rest.split(SECTION_END, 1)[1]}",
                           encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument("--write", action="store_true", help="put the table into docs/performance.md")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="presslens-corpus-views-"))
    try:
        full = synthetic_output(work / "full", args.articles, args.chunk_size)
        chunks = -(-args.articles // args.chunk_size)
        rows = []
        for fraction in (0.1, 0.5, 1.0):
            used = max(1, round(chunks * fraction))
            target = work / f"part-{used}"
            _subset(full, target, used)
            wall, cpu, kilobytes = _measure(target)
            quotes = sum(pq.ParquetFile(p).metadata.num_rows for p in (target / "quotes.parquet").glob("*.parquet"))
            rows.append((min(used * args.chunk_size, args.articles), quotes, wall, cpu, kilobytes / 1024))
        table = [f"Load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.", "",
                 "| articles | quotes | wall seconds | CPU seconds | peak memory (MB) |",
                 "| ---: | ---: | ---: | ---: | ---: |"]
        table += [f"| {articles:,} | {quotes:,} | {wall:.1f} | {cpu:.1f} | {megabytes:.0f} |"
                  for articles, quotes, wall, cpu, megabytes in rows]
        print("\n".join(table))
        if args.write:
            _write_section("\n".join(table))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
