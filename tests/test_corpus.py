"""Corpus runs: tables on disk, bad records, atomic parts and resume, equal results on every engine."""
import io
import json
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import presslens
from presslens import cli, corpus
from presslens.model import TABLES
from presslens.progress import Progress, format_duration, format_line

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_variants(count: int) -> list[dict]:
    """`count` different articles cut from the seed (its first k paragraphs), with metadata."""
    text = (SEEDS / "khaldiyeh-homs.txt").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    return [{"id": f"seed-{i:03d}", "text": "\n\n".join(paragraphs[: 2 + i % (len(paragraphs) - 1)]),
             "title": f"Variant {i}", "published": f"2013-07-{10 + i % 19:02d}", "outlet": "AFP"}
            for i in range(count)]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def read_table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(out / f"{name}.parquet")


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("input") / "corpus.jsonl", seed_variants(12))


@pytest.fixture(scope="module")
def local_run(corpus_file, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local")
    corpus.run(corpus_file, out, chunk_size=5, quiet=True)
    return out


def assert_same_tables(left: Path, right: Path) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(read_table(left, name), read_table(right, name), check_exact=True)


# ---- what a run writes ---------------------------------------------------------------------------

def test_run_writes_every_table_as_parts_with_a_summary_that_counts_them(local_run):
    summary = json.loads((local_run / "summary.json").read_text(encoding="utf-8"))
    assert (summary["articles"], summary["skipped"], summary["chunks"]) == (12, 0, 3)
    for name in TABLES:
        parts = sorted(p.name for p in (local_run / f"{name}.parquet").iterdir())
        assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
        assert summary["rows"][name] == len(read_table(local_run, name))
    assert list(read_table(local_run, "articles")["article_id"]) == [f"seed-{i:03d}" for i in range(12)]
    assert summary["rows"]["sentences"] > 12


def test_run_equals_the_in_memory_analysis(local_run):
    expected = presslens.analyze([presslens.from_text(r["text"], id=r["id"], title=r["title"],
                                                      published=r["published"], outlet=r["outlet"])
                                  for r in seed_variants(12)])
    written = read_table(local_run, "sentences")
    assert list(written["text"]) == list(expected.sentences["text"])
    assert list(written["start"]) == list(expected.sentences["start"])
    assert len(read_table(local_run, "quotes")) == len(expected.quotes)


def test_all_parts_of_a_table_share_one_schema(local_run):
    for name in TABLES:
        schemas = {pq.read_schema(p) for p in (local_run / f"{name}.parquet").iterdir()}
        assert len(schemas) == 1, name


def test_a_small_run_also_writes_csv_tables_and_the_report(local_run):
    assert (local_run / "report.html").is_file()
    for name in TABLES:
        assert len(pd.read_csv(local_run / f"{name}.csv")) == len(read_table(local_run, name))


def test_make_report_on_the_seed_folder_writes_the_report_and_csv(tmp_path):
    assert cli.main(["analyze", str(SEEDS), "--out", str(tmp_path), "--quiet"]) == 0
    assert (tmp_path / "report.html").is_file() and (tmp_path / "quotes.csv").is_file()
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert list(articles["article_id"]) == ["khaldiyeh-homs"] and articles["outlet"][0] == "AFP"


# ---- declared schemas ------------------------------------------------------------------------------

@pytest.mark.parametrize("frame", [
    pd.DataFrame(),  # a chunk with no article
    pd.DataFrame({"article_id": ["a"], "start_date": [float("nan")], "end_date": [None], "quote_id": [None]}),
], ids=["empty", "all-missing"])
def test_tables_follow_the_declared_schema_even_without_values(frame):
    declared = corpus.schemas()["events"]
    table = corpus.to_arrow(frame, declared)
    assert table.schema == declared and table.num_rows == len(frame)


def test_a_chunk_of_only_bad_records_writes_empty_parts_with_the_declared_schema(tmp_path):
    good = seed_variants(2)
    bad = [{"id": "x", "text": ""}, {"id": "y", "text": " "}]
    source = write_jsonl(tmp_path / "in.jsonl", [good[0], *bad, good[1]])
    summary = corpus.run(source, tmp_path / "out", chunk_size=1, quiet=True)
    assert (summary["articles"], summary["skipped"], summary["chunks"]) == (2, 2, 4)
    for name, declared in corpus.schemas().items():
        if name == corpus.ERROR_TABLE:
            continue
        parts = sorted((tmp_path / "out" / f"{name}.parquet").iterdir())
        assert len(parts) == 4 and all(pq.read_schema(p).equals(declared) for p in parts), name
        assert [pq.read_metadata(p).num_rows for p in parts][1:3] == [0, 0], name


# ---- bad records -----------------------------------------------------------------------------------

BAD_RECORDS = [  # (name, how the record is written, words the reason must contain)
    ("empty", lambda folder: (folder / "empty.txt").write_text("", encoding="utf-8"), "empty text"),
    ("blank", lambda folder: (folder / "blank.txt").write_text(" \n\n\t", encoding="utf-8"), "empty text"),
    ("binary", lambda folder: (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x00\x00\x01"), "binary"),
]


@pytest.mark.parametrize("name, write, reason", BAD_RECORDS, ids=[r[0] for r in BAD_RECORDS])
def test_a_bad_file_in_a_folder_is_skipped_and_logged(tmp_path, name, write, reason):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(seed_variants(1)[0]["text"], encoding="utf-8")
    write(folder)
    summary = corpus.run(folder, tmp_path / "out", quiet=True)
    assert (summary["articles"], summary["skipped"]) == (1, 1)
    errors = pd.read_csv(tmp_path / "out" / "errors.csv")
    assert list(errors["id"]) == [name] and reason in errors["reason"][0]
    assert list(read_table(tmp_path / "out", "articles")["article_id"]) == ["good"]


BAD_LINES = [  # (jsonl line, words the reason must contain)
    ('{"id": "no-text", "title": "x"}', "no 'text' field"),
    ('{"id": "cut", "text": "Unfinished', "not valid JSON"),
    ('["a", "list"]', "not a JSON object"),
    ('{"id": "nul", "text": "a\\u0000b"}', "binary data"),
    ('{"id": "date", "text": "Fine text.", "published": "yesterday"}', "unparseable published date"),
    ('{"id": "seed-000", "text": "Same id again."}', "duplicate id 'seed-000'"),
]


@pytest.mark.parametrize("line, reason", BAD_LINES, ids=[r[1] for r in BAD_LINES])
def test_a_bad_line_in_a_table_is_skipped_and_logged_with_its_line(tmp_path, line, reason):
    good = [json.dumps(r) for r in seed_variants(2)]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([good[0], line, good[1]]) + "\n", encoding="utf-8")
    summary = corpus.run(source, tmp_path / "out", chunk_size=2, quiet=True)
    assert (summary["articles"], summary["skipped"], summary["records"]) == (2, 1, 3)
    errors = pd.read_csv(tmp_path / "out" / "errors.csv")
    assert len(errors) == 1 and reason in errors["reason"][0] and errors["origin"][0].endswith("in.jsonl:2")
    assert list(read_table(tmp_path / "out", "articles")["article_id"]) == ["seed-000", "seed-001"]


def test_input_with_no_good_record_is_an_input_error_with_exit_code_2(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ""}, {"id": "b", "text": "  "}])
    assert cli.main(["analyze", str(source), "--out", str(tmp_path / "out")]) == 2
    assert "no articles to analyse (2 record(s) skipped" in capsys.readouterr().err
    assert len(pd.read_csv(tmp_path / "out" / "errors.csv")) == 2


