"""TimeML in and out: read a document's creation time (DCT) and plain TEXT, write TIMEX3 tags back.

Reading keeps a map from every character of the plain text (tags dropped, entities such as `&amp;`
decoded) to its place in the file, so writing can insert TIMEX3 elements into TEXT while every other
byte of the file stays as it was.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

from .errors import InputError
from .output import atomic_open
from .timeline import Timex, tag

__all__ = ["TimeMLDocument", "read", "tag_folder", "timeml_files"]

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_DCT = re.compile(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", re.DOTALL)
_MARKUP = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|\w+);")
_ATTRIBUTE = re.compile(r"(\w+)=\"([^\"]*)\"")


@dataclass
class TimeMLDocument:
    """A TimeML file: its raw text, DCT, plain TEXT and the TIMEX3 elements found inside TEXT."""

    path: Path
    raw: str
    dct: dt.date | None
    text: str
    text_start: int
    text_end: int
    pieces: list[str] = field(repr=False)
    gold: list[Timex] = field(default_factory=list, repr=False)

    def with_timexes(self, found: list[Timex]) -> str:
        """The file with TEXT rebuilt from its characters plus `found` as TIMEX3 elements."""
        opening = {t.start: t for t in found}
        closing = {t.end for t in found}
        out = [self.raw[:self.text_start]]
        number = 0
        for position in range(len(self.pieces) + 1):
            if position in closing:
                out.append("</TIMEX3>")
            if position in opening:
                number += 1
                out.append(_open_tag(opening[position], number))
            if position < len(self.pieces):
                out.append(self.pieces[position])
        out.append(self.raw[self.text_end:])
        return "".join(out)


def _open_tag(timex: Timex, number: int) -> str:
    attributes = {"tid": f"t{number}", "type": timex.type, "value": timex.value}
    if timex.mod:
        attributes["mod"] = timex.mod
    if timex.anchor:  # TimeML: a value computed from another time (t0 is the DCT)
        attributes["temporalFunction"] = "true"
        attributes["anchorTimeID"] = "t0" if timex.anchor == "publication" else timex.anchor
    return "<TIMEX3 " + " ".join(f"{k}={quoteattr(v)}" for k, v in attributes.items()) + ">"


def read(path: str | Path) -> TimeMLDocument:
    """Read a TimeML file; raises `InputError` when it has no `<TEXT>` element."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            raw = handle.read()
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason})") from None
    body = _TEXT.search(raw)
    if body is None:
        raise InputError(f"{path}: no <TEXT> element")
    dct = _DCT.search(raw)
    try:
        reference = dt.date.fromisoformat(dct.group(1)) if dct else None
    except ValueError:
        raise InputError(f"{path}: bad DCT value {dct.group(1)!r}") from None
    pieces: list[str] = []  # the file's text for each plain character (a character or an entity)
    chars: list[str] = []
    gold: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = body.start(1)
    for markup in _MARKUP.finditer(raw, body.start(1), body.end(1)):
        pieces.extend(raw[position:markup.start()])
        chars.extend(raw[position:markup.start()])
        token = markup.group()
        if token.startswith("&"):
            decoded = html.unescape(token)
            if len(decoded) == 1:
                pieces.append(token)
                chars.append(decoded)
            else:  # not an entity that names one character ("&Cx1f;"): keep it as written
                pieces.extend(token)
                chars.extend(token)
        elif token.startswith("<TIMEX3"):
            open_timex = (len(pieces), dict(_ATTRIBUTE.findall(token)))
        elif token.startswith("</TIMEX3") and open_timex is not None:
            start, attributes = open_timex
            gold.append(Timex(start, len(pieces), "", attributes.get("type", ""), attributes.get("value", ""),
                              attributes.get("mod", "")))
            open_timex = None
        position = markup.end()
    pieces.extend(raw[position:body.end(1)])
    chars.extend(raw[position:body.end(1)])
    text = "".join(chars)
    gold = [Timex(t.start, t.end, text[t.start:t.end], t.type, t.value, t.mod) for t in gold]
    return TimeMLDocument(path, raw, reference, text, body.start(1), body.end(1), pieces, gold)


def timeml_files(folder: str | Path) -> list[Path]:
    """Every TimeML file in `folder` (any name; hidden files skipped), sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def tag_folder(in_dir: str | Path, out_dir: str | Path, *, mode: str = "auto", date_order: str = "mdy") -> int:
    """Tag every TimeML file in `in_dir` against its DCT; write each to `out_dir` under the same name.

    `mode` and `date_order` are passed to `presslens.timeline.tag`.

    Returns the number of files written. Each file appears whole or not at all.
    """
    written = 0
    out = Path(out_dir)
    if out.resolve() == Path(in_dir).resolve():
        raise InputError(f"{out}: the output folder must differ from the input folder")
    for path in timeml_files(in_dir):
        document = read(path)
        with atomic_open(out / path.name, "w", encoding="utf-8", newline="") as handle:
            handle.write(document.with_timexes(tag(document.text, document.dct, mode=mode, date_order=date_order)))
        written += 1
    return written
