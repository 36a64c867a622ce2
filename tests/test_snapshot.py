"""The seed article's six tables, cell for cell, against a committed snapshot (tests/snapshots/seed-*.csv).

A change to the data model or to speed must leave every cell as it was. When a rule changes on
purpose, write the snapshot again and review the diff like code:

    .venv/bin/python tests/test_snapshot.py --write
"""
import dataclasses
import sys
from pathlib import Path

import pytest

import presslens
from presslens.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "snapshots"


def seed_csv() -> dict[str, str]:
    """Every table of the seed article as CSV text (floats in full precision)."""
    seed = presslens.load(ROOT / "seeds")[0]
    seed = dataclasses.replace(seed, origin=Path(seed.origin).relative_to(ROOT).as_posix())  # no machine path
    analysis = presslens.analyze(seed)
    return {name: table.to_csv(index=False, lineterminator="\n") for name, table in analysis.tables().items()}


@pytest.fixture(scope="module")
def tables():
    return seed_csv()


@pytest.mark.parametrize("name", TABLES)
def test_the_seed_table_is_the_snapshot_cell_for_cell(name, tables):
    expected = (SNAPSHOTS / f"seed-{name}.csv").read_text(encoding="utf-8")
    assert tables[name].splitlines() == expected.splitlines(), (
        f"seed {name} table changed; if on purpose: .venv/bin/python tests/test_snapshot.py --write")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    SNAPSHOTS.mkdir(exist_ok=True)
    for table_name, text in seed_csv().items():
        (SNAPSHOTS / f"seed-{table_name}.csv").write_text(text, encoding="utf-8")
        print(f"wrote {SNAPSHOTS / f'seed-{table_name}.csv'}")
