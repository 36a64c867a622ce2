"""Sourcing: source types, sides, grouping of mentions, attribution language and the sourcing tables."""
import os
import time

import pandas as pd
import pytest

import presslens
from presslens import quotes as quotes_stage
from presslens import sources, tokenize


def quote_rows(*speakers, article_id="a1"):
    """A quotes table in the extractor's contract, one row per (speaker, name, role[, extra]) tuple."""
    rows = []
    position = 0
    for number, spec in enumerate(speakers):
        speaker, name, role, *extra = spec
        extra = extra[0] if extra else {}
        text = extra.get("text", "words of the quote")
        row = {"article_id": article_id, "quote_id": number, "kind": "direct", "text": text,
               "start": position, "end": position + len(text), "speaker": speaker, "speaker_start": None,
               "speaker_end": None, "speaker_name": name, "speaker_role": role,
               "resolved_by": "same-sentence", "cue": "said", "cue_start": None, "cue_end": None,
               "channel": "", "paragraph": number, "sentence": number}
        row.update(extra)
        rows.append(row)
        position = row["end"] + 10
    return pd.DataFrame(rows, columns=quotes_stage.QUOTE_COLUMNS)


# The speakers of the seed article, as the quotes step hands them over, with the right answers.
SEED_SPEAKERS = [
    # speaker, speaker_name, speaker_role, source_type, side (syria profile)
    ("The Syrian regime", "Syrian regime", "", "government", "pro-government"),
    ("the regime", "", "regime", "government", "pro-government"),
    ("state television", "state television", "", "state_media", "pro-government"),
    ("State television", "", "State television", "state_media", "pro-government"),
    ("Activists on the ground", "", "Activists on the ground", "activist", "opposition"),
    ("An army officer", "", "army officer", "military", "pro-government"),
    ("he", "", "army officer", "military", "pro-government"),
    ("a group of soldiers", "", "group of soldiers", "military", "pro-government"),
    ("Homs-based activist Mahmud al-Lowz", "Mahmud al-Lowz", "Homs-based activist", "activist", "opposition"),
    ("Homs-based activist Abu Rami", "Abu Rami", "Homs-based activist", "activist", "opposition"),
    ("The Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", "", "monitor", "independent"),
    ("rebels", "", "rebels", "armed_opposition", "opposition"),
]


@pytest.mark.parametrize("speaker, name, role, source_type, side", SEED_SPEAKERS)
def test_seed_speakers_get_their_type_and_side(speaker, name, role, source_type, side):
    attributed = sources.attribute(quote_rows((speaker, name, role)), "syria")
    assert attributed.loc[0, ["source_type", "side"]].tolist() == [source_type, side]


@pytest.mark.parametrize("speaker, name, role, source_type, side", SEED_SPEAKERS)
def test_neutral_profile_keeps_types_and_drops_sides(speaker, name, role, source_type, side):
    attributed = sources.attribute(quote_rows((speaker, name, role)), "neutral")
    assert attributed.loc[0, ["source_type", "side"]].tolist() == [source_type, "unassigned"]


# Hard cases for the general word list and the Syria profile: description -> (type, side).
HARD_CASES = [
    ("Foreign Ministry spokesman", "government", "pro-government"),  # generic "spokesman" yields to "ministry"
    ("rebel commander", "armed_opposition", "opposition"),  # generic "commander" yields to "rebel"
    ("opposition activist", "activist", "opposition"),
    ("Syrian army defector", "military", "opposition"),  # the last side word wins: a defector
    ("Hezbollah fighter", "military", "pro-government"),  # a profile organisation beats general words
    ("Free Syrian Army spokesman", "armed_opposition", "opposition"),
    ("SANA", "state_media", "pro-government"),
    ("the official news agency SANA", "state_media", "pro-government"),
    ("UN envoy Lakhdar Brahimi", "international", "independent"),
    ("Russian Foreign Minister Sergei Lavrov", "international", "pro-government"),
    ("a US official", "international", "unassigned"),  # foreign backers are left to the class
    ("an un-named official", "government", "pro-government"),  # "un" in lower case is not the UN
    ("a security source", "military", "pro-government"),
    ("sources", "anonymous", "unassigned"),
    ("a doctor in Homs", "witness", "unassigned"),
    ("residents", "witness", "unassigned"),
    ("Human Rights Watch", "monitor", "independent"),
    ("Amnesty International", "monitor", "independent"),
    ("an analyst at the Carnegie Endowment", "expert", "unassigned"),
    ("Reuters", "media", "unassigned"),
    ("Mahmud al-Lowz, a Homs-based activist", "activist", "opposition"),  # the role after a comma
    ("An army officer, interview on state television", "military", "pro-government"),  # not the channel
    ("Mahmud al-Lowz", "other", "unassigned"),  # a bare name says nothing on its own
    ("pro-regime militia", "armed_opposition", "pro-government"),
    ("President Bashar al-Assad", "government", "pro-government"),
]


