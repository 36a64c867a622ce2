"""Read articles: a `.txt` file, a folder of them, a `.csv` / `.jsonl` / `.parquet` table, or stdin.

`load()` returns a list of `Article`; `iter_records()` streams raw records for large corpora;
`to_article()` turns one record into an `Article` or raises `InputError` naming the problem.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import io
import json
import re
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError, excerpt, printable
from .model import Article

__all__ = ["CSV_FIELD_LIMIT", "DATE_ORDERS", "MAX_PATH_CHARACTERS", "METADATA_COLUMNS", "METADATA_FILES",
           "PLACEHOLDER_YEARS", "TABLE_SUFFIXES", "TITLE_MAX_WORDS", "UNREADABLE", "decode", "folder_entries",
           "from_text", "iter_records", "load", "parse_date", "publication_date", "split_title", "to_article"]

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
MAX_PATH_CHARACTERS = 4096  # longer strings are not file names (Linux's PATH_MAX)
# A record `iter_records` could not read carries the reason under this key; `to_article` raises it,
# so one bad file or line in a corpus is one bad record, not the end of the stream.
UNREADABLE = "__unreadable__"
METADATA_FILES = ("metadata.csv",)
METADATA_COLUMNS = ("title", "published", "outlet", "profile")  # read from a folder's metadata.csv
_warned: set[str] = set()


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))  # UTF-32 LE starts like UTF-16 LE
_bad_bytes = threading.local()  # where the decoding error handler records the bad byte runs it replaced


def _replace_and_record(error: UnicodeDecodeError) -> tuple[str, int]:
    _bad_bytes.runs.append((error.start, error.end))
    return "\ufffd", error.end


codecs.register_error("presslens-replace", _replace_and_record)


def decode(data: bytes, where: str) -> str:
    """Bytes to text.

    A byte-order mark names the encoding (UTF-8, UTF-16 or UTF-32). Otherwise the text is UTF-8,
    and bytes that are not UTF-8 are replaced with U+FFFD, with one warning naming `where` and the
    byte offset of the first; only a file that is not UTF-8 at all (more bad bytes than valid
    non-ASCII characters, as in an old Windows file) is read as cp1252 as a whole. NUL characters
    mean binary data, an `InputError`.
    """
    bom, encoding = next(((bom, name) for bom, name in _BOMS if data.startswith(bom)), (b"", "utf-8"))
    if not bom and b"\x00" in data:
        raise InputError(f"{where}: binary data (NUL bytes), not text")
    _bad_bytes.runs = []
    text = data[len(bom):].decode(encoding, errors="presslens-replace")
    bad = [(start + len(bom), end + len(bom)) for start, end in _bad_bytes.runs]
    if "\x00" in text:
        raise InputError(f"{where}: binary data (NUL characters), not text")
    if not bad:
        return text
    bad_bytes = sum(end - start for start, end in bad)
    valid_non_ascii = sum(1 for character in text if character > "\x7f") - len(bad)
    cut_at_end = len(bad) == 1 and bad[0][1] == len(data)
    if not bom and valid_non_ascii < len(bad) and not cut_at_end:
        _warn_once(where, f"{where} is not UTF-8; read as cp1252")
        return data.decode("cp1252", errors="replace")
    _warn_once(where, f"{where}: {bad_bytes} byte(s) not valid {encoding.upper()[:6].rstrip('-')}, first at byte "
                      f"offset {bad[0][0]}; replaced with U+FFFD")
    return text


def _warn_once(where: str, message: str) -> None:
    """One line on stderr, once per file (the warning of a file read again is not repeated)."""
    if where not in _warned:
        _warned.add(where)
        print(f"presslens: warning: {printable(message)}", file=sys.stderr)


_MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME_OF_DAY = r"(?:(?:,|\s+at)?\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{1,5}|[+\-]\d{2}:?\d{2}|z)?)?"
_DATE_FORMS = (  # (pattern, order of the groups): every form a scraped `published` column commonly uses
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][0-9:.+\-z]*)?"), "ymd"),  # ISO: 2013-07-29, 2013-07-29T10:30Z
    (re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})" + _TIME_OF_DAY), "ymd"),  # 2013/07/29
    (re.compile(_WEEKDAY + r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TIME_OF_DAY), "mdy"),  # July 29, 2013
    (re.compile(_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})" + _TIME_OF_DAY), "dmy"),  # 29 July 2013
    (re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})" + _TIME_OF_DAY), "numeric"),  # 29/07/2013, 07/29/2013
)
DATE_ORDERS = ("mdy", "dmy")


def parse_date(value, where: str, *, date_order: str = "mdy") -> dt.date | None:
    """A publication date as a `date`; empty is None, anything unreadable an `InputError`.

    Read: ISO dates and datetimes (2013-07-29, 2013-07-29T10:30:00Z), 2013/07/29, dates with the
    month in words ("July 29, 2013", "Mon, 29 Jul 2013 10:30 GMT", "29th of July 2013") and numeric
    day and month with a four-digit year (29/07/2013, 07.29.2013). A numeric date is day first when
    its first number is over 12 and month first when its second is; when both could be the month
    (03/04/2013) `date_order` decides ("mdy", the default, or "dmy", as `--date-order` for dates in
    the text). Two-digit years, and dates that do not exist (31/02/2013), are unreadable.
    """
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = " ".join(str(value).split())
    for pattern, order in _DATE_FORMS:
        match = pattern.fullmatch(text.lower())
        if match is None:
            continue
        first, second, third = match.groups()
        if order == "numeric":
            a, b = int(first), int(second)
            day_first = a > 12 or (b <= 12 and date_order == "dmy")
            day, month, year = (a, b, third) if day_first else (b, a, third)
        elif order in ("mdy", "dmy"):
            month_name, day = (first, second) if order == "mdy" else (second, first)
            month, year = _MONTHS.get(month_name), third
            if month is None:
                continue
        else:
            year, month, day = first, second, third
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            break
    raise InputError(f"{where}: unparseable published date {excerpt(text)} "
                     "(expected a date such as 2013-07-29, July 29, 2013 or 29/07/2013)")


PLACEHOLDER_YEARS = (1, 9999)  # 0001-01-01 and 9999-12-31 stand for "no date" in many databases


def publication_date(value, where: str, *, date_order: str = "mdy") -> dt.date | None:
    """`parse_date`, refusing a placeholder in year 1 or 9999: no article is published then, and
    "last year" or "on Monday" resolved against it would be wrong dates."""
    published = parse_date(value, where, date_order=date_order)
    if published and published.year in PLACEHOLDER_YEARS:
        raise InputError(f"{where}: published date {published.isoformat()} is a placeholder, not a publication "
                         f"date (leave it empty when the date is unknown)")
    return published


TITLE_MAX_WORDS = 20  # a headline is short; a lede sentence runs to 25-40 words


def split_title(text: str) -> str:
    """The title of a plain-text article: its first line, when a blank line follows it and it looks
    like a headline (at most `TITLE_MAX_WORDS` words, no final full stop); otherwise "" (no title)."""
    match = re.match(r"[ \t]*([^\r\n]+?)[ \t]*\r?\n[ \t]*\r?\n", text)
    if not match:
        return ""
    line = match.group(1)
    ends_a_sentence = line.rstrip("\"'”’)]»").endswith(".")
    return "" if ends_a_sentence or len(line.split()) > TITLE_MAX_WORDS else line


_NOT_UNICODE = re.compile("[\ud800-\udfff]")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _text_field(record: dict, name: str, where: str) -> str:
    """A text field of a record: missing is "", a string is kept; anything else is refused."""
    value = record.get(name)
    if _missing(value):
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where}: '{name}' is {_a(value)}, not text")
    if _NOT_UNICODE.search(value):
        character = _NOT_UNICODE.search(value).group()
        raise InputError(f"{where}: '{name}' is not valid Unicode ({character.encode('unicode_escape').decode()}: "
                         "a byte that is not UTF-8 or a lone surrogate)")
    return value


def _a(value) -> str:
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def _record_id(record: dict, default: str, where: str) -> str:
    """A record's id as text: a string or a whole number (0 included); `default` when missing or empty."""
    value = record.get("id")
    if isinstance(value, str):
        return _text_field(record, "id", where) or default
    if _missing(value):
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not value.is_integer()):
        raise InputError(f"{where}: 'id' is {_a(value)}, not text or a whole number")
    return str(int(value))


