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