@pytest.mark.parametrize("description, source_type, side", HARD_CASES)
def test_hard_cases_with_the_syria_profile(description, source_type, side):
    assert sources.load_profile("syria").classify(description) == (source_type, side)


# Mentions of one source within an article: each row is a sequence of (speaker, name, role) and the
# source ids expected for them, by position of first appearance.
GROUPING_CASES = [
    ([("Homs-based activist Mahmud al-Lowz", "Mahmud al-Lowz", "Homs-based activist"),
      ("al-Lowz", "al-Lowz", ""), ("he", "Mahmud al-Lowz", "Homs-based activist")], [0, 0, 0]),
    ([("The Syrian regime", "", "Syrian regime"), ("the regime", "", "regime")], [0, 0]),
    ([("The Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", ""),
      ("the Observatory", "Observatory", "")], [0, 0]),
    ([("Activists on the ground", "", "Activists on the ground"),
      ("Homs-based activist Mahmud al-Lowz", "Mahmud al-Lowz", "Homs-based activist")], [0, 1]),
    ([("Homs-based activist Mahmud al-Lowz", "Mahmud al-Lowz", "Homs-based activist"),
      ("Homs-based activist Abu Rami", "Abu Rami", "Homs-based activist")], [0, 1]),
    ([("The army", "", "army"), ("An army officer", "", "army officer")], [0, 1]),
    ([("state television", "", "state television"), ("State television", "", "State television"),
      ("Syrian state television", "", "Syrian state television")], [0, 0, 0]),
    ([("a resident", "", "resident"), ("another resident", "", "another resident")], [0, 1]),
    ([("President Bashar al-Assad", "Bashar al-Assad", "President"), ("Mr Assad", "Assad", "Mr")], [0, 0]),
    ([("a group of soldiers", "", "group of soldiers"), ("soldiers", "", "soldiers")], [0, 0]),
]


@pytest.mark.parametrize("mentions, expected", GROUPING_CASES)
def test_mentions_of_one_source_share_a_source_id(mentions, expected):
    ids = sources.attribute(quote_rows(*mentions), "syria")["source_id"].tolist()
    first_seen = list(dict.fromkeys(ids))
    assert [first_seen.index(i) for i in ids] == expected


def test_pronoun_and_unattributed_quotes():
    frame = quote_rows(("state television", "state television", ""),
                       ("he", "", "", {"resolved_by": "pronoun"}),
                       ("", "", "", {"resolved_by": "none"}))
    attributed = sources.attribute(frame, "syria")
    assert attributed["source_id"].tolist() == ["state-television", "state-television", "unattributed"]
    assert attributed.loc[2, ["source_type", "side"]].tolist() == ["other", "unassigned"]


def test_source_ids_are_readable_and_unique_within_an_article():
    frame = quote_rows(("a resident", "", "resident"), ("another resident", "", "another resident"))
    assert sources.attribute(frame)["source_id"].tolist() == ["resident", "resident-2"]


# ---- the real seed, through the quotes extractor --------------------------------------------