def to_article(record: dict, where: str, *, date_order: str = "mdy") -> Article:
    """One record (`id`, `text`, optional `title`, `published`, `outlet`, `origin`) as an `Article`.

    `published` is read by `parse_date` (`date_order` settles 03/04/2013).

    `text`, `title` and `outlet` must be strings (`text` may be bytes) and `id` a string or a whole
    number; anything else (a list, a struct, a boolean) is an `InputError`, never its Python repr.
    """
    if UNREADABLE in record:
        raise InputError(record[UNREADABLE])
    if isinstance(record.get("text"), bytes):
        record = {**record, "text": decode(record["text"], where)}
    text = _text_field(record, "text", where)
    if "\x00" in text:
        raise InputError(f"{where}: binary data (NUL bytes), not text")
    if not text.strip():
        raise InputError(f"{where}: empty text")
    article_id = _record_id(record, "article", where)
    origin = record.get("origin")
    return Article(
        id=article_id,
        text=text,
        title=_text_field(record, "title", where),
        published=publication_date(record.get("published"), where, date_order=date_order),
        outlet=_text_field(record, "outlet", where),
        origin=str(origin) if isinstance(origin, str) and origin else where,
        profile=_text_field(record, "profile", where).strip(),
    )


def from_text(text: str, *, id: str = "text", title: str = "", published=None, outlet: str = "",
              profile: str = "") -> Article:
    """An `Article` from a string (the title is taken from the first line when none is given and it
    looks like one: see `split_title`); `profile` names its sides profile (default: neutral)."""
    record = {"id": id, "text": text, "title": title or split_title(text), "published": published,
              "outlet": outlet, "origin": "<text>", "profile": profile}
    return to_article(record, f"text {id!r}")


