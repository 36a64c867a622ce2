"""Quote marks: finding them, pairing them into quotes, and masking the quotes out of the text."""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

__all__ = ["QUOTE_MARK", "OPENERS", "SINGLE", "DOUBLE", "Quote", "closes", "closes_single_quote", "convention",
           "find_quotes", "layout_line", "mark_view", "mask", "opens_single_quote", "reading", "single_quote_marks"]

OPENERS = "“«„‟"
CLOSERS = "”»"
_AFTER_CLOSER = ",.;:!?)]"  # characters that follow a closing mark, not an opening one
# Two apostrophes ('' … '') and two backticks (`` … '') are double quote marks in some typography (NYT).
QUOTE_MARK = re.compile(r"``|''|[\"“”«»„‟]")
_NEUTRALISE = str.maketrans({"\x01": "\x03", "\x02": "\x03"})  # input characters that look like the mask
_WORD = re.compile(r"\w+")
_SENTENCE_END = ".?!…"
_OPENING = OPENERS + '"'  # marks that may open a quote before a word
# A paragraph that a web page or a wire feed puts between the paragraphs of the story: an advert line,
# a link line, a photo caption or credit. A quote over paragraphs goes on across it.
_LAYOUT_LINE = re.compile(
    r"(?:advertisement|advertising|sponsored|supported by|story continues below(?: advertisement)?"
    r"|continue reading(?: the main story| below)?)\W*"
    r"|(?:read more|related|see also|more on this story)\b.{0,200}"
    r"|.{0,200}\b(?:photograph|photo|picture|image|video|caption|credit)s?(?: by)?: .{1,80}"
    r"|.{0,80} via getty images\W*", re.IGNORECASE | re.DOTALL)
_LOOKAHEAD_MARKS = 8  # how many marks `_closing_next` reads ahead (a bound keeps the pairing linear)


SINGLE, DOUBLE = "single", "double"  # the primary quote marks of an article (British and American style)
_SINGLE_MARK = re.compile(r"[‘’']")
# Whether an article may use single primary marks at all: a ‘ or ' that starts a word (a fast scan).
_SINGLE_OPENER = re.compile(r"(?:^|(?<=[\s(\[{—–\-/“\"]))[‘'](?=[\w“\"…’])")
# A mark at a word start that stands for left-out letters: 'em, 'tis, 'twas, 'til, 'cause, rock 'n' roll, '90s.
_ELISION = re.compile(r"[‘’'](?:em|tis|twas|til|cause|bout|n[‘’']|\d\d(?:s|(?!\d)))(?!\w)", re.IGNORECASE)
_INTERVIEW_QUESTION = re.compile(r"(?<!\S)Q:\s")
_BEFORE_OPENER = "([{—–-/“\"«„"  # besides space: what may stand right before an opening single mark
_NESTED_START = "“\"…’'"  # besides a word: what may follow an opening single mark
_SENTENCE_PUNCT = ".?!…,;:"
# in the single-mark view, double marks nest (they read as text, like an apostrophe)
_AS_TEXT = str.maketrans(dict.fromkeys("\"“”«»„‟'", "’"))


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


