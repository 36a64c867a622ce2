"""Time expressions, their TimeML values against a publication date, and the events they date."""
import datetime as dt
import time

import pandas as pd
import pytest

import presslens
from presslens import timeline, tokenize
from presslens.timeline import EVENT_COLUMNS, TIMEX_COLUMNS, interval, tag

SEED_DATE = dt.date(2013, 7, 29)  # a Monday


def only(text: str, published: dt.date | None = SEED_DATE) -> tuple[str, str, str, str]:
    """The single expression found in `text` as (text, type, value, mod)."""
    found = tag(text, published)
    assert len(found) == 1, found
    return found[0].text, found[0].type, found[0].value, found[0].mod


# ---- the seed article --------------------------------------------------------------------------

SEED_EXPECTED = [
    ("one-month", "DURATION", "P1M", ""),
    ("now", "DATE", "PRESENT_REF", ""),
    ("two months", "DURATION", "P2M", ""),
    ("June", "DATE", "2013-06", ""),
    ("a month ago", "DATE", "2013-06", ""),
    ("June", "DATE", "2013-06", ""),
    ("early morning", "TIME", "2013-07-29TMO", "START"),  # the report's own day: the recapture is dated
    ("near-daily", "SET", "P1D", ""),
    ("now", "DATE", "PRESENT_REF", ""),
    ("March 2012", "DATE", "2012-03", ""),
]


def test_seed_expressions(seed):
    found = [(t.text, t.type, t.value, t.mod) for t in tag(seed.text, seed.published)]
    assert found == SEED_EXPECTED


def test_seed_without_publication_date_leaves_relative_values_open(seed):
    values = {t.text: t.value for t in tag(seed.text, None)}
    assert values["June"] == "XXXX-06"
    assert values["a month ago"] == "XXXX-XX"
    assert values["March 2012"] == "2012-03"


def test_seed_offsets_index_the_text(seed):
    table = timeline.timexes(seed)
    assert list(table.columns) == TIMEX_COLUMNS
    for row in table.itertuples():
        assert seed.text[row.start:row.end] == row.text
    assert table["timex_id"].is_unique


def test_seed_events(seed):
    sentences = tokenize.sentences(seed)
    table = timeline.events(seed, timeline.timexes(seed, sentences), sentences, pd.DataFrame())
    assert list(table.columns) == EVENT_COLUMNS
    dated = {(r.label, r.value, str(r.start_date.date()), str(r.end_date.date())) for r in table.itertuples()}
    assert ("troops took over … Qusayr", "2013-06", "2013-06-01", "2013-06-30") in dated
    assert ("launched the assault on Khaldiyeh", "2013-06", "2013-06-01", "2013-06-30") in dated
    assert ("capture of Baba Amr district", "2012-03", "2012-03-01", "2012-03-31") in dated
    # the main event: the report's own day dates the early morning battles before the recapture
    assert ("battles preceded the recapture of Khaldiyeh", "2013-07-29TMO", "2013-07-29", "2013-07-29") in dated
    publication = table[table["kind"] == "publication"].iloc[0]
    assert publication["start_date"] == pd.Timestamp("2013-07-29")
    assert not table["in_quote"].any()  # no quotes table given


def test_seed_anchors(seed):
    table = timeline.timexes(seed).set_index("text")
    assert table.loc["early morning", "anchor"] == "publication"
    assert table.loc["a month ago", "anchor"] == "publication"
    assert table.loc["March 2012", "anchor"] == "" and table.loc["one-month", "anchor"] == ""


def test_events_know_the_quote_they_sit_in():
    article = presslens.Article("q", 'The minister said: "We met them on Friday." Talks resumed on Monday.',
                                published=SEED_DATE)
    sentences = tokenize.sentences(article)
    timexes = timeline.timexes(article, sentences)
    quotes = pd.DataFrame({"quote_id": [1], "start": [19], "end": [43], "speaker": ["The minister"]})
    table = timeline.events(article, timexes, sentences, quotes).set_index("timex_id")
    assert table.loc["t1", "in_quote"] and table.loc["t1", "speaker"] == "The minister"
    assert not table.loc["t2", "in_quote"] and table.loc["t2", "quote_id"] is None