def _read_txt(path: Path) -> dict:
    text = decode(path.read_bytes(), str(path))
    return {"id": path.stem, "text": text, "title": split_title(text), "origin": str(path)}


# ---- CSV ---------------------------------------------------------------------------------------

CSV_FIELD_LIMIT = 256 * 1024 * 1024  # bytes in one CSV field; more is an unclosed quote, not an article


_NUL_STAND_IN = "\ufdd0"  # a Unicode noncharacter: never in text, so it can stand in for NUL


def _csv_rows(path: Path) -> Iterator[tuple[int, dict | list | str]]:
    """First (0, the header's column names), then (row number, row as a dict) for each row, or (row
    number, the reason) where quoting is broken (a quote never closed, or closed in the wrong place):
    that ends the file, since no later row boundary can be trusted. Bytes that are not UTF-8 become lone surrogates, which
    `to_article` refuses, so such a row is skipped alone."""
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    with path.open("rb") as raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        # Python before 3.11 cannot read a NUL in a CSV field: stand it in, and put it back in each row
        # (`to_article` then refuses the row as binary data, the row alone).
        lines = handle if sys.version_info >= (3, 11) else (line.replace("\0", _NUL_STAND_IN) for line in handle)
        reader = csv.reader(lines, strict=True)
        try:
            header = next(reader, None)
        except csv.Error as error:
            raise InputError(f"{path}: malformed CSV header ({error})") from None
        if header is None:
            raise InputError(f"{path}: empty CSV file (no header row)")
        if _NOT_UNICODE.search("".join(header)):
            raise InputError(f"{path}: the header row is not UTF-8 text")
        yield 0, header
        row_number = 0
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:  # past a broken quote no row boundary can be trusted
                row_number += 1
                problem = "a quoted field opened on line {} is never closed" if "end of data" in str(error) or \
                    "field limit" in str(error) else "malformed quoting from line {} on (%s)" % error
                yield row_number, f"{path}:{row_number}: {problem.format(line)}; the rest of the file was not read"
                return
            row_number += 1
            if lines is not handle:
                row = [value.replace(_NUL_STAND_IN, "\0") for value in row]
            yield row_number, {name: value for name, value in zip(header, row)}