EXPECTED_SEED_SOURCES = {
    # source_id: (source_type, side, number of quotes)
    "syrian-regime": ("government", "pro-government", 1),
    "activists-on-the-ground": ("activist", "opposition", 1),
    "rebels": ("armed_opposition", "opposition", 1),
    "state-television": ("state_media", "pro-government", 2),
    "mahmud-al-lowz": ("activist", "opposition", 2),
    "army-officer": ("military", "pro-government", 2),
    "group-of-soldiers": ("military", "pro-government", 1),
    "syrian-observatory-for-human-rights": ("monitor", "independent", 2),
    "abu-rami": ("activist", "opposition", 3),
}


@pytest.fixture(scope="module")
def seed_analysis(seed):
    return presslens.analyze(seed)


def test_every_seed_source_gets_the_right_type_side_and_quotes(seed_analysis):
    table = seed_analysis.sources
    found = {row.source_id: (row.source_type, row.side, row.quotes) for row in table.itertuples()}
    assert found == EXPECTED_SEED_SOURCES


def test_seed_officer_and_his_he_are_one_source(seed_analysis):
    officer = seed_analysis.quotes[seed_analysis.quotes["source_id"] == "army-officer"]
    assert sorted(officer["speaker"].tolist()) == ["An army officer", "he"]


def test_seed_sources_table_counts(seed_analysis):
    table = seed_analysis.sources.set_index("source_id")
    assert table.loc["abu-rami", ["direct", "partial", "indirect"]].tolist() == [2, 1, 0]  # its last quote runs over two paragraphs: one quote
    assert table.loc["abu-rami", "role"] == "Homs-based activist"
    assert table.loc["abu-rami", "name"] == "Abu Rami"
    assert table.loc["mahmud-al-lowz", "channels"] == "via the internet"
    assert table.loc["army-officer", "cues"] == "said; added"
    assert table.loc["syrian-regime", "first_paragraph"] == 1
    assert table["share_of_voice"].sum() == pytest.approx(1.0)
    assert table.loc["syrian-regime", "words_direct"] == 0  # an indirect quote: no words of its own
    assert (table["words_direct"] <= table["words_quoted"]).all()
    assert table["article_id"].unique().tolist() == ["khaldiyeh-homs"]


def test_seed_activists_reached_by_internet_are_flagged(seed_analysis):
    quotes = seed_analysis.quotes.set_index("source_id")
    assert quotes.loc["abu-rami", "verification_notes"].tolist() == ["by internet"] * 4  # continuations too
    assert quotes.loc["mahmud-al-lowz", "verification_notes"].tolist() == ["via the internet"] * 2
    assert not quotes.loc["state-television", "hedged"].any()


def test_seed_side_summary(seed_analysis):
    summary = sources.side_summary(seed_analysis.quotes).set_index("side")
    assert summary["share_of_voice"].sum() == pytest.approx(1.0)
    assert summary.loc["opposition", "sources"] == 4
    assert summary.loc["pro-government", "sources"] == 4
    assert summary.loc["independent", "sources"] == 1
    assert summary.loc["opposition", "verification_notes"] == 5  # quotes, not rows: the two-paragraph quote counts once
    assert summary.loc["pro-government", "first_paragraph"] == 1
    assert summary["quotes"].sum() == seed_analysis.quotes["quote_id"].nunique()  # quotes, not rows


# ---- attribution language ------------------------------------------------------------------

CUE_CASES = [
    ("said", "neutral"), ("told", "neutral"), ("adding", "neutral"), ("according to", "neutral"),
    ("claimed", "loaded"), ("admitted", "loaded"), ("insisted", "loaded"), ("alleged", "loaded"),
    ("Claims", "loaded"), ("murmured", "unlisted"), ("", "none"),
]


@pytest.mark.parametrize("cue, cue_class", CUE_CASES)
def test_cue_classes(cue, cue_class):
    frame = quote_rows(("the army", "", "army", {"cue": cue}))
    assert sources.attribute(frame).loc[0, "cue_class"] == cue_class


