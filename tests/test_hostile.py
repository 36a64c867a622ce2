"""Hostile and broken input (issue 9), each case a test.

Every case runs all stages and `analyze` and checks the properties of `test_properties.py`
(spans slice the text, quotes never overlap, sentences tile their paragraph, ids refer to rows
that exist), plus what the case itself is about.
"""
from __future__ import annotations

import csv
import json
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import benchmark_script
from test_properties import SEED_TEXT, check_article, check_spans, check_tiling

import presslens
from presslens import InputError, cli, loader, quotes, report, tokenize

ROOT = Path(__file__).resolve().parents[1]


adversarial = benchmark_script("adversarial")


def article(text: str, id: str = "hostile") -> presslens.Article:
    return presslens.from_text(text, id=id, published="2013-07-29")


def paragraph_of(text: str, start: int, end: int) -> int | None:
    for number, (p_start, p_end) in enumerate(tokenize.paragraphs(text)):
        if p_start <= start and end <= p_end:
            return number
    return None


# ---- quote marks -------------------------------------------------------------------------------

QUOTE_CASES = {
    "unbalanced open": "“We will win, the commander said.\n\nThe army denied it.",
    "unbalanced close": "We will win,” the commander said. ” ” And ”then” more.",
    "stray straight quotes": 'He said " and then " and " again, she told AFP.',
    "closer before opener": "”Backwards“ said the spokesman. ’Single‘ too.",
    "mixed marks": "“We won\" said one. «They lost“ said another. „Nobody» said a third. 'Half\" done.",
    "only quote marks": "“”“”\"\"''‘’«»„‟" * 20,
    "deep nesting": "“" + "‘“" * 300 + "core" + "”’" * 300 + "” the officer said.",
    "deep nesting unclosed": "He said “" + "«„‘“" * 400 + "and stopped.",
    "apostrophes everywhere": "Assad’s army’s ‘victory’ isn’t the rebels’ ‘defeat’, the activists’ spokesman said.",
    "quote mark per paragraph": "\n\n".join(["“"] * 40 + ["” he said."]),
}


@pytest.mark.parametrize("text", QUOTE_CASES.values(), ids=QUOTE_CASES.keys())
def test_quote_marks(text):
    analysis = check_article(article(text))
    for row in analysis.quotes.itertuples():
        assert paragraph_of(text, row.start, row.end) is not None, f"quote {row.text!r} crosses a paragraph break"


def test_quote_never_closes_across_50_paragraphs():
    paragraphs = ["“The siege will end, the governor told reporters on Monday."]
    paragraphs += [f"Paragraph {n} says the fighting went on for {n} days, residents said." for n in range(1, 50)]
    text = "\n\n".join(paragraphs)
    start = time.process_time()
    analysis = check_article(article(text))
    assert time.process_time() - start < 30
    assert len(tokenize.paragraphs(text)) == 50
    # A quote never closed ends at its paragraph end: no row swallows the following paragraphs.
    for row in analysis.quotes.itertuples():
        assert paragraph_of(text, row.start, row.end) is not None, f"quote {row.text[:60]!r} runs across paragraphs"


GUILLEMETS = "«We have won», the general said. „We will stay“, the mayor said. »Inverted« the clerk said."


def test_guillemets_and_german_quotes_tokenize():
    text = GUILLEMETS
    check_article(article(text))
    a = article(text)
    sentences = tokenize.sentences(a)
    assert list(sentences["text"]) == ["«We have won», the general said.", "„We will stay“, the mayor said.",
                                       "»Inverted« the clerk said."]
    words = list(tokenize.tokens(a)["text"])
    assert words[:6] == ["«", "We", "have", "won", "»", ","]
    assert words[10:16] == ["„", "We", "will", "stay", "“", ","]


def test_guillemets_and_german_quotes_are_quotes():
    found = quotes.extract(article(GUILLEMETS))
    texts = list(found["text"])
    assert "We have won" in texts and "We will stay" in texts, texts
    # The German closing mark “ must close the quote „...“, not open a new one.
    assert not any("the mayor said" in t for t in texts), texts


# ---- scripts, symbols and invisible characters -------------------------------------------------

def test_right_to_left_text_and_arabic_names():
    text = ("Homs-based activist Abu Rami (أبو رامي) told AFP: “We will not leave.”\n\n"
            "قال الناشط أبو رامي لوكالة الصحافة الفرنسية: «لن نغادر». هل سقطت حمص؟\n\n"
            "\u200fRTL mark, \u202eoverride\u202c and \u200eLTR mark, said Mahmud al-Lowz.")
    analysis = check_article(article(text))
    words = set(tokenize.tokens(article(text))["text"])
    assert {"أبو", "رامي", "حمص", "al-Lowz"} <= words
    assert len(analysis.sentences) >= 4


def test_arabic_speaker_name_is_kept_whole():
    text = "“We will not leave,” said أبو رامي, an activist in Homs."
    found = quotes.extract(article(text))
    assert list(found["text"]) == ["We will not leave"]
    assert "أبو رامي" in found["speaker"].iloc[0]


