"""Writing tables and files: text formats for the terminal, and atomic writes to disk.

Every file presslens writes appears whole or not at all: it is written to a temporary file in
the same folder and renamed into place only when complete.
"""
from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .errors import InputError, printable

if TYPE_CHECKING:  # pandas is imported where a table is written: `presslens --help` does without it
    import pandas as pd

__all__ = ["CSV_DECIMALS", "CSV_ENCODING", "FORMATS", "FORMULA_STARTS", "MIN_TEXT_WIDTH", "atomic_open",
           "atomic_path", "file_mode", "fit_to_width", "format_table", "select_columns", "spreadsheet_safe",
           "write_chunks", "write_csv"]

FORMATS = ("table", "wide", "csv", "jsonl")
#: The narrowest a text column is cut to when a `table` must fit the terminal.
MIN_TEXT_WIDTH = 20


@functools.lru_cache(maxsize=1)
def file_mode() -> int:
    """The permissions of a new file as `open()` makes them: 0o666 less the user's umask (read once)."""
    mask = os.umask(0o022)  # the only portable way to read the umask is to set it and put it back
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside `path`; renamed to `path` if the block succeeds, removed if not.

    The file gets the permissions any new file of the user gets (not the 0600 of a temporary file).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, file_mode())
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


def select_columns(frame: pd.DataFrame, columns: list[str] | None) -> pd.DataFrame:
    """The `columns` of `frame` in that order (all when None); `InputError` naming an unknown one."""
    if not columns:
        return frame
    unknown = [name for name in columns if name not in frame.columns]
    if unknown:
        raise InputError(f"--columns: no column {', '.join(map(repr, unknown))} "
                         f"(choose from {', '.join(map(str, frame.columns))})")
    return frame[list(dict.fromkeys(columns))]


def fit_to_width(frame: pd.DataFrame, preferred: list[str], width: int, *, drop: bool = True) -> pd.DataFrame:
    """The columns of `preferred` (those `frame` has, in that order) that fit in `width` characters
    as a `table`: long text is cut (to no less than `MIN_TEXT_WIDTH`, ending in "…"), then (with
    `drop`) columns are dropped from the end of `preferred` until every line fits; a `text` column
    (the words themselves) is kept to the last."""
    import pandas as pd

    names = [name for name in preferred if name in frame.columns] or list(frame.columns)
    shown = _printable_text(frame[names])
    while True:
        widths = {name: _column_width(shown[name], name) for name in names}
        excess = sum(widths.values()) + len(names) - 1 - width
        if excess <= 0:
            return shown[names]
        texts = [name for name in names if not pd.api.types.is_numeric_dtype(shown[name])
                 and widths[name] > MIN_TEXT_WIDTH]
        if texts:
            widest = max(texts, key=widths.get)
            limit = max(MIN_TEXT_WIDTH, widths[widest] - excess)
            shown = shown.assign(**{widest: shown[widest].map(lambda v: _cut(v, limit))})
        elif drop and len(names) > 1:
            names.remove(next(name for name in reversed(names) if name != "text"))
        else:
            return shown[names]


def _column_width(values: pd.Series, name: str) -> int:
    if values.empty:
        return len(str(name))
    return max(len(line) for line in values.to_frame().to_string(index=False).split("\n"))


def _cut(value, limit: int):
    return value[:limit - 1] + "…" if isinstance(value, str) and len(value) > limit else value


