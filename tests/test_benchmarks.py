"""The benchmark script still runs against the current library (a smoke test, not a timing)."""
from __future__ import annotations

import pytest
from conftest import ROOT, benchmark_script

import presslens


def test_stage_times_and_floor_run_on_the_seed():
    run = benchmark_script("run")
    seed = presslens.load(str(ROOT / "seeds"))[0]
    articles = [presslens.Article(id=f"s{i}", text=seed.text) for i in range(2)]
    spent = run.stage_times(articles)
    assert list(spent) == list(run.STAGES) and all(seconds > 0 for seconds in spent.values())
    assert run.floor_time(articles) > 0


def test_tone_benchmark_runs_and_keeps_the_rest_of_the_page(tmp_path):
    tone = benchmark_script("tone")
    seconds = tone.cpu_seconds(["It was not good.", "A great victory."] * 3, rounds=1)
    assert set(seconds) == {"vader", "vader+conflict", "ensemble"} and all(s >= 0 for s in seconds.values())
    text = tone.section({"x": {"vader": 1.0, "vader+conflict": 1.1, "ensemble": 1.5}}, {"x": 10})
    assert "1.50x" in text and "missed by 1.15x" in text
    page = tone.replace_section("# Performance\n\nintro\n", text)
    assert page.startswith("# Performance\n\nintro\n") and page.count(tone.BEGIN) == 1
    again = tone.replace_section(page, text.replace("1.50x", "1.20x"))
    assert again.count(tone.BEGIN) == 1 and "1.20x" in again and "intro" in again
    fresh = tone.section({"x": {"vader": 1.0, "vader+conflict": 1.1, "ensemble": 1.5}}, {"x": 10},
                         fresh=(100, {"vader": 1.0, "vader+conflict": 1.2, "ensemble": 2.0}))
    assert "Fresh text: one pass over the 100 sentences" in fresh and "| ensemble | 2.00 | 50 | 2.00x |" in fresh
    run = benchmark_script("run")
    old = tmp_path / "performance.md"
    old.write_text(page, encoding="utf-8")
    kept = run.kept_sections(old, "# Performance\n\nnew numbers\n")
    assert kept.startswith("# Performance\n\nnew numbers\n") and "intro" not in kept
    assert kept.rstrip("\n").endswith(tone.END) and tone.OTHER_SECTIONS == run.OTHER_SECTIONS


def test_the_fresh_text_pass_is_left_out_without_the_evaluation_data(monkeypatch):
    tone = benchmark_script("tone")
    monkeypatch.setattr(tone, "POLNEAR", [])
    assert tone.fresh_sentences() == [] and tone.fresh_seconds() == (0, {})


def test_the_instruction_budget_reads_the_target_off_its_table(tmp_path):
    tone = benchmark_script("tone")
    costs = {"vader": 100.0, "vader+conflict": 120.0, "ensemble": 180.0, "ensemble without its word lists": 126.0,
             "NLTK's own VADER": 870.0}
    text = tone.budget_section(costs, 2000, "NYT snippets")
    assert text.startswith(tone.BUDGET_BEGIN) and text.rstrip().endswith(tone.BUDGET_END)
    assert "| ensemble | 180 | 1.80x |" in text and "| NLTK's own VADER | 870 | 8.70x |" in text
    assert "would still be 1.26x" in text and "may cost 0.04x vader at most; today they cost 0.54x" in text
    timed = tone.section({"x": {"vader": 1.0, "vader+conflict": 1.1, "ensemble": 1.5}}, {"x": 10})
    page = tone.replace_section(tone.replace_section("# Performance\n", timed), text,
                                begin=tone.BUDGET_BEGIN, end=tone.BUDGET_END)
    again = tone.replace_section(page, text.replace("1.80x", "1.70x"), begin=tone.BUDGET_BEGIN, end=tone.BUDGET_END)
    assert again.count(tone.BUDGET_BEGIN) == 1 and "1.70x" in again and timed in again


def test_each_counted_variant_scores_and_the_lists_come_back(monkeypatch):
    tone = benchmark_script("tone")
    from presslens import sentiment

    word_lists = sentiment._word_lists
    monkeypatch.setattr(sentiment, "_word_lists", word_lists)  # undone after the test, as the stub variant sets it
    monkeypatch.setattr(sentiment, "_hu_liu_names", sentiment._hu_liu_names)
    for variant in tone.VARIANTS:
        tone.score_in_budget(variant, 3)
    assert sentiment._word_lists is not word_lists and sentiment._word_lists(["good"]) == (0.0, 0.0)


def test_the_instruction_count_needs_valgrind(monkeypatch, capsys):
    tone = benchmark_script("tone")
    monkeypatch.setattr(tone.shutil, "which", lambda name: None)
    assert tone.main(["--instructions", "--print", "--count", "5"]) == 2
    assert capsys.readouterr().err.strip() == "tone: valgrind is not installed (Debian: apt-get install valgrind)"
    with pytest.raises(SystemExit) as stopped:
        tone.main(["--instructions", "--count", "0"])
    assert stopped.value.code == 2 and "not a whole number of at least 1: '0'" in capsys.readouterr().err


