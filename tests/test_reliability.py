"""Issue 18: no silent wrong data, one bad record is one skipped record, a resume that can be trusted.

Each case is a test that failed before its fix. The "one bad record" cases run a real corpus of
2,500 records with the bad one at position 2,000; the good records share one text, so their
analysis is computed once and reused (the corpus machinery, the loader, the Parquet parts, the
CSV tables, errors.csv and the report all run for real on every record).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT

import presslens
from presslens import InputError, cli, corpus, loader, plots, report, timeline

CORPUS_SIZE, BAD_POSITION = 2_500, 2_000
GOOD_TEXT = "Talks resume\n\n“We will stay,” a resident of Homs told AFP on Monday."


# ---- silent wrong data: dates outside 1677-2262 ------------------------------------------------

HISTORY = ("Background\n\nIn 1453, Constantinople fell to the Ottomans. England was conquered in 1066. "
           "In May 1500, explorers sailed.")


def test_dates_of_history_keep_their_year_in_every_output(tmp_path):
    analysis = presslens.analyze(presslens.from_text(HISTORY, id="history", published="2013-07-29"))
    events = analysis.events.set_index("value")
    assert str(events["start_date"].dtype) == timeline.DATE_DTYPE
    assert {value: (str(row.start_date.date()), str(row.end_date.date())) for value, row in events.iterrows()} == {
        "1453": ("1453-01-01", "1453-12-31"), "1066": ("1066-01-01", "1066-12-31"),
        "1500-05": ("1500-05-01", "1500-05-31"), "2013-07-29": ("2013-07-29", "2013-07-29")}
    source = tmp_path / "history.jsonl"
    source.write_text(json.dumps({"id": "h", "text": HISTORY, "published": "2013-07-29"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(source), "--out", str(out), "--quiet"]) == 0
    stored = pd.read_parquet(out / "events.parquet")
    assert sorted(stored["start_date"].dt.year) == [1066, 1453, 1500, 2013]
    written = pd.read_csv(out / "events.csv")
    assert sorted(written["start_date"]) == ["1066-01-01", "1453-01-01", "1500-05-01", "2013-07-29"]
    assert "<td>1453</td>" in (out / "report.html").read_text(encoding="utf-8")  # the year, in words
    figure = plots.timeline_chart(analysis.events)
    years = sorted(int(t.get_text()) for t in _tick_labels(figure) if t.get_text().isdigit())
    assert years and years[0] <= 1100 and years[-1] >= 2000  # the axis spans the real years


def test_the_1500s_and_since_1066_keep_their_centuries():
    events = presslens.analyze(presslens.from_text("Background\n\nIn the 1500s, explorers sailed. Since 1066 it has "
                                                   "stood.", published="2013-07-29")).events
    spans = {(row.start_date.year, row.end_date.year) for row in events.itertuples()}
    assert {(1500, 1599), (1066, 1066)} <= spans  # not 2084 and 2235


def _tick_labels(figure):
    figure.canvas.draw()
    return figure.axes[0].get_xticklabels()


@pytest.mark.parametrize("first, last", [("0001-01-01", "0001-12-31"), ("9999-01-01", "9999-12-31")])
def test_the_first_and_last_years_of_the_calendar_chart_and_store(first, last):
    events = pd.DataFrame({"event_id": ["e1"], "kind": ["timex"], "label": ["edge"], "mod": [""],
                           "start_date": np.array([first], dtype="datetime64[D]").astype(timeline.DATE_DTYPE),
                           "end_date": np.array([last], dtype="datetime64[D]").astype(timeline.DATE_DTYPE),
                           "in_quote": [False]})
    report._figure_png(plots.timeline_chart(events, published=dt.date(2013, 7, 29)))
    table = pa.Table.from_pandas(events)
    assert str(table.to_pandas()["start_date"].iloc[0].date()) == first


# ---- silent wrong data: decoding ---------------------------------------------------------------

UTF8_ARTICLE = "“We won,” the commander said. ‘Quiet’ now — residents said."


def test_one_stray_byte_is_repaired_alone_with_one_warning_naming_the_offset(tmp_path, capsys):
    data = UTF8_ARTICLE.encode("utf-8")
    offset = data.index(b" now")
    path = tmp_path / "stray.txt"
    path.write_bytes(data[:offset] + b"\x92" + data[offset:])
    (article,) = presslens.load(path)
    assert article.text == UTF8_ARTICLE.replace(" now", "\ufffd now")
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and "stray.txt" in err and f"byte offset {offset}" in err
    quotes = presslens.analyze(article).quotes
    assert "We won" in list(quotes["text"])


def test_a_file_cut_in_its_last_character_is_still_utf8(tmp_path, capsys):
    path = tmp_path / "cut.txt"
    path.write_bytes("The minister said it was over.".encode() + "“".encode()[:2])
    (article,) = presslens.load(path)
    assert article.text == "The minister said it was over.\ufffd"
    assert "byte offset 30" in capsys.readouterr().err


def test_a_file_that_is_not_utf8_at_all_is_cp1252(tmp_path, capsys):
    path = tmp_path / "old.txt"
    path.write_bytes("“We won”, the café owner said.".encode("cp1252"))
    assert presslens.load(path)[0].text == "“We won”, the café owner said."
    assert "read as cp1252" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path, encoding):
    path = tmp_path / "wide.txt"
    data = UTF8_ARTICLE.encode(encoding)
    if encoding.endswith("-be"):
        data = ("\ufeff" + UTF8_ARTICLE).encode(encoding)
    path.write_bytes(data)
    assert presslens.load(path)[0].text == UTF8_ARTICLE


# ---- silent wrong data: non-string values ------------------------------------------------------

NON_TEXT = [  # (jsonl record, words of the reason)
    ({"id": "list", "text": ["a", "list"]}, "'text' is a list, not text"),
    ({"id": "int", "text": 12345}, "'text' is an int, not text"),
    ({"id": "struct", "text": {"body": "x"}}, "'text' is a dict, not text"),
    ({"id": False, "text": "A fine article."}, "'id' is a bool"),
    ({"id": ["x"], "text": "A fine article."}, "'id' is a list"),
    ({"id": "t", "text": "A fine article.", "title": ["x"]}, "'title' is a list, not text"),
]


@pytest.mark.parametrize("record, reason", NON_TEXT, ids=[r[0]["id"] if isinstance(r[0]["id"], str) else
                                                          f"id-{r[0]['id']}" for r in NON_TEXT])
def test_non_string_values_are_skipped_records_not_their_repr(tmp_path, record, reason):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=reason.replace("(", r"\(")):
        presslens.load(source)


def test_an_id_of_zero_is_kept(tmp_path):
    (article,) = presslens.load(_jsonl([{"id": 0, "text": "Zero is an id."}], tmp_path / "zero.jsonl"))
    assert article.id == "0"
    frame = pd.DataFrame({"id": [0, 1], "text": ["Zero is an id.", "So is one."]})
    assert list(corpus.analyze_frame(frame)["articles"]["article_id"]) == ["0", "1"]


def test_a_parquet_struct_text_is_a_skipped_record(tmp_path):
    table = pa.table({"id": ["a", "b"], "text": pa.array([{"body": "x"}, {"body": "y"}])})
    pq.write_table(table, tmp_path / "s.parquet")
    records = list(loader.iter_records(tmp_path / "s.parquet"))
    with pytest.raises(InputError, match="'text' is a dict"):
        loader.to_article(records[0], records[0]["origin"])


def test_an_unterminated_csv_quote_is_a_skipped_record_not_an_invented_article(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text('id,text\na,"First article."\nb,"Never closed.\nc,Third article.\nd,Fourth.\n', encoding="utf-8")
    records = list(loader.iter_records(path))
    assert [r["id"] for r in records] == ["a", "cut-2"]
    assert "never closed" in records[1][loader.UNREADABLE] and "line 3" in records[1][loader.UNREADABLE]


def _jsonl(records, path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# ---- one bad record is one skipped record ------------------------------------------------------

@pytest.fixture
def shared_analysis(monkeypatch):
    """The good records all share one text: analyse it once (with the real `analyze_articles`) and give
    each good article those Arrow tables under its own id and origin. Every other article (the bad one)
    goes through the real `analyze_articles` in its place in the chunk, and everything after the
    analysis (Parquet parts, done-records, errors.csv, CSV tables, both reports) runs for real."""
    real, templates = corpus.analyze_articles, {}

    def analyze_articles(articles, *, profile=None, lexicon=corpus.DEFAULT_LEXICON, on_article=None,
                         failed=None, **options):
        pieces = []
        for article in articles:
            if (article.text, article.title, article.published, article.outlet) != GOOD_KEY:
                pieces.append(real([article], profile=profile, lexicon=lexicon, on_article=on_article, failed=failed,
                                   **options))
                continue
            key = (profile, lexicon, tuple(sorted(options.items())))
            if key not in templates:
                templates[key] = real([article], profile=profile, lexicon=lexicon, **options)
            pieces.append({name: _as_article(table, article) for name, table in templates[key].items()})
            if on_article is not None:
                on_article(1)
        return {name: pa.concat_tables([piece[name] for piece in pieces]).combine_chunks() for name in corpus.TABLES}

    monkeypatch.setattr(corpus, "analyze_articles", analyze_articles)


GOOD_KEY = (GOOD_TEXT, "", dt.date(2013, 7, 29), "AFP")


def _as_article(table: pa.Table, article) -> pa.Table:
    """A template article's table with the id (and, in `articles`, the origin) of `article`."""
    for column, value in (("article_id", article.id), ("origin", article.origin)):
        index = table.schema.get_field_index(column)
        if index >= 0:
            table = table.set_column(index, table.schema.field(index), pa.array([value] * table.num_rows,
                                                                                 table.schema.field(index).type))
    return table


