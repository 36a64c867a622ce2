"""Any layout gives the same attributions: an article with its paragraph breaks, on one line, with
`\\r\\n`, with single line breaks, or with its `<p>` tags stripped to nothing (paragraphs glued).

The articles are made up to exercise the news convention for a quote over several paragraphs (an
opening mark on every paragraph, a closing mark only on the last), quotes that go on after their
cue on one line, and marks that are no quotes (inches, ditto marks, a quote never closed).
"""
import bisect
import re

import pytest

from presslens import from_text, quotes
from presslens.evaluation import quotes as evaluation
from presslens.quotes.marks import find_quotes
from test_quote_conventions import ARTICLES as BRITISH_ARTICLES

ARTICLES = {
    "straight marks, speaker in the last paragraph": (
        "HARBOURTON — The port authority said on Monday that the new crane would arrive in May.\n\n"
        '"We have waited a long time for this. The old cranes are forty years old and break down every week.\n\n'
        '"But the new crane will change that. It can lift twice the load," said Mara Quinlan, the authority\'s '
        "director.\n\n"
        'Dock workers welcomed the news. "It is about time," said Tomas Reyes, a crane operator.\n\n'
        "The union said it would watch the safety record closely."),
    "curly marks, speaker before a colon": (
        "Residents of Millbrook met on Tuesday to discuss the flooding.\n\n"
        "The council leader, Ines Brandt, told the meeting: “We did not expect the river to rise so fast.\n\n"
        "“We have now ordered new barriers. They will be in place before the winter.\n\n"
        "“Nobody should have to go through this again.”\n\n"
        "Several residents said they were still waiting for help.\n\n"
        "“We lost everything,” said Paul Okoro, a baker. “The insurance will not pay.”"),
    "quotes that go on after their cue": (
        "The match ended in a draw after a late goal.\n\n"
        '"We were unlucky," the coach said. "They defended well, but we created more chances."\n\n'
        'The captain agreed. "It was a hard game," he said. "Next week we go again."\n\n'
        '"We are proud of the players." "They gave everything," the club\'s chairman said.'),
    "a quote never closed, then one that closes": (
        "The river rose by two metres overnight, the agency said.\n\n"
        '"We are doing what we can, a spokesman for the agency said.\n\n'
        'Later the minister said "help is on the way."\n\n'
        "The army said the main roads were closed."),
    "inch and ditto marks": (
        "Prices at the store, by size:\n\n"
        '65" sets: $500.\n\n'
        '"   ": $450 on Sundays.\n\n'
        'Customers said the queues were long. "I waited two hours," one buyer said.\n\n'
        'The shop sells a 65" television for less than a 40" one did last year.\n\n'
        '"Prices have fallen fast," said the manager, Ruth Adler.'),
    "curly marks, speaker in the last paragraph": (
        "Talks on the new budget ran late into the night.\n\n"
        "“We need more time. The numbers do not add up yet.\n\n"
        "“If we rush this, we will regret it,” the finance minister, Lena Horvath, told reporters.\n\n"
        "The opposition said the delay was a sign of chaos.\n\n"
        "“They have had months,” said Omar Nasser, the opposition leader. “Months.”"),
}

ARTICLES.update(BRITISH_ARTICLES)  # single primary marks (‘…’, '…'), with layout lines of the page

_BREAK = re.compile(r"[ \t]*(?:\r?\n[ \t]*)+")  # a paragraph or line break with the space around it
LAYOUTS = {
    "one line": lambda found: " ",
    "crlf": lambda found: found.replace("\n", "\r\n"),
    "single line breaks": lambda found: "\n",
    "p tags stripped": lambda found: "",
}


def relayout(text: str, separator) -> tuple[str, callable]:
    """`text` with every break replaced by `separator(break)`, and the map of old offsets to new ones."""
    pieces, moves, position, shift = [], [], 0, 0
    for match in _BREAK.finditer(text):
        new = separator(match.group())
        pieces += [text[position:match.start()], new]
        moves.append((position, shift))
        shift += len(new) - (match.end() - match.start())
        position = match.end()
    pieces.append(text[position:])
    moves.append((position, shift))
    starts = [start for start, _ in moves]
    return "".join(pieces), lambda offset: offset + moves[bisect.bisect_right(starts, offset) - 1][1]


def statements(text: str, moved=lambda offset: offset) -> list[tuple]:
    """(start, end, kind, speaker_name, speaker_role) of every quotes row, offsets moved."""
    table = quotes.extract(from_text(text))
    return sorted((moved(r.start), moved(r.end), r.kind, r.speaker_name, r.speaker_role)
                  for r in table.itertuples())


_PAGE_LINES = "a byline and a photo caption run into the story's sentences once their line breaks are gone"
KNOWN_MISSES = {
    ("british straight, a colon before a quote over paragraphs", "p tags stripped"):
        "a straight mark glued between two sentences (says.'The) reads as a closing mark when the next "
        "mark opens a quote",
    ("british curly, byline, caption and advertisement lines", "one line"): _PAGE_LINES,
    ("british curly, byline, caption and advertisement lines", "single line breaks"): _PAGE_LINES,
    ("british curly, byline, caption and advertisement lines", "p tags stripped"): _PAGE_LINES,
}


@pytest.mark.parametrize("name,layout", [
    pytest.param(name, layout, marks=[pytest.mark.xfail(reason=KNOWN_MISSES[name, layout], strict=True)]
                 if (name, layout) in KNOWN_MISSES else [])
    for name in ["seed"] + list(ARTICLES) for layout in LAYOUTS])