def find_quotes(text: str, paragraph_spans: list[tuple[int, int]],
                sentence_starts: list[int] | None = None) -> list[Quote]:
    """Quote spans paragraph by paragraph; an unclosed quote ends at its paragraph end.

    A paragraph that opens with a quote mark while the previous paragraph's quote is still open
    continues that quote (the news convention for multi-paragraph quotes), also across a line of the
    page between them (`layout_line`: "Advertisement", a photo caption). An opening mark inside
    an open quote closes it and opens a new one, so unbalanced marks never swallow a paragraph.

    The same holds where the paragraph breaks are gone (a whole article on one line), so that any
    layout gives the same quotes: inside an open quote, an opening mark after a sentence end
    (`patience. "But`) starts a new part of the same quote, as a new paragraph would; an opening
    mark inside a later sentence (`... a spokesman said. Later she said "help`) shows that the open
    quote was never closed: it ends where that sentence starts (`sentence_starts`, sorted) and a
    new quote opens. A straight mark after a number ('a 40" boom') is an inch mark, and one with
    space on both sides a ditto mark: neither opens a quote.
    """
    starts = sentence_starts or []
    quotes: list[Quote] = []
    groups = itertools.count()
    carried: int | None = None  # group of the quote left open at the previous paragraph end
    for number, (p_start, p_end) in enumerate(paragraph_spans):
        if carried is not None and layout_line(text, p_start, p_end):
            continue  # "Advertisement" inside a quote over paragraphs
        open_at: int | None = None
        opener, open_size = "", 1
        open_group, open_continues = 0, False
        nested = 0  # curly quotes open inside a quote opened with a straight mark
        for match in QUOTE_MARK.finditer(text, p_start, p_end):
            i, mark, size = match.start(), match.group(), match.end() - match.start()
            mark = '"' if mark == "''" else "“" if mark == "``" else mark  # two-character marks read as one
            next_is_word = i + size < p_end and text[i + size].isalnum()
            if open_at is not None and next_is_word and mark in _OPENING and (i == p_start or not text[i - 1].isalnum()) \
                    and not (opener + mark in ('»«', '„“')):  # the German closing marks
                sentence = starts[bisect.bisect_right(starts, i) - 1] if starts and starts[0] <= i else -1
                if (sentence == i or _after_sentence_end(text, i, open_at + open_size)) and (
                        mark != '"' or text[i - 1].isspace() or _closing_next(text, i + size, p_end)):
                    # `patience. "But`: a new quoted paragraph of the same quote, its break gone
                    quotes.append(Quote(open_at + open_size, i, open_at, i, number, open_group, open_continues))
                    open_at, opener, open_size, nested, open_continues = i, mark, size, 0, True
                    continue
                if _same_family(opener, mark) and sentence > open_at + open_size and text[i - 1].isspace():
                    # `said. Later she said "help`: the open quote was never closed; it ends before this sentence
                    quotes.append(Quote(open_at + open_size, sentence, open_at, sentence, number, open_group,
                                        open_continues))
                    open_at, opener, open_size, nested = i, mark, size, 0
                    open_group, open_continues = next(groups), False
                    continue
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
            if open_at is None and mark == '"' and _no_opener(text, i, size, p_start, p_end):
                continue  # 'a 40" boom' (inches), '  "  ' (ditto), 'yes", he said' (a stray closer): no quote
            # "»" opens a quote only where a word follows it directly ("»Inverted« the clerk said"), and so
            # does a "”" typed for "“" at the paragraph start or after a space ('”Fear. I am ...')
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


def layout_line(text: str, start: int, end: int) -> bool:
    """Whether the paragraph text[start:end] is a line of the page, not of the story: "Advertisement",
    "Continue reading the main story", "Read more: ...", a photo caption or credit ("... Photograph:
    Jan Kowal/PA", "Scott Olson via Getty Images")."""
    return _LAYOUT_LINE.fullmatch(text, start, end) is not None


def _no_opener(text: str, i: int, size: int, low: int, high: int) -> bool:
    """Whether a straight mark cannot open a quote: nothing follows it but space or closing punctuation
    (a stray closing mark, '  "  ' a ditto mark), or it follows a number ('a 40" boom', inches)."""
    after = text[i + size] if i + size < high else " "
    return after.isspace() or after in _AFTER_CLOSER or (i > low and text[i - 1].isdigit() and not after.isalnum())


def _closing_next(text: str, start: int, end: int) -> bool:
    """Whether the next quote mark in text[start:end] that is not glued between a sentence end and a word
    looks like a closing one (no word after it). Then a straight mark glued so ('patience."But') opens a
    new part of the open quote; otherwise it closes the quote ('chances."The captain agreed. "It ...').
    """
    for _, match in zip(range(_LOOKAHEAD_MARKS), QUOTE_MARK.finditer(text, start, end)):
        word_after = match.end() < end and text[match.end()].isalnum()
        if not (word_after and text[match.start() - 1] in _SENTENCE_END):
            return not word_after
    return False  # no mark, or only glued ones as far as it looks: the mark closes the quote