def good_record(number: int) -> dict:
    return {"id": f"r{number}", "text": GOOD_TEXT, "published": "2013-07-29", "outlet": "AFP"}


def jsonl_corpus(path: Path, bad_line: str) -> Path:
    lines = [json.dumps(good_record(n)) for n in range(1, CORPUS_SIZE + 1)]
    lines[BAD_POSITION - 1] = bad_line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def csv_corpus(path: Path, bad_row: bytes) -> Path:
    rows = [f'r{n},"{GOOD_TEXT}",2013-07-29,AFP'.encode() for n in range(1, CORPUS_SIZE + 1)]
    rows[BAD_POSITION - 1] = bad_row
    path.write_bytes(b"id,text,published,outlet\n" + b"\n".join(rows) + b"\n")
    return path


def run_corpus(source: Path, out: Path, articles: int = CORPUS_SIZE - 1, skipped: int = 1, *,
               resume: bool = False) -> pd.DataFrame:
    """Run `presslens analyze` on `source` (chunks of 1,000), then again with `--resume` when asked (it
    used to stop on the bad record again); check the counts; returns errors.csv."""
    assert cli.main(["analyze", str(source), "--out", str(out), "--quiet"]) == 0
    if resume:
        assert cli.main(["analyze", str(source), "--out", str(out), "--quiet", "--resume"]) == 0
        assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["chunks_resumed"] == 3
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["articles"], summary["skipped"]) == (articles, skipped)
    assert len(pd.read_parquet(out / "articles.parquet")) == articles
    assert (out / "report.html").is_file() and not (out / corpus.INCOMPLETE_NOTE).exists()
    errors = pd.read_csv(out / "errors.csv", keep_default_na=False)
    assert len(errors) == skipped
    return errors


