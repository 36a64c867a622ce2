"""Properties every stage keeps for any text (issue 9).

For arbitrary Unicode text, for "newsy" text built from quote marks, cue words, dates and names,
and for the seed article mutated (quote marks shuffled, paragraphs cut, punctuation doubled, line
breaks changed):

- every stage returns without raising (only `InputError` for text that is blank or has NUL bytes);
- every span (`start`/`end`, `speaker_start`/`speaker_end`, `cue_start`/`cue_end`, any other
  `*_start`/`*_end` pair) lies inside `Article.text` and slices it to the text the row reports;
- quotes never overlap one another; the parts of one quote (a multi-paragraph quote, or one
  interrupted by "he said") share a `quote_id`, follow in reading order and agree on kind,
  speaker and cue;
- sentences tile their paragraph and tokens lie inside their sentence;
- ids cross-reference (sentence and paragraph ids, `timex_id`, `quote_id`, `source_id`);
- results are deterministic: the same input gives equal tables, also in two fresh processes with
  different hash seeds.

The checks live here as plain functions (`check_article`, ...) so `test_hostile.py` reuses them.
Hypothesis runs derandomized with a modest number of examples, so CI is deterministic and fast.
"""
from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import presslens
from presslens import InputError, quotes, sentiment, sources, timeline, tokenize

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = (ROOT / "seeds" / "khaldiyeh-homs.txt").read_text(encoding="utf-8")

# Deterministic and bounded: the same examples on every run, no example database, no deadline
# (the machine is shared; a slow example is not a failure, a wrong one is).
RELIABLE = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

QUOTE_MARKS = '"“”‘’«»„‚‟\''
DOUBLE_QUOTE_MARKS = '"“”«»„‟'


# ---- the checks --------------------------------------------------------------------------------

def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _span_pairs(table: pd.DataFrame) -> list[tuple[str, str, str | None]]:
    """(start column, end column, column holding the reported text or None) for every span pair."""
    pairs = []
    for column in table.columns:
        if column == "start":
            prefix = ""
        elif isinstance(column, str) and column.endswith("_start"):
            prefix = column[: -len("start")]
        else:
            continue
        end = prefix + "end"
        if end not in table.columns:
            continue
        reported = "text" if prefix == "" else prefix.rstrip("_")
        pairs.append((column, end, reported if reported in table.columns else None))
    return pairs


def check_spans(text: str, table: pd.DataFrame, name: str, case_insensitive: bool = False) -> int:
    """Every span lies inside `text` and slices it to what the row reports; returns spans checked."""
    checked = 0
    for start_col, end_col, reported in _span_pairs(table):
        for row in table.to_dict("records"):
            start, end = row[start_col], row[end_col]
            if _missing(start) and _missing(end):
                continue
            assert not _missing(start) and not _missing(end), f"{name}: half a span {start_col}={start} {end_col}={end}"
            assert float(start).is_integer() and float(end).is_integer(), f"{name}: non-integer offsets {row}"
            start, end = int(start), int(end)
            assert 0 <= start <= end <= len(text), f"{name}: {start_col}/{end_col} {start}:{end} outside 0:{len(text)}"
            if reported is not None and not _missing(row[reported]):
                want, got = str(row[reported]), text[start:end]
                if case_insensitive:
                    want, got = want.casefold(), got.casefold()
                assert got == want, f"{name}: text[{start}:{end}] is {got!r}, row reports {want!r} ({reported})"
            checked += 1
    return checked


def check_tiling(text: str, sentence_table: pd.DataFrame) -> None:
    """Sentences tile their paragraph: first at its start, last at its end, only white space between."""
    spans = tokenize.paragraphs(text)
    assert list(sentence_table["sentence"]) == list(range(len(sentence_table))), "sentence ids are not 0..n-1"
    assert sorted(set(sentence_table["paragraph"])) == list(range(len(spans))), "a paragraph has no sentence"
    for start, end in spans:
        assert start < end and not text[start].isspace() and not text[end - 1].isspace()
    for (_, a_end), (b_start, _) in zip(spans, spans[1:]):
        assert a_end <= b_start and not text[a_end:b_start].strip(), "text between paragraphs"
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split()), "paragraphs drop or repeat text"
    for number, rows in sentence_table.groupby("paragraph", sort=True):
        p_start, p_end = spans[number]
        starts, ends = list(rows["start"]), list(rows["end"])
        assert starts[0] == p_start, f"paragraph {number}: first sentence starts at {starts[0]}, not {p_start}"
        assert ends[-1] == p_end, f"paragraph {number}: last sentence ends at {ends[-1]}, not {p_end}"
        for s, e in zip(starts, ends):
            assert s < e, f"empty sentence at {s}"
        for end, start in zip(ends, starts[1:]):
            assert end <= start and not text[end:start].strip(), f"sentences overlap or skip {text[end:start]!r}"


