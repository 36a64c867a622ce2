"""The rule and word-list files in `presslens/data/`: plain UTF-8 text with a `#` comment header."""
from __future__ import annotations

import csv
from importlib import resources


def text(name: str) -> str:
    """The whole text of `data/<name>`."""
    return resources.files("presslens").joinpath(f"data/{name}").read_text(encoding="utf-8")


def lines(name: str) -> list[tuple[int, str]]:
    """(line number, line) of `data/<name>`, without comment lines (`#`) and blank lines."""
    return [(number, line.rstrip("\r")) for number, line in enumerate(text(name).split("\n"), 1)
            if line.strip() and not line.lstrip().startswith("#")]


def rows(name: str) -> list[dict[str, str]]:
    """The rows of the CSV file `data/<name>` as dicts keyed by its header, values stripped."""
    return [{key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(line for _, line in lines(name))]