def _same_family(opener: str, mark: str) -> bool:
    """Whether `mark` can open a quote of the kind `opener` opened: straight after straight, curly after curly."""
    if opener == '"':
        return mark == '"'
    return mark in OPENERS and opener in OPENERS


def _after_sentence_end(text: str, i: int, low: int) -> bool:
    """Whether the mark at `i` follows a sentence end (`patience. "But`, `patience."But`), maybe after
    the closing mark of a phrase quoted inside the quote (`the ‘citadel.’ “But`, `“ideation.” "Melanie`)."""
    j = i - 1
    while j >= low and text[j].isspace():
        j -= 1
    while j >= low and text[j] in "’'”»":
        j -= 1
    return j >= low and text[j] in _SENTENCE_END


def mask(text: str, quotes: list[Quote]) -> str:
    """The text with every quote (marks included) replaced by a run of one placeholder.

    The placeholders \\x01 and \\x02 that occur in the input itself become \\x03 first (same
    length, still punctuation), so only real quotes look like quotes.
    """
    if "\x01" in text or "\x02" in text:
        text = text.translate(_NEUTRALISE)
    pieces, position = [], 0
    for number, quote in enumerate(quotes):
        pieces.append(text[position:quote.mark_start])
        pieces.append(("\x01" if number % 2 == 0 else "\x02") * (quote.mark_end - quote.mark_start))
        position = quote.mark_end
    pieces.append(text[position:])
    return "".join(pieces)


# -- single primary marks (British and Commonwealth style: ‘…’ or '…', with "…" nested inside) ------

def opens_single_quote(text: str, i: int, low: int, high: int) -> bool:
    """Whether the single mark at `i` may open a quote: ‘ or ' at a word start (at the paragraph start,
    after a space, a dash, a bracket or a sentence end) before a word, and no elision ('em, 'tis,
    rock 'n' roll, '90s)."""
    if text[i] not in "‘'" or i + 1 >= high or not (text[i + 1].isalnum() or text[i + 1] in _NESTED_START):
        return False
    before = text[i - 1] if i > low else " "
    if not (before.isspace() or before in _BEFORE_OPENER or before in _SENTENCE_PUNCT):
        return False  # O'Brien, rock’n’roll
    return _ELISION.match(text, i) is None


def closes_single_quote(text: str, i: int, low: int, high: int) -> bool:
    """Whether the single mark at `i` may close a quote: ’ or ' right after a word or punctuation, before
    a space, punctuation or the paragraph end (or glued to the next sentence after a sentence end:
    `years.’The`). An apostrophe is none: inside a word (don’t, O’Brien, Assad’s, o’clock), a plural
    possessive (s’ before a space: the students’ union, Jesus’ words) or a feet mark (a 6' wall)."""
    if text[i] not in "’'" or i == low or text[i - 1].isspace():
        return False
    before, after = text[i - 1], text[i + 1] if i + 1 < high else ""
    if after.isalnum():
        return before in _SENTENCE_PUNCT and before != "," and after.isupper()  # `years.’The`
    if after.isspace() and before in "sS":
        return False
    return not (text[i] == "'" and before.isdigit() and after.isspace())


def single_quote_marks(text: str, low: int, high: int) -> list[tuple[int, str]]:
    """The single marks of text[low:high] that are quote marks, each with its reading for the pairing:
    "“" an opener, "”" a closer, '"' a straight mark glued between a sentence end and a word
    ('years.'But'), which may close a quote or open the next (`find_quotes` decides).

    Two straight marks side by side ('') are one double mark, not two single ones.
    """
    marks: list[tuple[int, str]] = []
    skip_to = low
    for match in _SINGLE_MARK.finditer(text, low, high):
        i = match.start()
        if i < skip_to or text[i] == "'" and ("''" in text[max(low, i - 1):i + 2]):
            continue
        word_start = i == low or text[i - 1].isspace() or text[i - 1] in _BEFORE_OPENER
        elision = _ELISION.match(text, i, high) if word_start else None
        if elision:
            skip_to = elision.end()  # both marks of rock 'n' roll
        elif opens_single_quote(text, i, low, high):
            glued = text[i] == "'" and i > low and text[i - 1] in _SENTENCE_PUNCT
            marks.append((i, '"' if glued else "“"))
        elif closes_single_quote(text, i, low, high):
            marks.append((i, "”"))
    return marks


