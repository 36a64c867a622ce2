"""Read articles: a `.txt` file, a folder of them, a `.csv` / `.jsonl` / `.parquet` table, or stdin.

`load()` returns a list of `Article`; `iter_records()` streams raw records for large corpora;
`to_article()` turns one record into an `Article` or raises `InputError` naming the problem.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError
from .model import Article

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
# A record `iter_records` could not read carries the reason under this key; `to_article` raises it,
# so one bad file or line in a corpus is one bad record, not the end of the stream.
UNREADABLE = "__unreadable__"
METADATA_FILES = ("metadata.csv",)
_warned_cp1252: set[str] = set()


def decode(data: bytes, where: str) -> str:
    """Bytes to text: UTF-8 (BOM allowed), else cp1252 with one warning; NUL bytes are refused."""
    if b"\x00" in data:
        raise InputError(f"{where}: binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if where not in _warned_cp1252:
            _warned_cp1252.add(where)
            print(f"presslens: warning: {where} is not UTF-8; read as cp1252", file=sys.stderr)
        return data.decode("cp1252", errors="replace")


def parse_date(value, where: str) -> dt.date | None:
    """An ISO date (or datetime) string, a date, or empty; anything else is an `InputError`."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?", text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise InputError(f"{where}: unparseable published date {text!r} (expected YYYY-MM-DD)")


def split_title(text: str) -> str:
    """The title of a plain-text article: its first line, when a blank line follows it."""
    match = re.match(r"[ \t]*([^\r\n]+?)[ \t]*\r?\n[ \t]*\r?\n", text)
    return match.group(1) if match else ""


def to_article(record: dict, where: str) -> Article:
    """One record (`id`, `text`, optional `title`, `published`, `outlet`, `origin`) as an `Article`."""
    if UNREADABLE in record:
        raise InputError(record[UNREADABLE])
    text = record.get("text")
    if text is None or (isinstance(text, float) and text != text):
        text = ""
    if isinstance(text, bytes):
        text = decode(text, where)
    text = str(text)
    if "\x00" in text:
        raise InputError(f"{where}: binary data (NUL bytes), not text")
    if not text.strip():
        raise InputError(f"{where}: empty text")
    title = record.get("title")
    title = "" if title is None or (isinstance(title, float) and title != title) else str(title)
    outlet = record.get("outlet")
    outlet = "" if outlet is None or (isinstance(outlet, float) and outlet != outlet) else str(outlet)
    return Article(
        id=str(record.get("id") or "article"),
        text=text,
        title=title,
        published=parse_date(record.get("published"), where),
        outlet=outlet,
        origin=str(record.get("origin") or where),
    )


def from_text(text: str, id: str = "text", title: str = "", published=None, outlet: str = "") -> Article:
    """An `Article` from a string (the title is taken from the first line when none is given)."""
    record = {"id": id, "text": text, "title": title or split_title(text), "published": published,
              "outlet": outlet, "origin": "<text>"}
    return to_article(record, f"text {id!r}")


def _read_txt(path: Path) -> dict:
    text = decode(path.read_bytes(), str(path))
    return {"id": path.stem, "text": text, "title": split_title(text), "origin": str(path)}


def _folder_metadata(folder: Path, follow_outside: bool = False) -> dict[str, dict]:
    for name in METADATA_FILES:
        path = folder / name
        if path.is_file():
            if not follow_outside and not _inside(path, folder):
                raise InputError(f"{path}: points outside {folder} (a link); refusing to follow it")
            with path.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
            if rows and "id" not in rows[0]:
                raise InputError(f"{path}: metadata has no 'id' column")
            return {row["id"]: row for row in rows}
    return {}


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _iter_folder(folder: Path, follow_outside: bool) -> Iterator[dict]:
    texts = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
    tables = sorted(p for p in folder.iterdir() if p.suffix == ".parquet")
    if not texts and not tables:
        raise InputError(f"{folder}: no .txt or .parquet files in this folder")
    for path in texts + tables:
        if not follow_outside and not _inside(path, folder):
            raise InputError(f"{path}: points outside {folder} (a link); refusing to follow it")
    metadata = _folder_metadata(folder, follow_outside)
    for path in texts:
        try:
            record = _read_txt(path)
        except InputError as error:
            yield {"id": path.stem, "origin": str(path), UNREADABLE: str(error)}
            continue
        extra = {k: v for k, v in metadata.get(record["id"], {}).items() if k in
                 ("title", "published", "outlet") and v}
        record.update(extra)
        yield record
    for path in tables:
        yield from _iter_table(path)


