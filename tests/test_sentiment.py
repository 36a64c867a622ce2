"""Tone: scores, explanations, the conflict supplement, neutralised names and tone per group."""
import io
import math
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import presslens
from presslens import cli, sentiment, tokenize
from presslens.errors import InputError

NEG, ZERO, POS = -1, 0, 1


def sign(value: float) -> int:
    return POS if value >= 0.05 else NEG if value <= -0.05 else ZERO


# text, sign with "vader", sign with "vader+conflict"
KNOWN_SIGNS = [
    ("The rebels lost the war.", NEG, NEG),
    ("Bombs killed dozens of people.", NEG, NEG),
    ("It is not good.", NEG, NEG),
    ("The rescue was a great success.", POS, POS),
    ("The neighbourhood endured a suffocating siege.", ZERO, NEG),
    ("Government forces massacred civilians in the village.", ZERO, NEG),
    ("Airstrikes and shelling hit the besieged district.", ZERO, NEG),
    ("The casualties were counted at dawn.", ZERO, NEG),
    ("We dedicate this victory to Bashar al-Assad.", ZERO, POS),
    ("Both sides agreed to a ceasefire.", POS, POS),
    ("The Free Syrian Army said it would hold the line.", POS, ZERO),
    ("Security forces arrived in the town.", POS, ZERO),
    ("The Justice Ministry announced the figures.", POS, ZERO),
    ("The Syrian Observatory for Human Rights said battles preceded the recapture.", NEG, NEG),
]


@pytest.mark.parametrize("text, vader, conflict", KNOWN_SIGNS)
def test_known_sentences_keep_their_sign(text, vader, conflict):
    assert sign(sentiment.score(text, "vader")["compound"]) == vader
    assert sign(sentiment.score(text, "vader+conflict")["compound"]) == conflict


# text, lexicon, word, a rule that must be named for it
EXPLAIN_RULES = [
    ("It is not good.", "vader", "good", "negation (not)"),
    ("It is very good.", "vader", "good", "booster (very)"),
    ("It is barely good.", "vader", "good", "dampener (barely)"),
    ("It is GOOD, he said calmly.", "vader", "GOOD", "capitals"),
    ("The food was good, but the service was terrible.", "vader", "good", '"but" (x0.5)'),
    ("The food was good, but the service was terrible.", "vader", "terrible", '"but" (x1.5)'),
    ("The Free Syrian Army fought on.", "vader+conflict", "Free", "neutralised name"),
    ("The siege did not end.", "vader+conflict", "siege", ""),
]


@pytest.mark.parametrize("text, lexicon, word, rule", EXPLAIN_RULES)
def test_explain_names_the_rule(text, lexicon, word, rule):
    table = sentiment.explain(text, lexicon)
    row = table[table["word"] == word]
    assert len(row) == 1
    assert rule in row["rules"].iloc[0]
    if not rule:
        assert row["rules"].iloc[0] == "" and row["lexicon"].iloc[0] == "conflict"


def test_explain_punctuation_row():
    table = sentiment.explain("This is good!!!")
    last = table.iloc[-1]
    assert last["rules"] == "punctuation" and last["word"] == "!!!"
    assert last["score"] == pytest.approx(3 * 0.292)
    assert pd.isna(last["start"])


def test_explain_without_sentiment_words_is_empty():
    table = sentiment.explain("The city straddles a route.")
    assert table.empty
    assert list(table.columns) == sentiment.EXPLAIN_COLUMNS


def _compound_from(table: pd.DataFrame, lexicon: str = "vader") -> float:
    total = table["score"].sum()
    if lexicon == "ensemble":
        return max(-1.0, min(1.0, total))
    return total / math.sqrt(total * total + 15)


def _explain_cases(seed_text: str) -> list[str]:
    texts = [seed_text[s:e] for _, s, e in tokenize.sentence_spans(seed_text)]
    texts += [t for t, *_ in KNOWN_SIGNS] + [t for t, *_ in EXPLAIN_RULES]
    return texts + ["It isn't the least bit good, but kind of great, I think!!?", "NOT bad. Not bad at all. So so good."]


@pytest.mark.parametrize("lexicon", sentiment.LEXICONS)
def test_explain_adds_up_to_the_compound_score(seed, lexicon):
    for text in _explain_cases(seed.text):
        table = sentiment.explain(text, lexicon)
        assert _compound_from(table, lexicon) == pytest.approx(sentiment.score(text, lexicon)["compound"], abs=2e-4), text
        words = table.dropna(subset=["start"])
        for _, row in words.iterrows():
            assert text[row["start"]:row["end"]] == row["word"]


def test_explain_offsets_survive_curly_quotes():
    text = "“Collapse of the terrorists’ ‘citadel’ – we’re going from victory to victory.”"
    table = sentiment.explain(text, "vader+conflict")
    assert set(table["word"]) >= {"Collapse", "terrorists", "victory"}
    for _, row in table.iterrows():
        assert text[row["start"]:row["end"]] == row["word"]


