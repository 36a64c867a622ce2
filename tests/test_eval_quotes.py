"""The PolNeAR scorer's span conventions (`presslens.evaluation.quotes`), on made-up text."""
from __future__ import annotations

import pytest

from presslens.evaluation import quotes as evaluation


@pytest.mark.parametrize("text, span", [
    ("He\u00a0", "He"),  # a no-break space after a gold source
    ("\u2009“The mayor”\u202f", "The mayor"),  # thin and narrow no-break spaces around quotation marks
    ("\u3000Ana Ruiz,\u2028", "Ana Ruiz"),  # an ideographic space and a line separator
    (" \t\r\n“Yes.” ", "Yes"),
])
def test_trim_strips_every_white_space_character(text, span):
    start, end = evaluation.trim(text, 0, len(text))
    assert text[start:end] == span


def test_a_gold_source_ending_in_a_no_break_space_matches_the_predicted_speaker():
    text = "He\u00a0said: “We will win.”"
    record = {"text": text, "attributions": [{"source": [{"start": 0, "end": 3}], "cue": [{"start": 3, "end": 7}],
                                               "content": [{"start": 9, "end": len(text)}]}]}
    gold = evaluation.gold_statements(record)[0]
    assert gold.source == [(0, 2)]
    assert gold.cue == [(3, 7)]


def test_trim_keeps_inner_white_space():
    text = "Ana\u00a0Ruiz"
    assert evaluation.trim(text, 0, len(text)) == (0, len(text))