def test_any_layout_gives_the_same_statements(name, layout, seed):
    text = seed.text if name == "seed" else ARTICLES[name]
    new_text, moved = relayout(text, LAYOUTS[layout])
    assert new_text != text
    assert statements(new_text) == statements(text, moved)


def _rows(name: str) -> list[tuple]:
    table = quotes.extract(from_text(ARTICLES[name]))
    return [(r.text, r.kind, r.speaker_name or r.speaker_role, r.rule) for r in table.itertuples()]


def test_a_quote_over_paragraphs_goes_with_the_speaker_named_at_its_end():
    rows = _rows("straight marks, speaker in the last paragraph")
    assert rows[1:3] == [
        ("We have waited a long time for this. The old cranes are forty years old and break down every week.",
         "direct", "Mara Quinlan", "trailing_cue"),
        ("But the new crane will change that. It can lift twice the load", "direct", "Mara Quinlan", "trailing_cue")]
    curly = _rows("curly marks, speaker in the last paragraph")
    assert curly[0][1:] == curly[1][1:] and "Lena Horvath" in curly[0][2]


def test_a_quote_over_paragraphs_after_a_colon_is_one_statement():
    table = quotes.extract(from_text(ARTICLES["curly marks, speaker before a colon"]))
    first = table[table["quote_id"] == 1]
    assert list(first["text"]) == ["We did not expect the river to rise so fast.",
                                   "We have now ordered new barriers. They will be in place before the winter.",
                                   "Nobody should have to go through this again."]
    assert len({(r.speaker_name, r.speaker_role) for r in first.itertuples()}) == 1
    assert "Ines Brandt" in first.iloc[0]["speaker_name"] + first.iloc[0]["speaker_role"]


def test_quotes_on_one_line_stay_with_their_speaker():
    rows = _rows("quotes that go on after their cue")
    assert [(text, speaker) for text, _, speaker, _ in rows] == [
        ("We were unlucky", "coach"), ("They defended well, but we created more chances.", "coach"),
        ("It was a hard game", "coach"), ("Next week we go again.", "coach"),
        ("We are proud of the players.", "club's chairman"), ("They gave everything", "club's chairman")]


def test_a_quote_never_closed_ends_before_the_next_quote():
    rows = _rows("a quote never closed, then one that closes")
    assert ("help is on the way.", "direct", "minister", "leading_cue") in rows
    assert ("the main roads were closed", "indirect", "army", "leading_cue") in rows


def test_inch_and_ditto_marks_open_no_quote():
    rows = _rows("inch and ditto marks")
    assert [(text, kind) for text, kind, _, _ in rows] == [
        ("the queues were long", "indirect"), ("I waited two hours", "direct"), ("Prices have fallen fast", "direct")]
    assert "Ruth Adler" in rows[2][2]


PAIRINGS = [
    ('"A. "B," he said.', [("A.", 0, False), ("B,", 0, True)]),  # a new quoted paragraph, its break gone
    ('"A."B," he said.', [("A.", 0, False), ("B,", 0, True)]),  # the same, glued
    ('"A." "B," he said.', [("A.", 0, False), ("B,", 1, False)]),  # two quotes
    ('"We won," she said. "B."', [("We won,", 0, False), ("B.", 1, False)]),
    ('"We won, she said. Later he said "help" came.', [("We won, she said.", 0, False), ("help", 1, False)]),
    ('A 40" boom and a 12" hook. "Yes," he said.', [("Yes,", 0, False)]),
    ('Red  "  " Blue "Yes," he said.', [("Yes,", 0, False)]),
    ("“A. “B.” he said.", [("A.", 0, False), ("B.", 0, True)]),
    ('"I asked: “Why?” Then I left."', [("I asked: “Why?” Then I left.", 0, False)]),  # curly inside straight
]


@pytest.mark.parametrize("text,expected", PAIRINGS, ids=[t for t, _ in PAIRINGS])
def test_quote_mark_pairing(text, expected):
    starts = [m.start() for m in re.finditer(r"(?<=[.?!] )\S|^\S", text)]
    found = find_quotes(text, [(0, len(text))], starts)
    order: dict[int, int] = {}  # groups numbered from 0 in reading order
    assert [(text[q.start:q.end].strip(), order.setdefault(q.group, len(order)), q.continues)
            for q in found] == expected


def test_polnear_flat_layout_costs_under_two_points(shared_eval):
    for split in ("dev", "train"):
        path = shared_eval / "polnear" / f"{split}.jsonl"
        if not path.is_file():
            pytest.skip(f"PolNeAR {split} is not present")
        normal, flat = evaluation.evaluate(path), evaluation.evaluate(path, flat=True)
        assert flat["layout"] == "flat"
        assert abs(normal["all"]["attribution"]["f1"] - flat["all"]["attribution"]["f1"]) <= 0.02, split


def test_flatten_moves_every_gold_offset():
    text = 'A b.\n\n  "C d," he said.\r\n\r\nE f.'
    he, quote = text.index("he"), text.index('"')
    record = {"text": text, "attributions": [{"source": [{"start": he, "end": he + 2, "text": "he"}], "cue": [],
                                              "content": [{"start": quote, "end": quote + 6, "text": '"C d,"'}]}]}
    flat = evaluation.flatten(record)
    assert flat["text"] == 'A b. "C d," he said. E f.'
    assert flat["attributions"][0]["source"][0]["text"] == "he"
    assert flat["attributions"][0]["content"][0]["text"] == '"C d,"'