def _article_quotes(text, quoted, speaker, cue):
    """The quotes table for a one-sentence article quoting `quoted` (a substring of `text`)."""
    article = presslens.from_text(text, id="t")
    sentences = tokenize.sentences(article)
    start = text.index(quoted)
    frame = quote_rows((speaker, "", speaker, {"text": quoted, "start": start, "end": start + len(quoted),
                                               "cue": cue, "cue_start": text.index(cue),
                                               "cue_end": text.index(cue) + len(cue), "paragraph": 0,
                                               "sentence": 0}), article_id="t")
    return frame, sentences


NOTE_CASES = [
    ('The army said it killed 50 rebels, a claim that could not be independently verified.',
     "it killed 50 rebels", "The army", "said", "", "could not be independently verified"),
    ("Dozens were killed, according to activists.", "Dozens were killed", "activists", "according to",
     "according to", ""),
    ("Rebels reportedly said they had taken the town.", "they had taken the town", "Rebels", "said",
     "reportedly", ""),
    # the source's own words are not the reporter's hedge
    ('The army said "reports that could not be verified are lies".', "reports that could not be verified are lies",
     "The army", "said", "", ""),
]


@pytest.mark.parametrize("text, quoted, speaker, cue, hedges, verification", NOTE_CASES)
def test_hedges_and_verification_notes_in_the_sentence(text, quoted, speaker, cue, hedges, verification):
    frame, sentences = _article_quotes(text, quoted, speaker, cue)
    row = sources.attribute(frame, "syria", sentences).iloc[0]
    assert (row["hedges"], row["verification_notes"]) == (hedges, verification)
    assert row["hedged"] == bool(hedges or verification)


def test_channel_is_searched_for_verification_notes():
    frame = quote_rows(("an activist", "", "activist", {"channel": "via Skype"}))
    assert sources.attribute(frame).loc[0, "verification_notes"] == "via skype"


# ---- profiles ------------------------------------------------------------------------------

CITY_COUNCIL = """\
# A city-hall beat: who speaks about the new housing plan.
name: city-council
description: Riverside housing plan
types:
  expert: [Urban Institute]
sides:
  council: [council, mayor, city hall, Mayor Jones]
  residents: [resident, tenants association, neighbour]
  developers: [developer, Acme Homes]
type_sides:
  government: council
default_side: unaligned
"""


@pytest.fixture
def council_profile(tmp_path):
    path = tmp_path / "council.yaml"
    path.write_text(CITY_COUNCIL, encoding="utf-8")
    return path


@pytest.mark.parametrize("description, source_type, side", [
    ("Mayor Jones", "government", "council"),
    ("a spokeswoman for Acme Homes", "other", "developers"),
    ("the chair of the tenants association", "other", "residents"),
    ("a resident of Elm Street", "witness", "residents"),
    ("a city official", "government", "council"),  # no side phrase: the type's side
    ("a researcher at the Urban Institute", "expert", "unaligned"),
    ("rebels", "armed_opposition", "unaligned"),  # the Syria sides do not leak in
])
def test_custom_profile_from_a_yaml_file(council_profile, description, source_type, side):
    assert sources.load_profile(council_profile).classify(description) == (source_type, side)


def test_custom_profile_runs_through_analyze(council_profile):
    article = presslens.from_text('"We will build 500 homes," Mayor Jones said. '
                                  '"Nobody asked us," a resident of Elm Street told reporters.', id="council")
    result = presslens.analyze(article, profile=str(council_profile))
    assert sorted(result.quotes["side"]) == ["council", "residents"]
    assert sources.load_profile(council_profile).all_sides() == ["council", "residents", "developers", "unaligned"]


def test_profile_from_a_dict():
    profile = {"sides": {"home team": ["coach"], "visitors": ["referee"]}}
    assert sources.load_profile(profile).classify("the coach") == ("other", "home team")
    frame = quote_rows(("the referee", "", "referee"))
    assert sources.attribute(frame, profile).loc[0, "side"] == "visitors"