def check_tokens(text: str, sentence_table: pd.DataFrame, token_table: pd.DataFrame) -> None:
    """Tokens are non-empty, in order, disjoint, inside their sentence; together they hold its characters."""
    check_spans(text, token_table, "tokens")
    bounds = {row.sentence: (row.start, row.end) for row in sentence_table.itertuples()}
    assert list(token_table["token"]) == list(range(len(token_table)))
    previous_end = 0
    for row in token_table.itertuples():
        s_start, s_end = bounds[row.sentence]
        assert s_start <= row.start < row.end <= s_end, f"token {row.text!r} outside its sentence"
        assert row.start >= previous_end, f"token {row.text!r} overlaps the one before"
        previous_end = row.end
    for row in sentence_table.itertuples():
        words = token_table[token_table["sentence"] == row.sentence]
        joined = "".join(text[s:e] for s, e in zip(words["start"], words["end"]))
        assert "".join(joined.split()) == "".join(row.text.split()), f"tokens drop characters of {row.text!r}"


def check_quotes(quote_table: pd.DataFrame, sentence_table: pd.DataFrame) -> None:
    """No two quote rows overlap (parts of one quote included); parts of one quote agree on who said it."""
    if quote_table.empty:
        return
    rows = quote_table.sort_values(["start", "end"], kind="stable").to_dict("records")
    for before, after in zip(rows, rows[1:]):
        assert after["start"] >= before["end"], (
            f"quotes overlap: {before['quote_id']} {before['start']}:{before['end']} and "
            f"{after['quote_id']} {after['start']}:{after['end']}")
    assert quote_table["quote_id"].notna().all(), "a quote without quote_id"
    for quote_id, parts in quote_table.groupby("quote_id", sort=False):
        if len(parts) == 1:
            continue
        ordered = parts.sort_values("start")
        assert ordered["paragraph"].is_monotonic_increasing, f"quote {quote_id}: parts not in reading order"
        for column in ("kind", "speaker", "speaker_name", "cue"):
            if column in parts.columns:
                values = {None if _missing(v) else v for v in parts[column]}
                assert len(values) == 1, f"quote {quote_id}: parts disagree on {column}: {values}"
    n_sentences, n_paragraphs = len(sentence_table), int(sentence_table["paragraph"].max()) + 1
    for column, limit in (("sentence", n_sentences), ("paragraph", n_paragraphs)):
        if column in quote_table.columns:
            for value in quote_table[column]:
                assert _missing(value) or 0 <= int(value) < limit, f"quotes: {column} {value} out of range"


def check_timexes(timex_table: pd.DataFrame, sentence_table: pd.DataFrame) -> None:
    """A time expression lies inside the sentence (and paragraph) it names."""
    bounds = {row.sentence: (row.start, row.end, row.paragraph) for row in sentence_table.itertuples()}
    for row in timex_table.to_dict("records"):
        if _missing(row.get("sentence")):
            continue
        s_start, s_end, paragraph = bounds[int(row["sentence"])]
        assert s_start <= row["start"] and row["end"] <= s_end, f"timex {row['text']!r} outside its sentence"
        if not _missing(row.get("paragraph")):
            assert int(row["paragraph"]) == paragraph, f"timex {row['text']!r}: paragraph disagrees with sentence"
    assert timex_table["timex_id"].is_unique if "timex_id" in timex_table.columns else True


def check_scores(table: pd.DataFrame, name: str) -> None:
    """Tone scores are finite: compound in [-1, 1], pos/neu/neg in [0, 1]."""
    for column, low in (("compound", -1.0), ("pos", 0.0), ("neu", 0.0), ("neg", 0.0)):
        if column in table.columns:
            for value in table[column]:
                assert isinstance(value, (int, float)) and math.isfinite(value), f"{name}.{column}: {value!r}"
                assert low <= value <= 1.0, f"{name}.{column}: {value} out of range"