EMOJI = ("We won 🎉. They lost 😢! A family 👩‍👩‍👧 under the 🇸🇾 flag, thumbs 👍🏽, keycap 1️⃣.\n\n"
         "“Victory 🙏,” he said on Monday 🕌.")


def test_emoji():
    a = article(EMOJI)
    analysis = check_article(a)
    assert list(analysis.sentences["text"][:2]) == ["We won 🎉.", "They lost 😢!"]
    words = list(tokenize.tokens(a)["text"])
    assert "👩\u200d👩\u200d👧" in words and "🇸🇾" in words and "👍🏽" in words


INVISIBLE = ("\ufeffThe\u00a0army said\u00a0on\u00a0Monday it took 90\u00a0per\u00a0cent of Khaldiyeh.\n"
             "\u00a0\u2007\u202f\n"
             "Zero\u200bwidth\u200cjoin\u200dand\u2060word\u00adjoiner in “quo\u200bted\u00a0words,” an official\u00a0said.")


def test_zero_width_and_non_breaking_spaces():
    a = article(INVISIBLE)
    analysis = check_article(a)
    # A line of non-breaking spaces is blank: it ends the paragraph.
    assert len(tokenize.paragraphs(INVISIBLE)) == 2
    assert analysis.sentences["text"].iloc[0].startswith("\ufeffThe\u00a0army")
    words = list(tokenize.tokens(a)["text"])
    assert "per" in words and "cent" in words  # NBSP separates words
    assert "Zero\u200bwidth\u200cjoin\u200dand\u2060word\u00adjoiner" in words  # zero-width does not


CONTROL = "Esc \x1b[31mred\x1b[0m, bell \x07, \x01mask\x02 marks \x01\x02, DEL \x7f, \x0bVT \x0cFF \x85NEL \u2028LS \u2029PS."


@pytest.mark.parametrize("text", [CONTROL, "“" + CONTROL + "” he said.", "\x01“\x02”\x01 said \x02 the \x01 man."],
                         ids=["bare", "quoted", "around marks"])
def test_control_characters(text):
    check_article(article(text))


def _normalise(text: str) -> str:
    return re.sub(r"\r\n|\r", "\n", text)


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_line_endings_give_the_same_analysis(newline):
    plain = SEED_TEXT
    text = plain.replace("\n", newline)
    unix, other = check_article(article(plain)), check_article(article(text))
    assert [_normalise(t) for t in other.sentences["text"]] == list(unix.sentences["text"])
    assert list(other.sentences["paragraph"]) == list(unix.sentences["paragraph"])
    assert [_normalise(t) for t in other.quotes["text"]] == list(unix.quotes["text"])
    assert [_normalise(t) for t in other.timexes["text"]] == list(unix.timexes["text"])
    assert list(other.timexes["value"]) == list(unix.timexes["value"])


