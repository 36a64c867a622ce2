"""The source attributes in the quotes, sources and articles tables (golden rows through the pipeline)."""
import math

import pandas as pd
import pytest

import presslens
from presslens import source_attributes, sources, tokenize
from presslens.quotes import extract

GOLDEN = [  # one sentence or two, the source's mention -> gender, gender_by, naming, anonymity reason
    ('"We are ready," Mr Brown said.', "Mr Brown", "male", "title", "named_person", ""),
    ("Mara Lindqvist said the strike would go on. She added that talks could resume.", "Mara Lindqvist",
     "female", "pronoun", "named_person", ""),  # the text beats the name data
    ("An army officer said the town was calm. He added that the roads were open.", "An army officer",
     "male", "pronoun", "unnamed_individual", ""),
    ("A spokeswoman for the ministry said the figures were wrong.", "A spokeswoman for the ministry",
     "unknown", "", "unnamed_individual", ""),
    ("Activists on the ground said the shelling went on.", "Activists on the ground", "unknown", "",
     "unnamed_group", ""),
    ("State television said the army had taken the district.", "State television", "unknown", "",
     "named_organisation", ""),
    ("A senior official, who spoke on condition of anonymity because he was not authorised to speak to the press, "
     "said talks had failed.", "A senior official", "unknown", "", "anonymous",
     "he was not authorised to speak to the press"),
    ("Sources said the deal was off.", "Sources", "unknown", "", "anonymous", ""),
    ("Sheikh Ahmed said peace was near.", "Sheikh Ahmed", "male", "title", "named_person", ""),
    ("Hua Chunying told reporters the visit would go ahead.", "Hua Chunying", "female", "name", "named_person", ""),
]


def _analysed(text: str):
    return presslens.analyze(presslens.from_text(text))


@pytest.mark.parametrize("text, mention, gender, by, kind, reason", GOLDEN)
def test_golden_rows_in_the_quotes_and_sources_tables(text, mention, gender, by, kind, reason):
    result = _analysed(text)
    quote = result.quotes[result.quotes["speaker"] == mention].iloc[0]
    assert (quote["gender"], quote["gender_by"], quote["naming"], quote["anonymity_reason"]) == (gender, by, kind, reason)
    source = result.sources[result.sources["source_id"] == quote["source_id"]].iloc[0]
    assert (source["gender"], source["gender_by"], source["naming"]) == (gender, by, kind)


def test_columns_come_last_and_keep_their_types_when_empty():
    result = _analysed("The sun rose over the hills.")
    assert list(result.quotes.columns[-5:]) == source_attributes.ATTRIBUTE_COLUMNS
    assert list(result.sources.columns[-5:]) == source_attributes.ATTRIBUTE_COLUMNS
    assert list(result.articles.columns[-5:]) == source_attributes.ARTICLE_COLUMNS
    assert result.quotes["name_p_female"].dtype == float
    assert result.articles.loc[0, "source_count"] == 0 and math.isnan(result.articles.loc[0, "named_word_share"])


def test_name_share_is_given_with_the_name():
    result = _analysed("Mara Lindqvist said the strike would go on.")
    assert result.quotes.loc[0, "name_p_female"] > 0.9


def test_per_article_counts_on_the_seed():
    result = presslens.analyze(presslens.load("seeds")[0])
    article = result.articles.iloc[0]
    found = result.sources[result.sources["source_id"] != "unattributed"]
    assert article["source_count"] == len(found) == 9
    named = found["naming"].isin(["named_person", "named_organisation"])
    assert article["named_source_count"] == named.sum() == 5
    assert article["named_word_share"] == pytest.approx(found.loc[named, "words_quoted"].sum()
                                                        / result.sources["words_quoted"].sum())
    assert article["sides"] == "independent; opposition; pro-government" and article["side_count"] == 3
    genders = dict(zip(found["source_id"], found["gender"]))
    assert genders["mahmud-al-lowz"] == genders["abu-rami"] == genders["army-officer"] == "male"
    assert genders["state-television"] == genders["activists-on-the-ground"] == "unknown"


def test_unattributed_source_has_no_gender():
    article = presslens.from_text('"We will win," one said. "They will lose," another shouted.')
    sentences = tokenize.sentences(article)
    quotes = source_attributes.annotate(sources.attribute(extract(article, sentences)), sentences)
    table = source_attributes.extend_sources(sources.table(quotes), quotes)
    unattributed = table[table["source_id"] == "unattributed"]
    assert (unattributed["gender"] == "unknown").all() and (unattributed["naming"] == "unattributed").all()


def test_annotate_needs_the_source_columns():
    quotes = pd.DataFrame({"article_id": ["a"], "speaker": ["Mr Brown"]})
    with pytest.raises(ValueError, match="sources.attribute"):
        source_attributes.annotate(quotes)