def check_references(analysis: presslens.Analysis) -> None:
    """Ids used in one table exist in the table they refer to."""
    def ids(table, column):
        return set() if column not in table.columns else {v for v in table[column] if not _missing(v)}

    assert ids(analysis.events, "timex_id") <= ids(analysis.timexes, "timex_id"), "event with unknown timex_id"
    assert ids(analysis.events, "quote_id") <= ids(analysis.quotes, "quote_id"), "event with unknown quote_id"
    if not analysis.sources.empty or "source_id" in analysis.sources.columns:
        assert ids(analysis.quotes, "source_id") <= ids(analysis.sources, "source_id"), "quote with unknown source_id"
    article_ids = set(analysis.articles["article_id"])
    for name, table in analysis.tables().items():
        assert ids(table, "article_id") <= article_ids, f"{name}: unknown article_id"


def run_stages(article: presslens.Article) -> dict[str, pd.DataFrame]:
    """Every stage on its own, through its public function, in pipeline order."""
    sentence_table = tokenize.sentences(article)
    token_table = tokenize.tokens(article, sentence_table)
    quote_table = quotes.extract(article, sentence_table)
    attributed = sources.attribute(quote_table)
    source_table = sources.table(attributed)
    scored_quotes = sentiment.score_quotes(attributed)
    scored_sentences = sentiment.score_sentences(sentence_table)
    timex_table = timeline.timexes(article, sentence_table)
    event_table = timeline.events(article, timex_table, sentence_table, scored_quotes)
    return {"sentences": scored_sentences, "tokens": token_table, "quotes": scored_quotes,
            "sources": source_table, "timexes": timex_table, "events": event_table}


def check_article(article: presslens.Article, stages: bool = True) -> presslens.Analysis:
    """Run the stages and `analyze` on one article and check every property; returns the analysis."""
    text = article.text
    if stages:
        staged = run_stages(article)
        check_tiling(text, staged["sentences"])
        check_tokens(text, staged["sentences"], staged["tokens"])
        for name in ("sentences", "quotes", "timexes"):
            check_spans(text, staged[name], name)
        check_quotes(staged["quotes"], staged["sentences"])
        sample = staged["sentences"]["text"].head(3).tolist() + [text[:2000]]
        for piece in sample:
            check_scores(pd.DataFrame([sentiment.score(piece)]), "score")
            check_spans(piece, sentiment.explain(piece), "explain", case_insensitive=True)
    analysis = presslens.analyze(article)
    check_tiling(text, analysis.sentences)
    for name, table in analysis.tables().items():
        check_spans(text, table, name)
    check_quotes(analysis.quotes, analysis.sentences)
    check_timexes(analysis.timexes, analysis.sentences)
    check_scores(analysis.sentences, "sentences")
    check_scores(analysis.quotes, "quotes")
    check_references(analysis)
    assert analysis.articles["characters"].tolist() == [len(text)]
    return analysis


def assert_same_tables(first: presslens.Analysis, second: presslens.Analysis) -> None:
    for name, table in first.tables().items():
        pd.testing.assert_frame_equal(table, getattr(second, name), check_exact=True, obj=name)


# ---- strategies --------------------------------------------------------------------------------

FRAGMENTS = [
    " ", " ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u200b", "\u200d", "\ufeff", "\u2028",
    *QUOTE_MARKS, "...", "…", ".", ",", ";", ":", "!", "?", "-", "–", "—", "--", "(", ")", "[", "]",
    "said", "told AFP", "according to", "he added", "She said:", "state television said", "claimed",
    "Mahmud al-Lowz", "Bashar al-Assad", "the army", "Hezbollah", "Mr.", "Dr.", "U.S.", "an activist",
    "on Monday", "last week", "in June", "29 July 2013", "2012", "two months ago", "yesterday", "at 10 a.m.",
    "since March", "the next day", "90 per cent", "1,000", "3.5", "07/29/2013", "2013-07-29",
    "victory", "terrible", "not good", "killed", "GREAT!!!", ":)", "😀", "🇸🇾", "👩‍👩‍👧",
    "قال أبو رامي", "حمص", "שלום", "é", "ß", "ǅ", "İ", "ﬁ", "\u0301", "<b>", "</p>", "&amp;",
]

newsy_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), min_size=1, max_size=80).map(
    "".join)
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200)


