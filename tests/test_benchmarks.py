"""The benchmark script still runs against the current library (a smoke test, not a timing)."""
from __future__ import annotations

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
    run = benchmark_script("run")
    old = tmp_path / "performance.md"
    old.write_text(page, encoding="utf-8")
    kept = run.kept_sections(old, "# Performance\n\nnew numbers\n")
    assert kept.startswith("# Performance\n\nnew numbers\n") and "intro" not in kept
    assert kept.rstrip("\n").endswith(tone.END) and tone.OTHER_SECTIONS == run.OTHER_SECTIONS