SURROGATE = "\\ud800"
BAD_JSONL_LINES = {  # case: (line at position 2,000, words of the reason)
    "lone surrogate in text": (f'{{"id": "bad", "text": "Broken {SURROGATE} text."}}', "not valid Unicode"),
    "lone surrogate in id": (f'{{"id": "bad{SURROGATE}", "text": "Fine text."}}', "not valid Unicode"),
    "lone surrogate in title": (f'{{"id": "bad", "text": "Fine text.", "title": "T{SURROGATE}"}}', "not valid Unicode"),
    "nested 100,000 deep": ('{"id": "bad", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    "text is a list": ('{"id": "bad", "text": ["a", "b"]}', "'text' is a list"),
}


@pytest.mark.parametrize("case", list(BAD_JSONL_LINES))
def test_one_bad_jsonl_record_in_2500_is_one_skipped_record(tmp_path, shared_analysis, case):
    line, reason = BAD_JSONL_LINES[case]
    errors = run_corpus(jsonl_corpus(tmp_path / "in.jsonl", line), tmp_path / "out", resume=case == "text is a list")
    assert reason in errors["reason"][0] and errors["origin"][0].endswith(f"in.jsonl:{BAD_POSITION}")
    if "surrogate in id" in case:  # the id is written printable, not as an invalid character
        assert errors["id"][0] == "bad\\ud800"


SENTINELS = {"first day": ("0001-01-01", "It was founded last year, a month ago, on Monday, last century."),
             "last day": ("9999-12-31", "It opens tomorrow, next week, next year and in the next decade.")}


@pytest.mark.parametrize("case", list(SENTINELS))
def test_a_sentinel_publication_date_is_one_skipped_record(tmp_path, shared_analysis, case):
    """0001-01-01 or 9999-12-31 stands for "no date": the record is skipped with the reason (resolving
    "on Monday" against it gave the date 0001-01-01, "in March" the year 0)."""
    published, text = SENTINELS[case]
    line = json.dumps({"id": "sentinel", "text": text, "published": published})
    errors = run_corpus(jsonl_corpus(tmp_path / "in.jsonl", line), tmp_path / "out")
    assert f"published date {published} is a placeholder" in errors["reason"][0]
    assert errors["id"][0] == "sentinel" and errors["origin"][0].endswith(f"in.jsonl:{BAD_POSITION}")


def test_timex_with_a_sentinel_published_date():
    err = one_line_error(["timex", "-", "--published", "0001-01-01"], stdin="It happened last year and a month ago.")
    assert "--published: published date 0001-01-01 is a placeholder" in err


MATHTEXT = "“$a^^b$ is $\\frac{ broken,” said $a^^b$ on Monday in June 2013, a $\\frac{ spokesman."


def test_mathtext_in_an_article_never_loses_the_report(tmp_path, shared_analysis):
    """Text with dollar signs is ordinary news ("$5 or $10"): it is analysed, and every chart label is
    escaped (the issue's fix), so there is nothing to skip: 2,500 articles, no error line."""
    line = json.dumps({"id": "math", "text": MATHTEXT, "published": "2013-07-29"})
    run_corpus(jsonl_corpus(tmp_path / "in.jsonl", line), tmp_path / "out", articles=CORPUS_SIZE, skipped=0)
    assert (tmp_path / "out" / "timeline.png").is_file()


def test_a_side_label_in_mathtext_and_100kb_long_is_drawn_escaped_and_cut(tmp_path):
    profile = tmp_path / "p.yaml"
    long_side = "x" * 100_000
    profile.write_text(f"name: hostile\nsides:\n  '$a^^b$': [resident]\n  ? '{long_side}'\n  : [commander]\n",
                       encoding="utf-8")
    text = "“We will stay,” a resident said. “We won,” the commander said."
    analysis = presslens.analyze(presslens.from_text(text, published="2013-07-29"), profile=str(profile))
    assert set(analysis.quotes["side"]) == {"$a^^b$", long_side}
    for chart in (plots.share_of_voice, plots.tone_by_side, plots.quote_positions, plots.attribution_by_side):
        figure = chart(analysis.quotes)
        figure.canvas.draw()
        width, height = figure.get_size_inches() * figure.dpi
        png = report._figure_png(figure)
        assert len(png) < 500_000 and width < 2000 and height < 2000
    assert plots.chart_text("$a^^b$") == r"\$a^^b\$" and len(plots.chart_text(long_side)) == plots.LABEL_LIMIT


def test_a_chart_that_fails_leaves_the_report(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("cannot draw")

    monkeypatch.setattr(plots, "timeline_chart", broken)
    analysis = presslens.analyze(presslens.from_text(HISTORY, published="2013-07-29"))
    with pytest.warns(RuntimeWarning, match="timeline chart could not be drawn"):
        path = report.write(analysis, tmp_path)
    assert path.is_file() and not (tmp_path / "timeline.png").exists()


def test_a_chart_that_fails_in_a_corpus_run_keeps_its_report_and_summary(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("cannot draw")

    monkeypatch.setattr(plots, "share_of_voice", broken)
    out = tmp_path / "out"
    with pytest.warns(RuntimeWarning, match="could not be drawn"):
        assert cli.main(["analyze", str(small_corpus(tmp_path / "in.jsonl")), "--out", str(out), "--quiet"]) == 0
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["articles"] == 6
    assert (out / "report.html").is_file() and not (out / corpus.INCOMPLETE_NOTE).exists()


def test_a_csv_field_over_128_kib_is_an_ordinary_article(tmp_path, shared_analysis):
    long_text = ("The army said the siege went on. " * 5_000).strip()
    assert len(long_text) > 128 * 1024
    row = f'r{BAD_POSITION},"{long_text}",2013-07-29,AFP'.encode()
    run_corpus(csv_corpus(tmp_path / "in.csv", row), tmp_path / "out", articles=CORPUS_SIZE, skipped=0)


def test_one_non_utf8_byte_in_a_csv_is_one_skipped_record(tmp_path, shared_analysis):
    row = f'r{BAD_POSITION},"Caf'.encode() + b'\xe9 closed",2013-07-29,AFP'
    errors = run_corpus(csv_corpus(tmp_path / "in.csv", row), tmp_path / "out")
    assert "not valid Unicode" in errors["reason"][0] and errors["origin"][0].endswith(f"in.csv:{BAD_POSITION}")


def test_an_unterminated_quote_in_a_csv_costs_only_the_rest_of_the_file(tmp_path, shared_analysis):
    row = f'r{BAD_POSITION},"Never closed,2013-07-29,AFP'.encode()
    errors = run_corpus(csv_corpus(tmp_path / "in.csv", row), tmp_path / "out", articles=BAD_POSITION - 1)
    assert "the rest of the file was not read" in errors["reason"][0]


def folder_corpus(folder: Path) -> Path:
    folder.mkdir()
    for number in range(1, CORPUS_SIZE + 1):
        (folder / f"r{number:04d}.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "metadata.csv").write_text("id,published,outlet\n" + "".join(
        f"r{n:04d},2013-07-29,AFP\n" for n in range(1, CORPUS_SIZE + 1)), encoding="utf-8")
    return folder


def _metadata_title_free(monkeypatch):
    """Folder records take their title from the first line; the shared analysis expects none."""
    monkeypatch.setattr(loader, "split_title", lambda text: "")


def test_an_unreadable_txt_in_a_folder_is_one_skipped_record(tmp_path, shared_analysis, monkeypatch):
    _metadata_title_free(monkeypatch)
    folder = folder_corpus(tmp_path / "in")
    unreadable = folder / f"r{BAD_POSITION:04d}.txt"
    real_read = Path.read_bytes

    def read_bytes(path):
        if path == unreadable:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    errors = run_corpus(folder, tmp_path / "out")
    assert "Permission denied" in errors["reason"][0] and errors["id"][0] == f"r{BAD_POSITION:04d}"


@pytest.mark.parametrize("case", ["fifo named .parquet", "symlink loop", "fifo named .txt"])
def test_special_files_in_a_folder_are_skipped_records(tmp_path, shared_analysis, monkeypatch, case):
    _metadata_title_free(monkeypatch)
    folder = folder_corpus(tmp_path / "in")
    if case == "symlink loop":
        (folder / "loop.txt").symlink_to(folder / "loop.txt")
    else:
        os.mkfifo(folder / ("x.parquet" if "parquet" in case else "x.txt"))
    start = time.process_time()
    errors = run_corpus(folder, tmp_path / "out", articles=CORPUS_SIZE)
    assert time.process_time() - start < 120
    assert ("link loop" if case == "symlink loop" else "not a regular file") in errors["reason"][0]


# ---- resume, locks, leftovers, workers ---------------------------------------------------------

def small_corpus(path: Path, count: int = 6) -> Path:
    return _jsonl([{"id": f"a{n}", "text": f"Article {n}: the army said it took the town.", "published": "2013-07-29"}
                   for n in range(count)], path)


def test_resume_refuses_an_input_that_grew_or_shrank(tmp_path):
    source, out = small_corpus(tmp_path / "in.jsonl"), tmp_path / "out"
    corpus.run(source, out, chunk_size=2, quiet=True)
    small_corpus(source, 4)
    with pytest.raises(InputError, match="changed since the run"):
        corpus.run(source, out, chunk_size=2, resume=True, quiet=True)


def test_resume_refuses_changed_records_even_with_the_same_size_and_time(tmp_path):
    source, out = small_corpus(tmp_path / "in.jsonl"), tmp_path / "out"
    corpus.run(source, out, chunk_size=2, quiet=True)
    status = source.stat()
    source.write_text(source.read_text(encoding="utf-8").replace("Article 1:", "Article X:"), encoding="utf-8")
    os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns))
    with pytest.raises(InputError, match="records of chunk 0 differ"):
        corpus.run(source, out, chunk_size=2, resume=True, quiet=True)