@st.composite
def mutated_seed(draw) -> str:
    """The seed article with quote marks shuffled, paragraphs cut or dropped, punctuation doubled."""
    text = SEED_TEXT
    paragraphs = re.split(r"\n\s*\n", text)
    keep = draw(st.lists(st.booleans(), min_size=len(paragraphs), max_size=len(paragraphs)))
    kept = [p for p, k in zip(paragraphs, keep) if k] or paragraphs[:1]
    if draw(st.booleans()):  # cut one paragraph mid-text
        index = draw(st.integers(0, len(kept) - 1))
        kept[index] = kept[index][: draw(st.integers(1, max(1, len(kept[index]))))]
    text = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\r\r", "\n \n"])).join(kept)
    marks = [i for i, c in enumerate(text) if c in QUOTE_MARKS]
    if marks:
        chars = list(text)
        for i in draw(st.lists(st.sampled_from(marks), max_size=12, unique=True)):
            chars[i] = draw(st.sampled_from(list(QUOTE_MARKS) + [""]))
        text = "".join(chars)
    punctuation = [i for i, c in enumerate(text) if c in ".,;:!?…–—-()\""]
    if punctuation:
        for i in sorted(draw(st.lists(st.sampled_from(punctuation), max_size=10, unique=True)), reverse=True):
            text = text[: i + 1] + text[i] * draw(st.integers(1, 3)) + text[i + 1:]
    if draw(st.booleans()):  # an extra quote mark somewhere
        i = draw(st.integers(0, len(text)))
        text = text[:i] + draw(st.sampled_from(DOUBLE_QUOTE_MARKS)) + text[i:]
    return text if text.strip() else SEED_TEXT


def _article(text: str) -> presslens.Article | None:
    """`from_text`, which must accept the text or refuse it with a one-line `InputError`."""
    try:
        return presslens.from_text(text, id="hyp", published="2013-07-29")
    except InputError as error:
        assert "\n" not in str(error)
        assert not text.strip() or "\x00" in text, f"refused a usable text: {error}"
        return None


# ---- the properties ----------------------------------------------------------------------------

@RELIABLE
@given(any_text)
def test_any_unicode_text(text):
    article = _article(text)
    if article is not None:
        check_article(article)


@RELIABLE
@given(newsy_text)
def test_newsy_fragments(text):
    article = _article(text)
    if article is not None:
        check_article(article)


@settings(RELIABLE, max_examples=25)
@given(mutated_seed())
def test_mutated_news_and_determinism(text):
    article = _article(text)
    assert article is not None
    first = check_article(article)
    assert_same_tables(first, presslens.analyze(article))


def test_the_checks_can_fail():
    """The checkers reject broken tables (a check that cannot fail is a defect)."""
    text = "One. Two.\n\nThree."
    article = presslens.from_text(text, id="t")
    good = tokenize.sentences(article)
    check_tiling(text, good)
    bad_span = good.assign(text=["One.", "Two", "Three."])
    with pytest.raises(AssertionError, match="row reports"):
        check_spans(text, bad_span, "sentences")
    gap = good.assign(start=[0, 6, 11])
    with pytest.raises(AssertionError):
        check_tiling(text, gap)
    overlapping = pd.DataFrame({"quote_id": ["q0", "q1"], "start": [0, 3], "end": [5, 8], "paragraph": [0, 0],
                                "sentence": [0, 0]})
    with pytest.raises(AssertionError, match="overlap"):
        check_quotes(overlapping, good)
    split = pd.DataFrame({"quote_id": ["q0", "q0"], "start": [0, 11], "end": [4, 17], "paragraph": [0, 1],
                          "sentence": [0, 2], "speaker": ["A", "B"]})
    with pytest.raises(AssertionError, match="disagree"):
        check_quotes(split, good)
    with pytest.raises(AssertionError, match="out of range"):
        check_scores(pd.DataFrame({"compound": [1.5]}), "x")


# ---- determinism across processes --------------------------------------------------------------

_DIGEST_SCRIPT = r"""
import hashlib, json, sys
import presslens
texts = json.loads(sys.stdin.read())
digest = {}
for number, text in enumerate(texts):
    article = presslens.from_text(text, id=f"a{number}", published="2013-07-29")
    analysis = presslens.analyze(article)
    for name, table in analysis.tables().items():
        digest[f"{number}:{name}"] = hashlib.sha256(table.to_csv(index=False).encode()).hexdigest()
print(json.dumps(digest, sort_keys=True))
"""


def _digests(hash_seed: str) -> dict:
    texts = [SEED_TEXT, "“Unclosed quote, said he.\n\n„Mixed« «marks” on Monday, 3 May, and last week.",
             "قال أبو رامي \"سننتصر\" 😀 yesterday.\r\n\u200bShe said: “fine”."]
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run([sys.executable, "-c", _DIGEST_SCRIPT], input=json.dumps(texts), capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_same_tables_across_processes():
    first, second = _digests("1"), _digests("2024")
    assert len(first) == 3 * 6
    assert first == second
    assert len({v for k, v in first.items() if k.endswith(":sentences")}) == 3  # different texts differ
