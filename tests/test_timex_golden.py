"""Golden rules for time expressions: one row per case, in classes, our own made-up sentences.

Each row is (class, text, publication date, options for `tag`, expected (text, type, value, mod) of the
one expression the sentence has, reason). A row with a reason is a known miss: it runs as a strict
xfail, so fixing it shows up as a failure until the reason is removed.
"""
import datetime as dt

import pytest

from presslens.timeline import tag

NOV = dt.date(2019, 11, 14)  # a Thursday in November
FRI = dt.date(1998, 8, 7)    # a Friday in August

GOLDEN = [
    # clock times in words
    ("clock words", "The polls closed at a quarter to nine.", NOV, {},
     ("a quarter to nine", "TIME", "2019-11-14T08:45", ""), ""),
    ("clock words", "The convoy arrived at twenty past four.", NOV, {},
     ("twenty past four", "TIME", "2019-11-14T04:20", ""), ""),
    ("clock words", "The curfew was lifted at half past midnight.", NOV, {},
     ("half past midnight", "TIME", "2019-11-14T00:30", ""), ""),
    ("clock words", "The result will be announced at noon on Friday.", NOV, {},
     ("noon on Friday", "TIME", "2019-11-15T12:00", ""), ""),
    # compound numbers
    ("compound numbers", "He taught for thirty-five years.", NOV, {}, ("thirty-five years", "DURATION", "P35Y", ""), ""),
    ("compound numbers", "He taught for thirty five years.", NOV, {}, ("thirty five years", "DURATION", "P35Y", ""), ""),
    ("compound numbers", "The siege lasted three hundred and forty days.", NOV, {},
     ("three hundred and forty days", "DURATION", "P340D", ""), ""),
    ("compound numbers", "The strike went on for a dozen weeks.", NOV, {}, ("a dozen weeks", "DURATION", "P12W", ""), ""),
    ("compound numbers", "The hostages were held for 3 1/2 years.", NOV, {}, ("3 1/2 years", "DURATION", "P3Y6M", ""), ""),
    ("compound numbers", "The flight took 7 1/2 hours.", NOV, {}, ("7 1/2 hours", "DURATION", "PT7H30M", ""), ""),
    # numeric dates and the outlet's day/month order
    ("numeric dates", "The deal was signed on 07-04-2019.", NOV, {}, ("07-04-2019", "DATE", "2019-07-04", ""), ""),
    ("numeric dates", "The deal was signed on 07-04-2019.", NOV, {"date_order": "dmy"},
     ("07-04-2019", "DATE", "2019-04-07", ""), ""),
    ("numeric dates", "The deal was signed on 04.07.2019.", NOV, {"date_order": "dmy"},
     ("04.07.2019", "DATE", "2019-07-04", ""), ""),
    ("numeric dates", "The deal was signed on 25.12.2018.", NOV, {}, ("25.12.2018", "DATE", "2018-12-25", ""), ""),
    ("numeric dates", "Fighting resumed on 4 Jul '19.", NOV, {}, ("4 Jul '19", "DATE", "2019-07-04", ""), ""),
    # ordinals
    ("ordinals", "The ceasefire began on the third of March.", NOV, {}, ("the third of March", "DATE", "2019-03-03", ""), ""),
    ("ordinals", "The two leaders met on the 4th.", NOV, {}, ("the 4th", "DATE", "2019-11-04", ""), ""),
    ("ordinals", "The court will rule on the 20th.", NOV, {}, ("the 20th", "DATE", "2019-11-20", ""), ""),
    # this coming / this / by / last, against a November publication date
    ("this/last/by", "The law takes effect this coming June.", NOV, {}, ("this coming June", "DATE", "2020-06", ""), ""),
    ("this/last/by", "The law took effect this June.", NOV, {}, ("this June", "DATE", "2019-06", ""), ""),
    ("this/last/by", "Elections will be held this June.", NOV, {}, ("this June", "DATE", "2020-06", ""), ""),
    ("this/last/by", "The troops will be home by Christmas.", NOV, {}, ("Christmas", "DATE", "2019-12-25", ""), ""),
    ("this/last/by", "Prices rose last spring.", NOV, {}, ("last spring", "DATE", "2019-SP", ""), ""),
    ("this/last/by", "The mayor was shot last Oct. 23 at his home.", NOV, {}, ("last Oct. 23", "DATE", "2019-10-23", ""), ""),
    ("this/last/by", "The mayor was shot last Dec. 23 at his home.", NOV, {}, ("last Dec. 23", "DATE", "2018-12-23", ""), ""),
    ("this/last/by", "The vote is due next Jan. 9.", NOV, {}, ("next Jan. 9", "DATE", "2020-01-09", ""), ""),
    # quarters and halves
    ("quarters and halves", "Sales rose in the second quarter of 2011.", NOV, {},
     ("the second quarter of 2011", "DATE", "2011-Q2", ""), ""),
    ("quarters and halves", "Sales rose in the 2011 third quarter.", NOV, {},
     ("the 2011 third quarter", "DATE", "2011-Q3", ""), ""),
    ("quarters and halves", "Profits fell in H1.", NOV, {}, ("H1", "DATE", "2019-H1", ""), ""),
    ("quarters and halves", "Profits fell in the first half of 2011.", NOV, {},
     ("the first half of 2011", "DATE", "2011-H1", ""), ""),
    # eras and centuries
    ("eras and centuries", "The city was founded in 300 BC.", NOV, {}, ("300 BC", "DATE", "BC0300", ""), ""),
    ("eras and centuries", "The mills were built in the 1800s.", NOV, {}, ("the 1800s", "DATE", "18", ""), ""),
    ("eras and centuries", "The mills were built in the nineteenth century.", NOV, {},
     ("the nineteenth century", "DATE", "18", ""), ""),
    ("eras and centuries", "The mills were built in the 19th century.", NOV, {}, ("the 19th century", "DATE", "18", ""), ""),
    # holidays
    ("holidays", "Florists were busy on Mother's Day.", NOV, {}, ("Mother's Day", "DATE", "2019-05-12", ""), ""),
    ("holidays", "Families travelled at Thanksgiving.", NOV, {}, ("Thanksgiving", "DATE", "2018-11-22", ""), ""),
    ("holidays", "Families will travel at Thanksgiving.", NOV, {}, ("Thanksgiving", "DATE", "2019-11-28", ""), ""),
    ("holidays", "Shops stayed open through Easter week.", NOV, {}, ("Easter week", "DATE", "2019-W16", ""),
     "'through' right before the week reads as a time ahead ('open through Easter'); 'stayed' is only an -ed "
     "form, not a listed past, so it does not overrule it"),
    ("holidays", "The markets closed for Eid al-Fitr.", NOV, {}, ("Eid al-Fitr", "DATE", "XXXX-XX-XX", ""), ""),
    ("holidays", "Attacks fell during Ramadan.", NOV, {}, ("Ramadan", "DATE", "XXXX-XX", ""), ""),
    ("holidays", "Lamps were lit for Diwali.", NOV, {}, ("Diwali", "DATE", "XXXX-XX-XX", ""), ""),
    ("holidays", "Fireworks marked Lunar New Year.", NOV, {}, ("Lunar New Year", "DATE", "XXXX-XX-XX", ""), ""),
    # tense from the clause of the expression, not from a quote elsewhere in the sentence
    ("tense of the clause", 'The general told reporters on Tuesday evening that "we will win".', FRI, {},
     ("Tuesday evening", "TIME", "1998-08-04TEV", ""), ""),
    ("tense of the clause", 'On Monday she said: "We will fight on."', FRI, {}, ("Monday", "DATE", "1998-08-03", ""), ""),
    ("tense of the clause", "Trading is to resume on Tuesday.", FRI, {}, ("Tuesday", "DATE", "1998-08-11", ""), ""),
    ("tense of the clause", "The record of Dec. 20 still stands.", FRI, {}, ("Dec. 20", "DATE", "1997-12-20", ""), ""),
    ("tense of the clause", "The talks lasted until May.", NOV, {}, ("May", "DATE", "2019-05", ""),
     "'until' after a verb in -ed is a deadline ('postponed until May') or an end ('lasted until May'): "
     "only the verb's meaning tells, and we read it as a deadline"),
    ("tense of the clause", "Rebels might return, said a farmer who spent Sunday night in the fields.", FRI, {},
     ("Sunday night", "TIME", "1998-08-02TNI", ""), ""),
    ("tense of the clause", "The elections will be held on Sunday.", FRI, {}, ("Sunday", "DATE", "1998-08-09", ""), ""),
    ("tense of the clause", "The party hopes to win its first seats in May.", FRI, {}, ("May", "DATE", "1999-05", ""), ""),
    ("tense of the clause", "The talks are supposed to end in May.", FRI, {}, ("May", "DATE", "1999-05", ""), ""),
    ("tense of the clause", "The council has decided to close the school in March.", FRI, {},
     ("March", "DATE", "1999-03", ""), ""),
    ("tense of the clause", "The rebels vowed to retake the town in June.", FRI, {}, ("June", "DATE", "1999-06", ""), ""),
    ("tense of the clause", "In January, after the Roe vs. Wade anniversary, a bomb in Birmingham, Ala., killed a guard.",
     NOV, {}, ("January", "DATE", "2019-01", ""),
     "the full stop of 'Ala.,' still ends the clause: reading on through it lets a reporting verb further "
     "back ('told U.S., European firms of a cut in September') decide the tense"),
    ("tense of the clause", "In June, Sen. Jones will lead the talks.", NOV, {}, ("June", "DATE", "2020-06", ""), ""),
    # ends, edges and the near future
    ("ends and edges", "The troops will leave by the end of the month.", NOV, {},
     ("the end of the month", "DATE", "2019-11", "END"), ""),
    ("ends and edges", "Prices fell late last year.", NOV, {}, ("late last year", "DATE", "2018", "END"), ""),
    ("ends and edges", "The minister resigned earlier this week.", NOV, {}, ("earlier this week", "DATE", "2019-W46", ""), ""),
    ("ends and edges", "More talks are expected in the coming days.", NOV, {}, ("the coming days", "DATE", "FUTURE_REF", ""), ""),
    ("ends and edges", "A hearing is set for the week of March 6.", NOV, {}, ("the week of March 6", "DATE", "2020-W10", ""), ""),
    # ---- round 3 (issue 16, AQUAINT value F1): whole expressions of English news and TIMEX3 ----------
    # a month or season with "this/last/next year" is one expression (TIMEX3 takes the full extent)
    ("month and year word", "Talks resumed in March last year.", NOV, {}, ("March last year", "DATE", "2018-03", ""), ""),
    ("month and year word", "The plant will open in April next year.", NOV, {},
     ("April next year", "DATE", "2020-04", ""), ""),
    ("month and year word", "The law was passed in February this year.", NOV, {},
     ("February this year", "DATE", "2019-02", ""), ""),
    ("month and year word", "The dam burst in early June last year.", NOV, {},
     ("early June last year", "DATE", "2018-06", "START"), ""),
    ("month and year word", "A vote is planned for autumn next year.", NOV, {},
     ("autumn next year", "DATE", "2020-FA", ""), ""),
    # "the day before/after" a date is that date moved by a day
    ("day before/after", "The envoy flew in the day before yesterday.", NOV, {},
     ("the day before yesterday", "DATE", "2019-11-12", ""), ""),
    ("day before/after", "Shops reopened the day after Christmas.", NOV, {},
     ("the day after Christmas", "DATE", "2018-12-26", ""), ""),
    ("day before/after", "The strike began the day before last Tuesday.", NOV, {},
     ("the day before last Tuesday", "DATE", "2019-11-11", ""), ""),
    # the week a date or a holiday falls in is an ISO week value (TIMEX3: YYYY-Www)
    ("week of a date", "Shares fell sharply in the week of Oct. 7.", NOV, {},
     ("the week of Oct. 7", "DATE", "2019-W41", ""), ""),
    ("week of a date", "Sales slumped in Christmas week.", NOV, {}, ("Christmas week", "DATE", "2018-W52", ""), ""),
    ("week of a date", "Pilgrims crowded the city as Easter week began.", dt.date(2019, 4, 15), {},
     ("Easter week", "DATE", "2019-W16", ""), ""),
    # a clock hour with the part of the day in words
    ("clock words", "The ferry left at 4 in the morning.", NOV, {}, ("4 in the morning", "TIME", "2019-11-14T04:00", ""), ""),
    ("clock words", "The shelling stopped at nine in the evening.", NOV, {},
     ("nine in the evening", "TIME", "2019-11-14T21:00", ""), ""),
    ("clock words", "Looters came back at ten at night.", NOV, {}, ("ten at night", "TIME", "2019-11-14T22:00", ""), ""),
    # "and a half" adds half a unit
    ("and a half", "The talks lasted a year and a half.", NOV, {}, ("a year and a half", "DURATION", "P1Y6M", ""), ""),
    ("and a half", "The votes were counted in two and a half hours.", NOV, {},
     ("two and a half hours", "DURATION", "PT2H30M", ""), ""),
    ("and a half", "Rescuers dug for a month and a half.", NOV, {}, ("a month and a half", "DURATION", "P1.5M", ""), ""),
    # "the current year/quarter" is this one
    ("the current period", "Profits will rise in the current quarter.", NOV, {}, ("the current quarter", "DATE", "2019-Q4", ""), ""),
    ("the current period", "Sales have slowed in the current fiscal year.", NOV, {},
     ("the current fiscal year", "DATE", "2019", ""), ""),
    ("the current period", "The budget for the current year was cut.", NOV, {}, ("the current year", "DATE", "2019", ""), ""),
    # a time of day with the day it names after it is one expression
    ("time with its day", "Bids close at 5 p.m. EST Nov. 20.", NOV, {}, ("5 p.m. EST Nov. 20", "TIME", "2019-11-20T17:00", ""), ""),
    ("time with its day", "Bids closed at 5 p.m., Nov. 6.", NOV, {}, ("5 p.m., Nov. 6", "TIME", "2019-11-06T17:00", ""), ""),
    ("time with its day", "The plane landed mid-afternoon yesterday.", NOV, {},
     ("mid-afternoon yesterday", "TIME", "2019-11-13TAF", "MID"), ""),
    ("time with its day", "The plane landed late afternoon Friday.", NOV, {},
     ("late afternoon Friday", "TIME", "2019-11-08TAF", "END"), ""),
    # a quarter of "this/last/next year's", the last half of a year
    ("year's quarter, last half", "Earnings fell in last year's fourth quarter.", NOV, {},
     ("last year's fourth quarter", "DATE", "2018-Q4", ""), ""),
    ("year's quarter, last half", "Growth should pick up in next year's first quarter.", NOV, {},
     ("next year's first quarter", "DATE", "2020-Q1", ""), ""),
    ("year's quarter, last half", "Output slowed in the latter half of 2008.", NOV, {},
     ("the latter half of 2008", "DATE", "2008-H2", ""), ""),
    ("year's quarter, last half", "Output slowed in the last half of 2008.", NOV, {},
     ("the last half of 2008", "DATE", "2008-H2", ""), ""),
    # "the weekend" of a report is a week's weekend (TIMEX3 YYYY-Www-WE): the last one, or the coming one
    ("the weekend", "Talks went on over the weekend.", NOV, {}, ("the weekend", "DATE", "2019-W45-WE", ""), ""),
    ("the weekend", "Markets will stay shut over the weekend.", NOV, {}, ("the weekend", "DATE", "2019-W46-WE", ""), ""),
    ("the weekend", "Talks went on over the weekend.", dt.date(2019, 11, 17), {},
     ("the weekend", "DATE", "2019-W46-WE", ""), ""),
]


