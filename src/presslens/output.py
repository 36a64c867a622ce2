"""Writing tables and files: text formats for the terminal, and atomic writes to disk.

Every file presslens writes appears whole or not at all: it is written to a temporary file in
the same folder and renamed into place only when complete.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pandas as pd

from .errors import printable

FORMATS = ("table", "csv", "jsonl")


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside `path`; renamed to `path` if the block succeeds, removed if not."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, OSError) and error.filename is None:  # a full disk: say which file it was
            error.filename = str(path)
        raise


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a file for writing that appears at `path` only once it is completely written."""
    with atomic_path(path) as temporary, open(temporary, mode, **kwargs) as handle:
        yield handle


def format_table(frame: pd.DataFrame, fmt: str = "table") -> str:
    """A table as text: aligned columns (`table`), `csv`, or JSON lines (`jsonl`)."""
    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "jsonl":
        if frame.empty:
            return ""
        text = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
        return text if text.endswith("\n") else text + "\n"
    if fmt == "table":  # for people at a terminal: control characters from the text are shown escaped
        if frame.empty:
            return "(no rows)\n"
        frame = frame.assign(**{column: frame[column].map(lambda v: printable(v) if isinstance(v, str) else v)
                                for column in frame.columns if not pd.api.types.is_numeric_dtype(frame[column])})
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60):
            return frame.to_string(index=False) + "\n"
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as CSV, atomically."""
    with atomic_open(path, "w", encoding="utf-8", newline="") as handle:
        frame.to_csv(handle, index=False)
    return Path(path)