def _folder_metadata(folder: Path, follow_outside: bool = False) -> dict[str, dict]:
    for name in METADATA_FILES:
        path = folder / name
        if path.is_file():
            if not follow_outside and not _inside(path, folder):
                raise InputError(f"{path}: points outside {folder} (a link); refusing to follow it")
            rows = {}
            lines = _csv_rows(path)
            if "id" not in next(lines)[1]:
                raise InputError(f"{path}: metadata has no 'id' column")
            for row_number, row in lines:
                if isinstance(row, str):
                    raise InputError(row)
                bad = next((key for key, value in row.items() if _NOT_UNICODE.search(key + value)), None)
                if bad is not None:
                    raise InputError(f"{path}:{row_number}: not UTF-8 text (in column {excerpt(bad)})")
                rows[row["id"]] = row
            return rows
    return {}


# ---- folders -----------------------------------------------------------------------------------

def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, RuntimeError, OSError):  # outside, or a link loop (the entry check reports it)
        return False


def _entry_problem(path: Path) -> str | None:
    """Why a folder entry cannot be read as a file (a link loop, a FIFO, a device), else None."""
    try:
        mode = path.stat().st_mode
    except (OSError, RuntimeError) as error:
        reason = "a link loop" if getattr(error, "errno", None) == errno.ELOOP or isinstance(error, RuntimeError) \
            else (getattr(error, "strerror", None) or type(error).__name__)
        return f"{path}: cannot be opened ({reason})"
    if not stat.S_ISREG(mode):
        return f"{path}: not a regular file (a FIFO, device or folder)"
    return None


def folder_entries(folder: Path) -> tuple[list[Path], list[Path], list[tuple[Path, str]]]:
    """The `.txt` and `.parquet` files of a folder (sorted) and the entries that cannot be read,
    with the reason; every entry is checked before anything opens it (a FIFO would block)."""
    texts, tables, bad = [], [], []
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".txt", ".parquet"):
            continue
        if path.is_dir() and not path.is_symlink():
            continue
        problem = _entry_problem(path)
        if problem:
            bad.append((path, problem))
        else:
            (texts if path.suffix == ".txt" else tables).append(path)
    return texts, tables, bad


def _iter_folder(folder: Path, follow_outside: bool) -> Iterator[dict]:
    texts, tables, bad = folder_entries(folder)
    if not texts and not tables and not bad:
        raise InputError(f"{folder}: no .txt or .parquet files in this folder")
    for path in texts + tables:
        if not follow_outside and not _inside(path, folder):
            raise InputError(f"{path}: points outside {folder} (a link); refusing to follow it")
    metadata = _folder_metadata(folder, follow_outside)
    for path, problem in bad:
        yield {"id": path.stem, "origin": str(path), UNREADABLE: problem}
    for path in texts:
        try:
            record = _read_txt(path)
        except InputError as error:
            yield {"id": path.stem, "origin": str(path), UNREADABLE: str(error)}
            continue
        except OSError as error:
            yield {"id": path.stem, "origin": str(path),
                   UNREADABLE: f"{path}: cannot be read ({error.strerror or type(error).__name__})"}
            continue
        extra = {k: v for k, v in metadata.get(record["id"], {}).items() if k in METADATA_COLUMNS and v}
        if extra.get("profile", "").endswith((".yaml", ".yml")):  # a profile file beside the articles
            extra["profile"] = str(folder / extra["profile"])
        record.update(extra)
        yield record
    for path in tables:
        yield from _iter_table(path)


# ---- tables ------------------------------------------------------------------------------------

def _check_columns(columns, path: Path) -> None:
    if "text" not in columns:
        raise InputError(f"{path}: no 'text' column (found: {', '.join(map(str, columns)) or 'none'})")


def _with_id(row: dict, default: str, origin: str) -> dict:
    """The row with its origin, and its default id where it has none (an id of 0 is kept)."""
    value = row.get("id")
    row["id"] = default if _missing(value) or value == "" else value
    row["origin"] = origin
    return row


def _jsonl_record(line: bytes | str, name: str, line_number: int, where: str) -> dict:
    """One JSONL line as a record, or an unreadable record that says why."""
    place = {"id": f"{name}-{line_number}", "origin": f"{where}:{line_number}"}
    try:
        row = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return {**place, UNREADABLE: f"{where}: line {line_number} is not valid JSON ({excerpt(str(error), 120)})"}
    except RecursionError:
        return {**place, UNREADABLE: f"{where}: line {line_number} is nested too deeply to be an article"}
    if not isinstance(row, dict):
        return {**place, UNREADABLE: f"{where}: line {line_number} is not a JSON object"}
    if "text" not in row:
        return {**place, UNREADABLE: f"{where}: line {line_number} has no 'text' field"}
    return _with_id(row, place["id"], place["origin"])