BAD_PROFILES = [
    ("- just\n- a list\n", "a profile must be a mapping"),
    ("sides: [regime, rebels]\n", "'sides' must be a mapping"),
    ("sides:\n  pro: regime\n", "sides: pro must be a list"),
    ("types:\n  militry: [army]\n", "unknown source type 'militry'"),
    ("type_sides:\n  military: [a, b]\n", "type_sides: military must be a side label"),
    ("colour: red\n", "unknown key 'colour'"),
    ("sides: {pro: [regime]\n", "not valid YAML"),
]


@pytest.mark.parametrize("text, problem", BAD_PROFILES)
def test_malformed_profile_is_a_one_line_input_error(tmp_path, text, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(presslens.InputError) as error:
        sources.load_profile(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_unknown_profile_name_is_an_input_error():
    with pytest.raises(presslens.InputError, match=r"^ukraine: no such profile file \(shipped profiles: neutral, syria\)"):
        sources.load_profile("ukraine")


def test_edited_profile_file_is_read_again(council_profile):
    assert sources.load_profile(council_profile).classify("a developer")[1] == "developers"
    council_profile.write_text(CITY_COUNCIL.replace("developer, Acme", "Acme"), encoding="utf-8")
    os.utime(council_profile, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert sources.load_profile(council_profile).classify("a developer")[1] == "unaligned"


# ---- tables ------------------------------------------------------------------------------------

def test_nested_quote_of_the_same_source_counts_once():
    outer = "regime forces hope to cleanse the whole of Syria"
    frame = quote_rows(("An army officer", "", "army officer", {"kind": "indirect", "text": outer, "start": 0,
                                                                "end": len(outer)}),
                       ("An army officer", "", "army officer", {"kind": "partial", "text": "cleanse the whole of Syria",
                                                                "start": 22, "end": len(outer)}),
                       ("rebels", "", "rebels", {"text": "one two", "start": 100, "end": 107}))
    table = sources.table(sources.attribute(frame)).set_index("source_id")
    assert table.loc["army-officer", "words_quoted"] == 9
    assert table.loc["army-officer", "words_direct"] == 0  # the partial words sit inside the indirect quote
    assert table.loc["army-officer", "share_of_voice"] == pytest.approx(9 / 11)


def test_tables_of_an_empty_quotes_table_have_the_columns():
    attributed = sources.attribute(pd.DataFrame(columns=quotes_stage.QUOTE_COLUMNS))
    assert list(attributed.columns) == quotes_stage.QUOTE_COLUMNS + sources.SOURCE_QUOTE_COLUMNS
    assert list(sources.table(attributed).columns) == sources.SOURCE_COLUMNS
    assert list(sources.side_summary(attributed).columns) == sources.SIDE_SUMMARY_COLUMNS


def test_table_needs_attributed_quotes():
    with pytest.raises(ValueError, match="attribute"):
        sources.table(quote_rows(("rebels", "", "rebels")))


def test_attribute_twice_gives_the_same_table():
    once = sources.attribute(quote_rows(*[s[:3] for s in SEED_SPEAKERS]), "syria")
    assert sources.attribute(once, "syria").equals(once)


def test_compare_per_outlet_and_per_article():
    first = presslens.Article(id="one", text="x", outlet="AFP")
    second = presslens.Article(id="two", text="x", outlet="SANA")
    quotes = pd.concat([quote_rows(("activists", "", "activists", {"text": "a b c"}), article_id="one"),
                        quote_rows(("state television", "", "state television", {"text": "a b c d"}),
                                   ("activists", "", "activists", {"text": "e f g h"}), article_id="two")],
                       ignore_index=True)
    analysis = presslens.Analysis(articles=pd.DataFrame([first.to_record(), second.to_record()]),
                                  sentences=pd.DataFrame(), quotes=sources.attribute(quotes, "syria"), sources=pd.DataFrame(),
                                  timexes=pd.DataFrame(), events=pd.DataFrame())
    shares = sources.compare(analysis, by="outlet")
    assert shares.index.tolist() == ["AFP", "SANA"]
    assert shares.loc["AFP"].to_dict() == {"opposition": 1.0, "pro-government": 0.0}
    assert shares.loc["SANA"].to_dict() == {"opposition": 0.5, "pro-government": 0.5}
    counts = sources.compare(analysis, by="article_id", measure="quotes")
    assert counts.loc["two"].tolist() == [1, 1]
    with pytest.raises(ValueError, match="measure"):
        sources.compare(analysis, measure="loudness")



def test_sources_do_not_depend_on_the_order_of_the_quotes_rows(seed):
    found = quotes_stage.extract(seed)
    expected_rows = sources.attribute(found)
    expected = sources.table(expected_rows)
    for seed_value in range(3):
        shuffled = found.sample(frac=1.0, random_state=seed_value)
        attributed = sources.attribute(shuffled)
        pd.testing.assert_frame_equal(attributed.loc[expected_rows.index], expected_rows)
        pd.testing.assert_frame_equal(sources.table(attributed), expected)


def test_a_continuation_takes_the_source_and_hedges_of_its_antecedent_not_of_the_row_before():
    table = quote_rows(("An army officer", "", "army officer", {"cue": "reportedly said"}),
                       ("state television", "state television", ""),
                       ("", "", "", {"resolved_by": "continuation", "cue": "", "antecedent_quote_id": 0}))
    attributed = sources.attribute(table)
    assert attributed["source_id"].tolist() == ["army-officer", "state-television", "army-officer"]
    assert attributed["hedges"].tolist()[2] == attributed["hedges"].tolist()[0] != ""


# ---- the default profile (issue 14): neutral for any article, the seed's own from its metadata ----

NOT_ABOUT_SYRIA = ('"We will rebuild the bridge," the mayor, Ana Ruiz, said on Monday. "Two men were arrested," '
                   'police said. "This budget is a disgrace," Opposition leader Peter Dutton told reporters.')


def test_an_arbitrary_article_gets_the_neutral_profile_by_default():
    quotes = presslens.analyze(presslens.from_text(NOT_ABOUT_SYRIA)).quotes
    assert len(quotes) == 3 and set(quotes["side"]) == {"unassigned"}
    syria = presslens.analyze(presslens.from_text(NOT_ABOUT_SYRIA), profile="syria").quotes
    assert "pro-government" in set(syria["side"])  # what the old default did to a US mayor


def test_police_are_police_and_an_opposition_leader_is_a_politician_not_an_activist():
    quotes = presslens.analyze(presslens.from_text(NOT_ABOUT_SYRIA)).quotes
    types = dict(zip(quotes["speaker"].str.lower(), quotes["source_type"]))
    assert types == {"the mayor, ana ruiz": "government", "police": "police",
                     "opposition leader peter dutton": "government"}


def test_the_seed_gets_the_profile_its_metadata_names_and_profile_overrides_it(seed):
    assert seed.profile == "syria"
    by_metadata = set(presslens.analyze(seed).quotes["side"])
    assert {"pro-government", "opposition"} <= by_metadata
    assert set(presslens.analyze(seed, profile="neutral").quotes["side"]) == {"unassigned"}
    article_named = presslens.from_text(NOT_ABOUT_SYRIA, profile="syria")
    assert "pro-government" in set(presslens.analyze(article_named).quotes["side"])


def test_quote_counts_agree_everywhere_a_quote_over_two_paragraphs_counts_once(seed_analysis):
    from presslens import report

    quotes = seed_analysis.quotes
    distinct = quotes["quote_id"].nunique()
    assert len(quotes) == distinct + 1  # Abu Rami's last quote runs over two paragraphs
    assert sources.side_summary(quotes)["quotes"].sum() == distinct
    table = sources.table(quotes)
    assert table["quotes"].sum() == distinct == (table["direct"] + table["partial"] + table["indirect"]).sum()
    assert report.summary(seed_analysis)["quotes"].tolist() == [distinct]
    assert report._totals(seed_analysis).set_index("what").loc["quotes", "count"] == distinct
