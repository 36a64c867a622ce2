"""Loading articles: every input form, and a one-line error for every kind of bad input."""
import datetime as dt
import json

import pandas as pd
import pytest

import presslens
from presslens import InputError, load
from presslens.loader import parse_date, split_title

SEED_TEXT = "Headline of the story\n\nThe army said it won. Activists disagreed.\n"


def test_seed_folder_gives_article_with_metadata(seed):
    assert seed.id == "khaldiyeh-homs"
    assert seed.title == "Syria: Regime Forces Retakes Rebel Stronghold Homs"
    assert seed.outlet == "AFP"
    assert seed.published == dt.date(2013, 7, 29)
    assert seed.text.startswith("Syria: Regime Forces")


def test_seed_is_a_byte_copy_of_shared(seed):
    from conftest import ROOT, SHARED_EVAL

    shared = SHARED_EVAL.parent / "seeds" / "khaldiyeh-homs.txt"
    if not shared.exists():
        pytest.skip("../shared is not present")
    assert (ROOT / "seeds" / "khaldiyeh-homs.txt").read_bytes() == shared.read_bytes()


def test_txt_file_title_from_first_line(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    (article,) = load(path)
    assert (article.id, article.title, article.text) == ("story", "Headline of the story", SEED_TEXT)
    assert article.published is None and article.origin == str(path)


@pytest.mark.parametrize("text,title", [
    ("Title\n\nBody.", "Title"),
    ("Title\r\n\r\nBody.", "Title"),
    ("No title here. Body goes on\nand on.", ""),
    ("  Spaced title  \n   \nBody", "Spaced title"),
    ("Is the siege over?\n\nBody.", "Is the siege over?"),
    # a lede sentence on its own line is the start of the story, not its title
    ("The Syrian army recaptured the Khaldiyeh district of Homs on Monday.\n\nBody.", ""),
    ('The mayor said "we are ready."\n\nBody.', ""),
    (" ".join(["word"] * 21) + "\n\nBody.", ""),
    (" ".join(["word"] * 20) + "\n\nBody.", " ".join(["word"] * 20)),
])
def test_split_title(text, title):
    assert split_title(text) == title


def test_raw_text_goes_through_text_keyword_or_from_text():
    (article,) = load(text="The army said it won.\nActivists disagreed.")
    assert article.id == "text" and article.origin == "<text>"
    assert presslens.analyze(text="The army said it won.").articles["characters"].tolist() == [21]


@pytest.mark.parametrize("call", [load, presslens.analyze], ids=["load", "analyze"])
def test_a_path_that_does_not_exist_is_an_error_not_an_article(tmp_path, monkeypatch, call):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=r"^corpus_typo: no such file or folder$"):
        call("corpus_typo")


def test_a_string_of_text_given_as_a_path_is_refused_with_a_hint():
    with pytest.raises(InputError, match=r"looks like article text: use presslens\.from_text"):
        load("The army said it won.\nActivists disagreed.")