def test_line_endings_from_a_file(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("Headline here\r\n\r\nFirst line.\rSecond line.\r\n".encode())
    [loaded] = presslens.load(path)
    assert loaded.title == "Headline here"
    assert loaded.text.startswith("Headline here\r\n")
    analysis = check_article(loaded)
    assert list(analysis.sentences["text"]) == ["Headline here", "First line.", "Second line."]


# ---- NUL bytes ---------------------------------------------------------------------------------

def test_nul_bytes_are_an_input_error(tmp_path, monkeypatch):
    with pytest.raises(InputError, match="NUL"):
        presslens.from_text("Some\x00text.")
    (tmp_path / "nul.txt").write_bytes(b"Some\x00text.")
    with pytest.raises(InputError, match=r"nul\.txt: binary data \(NUL bytes\)"):
        presslens.load(tmp_path / "nul.txt")
    (tmp_path / "nul.jsonl").write_text(json.dumps({"id": "n", "text": "a\u0000b"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"nul\.jsonl:1: binary data"):
        presslens.load(tmp_path / "nul.jsonl")
    (tmp_path / "nul.csv").write_bytes(b"id,text\nok,fine\nbad,a\x00b\n")
    with pytest.raises(InputError, match=r"nul\.csv:2: binary data"):
        presslens.load(tmp_path / "nul.csv")
    code = cli.main(["tokens", str(tmp_path / "nul.txt")])
    assert code == 2


# ---- HTML --------------------------------------------------------------------------------------

PAYLOAD = '<script>alert("pwned")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
HTML_TEXT = (f"<p>Rebels</p> said {PAYLOAD} on Monday.\n\n"
             f"“{PAYLOAD} is <b>not</b> news,” the spokesman said. {ATTRIBUTE} &amp; &lt;tags&gt;")


def test_html_markup_passes_through_the_pipeline():
    analysis = check_article(article(HTML_TEXT))
    assert PAYLOAD in "".join(analysis.sentences["text"])  # analysed as text, untouched


def test_html_report_escapes_text_and_metadata():
    hostile = presslens.Article(id=f"id{ATTRIBUTE}", text=HTML_TEXT, title=f"Title {PAYLOAD}",
                                outlet=f"Outlet {ATTRIBUTE}", origin=f"file{PAYLOAD}.txt")
    analysis = presslens.analyze(hostile)
    quoted = pd.DataFrame({"article_id": [hostile.id], "quote_id": [ATTRIBUTE], "start": [HTML_TEXT.index("“") + 1],
                           "end": [HTML_TEXT.index("”")], "speaker": [PAYLOAD], "side": [ATTRIBUTE], "kind": ["direct"]})
    two = presslens.analyze([hostile, presslens.Article(id="other", text="Plain text.")])
    pages = [report.article_html(hostile, analysis.quotes), report.article_html(hostile, quoted),
             report.page_html(analysis, {}),
             report.page_html(two, {})]  # the corpus layout shows the articles table too
    for page in pages:
        assert PAYLOAD not in page and "<script" not in page.lower()
        assert ATTRIBUTE not in page and "<img" not in page and "<b>" not in page
        assert "&lt;script&gt;" in page
    assert "&lt;b&gt;not&lt;/b&gt;" in pages[1]


# ---- size --------------------------------------------------------------------------------------

def test_five_megabyte_article_completes_in_bounded_time():
    paragraphs = re.split(r"\n\s*\n", SEED_TEXT)
    copies = 5_000_000 // len(SEED_TEXT) + 1
    text = "\n\n".join(paragraphs * copies)[:5_000_000].rstrip()
    big = presslens.Article(id="big", text=text, published=presslens.load(ROOT / "seeds")[0].published)
    start = time.process_time()
    analysis = presslens.analyze(big)
    elapsed = time.process_time() - start
    assert elapsed < 240, f"5 MB took {elapsed:.0f} s of CPU"
    expected = len(tokenize.sentences(presslens.from_text(SEED_TEXT))) * (copies - 1)
    assert len(analysis.sentences) >= expected
    assert analysis.articles["characters"].tolist() == [len(text)]
    tail = analysis.sentences.tail(200)
    check_spans(text, tail, "sentences")
    check_spans(text, analysis.quotes.tail(200), "quotes")
    check_spans(text, analysis.timexes.tail(200), "timexes")


@pytest.mark.parametrize("pattern", list(adversarial.PATTERNS))
def test_no_catastrophic_backtracking(pattern):
    """200 KB of each adversarial pattern (one paragraph) through analyze; linear rules take ~1-3 s."""
    text = adversarial.adversarial_text(pattern, 200 * 1024)
    start = time.process_time()
    analysis = presslens.analyze(presslens.Article(id="adv", text=text))
    elapsed = time.process_time() - start
    assert elapsed < 20, f"{pattern}: 200 KB took {elapsed:.1f} s of CPU"
    check_tiling(text, analysis.sentences)


# ---- a large corpus with bad rows --------------------------------------------------------------

BAD_ROWS = {17: "empty text", 50_000: "binary data (NUL bytes)", 99_998: "unparseable published date"}


def _write_corpus(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "published", "outlet"])
        for number in range(1, rows + 1):
            text, published = f"Row {number}: the army said it took the district on Monday.", "2013-07-29"
            if number == 17:
                text = "   "
            elif number == 50_000:
                text = "Broken \x00 row."
            elif number == 99_998:
                published = "29/07/13"  # a two-digit year: unreadable (29/07/2013 is read)
            if "\x00" in text:  # by hand: Python before 3.11 cannot write a NUL with csv
                handle.write(f"r{number},{text},{published},AFP\r\n")
            else:
                writer.writerow([f"r{number}", text, published, "AFP"])


def test_hundred_thousand_rows_with_bad_rows_stream(tmp_path):
    path = tmp_path / "corpus.csv"
    _write_corpus(path, 100_000)
    good, bad = 0, {}
    start = time.process_time()
    for record in loader.iter_records(path):
        try:
            loader.to_article(record, record["origin"])
            good += 1
        except InputError as error:
            bad[int(record["origin"].rsplit(":", 1)[1])] = str(error)
    assert time.process_time() - start < 60
    assert good == 100_000 - len(BAD_ROWS)
    assert sorted(bad) == sorted(BAD_ROWS)
    for number, reason in BAD_ROWS.items():
        assert f"corpus.csv:{number}: {reason}" in bad[number] and "\n" not in bad[number]


def test_corpus_run_skips_bad_rows(tmp_path, capsys):
    """`presslens analyze` on a corpus with bad rows (1,000 rows; the full 100,000 would take minutes)."""
    path = tmp_path / "corpus.csv"
    _write_corpus(path, 1_000)
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("r1001,Late row \x00 with NUL.,2013-07-29,AFP\r\n")  # by hand: NUL (see _write_corpus)
    out = tmp_path / "out"
    code = cli.main(["analyze", str(path), "--out", str(out), "--quiet", "--chunk-size", "250"])
    err = capsys.readouterr().err
    assert code == 0, err
    errors = pd.read_csv(out / "errors.csv")
    assert sorted(errors["id"]) == ["r1001", "r17"]
    assert errors["reason"].str.contains("empty text").any() and errors["reason"].str.contains("NUL").any()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["articles"], summary["skipped"], summary["chunks"]) == (999, 2, 5)
    assert len(pd.read_parquet(out / "articles.parquet")) == 999  # the last chunk holds only the bad row
    assert not list(out.rglob("*.part"))
