"""Quote marks: finding them, pairing them into quotes, and masking the quotes out of the text."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

__all__ = ["QUOTE_MARK", "OPENERS", "Quote", "closes", "find_quotes", "mask"]

OPENERS = "“«„‟"
CLOSERS = "”»"
_AFTER_CLOSER = ",.;:!?)]"  # characters that follow a closing mark, not an opening one
# Two apostrophes ('' … '') and two backticks (`` … '') are double quote marks in some typography (NYT).
QUOTE_MARK = re.compile(r"``|''|[\"“”«»„‟]")
_NEUTRALISE = str.maketrans({"\x01": "\x03", "\x02": "\x03"})  # input characters that look like the mask
_WORD = re.compile(r"\w+")


@dataclass
class Quote:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark, or the paragraph end)
    mark_start: int
    mark_end: int
    paragraph: int
    group: int  # quotes of one multi-paragraph quote share a group
    continues: bool = False  # a later part of a multi-paragraph quote
    used: bool = False


def closes(opener: str, mark: str) -> bool:
    """Whether `mark` closes a quote opened with `opener`.

    Any closing mark closes a quote, and a straight mark closes any open quote; the German „…“
    closes with “, and the reversed guillemets »…« (German, Danish) close only with «.
    """
    if opener == "»":
        return mark in "«\""
    return mark in CLOSERS or mark == '"' or (opener == "„" and mark == "“")


def find_quotes(text: str, paragraph_spans: list[tuple[int, int]]) -> list[Quote]:
    """Quote spans paragraph by paragraph; an unclosed quote ends at its paragraph end.

    A paragraph that opens with a quote mark while the previous paragraph's quote is still open
    continues that quote (the news convention for multi-paragraph quotes). An opening mark inside
    an open quote closes it and opens a new one, so unbalanced marks never swallow a paragraph.
    """
    quotes: list[Quote] = []
    groups = itertools.count()
    carried: int | None = None  # group of the quote left open at the previous paragraph end
    for number, (p_start, p_end) in enumerate(paragraph_spans):
        open_at: int | None = None
        opener, open_size = "", 1
        open_group, open_continues = 0, False
        nested = 0  # curly quotes open inside a quote opened with a straight mark
        for match in QUOTE_MARK.finditer(text, p_start, p_end):
            i, mark, size = match.start(), match.group(), match.end() - match.start()
            mark = '"' if mark == "''" else "“" if mark == "``" else mark  # two-character marks read as one
            if opener == '"' and open_at is not None and mark in "“”":
                # '"... the question: “As you know ...?” Forty-three ..."': curly marks nest inside straight ones
                if mark == "“" and i + 1 < p_end and text[i + 1].isalnum():
                    nested += 1
                    continue
                if mark == "”" and nested:
                    nested -= 1
                    continue
            if open_at is not None and (closes(opener, mark) or (
                    mark == "“" and (i + 1 >= p_end or text[i + 1].isspace() or text[i + 1] in _AFTER_CLOSER))):
                # an opening “ that no word follows closes the quote ("an “expedited review“ of")
                quotes.append(Quote(open_at + open_size, i, open_at, i + size, number, open_group, open_continues))
                open_at = None
                continue
            # "»" opens a quote only where a word follows it directly ("»Inverted« the clerk said"), and so
            # does a "”" typed for "“" at the paragraph start or after a space ('”Fear. I am ...')
            next_is_word = i + 1 < p_end and text[i + 1].isalnum()
            is_open = mark in OPENERS or mark == '"' or open_at is None and (
                (mark == "»" and next_is_word)
                or (mark == "”" and (i == p_start or (next_is_word and text[i - 1].isspace()))))
            if not is_open or open_at is not None:  # an opener inside an open quote stays part of it
                continue
            open_continues = i == p_start and carried is not None
            open_group = carried if open_continues else next(groups)
            open_at, opener, open_size, nested = i, mark, size, 0
        carried = None
        if open_at is not None:
            quotes.append(Quote(open_at + open_size, p_end, open_at, p_end, number, open_group, open_continues))
            carried = open_group
    return [q for q in quotes if _WORD.search(text, q.start, q.end)]  # marks around no word are no quote


def mask(text: str, quotes: list[Quote]) -> str:
    """The text with every quote (marks included) replaced by a run of one placeholder.

    The placeholders \\x01 and \\x02 that occur in the input itself become \\x03 first (same
    length, still punctuation), so only real quotes look like quotes.
    """
    text = text.translate(_NEUTRALISE)
    pieces, position = [], 0
    for number, quote in enumerate(quotes):
        pieces.append(text[position:quote.mark_start])
        pieces.append(("\x01" if number % 2 == 0 else "\x02") * (quote.mark_end - quote.mark_start))
        position = quote.mark_end
    pieces.append(text[position:])
    return "".join(pieces)