def _param(row):
    klass, text, published, options, expected, reason = row
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(text, published, options, expected, marks=marks, id=f"{klass}: {text}")


@pytest.mark.parametrize("text, published, options, expected", [_param(r) for r in GOLDEN])
def test_golden(text, published, options, expected):
    found = [(t.text, t.type, t.value, t.mod) for t in tag(text, published, **options)]
    assert found == [expected]


# ---- story time: (text, publication date, mode, expected [(text, value, anchor)], reason) ----------

SEED_DATE = dt.date(2013, 7, 29)  # a Monday

STORY = [
    ("The hearing was held last Tuesday. He was back in court the next morning.", dt.date(2000, 2, 24), "auto",
     [("last Tuesday", "2000-02-22", "publication"), ("the next morning", "2000-02-23TMO", "t1")], ""),
    ("He was arrested yesterday and charged the next day.", dt.date(2000, 2, 24), "auto",
     [("yesterday", "2000-02-23", "publication"), ("the next day", "2000-02-24", "t1")], ""),
    ("In summer 2012 the rebels took the town. The army retook it the following year.", SEED_DATE, "auto",
     [("summer 2012", "2012-SU", ""), ("the following year", "2013", "t1")], ""),
    ("In 1914, the war began. In August, German troops crossed into Belgium.", SEED_DATE, "auto",
     [("1914", "1914", ""), ("August", "1914-08", "t1")], ""),
    ("The war began in 1914. In August, German troops crossed into Belgium.", SEED_DATE, "auto",
     [("1914", "1914", ""), ("August", "1914-08", "t1")],
     "in news a date at the end of the previous sentence does not set story time ('dating to 1994. In January' "
     "is the news frame as often as not); only a date that opens its sentence does, or a narrative text"),
    ("The war began in 1914. In August, German troops crossed into Belgium.", SEED_DATE, "narrative",
     [("1914", "1914", ""), ("August", "1914-08", "t1")], ""),
    ("The war began in 1914. In August, German troops crossed into Belgium.", SEED_DATE, "news",
     [("1914", "1914", ""), ("August", "2012-08", "publication")], ""),
    ("On June 10, 1940, Italy declared war. Twelve days later France surrendered.", SEED_DATE, "auto",
     [("June 10, 1940", "1940-06-10", ""), ("Twelve days later", "1940-06-22", "t1")], ""),
    ("Rebels attacked a checkpoint on Tuesday, officials said yesterday.", FRI, "auto",
     [("Tuesday", "1998-08-04", "publication"), ("yesterday", "1998-08-06", "publication")], ""),
    ("The army retook the town on Monday.\n\nIn 2011, protesters filled its square. In March, troops fired on them.",
     SEED_DATE, "auto", [("Monday", "2013-07-29", "publication"), ("2011", "2011", ""), ("March", "2011-03", "t2")], ""),
    ("The treaty was signed in 1919. Two years ago its text was put online.", SEED_DATE, "narrative",
     [("1919", "1919", ""), ("Two years ago", "2011", "publication")], ""),
    ("The siege began on 3 May 1941. The next day the garrison sent a last message.", SEED_DATE, "auto",
     [("3 May 1941", "1941-05-03", ""), ("The next day", "1941-05-04", "t1")], ""),
    # round 3: a day added for "15 to 22 February" moves the numbers that anchors refer to
    ("The siege ran from 15 to 22 February 1941. The next day the garrison gave up.", SEED_DATE, "auto",
     [("15", "1941-02-15", ""), ("22 February 1941", "1941-02-22", ""), ("The next day", "1941-02-23", "t2")], ""),
]


