"""CSV files for spreadsheets: whole numbers stay whole, shares rounded, UTF-8 with a BOM, no formulas."""
import codecs
import json

import pandas as pd
import pytest

from presslens import corpus, output


def test_whole_numbers_stay_whole_and_fractions_are_rounded():
    frame = pd.DataFrame({"sentence": [2.0, None, 15.0], "share_of_voice": [0.0975609756097561, 0.5, None],
                          "quote_id": [2.0, None, "q3"], "count": pd.array([1, None, 3], dtype="Int64")})
    text = output.spreadsheet_safe(frame).to_csv(index=False)
    assert text.splitlines() == ["sentence,share_of_voice,quote_id,count", "2,0.0976,2,1", ",0.5,,", "15,,q3,3"]


@pytest.mark.parametrize("cell, shown", [
    ("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"),
    ("+1", "'+1"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"), ("\r=1", "'\r=1"),
    ("plain text", "plain text"), ("a=b", "a=b"), ("", ""),
])
def test_text_that_a_spreadsheet_would_run_as_a_formula_is_shown_as_text(cell, shown):
    assert output.spreadsheet_safe(pd.DataFrame({"text": [cell]}))["text"][0] == shown


def test_numbers_are_never_escaped_so_negative_tones_stay_numbers():
    frame = output.spreadsheet_safe(pd.DataFrame({"compound": [-0.52671, 0.25], "start": [-3, 4]}))
    assert frame["compound"].tolist() == [-0.5267, 0.25] and frame["start"].tolist() == [-3, 4]
    assert frame.to_csv(index=False).splitlines()[1] == "-0.5267,-3"


def test_csv_files_are_utf8_with_a_bom_so_excel_shows_curly_quotes(tmp_path):
    path = output.write_csv(pd.DataFrame({"text": ["“We won,” he said"]}), tmp_path / "t.csv")
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and data.count(codecs.BOM_UTF8) == 1
    assert pd.read_csv(path)["text"][0] == "“We won,” he said"  # pandas reads the mark as what it is


def test_a_runs_csv_tables_are_for_spreadsheets(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "The army said “We have won” on Monday, July 29, 2013.",
                                  "published": "2013-07-29"}) + "\n", encoding="utf-8")
    corpus.run(source, tmp_path / "out", quiet=True)
    for name in ("events", "quotes", "sources", "errors"):
        data = (tmp_path / "out" / f"{name}.csv").read_bytes()
        assert data.startswith(codecs.BOM_UTF8) and data.count(codecs.BOM_UTF8) == 1, name
    events = (tmp_path / "out" / "events.csv").read_text(encoding="utf-8-sig").splitlines()
    header = events[0].split(",")
    rows = [dict(zip(header, line.split(","))) for line in events[1:]]
    assert rows and all("." not in row["sentence"] and "." not in row["paragraph"] for row in rows)
    assert "“We have won”" in (tmp_path / "out" / "quotes.csv").read_text(encoding="utf-8-sig")