def test_events_in_quotes_name_the_resolved_speaker_and_labels_drop_quote_marks(seed):
    table = presslens.analyze(presslens.Article(
        "q", "An army officer said the battle was over.\n\n“We took the town in June,” he added.\n\n"
             "“We fought until May.”", published=SEED_DATE)).events.set_index("value")
    assert table.loc["2013-06", "speaker"] == "army officer"  # "he" resolved, not the pronoun
    assert table.loc["2013-05", "speaker"] == "army officer"  # a continuation paragraph
    assert table.loc["2013-06", "label"] == "We took the town"
    assert table.loc["2013-05", "label"] == "We fought"
    seed_events = presslens.analyze(seed).events
    assert not seed_events["label"].str.contains("[“”\"]").any()


def test_events_without_dates_are_empty_with_columns():
    article = presslens.Article("x", "Nothing here has a date.")
    sentences = tokenize.sentences(article)
    table = timeline.events(article, timeline.timexes(article, sentences), sentences, pd.DataFrame())
    assert table.empty and list(table.columns) == EVENT_COLUMNS


# ---- hard cases: text, publication date -> (text, type, value, mod) -------------------------------

PUB = dt.date(1998, 8, 7)  # a Friday

HARD_CASES = [
    ("Bombs exploded Friday.", PUB, ("Friday", "DATE", "1998-08-07", "")),
    ("They met on Tuesday.", PUB, ("Tuesday", "DATE", "1998-08-04", "")),
    ("They will meet on Tuesday.", PUB, ("Tuesday", "DATE", "1998-08-11", "")),
    ("Talks are going to resume Monday.", PUB, ("Monday", "DATE", "1998-08-10", "")),
    ("She said Monday that she will resign.", PUB, ("Monday", "DATE", "1998-08-03", "")),
    ("The vote was held last Friday.", PUB, ("last Friday", "DATE", "1998-07-31", "")),
    ("Prices rose in March.", PUB, ("March", "DATE", "1998-03", "")),
    ("Prices fell in November.", PUB, ("November", "DATE", "1997-11", "")),
    ("The rally will be held in November.", PUB, ("November", "DATE", "1998-11", "")),
    ("He arrived Aug. 3.", PUB, ("Aug. 3", "DATE", "1998-08-03", "")),
    ("It opened on Oct. 23, 1997.", PUB, ("Oct. 23, 1997", "DATE", "1997-10-23", "")),
    ("It opened on 23 October 1997.", PUB, ("23 October 1997", "DATE", "1997-10-23", "")),
    ("It was founded in 1949.", PUB, ("1949", "DATE", "1949", "")),
    ("Sales grew in the third quarter.", PUB, ("the third quarter", "DATE", "1998-Q3", "")),
    ("The plant closed last year.", PUB, ("last year", "DATE", "1997", "")),
    ("Rates rose last month.", PUB, ("last month", "DATE", "1998-07", "")),
    ("He resigned last week.", PUB, ("last week", "DATE", "1998-W31", "")),
    ("They will decide next year.", PUB, ("next year", "DATE", "1999", "")),
    ("It happened two years ago.", PUB, ("two years ago", "DATE", "1996", "")),
    ("It happened 11 days ago.", PUB, ("11 days ago", "DATE", "1998-07-27", "")),
    ("He spoke yesterday.", PUB, ("yesterday", "DATE", "1998-08-06", "")),
    ("He speaks today.", PUB, ("today", "DATE", "1998-08-07", "")),
    ("It fell late November.", PUB, ("late November", "DATE", "1997-11", "END")),
    ("It will open in mid-June.", PUB, ("mid-June", "DATE", "1999-06", "MID")),
    ("They met Friday morning.", PUB, ("Friday morning", "TIME", "1998-08-07TMO", "")),
    ("It began at 10:35 a.m. Thursday.", PUB, ("10:35 a.m. Thursday", "TIME", "1998-08-06T10:35", "")),
    ("The siege lasted about three weeks.", PUB, ("about three weeks", "DURATION", "P3W", "APPROX")),
    ("He served more than four decades.", PUB, ("more than four decades", "DURATION", "P40Y", "MORE_THAN")),
    ("They waited for several years.", PUB, ("several years", "DURATION", "PXY", "")),
    ("It took five hours.", PUB, ("five hours", "DURATION", "PT5H", "")),
    ("A 16-hour flight.", PUB, ("16-hour", "DURATION", "PT16H", "")),
    ("Papers are delivered daily.", PUB, ("daily", "SET", "P1D", "")),
    ("They meet every week.", PUB, ("every week", "SET", "P1W", "")),
    ("They meet each Thursday.", PUB, ("each Thursday", "SET", "XXXX-WXX-4", "")),
    ("Unemployment has risen recently.", PUB, ("recently", "DATE", "PAST_REF", "")),
    ("It may change in the future.", PUB, ("the future", "DATE", "FUTURE_REF", "")),
    ("Crowds gathered on Thanksgiving Day.", PUB, ("Thanksgiving Day", "DATE", "1997-11-27", "")),
    ("Profits doubled in the 1990s.", PUB, ("the 1990s", "DATE", "199", "")),
    ("Rain fell last summer.", PUB, ("last summer", "DATE", "1997-SU", "")),
    ("It happened in the summer of 1995.", PUB, ("the summer of 1995", "DATE", "1995-SU", "")),
    ("The report was dated 1998-07-30.", PUB, ("1998-07-30", "DATE", "1998-07-30", "")),
    ("It was signed on 7/30/1998.", PUB, ("7/30/1998", "DATE", "1998-07-30", "")),
    ("Peace returned in May.", PUB, ("May", "DATE", "1998-05", "")),
    ("Troops march on Sunday.", PUB, ("Sunday", "DATE", "1998-08-02", "")),
    ("The talks began around 5 June.", PUB, ("around 5 June", "DATE", "1998-06-05", "APPROX")),
    ("The talks began about June 5.", PUB, ("about June 5", "DATE", "1998-06-05", "APPROX")),
]


