"""Corpus runs: analyse many articles, stream the tables to disk, report progress and faults.

(Stub: the streaming/Dask engine is issue 8; this minimal version writes CSV tables.)
"""
from __future__ import annotations

from pathlib import Path

from .loader import load
from .output import write_csv
from .pipeline import analyze


def run(source, out, profile="syria", lexicon="vader", engine="local", workers=1, scheduler=None,
        chunk_size=1000, csv=False, resume=False, quiet=False, follow_outside=False) -> Path:
    """Analyse `source` and write every table to `out` (CSV)."""
    result = analyze(load(source, follow_outside=follow_outside), profile=profile, lexicon=lexicon)
    out = Path(out)
    for name, table in result.tables().items():
        write_csv(table, out / f"{name}.csv")
    return out