@pytest.mark.parametrize("options, message", [
    (["--scheduler", "tcp://127.0.0.1:1"], "only with --engine dask"),
    (["--workers", "0"], "at least 1 worker"),
    (["--chunk-size", "0"], "at least 1 article"),
])
def test_bad_options_are_input_errors(tmp_path, capsys, options, message):
    assert cli.main(["analyze", str(SEEDS), "--out", str(tmp_path), *options]) == 2
    assert message in capsys.readouterr().err


# ---- interrupted runs and resume -------------------------------------------------------------------

class Crash(Exception):
    """Stands for a kill in the middle of writing."""


def crash_on_write(monkeypatch, after: int, error: type[BaseException] = Crash) -> None:
    """Make the `after`+1-th Parquet write fail half-way, after some bytes hit the temporary file."""
    real_write, calls = pq.write_table, []

    def write_then_crash(table, where, **kwargs):
        calls.append(where)
        if len(calls) > after:
            Path(where).write_bytes(b"PAR1 half")
            raise error()
        real_write(table, where, **kwargs)

    monkeypatch.setattr(corpus.pq, "write_table", write_then_crash)


@pytest.mark.parametrize("error", [Crash, KeyboardInterrupt], ids=["exception", "ctrl-c"])
def test_an_interrupted_run_leaves_only_whole_files_and_resume_finishes_it(corpus_file, local_run, tmp_path,
                                                                           monkeypatch, error):
    out = tmp_path / "out"
    crash_on_write(monkeypatch, after=len(TABLES) + 2, error=error)  # chunk 0 whole, chunk 1 cut after 2 tables
    with pytest.raises(error):
        corpus.run(corpus_file, out, chunk_size=5, quiet=True)
    monkeypatch.undo()
    files = [p for p in out.rglob("*") if p.is_file()]
    assert not (out / "summary.json").exists()
    assert all(not p.name.startswith(".") or p.parent.name == corpus.STATE_FOLDER for p in files)
    for part in out.glob("*.parquet/*"):
        pq.read_table(part)  # every part present is a whole Parquet file
    assert sorted(p.name for p in out.glob("*.parquet/*")) == ["part-00000.parquet"] * len(TABLES)
    assert len(list((out / corpus.STATE_FOLDER / "chunks").iterdir())) == 1

    analysed = []
    real_analyze = corpus.article_parts
    monkeypatch.setattr(corpus, "article_parts",
                        lambda a, *args, **options: analysed.append(a.id) or real_analyze(a, *args, **options))
    summary = corpus.run(corpus_file, out, chunk_size=5, resume=True, quiet=True)
    assert summary["chunks_resumed"] == 1 and summary["articles"] == 12
    assert analysed == [f"seed-{i:03d}" for i in range(5, 12)]  # chunk 0 was not analysed again
    assert_same_tables(out, local_run)


