"""Speed and memory of presslens on a corpus; writes docs/performance.md (`make benchmark`).

What it measures, all in one run on this machine:

1. Per stage (tokenize, quotes, sources, sentiment, timeline, and the corpus tables step), in this
   process on one core: ms/article, articles/s and words/s from CPU time, on the seed article repeated
   with distinct ids and, where `../shared/eval/polnear/dev.jsonl` exists, on the PolNeAR dev texts.
   `--before JSON` (the numbers of an earlier run, saved with `--results`) adds its ms/article beside.
2. The floor on the same texts: NLTK Punkt sentences (`presslens.tokenize.sentences`) + VADER
   (`presslens.sentiment.analyzer("vader")`, NLTK's VADER with a faster word split, same scores) and
   nothing else.
3. Cost against article length: one article of 1 KB to 10 MB (`--lengths`), CPU time, and the growth
   exponent (the slope of log time against log length; 1.0 is linear).
4. Corpus runs of `presslens analyze` in a subprocess on the seed repeated `--sizes` times (a
   Parquet input): articles/s, peak memory (RSS of the whole process tree, sampled) and the RSS
   after the first and the last chunk, on the local engine with one worker and on Dask with two
   workers (both sizes: memory flat or not), and on Dask with one worker (the smaller size: the
   speed-up). The runs share a time budget (`--minutes`): a run that would take longer than its
   share is stopped with Ctrl-C (SIGINT) and its rate is taken from the chunks it finished; the
   time for the whole corpus is then extrapolated from that rate.

    .venv/bin/python benchmarks/run.py               # sizes 10,000 and 100,000, about 35 minutes
    .venv/bin/python benchmarks/run.py --quick       # sizes 500 and 2,000, about 5 minutes
    .venv/bin/python benchmarks/run.py --cli-only    # only the CLI bar below, about 2 minutes
    .venv/bin/python benchmarks/run.py --scale-only  # only the corpus runs (4), printed
    .venv/bin/python benchmarks/run.py --length-only # only the cost against length (3), printed

5. The CLI bar: `presslens analyze` on `--cli-articles` seed copies as JSONL, pinned to one core
   (`taskset -c 0` where it exists), against `benchmarks/floor.py` (Punkt + NLTK's VADER on every
   sentence) on the same file, each in its own process; CPU time is the child's user + sys time.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import json
import math
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import psutil
import pyarrow as pa
import pyarrow.parquet as pq

import presslens
from presslens import corpus, quotes, sentiment, sources, timeline, tokenize
from presslens.model import TABLES, Article
from presslens.pipeline import DEFAULT_LEXICON, DEFAULT_PROFILE, tables_of
from presslens.progress import format_duration

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
STAGES = ("tokenize", "quotes", "sources", "sentiment", "timeline", "tables (corpus.py)")
TARGET_RATE = 150  # seed-sized articles/s on one core, full pipeline
TARGET_SPEEDUP = 1.7  # from 1 to 2 Dask workers
TARGET_MEMORY = 0.10  # peak memory growth from the smaller to the larger corpus
TARGET_FLOOR = 2.0  # full pipeline / (Punkt + VADER)
CLI_ARTICLES = 2000  # seed copies for the CLI bar


# ---- the machine -------------------------------------------------------------------------------

def machine() -> dict:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {}
    for name in ("presslens", "pandas", "pyarrow", "nltk", "dask", "distributed", "numpy"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform(), "versions": versions,
            "load": os.getloadavg(), "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}


# ---- texts -------------------------------------------------------------------------------------

def seed_articles(count: int) -> list[Article]:
    seed = presslens.load(ROOT / "seeds")[0]
    return [dataclasses.replace(seed, id=f"seed-{i:06d}") for i in range(count)]


def polnear_articles(path: Path = POLNEAR_DEV) -> list[Article]:
    """The distinct PolNeAR documents with text, in file order (none when the file is absent)."""
    if not path.is_file():
        return []
    articles, seen = [], set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["doc_id"] in seen or not row.get("text", "").strip():
                continue
            seen.add(row["doc_id"])
            articles.append(presslens.from_text(row["text"], id=row["doc_id"], title=row.get("title") or "",
                                                published=row.get("publication_date") or None))
    return articles


def words(articles: list[Article]) -> int:
    return sum(len(article.text.split()) for article in articles)


# ---- per stage, in this process ----------------------------------------------------------------

def stage_times(articles: list[Article], profile: str = DEFAULT_PROFILE, lexicon: str = DEFAULT_LEXICON) -> dict:
    """CPU seconds of every stage over `articles`, called as `pipeline.article_parts` calls them (plain rows,
    one document per article); the whole-table steps (`pipeline.tables_of`: each table built once, source
    attributes, the sources and articles tables) and the corpus step (casting to the declared schemas,
    writing Parquet) count as `tables (corpus.py)`."""
    declared = corpus.schemas(profile=profile, lexicon=lexicon)
    spent = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time
    parts = []
    for article in articles:
        t0 = clock()
        doc = tokenize.document(article)
        t1 = clock()
        quote_rows = quotes.rows(doc)
        t2 = clock()
        quote_rows.update(sources.attribute_rows(quote_rows, profile=profile, sentences=doc.columns))
        t3 = clock()
        sentence_rows = {**doc.columns, **sentiment.article_sentence_scores(doc.columns, quote_rows, lexicon=lexicon)}
        quote_rows["compound"] = sentiment.quote_compounds(quote_rows, lexicon=lexicon, sentences=sentence_rows)
        t4 = clock()
        timex_rows = timeline.timex_rows(doc)
        event_rows = timeline.event_rows(doc, timex_rows, quote_rows)
        t5 = clock()
        parts.append({"article": article, "sentences": sentence_rows, "quotes": quote_rows,
                      "timexes": timex_rows, "events": event_rows})
        for stage, seconds in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            spent[stage] += seconds
    t0 = clock()
    tables = tables_of(parts)
    for name in TABLES:  # what write_chunk does with a chunk's tables
        pq.write_table(corpus.to_arrow(tables[name], declared[name]), io.BytesIO())
    spent["tables (corpus.py)"] = clock() - t0
    return spent


def floor_time(articles: list[Article]) -> float:
    """CPU seconds of Punkt sentences + VADER on every sentence: the least any such pipeline does."""
    polarity = sentiment.analyzer("vader").polarity_scores
    t0 = time.process_time()
    for article in articles:
        for text in tokenize.sentences(article)["text"].tolist():
            polarity(text)
    return time.process_time() - t0


def measure_texts(name: str, articles: list[Article]) -> dict:
    presslens.analyze(articles[0])  # warm up caches (rules, lexicons, schemas)
    corpus.schemas()
    floor_time(articles[:1])
    spent = stage_times(articles)
    floor = floor_time(articles)
    return {"name": name, "articles": len(articles), "words": words(articles), "stages": spent,
            "total": sum(spent.values()), "floor": floor}


# ---- cost against article length ---------------------------------------------------------------

LENGTHS_KB = (1, 10, 100, 1000, 10_000)  # article lengths for the growth exponent (1 KB to 10 MB)
TARGET_EXPONENT = (1.0, 1.15)  # cost ~ length ** exponent


def long_article(kilobytes: int) -> Article:
    """The seed's paragraphs repeated (and the last one cut) to `kilobytes` x 1,024 characters."""
    seed = presslens.load(ROOT / "seeds")[0]
    wanted = kilobytes * 1024
    text = seed.text
    while len(text) < wanted:
        text += "\n\n" + seed.text
    return dataclasses.replace(seed, id=f"long-{kilobytes}kb", text=text[:wanted])