def test_an_article_gets_the_profile_its_metadata_names(tmp_path, seed):
    assert seed.profile == "syria"
    (tmp_path / "a.txt").write_text("Story a.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Story b.", encoding="utf-8")
    (tmp_path / "mine.yaml").write_text("name: mine\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("id,profile\na,syria\nb,mine.yaml\n", encoding="utf-8")
    assert [a.profile for a in load(tmp_path)] == ["syria", str(tmp_path / "mine.yaml")]
    table = tmp_path / "t.csv"
    table.write_text("id,text,profile\nx,Story x.,neutral\ny,Story y.,\n", encoding="utf-8")
    assert [a.profile for a in load(table)] == ["neutral", ""]


def test_folder_of_txt_sorted(tmp_path):
    for name in ("b", "a"):
        (tmp_path / f"{name}.txt").write_text(f"Story {name}.", encoding="utf-8")
    assert [a.id for a in load(tmp_path)] == ["a", "b"]


def test_csv_jsonl_parquet(tmp_path):
    frame = pd.DataFrame({"id": ["x", "y"], "text": ["One. Two.", "Three."], "published": ["2013-07-29", ""],
                          "outlet": ["AFP", "Reuters"]})
    frame.to_csv(tmp_path / "c.csv", index=False)
    frame.to_parquet(tmp_path / "p.parquet")
    with open(tmp_path / "j.jsonl", "w", encoding="utf-8") as handle:
        for row in frame.to_dict("records"):
            handle.write(json.dumps(row) + "\n")
    for name in ("c.csv", "p.parquet", "j.jsonl"):
        articles = load(tmp_path / name)
        assert [a.id for a in articles] == ["x", "y"], name
        assert articles[0].published == dt.date(2013, 7, 29) and articles[1].published is None
        assert articles[0].outlet == "AFP"


def test_stdin_text(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Plain story.\n".encode())))
    (article,) = load("-")
    assert article.id == "stdin" and article.text == "Plain story.\n"


def test_cp1252_is_decoded_with_one_warning(tmp_path, capsys):
    path = tmp_path / "old.txt"
    path.write_bytes("The caf\xe9 \x93quote\x94 reopened.".encode("latin-1"))
    (article,) = load(path)
    assert article.text == "The café “quote” reopened."
    load(path)
    assert capsys.readouterr().err.count("not UTF-8") == 1


BAD_INPUTS = [
    ("missing path", lambda d: d / "nope.txt", "no such file"),
    ("empty file", lambda d: _write(d / "e.txt", b""), "empty text"),
    ("whitespace only", lambda d: _write(d / "w.txt", b"  \n\t\n"), "empty text"),
    ("binary data", lambda d: _write(d / "b.txt", b"abc\x00def"), "binary data"),
    ("csv without text column", lambda d: _write(d / "t.csv", b"id,body\n1,hello\n"), "no 'text' column"),
    ("bad published date", lambda d: _write(d / "d.csv", b"id,text,published\n1,hello,29/07/13\n"),
     "unparseable published date"),
    ("bad json line", lambda d: _write(d / "j.jsonl", b'{"id": 1, "text": "ok"}\n{oops\n'), "line 2 is not valid JSON"),
    ("empty folder", lambda d: _mkdir(d / "empty"), "no .txt or .parquet files"),
    ("duplicate ids", lambda d: _write(d / "dup.csv", b"id,text\na,x\na,y\n"), "duplicate id"),
    ("empty record in table", lambda d: _write(d / "r.csv", b"id,text\na,fine\nb,\n"), "r.csv:2: empty text"),
]


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def _mkdir(path):
    path.mkdir()
    return path


@pytest.mark.parametrize("case,make,message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_line_naming_the_file(tmp_path, case, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError) as error:
        load(path)
    text = str(error.value)
    assert message in text and "\n" not in text
    assert path.name in text


def test_link_outside_folder_is_refused(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Secret text.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("Fine text.", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    with pytest.raises(InputError, match="outside"):
        load(corpus)
    assert len(load(corpus, follow_outside=True)) == 2


def test_articles_are_plain_values():
    article = presslens.from_text("A. B.", id="x", published="2020-01-02")
    assert article.to_record()["published"] == "2020-01-02"
    with pytest.raises(Exception):
        article.text = "changed"


# ---- published dates as scraped data writes them (classb, issue 14) ----------------------------

PUBLISHED_DATES = [  # (value, date_order, the date read); the rule for 03/04/2013 is `date_order`
    ("2013-07-29", "mdy", "2013-07-29"),
    ("2013-07-29T10:30:00Z", "mdy", "2013-07-29"),
    ("2013/7/29", "mdy", "2013-07-29"),
    ("July 29, 2013", "mdy", "2013-07-29"),
    ("Jul. 29 2013", "mdy", "2013-07-29"),
    ("Sept 3, 2013", "mdy", "2013-09-03"),
    ("29 July 2013", "mdy", "2013-07-29"),
    ("29th of July 2013", "mdy", "2013-07-29"),
    ("Mon, 29 Jul 2013 10:30:00 GMT", "mdy", "2013-07-29"),
    ("Monday, July 29, 2013 at 10:30 a.m. EDT", "mdy", "2013-07-29"),
    ("29/07/2013", "mdy", "2013-07-29"),  # 29 cannot be a month: day first whatever the order
    ("07/29/2013", "dmy", "2013-07-29"),  # 29 cannot be a month: month first whatever the order
    ("29.07.2013", "mdy", "2013-07-29"),
    ("03/04/2013", "mdy", "2013-03-04"),
    ("03/04/2013", "dmy", "2013-04-03"),
]
UNREADABLE_DATES = ["yesterday", "31/02/2013", "29/07/13", "Julember 29, 2013", "13/13/2013", "2013"]


@pytest.mark.parametrize(("value", "order", "expected"), PUBLISHED_DATES)
def test_published_dates_in_common_forms_are_read(value, order, expected):
    assert parse_date(value, "x.csv:2", date_order=order).isoformat() == expected


@pytest.mark.parametrize("value", UNREADABLE_DATES)
def test_an_unreadable_published_date_is_one_line_naming_the_record(value):
    with pytest.raises(InputError, match=r"^x.csv:2: unparseable published date"):
        parse_date(value, "x.csv:2")


def test_a_scraped_date_keeps_the_article(tmp_path):
    path = _write(tmp_path / "scraped.csv", b'id,text,published\na,Fine text.,"July 29, 2013"\nb,More text.,29/07/2013\n')
    assert [article.published.isoformat() for article in load(path)] == ["2013-07-29", "2013-07-29"]