def test_resume_drops_parts_of_chunks_that_never_finished(corpus_file, local_run, tmp_path):
    corpus.run(corpus_file, tmp_path, chunk_size=5, quiet=True)
    (tmp_path / corpus.STATE_FOLDER / "chunks" / "chunk-00002.json").unlink()  # as if killed before the record
    stray = tmp_path / "quotes.parquet" / "part-00007.parquet"  # e.g. left by a run over a longer input
    stray.write_bytes((tmp_path / "quotes.parquet" / "part-00000.parquet").read_bytes())
    summary = corpus.run(corpus_file, tmp_path, chunk_size=5, resume=True, quiet=True)
    assert (summary["chunks_resumed"], summary["articles"]) == (2, 12) and not stray.exists()
    assert_same_tables(tmp_path, local_run)


def test_resume_refuses_a_folder_written_with_other_settings(corpus_file, tmp_path):
    corpus.run(corpus_file, tmp_path, chunk_size=5, quiet=True)
    with pytest.raises(presslens.InputError, match="different chunk_size"):
        corpus.run(corpus_file, tmp_path, chunk_size=4, resume=True, quiet=True)


def test_a_new_run_into_the_same_folder_removes_the_old_parts(corpus_file, tmp_path):
    corpus.run(corpus_file, tmp_path, chunk_size=2, quiet=True)
    corpus.run(corpus_file, tmp_path, chunk_size=6, quiet=True)
    assert len(list((tmp_path / "quotes.parquet").iterdir())) == 2
    assert len(read_table(tmp_path, "articles")) == 12


# ---- the same result on every engine --------------------------------------------------------------

def test_two_local_processes_give_the_same_tables(corpus_file, local_run, tmp_path):
    corpus.run(corpus_file, tmp_path, workers=2, chunk_size=5, quiet=True)
    assert_same_tables(tmp_path, local_run)


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster:
        yield cluster


def test_dask_with_a_local_cluster_of_two_processes_gives_the_same_tables(corpus_file, local_run, tmp_path,
                                                                         dask_cluster):
    summary = corpus.run(corpus_file, tmp_path, engine="dask", scheduler=dask_cluster.scheduler_address,
                         chunk_size=5, quiet=True)
    assert summary["engine"] == "dask" and summary["articles"] == 12
    assert_same_tables(tmp_path, local_run)


def test_a_joined_cluster_is_fed_for_its_own_size_not_workers(dask_cluster):
    with corpus._pool("dask", 1, dask_cluster.scheduler_address) as pool:
        assert pool.workers() == 2


def test_dask_engine_starts_its_own_cluster(corpus_file, local_run, tmp_path):
    pytest.importorskip("distributed")
    corpus.run(corpus_file, tmp_path, engine="dask", workers=2, chunk_size=5, quiet=True)
    assert_same_tables(tmp_path, local_run)


