"""Corpus runs: analyse many articles in chunks, on one core, in several processes, or on Dask.

`run()` streams any input the loader reads (a folder of `.txt`, a `.csv`/`.jsonl`/`.parquet` file,
a folder of Parquet files) in chunks of `chunk_size` records and writes every table as a folder of
Parquet part files, one per chunk: `DIR/quotes.parquet/part-00000.parquet`, ... (read a whole
table back with `pandas.read_parquet("DIR/quotes.parquet")`). Beside them: `summary.json`
(articles analysed and skipped, seconds, rows per table), `errors.csv` (every skipped record with
the reason) and, for small runs or on request, CSV tables and `report.html`.

Every file appears whole or not at all, and a chunk counts as done only once its record in
`DIR/.presslens/chunks/` exists, so `resume=True` continues an interrupted run where it stopped.
Chunks are cut from the input in order and each part file is named after its chunk, so the output
is the same whatever the engine or the number of workers.

`analyze_frame()` runs the same analysis on a pandas or Dask DataFrame (loader columns: `id`, `text`,
optional `title`, `published`, `outlet`) and returns the tables as the same kind of DataFrame.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import fnmatch
import functools
import gc
import json
import multiprocessing
import os
import re
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__
from .errors import InputError, excerpt, printable
from .loader import folder_entries, iter_records, to_article
from .model import Analysis, Article
from .output import CSV_ENCODING, atomic_open, atomic_path, spreadsheet_safe
from .pipeline import DEFAULT_LEXICON, DEFAULT_PROFILE, article_parts, concat_tables, tables_of
from .progress import Progress
from .runfiles import files_in, forget_failed_run, listed_as_written, record_written, remove_earlier
from .runguard import check_wanted, fingerprint, lock, new_digest, record_digest, watch_parent
from .schema import ERRORS as ERROR_TABLE
from .schema import TABLES, arrow_schema, check_tables, to_pandas
from .schema import empty as empty_table
from .timeline import check_options as check_time_options

ENGINES = ("local", "dask")
ERROR_COLUMNS = ["id", "origin", "reason"]
STATE_FOLDER = ".presslens"
INCOMPLETE_NOTE = "INCOMPLETE.txt"
REPORT_MAX_ARTICLES = 5000  # runs up to this size also get report.html and CSV tables
REPORT_FULL_ARTICLES = 10  # articles report.html shows in full
IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: keeps workers busy and memory bounded
SCALE_HINT = "install the scale extra: pip install 'presslens[scale]'"


__all__ = ["DASK_SETTINGS", "ENGINES", "ERROR_COLUMNS", "INCOMPLETE_NOTE", "IN_FLIGHT_PER_WORKER",
           "REPORT_FULL_ARTICLES", "REPORT_MAX_ARTICLES", "SCALE_HINT", "STATE_FOLDER", "Chunk", "Layout",
           "analyze_articles", "analyze_frame", "metas", "read_tables", "run", "schemas", "to_arrow", "write_chunk"]


def __getattr__(name: str):
    if name == "analyze":  # renamed: `presslens.analyze` is the one `analyze`
        raise AttributeError("presslens.corpus.analyze is now presslens.corpus.analyze_frame (a pandas or Dask "
                             "DataFrame in, its tables out); presslens.analyze analyses articles")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---- table schemas (declared in `presslens.schema`) ---------------------------------------------

def schemas(*, profile: str | None = None, lexicon: str = DEFAULT_LEXICON) -> dict[str, pa.Schema]:
    """The Arrow schema of every table (and of `errors`), as declared in `presslens.schema`.

    Every chunk is cast to these schemas, so all part files agree. A bad `profile` or `lexicon`
    raises here, before any work.
    """
    _check_settings(profile, lexicon)
    return {name: arrow_schema(name) for name in (*TABLES, ERROR_TABLE)}


def _check_settings(profile: str | None = None, lexicon: str = DEFAULT_LEXICON) -> None:
    """Raise for a profile that cannot be loaded or a lexicon that does not exist (no `profile`: the
    default one)."""
    from .sentiment import analyzer
    from .sources import load_profile

    load_profile(DEFAULT_PROFILE if profile is None else profile)
    analyzer(lexicon)


def metas(*, profile: str | None = None, lexicon: str = DEFAULT_LEXICON) -> dict[str, pd.DataFrame]:
    """Empty pandas DataFrames with the columns and dtypes of every table (Dask's `meta`)."""
    _check_settings(profile, lexicon)
    return {name: empty_table(name) for name in (*TABLES, ERROR_TABLE)}


def to_arrow(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """A table cast to `schema`, column by column.

    Missing columns and columns with no value (an all-missing column pandas stored as float, as
    in an empty chunk) become typed nulls; values in text columns become text. Anything else
    that does not fit its declared type is an error, not a silent change of schema.
    """
    rows = len(frame)
    if rows == 0:
        return schema.empty_table()
    arrays = []
    for field_ in schema:
        if field_.name not in frame.columns:
            arrays.append(pa.nulls(rows, field_.type))
            continue
        column = frame[field_.name]
        try:
            arrays.append(pa.array(column, type=field_.type, from_pandas=True))
        except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
            if column.isna().all():
                arrays.append(pa.nulls(rows, field_.type))
            elif _is_text(field_.type):
                arrays.append(pa.array([None if _is_missing(v) else str(v) for v in column], type=field_.type))
            else:
                raise
    return pa.Table.from_arrays(arrays, schema=schema)


def _is_text(type_: pa.DataType) -> bool:
    return pa.types.is_string(type_) or pa.types.is_large_string(type_)


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


# ---- analysing a batch of articles -------------------------------------------------------------

def analyze_articles(articles: Iterable[Article], *, profile: str | None = None, lexicon: str = DEFAULT_LEXICON,
                     on_article=None, failed: list[dict] | None = None, mode: str = "auto",
                     date_order: str = "mdy", tables=TABLES) -> dict[str, pa.Table]:
    """Every table for a batch of articles, as Arrow tables with the declared schemas.

    `on_article(1)` is called after each article (for a progress bar). An article whose analysis
    fails is left out and listed in `failed` (as an errors-table row) when a list is given; without
    one the error is raised. `mode`, `date_order`: see `presslens.timeline.tag`; `tables`: see
    `presslens.pipeline.article_parts`.
    """
    declared = schemas(profile=profile, lexicon=lexicon)
    parts = []
    with _fewer_collections():
        for article in articles:
            try:
                parts.append(article_parts(article, profile, lexicon, mode=mode, date_order=date_order,
                                           tables=tables))
            except Exception as error:  # noqa: BLE001 - one article that breaks a stage is one skipped record
                _skip(article, error, failed)
            if on_article is not None:
                on_article(1)
            _freeze_after_warm_up()
        built = _finished(parts, failed)
    return {name: to_arrow(built[name], declared[name]) if built else declared[name].empty_table()
            for name in TABLES}


GC_YOUNG_THRESHOLD = 50_000  # new container objects between two young collections while a chunk is analysed
_warmed_up = False  # whether this process froze the objects its first article left (rules, lexicons)


def _freeze_after_warm_up() -> None:
    """After the first article of the process, move what is alive (the rules, lexicons and profiles built
    once per process) out of the collector's sight: later collections no longer walk them."""
    global _warmed_up
    if not _warmed_up:
        _warmed_up = True
        gc.collect()
        gc.freeze()


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """A higher young-generation threshold while a chunk is analysed (its rows are kept until the chunk's
    tables are built, so frequent collections only walk them again); the usual one after."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], GC_YOUNG_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def _finished(parts: list[dict], failed: list[dict] | None) -> dict[str, pd.DataFrame] | None:
    """The tables of the parts (`tables_of`); when the whole-table steps fail, each article apart, and an
    article that fails alone is one more skipped record."""
    try:
        return tables_of(parts) if parts else None
    except Exception:  # noqa: BLE001 - find the article that breaks the whole-table steps, keep the others
        finished = []
        for part in parts:
            try:
                finished.append(tables_of([part]))
            except Exception as error:  # noqa: BLE001
                _skip(part["article"], error, failed)
        return {name: concat_tables([t[name] for t in finished]) for name in TABLES} if finished else None


def _skip(article: Article, error: Exception, failed: list[dict] | None) -> None:
    """List an article whose analysis failed in `failed` (raise the error when there is no list)."""
    if failed is None:
        raise error
    failed.append(_error_row({"id": article.id, "origin": article.origin},
                             f"{article.origin}: analysis failed ({type(error).__name__}: {error})"))


def _error_row(record: dict, error: Exception | str) -> dict:
    """A row of the errors table; every value made printable (a lone surrogate or a terminal escape
    sequence in an id cannot break errors.csv or a terminal)."""
    def text(value, limit: int) -> str | None:
        return None if _is_missing(value) else printable(str(value)[:limit])

    return {"id": text(record.get("id"), 200), "origin": text(record.get("origin"), 1000),
            "reason": text(str(error), 2000)}


# ---- the DataFrame API -------------------------------------------------------------------------

def analyze_frame(frame, *, profile: str | None = None, lexicon: str = DEFAULT_LEXICON) -> dict:
    """Analyse a pandas or Dask DataFrame of articles; returns the tables by name, as the same kind.

    `frame` has the loader's columns: `id` and `text`, optional `title`, `published`, `outlet`.
    The result holds `articles`, `sentences`, `quotes`, `sources`, `timexes`, `events`, and
    `errors` (rows skipped as bad input: `id`, `origin`, `reason`). A Dask input stays lazy: each
    table is a `map_partitions` over the input with a declared schema, and computing several
    tables together (`dask.compute(*result.values())`) analyses every partition once. Ids should
    be unique; a Dask frame is not checked for duplicates across partitions.
    """
    if isinstance(frame, pd.DataFrame):
        _check_frame_columns(frame.columns)
        return _analyze_partition(frame, profile, lexicon)
    if not type(frame).__module__.startswith("dask"):
        raise InputError(f"analyze_frame: expected a pandas or Dask DataFrame, got {type(frame).__name__}")
    _check_frame_columns(frame.columns)
    declared = metas(profile=profile, lexicon=lexicon)
    packed = frame.map_partitions(_analyze_packed, profile, lexicon, meta=pd.Series(dtype=object),
                                  clear_divisions=True)
    return {name: packed.map_partitions(_unpack, name, meta=meta, clear_divisions=True)
            for name, meta in declared.items()}


def _check_frame_columns(columns) -> None:
    missing = [name for name in ("id", "text") if name not in columns]
    if missing:
        raise InputError(f"DataFrame: no {' or '.join(repr(m) for m in missing)} column "
                         f"(found: {', '.join(map(str, columns)) or 'none'})")


def _analyze_partition(frame: pd.DataFrame, profile: str, lexicon: str) -> dict[str, pd.DataFrame]:
    articles, errors = [], []
    for number, record in enumerate(frame.to_dict("records")):
        record.setdefault("origin", f"DataFrame row {frame.index[number]!r}")
        try:
            articles.append(to_article(record, f"record {record.get('id')!r}"))
        except InputError as error:
            errors.append(_error_row(record, error))
    tables = {name: to_pandas(table)
              for name, table in analyze_articles(articles, profile=profile, lexicon=lexicon).items()}
    tables[ERROR_TABLE] = to_pandas(to_arrow(pd.DataFrame(errors, columns=ERROR_COLUMNS),
                                             arrow_schema(ERROR_TABLE)))
    return tables


def _analyze_packed(frame: pd.DataFrame, profile: str, lexicon: str) -> pd.Series:
    return pd.Series([_analyze_partition(frame, profile, lexicon)], dtype=object)


def _unpack(packed: pd.Series, name: str) -> pd.DataFrame:
    return packed.iloc[0][name]


# ---- chunks and their files --------------------------------------------------------------------

@dataclass
class Chunk:
    """A slice of consecutive input records: the valid articles and the records skipped."""

    index: int
    articles: list[Article] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    digest: str = ""  # a hash of the chunk's input records, checked by resume

    @property
    def size(self) -> int:
        """Records in the chunk, valid or not."""
        return len(self.articles) + len(self.errors)


@dataclass(frozen=True)
class Layout:
    """Where a run's files go inside the output folder."""

    out: Path

    def part(self, table: str, index: int) -> Path:
        """The part file of `table` for chunk `index`."""
        return self.out / f"{table}.parquet" / f"part-{index:05d}.parquet"

    def parts(self, table: str) -> list[Path]:
        """The part files of `table`, in chunk order."""
        return sorted((self.out / f"{table}.parquet").glob("part-*.parquet"))

    def done(self, index: int) -> Path:
        """The record that chunk `index` is completely written (with its counts and errors)."""
        return self.out / STATE_FOLDER / "chunks" / f"chunk-{index:05d}.json"

    def done_records(self) -> list[Path]:
        """The records of every finished chunk, in order."""
        return sorted((self.out / STATE_FOLDER / "chunks").glob("chunk-*.json"))

    @property
    def settings(self) -> Path:
        """The settings of the run that wrote the folder (checked by `resume`)."""
        return self.out / STATE_FOLDER / "run.json"

    @property
    def incomplete(self) -> Path:
        """The note that marks the folder as holding an unfinished run (removed when the run ends)."""
        return self.out / INCOMPLETE_NOTE

    def clear(self) -> None:
        """Remove what an earlier run wrote here (part files, chunk records, temporaries, results)."""
        remove_earlier(self.out, STATE_FOLDER)
        self._remove("*part-*.parquet*", "*chunk-*.json*")
        self.clear_results()

    def foreign_files(self) -> set[str]:
        """The files in the folder that no presslens run wrote (the user's own): never removed."""
        ours = (f"{STATE_FOLDER}/*", "*.parquet/*", "corpus/*", "corpus.html", INCOMPLETE_NOTE, *self._result_names())
        return {name for name in files_in(self.out, STATE_FOLDER) - listed_as_written(self.out, STATE_FOLDER)
                if not any(fnmatch.fnmatchcase(name, pattern) for pattern in ours)}

    @staticmethod
    def _result_names() -> list[str]:
        from .report import CHARTS

        return ["summary.json", "errors.csv", "report.html", *(f"{t}.csv" for t in TABLES),
                *(f"{chart.name}.png" for chart in CHARTS.values())]

    def clear_results(self) -> None:
        """Remove the files a finished run writes at its end (summary, errors, CSV tables, report, charts)."""
        for name in self._result_names():
            (self.out / name).unlink(missing_ok=True)

    def clear_from(self, index: int) -> None:
        """Remove the part files and done-records of chunks `index` and later (past a shorter input's end)."""
        for table in TABLES:
            for path in self.parts(table):
                if _chunk_number(path) >= index:
                    path.unlink()
        for path in self.done_records():
            if _chunk_number(path) >= index:
                path.unlink()

    def clear_unfinished(self, finished) -> None:
        """Remove part files of chunks with no done-record (a killed run may leave some behind)."""
        for table in TABLES:
            for path in self.parts(table):
                if _chunk_number(path) not in finished:
                    path.unlink()

    def clear_temporaries(self) -> None:
        """Remove temporary files a killed run left behind (they were never renamed into place)."""
        self._remove(".part-*.part", ".chunk-*.part")

    def _remove(self, part_pattern: str, chunk_pattern: str) -> None:
        """Remove the files matching `part_pattern` in every table folder and `chunk_pattern` in the chunk records."""
        for table in TABLES:
            for path in (self.out / f"{table}.parquet").glob(part_pattern):
                path.unlink()
        for path in (self.out / STATE_FOLDER / "chunks").glob(chunk_pattern):
            path.unlink()


def _chunk_number(path: Path) -> int:
    """The chunk index in a part file or done-record name (`part-00003.parquet`, `chunk-00003.json`)."""
    return int(path.name.split("-", 1)[1].split(".", 1)[0])


def write_chunk(chunk: Chunk, out: str, *, profile: str | None = None, lexicon: str = DEFAULT_LEXICON,
                on_article=None, mode: str = "auto", date_order: str = "mdy", tables=TABLES) -> dict:
    """Analyse one chunk and write its part files, then its done-record; returns that record.

    An article whose analysis fails is one more skipped record of the chunk, with the reason.
    """
    layout = Layout(Path(out))
    failed: list[dict] = []
    tables = analyze_articles(chunk.articles, profile=profile, lexicon=lexicon, on_article=on_article or check_wanted,
                              failed=failed, mode=mode, date_order=date_order, tables=tables)
    rows = {}
    try:
        for name, table in tables.items():
            check_wanted()  # a cancelled Dask task (its run has died) writes nothing more
            with atomic_path(layout.part(name, chunk.index)) as temporary:
                pq.write_table(table, temporary)
            rows[name] = table.num_rows
        check_wanted()
    except BaseException:  # a chunk is written whole or not at all: drop its parts written so far
        for name in rows:
            layout.part(name, chunk.index).unlink(missing_ok=True)
        raise
    errors = chunk.errors + failed
    record = {"chunk": chunk.index, "records": chunk.size, "articles": len(chunk.articles) - len(failed),
              "skipped": len(errors), "rows": rows, "errors": errors, "digest": chunk.digest}
    with atomic_open(layout.done(chunk.index), "w", encoding="utf-8") as handle:
        json.dump(record, handle)
    return record


def _chunks(records: Iterator[dict], chunk_size: int, seen: set[str], date_order: str = "mdy") -> Iterator[Chunk]:
    """Cut the record stream into chunks, validating each record and refusing repeated ids."""
    chunk, digest = Chunk(0), new_digest()
    for record in records:
        record_digest(record, digest)
        try:
            article = to_article(record, str(record.get("origin") or record.get("id")), date_order=date_order)
            if article.id in seen:
                raise InputError(f"{article.origin}: duplicate id {excerpt(article.id)} (the first one is kept)")
            seen.add(article.id)
            chunk.articles.append(article)
        except InputError as error:
            chunk.errors.append(_error_row(record, error))
        if chunk.size == chunk_size:
            chunk.digest = digest.hexdigest()
            yield chunk
            chunk, digest = Chunk(chunk.index + 1), new_digest()
    if chunk.size:
        chunk.digest = digest.hexdigest()
        yield chunk


# ---- engines -----------------------------------------------------------------------------------

class _Pool:
    """Submit chunks to worker processes (a process pool or a Dask cluster) and wait for them.

    `workers()` is how many chunks can run at once: fixed for a local pool, the current number of
    worker threads for a Dask cluster (which may grow or shrink while the run goes on).
    `release(future)` lets go of a finished chunk's task and result at once (on Dask the scheduler
    and the worker forget them), so a long run holds only the chunks in flight.
    """

    def __init__(self, submit, wait_first, workers, release=lambda future: None):
        self.submit = submit
        self.wait_first = wait_first
        self.workers = workers
        self.release = release


# Dask settings of the cluster a run starts: its workers keep no statistical profile (one snapshot of
# every thread's stack a second, kept for an hour: about 0.3 MB a second per busy worker, the memory a
# long run grew by). A joined cluster keeps its own settings; see docs/performance.md.
DASK_SETTINGS = {"distributed.worker.profile.enabled": False}


@contextlib.contextmanager
def _pool(engine: str, workers: int, scheduler: str | None) -> Iterator[_Pool | None]:
    """None (run in this process) for one local worker, else a pool of worker processes."""
    if engine == "local" and workers == 1:
        yield None
    elif engine == "local":
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=watch_parent,
                                                    initargs=(os.getpid(),)) as executor:
            try:
                yield _Pool(executor.submit, lambda pending: concurrent.futures.wait(
                    pending, return_when=concurrent.futures.FIRST_COMPLETED), lambda: workers)
            except BaseException as error:
                if not isinstance(error, Exception):  # Ctrl-C or a termination signal: stop the workers now
                    for process in list(getattr(executor, "_processes", {}).values()):
                        process.terminate()
                executor.shutdown(wait=True, cancel_futures=True)
                raise
    else:
        distributed = _import_distributed()
        import dask

        with contextlib.ExitStack() as stack:
            stack.enter_context(dask.config.set(DASK_SETTINGS))
            if scheduler:
                try:
                    client = stack.enter_context(distributed.Client(scheduler, timeout="30s"))
                except (OSError, ValueError, TypeError) as error:
                    raise InputError(f"--scheduler {printable(scheduler)}: cannot connect "
                                     f"({excerpt(str(error), 120)})") from None
            else:
                with warnings.catch_warnings():  # "port 8787 in use" when another cluster runs here
                    warnings.filterwarnings("ignore", message="Port .* is already in use")
                    cluster = stack.enter_context(distributed.LocalCluster(
                        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                        silence_logs=40))
                client = stack.enter_context(distributed.Client(cluster))
                client.run(watch_parent, os.getpid(), nanny=True)  # the cluster ends with this process
                client.run(watch_parent, os.getpid())

            def cluster_workers() -> int:  # a joined cluster's size, not --workers
                return max(1, sum(client.nthreads().values())) if scheduler else workers

            yield _Pool(lambda fn, *args: client.submit(fn, *args, pure=False),
                        lambda pending: distributed.wait(pending, return_when="FIRST_COMPLETED"), cluster_workers,
                        release=lambda future: future.release())


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise InputError(f"--engine dask: Dask is not installed ({SCALE_HINT})") from None
    return distributed


# ---- the run -----------------------------------------------------------------------------------

def run(source, out, *, profile: str | None = None, lexicon: str = DEFAULT_LEXICON, engine: str = "local",
        workers: int = 1, scheduler: str | None = None, chunk_size: int = 1000, csv: bool = False,
        resume: bool = False, quiet: bool | None = None, follow_outside: bool = False, mode: str = "auto",
        date_order: str = "mdy", tables=TABLES) -> dict:
    """Analyse every article in `source` and write the tables into the folder `out`; returns the summary.

    `engine="local"` runs in this process (or `workers` processes); `engine="dask"` starts a local
    Dask cluster of `workers` processes, or joins the scheduler at `scheduler` (its workers must
    see `out`; `workers` is then ignored and chunks are queued for the cluster's current size).
    Bad records are skipped and listed in `out/errors.csv`. `resume=True` keeps the chunks an
    earlier run of the same input and settings finished (and drops parts of unfinished ones). `csv=True` also writes each
    table as one CSV file (runs up to `REPORT_MAX_ARTICLES` articles always get CSV tables and
    `report.html`). `quiet`: True hides the progress bar, False shows it anywhere, None shows it
    in a terminal or a Jupyter notebook but not in a log file or pipe. `mode` and `date_order` say how
    time expressions are resolved (see `presslens.timeline.tag`); run.json records them for `resume`.
    `tables` (names, or one text "quotes,sources"; default all): the tables to make, the others are
    written empty (see `presslens.pipeline.article_parts`).
    A run leaves in `out` only the files it wrote (and the user's own), and a run stopped by bad input
    leaves no state behind (see `presslens.runfiles`).
    """
    _check_options(engine, workers, scheduler, chunk_size)
    if str(out).strip() == "":
        raise InputError("--out is empty: name the folder to write into")
    if str(source) == "-" and resume:
        raise InputError("--resume: cannot resume from stdin (its records cannot be read again); "
                         "save them to a file first")
    check_time_options(mode=mode, date_order=date_order)
    wanted = check_tables(tables)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    if str(source) != "-" and not os.path.lexists(source):
        raise InputError(f"{source}: no such file or folder")  # before the folder of an earlier run is touched
    _check_settings(profile, lexicon)  # a bad profile or lexicon fails here, before any work
    layout = Layout(out)
    settings = {"input": str(Path(source).resolve()) if str(source) != "-" else "-", "chunk_size": chunk_size,
                "profile": "from metadata, else neutral" if profile is None else str(profile), "lexicon": lexicon, "presslens": __version__,
                "input_files": fingerprint(source), "mode": mode, "date_order": date_order,
                "tables": list(wanted)}
    created, foreign = not out.exists(), layout.foreign_files()
    failed = False
    try:
        with lock(out / STATE_FOLDER, out):
            try:
                summary = _run(source, layout, settings, profile, lexicon, engine, workers, scheduler, chunk_size,
                               csv, resume, quiet, follow_outside, mode, date_order, wanted)
            except InputError:
                failed = not resume  # a refused resume leaves the earlier run as it was
                raise
            record_written(out, STATE_FOLDER, foreign)
            return summary
    finally:
        if failed:
            forget_failed_run(out, STATE_FOLDER, foreign, created=created)


def _run(source, layout: Layout, settings: dict, profile: str, lexicon: str, engine: str, workers: int,
         scheduler: str | None, chunk_size: int, csv: bool, resume: bool, quiet: bool | None,
         follow_outside: bool, mode: str, date_order: str, tables: tuple[str, ...] = TABLES) -> dict:
    """The run itself, while the folder's lock is held."""
    out = layout.out
    finished = _prepare(layout, settings, resume)
    write = functools.partial(write_chunk, out=str(out), profile=profile, lexicon=lexicon, mode=mode,
                              date_order=date_order, tables=tables)
    started = time.monotonic()
    seen: set[str] = set()
    first_articles: list[Article] = []
    totals = {"records": 0, "articles": 0, "skipped": 0, "chunks": 0, "resumed": 0}
    rows = dict.fromkeys(TABLES, 0)

    def count(record: dict) -> None:
        for key in ("records", "articles", "skipped"):
            totals[key] += record[key]
        progress.skip(record["skipped"])
        totals["chunks"] += 1
        for name in TABLES:
            rows[name] += record["rows"][name]

    with Progress(total=_count_records(source), enabled=None if quiet is None else not quiet, unit="records",
                  count_skipped=True) as progress:
        with _pool(engine, workers, scheduler) as pool:
            pending: dict = {}
            chunks = 0
            for chunk in _chunks(iter_records(source, follow_outside=follow_outside), chunk_size, seen, date_order):
                chunks += 1
                first_articles.extend(chunk.articles[:REPORT_FULL_ARTICLES - len(first_articles)])
                if chunk.index in finished:
                    _check_unchanged(layout, chunk, finished[chunk.index])
                    count(finished[chunk.index])
                    totals["resumed"] += 1
                    progress.update(chunk.size)
                elif pool is None:
                    count(write(chunk, on_article=progress.update))
                    progress.update(len(chunk.errors))
                else:
                    pending[pool.submit(write, chunk)] = chunk.size
                    while len(pending) >= IN_FLIGHT_PER_WORKER * pool.workers():
                        _collect(pool, pending, count, progress)
            while pending:
                _collect(pool, pending, count, progress)
    layout.clear_from(chunks)  # chunks of a longer input an earlier run wrote
    seconds = time.monotonic() - started
    _write_errors(layout)
    summary = {"input": settings["input"], "engine": engine, "workers": workers, "chunk_size": chunk_size,
               "articles": totals["articles"], "skipped": totals["skipped"], "records": totals["records"],
               "chunks": totals["chunks"], "chunks_resumed": totals["resumed"], "seconds": round(seconds, 3),
               "articles_per_second": round(totals["articles"] / seconds, 1) if seconds > 0 else None,
               "rows": rows, "presslens": __version__}
    if totals["articles"] == 0:
        raise InputError(f"{source}: no articles to analyse ({totals['skipped']} record(s) skipped, "
                         f"see {out / 'errors.csv'})")
    small = totals["articles"] <= REPORT_MAX_ARTICLES
    if csv or small:
        _write_csv_tables(layout)
    summary["report"] = _write_report(layout, first_articles) if small else None
    summary["corpus_report"] = _write_corpus_report(layout)
    with atomic_open(out / "summary.json", "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
        handle.write("\n")
    layout.incomplete.unlink(missing_ok=True)
    return summary


_SCHEDULER_ADDRESS = re.compile(r"(?:(?:tcp|tls|ucx|ws|wss)://)?(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.\-]+)(?::(?P<port>\d{1,5}))?")


def _is_scheduler_address(address: str) -> bool:
    match = _SCHEDULER_ADDRESS.fullmatch(address)
    return bool(match) and (match.group("port") is None or 0 < int(match.group("port")) < 65536)


def _check_options(engine: str, workers: int, scheduler: str | None, chunk_size: int) -> None:
    if engine not in ENGINES:
        raise InputError(f"--engine {engine}: unknown engine (choose from {', '.join(ENGINES)})")
    if workers < 1:
        raise InputError(f"--workers {workers}: needs at least 1 worker")
    if chunk_size < 1:
        raise InputError(f"--chunk-size {chunk_size}: needs at least 1 article per chunk")
    if scheduler and engine != "dask":
        raise InputError("--scheduler: only with --engine dask")
    if scheduler is not None and not _is_scheduler_address(scheduler):
        raise InputError(f"--scheduler {excerpt(scheduler)}: not a scheduler address (expected tcp://HOST:PORT)")


def _prepare(layout: Layout, settings: dict, resume: bool) -> dict[int, dict]:
    """Clear or check the output folder and mark it incomplete; returns the done-records of chunks
    that can be kept. Results of an earlier run (CSV tables, report, charts) never stay beside a
    new run's parts: they are removed first and written again at the end."""
    finished = {}
    if resume and layout.settings.is_file():
        earlier = _read_json(layout.settings, "the run's settings")
        changed = [key for key in settings if key != "input_files" and earlier.get(key) != settings[key]]
        if changed:
            raise InputError(f"{layout.out}: written with different {', '.join(changed)}; "
                             "run without --resume to start again")
        if earlier.get("input_files") != settings["input_files"]:
            raise InputError(f"{settings['input']}: changed since the run in {layout.out} started (size or "
                             "modification time); run without --resume to start again")
        layout.clear_temporaries()
        for path in layout.done_records():
            record = _read_json(path, "a chunk record")
            _check_parts(layout, path, record)
            finished[record["chunk"]] = record
        layout.clear_unfinished(finished)
        remove_earlier(layout.out, STATE_FOLDER, keep={layout.part(name, index).relative_to(layout.out).as_posix()
                                                       for index in finished for name in TABLES})
        layout.clear_results()
    else:
        layout.clear()
    layout.out.mkdir(parents=True, exist_ok=True)
    with atomic_open(layout.incomplete, "w", encoding="utf-8") as handle:
        handle.write("A presslens run into this folder has not finished: the tables here are partial.\n"
                     "Rerun the same command with --resume to finish it, or without it to start again.\n")
    with atomic_open(layout.settings, "w", encoding="utf-8") as handle:
        json.dump(settings, handle, indent=2)
    return finished


def _read_json(path: Path, what: str) -> dict:
    """A JSON object the run wrote; an `InputError` naming the file when it is damaged."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(f"{path}: {what} is damaged ({excerpt(str(error), 80)}); "
                         "run without --resume to start again") from None
    if not isinstance(value, dict):
        raise InputError(f"{path}: {what} is damaged (not a JSON object); run without --resume to start again")
    return value


_DONE_KEYS = {"chunk": int, "records": int, "articles": int, "skipped": int, "rows": dict, "errors": list}


def _check_parts(layout: Layout, path: Path, record: dict) -> None:
    """A done-record must be whole and its part files readable with the rows it counts."""
    damaged = next((key for key, kind in _DONE_KEYS.items() if not isinstance(record.get(key), kind)), None)
    if damaged is None and (record["chunk"] != _chunk_number(path) or set(record["rows"]) != set(TABLES)):
        damaged = "chunk"
    if damaged:
        raise InputError(f"{path}: a chunk record is damaged (field {damaged!r}); run without --resume to start again")
    for name in TABLES:
        part = layout.part(name, record["chunk"])
        try:
            rows = pq.read_metadata(part).num_rows
        except (OSError, pa.ArrowException) as error:
            raise InputError(f"{part}: a part file is missing or damaged ({excerpt(str(error), 80)}); "
                             "run without --resume to start again") from None
        if rows != record["rows"][name]:
            raise InputError(f"{part}: has {rows} rows, its chunk record says {record['rows'][name]}; "
                             "run without --resume to start again")


def _check_unchanged(layout: Layout, chunk: Chunk, record: dict) -> None:
    """Resume keeps a chunk only when its input records are those the earlier run read."""
    if record.get("digest") != chunk.digest:
        raise InputError(f"{layout.out}: the input's records of chunk {chunk.index} differ from those the "
                         "earlier run analysed (the input changed); run without --resume to start again")


def _collect(pool: _Pool, pending: dict, count, progress: Progress) -> None:
    """Wait for at least one chunk in flight; count each finished one and let go of its task and result."""
    done, _ = pool.wait_first(list(pending))
    for future in done:
        size = pending.pop(future)
        record = future.result()
        pool.release(future)
        count(record)
        progress.update(size)


def _count_records(source) -> int | None:
    """How many records `source` holds, when that is cheap to know (for the time left)."""
    if str(source) == "-":
        return None
    path = Path(source)
    try:
        if path.is_dir():
            texts, tables, bad = folder_entries(path)
            return len(texts) + len(bad) + sum(pq.ParquetFile(p).metadata.num_rows for p in tables)
        if not path.is_file():
            return None
        if path.suffix == ".parquet":
            return pq.ParquetFile(path).metadata.num_rows
        if path.suffix == ".jsonl":
            with path.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
    except (OSError, RuntimeError, pa.ArrowException):
        return None  # the loader reports the problem when it reads the file
    return None


def _write_errors(layout: Layout) -> None:
    with atomic_open(layout.out / "errors.csv", "w", encoding=CSV_ENCODING, newline="") as handle:
        pd.DataFrame(columns=ERROR_COLUMNS).to_csv(handle, index=False)
        for path in layout.done_records():
            errors = _read_json(path, "a chunk record")["errors"]
            if errors:
                spreadsheet_safe(pd.DataFrame(errors, columns=ERROR_COLUMNS)).to_csv(handle, index=False, header=False)


def _write_csv_tables(layout: Layout) -> None:
    """Each table as one CSV file for spreadsheets (`output.spreadsheet_safe`), written part by part
    (memory stays bounded)."""
    for name in TABLES:
        with atomic_open(layout.out / f"{name}.csv", "w", encoding=CSV_ENCODING, newline="") as handle:
            for number, path in enumerate(layout.parts(name)):
                spreadsheet_safe(to_pandas(_read_part(path))).to_csv(handle, index=False, header=number == 0)


def read_tables(out: str | Path, *, names: Iterable[str] = TABLES) -> dict[str, pd.DataFrame]:
    """The tables `names` (default: all) a run wrote into `out`, as pandas DataFrames (in memory)."""
    layout = Layout(Path(out))
    return {name: to_pandas(pa.concat_tables([_read_part(p) for p in layout.parts(name)])) for name in names}


def _read_part(path: Path) -> pa.Table:
    try:
        return pq.read_table(path)
    except (OSError, pa.ArrowException) as error:
        raise InputError(f"{path}: a part file is damaged ({excerpt(str(error), 80)}); "
                         "run again without --resume") from None


def _write_report(layout: Layout, shown: list[Article]) -> str:
    """`report.html` and its charts for a small run, showing the articles `shown` in full; returns its path."""
    from . import report

    shown_tables = ("articles", "quotes", "sources", "events")  # the report reads no sentence or timex
    tables = {**read_tables(layout.out, names=shown_tables),
              **{name: empty_table(name) for name in TABLES if name not in shown_tables}}
    analysis = Analysis(**tables, texts={article.id: article for article in shown})
    return str(report.write(analysis, layout.out, max_articles=len(shown), corpus_link="corpus.html"))


def _write_corpus_report(layout: Layout) -> str:
    """`corpus.html`, its charts and the tables behind them (`corpus/*.csv`), for a run of any size."""
    from . import corpus_report

    return str(corpus_report.write(layout.out))