def _check_columns(columns, path: Path) -> None:
    if "text" not in columns:
        raise InputError(f"{path}: no 'text' column (found: {', '.join(map(str, columns)) or 'none'})")


def _iter_table(path: Path) -> Iterator[dict]:
    if path.suffix == ".csv":
        with path.open("rb") as raw:
            handle = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
            try:
                reader = csv.DictReader(handle)
                _check_columns(reader.fieldnames or [], path)
                for row_number, row in enumerate(reader, start=1):
                    yield {"id": row.get("id") or f"{path.stem}-{row_number}", **{k: v for k, v in row.items() if k != "id"},
                           "origin": f"{path}:{row_number}"}
            except UnicodeDecodeError as error:
                raise InputError(f"{path}: not UTF-8 text ({error.reason})") from None
            except csv.Error as error:
                raise InputError(f"{path}: malformed CSV ({error})") from None
    elif path.suffix == ".jsonl":
        with path.open("rb") as handle:
            for line_number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = {"id": f"{path.stem}-{line_number}", "origin": f"{path}:{line_number}"}
                try:
                    row = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError) as error:
                    yield {**where, UNREADABLE: f"{path}: line {line_number} is not valid JSON ({error})"}
                    continue
                if not isinstance(row, dict):
                    yield {**where, UNREADABLE: f"{path}: line {line_number} is not a JSON object"}
                    continue
                if "text" not in row:
                    yield {**where, UNREADABLE: f"{path}: line {line_number} has no 'text' field"}
                    continue
                row.setdefault("id", f"{path.stem}-{line_number}")
                row["origin"] = f"{path}:{line_number}"
                yield row
    else:
        try:
            import pyarrow.parquet as pq

            parquet = pq.ParquetFile(path)
        except Exception as error:  # pyarrow raises several types for a bad file
            raise InputError(f"{path}: not a readable Parquet file ({error})") from None
        _check_columns(parquet.schema_arrow.names, path)
        row_number = 0
        for batch in parquet.iter_batches(batch_size=4096):
            for row in batch.to_pylist():
                row_number += 1
                row.setdefault("id", None)
                row["id"] = row["id"] or f"{path.stem}-{row_number}"
                row["origin"] = f"{path}:{row_number}"
                yield row


def iter_records(source: str | Path, follow_outside: bool = False) -> Iterator[dict]:
    """Stream raw records from a file, a folder or `-` (stdin); nothing is validated yet."""
    if str(source) == "-":
        data = decode(sys.stdin.buffer.read(), "<stdin>")
        if data.lstrip().startswith("{"):
            for line_number, line in enumerate(data.splitlines(), start=1):
                if line.strip():
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as error:
                        raise InputError(f"<stdin>: line {line_number} is not valid JSON ({error})") from None
                    row.setdefault("id", f"stdin-{line_number}")
                    row["origin"] = f"<stdin>:{line_number}"
                    yield row
        else:
            yield {"id": "stdin", "text": data, "title": split_title(data), "origin": "<stdin>"}
        return
    path = Path(source)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        yield from _iter_folder(path, follow_outside)
    elif not path.is_file():  # a FIFO or device would block or never end
        raise InputError(f"{path}: not a regular file or folder")
    elif path.suffix in TABLE_SUFFIXES:
        yield from _iter_table(path)
    elif path.suffix in (".txt", ".text", "") or path.suffix not in TABLE_SUFFIXES:
        yield _read_txt(path)


def load(source: str | Path, follow_outside: bool = False) -> list[Article]:
    """Articles from a path (file or folder), `-` for stdin, or a string of article text.

    A string with a line break, or one that names no existing path and has no path-like
    ending, is taken as the text of one article.
    """
    if isinstance(source, str) and source != "-" and _looks_like_text(source):
        return [from_text(source)]
    articles, seen = [], set()
    for record in iter_records(source, follow_outside):
        where = record.get("origin") or str(source)
        article = to_article(record, where)
        if article.id in seen:
            raise InputError(f"{where}: duplicate id {article.id!r}")
        seen.add(article.id)
        articles.append(article)
    if not articles:
        raise InputError(f"{source}: no articles found")
    return articles


def _looks_like_text(value: str) -> bool:
    if "\n" in value or len(value) > 4096:
        return True
    if Path(value).exists():
        return False
    return not re.search(r"[/\\]|\.(txt|csv|jsonl|parquet)$", value)