def test_a_clock_time_takes_the_day_named_after_its_aside():
    found = [(t.text, t.value) for t in tag("The blast came at 10:40 a.m. (0740 GMT) Wednesday.", FRI)]
    assert found == [("10:40 a.m.", "1998-08-05T10:40"), ("Wednesday", "1998-08-05")]


def _story_param(row):
    text, published, mode, expected, reason = row
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(text, published, mode, expected, marks=marks, id=f"{mode}: {text}")


@pytest.mark.parametrize("text, published, mode, expected", [_story_param(r) for r in STORY])
def test_story_time(text, published, mode, expected):
    found = [(t.text, t.value, t.anchor) for t in tag(text, published, mode=mode)]
    assert found == expected


# ---- the mode and the anchor in the API, the tables and the command line ---------------------------

def test_bad_mode_and_date_order_are_input_errors():
    from presslens import InputError

    with pytest.raises(InputError, match="mode: expected one of auto, news, narrative, got 'story'"):
        tag("in June", SEED_DATE, mode="story")
    with pytest.raises(InputError, match="date order"):
        tag("07-04-2019", SEED_DATE, date_order="ymd")


def test_a_narrative_text_is_read_as_one_without_being_told():
    history = ("In 1912 the league was founded. In 1915 it split. In 1921 it joined again. In 1930 it grew. "
               "In 1938 it was banned. In March, its leaders fled.")
    auto = {t.text: (t.value, t.anchor) for t in tag(history, SEED_DATE)}
    news = {t.text: (t.value, t.anchor) for t in tag(history, SEED_DATE, mode="news")}
    assert auto["March"] == ("1938-03", "t5")
    assert news["March"] == ("2013-03", "publication")
    lede = "Troops took the town on Monday, a year after rebels seized it in 2012. In March, talks failed."
    assert {t.text: t.anchor for t in tag(lede, SEED_DATE)}["Monday"] == "publication"


