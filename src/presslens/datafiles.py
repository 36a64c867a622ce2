"""The rule and word-list files in `presslens/data/`: plain UTF-8 text with a `#` comment header."""
from __future__ import annotations

import csv
from importlib import resources

__all__ = ["lines", "numbered_rows", "rows", "text"]


def text(name: str) -> str:
    """The whole text of `data/<name>`."""
    return resources.files("presslens").joinpath(f"data/{name}").read_text(encoding="utf-8")


def lines(name: str, content: str | None = None) -> list[tuple[int, str]]:
    """(line number, line) of `data/<name>` (or of `content`, read as that file), without comment
    lines (`#`) and blank lines."""
    source = text(name) if content is None else content
    return [(number, line.rstrip("\r")) for number, line in enumerate(source.split("\n"), 1)
            if line.strip() and not line.lstrip().startswith("#")]


def numbered_rows(name: str, content: str | None = None) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of the CSV file `data/<name>` (or of `content`), values stripped."""
    numbered = lines(name, content)
    reader = csv.DictReader(line for _, line in numbered)
    return [(numbered[reader.line_num - 1][0], {key: (value or "").strip() for key, value in row.items()})
            for row in reader]


def rows(name: str) -> list[dict[str, str]]:
    """The rows of the CSV file `data/<name>` as dicts keyed by its header, values stripped."""
    return [{key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(line for _, line in lines(name))]