def test_the_hand_written_sections_below_the_marker_survive_a_new_report(tmp_path):
    run = benchmark_script("run")
    old = tmp_path / "performance.md"
    old.write_text(f"# Performance\n\nold numbers\n\n{run.OTHER_SECTIONS}\n\n## Through the CLI, one core\n\n"
                   "| code | CPU s |\n\n## Dask memory\n\nflat\n", encoding="utf-8")
    kept = run.kept_sections(old, "# Performance\n\nnew numbers\n")
    assert "old numbers" not in kept and kept.startswith("# Performance\n\nnew numbers\n")
    assert kept.index("## Through the CLI") < kept.index("## Dask memory") and kept.endswith("flat\n")
    assert "Through the CLI" in run.PAGE_NOTE  # the top of the page points to them


def test_growth_exponent_is_the_slope_of_log_cost_against_log_length():
    run = benchmark_script("run")
    linear = [{"characters": n, "cpu": 0.002 * n} for n in (1024, 10_240, 102_400)]
    square = [{"characters": n, "cpu": 1e-9 * n * n} for n in (1024, 10_240, 102_400)]
    assert round(run.growth_exponent(linear), 6) == 1.0 and round(run.growth_exponent(square), 6) == 2.0


def test_length_costs_run_on_short_articles_and_report_the_exponent():
    run = benchmark_script("run")
    assert len(run.long_article(3).text) == 3 * 1024
    points = run.length_costs([1, 2], batch_kb=2)
    assert [p["kb"] for p in points] == [1, 2] and [p["articles"] for p in points] == [2, 1]
    assert all(p["cpu"] > 0 for p in points)
    assert "Growth exponent" in "\n".join(run.length_lines(points))


def _run(engine, workers, size, rate, rss):
    return {"engine": engine, "workers": workers, "size": size, "limit": 60.0, "articles": size, "finished": True,
            "seconds": size / rate, "busy": size / rate, "rate": rate, "cpu_seconds": workers * size / rate,
            "peak_rss": rss[-1], "rss_by_chunk": rss, "root_rss_by_chunk": rss, "chunks": len(rss)}


def test_scale_report_compares_workers_and_sizes_and_projects_large_corpora():
    run = benchmark_script("run")
    mb = 2**20
    runs = [_run("local", 1, 100, 30.0, [300 * mb, 301 * mb]), _run("local", 1, 1000, 30.0, [300 * mb, 302 * mb]),
            _run("dask", 1, 100, 25.0, [500 * mb, 500 * mb]), _run("dask", 2, 100, 48.0, [800 * mb, 800 * mb]),
            _run("dask", 2, 1000, 48.0, [800 * mb, 1000 * mb])]
    text = "\n".join(run.scale_lines(runs, [100, 1000], 10) + run.scale_targets(runs, [100, 1000]))
    assert "1.92x" in text and "800 MB -> 1,000 MB" in text
    assert "(local, 1 worker(s)) from 100 to 1,000 articles: 301 MB -> 302 MB (+0.3%" in text
    assert "(dask, 2 worker(s)) from 100 to 1,000 articles: 800 MB -> 1,000 MB (+25.0%; target within 10%).** Missed" in text
    projection = "\n".join(run.projection_lines(runs, [100, 1000]))
    assert "24.0 seed-sized articles/s per Dask worker" in projection
    assert "| 1,000,000 | 1:26:48 |" in projection  # 1M / (24/s x 8 cores)
    assert run.projection_lines(runs[:2], [100, 1000]) == []  # no Dask runs: no projection


def test_stage_tables_show_ms_per_article_and_the_earlier_run_beside():
    run = benchmark_script("run")
    text = {"name": "Seed article", "articles": 10, "words": 4780, "total": 0.3, "floor": 0.05,
            "stages": {"tokenize": 0.1, "quotes": 0.2}}
    before = {"texts": [{**text, "total": 0.6, "floor": 0.05, "stages": {"tokenize": 0.2, "quotes": 0.4}}]}
    lines = run.stage_lines([text], before)
    assert "| tokenize | 0.10 | 10.00 | 100.0 | 47,800 | 20.00 |" in lines
    assert "| **full pipeline** | 0.30 | 30.00 | 33.3 | 15,933 | 60.00 |" in lines
    assert not any("before" in line for line in run.stage_lines([text]))


def test_a_run_stopped_before_its_first_chunk_has_no_estimate():
    run = benchmark_script("run")
    stopped = {**_run("dask", 2, 100, 1.0, [2**29]), "articles": 0, "rate": 0.0, "finished": False,
               "rss_by_chunk": [], "root_rss_by_chunk": []}
    row = run.scale_lines([stopped], [100, 1000], 10)[-2]
    assert row.endswith("| - | - | - |") and "512 MB" in row