def _iter_table(path: Path) -> Iterator[dict]:
    if path.suffix == ".csv":
        rows = _csv_rows(path)
        _check_columns(next(rows)[1], path)
        for row_number, row in rows:
            origin = f"{path}:{row_number}"
            if isinstance(row, str):
                yield {"id": f"{path.stem}-{row_number}", "origin": origin, UNREADABLE: row}
            else:
                yield _with_id(row, f"{path.stem}-{row_number}", origin)
    elif path.suffix == ".jsonl":
        with path.open("rb") as handle:
            for line_number, line in enumerate(handle, start=1):
                if line.strip():
                    yield _jsonl_record(line, path.stem, line_number, str(path))
    else:
        try:
            import pyarrow.parquet as pq

            parquet = pq.ParquetFile(path)
        except Exception as error:  # pyarrow raises several types for a bad file
            raise InputError(f"{path}: not a readable Parquet file ({excerpt(str(error), 120)})") from None
        _check_columns(parquet.schema_arrow.names, path)
        row_number = 0
        batches = parquet.iter_batches(batch_size=4096)
        while True:
            try:
                batch = next(batches, None)
            except Exception as error:  # noqa: BLE001 - a damaged row group: the rest cannot be read
                yield {"id": f"{path.stem}-{row_number + 1}", "origin": f"{path}:{row_number + 1}",
                       UNREADABLE: f"{path}: rows from {row_number + 1} on cannot be read "
                                   f"({excerpt(str(error), 120)})"}
                return
            if batch is None:
                return
            for row in batch.to_pylist():
                row_number += 1
                yield _with_id(row, f"{path.stem}-{row_number}", f"{path}:{row_number}")


def iter_records(source: str | Path, *, follow_outside: bool = False) -> Iterator[dict]:
    """Stream raw records from a file, a folder or `-` (stdin); nothing is validated yet."""
    if str(source) == "":
        raise InputError("INPUT is empty: name a file, a folder or - for stdin")
    if str(source) == "-":
        data = decode(sys.stdin.buffer.read(), "<stdin>")
        if data.lstrip().startswith("{"):
            for line_number, line in enumerate(data.splitlines(), start=1):
                if line.strip():
                    yield _jsonl_record(line, "stdin", line_number, "<stdin>")
        else:
            yield {"id": "stdin", "text": data, "title": split_title(data), "origin": "<stdin>"}
        return
    path = Path(source)
    problem = None if path.is_dir() else _entry_problem(path)
    if problem and not path.exists() and not path.is_symlink():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        yield from _iter_folder(path, follow_outside)
    elif problem:  # a FIFO or device would block or never end
        raise InputError(problem)
    elif path.suffix in TABLE_SUFFIXES:
        yield from _iter_table(path)
    else:
        yield _read_txt(path)


def load(source: str | Path | None = None, *, follow_outside: bool = False, text: str | None = None) -> list[Article]:
    """Articles from a path (a file or folder) or `-` for stdin; `text=` for one article given as a string.

    A path that does not exist is an `InputError` ("no such file or folder"), never an article
    made of the path's letters; a string that cannot be a path (a line break in it) is refused
    with a hint to use `text=` or `presslens.from_text`.
    """
    if text is not None:
        if source is not None:
            raise InputError("load: give a path or text=, not both")
        return [from_text(text)]
    if source is None:
        raise InputError("load: give a path (a file or folder), - for stdin, or text=")
    if isinstance(source, str) and ("\n" in source or len(source) > MAX_PATH_CHARACTERS):
        raise InputError(f"{excerpt(source)}: not a file or folder name (this looks like article text: "
                         "use presslens.from_text(text) or load(text=...))")
    articles, seen = [], set()
    for record in iter_records(source, follow_outside=follow_outside):
        where = record.get("origin") or str(source)
        article = to_article(record, where)
        if article.id in seen:
            raise InputError(f"{where}: duplicate id {excerpt(article.id)}")
        seen.add(article.id)
        articles.append(article)
    if not articles:
        raise InputError(f"{source}: no articles found")
    return articles