def test_supplement_file_is_complete_and_used():
    table = sentiment.supplement()
    assert len(table) >= 60
    assert table["word"].is_unique
    assert (table["rationale"].str.len() > 5).all()
    assert table["valence"].between(-4, 4).all()
    lexicon = sentiment.analyzer("vader+conflict").lexicon
    for word, valence in zip(table["word"], table["valence"]):
        if valence == 0:
            assert word not in lexicon
        else:
            assert lexicon[word] == valence
            assert sign(sentiment.score(word, "vader+conflict")["compound"]) == sign(valence)


@pytest.mark.parametrize("word", ["victory", "shelling", "siege", "massacre", "airstrike", "casualties",
                                  "ceasefire", "regime", "martyr"])
def test_supplement_gives_conflict_words_a_tone_vader_lacks(word):
    assert sentiment.score(word, "vader")["compound"] == 0
    assert sentiment.score(word, "vader+conflict")["compound"] != 0


def test_supplement_overrides_vader_senses_wrong_for_war_news():
    assert sentiment.score("retreat", "vader")["compound"] > 0
    assert sentiment.score("retreat", "vader+conflict")["compound"] < 0
    assert sentiment.score("stronghold", "vader+conflict")["compound"] == 0


def test_plain_vader_is_unchanged_by_the_supplement():
    assert "victory" not in sentiment.analyzer("vader").lexicon
    assert sentiment.analyzer("vader") is sentiment.analyzer("vader")


@pytest.mark.parametrize("phrase", sentiment.neutral_phrases())
def test_neutral_phrases_carry_no_tone(phrase):
    assert sentiment.score(f"{phrase} said so.", "vader+conflict")["compound"] == 0
    assert sentiment.score(f"{phrase.upper()} said so.", "vader+conflict")["compound"] == 0


def test_names_are_neutralised_only_as_whole_names():
    names = ["Hope Hicks"]
    assert sentiment.score("Hope Hicks arrived.", "vader+conflict", names)["compound"] == 0
    assert sentiment.score("Hope Hicks arrived.", "vader", names)["compound"] > 0
    assert sentiment.score("We hope Hicks arrived.", "vader+conflict", names)["compound"] > 0


def test_score_sentences_adds_the_columns(seed):
    table = sentiment.score_sentences(tokenize.sentences(seed), "vader+conflict")
    assert list(table.columns[-4:]) == sentiment.SCORE_COLUMNS
    assert table["compound"].dtype == "float64"
    assert table["compound"].between(-1, 1).all()
    victory = table[table["text"].str.contains("We dedicate this victory")]
    assert victory["compound"].iloc[0] > 0.3
    assert (table["pos"] + table["neu"] + table["neg"]).round(2).isin([0.0, 1.0]).all()


def test_score_sentences_neutralises_given_names():
    table = pd.DataFrame({"text": ["Hope Hicks arrived."]})
    plain = sentiment.score_sentences(table, "vader+conflict")
    named = sentiment.score_sentences(table, "vader+conflict", names=["Hope Hicks"])
    assert plain["compound"].iloc[0] > 0 and named["compound"].iloc[0] == 0


def test_score_sentences_empty_and_bad_input():
    empty = sentiment.score_sentences(pd.DataFrame(columns=tokenize.SENTENCE_COLUMNS))
    assert empty.empty and set(sentiment.SCORE_COLUMNS) <= set(empty.columns)
    with pytest.raises(InputError, match="sentences: no 'text' column"):
        sentiment.score_sentences(pd.DataFrame({"words": ["x"]}))
    with pytest.raises(InputError, match="lexicon 'afinn': unknown"):
        sentiment.score_sentences(pd.DataFrame({"text": ["x"]}), "afinn")


def test_score_quotes_scores_the_quoted_words_and_neutralises_speakers():
    quotes = pd.DataFrame({
        "article_id": ["a", "a", "b", "b"],
        "text": ["we're going from victory to victory", "Ask Hope Hicks", "Ask Hope Hicks", None],
        "speaker": ["state television", "Hope Hicks", "he", None],
        "speaker_name": [None, "Hope Hicks", None, None],
    })
    plain = sentiment.score_quotes(quotes, "vader")["compound"].tolist()
    conflict = sentiment.score_quotes(quotes, "vader+conflict")["compound"].tolist()
    assert plain[0] == 0 and conflict[0] > 0.5
    assert plain[1] > 0 and conflict[1] == 0  # the speaker of article a is a name there
    assert conflict[2] > 0  # not in article b
    assert conflict[3] == 0


def test_score_quotes_handles_an_empty_table():
    out = sentiment.score_quotes(pd.DataFrame(columns=presslens.quotes.QUOTE_COLUMNS), "vader+conflict")
    assert out.empty and out["compound"].dtype == "float64"


def test_tone_by_groups_quotes():
    quotes = pd.DataFrame({"side": ["gov", "gov", "rebel", None, ""],
                           "compound": [0.5, 0.1, -0.4, 0.2, 0.0]})
    table = sentiment.tone_by(quotes, by="side")
    assert list(table.columns) == ["side", "mean_compound", "spread", "count", "negative_share", "positive_share"]
    assert table["side"].tolist() == ["gov", "unassigned", "rebel"]
    gov = table.iloc[0]
    assert gov["mean_compound"] == pytest.approx(0.3) and gov["spread"] == pytest.approx(0.2)
    assert gov["count"] == 2 and gov["positive_share"] == 1.0 and gov["negative_share"] == 0.0
    assert table.set_index("side").loc["rebel", "negative_share"] == 1.0
    assert table.set_index("side").loc["unassigned", "count"] == 2


