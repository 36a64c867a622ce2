"""presslens.corpus_report: the corpus views and the tables behind them, from a run's Parquet output."""
import base64
import re
import shutil
import tracemalloc

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, benchmark_script

from presslens import InputError, corpus, corpus_plots, corpus_report, corpus_svg

DEMO = ROOT / "notebooks" / "data"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """The made-up demo corpus analysed in chunks of 5 articles (3 chunks), with its summary."""
    out = tmp_path_factory.mktemp("demo-run")
    summary = corpus.run(DEMO / "demo-corpus.csv", out, profile=str(DEMO / "demo-profile.yaml"), chunk_size=5,
                         quiet=True)
    return out, summary


def test_a_run_writes_corpus_html_with_every_table_and_chart(demo_run):
    out, summary = demo_run
    assert summary["corpus_report"] == str(out / "corpus.html")
    for name in corpus_report.TABLES:
        assert (out / "corpus" / f"{name}.csv").stat().st_size > 0, name
    page = (out / "corpus.html").read_text(encoding="utf-8")
    embedded = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert len(embedded) == len(corpus_plots.CHARTS)
    for chart, data in zip(corpus_plots.CHARTS, embedded):  # each chart drawn once: the page shows the file
        svg = (out / "corpus" / f"{chart.name}.svg").read_bytes()
        assert b"<svg" in svg[:500] and base64.b64decode(data) == svg
    assert not list((out / "corpus").glob("*.png"))
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # nothing fetched from outside
    assert 'href="report.html"' in page and "12 articles from 2 outlet(s)" in page
    assert 'href="corpus.html"' in (out / "report.html").read_text(encoding="utf-8")  # and back


def test_the_charts_are_the_same_bytes_when_written_again(demo_run):
    out, _ = demo_run
    charts = {path.name: path.read_bytes() for path in (out / "corpus").glob("*.svg")}
    page = (out / "corpus.html").read_bytes()
    corpus_report.write(out)
    assert {path.name: path.read_bytes() for path in (out / "corpus").glob("*.svg")} == charts
    assert (out / "corpus.html").read_bytes() == page


def test_the_tables_add_up_to_the_run_tables(demo_run):
    out, _ = demo_run
    tables = corpus_report.compute(out)
    quotes, sources, events = (pd.read_parquet(out / f"{t}.parquet") for t in ("quotes", "sources", "events"))
    overall = tables["share_of_voice"]
    for dimension in corpus_report.DIMENSIONS:
        rows = overall[overall["dimension"] == dimension]
        assert rows["quotes"].sum() == len(quotes) and rows["sources"].sum() == len(sources)
        assert rows["share_of_voice"].sum() == pytest.approx(1, abs=1e-3)
    gender = overall[overall["dimension"] == "gender"].set_index("value")["words_quoted"]
    assert gender.to_dict() == sources.groupby("gender")["words_quoted"].sum().to_dict()
    top = tables["top_sources"]
    harbour = top[top["outlet"] == "Harbour Daily (invented)"].iloc[0]
    assert (harbour["name"], harbour["quotes"], harbour["articles"]) == ("Mara Lindqvist", 5, 3)
    assert tables["timeline_by_side"]["events"].sum() == len(events)
    assert tables["attribution_by_side"]["quotes"].sum() == len(quotes)
    assert tables["articles_by_period"]["articles"].sum() == 12
    assert set(tables["share_of_voice_by_period"]["period_kind"]) == {"month"}  # January to June


def test_chunks_do_not_change_the_tables(demo_run, tmp_path):
    out, _ = demo_run
    whole = tmp_path / "whole"
    for table in ("articles", "sources", "quotes", "events"):
        parts = sorted((out / f"{table}.parquet").glob("part-*.parquet"))
        assert len(parts) == 3
        (whole / f"{table}.parquet").mkdir(parents=True)
        pq.write_table(pa.concat_tables([pq.read_table(p) for p in parts]), whole / f"{table}.parquet" / "part-00000.parquet")
    chunked, merged = corpus_report.compute(out), corpus_report.compute(whole)
    for name in corpus_report.TABLES:
        pd.testing.assert_frame_equal(chunked[name], merged[name], check_dtype=False, obj=name)


def test_period_follows_the_span():
    import datetime as dt

    day = dt.date(2020, 1, 1)
    assert corpus_report.choose_period(day, day + dt.timedelta(days=60)) == "week"
    assert corpus_report.choose_period(day, day + dt.timedelta(days=400)) == "month"
    assert corpus_report.choose_period(day, day + dt.timedelta(days=20 * 365)) == "year"
    assert corpus_report.choose_period(None, None) == "month"


def test_bad_calls_are_one_line_errors(tmp_path, demo_run):
    with pytest.raises(InputError, match="no articles.parquet"):
        corpus_report.compute(tmp_path)
    with pytest.raises(InputError, match="period 'day'"):
        corpus_report.compute(demo_run[0], period="day")


def test_memory_does_not_grow_with_the_number_of_chunks(tmp_path):
    views = benchmark_script("corpus_views")
    peaks = {}
    for chunks in (20, 80):  # past MERGE_EVERY, so partial counts are merged on the way
        # few days and names: what the views keep (counts per day, per name) is full after a few chunks
        out = views.synthetic_output(tmp_path / str(chunks), chunks * 20, chunk_size=20, days=10, family_names=5)
        corpus_report.compute(out)  # warm caches and imports
        tracemalloc.start()
        corpus_report.compute(out)
        peaks[chunks] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        shutil.rmtree(out)
    # four times the chunks: about the same peak (1.0-1.3x seen); without merging partial counts 3.4x
    assert peaks[80] < 2 * peaks[20], peaks


def test_a_run_without_quotes_or_dates_still_gets_its_corpus_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Quiet day\n\nThe sun rose over the hills and nothing happened.\n", encoding="utf-8")
    corpus.run(folder, tmp_path / "out", quiet=True)
    tables = corpus_report.compute(tmp_path / "out")
    assert tables["share_of_voice"].empty and tables["articles_by_period"]["period"].tolist() == ["(no date)"]
    assert "1 articles from 1 outlet(s)" in (tmp_path / "out" / "corpus.html").read_text(encoding="utf-8")


def test_the_charts_are_well_formed_svg_with_the_corpus_names(demo_run, tmp_path):
    import xml.etree.ElementTree as ET

    out, _ = demo_run
    for chart in corpus_plots.CHARTS:
        root = ET.fromstring((out / "corpus" / f"{chart.name}.svg").read_bytes())
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and float(root.get("width")) > 300, chart.name
    drawn = (out / "corpus" / "share_of_voice.svg").read_text(encoding="utf-8")
    assert "Harbour Daily (invented)" in drawn and "all outlets" in drawn
    assert "Mara Lindqvist" in (out / "corpus" / "top_sources.svg").read_text(encoding="utf-8")
    # text from the data is escaped: an outlet named like markup stays text
    tables = corpus_report.compute(out)
    odd = {name: frame.replace("Harbour Daily (invented)", "<b>&Harbour</b>") for name, frame in tables.items()}
    for chart in corpus_plots.CHARTS:
        svg = corpus_svg.CHARTS[chart.name](odd)
        ET.fromstring(svg)
        assert b"<b>" not in svg
    assert b"&lt;b&gt;&amp;Harbour&lt;/b&gt;" in corpus_svg.share_of_voice(odd)


def test_the_corpus_views_draw_without_matplotlib(demo_run):
    script = ("import sys; from presslens import corpus_report; corpus_report.write(sys.argv[1]); "
              "print('matplotlib' in sys.modules)")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", script, str(demo_run[0])], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