@pytest.mark.parametrize("text, published, expected", HARD_CASES, ids=[c[0] for c in HARD_CASES])
def test_hard_cases(text, published, expected):
    assert only(text, published) == expected


# ---- words that only look temporal ----------------------------------------------------------------

NOT_TIME = [
    "Khaldiyeh may have fallen, but Homs has not.",
    "May I ask a question?",
    "Protesters march through the city.",
    "March forward, they said.",
    "He was wounded a second time.",
    "A second attack followed.",
    "Troops controlled 90 per cent of the district.",
    "About 1,000 people fled.",
    "They paid $1999 for it.",
    "Attorney General Janet Reno spoke.",
    "Foreign Minister Jan Kavan spoke.",
    "the fall of Homs",
    "a spring offensive",
    "They sat down.",
    "The weekend edition sold out.",
    "It rose 12.5 percent.",
]


@pytest.mark.parametrize("text", NOT_TIME)
def test_no_false_positives(text):
    assert tag(text, SEED_DATE) == []


# ---- intervals ---------------------------------------------------------------------------------

INTERVALS = [
    ("2013-06", "", ("2013-06-01", "2013-06-30", "month")),
    ("2013-06", "START", ("2013-06-01", "2013-06-10", "month")),
    ("2013-06", "END", ("2013-06-21", "2013-06-30", "month")),
    ("2012-02", "", ("2012-02-01", "2012-02-29", "month")),
    ("2013-07-29", "", ("2013-07-29", "2013-07-29", "day")),
    ("2013-07-29TMO", "", ("2013-07-29", "2013-07-29", "day")),
    ("2013-W31", "", ("2013-07-29", "2013-08-04", "week")),
    ("2013-Q3", "", ("2013-07-01", "2013-09-30", "quarter")),
    ("2013", "", ("2013-01-01", "2013-12-31", "year")),
    ("199", "", ("1990-01-01", "1999-12-31", "decade")),
    ("2013-SU", "", ("2013-06-01", "2013-08-31", "season")),
]