def test_resume_from_stdin_is_refused(tmp_path, capsys):
    assert cli.main(["analyze", "-", "--out", str(tmp_path / "out"), "--resume"]) == 2
    assert "cannot resume from stdin" in capsys.readouterr().err


def test_a_shorter_input_leaves_no_parts_of_the_longer_one(tmp_path):
    out = tmp_path / "out"
    corpus.run(small_corpus(tmp_path / "long.jsonl", 6), out, chunk_size=2, quiet=True)
    corpus.run(small_corpus(tmp_path / "short.jsonl", 3), out, chunk_size=2, quiet=True)
    assert sorted(p.name for p in (out / "quotes.parquet").iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    assert len(list((out / corpus.STATE_FOLDER / "chunks").iterdir())) == 2
    assert len(pd.read_csv(out / "articles.csv")) == 3


def test_a_folder_held_by_a_live_run_is_refused_and_a_dead_runs_lock_taken_over(tmp_path):
    source, out = small_corpus(tmp_path / "in.jsonl"), tmp_path / "out"
    lock = out / corpus.STATE_FOLDER / "lock"
    lock.parent.mkdir(parents=True)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock.write_text(f"{sleeper.pid} {__import__('socket').gethostname()}\n", encoding="utf-8")
        with pytest.raises(InputError, match=f"another presslens run \\(pid {sleeper.pid}"):
            corpus.run(source, out, quiet=True)
    finally:
        sleeper.kill()
        sleeper.wait()
    summary = corpus.run(source, out, quiet=True)  # the holder is dead now: its lock is taken over
    assert summary["articles"] == 6 and not lock.exists()


class Crash(Exception):
    pass


def test_an_aborted_run_never_leaves_the_previous_results_beside_its_state(tmp_path, monkeypatch):
    source, out = small_corpus(tmp_path / "in.jsonl"), tmp_path / "out"
    corpus.run(source, out, chunk_size=2, quiet=True)
    assert (out / "report.html").exists() and (out / "quotes.csv").exists()
    real = corpus.write_chunk
    calls = []

    def crash_after_one(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise Crash()
        return real(*args, **kwargs)

    monkeypatch.setattr(corpus, "write_chunk", crash_after_one)
    with pytest.raises(Crash):
        corpus.run(source, out, chunk_size=3, quiet=True)
    left = {p.name for p in out.iterdir()}
    assert corpus.INCOMPLETE_NOTE in left and "--resume" in (out / corpus.INCOMPLETE_NOTE).read_text(encoding="utf-8")
    assert not left & {"report.html", "summary.json", "errors.csv", "quotes.csv", "articles.csv", "timeline.png"}
    monkeypatch.undo()
    corpus.run(source, out, chunk_size=3, resume=True, quiet=True)
    assert corpus.INCOMPLETE_NOTE not in {p.name for p in out.iterdir()} and (out / "report.html").exists()


def test_an_empty_out_is_an_error(tmp_path, capsys):
    assert cli.main(["analyze", str(small_corpus(tmp_path / "in.jsonl")), "--out", ""]) == 2
    assert "--out is empty" in capsys.readouterr().err


DAMAGE = {
    "run.json": lambda out: (out / corpus.STATE_FOLDER / "run.json").write_text("{cut", encoding="utf-8"),
    "chunk record": lambda out: (out / corpus.STATE_FOLDER / "chunks" / "chunk-00001.json").write_text(
        '{"chunk": 1}', encoding="utf-8"),
    "part file": lambda out: (out / "quotes.parquet" / "part-00000.parquet").write_bytes(b"PAR1 not really"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_state_file_is_a_one_line_error_naming_it(tmp_path, capsys, case):
    source, out = small_corpus(tmp_path / "in.jsonl"), tmp_path / "out"
    corpus.run(source, out, chunk_size=2, quiet=True)
    DAMAGE[case](out)
    assert cli.main(["analyze", str(source), "--out", str(out), "--chunk-size", "2", "--resume", "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    name = {"run.json": "run.json", "chunk record": "chunk-00001.json", "part file": "part-00000.parquet"}[case]
    assert name in err and "damaged" in err and len(err.splitlines()) == 1


def _workers_of(pid: int, psutil) -> list:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _nothing_half_written(out: Path) -> None:
    """Every part file under `out` reads whole, and every done-record names parts that exist."""
    for part in out.glob("*.parquet/part-*.parquet"):
        pq.read_table(part)
    for done in (out / corpus.STATE_FOLDER / "chunks").glob("chunk-*.json"):
        record = json.loads(done.read_text(encoding="utf-8"))
        for name in record["rows"]:
            assert (out / f"{name}.parquet" / f"part-{record['chunk']:05d}.parquet").is_file(), (done, name)


ENGINE_KILLS = [("local", signal.SIGKILL), ("local", signal.SIGTERM), ("dask", signal.SIGKILL), ("dask", signal.SIGTERM)]


@pytest.mark.parametrize("engine, signal_number", ENGINE_KILLS, ids=[f"{e}-{s.name}" for e, s in ENGINE_KILLS])
def test_workers_end_with_their_parent(tmp_path, engine, signal_number):
    psutil = pytest.importorskip("psutil")
    if engine == "dask":
        pytest.importorskip("distributed")
    source = _jsonl([{"id": f"a{n}", "text": GOOD_TEXT * 4} for n in range(4_000)], tmp_path / "in.jsonl")
    out = tmp_path / "out"
    parent = subprocess.Popen([sys.executable, "-m", "presslens", "analyze", str(source), "--out", str(out),
                               "--engine", engine, "--workers", "2", "--chunk-size", "2", "--quiet"],
                              cwd=ROOT, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 180
        while not list((out / corpus.STATE_FOLDER / "chunks").glob("chunk-*.json")):  # the workers are at work
            assert time.monotonic() < deadline and parent.poll() is None, "the workers never started"
            time.sleep(0.2)
        workers = [p for p in _workers_of(parent.pid, psutil) if "python" in p.name()]
        assert len(workers) >= 2
        parent.send_signal(signal_number)
        parent.wait(timeout=60)
        gone, alive = psutil.wait_procs(workers, timeout=30)
        assert not alive, f"workers still running: {alive}"
        assert (out / corpus.INCOMPLETE_NOTE).exists()
        _nothing_half_written(out)
        if signal_number == signal.SIGTERM:
            assert parent.returncode == 143 and b"terminated" in parent.stderr.read()
    finally:
        if parent.poll() is None:
            parent.kill()
        parent.wait()


JOINED_CLUSTER = """
import sys, time, distributed
with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                              dashboard_address=None, silence_logs=40) as cluster:
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()
"""


def test_a_joined_clusters_workers_stay_and_the_dead_runs_chunk_is_abandoned_unwritten(tmp_path):
    """A joined cluster's workers are not ours to end; the run's own work there ends with the run: the
    chunk running when the run is killed stops at its next article and writes no part or done-record."""
    distributed = pytest.importorskip("distributed")
    source = _jsonl([{"id": f"a{n}", "text": GOOD_TEXT * 40} for n in range(3_000)], tmp_path / "in.jsonl")
    out = tmp_path / "out"
    cluster = subprocess.Popen([sys.executable, "-c", JOINED_CLUSTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    parent = None
    try:
        address = cluster.stdout.readline().strip()
        with distributed.Client(address, timeout="60s") as observer:
            parent = subprocess.Popen([sys.executable, "-m", "presslens", "analyze", str(source), "--out", str(out),
                                       "--engine", "dask", "--scheduler", address, "--chunk-size", "10000", "--quiet"],
                                      cwd=ROOT, stderr=subprocess.PIPE)

            def busy() -> int:
                return sum(observer.run(lambda dask_worker: len(dask_worker.active_threads)).values())

            deadline = time.monotonic() + 120
            while not busy():  # the one chunk is being analysed
                assert time.monotonic() < deadline and parent.poll() is None, "the chunk never started"
                time.sleep(0.2)
            parent.kill()
            parent.wait(timeout=60)
            deadline = time.monotonic() + 30
            while busy():
                assert time.monotonic() < deadline, "the dead run's chunk is still being analysed"
                time.sleep(0.2)
            assert sum(observer.nthreads().values()) == 1  # the cluster's worker is still there
        assert not list(out.glob("*.parquet/part-*")) and not list((out / corpus.STATE_FOLDER).glob("chunks/*"))
        assert (out / corpus.INCOMPLETE_NOTE).exists()
    finally:
        for process in (parent, cluster):
            if process is not None and process.poll() is None:
                process.kill()
            if process is not None:
                process.wait()


# ---- hostile profiles --------------------------------------------------------------------------

def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels + 1)]
    return "\n".join(f"{line.split(':')[0]}: &{line.split(':')[0]} {line.split(':', 1)[1].strip()}"
                     for line in lines) + f"\nsides:\n  bomb: *a{levels}\n"


HOSTILE_PROFILES = {  # case: (YAML text, words of the error)
    "alias bomb": (alias_bomb(), "expands to more than"),
    "nested 100,000 deep": ("sides: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than"),
    "over a megabyte": ("# " + "x" * (2 * 1024 * 1024) + "\nsides: {}\n", "more than a profile may have"),
    "python object tag": ("sides: !!python/object/apply:os.system ['echo pwned']\n", "not valid YAML"),
    "python name tag": ("sides: !!python/name:os.system\n", "not valid YAML"),
}


@pytest.mark.parametrize("case", list(HOSTILE_PROFILES))
def test_hostile_profiles_are_one_line_errors_at_bounded_cost(tmp_path, case):
    text, message = HOSTILE_PROFILES[case]
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    start = time.process_time()
    with pytest.raises(InputError, match=message) as error:
        presslens.analyze(presslens.from_text("“We won,” he said."), profile=str(path))
    assert time.process_time() - start < 10
    assert "\n" not in str(error.value) and len(str(error.value)) < 400
    assert "pwned" not in str(error.value) and "lol" not in str(error.value)


def test_an_untrusted_value_is_never_formatted_whole_into_an_error(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text("sides:\n  pro: " + "x" * 500_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="must be a list") as error:
        presslens.analyze(presslens.from_text("“We won,” he said."), profile=str(path))
    assert len(str(error.value)) < 400


# ---- errors that are promised as one line ------------------------------------------------------

def one_line_error(args, stdin: str | None = None) -> str:
    """Run the command line in this process (a fresh interpreter per case cost CI a second or two each;
    `test_eval_bad_number_and_no_nan_in_json` runs `python -m presslens` for real); returns stderr."""
    err, saved = io.StringIO(), sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                code = cli.main(args)
            except SystemExit as exit_:
                code = exit_.code
    finally:
        sys.stdin = saved
    assert code == 2, err.getvalue()
    assert len(err.getvalue().strip().splitlines()) == 1 and "Traceback" not in err.getvalue(), err.getvalue()
    return err.getvalue()


@pytest.mark.parametrize("case", ["not utf-8", "field over 128 KiB"])
def test_metadata_csv_problems(tmp_path, case):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The army said it took the town.", encoding="utf-8")
    if case == "not utf-8":
        (folder / "metadata.csv").write_bytes(b"id,title\na,Caf\xe9\n")
        assert "metadata.csv:1: not UTF-8" in one_line_error(["tokens", str(folder)])
    else:
        (folder / "metadata.csv").write_text("id,title\na," + "T" * 200_000 + "\n", encoding="utf-8")
        (article,) = presslens.load(folder)
        assert len(article.title) == 200_000


def test_a_stdin_jsonl_line_that_is_not_an_object():
    assert "<stdin>: line 2 is not a JSON object" in one_line_error(
        ["tokens", "-"], stdin='{"id": "a", "text": "Fine."}\n[1, 2]\n')


@pytest.mark.parametrize("address", ["tcp://host:99999", "tcp://ho st:1", "::::"])
def test_a_malformed_scheduler_address(tmp_path, address):
    err = one_line_error(["analyze", str(ROOT / "seeds"), "--out", str(tmp_path / "out"), "--engine", "dask",
                          "--scheduler", address])
    assert "not a scheduler address" in err


EVAL_INPUTS = {  # case: (file name, content, words of the error)
    "non-UTF-8 gold": ("gold.jsonl", b'{"text": "Caf\xe9", "attributions": []}\n', "not UTF-8"),
    "bad spans": ("gold.jsonl", b'{"text": "We won.", "attributions": [{"content": [{"start": "x", "end": 2}]}]}\n',
                  "gold.jsonl:1: an attribution has bad or missing spans"),
    "missing column": ("gold.jsonl", b'{"text": "We won.", "attributions": [{"content": [{"begin": 0}]}]}\n',
                       "gold.jsonl:1: an attribution has bad or missing spans"),
}


@pytest.mark.parametrize("case", list(EVAL_INPUTS))
def test_eval_input_problems(tmp_path, case):
    name, content, message = EVAL_INPUTS[case]
    (tmp_path / name).write_bytes(content)
    err = one_line_error(["eval", "quotes", "--polnear", str(tmp_path / name)])
    assert message in err and name in err


def test_eval_timex_gold_that_is_not_utf8(tmp_path):
    (tmp_path / "doc.tml").write_bytes(b'<?xml version="1.0"?><TimeML><TEXT>Caf\xe9 on Monday.</TEXT></TimeML>')
    err = one_line_error(["eval", "timex", "--gold", str(tmp_path)])
    assert "doc.tml" in err


GOOD_NYT = "1_1\t0.5\tThe army won.\n"
SEMEVAL_XML = '<corpus task="affective text"><instance id="1">Troops win</instance><instance id="2">Bombs kill</instance></corpus>'
TRIAL_HEADER = "id\theadline\tvalence\n"
NEWSMTSC_GOOD = '{"sentence": "Obama won.", "polarity": 1}\n'
POLNEAR_GOOD = '{"text": "We won.", "attributions": []}\n'
EVAL_ROWS = {  # case: (eval arguments, {file: content}, where the error must point)
    "NYT bad number": (["sentiment", "--nyt", "nyt.txt"], {"nyt.txt": GOOD_NYT + "1_2\tnot-a-number\tText.\n"},
                       "nyt.txt: line 2: expected a number"),
    "NYT NaN": (["sentiment", "--nyt", "nyt.txt"], {"nyt.txt": GOOD_NYT + "1_2\tnan\tText.\n"},
                "nyt.txt: line 2: expected a number"),
    "NYT infinity": (["sentiment", "--nyt", "nyt.txt"], {"nyt.txt": GOOD_NYT * 2 + "1_3\t-inf\tText.\n"},
                     "nyt.txt: line 3: expected a number"),
    "NYT not UTF-8": (["sentiment", "--nyt", "nyt.txt"], {"nyt.txt": (GOOD_NYT * 2).encode() + b"1_3\t1\tCaf\xe9\n"},
                      "nyt.txt: line 3: not UTF-8"),
    "SemEval gold bad number": (["sentiment", "--semeval", "."], {"t.xml": SEMEVAL_XML, "t.valence.gold": "1 60\n2 sixty\n"},
                                "t.valence.gold: line 2: expected a number"),
    "SemEval gold NaN": (["sentiment", "--semeval", "."], {"t.xml": SEMEVAL_XML, "t.valence.gold": "1 NaN\n2 -90\n"},
                         "t.valence.gold: line 1: expected a number"),
    "SemEval xml not UTF-8": (["sentiment", "--semeval", "."],
                              {"t.xml": b"<corpus>\n<instance id='1'>Caf\xe9</instance></corpus>", "t.valence.gold": "1 6\n"},
                              "t.xml: line 2: not UTF-8"),
    "SemEval trial bad number": (["sentiment", "--semeval", "."],
                                 {"trial.tsv": TRIAL_HEADER + "1\tTroops win\t60\n2\t\"Bombs\nkill\"\t-90\n3\tCalm\tx\n"},
                                 "trial.tsv: line 5: expected a number"),
    "SemEval trial missing column": (["sentiment", "--semeval", "."], {"trial.tsv": "id\theadline\n1\tTroops win\n"},
                                     "trial.tsv: line 2: expected the columns 'headline' and 'valence'"),
    "NewsMTSC polarity out of range": (["sentiment", "--newsmtsc", "."],
                                       {"dev_x_flat.jsonl": NEWSMTSC_GOOD + '{"sentence": "He lost.", "polarity": 7}\n'},
                                       "dev_x_flat.jsonl: line 2: expected one of the labels -1, 0, 1, not 7"),
    "NewsMTSC polarity not a number": (["sentiment", "--newsmtsc", "."],
                                       {"dev_x_flat.jsonl": NEWSMTSC_GOOD + '{"sentence": "He lost.", "polarity": "bad"}\n'},
                                       "dev_x_flat.jsonl: line 2: expected a number"),
    "NewsMTSC not UTF-8": (["sentiment", "--newsmtsc", "."], {"dev_x_flat.jsonl": NEWSMTSC_GOOD.encode() + b'{"s": "\xe9"}\n'},
                           "dev_x_flat.jsonl: line 2: not UTF-8"),
    "PolNeAR not UTF-8": (["quotes", "--polnear", "gold.jsonl"], {"gold.jsonl": POLNEAR_GOOD.encode() + b'{"text": "\xe9"}\n'},
                          "gold.jsonl: line 2: not UTF-8"),
    "PolNeAR negative span": (["quotes", "--polnear", "gold.jsonl"], {"gold.jsonl": POLNEAR_GOOD + (
        '{"text": "We won.", "attributions": [{"content": [{"start": -3, "end": 6}]}]}\n')},
        "gold.jsonl:2: an attribution has bad or missing spans"),
    "PolNeAR span past the text": (["quotes", "--polnear", "gold.jsonl"], {"gold.jsonl": (
        '{"text": "We won.", "attributions": [{"source": [{"start": 2, "end": 60}]}]}\n')},
        "gold.jsonl:1: an attribution has bad or missing spans"),
    "PolNeAR fractional span": (["quotes", "--polnear", "gold.jsonl"], {"gold.jsonl": (
        '{"text": "We won.", "attributions": [{"cue": [{"start": 0.5, "end": 2}]}]}\n')},
        "gold.jsonl:1: an attribution has bad or missing spans"),
}


@pytest.mark.parametrize("case", list(EVAL_ROWS))
def test_eval_input_problems_name_the_file_and_the_row(tmp_path, monkeypatch, capsys, case):
    arguments, files, where = EVAL_ROWS[case]
    for name, content in files.items():
        (tmp_path / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    monkeypatch.chdir(tmp_path)
    assert cli.main(["eval", *arguments]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and where in captured.err and len(captured.err.strip().splitlines()) == 1, captured.err


def test_eval_bad_number_and_no_nan_in_json(tmp_path):
    nyt = tmp_path / "nyt.txt"
    nyt.write_text("1\tnot-a-number\tThe army won.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "presslens", "eval", "sentiment", "--nyt", str(nyt)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "nyt.txt: line 1" in result.stderr
    nyt.write_text(GOOD_NYT, encoding="utf-8")  # one item: the correlation is undefined
    result = subprocess.run([sys.executable, "-m", "presslens", "eval", "sentiment", "--nyt", str(nyt)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "NaN" not in result.stdout and "Infinity" not in result.stdout
    json.loads(result.stdout)


def test_disk_full_names_the_file(tmp_path, monkeypatch, capsys):
    import errno

    real_open = open

    def full_disk_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        if "w" in mode and str(file).endswith(".part") and ".summary.json" in str(file):
            def write(*_):
                raise OSError(errno.ENOSPC, "No space left on device")
            handle.write = write
        return handle

    monkeypatch.setattr("builtins.open", full_disk_open)
    source = small_corpus(tmp_path / "in.jsonl")
    assert cli.main(["analyze", str(source), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert "No space left on device" in err and "summary.json" in err and len(err.splitlines()) == 1


def test_escape_sequences_never_reach_the_terminal_raw(tmp_path):
    hostile = tmp_path / "\x1b[31mred\x07.txt"
    hostile.write_bytes(b"")
    err = one_line_error(["tokens", str(hostile)])
    assert "\x1b" not in err and "\x07" not in err and "\\x1b[31mred\\x07.txt: empty text" in err


# ---- quadratic paths ---------------------------------------------------------------------------

adversarial = __import__("conftest").benchmark_script("adversarial")


def test_report_article_html_grows_linearly_with_the_quotes():
    """The highlighted article of 4x the quotes costs about 4x the CPU (it was 16x: every quote per piece)."""
    def cpu(kb: int) -> float:
        article = presslens.Article(id="adv", text=adversarial.adversarial_text("closed quotes", kb * 1024))
        quotes = presslens.analyze(article).quotes
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            report.article_html(article, quotes)
            best = min(best, time.process_time() - start)
        return best

    small, large = cpu(24), cpu(96)
    assert large / small < 4 * 1.6, f"4x the quotes cost {large / small:.1f}x the CPU"


def test_table_output_shows_control_characters_escaped():
    from presslens.output import format_table

    frame = pd.DataFrame({"text": ["red \x1b[31malert\x07 now"], "start": [0]})
    shown = format_table(frame, fmt="table")
    assert "\x1b" not in shown and "\x07" not in shown and "\\x1b[31malert" in shown
    assert format_table(frame, fmt="csv").count("\x1b") == 1  # data formats stay as they are