def _printable_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells with control characters shown escaped (a tab or an escape sequence cannot break the table)."""
    import pandas as pd

    return frame.assign(**{column: frame[column].map(lambda v: printable(v) if isinstance(v, str) else v)
                           for column in frame.columns if not pd.api.types.is_numeric_dtype(frame[column])})


def format_table(frame: pd.DataFrame, *, fmt: str = "table") -> str:
    """A table as text: aligned columns (`table`, or `wide`: the same), `csv`, or JSON lines (`jsonl`).

    Choose and fit the columns first (`select_columns`, `fit_to_width`); this writes what it gets.
    """
    import pandas as pd

    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "jsonl":
        if frame.empty:
            return ""
        text = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
        return text if text.endswith("\n") else text + "\n"
    if fmt in ("table", "wide"):  # for people at a terminal: control characters from the text are shown escaped
        if frame.empty:
            return "(no rows)\n"
        frame = _printable_text(frame)
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60):
            return frame.to_string(index=False) + "\n"
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


#: CSV files presslens writes are UTF-8 with a byte-order mark, so that Excel (which otherwise reads
#: a CSV file in the computer's legacy code page) shows curly quotes and accents; pandas, R and
#: LibreOffice read the mark as what it is. The CSV presslens prints (`--format csv`) has none.
CSV_ENCODING = "utf-8-sig"
#: Decimal places of the numbers with a fraction in a CSV file (shares, tones: 0.0976, not 0.0975609756097561).
CSV_DECIMALS = 4
#: What a spreadsheet takes for the start of a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as it goes into a CSV file for spreadsheets.

    Whole numbers stay whole (a column of counts or positions that pandas holds as floats because
    some are missing is written 2, not 2.0); other numbers are rounded to `CSV_DECIMALS` places; a
    text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
    so a spreadsheet shows it as text instead of running it as a formula. Numbers are never
    touched, so negative numbers (a tone of -0.5) stay numbers; only text that looks like one
    (the text "-5" in a text column) is shown with the `'`.
    """
    import numpy as np
    import pandas as pd

    columns = {}
    for name in frame.columns:
        values = frame[name]
        if pd.api.types.is_bool_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            continue
        if pd.api.types.is_float_dtype(values):
            present = values.dropna().to_numpy(dtype="float64")
            whole = bool(len(present)) and bool((np.isfinite(present) & (present == np.trunc(present))).all())
            columns[name] = values.astype("Int64") if whole else values.round(CSV_DECIMALS)
        elif values.dtype == object:
            columns[name] = values.map(_spreadsheet_cell).astype(object)
        elif pd.api.types.is_string_dtype(values):  # text or missing, nothing else: only the formula cells change
            cells = values.astype(object)
            formula = values.str.startswith(FORMULA_STARTS).fillna(False).to_numpy(dtype=bool)
            if formula.any():
                cells[formula] = ["'" + cell for cell in cells[formula]]
            columns[name] = cells
    return frame.assign(**columns) if columns else frame


def _spreadsheet_cell(value):
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as a CSV file for spreadsheets (`spreadsheet_safe`, `CSV_ENCODING`), atomically."""
    with atomic_open(path, "w", encoding=CSV_ENCODING, newline="") as handle:
        spreadsheet_safe(frame).to_csv(handle, index=False)
    return Path(path)


def write_chunks(chunks: Callable[[], Iterable[pd.DataFrame]], columns: list[str], fmt: str,
                 write: Callable[[str], None]) -> None:
    """Write a table that comes in pieces exactly as `format_table` writes the whole, one piece at a time.

    `chunks()` gives the pieces (their columns are `columns`, of integers or strings); it is called
    twice for `table`, whose column widths depend on every row.
    """
    import pandas as pd

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    widest = _widest_row(chunks(), columns) if fmt in ("table", "wide") else None
    first = True
    for chunk in chunks():
        if chunk.empty:
            continue
        if fmt in ("table", "wide"):
            lines = format_table(pd.concat([widest, chunk], ignore_index=True), fmt=fmt).split("\n")
            del lines[1 if first else slice(0, 2)]  # the row that sets the widths (and the header after the first)
            text = "\n".join(lines)
        else:
            text = format_table(chunk, fmt=fmt)
            if fmt == "csv" and not first:
                text = text.split("\n", 1)[1]
        write(text)
        first = False
    if first:
        write(format_table(pd.DataFrame(columns=columns), fmt=fmt))


def _widest_row(chunks: Iterable[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """One row holding, for each column, the value that prints widest in any piece."""
    import pandas as pd

    best: dict[str, tuple[int, object]] = {}
    for chunk in chunks:
        if chunk.empty:
            continue
        for column in columns:
            values = chunk[column]
            if pd.api.types.is_integer_dtype(values):
                widths = values.astype(str).str.len()
            else:  # `to_string` prints a tab or line break as two characters
                widths = values.str.len() + values.str.count("[\t\n\r]")
            where = int(widths.to_numpy().argmax())
            if column not in best or widths.iloc[where] > best[column][0]:
                best[column] = (int(widths.iloc[where]), values.iloc[where])
    return pd.DataFrame([[best[c][1] for c in columns]], columns=columns) if best else pd.DataFrame(columns=columns)