def test_a_long_dask_run_keeps_only_the_chunks_in_flight_and_no_worker_profile(corpus_file, tmp_path, monkeypatch):
    """What a Dask run holds does not grow with the chunks done: the client keeps the futures of the
    chunks in flight only (finished ones are released), and the workers of the cluster it starts keep
    no statistical profile (by default a snapshot of every stack each second for an hour: the memory a
    long run grew by)."""
    distributed = pytest.importorskip("distributed")
    held, profiles = [], []
    real = corpus._collect

    def collect(pool, pending, count, progress):
        client = distributed.default_client()
        held.append((len(client.futures), len(pending)))  # the chunks released earlier are gone by now
        real(pool, pending, count, progress)
        profiles.append(sum(client.run(lambda dask_worker: len(dask_worker.profile_history)).values()))

    monkeypatch.setattr(corpus, "_collect", collect)
    summary = corpus.run(corpus_file, tmp_path, engine="dask", workers=1, chunk_size=1, quiet=True)
    assert summary["chunks"] == len(held) == 12
    assert all(futures <= in_flight <= corpus.IN_FLIGHT_PER_WORKER for futures, in_flight in held), held
    assert profiles == [0] * 12


def test_analyze_a_dask_frame_gives_the_pandas_result_with_the_declared_schema(dask_cluster):
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    records = seed_variants(7) + [{"id": "blank", "text": "   ", "title": None, "published": None, "outlet": None}]
    frame = pd.DataFrame(records)
    expected = corpus.analyze_frame(frame)
    lazy = corpus.analyze_frame(dd.from_pandas(frame, npartitions=3))
    assert set(lazy) == set(TABLES) | {"errors"}
    with distributed.Client(dask_cluster):
        computed = dict(zip(lazy, __import__("dask").compute(*lazy.values())))
    for name, table in expected.items():
        result = computed[name].reset_index(drop=True)
        pd.testing.assert_frame_equal(result, table, check_exact=True)
        assert dict(lazy[name].dtypes) == dict(table.dtypes), name
    assert list(expected["errors"]["id"]) == ["blank"] and len(expected["articles"]) == 7


def test_analyze_a_dask_frame_analyses_each_partition_once():
    dd = pytest.importorskip("dask.dataframe")
    import dask

    analysed = []
    frame = dd.from_pandas(pd.DataFrame(seed_variants(4)), npartitions=2)
    real = corpus.article_parts
    corpus.article_parts = lambda a, *args, **options: analysed.append(a.id) or real(a, *args, **options)
    try:
        dask.compute(*corpus.analyze_frame(frame).values(), scheduler="sync")
    finally:
        corpus.article_parts = real
    assert sorted(analysed) == [f"seed-{i:03d}" for i in range(4)]


def test_analyze_needs_text_and_id_columns():
    with pytest.raises(presslens.InputError, match="no 'text' column"):
        corpus.analyze_frame(pd.DataFrame({"id": ["a"], "body": ["x"]}))


def test_dask_engine_without_dask_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(presslens.InputError, match=r"presslens\[scale\]"):
        corpus.run(SEEDS, tmp_path, engine="dask", quiet=True)


# ---- progress --------------------------------------------------------------------------------------

@pytest.mark.parametrize("done, total, seconds, expected", [
    (0, None, 0.0, "presslens: 0 articles | 0.0/s | 0:00 elapsed"),
    (1500, None, 10.0, "presslens: 1,500 articles | 150.0/s | 0:10 elapsed"),
    (300, 1200, 2.0, "presslens: 300/1,200 articles | 25% | 150.0/s | 0:06 left | 0:02 elapsed"),
    (1200, 1200, 8.0, "presslens: 1,200/1,200 articles | 100% | 150.0/s | 0:08 elapsed"),
])
def test_progress_line(done, total, seconds, expected):
    assert format_line(done, total, seconds) == expected


@pytest.mark.parametrize("seconds, expected", [(0, "0:00"), (59.6, "1:00"), (3599, "59:59"), (3600 * 26 + 61, "26:01:01")])
def test_durations(seconds, expected):
    assert format_duration(seconds) == expected


def test_progress_draws_in_a_notebook_by_default():
    kernel_stream = type("OutStream", (io.StringIO,), {"__module__": "ipykernel.iostream"})()
    with Progress(total=2, stream=kernel_stream, interval=0) as progress:
        progress.update(2)
    assert "2/2 articles | 100%" in kernel_stream.getvalue()
    quiet = type("OutStream", (io.StringIO,), {"__module__": "ipykernel.iostream"})()
    with Progress(total=2, stream=quiet, enabled=False) as progress:
        progress.update(2)
    assert quiet.getvalue() == ""


def test_progress_is_silent_off_a_terminal_unless_asked():
    silent = io.StringIO()
    with Progress(total=3, stream=silent) as progress:
        progress.update(3)
    assert silent.getvalue() == ""
    shown = io.StringIO()
    with Progress(total=3, stream=shown, enabled=True, interval=0) as progress:
        progress.update(1)
        progress.update(2)
    lines = shown.getvalue()
    assert lines.startswith("\rpresslens: 1/3 articles") and lines.endswith("\n")
    assert lines.count("\r") == 3 and "3/3 articles | 100%" in lines.split("\r")[-1]