def test_tone_by_empty_and_missing_columns():
    empty = sentiment.tone_by(pd.DataFrame(columns=["source_id", "compound"]), by="source_id")
    assert empty.empty and list(empty.columns) == ["source_id", *sentiment.TONE_COLUMNS]
    with pytest.raises(InputError, match="no 'compound' column"):
        sentiment.tone_by(pd.DataFrame({"side": ["x"]}))
    with pytest.raises(InputError, match="no 'channel' column"):
        sentiment.tone_by(pd.DataFrame({"compound": [0.1]}), by="channel")


def test_works_with_nltk_data_pointing_at_an_empty_folder(tmp_path):
    code = "from presslens import sentiment; print(sentiment.score('A great victory', 'vader+conflict')['compound'])"
    env = {**os.environ, "NLTK_DATA": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) > 0.5
    assert done.stderr == ""


def test_cli_sentiment_rows_per_sentence(capsys, seed):
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    assert cli.main(["sentiment", str(seeds), "--format", "csv", "--lexicon", "vader+conflict"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(table.columns[:8]) == ["article_id", "sentence", "start", "end", "compound", "pos", "neu", "neg"]
    assert len(table) == len(tokenize.sentences(seed))
    assert (table["compound"] < 0).any() and (table["compound"] > 0).any()


def test_tone_charts(seed):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from presslens import plots

    quotes = pd.DataFrame({"side": ["opposition", "opposition", "pro-government"], "compound": [-0.5, -0.1, 0.6]})
    fig = plots.tone_by_side(quotes, figsize=(5.0, 2.5))
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == (5.0, 2.5)
    assert [p.get_width() for p in ax.patches] == pytest.approx([-0.3, 0.6])  # drawn bottom up: side order, top first
    assert [t.get_text() for t in ax.get_yticklabels()] == ["opposition (n=2)", "pro-government (n=1)"]
    assert matplotlib.colors.to_hex(ax.patches[0].get_facecolor()).upper() == plots.SIDE_COLORS["opposition"]
    sentences = sentiment.score_sentences(tokenize.sentences(seed))
    both = plots.sentence_tone({"vader": sentences, "vader+conflict": sentences}, figsize=(8.0, 3.0))
    assert len(both.axes[0].patches) == 2 * len(sentences)
    empty = plots.tone_by_side(pd.DataFrame(columns=["side", "compound"]))
    assert "no quotes" in empty.axes[0].get_title()
    plt.close("all")


_WORDS = ["not", "very", "good", "BAD", "but", "victory", "siege", "Free", "Syrian", "Army", "kind", "of", "the",
          "least", "never", "so", "this", "!", "?", "“", "”", "’s", ",", "-", "a", "security", "forces", "_",
          "however", "although", "yet", "and", "sad."]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.sampled_from(sentiment.LEXICONS))
def test_explain_matches_score_on_any_word_salad(words, lexicon):
    text = " ".join(words)
    table = sentiment.explain(text, lexicon)
    assert _compound_from(table, lexicon) == pytest.approx(sentiment.score(text, lexicon)["compound"], abs=2e-4)
    for _, row in table.dropna(subset=["start"]).iterrows():
        assert text[row["start"]:row["end"]] == row["word"]


SAME_AS_NLTK = [
    "I :) love it!!! kind of ... NOT good, but GREAT?!?",
    "'hello' world!!!! ''x'' :D <3 don't",
    "!?!? wow !!! ,cat cat, -dog- 'tis",
    "U.S. SUCKS!! The army, however, was not defeated.",
    "",
    "a",
]


def test_scores_are_nltks_own(seed):
    """The faster word split gives NLTK's scores to the last digit, on hard cases and the seed."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    ours = sentiment.analyzer("vader")
    nltk_vader = SentimentIntensityAnalyzer(lexicon_file="vaderSentiment/vader_lexicon.txt")
    nltk_vader.lexicon = ours.lexicon
    texts = SAME_AS_NLTK + list(tokenize.sentences(seed)["text"])
    assert [ours.polarity_scores(t) for t in texts] == [nltk_vader.polarity_scores(t) for t in texts]


@given(st.text(alphabet="ab !?.,'\":-)(<3DX", max_size=40))
@settings(max_examples=300, deadline=None)
def test_scores_are_nltks_own_on_any_punctuation(text):
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    ours = sentiment.analyzer("vader")
    assert ours.polarity_scores(text) == SentimentIntensityAnalyzer.polarity_scores(ours, text)


def test_news_vader_is_nltks_own_where_no_news_rule_applies(seed):
    """vader+conflict changes VADER only through its lexicon and the news rules."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    ours = sentiment.analyzer("vader+conflict")
    nltk_vader = SentimentIntensityAnalyzer(lexicon_file="vaderSentiment/vader_lexicon.txt")
    nltk_vader.lexicon = ours.lexicon
    rule_words = {"no", "nobody", "hardly", "scarcely", "far", "more", "most", "less", "so", "the",
                  *sentiment.CONTRAST_WORDS, *sentiment.CONCESSIVE_WORDS}
    texts = [t for t in SAME_AS_NLTK + list(tokenize.sentences(seed)["text"])
             if not rule_words & {w.lower().strip(".,!?'\"") for w in t.split()}]
    assert len(texts) >= 8
    assert [ours.polarity_scores(t) for t in texts] == [nltk_vader.polarity_scores(t) for t in texts]


# The negations and boosters VADER users report, in our own sentences:
# text, (low, high) bounds of the compound with vader+conflict and ensemble, the rule at work.
NEWS_NEGATION = [
    ("The election passed with no problems.", (0.05, 1), "'no' negates; it has no tone of its own"),
    ("No one was hurt, police said.", (0.05, 1), "'no' negates within three words"),
    ("Nobody could blame the medics.", (0.05, 1), "'nobody' negates"),
    ("The summit was hardly a success.", (-1, -0.05), "'hardly' negates, it is no dampener"),
    ("The talks were scarcely a triumph.", (-1, -0.05), "'scarcely' negates"),
    ("The truce is far from a success.", (-1, -0.05), "'far from' negates"),
    ("It was not the worst outcome.", (0.05, 0.35), "a negated superlative turns weakly"),
    ("It was not the best week for the government.", (-0.45, -0.05), "a negated superlative turns weakly"),
    pytest.param("Few could fault the plan.", (0.05, 1), "'few' as a negator",
                 marks=pytest.mark.xfail(reason="'few' negates only as 'few could': no rule for it yet", strict=True)),
    pytest.param("The plan was anything but a success.", (-1, -0.05), "'anything but'",
                 marks=pytest.mark.xfail(reason="'but' reads as a contrast: VADER's but-rule weights the rest up",
                                         strict=True)),
]


@pytest.mark.parametrize("text, bounds, rule", NEWS_NEGATION)
@pytest.mark.parametrize("lexicon", sentiment.NEWS_LEXICONS)
def test_news_negation_rows(text, bounds, rule, lexicon):
    low, high = bounds
    assert low <= sentiment.score(text, lexicon)["compound"] <= high, rule


@pytest.mark.parametrize("text", [row.values[0] if hasattr(row, "values") else row[0] for row in NEWS_NEGATION[:8]])
def test_plain_vader_keeps_its_known_failures(text):
    """The plain option stays NLTK's VADER: the news rules do not touch it."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    nltk_vader = SentimentIntensityAnalyzer(lexicon_file="vaderSentiment/vader_lexicon.txt")
    assert sentiment.score(text, "vader")["compound"] == nltk_vader.polarity_scores(text)["compound"]


@pytest.mark.parametrize("quantity, plain", [("More civilians were killed.", "Civilians were killed."),
                                             ("Most residents were killed.", "Residents were killed.")])
def test_quantity_words_are_no_boosters_at_a_distance(quantity, plain):
    assert sentiment.score(quantity, "vader+conflict")["compound"] == sentiment.score(plain, "vader+conflict")["compound"]
    assert sentiment.score(quantity, "vader")["compound"] != sentiment.score(plain, "vader")["compound"]
    assert sentiment.score("It was so terrible.", "vader+conflict")["compound"] \
        < sentiment.score("It was terrible.", "vader+conflict")["compound"]  # right before a word: a booster


def test_explain_names_the_news_rules():
    table = sentiment.explain("The summit was hardly a success.", "vader+conflict")
    assert "negation (hardly)" in table.set_index("word").loc["success", "rules"]
    table = sentiment.explain("It was not the worst outcome.", "vader+conflict")
    assert "weak: superlative" in table.set_index("word").loc["worst", "rules"]
    table = sentiment.explain("There were no problems.", "vader+conflict")
    assert table.set_index("word").loc["no", "score"] == 0


def test_ensemble_explain_shows_every_list_and_adds_up():
    text = "The summit was hardly a success, officials said!"
    table = sentiment.explain(text, "ensemble")
    assert list(table.columns) == sentiment.ENSEMBLE_EXPLAIN_COLUMNS
    success = table.set_index("word").loc["success"]
    assert success["valence"] == 2.7 and success["hu_liu"] == 1 and success["labmt"] > 7
    assert success["vader_part"] < 0 and success["labmt_part"] < 0 and success["hu_liu_part"] < 0  # negated
    assert (table["score"] - table[["vader_part", "labmt_part", "hu_liu_part"]].sum(axis=1)).abs().max() < 1e-5
    assert table["score"].sum() == pytest.approx(sentiment.score(text, "ensemble")["compound"], abs=2e-4)
    parts = sentiment.ensemble_parts(text)
    assert table["vader_part"].sum() == pytest.approx(
        sentiment._COEFFICIENTS["vader+conflict"] * parts["vader+conflict"], abs=2e-4)


def test_ensemble_weights_and_scales_are_declared():
    assert set(sentiment.ENSEMBLE_WEIGHTS) == set(sentiment.ENSEMBLE_SCALES) == {"vader+conflict", "labmt", "hu_liu"}
    assert all(v > 0 for v in sentiment.ENSEMBLE_SCALES.values())
    assert sentiment.score("", "ensemble")["compound"] == 0
    assert sentiment.score("The city straddles a route.", "vader")["compound"] == 0


def test_ensemble_masks_names_with_tone_in_any_list():
    # "Rose" is a labMT word but not in VADER: only the ensemble needs to mask it
    assert "rose" not in sentiment.analyzer("vader").lexicon
    assert sentiment._prepare("Rose Hartley arrived.", "vader+conflict", ("Rose Hartley",)) == "Rose Hartley arrived."
    assert sentiment._prepare("Rose Hartley arrived.", "ensemble", ("Rose Hartley",)) == "____ _______ arrived."
    masked = sentiment.explain("Rose Hartley arrived.", "ensemble", ["Rose Hartley"]).set_index("word")
    assert masked.loc["Rose", "rules"] == "neutralised name" and masked.loc["Rose", "score"] == 0
    assert sentiment.score("Rose Hartley arrived.", "ensemble")["compound"] \
        > sentiment.score("Rose Hartley arrived.", "ensemble", ["Rose Hartley"])["compound"]


# Own sentences: an opinion word of Hu & Liu written with a capital inside running text is a name ("Mr. Trump",
# "Ann Savage"), not an opinion; at the start, after a colon or an opening quote, in a title-case headline
# and in capitals it keeps its polarity (labMT, which rates frequent names as words, is unchanged).
HU_LIU_NAMES = [
    ("Reporters asked whether Mr. Trump would visit the valley.", "Trump", 0),
    ("Voters in the valley chose Ann Savage as their mayor.", "Savage", 0),
    ("Her trump card in the talks was a lower tax.", "trump", 1),
    ("Savage fighting returned to the valley.", "Savage", -1),
    ('The mayor said: "Savage fighting returned to the valley."', "Savage", -1),
    ("Savage Fighting Returns To The Valley", "Savage", -1),
    ("The mayor called it SAVAGE fighting in the valley.", "SAVAGE", -1),
    ("The shelling stopped on Monday. Savage fighting returned on Tuesday.", "Savage", -1),
    pytest.param('Aides said he would meet Mr. Trump." The talks begin today.', 'Trump."', 0,
                 marks=pytest.mark.xfail(reason="VADER leaves a token with two marks at its end whole ('Trump.\"'); "
                                                "the name check reads VADER's tokens", strict=True)),
]


@pytest.mark.parametrize("text, word, sign", HU_LIU_NAMES)
def test_a_capitalised_opinion_word_inside_a_sentence_is_a_name(text, word, sign):
    row = sentiment.explain(text, "ensemble").set_index("word").loc[word]
    assert row["hu_liu"] in (1, -1) and row["labmt"] > 0  # a word of both lists
    assert row["labmt_part"] != 0  # labMT reads it either way
    part, whole = row["hu_liu_part"], sentiment.ensemble_parts(text)["hu_liu"]
    assert (part > 0, part < 0) == (sign > 0, sign < 0)
    assert ("name" in row["rules"]) == (sign == 0)
    assert (whole > 0, whole < 0) == (sign > 0, sign < 0)  # the word is the sentence's only Hu & Liu word


def test_word_lists_are_complete():
    from presslens import wordlists

    labmt = wordlists.labmt()
    assert len(labmt) == 10192 and labmt["laughter"] == 8.5 and min(labmt.values()) >= 1
    polarity = wordlists.hu_liu()
    assert sum(v == 1 for v in polarity.values()) == 2006 and sum(v == -1 for v in polarity.values()) == 4779  # 4,783 lines, 4 repeats
    assert polarity["abound"] == 1 and polarity["abysmal"] == -1


def test_article_tone_is_the_mean_of_its_sentences_not_of_the_whole_text(seed):
    sentences = sentiment.score_article(seed, lexicon="vader+conflict")
    tone = sentiment.article_tone(sentences)
    assert list(tone.columns) == sentiment.ARTICLE_TONE_COLUMNS and len(tone) == 1
    row = tone.iloc[0]
    assert row["tone_mean"] == pytest.approx(sentences["compound"].mean())
    assert row["tone_negative_share"] == pytest.approx((sentences["compound"] <= -0.05).mean())
    assert row["tone_sentences"] == len(sentences)
    whole = sentiment.score(seed.text, "vader+conflict")["compound"]
    assert abs(whole) > 0.9 and abs(row["tone_mean"]) < 0.5  # the whole text saturates; its sentences do not
    analysis = presslens.analyze(seed, lexicon="vader+conflict")
    assert analysis.articles["tone_mean"].iloc[0] == pytest.approx(row["tone_mean"], abs=1e-6)
    empty = sentiment.article_tone(sentences.iloc[0:0])
    assert empty.empty and empty["tone_sentences"].dtype == "int64"


def test_a_quote_of_several_sentences_is_their_mean():
    quotes = pd.DataFrame({"article_id": ["a"], "text": ["It was a massacre. Then we won a great victory."]})
    compound = sentiment.score_quotes(quotes, "vader+conflict")["compound"].iloc[0]
    first = sentiment.score("It was a massacre.", "vader+conflict")["compound"]
    second = sentiment.score("Then we won a great victory.", "vader+conflict")["compound"]
    assert compound == pytest.approx((first + second) / 2)


def test_source_tone_comes_from_its_quotes(seed):
    analysis = presslens.analyze(seed, lexicon="vader+conflict")
    sources, quotes = analysis.sources, analysis.quotes
    for _, source in sources.iterrows():
        mine = quotes[quotes["source_id"] == source["source_id"]]["compound"]
        assert source["tone_mean"] == pytest.approx(mine.mean())
        assert source["tone_positive_share"] == pytest.approx((mine >= 0.05).mean())


@pytest.mark.parametrize("lexicon", sentiment.LEXICONS)
def test_every_entry_point_scores_sentences_alike(capsys, seed, lexicon):
    """`presslens sentiment`, `analyze()` and `score_article` mask the same speakers."""
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    assert cli.main(["sentiment", str(seeds), "--format", "csv", "--lexicon", lexicon]) == 0
    from_cli = pd.read_csv(io.StringIO(capsys.readouterr().out))["compound"].tolist()
    from_analyze = presslens.analyze(seed, lexicon=lexicon).sentences["compound"].tolist()
    from_stage = sentiment.score_article(seed, lexicon=lexicon)["compound"].tolist()
    assert from_cli == pytest.approx(from_analyze, abs=1e-9) and from_stage == from_analyze
    unmasked = sentiment.score_sentences(tokenize.sentences(seed), lexicon)["compound"].tolist()
    if lexicon == "vader+conflict":
        assert unmasked != from_analyze  # the seed has a speaker with a VADER word in the name


def test_cli_offers_every_lexicon():
    parser = cli.build_parser()
    action = next(a for a in parser._subparsers._group_actions[0].choices["sentiment"]._actions
                  if a.dest == "lexicon")
    assert tuple(action.choices) == sentiment.LEXICONS


def test_a_repeated_word_is_read_in_its_own_context():
    text = "It was not good, yet later it was good."
    assert sentiment.score(text, "vader+conflict")["compound"] > 0
    assert sentiment.score(text, "vader")["compound"] < 0  # NLTK reads the second "good" after "not" too


def test_word_lists_follow_but_and_negation():
    rows = ([], [])
    words = "the food was good but the service was terrible".split()
    labmt_score, hu_liu_score = sentiment._word_lists(words, rows)
    polarity = {words[j]: value for j, _, value in rows[1]}
    assert polarity == {"good": 0.5, "terrible": -1.5}
    assert hu_liu_score == pytest.approx(-1 / 3)  # (0.5 - 1.5) / sqrt(9)
    assert labmt_score == pytest.approx(sum(v for *_, v in rows[0]) / len(rows[0]))
    negated = ([], [])
    sentiment._word_lists("it was not good".split(), negated)
    assert negated[1] == [(3, 1, -0.74)]

# Own sentences: without "but", the other contrast connectives weigh a sentence as VADER weighs it around
# "but" (Polanyi & Zaenen 2006): "however", "nevertheless", "nonetheless" and the conjunction "yet" put the
# weight after them; "although", "though" and "whereas" open the conceded clause. text, sign (news lexicons).
CONTRAST = [
    ("The talks went well; however, the ceasefire failed.", -1),
    ("The rescue was a success. Nevertheless, three climbers died.", -1),
    ("The harvest was good, yet the farmers lost money.", -1),
    ("Although the rescue was a success, three climbers died.", -1),
    ("Three climbers died, although the rescue was a success.", -1),
    ("The mayor lost the vote, though her allies praised the campaign.", -1),
    ("Whereas the old bridge was dangerous, the new one is safe.", 1),
]


@pytest.mark.parametrize("text, sign", CONTRAST)
@pytest.mark.parametrize("lexicon", sentiment.NEWS_LEXICONS)
def test_contrast_words_weigh_like_but(text, sign, lexicon):
    compound = sentiment.score(text, lexicon)["compound"]
    assert compound * sign >= 0.05
    assert "but" not in text.lower().split()  # the rule reads sentences without "but"


def test_contrast_words_in_the_word_lists_and_explain():
    rows = ([], [])
    words = "the food was good however the service was terrible".split()
    sentiment._word_lists(words, rows, contrast=sentiment._contrast(" ".join(words), words))
    assert {words[j]: value for j, _, value in rows[1]} == {"good": 0.5, "terrible": -1.5}
    rows = ([], [])
    words = "although the food was good, the service was terrible".split()
    lowered = [word.strip(",") for word in words]  # VADER's tokens: the comma cut
    sentiment._word_lists(lowered, rows, contrast=sentiment._contrast(" ".join(words), lowered))
    assert {words[j].strip(","): value for j, _, value in rows[1]} == {"good": 0.5, "terrible": -1.5}
    text = "the report has not yet been published"
    assert sentiment._contrast(text, text.split()) is None
    table = sentiment.explain("The harvest was good, yet the farmers lost money.", "vader+conflict").set_index("word")
    assert '"yet" (x0.5)' in table.loc["good", "rules"] and '"yet" (x1.5)' in table.loc["lost", "rules"]
    assert sentiment.score("The harvest was good, yet the farmers lost money.", "vader")["compound"] > 0  # NLTK's


# ---- tone: output-identical speed-ups of the news scorer (issue 17) ---------------------------------

_CHECK_WORDS = ["never", "so", "this", "not", "isn't", "Don't", "NOT", "mayn't", "couldn't've",
                "kind", "of", "sort", "just", "enough",
                "the", "bomb", "shit", "cut", "mustard", "kiss", "death", "yeah", "right", "hand", "to", "mouth",
                "bad", "ass", "good", "war", "least", "at", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CHECK_WORDS), min_size=4, max_size=9), st.floats(-4, 4))
def test_news_checks_are_nltks_own(words, valence):
    """The news scorer's negation and idiom checks give NLTK's values for every word and distance."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    ours = sentiment.analyzer("vader+conflict")
    for i in range(3, len(words)):
        for start_i in range(3):
            assert ours._never_check(valence, words, start_i, i) == \
                SentimentIntensityAnalyzer._never_check(ours, valence, words, start_i, i)
        assert ours._idioms_check(valence, words, i) == SentimentIntensityAnalyzer._idioms_check(ours, valence, words, i)


def test_phrase_masking_reads_only_the_phrases_present():
    """Masking builds its pattern from the phrases whose longest word occurs, unless the text is not ASCII."""
    text = "Save the Children and security forces met the United Nations."
    masked = sentiment._prepare(text, "vader+conflict")
    assert masked == "____ ___ ________ and ________ ______ met the ______ _______."
    # outside ASCII the whole list is used: case-insensitive matching reaches "ſ" (long s) there
    assert sentiment._prepare("the Children and ſecurity forces", "vader+conflict") == "the Children and ________ ______"
    assert sentiment._prepare("No phrase here.", "vader+conflict") == "No phrase here."


# ---- tone: a supplement of one's own (issue 14, notebook 02 exercise 2) -----------------------------

def test_an_edited_supplement_table_changes_the_score():
    edited = sentiment.supplement()
    edited.loc[edited["word"] == "martyrs", "valence"] = 1.0
    sentence = "Three martyrs fell in Khaldiyeh today."
    assert sentiment.score(sentence, "vader+conflict")["compound"] < 0
    assert sentiment.score(sentence, "vader+conflict", supplement=edited)["compound"] > 0
    table = sentiment.explain(sentence, "vader+conflict", supplement=edited)
    assert table.loc[table["word"] == "martyrs", ["valence", "lexicon"]].values.tolist() == [[1.0, "conflict"]]
    scored = sentiment.score_sentences(pd.DataFrame({"text": [sentence]}), "ensemble", supplement=edited)
    assert scored["compound"].iloc[0] == sentiment.score(sentence, "ensemble", supplement=edited)["compound"]
    assert sentiment.score(sentence, "vader+conflict")["compound"] < 0  # the shipped supplement is untouched


def test_a_supplement_file_replaces_the_shipped_one(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("# my own values\nword\tvalence\trationale\nrubble\t0\tjust a description\nlull\t1.5\n",
                    encoding="utf-8")
    assert sentiment.supplement(path)["word"].tolist() == ["rubble", "lull"]
    assert sentiment.score("They stood on rubble.", "vader+conflict")["compound"] < 0
    assert sentiment.score("They stood on rubble.", "vader+conflict", supplement=path)["compound"] == 0
    assert sentiment.score("A lull came.", "vader+conflict", supplement=str(path))["compound"] > 0


@pytest.mark.parametrize("content, message", [
    ("word\tvalence\nmartyr\tmuch\n", r"mine.tsv: line 2: valence 'much' is not a number"),
    ("martyr\t1\nMartyr\t2\n", r"mine.tsv: line 2: need a lower-case word"),
    ("martyr\t9\n", r"mine.tsv: line 1: need a lower-case word .* valence in \[-4, 4\]"),
    ("martyr\t1\nmartyr\t2\n", r"mine.tsv: line 2: 'martyr' is listed twice"),
    ("# c\nmartyr 1\n", r"mine.tsv: line 2: expected word<TAB>valence<TAB>rationale, got 1"),
])
def test_a_bad_supplement_file_names_the_file_and_line(tmp_path, content, message):
    path = tmp_path / "mine.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        sentiment.score("Martyrs fell.", "ensemble", supplement=path)
    assert "\n" not in str(error.value)


def test_a_bad_supplement_table_names_the_row(tmp_path):
    with pytest.raises(InputError, match="supplement table: row 2: valence 'x' is not a number"):
        sentiment.score("x", "vader+conflict", supplement=pd.DataFrame({"word": ["war", "peace"], "valence": [-2, "x"]}))
    with pytest.raises(InputError, match="supplement table: no 'valence' column"):
        sentiment.supplement(pd.DataFrame({"word": ["war"]}))
    with pytest.raises(InputError, match="no such file"):
        sentiment.score("x", "ensemble", supplement=tmp_path / "missing.tsv")
    with pytest.raises(InputError, match="only vader\\+conflict and ensemble"):
        sentiment.score("x", "vader", supplement=sentiment.supplement())


def test_notebook_02_exercise_2_sample_answer_runs():
    """The sample answer of exercise 2 scores with an edited supplement and gets what its text says."""
    import re

    import nbformat

    notebook = nbformat.read(Path(__file__).parents[1] / "notebooks" / "02-sentiment.ipynb", as_version=4)
    exercises = next(c.source for c in notebook.cells if c.source.startswith("## Exercises"))
    code = re.search(r"```python\n(.*?)```", exercises.split("2. The supplement")[1], re.DOTALL).group(1)
    namespace = {"sentiment": sentiment, "pd": pd}
    exec(compile(code, "exercise-2", "exec"), namespace)
    scores = namespace["scores"]
    assert scores[-1.0]["vader+conflict"] == pytest.approx(-0.25, abs=0.01)
    assert scores[0.0]["vader+conflict"] == 0.0
    assert scores[1.0]["vader+conflict"] == pytest.approx(0.25, abs=0.01)
    assert scores[-1.0]["ensemble"] < scores[0.0]["ensemble"] < scores[1.0]["ensemble"]


_PHRASE_PIECES = ["Free Syrian Army", "FREE SYRIAN ARMY", "free syrian", "security forces", "Securityx forces",
                  "xsecurity forces", "United Nations", "Save the Children", "Human Rights Watch", "Red Cross", "Army",
                  "rights", "_", "-", ",", "'", "(", "9", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_PIECES), max_size=10), st.sampled_from([" ", "", "-"]))
