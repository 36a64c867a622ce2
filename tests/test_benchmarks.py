"""The benchmark script still runs against the current library (a smoke test, not a timing)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import presslens

ROOT = Path(__file__).resolve().parents[1]


def _load_run():
    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stage_times_and_floor_run_on_the_seed():
    run = _load_run()
    seed = presslens.load(str(ROOT / "seeds"))[0]
    articles = [presslens.Article(id=f"s{i}", text=seed.text) for i in range(2)]
    spent = run.stage_times(articles)
    assert list(spent) == list(run.STAGES) and all(seconds > 0 for seconds in spent.values())
    assert run.floor_time(articles) > 0