def length_costs(kilobytes=LENGTHS_KB, batch_kb: int = 1024) -> list[dict]:
    """CPU seconds per article of the whole analysis (`corpus.analyze_articles`: every stage and the
    tables) at each length, shortest first. Articles shorter than `batch_kb` are analysed as a batch of
    copies holding about `batch_kb` KB of text, as a corpus run's chunk would (what a chunk costs once
    is shared by its articles); a batch under 0.2 s is repeated."""
    corpus.analyze_articles([long_article(1)])  # warm up caches (rules, lexicons, schemas)
    points = []
    for size in kilobytes:
        article = long_article(size)
        batch = [dataclasses.replace(article, id=f"{article.id}-{i}") for i in range(max(1, -(-batch_kb // size)))]
        rounds, spent = 0, 0.0
        while spent < 0.2 or rounds == 0:
            started = time.process_time()
            corpus.analyze_articles(batch)
            spent += time.process_time() - started
            rounds += 1
        points.append({"kb": size, "characters": len(article.text), "articles": len(batch),
                       "cpu": spent / rounds / len(batch), "rounds": rounds})
    return points


def growth_exponent(points: list[dict]) -> float:
    """The least-squares slope of log(CPU seconds) against log(characters): 1.0 is linear."""
    xs = [math.log(p["characters"]) for p in points]
    ys = [math.log(p["cpu"]) for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return (sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
            / sum((x - mean_x) ** 2 for x in xs))


def length_lines(points: list[dict]) -> list[str]:
    low, high = TARGET_EXPONENT
    exponent = growth_exponent(points)
    lines = ["## Cost against article length", "",
             "An article made of the seed's paragraphs repeated to each length, analysed in this process "
             "(`corpus.analyze_articles`: every stage and the tables), CPU time per article; shorter articles go "
             "in batches of copies holding about `--length-batch-kb` KB of text together (default 1 MB), as in a "
             "corpus chunk, so what a chunk costs once is shared. The exponent is the slope of log(CPU s) against log(length) over all "
             "lengths, and between neighbouring lengths.", "",
             "| length | characters | articles in the batch | CPU s per article | ms per KB | exponent from the "
             "previous length |", "|---:|---:|---:|---:|---:|---:|"]
    for previous, point in zip([None, *points], points):
        step = "-" if previous is None else f"{growth_exponent([previous, point]):.2f}"
        lines.append(f"| {point['kb']:,} KB | {point['characters']:,} | {point.get('articles', 1):,} | "
                     f"{point['cpu']:,.4f} | "
                     f"{1000 * point['cpu'] / (point['characters'] / 1024):,.2f} | {step} |")
    met = low <= exponent <= high
    lines += ["", f"**Growth exponent {exponent:.2f}** from {points[0]['kb']:,} KB to {points[-1]['kb']:,} KB "
              f"(target {low:.2f}-{high:.2f}): {'met' if met else 'missed'}"
              + ("" if met or exponent > high else " (below 1: a fixed cost per article weighs on the short ones)")
              + ".", ""]
    return lines


# ---- projection to large corpora -----------------------------------------------------------------

PROJECTED_ARTICLES = (1_000_000, 100_000_000)
PROJECTED_CORES = (8, 32, 128, 512)


def per_core_rate(runs: list[dict], sizes: list[int]) -> tuple[float, float] | None:
    """(articles/s per core on Dask, the 1 -> 2 worker speed-up) from the corpus runs: the 2-worker
    rate per worker, which includes what Dask costs (scheduler, shipping chunks)."""
    dask = {run["workers"]: run for run in runs if run["engine"] == "dask" and run["size"] == sizes[0]}
    if not (1 in dask and 2 in dask and dask[1]["rate"] and dask[2]["rate"]):
        return None
    return dask[2]["rate"] / 2, dask[2]["rate"] / dask[1]["rate"]


def projection_lines(runs: list[dict], sizes: list[int]) -> list[str]:
    """Hours for 1M and 100M articles on N cores at the measured per-core rate, assuming the
    speed-up stays linear beyond two workers (see CLUSTER_SETUP for what that assumes)."""
    measured = per_core_rate(runs, sizes)
    if measured is None:
        return []
    rate, speedup = measured
    lines = ["## Projection to large corpora", "",
             f"From this run: {rate:,.1f} seed-sized articles/s per Dask worker (the 2-worker rate over 2; 1 -> 2 "
             f"workers gave {speedup:.2f}x), one worker per core, scaling linearly beyond two workers. Hours "
             "(h:mm:ss) for the analysis itself, start-up and the final summary excluded; wall clock on a "
             "machine where each worker has its core.", "",
             "| articles | " + " | ".join(f"{cores} cores" for cores in PROJECTED_CORES) + " |",
             "|---:|" + "---:|" * len(PROJECTED_CORES)]
    for articles in PROJECTED_ARTICLES:
        lines.append(f"| {articles:,} | " + " | ".join(format_duration(articles / (rate * cores))
                                                      for cores in PROJECTED_CORES) + " |")
    return lines + ["", CLUSTER_SETUP, ""]


CLUSTER_SETUP = """The cluster set-up this assumes (`presslens analyze --engine dask --scheduler tcp://HOST:8786`):

- **One Dask worker process per core, one thread each** (`--nthreads 1`): the analysis is pure Python and
  holds the GIL, so threads would not add speed. About 400 MB of memory per worker is enough (a worker's
  memory is per chunk and flat over a run); give 1 GB for long articles.
- **Workers keep no statistical profile**: start them with `DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`
  (the cluster `presslens analyze --engine dask` starts itself is set so). Otherwise every worker keeps a
  snapshot of its stacks each second for an hour: 0.2-0.3 MB a second, up to about 1 GB per worker.
- **A shared file system** (NFS, Lustre, a `ReadWriteMany` volume) that every worker sees at the path of
  `--out`: workers write the Parquet parts themselves, six part files and one record per chunk. For 100M
  articles use `--chunk-size 10000` (10,000 chunks, 70,000 files) rather than the default 1,000.
- **The client** (the `presslens analyze` process) reads the input, cuts it into chunks and ships them to
  the workers: at 512 cores and about 30 articles/s per core that is some 15,000 articles (about 50 MB of
  text) a second through one process, near what one Python process reads, checks and pickles. Beyond a few
  hundred cores, split the input into several runs (one per input file or shard, each into its own `--out`).
  The client also remembers every id it has seen (the duplicate check): about 100 bytes per article, 10 GB
  at 100M articles in one run; another reason to run 100M articles as shards of 10M or fewer.
- **The scheduler** handles one task per chunk (a few a second even at 512 workers): its load and memory do
  not limit the run; finished chunks are released at once, so it holds only the chunks in flight
  (`IN_FLIGHT_PER_WORKER` = 2 per worker).
- `--resume` after a lost worker, client or node: finished chunks are kept, so a failure costs at most the
  chunks in flight."""


BEYOND_THE_BAR = """## What 1.5x the floor would take

The goal beyond issue 13. The outside estimate is that Python-level restructuring (plain rows, one
table per chunk, no work twice) stops near 2.4x the floor in-process. At 2.4x the work beyond the floor
costs 1.4 floors; at 1.5x it may cost 0.5, so quotes, sources, timeline and the tables must get about
2.8x cheaper again. That takes one of (estimates, not measured here):

- **The rule engines compiled**: `mypyc` on the fully typed, pure-Python modules whose time is Python
  bytecode, not C (the quote rules and their document, `sources` grouping and attributes, the timeline's
  matcher and resolver). mypyc typically gives 1.5-4x on such code when the hot functions are typed
  precisely and avoid dynamic features; it needs a compiler at install time (wheels per platform) and a pure-Python
  fallback. Cython is the same trade with more rewriting.
- **Work made optional**: `--tables quotes,sources` (and the API equivalent) skips tone and the timeline
  when they are not asked for; with every table asked for, the cost stays.
- Not enough alone: micro-tuning (a few percent each), or more processes (they divide the wall time, not
  the CPU time the bar counts)."""


# ---- corpus runs in a subprocess ---------------------------------------------------------------

OTHER_SECTIONS = "<!-- below: sections written by other benchmark scripts (benchmarks/corpus_views.py, benchmarks/tone.py) -->"


#: Said at the top of the page: the issue 13 bar is measured and written by hand, below the marker.
PAGE_NOTE = ("The issue 13 bar through the command line (`presslens analyze` against the floor script, one core) and "
             "the Dask memory checks are in the hand-written sections at the end (\"Through the CLI, one core\", "
             "\"Dask memory\"): this script keeps everything below its marker as it is.")


def kept_sections(path: Path, text: str) -> str:
    """`text` followed by everything at the end of `path` after `OTHER_SECTIONS`: what other benchmark
    scripts wrote there and the hand-written sections (the CLI bar, Dask memory)."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    return text.rstrip("\n") + "\n\n" + old[old.index(OTHER_SECTIONS):] if OTHER_SECTIONS in old else text


def write_input(path: Path, count: int) -> Path:
    """The seed `count` times with distinct ids, as one Parquet file (row groups of 10,000)."""
    seed = presslens.load(ROOT / "seeds")[0]
    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("title", pa.string()),
                        ("published", pa.string()), ("outlet", pa.string())])
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, count, 10_000):
            n = min(10_000, count - start)
            writer.write_table(pa.table({
                "id": [f"seed-{i:06d}" for i in range(start, start + n)], "text": [seed.text] * n,
                "title": [seed.title] * n, "published": [seed.published.isoformat()] * n, "outlet": [seed.outlet] * n,
            }, schema=schema))
    return path


def corpus_run(source: Path, out: Path, engine: str, workers: int, chunk_size: int, limit: float) -> dict:
    """Run `presslens analyze` in a subprocess; sample the RSS of its process tree; stop it after `limit` s.

    The rate is articles in finished chunks / seconds from the start of the process to the last
    finished chunk (start-up included, the final summary and report excluded), the same for a run
    that finished and one that was stopped.
    """
    command = [sys.executable, "-m", "presslens", "analyze", str(source), "--out", str(out), "--engine", engine,
               "--workers", str(workers), "--chunk-size", str(chunk_size), "--quiet"]
    started = time.time()
    # SIGINT back to its default in the child (a job started in the background inherits it ignored,
    # and Python then never raises KeyboardInterrupt), so the stop below works like Ctrl-C.
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    root = psutil.Process(process.pid)
    peak, cpu, stopped, by_chunk, root_by_chunk = 0, {}, False, [], []
    chunks = out / corpus.STATE_FOLDER / "chunks"
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            rss = root_rss = 0
            for member in tree:
                with_info = member.as_dict(["memory_info", "cpu_times"])
                if with_info["memory_info"] is not None:
                    rss += with_info["memory_info"].rss
                    root_rss = with_info["memory_info"].rss if member is root else root_rss
                    cpu[member.pid] = sum(with_info["cpu_times"][:2])
            peak = max(peak, rss)
            done = len(list(chunks.glob("chunk-*.json"))) if chunks.is_dir() else 0
            if done > len(by_chunk):
                by_chunk.extend([rss] * (done - len(by_chunk)))
                root_by_chunk.extend([root_rss] * (done - len(root_by_chunk)))
        except psutil.Error:
            pass
        if not stopped and time.time() - started > limit:
            os.killpg(process.pid, signal.SIGINT)
            stopped = time.time()
        elif stopped and time.time() - stopped > 120:  # Ctrl-C did not end it: stop it for good
            os.killpg(process.pid, signal.SIGKILL)
        time.sleep(0.1)
    seconds = time.time() - started
    error = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if process.returncode not in (0, 130) and not stopped:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): {error[-2000:]}")
    records = [(path.stat().st_mtime, json.loads(path.read_text(encoding="utf-8")))
               for path in (out / corpus.STATE_FOLDER / "chunks").glob("chunk-*.json")]
    articles = sum(record["articles"] for _, record in records)
    finished = (out / "summary.json").is_file()
    busy = max(mtime for mtime, _ in records) - started if records else seconds
    return {"engine": engine, "workers": workers, "articles": articles, "finished": finished,
            "seconds": seconds, "busy": busy, "rate": articles / busy if busy > 0 else 0.0, "peak_rss": peak,
            "cpu_seconds": sum(cpu.values()), "rss_by_chunk": by_chunk, "root_rss_by_chunk": root_by_chunk,
            "chunks": len(records)}


# ---- the CLI bar: presslens analyze against the floor script, one core, same input --------------

def write_jsonl(path: Path, count: int) -> Path:
    """The seed `count` times with distinct ids, as JSON lines."""
    seed = presslens.load(ROOT / "seeds")[0]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            handle.write(json.dumps({"id": f"seed-{i:06d}", "text": seed.text, "title": seed.title,
                                     "published": seed.published.isoformat(), "outlet": seed.outlet}) + "\n")
    return path


def child_cpu(command: list[str]) -> dict:
    """Run `command` on one core; its CPU seconds (user + sys of the child) and wall seconds."""
    pinned = ["taskset", "-c", "0", *command] if shutil.which("taskset") else command
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(pinned, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu": cpu, "wall": wall, "pinned": pinned[0] == "taskset"}


def cli_bar(folder: Path, count: int) -> dict:
    """`presslens analyze` and the floor script on the same JSONL file, each in its own process."""
    source = write_jsonl(folder / f"seed-{count}.jsonl", count)
    floor = child_cpu([sys.executable, str(ROOT / "benchmarks" / "floor.py"), str(source)])
    full = child_cpu([sys.executable, "-m", "presslens", "analyze", str(source), "--out", str(folder / "cli-out"),
                      "--quiet"])
    return {"articles": count, "floor": floor, "full": full, "load": os.getloadavg()}


def cli_lines(cli: dict) -> list[str]:
    articles, full, floor = cli["articles"], cli["full"], cli["floor"]
    rate, ratio = articles / full["cpu"], full["cpu"] / floor["cpu"]
    met = rate >= TARGET_RATE and ratio <= TARGET_FLOOR
    return ["## Through the CLI, one core", "",
            f"`presslens analyze` on {articles:,} seed copies as JSONL (default chunk size, report.html and CSV "
            f"tables included, as a user gets them) and `benchmarks/floor.py` (NLTK Punkt + NLTK's VADER on every "
            f"sentence) on the same file, each in its own process{' pinned with `taskset -c 0`' if full['pinned'] else ''}; "
            "CPU seconds are the child's user + sys time, start-up and imports included. Load average after the "
            f"runs: {', '.join(f'{x:.2f}' for x in cli['load'])}.", "",
            "| process | CPU s | wall s | articles/s (CPU) |", "|---|---:|---:|---:|",
            f"| presslens analyze | {full['cpu']:.2f} | {full['wall']:.2f} | {rate:,.1f} |",
            f"| floor: Punkt + VADER | {floor['cpu']:.2f} | {floor['wall']:.2f} | {articles / floor['cpu']:,.1f} |", "",
            f"**{rate:,.1f} articles/s, {ratio:.2f}x the floor** (bar: at least {TARGET_RATE} articles/s and at most "
            f"{TARGET_FLOOR:g}x the floor): {'met' if met else 'missed'}.", ""]


# ---- the report --------------------------------------------------------------------------------

def mb(value: float) -> str:
    return f"{value / 2**20:,.0f} MB"


def rate_row(label: str, articles: int, word_count: int, seconds: float) -> str:
    rate = articles / seconds if seconds else float("inf")
    return (f"| {label} | {seconds:,.2f} | {1000 * seconds / articles:,.2f} | {rate:,.1f} | "
            f"{word_count / seconds if seconds else 0:,.0f} |")


def report(info: dict, texts: list[dict], runs: list[dict], sizes: list[int], args, lengths: list[dict] | None = None,
           before: dict | None = None) -> str:
    lines = ["# Performance", "",
             f"Measured by `benchmarks/run.py{' --quick' if args.quick else ''}` (`make benchmark`) on {info['date']}; "
             "every number below comes from that one run, so rerun it to refresh the page. " + PAGE_NOTE, "",
             "## Machine", "",
             f"- CPU: {info['cpu']}, {info['cores']} cores; RAM {info['ram_gb']} GB; {info['platform']}",
             f"- Python {info['python']}; " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()),
             f"- Load average when the run started: {', '.join(f'{x:.2f}' for x in info['load'])}. Wall-clock "
             "rates (corpus runs, speed-up) drop when anything else runs on the machine (above 1 on two cores, "
             "one worker no longer has a core of its own); per-stage rates use CPU time and are less affected.",
             ""]
    lines += stage_lines(texts, before)
    lines += scale_lines(runs, sizes, args.chunk_size)
    lines += length_lines(lengths) if lengths else []
    lines += ["## Against the targets", ""]
    seed = texts[0]
    one_core = seed["articles"] / seed["total"]
    lines.append(f"- **Full pipeline on one core: {one_core:,.1f} seed-sized articles/s** (CPU time; target "
                 f">= {TARGET_RATE}). " + ("Met." if one_core >= TARGET_RATE else
                 f"Missed by {TARGET_RATE / one_core:.1f}x: {TARGET_RATE}/s leaves {1000 / TARGET_RATE:.1f} ms "
                 f"per article; the full pipeline takes {1000 * seed['total'] / seed['articles']:.1f} ms and the "
                 f"floor alone (Punkt + VADER) {1000 * seed['floor'] / seed['articles']:.1f} ms "
                 f"({seed['articles'] / seed['floor']:,.1f} articles/s). "
                 + (f"So even with every other stage free, {TARGET_RATE}/s is out of reach on this CPU while every "
                    "sentence is scored by VADER; " if seed["articles"] / seed["floor"] < TARGET_RATE else
                    "The floor alone would meet the target: the stages beyond it (quotes, sources, timeline, the "
                    "per-article tables) are what stands between; ") + "see the hot spots below."))
    ratio = seed["total"] / seed["floor"]
    lines.append(f"- **Full pipeline / floor: {ratio:.2f}x** (target <= {TARGET_FLOOR:.0f}x). "
                 + ("Met." if ratio <= TARGET_FLOOR else
                    f"Missed by {ratio / TARGET_FLOOR:.2f}x: meeting it needs the pipeline at "
                    f"{1000 * TARGET_FLOOR * seed['floor'] / seed['articles']:.1f} ms per article instead of "
                    f"{1000 * seed['total'] / seed['articles']:.1f} ms. Of the CPU time, "
                    + ", ".join(f"{stage} {seconds / seed['total']:.0%}" for stage, seconds in seed["stages"].items())
                    + "; the floor's work (Punkt, VADER on sentences) is inside tokenize and sentiment"
                    + (", and quotes, sources and timeline together already cost more than the floor."
                       if sum(seed["stages"][k] for k in ("quotes", "sources", "timeline")) > seed["floor"] else ".")))
    lines += scale_targets(runs, sizes)
    lines += ["", BEYOND_THE_BAR, ""]
    lines += projection_lines(runs, sizes)
    lines += ["## Hot spots", "", HOT_SPOTS, ""]
    return "\n".join(lines)


def stage_lines(texts: list[dict], before: dict | None = None) -> list[str]:
    """The per-stage tables; with `before` (the `texts` of an earlier run saved with `--results`), its
    ms/article beside this run's."""
    earlier = {text["name"]: text for text in (before or {}).get("texts", [])}
    lines = ["## Per stage, one core", "",
             "CPU time of each stage, called in the order `pipeline.article_parts` calls them; "
             "`tables (corpus.py)` is what a corpus run adds per chunk (the whole-table steps, casting to the "
             "declared Arrow schemas and writing Parquet). The floor is NLTK Punkt sentences plus VADER "
             "(presslens's, with NLTK's scores) on every sentence of the same texts, and nothing else."
             + (" `before ms/article`: the same measurement of an earlier run (`--before`)." if earlier else ""), ""]
    for text in texts:
        n, w = text["articles"], text["words"]
        old = earlier.get(text["name"])
        head = "| stage | CPU s | ms/article | articles/s | words/s |" + (" before ms/article |" if old else "")
        lines += [f"### {text['name']}: {n:,} articles, {w / n:,.0f} words per article", "", head,
                  "|---|---:|---:|---:|---:|" + ("---:|" if old else "")]
        rows = [*text["stages"].items(), ("**full pipeline**", text["total"]), ("floor: Punkt + VADER", text["floor"])]
        old_rows = ({**old["stages"], "**full pipeline**": old["total"], "floor: Punkt + VADER": old["floor"]}
                    if old else {})
        for stage, seconds in rows:
            extra = ""
            if old:
                extra = (f" {1000 * old_rows[stage] / old['articles']:,.2f} |" if stage in old_rows else " - |")
            lines.append(rate_row(stage, n, w, seconds) + extra)
        lines += ["", f"Full pipeline / floor: **{text['total'] / text['floor']:.2f}x** (target at most "
                  f"{TARGET_FLOOR:.0f}x).", ""]
    return lines


def scale_lines(runs: list[dict], sizes: list[int], chunk_size: int) -> list[str]:
    """The corpus-runs table: speed, peak memory and memory after the first and the last chunk."""
    lines = ["## Corpus runs", "",
             f"`presslens analyze` in a subprocess on the seed article repeated with distinct ids (a Parquet "
             f"input), chunks of {chunk_size:,} articles. Peak memory is the RSS of the whole process "
             "tree (for Dask: scheduler, nannies and workers), sampled every 0.1 s; `client` is the RSS of the "
             "`presslens analyze` process alone (for a local Dask cluster it holds the client and the scheduler). "
             "A run longer than its share of the time budget was stopped with Ctrl-C (the interrupted-run path: "
             "only whole parts remain); articles/s is articles in finished chunks over the seconds from process "
             "start to the last finished chunk (start-up included; the final summary/report excluded). "
             "`CPU s / wall s` near the number of workers means each worker had a whole core.", "",
             "| input | engine | workers | limit s | articles done | finished | wall s | articles/s | "
             "CPU s / wall s | peak RSS | RSS after chunk 1 -> last chunk | client after chunk 1 -> last | "
             "time for the whole input |",
             "|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for run in runs:
        estimate = ("-" if not run["rate"] else format_duration(run["size"] / run["rate"])
                    + ("" if run["articles"] >= run["size"] else " (extrapolated)"))
        trends = [f"{mb(series[0])} -> {mb(series[-1])}" if series else "-"
                  for series in (run["rss_by_chunk"], run.get("root_rss_by_chunk", []))]
        lines.append(f"| {run['size']:,} | {run['engine']} | {run['workers']} | {run['limit']:,.0f} | "
                     f"{run['articles']:,} | {'yes' if run['finished'] else 'no'} | {run['seconds']:,.0f} | "
                     f"{run['rate']:,.1f} | {run['cpu_seconds'] / max(run['seconds'], 1e-9):.2f} | "
                     f"{mb(run['peak_rss'])} | {trends[0]} | {trends[1]} | {estimate} |")
    return lines + [""]


def scale_targets(runs: list[dict], sizes: list[int]) -> list[str]:
    """The speed-up and memory targets, from the corpus runs."""
    lines = []
    dask = {run["workers"]: run for run in runs if run["engine"] == "dask" and run["size"] == sizes[0]}
    if 1 in dask and 2 in dask and dask[1]["rate"]:
        speedup = dask[2]["rate"] / dask[1]["rate"]
        lines.append(f"- **Speed-up from 1 to 2 Dask workers: {speedup:.2f}x** ({dask[1]['rate']:.1f} -> "
                     f"{dask[2]['rate']:.1f} articles/s; target >= {TARGET_SPEEDUP}). "
                     + ("Met." if speedup >= TARGET_SPEEDUP else _speedup_gap(dask[1], dask[2])))
    for engine, workers in (("local", 1), ("dask", 2)):
        by_size = {run["size"]: run for run in runs if run["engine"] == engine and run["workers"] == workers}
        if set(sizes) <= set(by_size) and all(by_size[size]["articles"] for size in sizes):
            small, large = (by_size[size] for size in sizes)
            growth = large["peak_rss"] / small["peak_rss"] - 1
            lines.append(f"- **Peak memory ({engine}, {workers} worker(s)) from {sizes[0]:,} to {sizes[1]:,} articles: "
                         f"{mb(small['peak_rss'])} -> {mb(large['peak_rss'])} ({growth:+.1%}; target within "
                         f"{TARGET_MEMORY:.0%}).** " + ("Met" if abs(growth) <= TARGET_MEMORY else "Missed")
                         + ("" if large["articles"] >= large["size"] else f", measured over the {large['articles']:,} "
                            f"articles the {sizes[1]:,}-article run finished before it was stopped (see the RSS after "
                            "the first and the last chunk: flat means it stays so)") + ".")
    for run in runs:
        if run["articles"] < run["size"] and run["rate"]:
            lines.append(f"- The {run['size']:,}-article run ({run['engine']}, {run['workers']} worker(s)) did not "
                         f"fit in its share of the time budget ({run['limit']:,.0f} s): at {run['rate']:,.1f} "
                         f"articles/s the whole input takes about {format_duration(run['size'] / run['rate'])} "
                         "(h:mm:ss or m:ss), extrapolated from the chunks it finished.")
    return lines


def _speedup_gap(one: dict, two: dict) -> str:
    """Why the 2-worker run was not twice as fast: how many cores it got, and its work per CPU second."""
    cores_one, cores_two = one["cpu_seconds"] / one["seconds"], two["cpu_seconds"] / two["seconds"]
    per_cpu_one = one["articles"] / one["cpu_seconds"]
    per_cpu_two = two["articles"] / two["cpu_seconds"]
    efficiency = per_cpu_two / per_cpu_one
    return (f"Missed by {TARGET_SPEEDUP / (two['rate'] / one['rate']):.2f}x. The 2-worker process tree got "
            f"{cores_two:.2f} cores on average (the 1-worker tree {cores_one:.2f}): the two cores are shared with "
            "other engineers' jobs, so the second worker never had a core of its own. Per CPU second the 2-worker "
            f"tree analysed {per_cpu_two:.1f} articles against {per_cpu_one:.1f} for one worker ({efficiency:.0%}: "
            "scheduler, nannies and shipping chunks cost the rest); with two whole cores that would give about "
            f"{2 * efficiency:.2f}x. That last figure is an estimate from this run, not a measurement.")


HOT_SPOTS = """Profiled with `py-spy record -r 200` on 400 seed articles through `corpus.write_chunk` (pandas
3.1, share of the samples inside `pipeline.analyze_article`, callees included, so the shares overlap):

- **pandas DataFrame construction, 25%**, spread over all stages (`DataFrame.__init__`, `sanitize_array`
  15%, `ArrowStringArray._from_sequence` 7%), plus ~11% in `DataFrame.__getitem__` / `tolist`: every stage
  builds and reads small per-article DataFrames (six tables per article, each with Arrow-backed string
  columns). Building each table once per chunk from plain lists would remove most of it.
- **quotes.extract, 22%**: `quotes.document.Document` ~10% (per-article set-up, of which tokenizing, a Python
  list comprehension over every token, ~7%).
- **VADER, 12%** (`polarity_scores`), inside `sentiment.score_sentences` (15% with its masking; this part
  is the floor) and `sentiment.score_quotes` (7%), which runs VADER again on the quote texts. NLTK's own
  word split (`SentiText._words_plus_punc`, two dictionary comprehensions over every word and punctuation
  mark of a sentence) was ~20% of the pipeline; `sentiment._SentiText` splits token by token (3%) and gives
  the same scores to the last digit (`tests/test_sentiment.py`).
- **timeline, 21%**: `timeline.timexes` ~11% (`tag`, `_match_at`) and `timeline.events` ~10%.
- **sources, 22%**: `sources.attribute` ~12% and `sources.table` ~10% (`_rows`, a row-by-row comprehension).
- **tokenize, 6%** (NLTK Punkt, part of the floor).
- `corpus.py` itself (concatenating a chunk's tables, casting them to the declared schemas, writing Parquet)
  is a few percent; see the `tables (corpus.py)` rows above."""


# ---- main --------------------------------------------------------------------------------------

def corpus_runs(sizes: list[int], minutes: float, chunk_size: int) -> list[dict]:
    """The corpus runs (local and Dask, both sizes), sharing a time budget of `minutes`."""
    plan = [(sizes[0], "local", 1, 0.3), (sizes[1], "local", 1, 0.15), (sizes[0], "dask", 1, 0.15),
            (sizes[0], "dask", 2, 0.2), (sizes[1], "dask", 2, 0.2)]
    runs = []
    with tempfile.TemporaryDirectory(prefix="presslens-bench-") as folder:
        folder = Path(folder)
        inputs = {size: write_input(folder / f"seed-{size}.parquet", size) for size in sizes}
        for number, (size, engine, workers, share) in enumerate(plan):
            limit = share * minutes * 60
            run = corpus_run(inputs[size], folder / f"out-{number}", engine, workers, chunk_size, limit)
            run["size"], run["limit"] = size, limit
            runs.append(run)
            print(f"{size:,} {engine} x{workers}: {run['articles']:,} articles, {run['rate']:.1f}/s, "
                  f"peak {mb(run['peak_rss'])}{'' if run['finished'] else ' (stopped)'}", file=sys.stderr)
    return runs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and short runs (a few minutes)")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                        help="two corpus sizes, comma-separated (default 10000,100000; --quick 500,2000)")
    parser.add_argument("--minutes", type=float,
                        help="time budget of the five corpus runs (default 25; --quick 3): 30%% for the local run "
                             "on the smaller input, 15%% for the local run on the larger one and for Dask with one "
                             "worker, 20%% for each Dask run with two workers")
    parser.add_argument("--stage-articles", type=int, help="seed copies for the per-stage timing (default 300; --quick 60)")
    parser.add_argument("--chunk-size", type=int, help="articles per chunk (default 500; --quick 100)")
    parser.add_argument("--lengths", type=lambda s: [int(x) for x in s.split(",")],
                        help="article lengths in KB for the growth exponent (default 1,10,100,1000,10000; "
                             "--quick 1,10,100)")
    parser.add_argument("--length-batch-kb", type=int,
                        help="KB of text per timed batch of shorter articles (default 1024; --quick 64)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md", help="where to write the report")
    parser.add_argument("--results", type=Path, help="also save the raw numbers as JSON here")
    parser.add_argument("--before", type=Path, metavar="JSON",
                        help="numbers of an earlier run (saved with --results): its ms/article beside this run's")
    parser.add_argument("--cli-only", action="store_true",
                        help="only the CLI bar (presslens analyze against the floor script); prints it, writes nothing")
    parser.add_argument("--cli-articles", type=int, default=CLI_ARTICLES, help="seed copies for the CLI bar (default 2000)")
    parser.add_argument("--scale-only", action="store_true",
                        help="only the corpus runs (Dask speed-up, peak memory at both sizes); prints them (and saves "
                             "the numbers with --results), writes nothing else")
    parser.add_argument("--length-only", action="store_true",
                        help="only the cost against article length; prints it, writes nothing")
    parser.add_argument("--from-results", type=Path, metavar="JSON",
                        help="only write the report again from numbers saved with --results")
    args = parser.parse_args(argv)
    if args.from_results:
        saved = json.loads(args.from_results.read_text(encoding="utf-8"))
        args = argparse.Namespace(**{**vars(args), **saved["args"], "out": args.out})
        before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None
        args.out.write_text(kept_sections(args.out, report(saved["info"], saved["texts"], saved["runs"], args.sizes,
                                                           args, saved.get("lengths"), before)), encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
        return 0
    if args.cli_only:
        with tempfile.TemporaryDirectory(prefix="presslens-bench-") as folder:
            print("\n".join(cli_lines(cli_bar(Path(folder), args.cli_articles))))
        return 0
    args.sizes = args.sizes or ([500, 2000] if args.quick else [10_000, 100_000])
    args.minutes = args.minutes or (3.0 if args.quick else 25.0)
    args.stage_articles = args.stage_articles or (60 if args.quick else 300)
    args.chunk_size = args.chunk_size or (100 if args.quick else 500)
    args.lengths = args.lengths or ([1, 10, 100] if args.quick else list(LENGTHS_KB))
    args.length_batch_kb = args.length_batch_kb or (64 if args.quick else 1024)
    if len(args.sizes) != 2:
        parser.error("--sizes takes two sizes")
    if args.length_only:
        print("\n".join(length_lines(length_costs(args.lengths, args.length_batch_kb))))
        return 0
    info = machine()
    if args.scale_only:
        runs = corpus_runs(args.sizes, args.minutes, args.chunk_size)
        lines = [f"Load average before the runs: {', '.join(f'{x:.2f}' for x in info['load'])}.", "",
                 *scale_lines(runs, args.sizes, args.chunk_size), *scale_targets(runs, args.sizes), "",
                 *projection_lines(runs, args.sizes)]
        print("\n".join(lines))
        if args.results:
            args.results.write_text(json.dumps({"info": info, "runs": runs}, indent=1), encoding="utf-8")
        return 0

    texts = [measure_texts("Seed article", seed_articles(args.stage_articles))]
    polnear = polnear_articles()
    if polnear:
        texts.append(measure_texts("PolNeAR dev", polnear))
    for text in texts:
        print(f"{text['name']}: {text['articles'] / text['total']:.1f} articles/s, floor "
              f"{text['articles'] / text['floor']:.1f}", file=sys.stderr)
    lengths = length_costs(args.lengths, args.length_batch_kb)
    print(f"growth exponent {growth_exponent(lengths):.2f}", file=sys.stderr)
    runs = corpus_runs(args.sizes, args.minutes, args.chunk_size)
    if args.results:
        settings = {key: getattr(args, key) for key in ("quick", "sizes", "minutes", "stage_articles", "chunk_size")}
        args.results.write_text(json.dumps({"args": settings, "info": info, "texts": texts, "runs": runs,
                                            "lengths": lengths}, indent=1), encoding="utf-8")
    before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None
    args.out.write_text(kept_sections(args.out, report(info, texts, runs, args.sizes, args, lengths, before)),
                        encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
