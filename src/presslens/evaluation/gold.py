"""Reading gold files: every problem is one `InputError` naming the file and the line.

`read_text(path)` is the file's UTF-8 text (the first bad byte is named by line and byte offset),
`lines(path)` its numbered non-blank lines;
`number(value, where)` is a finite float, `label(value, labels, where)` one of a fixed set of
classes. `where` is the "file: line N" prefix of the message (`row(path, number)`).
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, excerpt

__all__ = ["label", "lines", "number", "read_text", "row"]


def row(path: str | Path, number: int) -> str:
    """How an error names line `number` of `path`."""
    return f"{path}: line {number}"


def read_text(path: str | Path) -> str:
    """The text of a gold file; `InputError` naming the line of the first byte that is not UTF-8."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(f"{row(path, line)}: not UTF-8 text (byte offset {error.start})") from None


def lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of a gold file's non-blank lines (split at "\\n" only, as the errors count)."""
    for number, line in enumerate(read_text(path).split("\n"), 1):
        if line.strip():
            yield number, line.removesuffix("\r")


def number(value, where: str) -> float:
    """`value` (text or a JSON number) as a finite float; `InputError` at `where` otherwise (NaN, inf, words)."""
    try:
        result = float(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else math.nan
    except ValueError:
        result = math.nan
    if not math.isfinite(result):
        raise InputError(f"{where}: expected a number, not {_shown(value)}")
    return result


def label(value, labels: tuple[int, ...], where: str) -> int:
    """`value` as one of the whole-number class `labels`; `InputError` at `where` otherwise."""
    result = number(value, where)
    if result not in labels:
        raise InputError(f"{where}: expected one of the labels {', '.join(map(str, labels))}, not {_shown(value)}")
    return int(result)


def _shown(value) -> str:
    return repr(value) if isinstance(value, (int, float)) else excerpt(value, 30)
