"""Every table of the seed and of the PolNeAR dev texts, cell for cell and dtype for dtype, against
committed digests (tests/snapshots/table-digests.json): one SHA-256 per table of a canonical text.

The digests hold no text of the evaluation data. A change to the data model or to speed must leave
every digest as it was; when a rule changes on purpose, write them again (with ../shared present):

    .venv/bin/python tests/test_tables_identical.py --write
"""
import dataclasses
import hashlib
import json
import sys
from pathlib import Path

import pytest

import presslens
from presslens import corpus
from presslens.schema import TABLES, to_pandas

from conftest import benchmark_script

ROOT = Path(__file__).resolve().parents[1]
DIGESTS = ROOT / "tests" / "snapshots" / "table-digests.json"
POLNEAR_DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"


def canonical(table) -> str:
    """A DataFrame as text: its columns with their dtypes, then every cell (floats in full precision)."""
    header = "\n".join(f"{name}\t{dtype}" for name, dtype in table.dtypes.items())
    return header + "\n\n" + table.to_csv(index=False, lineterminator="\n")


def digest(table) -> str:
    return hashlib.sha256(canonical(table).encode("utf-8")).hexdigest()


def seed_articles() -> list[presslens.Article]:
    seed = presslens.load(ROOT / "seeds")[0]
    return [dataclasses.replace(seed, origin=Path(seed.origin).relative_to(ROOT).as_posix())]


def polnear_articles(path: Path = POLNEAR_DEV) -> list[presslens.Article]:
    """The distinct PolNeAR dev documents with text, in file order, read as `benchmarks/run.py` reads them."""
    return benchmark_script("run").polnear_articles(path)


# Made-up edge cases: no quotes and no dates, no publication date, an empty quote table beside a full one.
EDGE_TEXTS = (
    ("plain", "A short note without any quotes or dates in it.", None),
    ("dated", 'The mayor said on Monday that "taxes will fall." She added that the plan was fair.', "2020-01-06"),
    ("headline", "Storm Hits Coast\n\nWinds of 100 km/h hit the coast last night, police said.", "2021-03-02"),
)


def edge_articles() -> list[presslens.Article]:
    return [presslens.from_text(text, id=name, published=published) for name, text, published in EDGE_TEXTS]


def edge_digests() -> dict[str, str]:
    """The edge cases analysed one by one (empty tables) and together."""
    found = digests("edge", edge_articles())
    for article in edge_articles():
        found.update(digests(f"edge-{article.id}", [article]))
    return found


def digests(name: str, articles: list[presslens.Article]) -> dict[str, str]:
    """The digest of every table from `analyze()` and from the corpus path (Arrow tables of one chunk)."""
    found = {f"{name}/{table}": digest(frame) for table, frame in presslens.analyze(articles).tables().items()}
    chunk = corpus.analyze_articles(articles)
    found.update({f"{name}/corpus/{table}": digest(to_pandas(chunk[table])) for table in TABLES})
    return found


@pytest.fixture(scope="module")
def committed() -> dict[str, str]:
    return json.loads(DIGESTS.read_text(encoding="utf-8"))


def _compare(found: dict[str, str], committed: dict[str, str]) -> None:
    changed = sorted(key for key, value in found.items() if committed.get(key) != value)
    assert not changed, (f"tables changed: {', '.join(changed)}; if on purpose: "
                         ".venv/bin/python tests/test_tables_identical.py --write")


def test_every_seed_table_keeps_its_cells_and_dtypes(committed):
    found = digests("seed", seed_articles())
    assert len(found) == 2 * len(TABLES)
    _compare(found, committed)


def test_every_edge_case_table_keeps_its_cells_and_dtypes(committed):
    _compare(edge_digests(), committed)


def test_every_polnear_dev_table_keeps_its_cells_and_dtypes(shared_eval, committed):
    found = digests("polnear-dev", polnear_articles(shared_eval / "polnear" / "dev.jsonl"))
    _compare(found, committed)


def test_a_changed_cell_changes_the_digest():
    frame = presslens.analyze(seed_articles()).quotes
    changed = frame.copy()
    changed.loc[0, "compound"] = changed.loc[0, "compound"] + 1e-12
    retyped = frame.astype({"quote_id": "float64"})
    assert len({digest(frame), digest(changed), digest(retyped)}) == 3


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    if not POLNEAR_DEV.is_file():
        sys.exit(f"{POLNEAR_DEV.name} is not present: the digests need the PolNeAR dev texts")
    written = {**digests("seed", seed_articles()), **edge_digests(), **digests("polnear-dev", polnear_articles())}
    DIGESTS.write_text(json.dumps(written, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(written)} digests to {DIGESTS}")