def test_a_bad_time_mode_fails_before_any_work(corpus_file, tmp_path):
    with pytest.raises(presslens.InputError, match="mode: expected one of"):
        corpus.run(corpus_file, tmp_path / "out", mode="story", quiet=True)
    assert not (tmp_path / "out").exists()


# ---- what a run leaves behind (classb, issue 14) ---------------------------------------------------

TINY = [{"id": "a", "text": "The army said \"We have won.\" on Monday.", "published": "July 29, 2013"},
        {"id": "b", "text": "Rebels said the fight goes on.", "published": "29/07/2013"}]


def test_a_rerun_into_the_same_folder_leaves_only_what_it_wrote(tmp_path):
    import time

    from presslens.runfiles import WRITTEN

    source, out = write_jsonl(tmp_path / "in.jsonl", TINY), tmp_path / "out"
    corpus.run(source, out, quiet=True)
    listed = out / corpus.STATE_FOLDER / WRITTEN
    earlier = json.loads(listed.read_text(encoding="utf-8"))["files"]
    assert "report.html" in earlier and "quotes.parquet/part-00000.parquet" in earlier
    (out / "corpus" / "retired-chart.png").write_bytes(b"an earlier version's chart")
    listed.write_text(json.dumps({"files": [*earlier, "corpus/retired-chart.png"]}), encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")  # the user's own file stays
    started = time.time_ns()
    time.sleep(0.01)
    corpus.run(write_jsonl(tmp_path / "other.jsonl", TINY[1:]), out, quiet=True)
    left = {p.relative_to(out).as_posix(): p for p in out.rglob("*")
            if p.is_file() and p.relative_to(out).parts[0] != corpus.STATE_FOLDER}
    assert not (out / "corpus" / "retired-chart.png").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    stale = [name for name, path in left.items() if name != "notes.txt" and path.stat().st_mtime_ns < started]
    assert stale == []
    assert sorted(set(left) - {"notes.txt"}) == json.loads(listed.read_text(encoding="utf-8"))["files"]


def test_a_run_stopped_by_bad_input_leaves_no_state_folder(tmp_path):
    with pytest.raises(presslens.InputError, match="no such file"):
        corpus.run(tmp_path / "typo.jsonl", tmp_path / "new", quiet=True)
    assert not (tmp_path / "new").exists()
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "x", "text": ""}])
    with pytest.raises(presslens.InputError, match="no articles"):
        corpus.run(bad, tmp_path / "bad", quiet=True)
    assert [p.name for p in (tmp_path / "bad").iterdir()] == ["errors.csv"]  # the error message names it
    good = tmp_path / "good"
    corpus.run(write_jsonl(tmp_path / "in.jsonl", TINY), good, quiet=True)
    before = sorted(p.relative_to(good) for p in good.rglob("*"))
    with pytest.raises(presslens.InputError, match="no such file"):
        corpus.run(tmp_path / "typo.jsonl", good, quiet=True)  # a typo never costs the earlier results
    assert sorted(p.relative_to(good) for p in good.rglob("*")) == before


def test_output_files_get_the_users_umask_not_0600(tmp_path):
    import os
    import stat

    from presslens import output

    output.file_mode.cache_clear()
    previous = os.umask(0o027)
    try:
        corpus.run(write_jsonl(tmp_path / "in.jsonl", TINY), tmp_path / "out", quiet=True)
    finally:
        os.umask(previous)
        output.file_mode.cache_clear()
    modes = {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert modes == {0o640}


def test_analyze_ends_with_one_line_of_counts_and_where_the_report_is(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", [*TINY, {"id": "c", "text": "x", "published": "someday"}])
    assert cli.main(["analyze", str(source), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1  # no warnings on stderr: one line, the last
    assert lines[-1] == (f"presslens: 2 analysed, 1 skipped (see {tmp_path / 'out' / 'errors.csv'}); "
                         f"report: {tmp_path / 'out' / 'report.html'}")


def test_progress_line_counts_analysed_and_skipped_records():
    assert format_line(12, 20, 2.0, unit="records", skipped=2) == (
        "presslens: 12/20 records | 60% | 10 analysed, 2 skipped (see errors.csv) | 6.0/s | 0:01 left | 0:02 elapsed")
    shown = io.StringIO()
    with Progress(total=3, stream=shown, enabled=True, interval=0, unit="records", count_skipped=True) as progress:
        progress.skip(1)
        progress.update(3)
    assert "3/3 records | 100% | 2 analysed, 1 skipped (see errors.csv)" in shown.getvalue().split("\r")[-1]