def _single_spans(text: str, paragraph_spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], dict]:
    """The spans of single-mark quotes (an opener with the next closer of its paragraph, or an opener
    at a paragraph start left open: a quote over paragraphs), and the reading of every single quote mark."""
    spans: list[tuple[int, int]] = []
    readings: dict[int, str] = {}
    for low, high in paragraph_spans:
        open_at = None
        for i, reading in single_quote_marks(text, low, high):
            readings[i] = reading
            if open_at is None and reading != "”":
                open_at = i
            elif open_at is not None and reading != "“":
                spans.append((open_at, i + 1))
                open_at = None
        if open_at == low:
            spans.append((open_at, high))
    return spans, readings


def convention(text: str, paragraph_spans: list[tuple[int, int]], single_spans: list[tuple[int, int]],
               headline_end: int = 0) -> str:
    """`SINGLE` when an article's single-mark quotes outside double quotes outnumber its double quotes
    outside single-mark ones (‘He called it “madness”,’ she said), else `DOUBLE` (American style,
    single marks nest: "He called it ‘madness’," she said). A tie stays `DOUBLE`.

    A position is inside a double quote when an odd number of double marks precede it in its paragraph.
    Single marks say nothing of the convention in a headline (American headlines quote in single marks:
    the first sentence, which ends at `headline_end`, when there are more) or in capitals (a heading:
    "3. FOR AFGHAN WOMEN ‘GLASS IS HALF FULL.’"); a Q&A interview ("Q:") keeps double marks primary.
    """
    doubles = [m.start() for m in QUOTE_MARK.finditer(text)]
    single_starts = [start for start, _ in single_spans]
    outside_singles = 0
    for position in doubles:
        index = bisect.bisect_right(single_starts, position) - 1
        outside_singles += not (index >= 0 and single_spans[index][1] > position)
    if _INTERVIEW_QUESTION.search(text):
        return DOUBLE  # a Q&A interview: an answer is speech, quote marks inside it nest
    paragraph_starts = [start for start, _ in paragraph_spans]
    singles = 0
    for start, end in single_spans:
        low = paragraph_starts[bisect.bisect_right(paragraph_starts, start) - 1]
        if start < headline_end or not any(ch.islower() for ch in text[start:end]):
            continue
        singles += (bisect.bisect_left(doubles, start) - bisect.bisect_left(doubles, low)) % 2 == 0
    return SINGLE if singles > (outside_singles + 1) // 2 else DOUBLE


def mark_view(text: str, readings: dict[int, str]) -> str:
    """The text as the pairing reads it in the single-mark convention (same length, same offsets): each
    single quote mark becomes its double reading (see `single_quote_marks`), each double mark and each
    straight apostrophe a curly apostrophe, which the pairing reads as text."""
    chars = list(text.translate(_AS_TEXT))
    for i, reading in readings.items():
        chars[i] = reading
    return "".join(chars)


def reading(text: str, paragraph_spans: list[tuple[int, int]], headline_end: int = 0) -> tuple[str, str]:
    """The article's convention (`SINGLE` or `DOUBLE`, see `convention`; `headline_end` ends its first
    sentence when it has more) and the text as the pairing reads it: the text itself for `DOUBLE`,
    else its `mark_view` (same offsets)."""
    if _SINGLE_OPENER.search(text) is None:
        return DOUBLE, text
    single_spans, readings = _single_spans(text, paragraph_spans)
    if convention(text, paragraph_spans, single_spans, headline_end) == DOUBLE:
        return DOUBLE, text
    return SINGLE, mark_view(text, readings)