def test_anchor_column_in_the_tables_and_the_command_line():
    import json
    import subprocess
    import sys

    import presslens

    text = "In 1914, the war began. In August, German troops crossed into Belgium."
    article = presslens.Article("a", text, published=SEED_DATE)
    table = presslens.analyze(article).timexes
    assert table["anchor"].tolist() == ["", "t1"]
    assert presslens.analyze(article, mode="news").timexes["anchor"].tolist() == ["", "publication"]
    result = subprocess.run([sys.executable, "-m", "presslens", "timex", "-", "--published", "2013-07-29",
                             "--mode", "news", "--format", "jsonl"], input=text, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["value"], r["anchor"]) for r in rows] == [("1914", ""), ("2012-08", "publication")]
    bad = subprocess.run([sys.executable, "-m", "presslens", "timex", "-", "--mode", "story"], input=text,
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


# ---- round 3: rows with more than one expression (text, publication date, expected [(text, value)]) ----

SEVERAL = [
    # two days of one month written once ("May 6 and 7", "15 to 22 February")
    ("The summit was held on May 6 and 7.", NOV, [("May 6", "2019-05-06"), ("7", "2019-05-07")]),
    ("The fair ran April 13-15 in Lyon.", NOV, [("April 13", "2019-04-13"), ("15", "2019-04-15")]),
    ("Fighting raged from 15 to 22 February.", NOV, [("15", "2019-02-15"), ("22 February", "2019-02-22")]),
    ("Talks were held on 6-7 March 1921.", NOV, [("6", "1921-03-06"), ("7 March 1921", "1921-03-07")]),
    ("Prices rose on May 6 and 7 percent later.", NOV, [("May 6", "2019-05-06")]),
    ("The vote on May 6 and 7 others were delayed.", NOV, [("May 6", "2019-05-06")]),
    # a clock time takes the day its aside names ("(0300 GMT Friday)")
    ("The convoy will set off at six in the morning (0300 GMT Friday).", NOV,
     [("six in the morning", "2019-11-15T06:00"), ("Friday", "2019-11-15")]),
]


@pytest.mark.parametrize("text, published, expected", SEVERAL, ids=[r[0] for r in SEVERAL])
def test_several_expressions(text, published, expected):
    assert [(t.text, t.value) for t in tag(text, published)] == expected