def test_phrase_masking_is_the_whole_list_masking(pieces, glue):
    """Checking an ASCII text word by word before masking finds every phrase the whole list finds."""
    text = glue.join(pieces)
    every_phrase = sentiment._phrase_pattern(tuple(p for p, _ in sentiment._phrases_by_length()))
    assert sentiment._mask_phrases(text) == every_phrase.sub(sentiment._mask, text)


_VALENCE_PIECES = ["never so", "never this", "so", "this", "not", "no", "hardly", "nobody", "far from", "not the",
                   "the worst", "best", "very", "more", "kind of", "at least", "very least", "least", "good", "GOOD",
                   "bad", "war", "victory", "siege", "cut the mustard", "isn't", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VALENCE_PIECES), min_size=1, max_size=7))
def test_news_scorer_reads_each_word_as_explain_traces_it(words):
    """The news scorer's valence of every lexicon word is the one `explain` traces step by step."""
    tool = sentiment.analyzer("vader+conflict")
    sentitext = sentiment._SentiText(" ".join(words), tool.constants.PUNC_LIST)
    tokens = sentitext.words_and_emoticons
    lowered = [token.lower() for token in tokens]
    for i, token in enumerate(tokens):
        if lowered[i] in tool.lexicon:
            assert tool._valence(tokens, lowered, sentitext.is_cap_diff, i) == \
                sentiment._trace_word(tool, sentitext, token, i)[1], (tokens, i)