@pytest.mark.parametrize("value, mod, expected", INTERVALS)
def test_interval(value, mod, expected):
    first, last, granularity = interval(value, mod)
    assert (first.isoformat(), last.isoformat(), granularity) == expected


@pytest.mark.parametrize("value", ["XXXX-06", "PRESENT_REF", "P1M", "XXXX-XX-XXTMO", "", "2013-13"])
def test_interval_of_unresolved_values_is_none(value):
    assert interval(value) is None


# ---- cost --------------------------------------------------------------------------------------


def test_adversarial_input_runs_in_linear_time():
    unit = "March 1999 Friday 12345 The May " * 200
    started = time.perf_counter()
    tag(unit, SEED_DATE)
    small = time.perf_counter() - started
    started = time.perf_counter()
    tag(unit * 8, SEED_DATE)
    large = time.perf_counter() - started
    assert large < 20 * small + 0.05
    started = time.perf_counter()
    tag("1" * 200_000 + " " + "Aa " * 60_000, SEED_DATE)
    assert time.perf_counter() - started < 2.0


# ---- the chart ---------------------------------------------------------------------------------


def test_timeline_chart_draws_intervals_and_publication(seed):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from presslens.plots import timeline_chart

    sentences = tokenize.sentences(seed)
    table = timeline.events(seed, timeline.timexes(seed, sentences), sentences, pd.DataFrame())
    fig = timeline_chart(table, figsize=(9, 4))
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_height() == pytest.approx(0.6)]
    assert len(bars) == len(table)
    june = [b for b in bars if mdates.num2date(b.get_x()).date() == dt.date(2013, 6, 1)]
    assert june and all(round(b.get_width()) == 30 for b in june)  # a month is a month
    assert any(mdates.num2date(line.get_xdata()[0]).date() == SEED_DATE for line in ax.lines)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    plt.close(fig)


# ---- the data files ----------------------------------------------------------------------------

TIMEX_DATA = {
    "timex_months.csv": ["name", "month", "abbreviation", "common_word"],
    "timex_weekdays.csv": ["name", "weekday"], "timex_units.csv": ["name", "unit", "granularity"],
    "timex_numbers.csv": ["word", "value"], "timex_ordinals.csv": ["word", "value"],
    "timex_modifiers.csv": ["phrase", "mod", "applies_to"], "timex_seasons.csv": ["name", "code", "month"],
    "timex_day_parts.csv": ["name", "code"], "timex_references.csv": ["phrase", "type", "value"],
    "timex_sets.csv": ["phrase", "value"], "timex_tense.csv": ["word", "tense"], "timex_holidays.csv": ["name", "rule"],
}


@pytest.mark.parametrize("name, columns", TIMEX_DATA.items())
def test_timex_data_files_have_their_columns_and_unique_lower_case_keys(name, columns):
    from presslens import datafiles

    rows = datafiles.rows(name)
    assert rows and list(rows[0]) == columns
    keys = [row[columns[0]] for row in rows]
    assert len(keys) == len(set(keys)) and all(key == key.lower() and key.strip() for key in keys)
    assert all(all(row[c] for c in columns) for row in rows), "an empty field"


def test_timex_data_values_are_valid():
    from presslens import datafiles

    assert [int(r["value"]) for r in datafiles.rows("timex_ordinals.csv")] == list(range(1, 32))
    assert {r["tense"] for r in datafiles.rows("timex_tense.csv")} <= {"future", "past", "reporting", "deadline", "until"}
    for row in datafiles.rows("timex_holidays.csv"):
        if row["rule"] in ("lunar-day", "lunar-month"):
            continue
        for year in (1990, 2013, 2040):  # every rule gives a real date
            assert timeline._holiday_date(row["rule"], year).year == year, row
    assert timeline._holiday_date("05-7-2", 2019) == dt.date(2019, 5, 12)  # Mother's Day: 2nd Sunday of May