# ---- tone: the news scorer's shortcuts give the same numbers (issue 17, speed) -----------------------

def test_the_word_list_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(sentiment, "_TOKEN_RECORDS_LIMIT", 50)
    monkeypatch.setattr(sentiment, "_token_records", {})
    monkeypatch.setattr(sentiment, "_careful_tokens", set())
    for number in range(400):
        words = f"good{number} not bad{number} happy".split()
        assert sentiment._word_lists(words) == sentiment._word_lists(words, ([], []))
        assert len(sentiment._token_records) <= 50 + 4


def test_an_idiom_is_seen_only_from_its_words_in_a_row():
    words = "they cut the mustard".split()
    assert sentiment._idiom_within_reach(words, 3)
    assert not sentiment._unmodified(" ".join(words), words, words)
    words = "the cut of the cloth".split()
    assert not sentiment._idiom_within_reach(words, 3)  # "cut" and "the" are idiom words, not in a row here


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VALENCE_PIECES + ["war", "Good", "VICTORY", "the", "of", "to", "said", "however"]),
                min_size=1, max_size=9))
def test_news_scorer_scores_a_plain_sentence_as_word_by_word(words):
    """A sentence without modifiers skips the per-word steps; its scores are those of every word's `_valence`."""
    tool = sentiment.analyzer("vader+conflict")
    text = " ".join(words)
    sentitext = sentiment._SentiText(text, tool.constants.PUNC_LIST)
    words = sentitext.words_and_emoticons
    lowered, last = [word.lower() for word in words], len(words) - 1
    values = [0.0 if word not in tool.scored_words or (i < last and (
                  word == "no" or (word == "kind" and lowered[i + 1] == "of")))
              else tool._valence(words, lowered, sentitext.is_cap_diff, i) for i, word in enumerate(lowered)]
    if "but" in lowered:
        at = lowered.index("but")
        values = [v * 0.5 if k < at else v * 1.5 if k > at else v for k, v in enumerate(values)]
    elif (contrast := sentiment._contrast(text, lowered)) is not None:
        values = [v * weight for v, weight in zip(values, contrast[1])]
    assert tool.polarity_scores(text) == tool.score_valence(values, text)


_LIST_PIECES = ["not", "no", "don't", "but", "far from", "far", "from", "good", "bad", "Trump", "Mr. Trump",
                "happy", "war", "the", "said", '"Great', "Love.", "however", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LIST_PIECES), min_size=1, max_size=10))
def test_word_lists_sum_as_explain_lists_them(pieces):
    """The word lists' scores are the same with and without the rows `explain` reads (shortcut and loop)."""
    text = " ".join(pieces)
    _, words, lowered, contrast = sentiment.analyzer("ensemble").scores_and_words(text)
    names = sentiment._hu_liu_names(words, text)
    assert sentiment._word_lists(lowered, names=names, contrast=contrast) == \
        sentiment._word_lists(lowered, ([], []), names, contrast)
