"""Quote and attribution golden rules: each hard case is one test (pySBD style).

Rows from the seed article pin every quote the AFP Khaldiyeh story gives; made-up rows pin the
conventions of `presslens.quotes` (see its module docstring). The PolNeAR scorer is tested on a
tiny made-up file, and on the shared dev data when it is present.
"""
import json
import re

import pandas as pd
import pytest

from presslens import from_text, quotes
from presslens.quotes import lexicon, rules
from presslens.cli import main
from presslens.evaluation import quotes as evaluation

FIELDS = ("kind", "speaker", "speaker_name", "speaker_role", "resolved_by", "cue", "channel", "rule")

# ---- the seed article: every quote, in order ----------------------------------------------------
# (quote_id, start of text, kind, speaker, speaker_name, speaker_role, resolved_by, cue, channel, rule)
SEED_QUOTES = [
    (1, "its troops recaptured", "indirect", "The Syrian regime", "Syrian regime", "", "same-sentence", "says", "",
     "leading_cue"),
    (2, "government troops now", "indirect", "Activists on the ground", "", "Activists on the ground",
     "same-sentence", "told", "", "leading_cue"),
    (3, "the capital of the revolution", "partial", "rebels", "", "rebels", "same-sentence", "dubbed", "", "by_phrase"),
    (4, "The armed forces have", "direct", "state television", "state television", "", "same-sentence", "said", "",
     "trailing_cue"),
    (5, "Collapse of the terrorists’ ‘citadel’", "direct", "", "state television", "", "continuation", "", "",
     "continuation"),
    (6, "The capture of Khaldiyeh", "direct", "Homs-based activist Mahmud al-Lowz", "Mahmud al-Lowz",
     "Homs-based activist", "same-sentence", "told", "via the internet", "trailing_cue"),
    (7, "If Homs city falls", "direct", "", "Mahmud al-Lowz", "Homs-based activist", "continuation", "", "",
     "continuation"),
    (8, "regime forces hope to “cleanse", "partial", "An army officer", "", "army officer", "same-sentence", "said",
     "interview on state television", "leading_cue"),
    (9, "We dedicate this victory", "direct", "he", "", "army officer", "pronoun", "added", "", "trailing_cue"),
    (10, "we sacrifice our soul", "direct", "a group of soldiers", "", "group of soldiers", "same-sentence",
     "chanting", "", "leading_cue"),
    (11, "fierce early morning battles", "indirect", "The Syrian Observatory for Human Rights",
     "Syrian Observatory for Human Rights", "", "same-sentence", "said", "", "leading_cue"),
    (12, "the fighting “the most violent", "partial", "The Syrian Observatory for Human Rights",
     "Syrian Observatory for Human Rights", "", "same-sentence", "calling", "", "added_clause"),
    (13, "The (rebel) retreat", "direct", "Homs-based activist Abu Rami", "Abu Rami", "Homs-based activist",
     "same-sentence", "told", "by internet", "trailing_cue"),
    (14, "the army now controls “90 per cent”", "partial", "Homs-based activist Abu Rami", "Abu Rami",
     "Homs-based activist", "same-sentence", "adding", "", "added_clause"),
    (15, "Khaldiyeh may have fallen", "direct", "", "Abu Rami", "Homs-based activist", "continuation", "", "",
     "continuation"),
    (15, "We have lost this round", "direct", "", "Abu Rami", "Homs-based activist", "continuation", "", "",
     "continuation"),
]


@pytest.fixture(scope="module")
def seed_quotes(seed):
    return quotes.extract(seed)


def test_seed_has_exactly_these_quotes(seed_quotes):
    assert len(seed_quotes) == len(SEED_QUOTES)
    assert list(seed_quotes["quote_id"]) == [row[0] for row in SEED_QUOTES]


@pytest.mark.parametrize("row", range(len(SEED_QUOTES)), ids=[f"seed-{r[0]}-{r[1][:20]}" for r in SEED_QUOTES])
def test_seed_quote(seed_quotes, row):
    expected = SEED_QUOTES[row]
    found = seed_quotes.iloc[row]
    assert found["quote_id"] == expected[0]
    assert found["text"].startswith(expected[1]), found["text"]
    assert tuple(found[f] for f in FIELDS) == expected[2:]


def test_seed_multi_paragraph_quote_has_two_parts_in_two_paragraphs(seed_quotes):
    parts = seed_quotes[seed_quotes["quote_id"] == 15]
    assert len(parts) == 2 and parts["paragraph"].nunique() == 2
    assert parts.iloc[1]["text"].endswith("what is happening in Homs.")


def test_seed_quote_keeps_inner_single_quotes_and_apostrophes(seed_quotes):
    assert seed_quotes.iloc[4]["text"] == ("Collapse of the terrorists’ ‘citadel’ in Khaldiyeh – we’re going from "
                                           "victory to victory.")


# ---- made-up hard cases -------------------------------------------------------------------------
# (case, text, [(quote text, kind, speaker, speaker_name, speaker_role, resolved_by, cue, channel, rule), ...])
# `rule` names the rule that made the row (`presslens.quotes.rules`, without `rule_`; see the package docstring).
RULES = [
    ("nested single quotes and apostrophes", "“They call it ‘the citadel’ and we’re staying,” the commander said.",
     [("They call it ‘the citadel’ and we’re staying", "direct", "the commander", "", "commander",
       "same-sentence", "said", "", "trailing_cue")]),
    ("partial quote after hope to", "The minister said he hoped to “cleanse the city of terrorists” within a week.",
     [("he hoped to “cleanse the city of terrorists” within a week", "partial", "The minister", "", "minister",
       "same-sentence", "said", "", "leading_cue")]),
    ("partial quote after calling", "The monitor said the battle was fierce, calling the fighting “the worst in a year.”",
     [("the battle was fierce", "indirect", "The monitor", "", "monitor", "same-sentence", "said", "", "leading_cue"),
      ("the fighting “the worst in a year.”", "partial", "The monitor", "", "monitor", "same-sentence", "calling",
       "", "added_clause")]),
    ("dubbed by rebels", "The district, dubbed by rebels “the heart of the revolt,” fell on Monday.",
     [("the heart of the revolt", "partial", "rebels", "", "rebels", "same-sentence", "dubbed", "", "by_phrase")]),
    ("X says CLAUSE", "The mayor says the water is safe.",
     [("the water is safe", "indirect", "The mayor", "", "mayor", "same-sentence", "says", "", "leading_cue")]),
    ("X says that CLAUSE", "The mayor says that the water is safe.",
     [("that the water is safe", "indirect", "The mayor", "", "mayor", "same-sentence", "says", "", "leading_cue")]),
    ("CLAUSE, X said", "The water is safe, the mayor said.",
     [("The water is safe", "indirect", "the mayor", "", "mayor", "same-sentence", "said", "", "trailing_cue")]),
    ("X told AFP CLAUSE", "An activist told AFP the army had shelled the town.",
     [("the army had shelled the town", "indirect", "An activist", "", "activist", "same-sentence", "told", "",
       "leading_cue")]),
    ("X told AFP that CLAUSE", "An activist told AFP that the army had shelled the town.",
     [("that the army had shelled the town", "indirect", "An activist", "", "activist", "same-sentence", "told",
       "", "leading_cue")]),
    ("according to X, CLAUSE", "According to the monitor, 20 people died.",
     [("20 people died", "indirect", "the monitor", "", "monitor", "same-sentence", "According to", "",
       "according_to")]),
    ("CLAUSE, according to X", "Twenty people died, according to the Syrian Observatory for Human Rights.",
     [("Twenty people died", "indirect", "the Syrian Observatory for Human Rights",
       "Syrian Observatory for Human Rights", "", "same-sentence", "according to", "", "according_to")]),
    ("participle adding", "The army said it took the town, adding that rebels had fled.",
     [("it took the town", "indirect", "The army", "army", "", "same-sentence", "said", "", "leading_cue"),
      ("that rebels had fled", "indirect", "The army", "army", "", "same-sentence", "adding", "", "added_clause")]),
    ("participle saying takes the subject", "She went on to attack the governor, saying the plan “failed.”",
     [("the plan “failed.”", "partial", "She", "", "", "none", "saying", "", "added_clause")]),
    ("X said: with a colon", "The general said: “We will win this war.”",
     [("We will win this war.", "direct", "The general", "", "general", "same-sentence", "said", "", "leading_cue")]),
    ("X said: quote in the next paragraph", "The general said:\n\n“We will win this war.”",
     [("We will win this war.", "direct", "The general", "", "general", "same-sentence", "said", "", "colon_intro")]),
    ("adverbial then X said, quote", "Reflecting on his career, the senator said, “I never knew what would happen.”",
     [("I never knew what would happen.", "direct", "the senator", "", "senator", "same-sentence", "said", "",
       "leading_cue")]),
    ("descriptor and name split", "European Council President Donald Tusk said the summit had failed.",
     [("the summit had failed", "indirect", "European Council President Donald Tusk", "Donald Tusk",
       "European Council President", "same-sentence", "said", "", "leading_cue")]),
    ("name, apposition, said", "Abu Rami, an activist in Homs, said the town had fallen.",
     [("the town had fallen", "indirect", "Abu Rami, an activist in Homs", "Abu Rami", "activist in Homs",
       "same-sentence", "said", "", "leading_cue")]),
    ("said name, apposition to the sentence end",
     "“The numbers do not add up,” said Steve Elmendorf, a former campaign manager for John Kerry.",
     [("The numbers do not add up", "direct", "Steve Elmendorf, a former campaign manager for John Kerry",
       "Steve Elmendorf", "former campaign manager for John Kerry", "same-sentence", "said", "", "trailing_cue")]),
    ("an appositive of the content is not a speaker", "Homs, a key symbol of the revolt, fell after a month, the army said.",
     [("Homs, a key symbol of the revolt, fell after a month", "indirect", "the army", "army", "",
       "same-sentence", "said", "", "trailing_cue")]),
    ("pronoun skips an institution for he",
     "“We hold,” said Mahmud al-Lowz. State television said the army had won. “We stay,” he added.",
     [("We hold", "direct", "Mahmud al-Lowz", "Mahmud al-Lowz", "", "same-sentence", "said", "", "trailing_cue"),
      ("the army had won", "indirect", "State television", "State television", "", "same-sentence", "said", "",
       "leading_cue"),
      ("We stay", "direct", "he", "Mahmud al-Lowz", "", "pronoun", "added", "", "trailing_cue")]),
    ("pronoun without antecedent", "“We won,” she said.",
     [("We won", "direct", "she", "", "", "none", "said", "", "trailing_cue")]),
    ("continuation paragraph", "“We won,” said the governor.\n\n“They lost.”",
     [("We won", "direct", "the governor", "", "governor", "same-sentence", "said", "", "trailing_cue"),
      ("They lost.", "direct", "", "", "governor", "continuation", "", "", "continuation")]),
    ("channel via the internet", "“We will win,” an activist told AFP via the internet.",
     [("We will win", "direct", "an activist", "", "activist", "same-sentence", "told", "via the internet",
       "trailing_cue")]),
    ("channel by internet", "“We will win,” an activist told AFP by internet.",
     [("We will win", "direct", "an activist", "", "activist", "same-sentence", "told", "by internet",
       "trailing_cue")]),
    ("channel interview on state television", "A general, interview on state television, said the army had won.",
     [("the army had won", "indirect", "A general", "", "general", "same-sentence", "said",
       "interview on state television", "leading_cue")]),
    ("channel in a statement", "The army said in a statement that the town was secure.",
     [("that the town was secure", "indirect", "The army", "army", "", "same-sentence", "said", "in a statement",
       "leading_cue")]),
    ("channel on Twitter", "The rebels said on Twitter that they had retreated.",
     [("that they had retreated", "indirect", "The rebels", "", "rebels", "same-sentence", "said", "on Twitter",
       "leading_cue")]),
    ("German quotes close with “", "„We will stay“, the mayor said.",
     [("We will stay", "direct", "the mayor", "", "mayor", "same-sentence", "said", "", "trailing_cue")]),
    ("misused “ as a closing mark", "The mayor demanded an “expedited review“ of the pipes.",
     [("an “expedited review“ of the pipes", "partial", "The mayor", "", "mayor", "same-sentence", "demanded",
       "", "leading_cue")]),
    ("unclosed quote ends at its paragraph end", "“We will win, the commander said.\n\nThe army denied it.",
     [("We will win, the commander said.", "direct", "", "", "", "none", "", "", "unattributed_quote")]),
    ("place phrase before the colon",
     'Foreign Minister Sergei Lavrov told reporters in Moscow: "The talks will continue."',
     [("The talks will continue.", "direct", "Foreign Minister Sergei Lavrov", "Sergei Lavrov", "Foreign Minister",
       "same-sentence", "told", "", "leading_cue")]),
    ("a content stops before ', and' and a bare pro-form is no statement",
     "The minister claimed that talks had failed, and a spokesman denied it.",
     [("that talks had failed", "indirect", "The minister", "", "minister", "same-sentence", "claimed", "",
       "leading_cue")]),
    ("belief cue", "Many critics fear the plan will fail.",
     [("the plan will fail", "indirect", "Many critics", "", "critics", "same-sentence", "fear", "", "leading_cue")]),
    ("a belief inside reported words is part of them", "The mayor said critics fear the plan will fail.",
     [("critics fear the plan will fail", "indirect", "The mayor", "", "mayor", "same-sentence", "said", "",
       "leading_cue")]),
    ("intention cue with an infinitive", "The minister declined to comment.",
     [("to comment", "indirect", "The minister", "", "minister", "same-sentence", "declined", "", "leading_cue")]),
    ("CLAUSE according to X without a comma",
     "Clinton leads by 271 delegates according to a count by The Associated Press.",
     [("Clinton leads by 271 delegates", "indirect", "a count by The Associated Press", "The Associated Press",
       "count by", "same-sentence", "according to", "", "according_to")]),
    ("according to X in the middle: content on both sides",
     "For Trump, according to the former secretary, the speech is a test.",
     [("For Trump", "indirect", "the former secretary", "", "former secretary", "same-sentence", "according to",
       "", "according_to"),
      ("the speech is a test", "indirect", "the former secretary", "", "former secretary", "same-sentence",
       "according to", "", "according_to")]),
    ("In a poll: what the poll found", "In a new survey of nurses, 40 percent plan to quit.",
     [("40 percent plan to quit", "indirect", "a new survey of nurses", "", "new survey of nurses", "same-sentence",
       "In", "", "in_source")]),
    ("Asked if: a question with no named asker", "Asked if he would run, the governor said he had not decided.",
     [("if he would run", "indirect", "", "", "", "none", "Asked", "", "asked_question"),
      ("he had not decided", "indirect", "the governor", "", "governor", "same-sentence", "said", "", "leading_cue")]),
    ("name, apposition with a relative clause, said",
     "Scott Morris, a former Treasury official who now works at a think tank, said the vote was close.",
     [("the vote was close", "indirect", "Scott Morris, a former Treasury official who now works at a think tank",
       "Scott Morris", "former Treasury official who now works at a think tank", "same-sentence", "said", "",
       "leading_cue")]),
    ("said, then a small-letter title before the name", "“We won,” said former Gov. Bill Richardson.",
     [("We won", "direct", "former Gov. Bill Richardson", "Bill Richardson", "former Gov.", "same-sentence", "said",
       "", "trailing_cue")]),
    ("time words between the speaker and the cue", "Senator Dianne Feinstein last week said the bill was dead.",
     [("the bill was dead", "indirect", "Senator Dianne Feinstein", "Dianne Feinstein", "Senator", "same-sentence",
       "said", "", "leading_cue")]),
    ("parenthesis after an abbreviation does not split the speaker",
     "Rep. Elijah Cummings (D-Md.), chair of the Platform Committee, said that it was fine.",
     [("that it was fine", "indirect", "Rep. Elijah Cummings (D-Md.), chair of the Platform Committee",
       "Elijah Cummings", "Rep., chair of the Platform Committee", "same-sentence", "said", "", "leading_cue")]),
    ("content on both sides of a parenthetical cue", "For black voters, he said, their experience was different.",
     [("For black voters", "indirect", "he", "", "", "none", "said", "", "trailing_cue"),
      ("their experience was different", "indirect", "he", "", "", "none", "said", "", "trailing_cue")]),
    ("said so", "The minister claimed that talks had failed, and the spokesman said so.",
     [("that talks had failed", "indirect", "The minister", "", "minister", "same-sentence", "claimed", "",
       "leading_cue")]),
    ("two apostrophes are a double quote mark (NYT)", "''We will stay,'' the mayor said.",
     [("We will stay", "direct", "the mayor", "", "mayor", "same-sentence", "said", "", "trailing_cue")]),
    ("backticks open a quote that two apostrophes close", "``We will stay,'' the mayor said.",
     [("We will stay", "direct", "the mayor", "", "mayor", "same-sentence", "said", "", "trailing_cue")]),
    ("two apostrophes around a partial quote", "The mayor called the plan ''a disaster'' on Monday.",
     [("the plan ''a disaster'' on Monday", "partial", "The mayor", "", "mayor", "same-sentence", "called", "",
       "leading_cue")]),
    ("a plural possessive apostrophe is no quote mark", "The workers' union said it would strike.",
     [("it would strike", "indirect", "The workers' union", "workers' union", "", "same-sentence", "said", "",
       "leading_cue")]),
    ("a participle after an object takes the sentence subject",
     "Clinton responded to the question on Facebook writing, “Yes, I will.”",
     [("Yes, I will.", "direct", "Clinton", "Clinton", "", "same-sentence", "writing", "", "leading_cue")]),
    ("a quote signed after a dash", "“We will stay in Homs.” ― Abu Rami",
     [("We will stay in Homs.", "direct", "Abu Rami", "Abu Rami", "", "same-sentence", "―", "", "signed_quote")]),
    ("a ” typed for “ at the paragraph start", "The fighters spoke.\n\n”We will stay.” ― Abu Rami",
     [("We will stay.", "direct", "Abu Rami", "Abu Rami", "", "same-sentence", "―", "", "signed_quote")]),
    ("a quote resumed after the cue and a time phrase",
     "“We will hold,” the commander said on Monday, “and we will win.”",
     [("We will hold", "direct", "the commander", "", "commander", "same-sentence", "said", "", "trailing_cue"),
      ("and we will win.", "direct", "the commander", "", "commander", "same-sentence", "said", "", "trailing_cue")]),
    ("a quoted title in an opening adverbial is no content",
     "On “Face the Nation,” the senator said the vote was close.",
     [("the vote was close", "indirect", "the senator", "", "senator", "same-sentence", "said", "", "leading_cue")]),
    ("a participle ends the speaker after the cue", "“We won,” said Abu Rami, smiling at the crowd.",
     [("We won", "direct", "Abu Rami", "Abu Rami", "", "same-sentence", "said", "", "trailing_cue")]),
    ("a cue after 'and' keeps the speaker", "The minister denied the report and said talks would continue.",
     [("the report", "indirect", "The minister", "", "minister", "same-sentence", "denied", "", "leading_cue"),
      ("talks would continue", "indirect", "The minister", "", "minister", "same-sentence", "said", "",
       "added_clause")]),
    ("a headline in title case", "Army Retakes Homs District, State Television Says",
     [("Army Retakes Homs District", "indirect", "State Television", "State Television", "", "same-sentence",
       "Says", "", "trailing_cue")]),
    ("transcript turns, one per paragraph", "WALLACE: Will you attend?\n\nPENCE: I will not. Nobody will.",
     [("Will you attend?", "indirect", "WALLACE", "WALLACE", "", "same-sentence", ":", "", "transcript_turn"),
      ("I will not. Nobody will.", "indirect", "PENCE", "PENCE", "", "same-sentence", ":", "", "transcript_turn")]),
    ("a label like UPDATE is no speaker", "UPDATE: The army said the town had fallen.",
     [("the town had fallen", "indirect", "The army", "army", "", "same-sentence", "said", "", "leading_cue")]),
    ("curly quotes nested in straight ones", '"He asked me: “Will you stay?” I said no," the mayor said.',
     [("He asked me: “Will you stay?” I said no", "direct", "the mayor", "", "mayor", "same-sentence", "said",
       "", "trailing_cue")]),
    ("a time phrase between the cue and 'that'", "Trump tweeted in the early hours that the debate was rigged.",
     [("that the debate was rigged", "indirect", "Trump", "Trump", "", "same-sentence", "tweeted", "", "leading_cue")]),
    ("a dateline is no content, a time after the cue is skipped",
     "WASHINGTON (AP) ― The vote was close, lawmakers said Friday afternoon.",
     [("The vote was close", "indirect", "lawmakers", "", "lawmakers", "same-sentence", "said", "", "trailing_cue")]),
    ("initials after a title and a party in brackets stay in the speaker",
     "“We won,” said Rep. G.K. Butterfield (D-N.C.), head of the caucus.",
     [("We won", "direct", "Rep. G.K. Butterfield (D-N.C.), head of the caucus", "G.K. Butterfield",
       "Rep., head of the caucus", "same-sentence", "said", "", "trailing_cue")]),
    ("CLAUSE, X said and a short adverbial", "Millions could be displaced, Obama said in his interview.",
     [("Millions could be displaced", "indirect", "Obama", "Obama", "", "same-sentence", "said", "", "trailing_cue")]),
    ("a second statement after ', and' has its own speaker",
     "Obama stressed that the reforms were not complete, and rights groups warned that the army kept its power.",
     [("that the reforms were not complete", "indirect", "Obama", "Obama", "", "same-sentence", "stressed", "",
       "leading_cue"),
      ("that the army kept its power", "indirect", "rights groups", "", "rights groups", "same-sentence", "warned",
       "", "leading_cue")]),
    ("a pronoun and a verb are no speaker", "They had guns at the ready, and they made plans to build bunkers.", []),
    ("a pronoun and a name are one speaker", "He and his lawyer said the case was closed.",
     [("the case was closed", "indirect", "He and his lawyer", "", "He and his lawyer", "same-sentence", "said",
       "", "leading_cue")]),
    ("a belief in a clause of its own after the reported words",
     "The mayor claimed that taxes were low, although he refused to release the budget.",
     [("that taxes were low", "indirect", "The mayor", "", "mayor", "same-sentence", "claimed", "", "leading_cue"),
      ("to release the budget", "indirect", "he", "", "mayor", "pronoun", "refused", "", "leading_cue")]),
    ("a programme's title after 'told' is no content",
     "Sanders told MSNBC's “Morning Joe” that nobody doubted her.",
     [("that nobody doubted her", "indirect", "Sanders", "Sanders", "", "same-sentence", "told", "", "leading_cue")]),
    ("a dash between spaces is no part of a speaker",
     "In normal times -- with some grounding in history -- a reader would now ask: “What?”",
     [("What?", "direct", "a reader", "", "reader", "same-sentence", "would now ask", "", "leading_cue")]),
    ("inverted 'Said X,' before the quote",
     "Said Dorothy Poynter, who grew up with Ali, “We were all so proud of him.”",
     [("We were all so proud of him.", "direct", "Dorothy Poynter, who grew up with Ali", "Dorothy Poynter", "",
       "same-sentence", "Said", "", "inverted_cue")]),
    ("a sentence-initial 'Said' with no quote is no cue", "Said Ahmed left Homs on Monday.", []),
    ("a quote between dashes is a statement of its own",
     "Biden suggested Trump admired brutal leaders - “He would have loved Stalin,” Biden said twice - and left.",
     [("Trump admired brutal leaders", "indirect", "Biden", "Biden", "", "same-sentence", "suggested", "",
       "leading_cue"),
      ("He would have loved Stalin", "direct", "Biden", "Biden", "", "same-sentence", "said", "", "trailing_cue")]),
    ("a content stops before ', but he ...'", "The minister said the talks had failed, but he would keep trying.",
     [("the talks had failed", "indirect", "The minister", "", "minister", "same-sentence", "said", "",
       "leading_cue")]),
    ("a participle cue takes the subject after an opening participial phrase",
     "Speaking at a town hall in Salem, Trump went after Bush, calling him “a total stiff.”",
     [("him “a total stiff.”", "partial", "Trump", "Trump", "", "same-sentence", "calling", "", "added_clause")]),
    ("a participle cue takes the subject after a dateline",
     "Washington (AFP) – Clinton took a swipe at Trump, saying that his comments did harm.",
     [("that his comments did harm", "indirect", "Clinton", "Clinton", "", "same-sentence", "saying", "",
       "added_clause")]),
    ("a cue word right before a cue is a noun", "An early tweet said the vote was rigged.",
     [("the vote was rigged", "indirect", "An early tweet", "", "early tweet", "same-sentence", "said", "",
       "leading_cue")]),
    ("a contracted pronoun is the pronoun", "“We won,” said the mayor. He’s repeatedly said the plan would fail.",
     [("We won", "direct", "the mayor", "", "mayor", "same-sentence", "said", "", "trailing_cue"),
      ("the plan would fail", "indirect", "He", "", "mayor", "pronoun", "repeatedly said", "", "leading_cue")]),
    ("a short sentence with a cue joins the one before only when nothing but a name or time follows the cue",
     "“I can beat her,” the email read. It stated that Trump is weak.",
     [("I can beat her", "direct", "the email", "", "email", "same-sentence", "read", "", "trailing_cue"),
      ("that Trump is weak", "indirect", "It", "", "email", "pronoun", "stated", "", "leading_cue")]),
    ("a programme's title between 'said on' and 'that' is no content",
     "Sanders said on ABC’s “This Week” that he would “take a look” at it.",
     [("that he would “take a look” at it", "partial", "Sanders", "Sanders", "", "same-sentence", "said", "",
       "leading_cue")]),
    ("answered is a cue", "“Denver,” he answered.",
     [("Denver", "direct", "he", "", "", "none", "answered", "", "trailing_cue")]),
    ("a programme told is an addressee, not content", "“I had a bad earpiece,” Trump told NBC’s “Today” on Monday.",
     [("I had a bad earpiece", "direct", "Trump", "Trump", "", "same-sentence", "told", "", "trailing_cue")]),
    ("an opening time adverbial with a quoted title is no content",
     "Sunday on CNN’s “GPS,” Obama said he expected Trump to lose.",
     [("he expected Trump to lose", "indirect", "Obama", "Obama", "", "same-sentence", "said", "", "leading_cue")]),
    ("a colon after a subject is the cue when the unit has none",
     "The harbour board had this to offer about the plan: “It will not work.”",
     [("It will not work.", "direct", "The harbour board", "", "harbour board", "same-sentence", ":", "",
       "colon_cue")]),
    ("a possessive and a cue noun attribute the that-clause",
     "Her warning that the bridge would close went unheeded.",
     [("that the bridge would close went unheeded", "indirect", "Her", "", "", "same-sentence", "warning", "",
       "cue_noun")]),
    ("a passive cue names nobody: the subject and the infinitive are the content",
     "The commander is believed to be hiding in the hills.",
     [("The commander", "indirect", "", "", "", "none", "is believed", "", "sourceless"),
      ("to be hiding in the hills", "indirect", "", "", "", "none", "is believed", "", "sourceless")]),
    ("'as X reported' after a clause attributes the clause", "Turnout was low, as the commission reported.",
     [("Turnout was low", "indirect", "the commission", "commission", "", "same-sentence", "reported", "",
       "as_reported")]),
    ("a passive with its speaker after by", "The ceasefire plan is backed by the unions.",
     [("The ceasefire plan", "indirect", "the unions", "", "unions", "same-sentence", "is backed by", "",
       "passive_by")]),
    ("a relative 'that' after a phrase is no content",
     "“We will win,” the general told reporters after the meeting that was held in Homs.",
     [("We will win", "direct", "the general", "", "general", "same-sentence", "told", "", "trailing_cue")]),
]


def _rows(text: str) -> list[tuple]:
    found = quotes.extract(from_text(text))
    return [(r["text"],) + tuple(r[f] for f in FIELDS) for _, r in found.iterrows()]


@pytest.mark.parametrize("case,text,expected", RULES, ids=[r[0] for r in RULES])
def test_quote_golden_rules(case, text, expected):
    assert _rows(text) == expected


def test_every_rule_has_a_golden_row():
    named = {rule.__name__.removeprefix("rule_") for rule in rules.RULES + rules.CUE_RULES
             if rule.__name__.startswith("rule_") and rule is not rules.rule_cues}
    named |= {"transcript_turn", "colon_intro", "continuation", "unattributed_quote"}
    exercised = {row[-1] for _, _, expected in RULES for row in expected} | {row[-1] for row in SEED_QUOTES}
    assert named - exercised == set()


def test_each_rule_has_a_docstring_with_an_example():
    for rule in rules.RULES + rules.CUE_RULES:
        assert rule.__doc__ and ("->" in rule.__doc__ or rule is rules.rule_cues), rule.__name__


def test_a_quote_after_a_participle_statement_goes_on_with_the_direct_quote():
    found = quotes.extract(from_text("“We hold the city,” he said, referring to Homs. “We will not leave.”"))
    assert list(zip(found["text"], found["quote_id"])) == [("We hold the city", 1), ("We will not leave.", 1),
                                                           ("Homs", 2)]


def test_a_quote_split_by_its_cue_is_one_statement():
    found = quotes.extract(from_text("“We won,” she said. “They lost.”"))
    assert list(found["text"]) == ["We won", "They lost."]
    assert list(found["quote_id"]) == [1, 1]


UNBALANCED = [
    "We will win,” the commander said. ” ” And ”then” more.",
    "He said “" + "«„‘“" * 50 + "and stopped.",
    "“He said “they said “we " * 40,
    '"' * 31 + " a " + "“" * 7,
    "»«»«“”„“\x01\x02 said the man.",
]


@pytest.mark.parametrize("text", UNBALANCED, ids=range(len(UNBALANCED)))
def test_unbalanced_quote_marks_never_raise_and_stay_in_their_paragraph(text):
    article = from_text(text + "\n\nThe army said the town was quiet.")
    found = quotes.extract(article)
    last = found.iloc[-1]
    assert (last["text"], last["speaker"]) == ("the town was quiet", "The army")
    for _, row in found.iloc[:-1].iterrows():
        assert row["end"] <= len(text)


def test_nested_openers_give_one_quote_not_one_per_mark():
    found = quotes.extract(from_text("“He said “they said “we " * 400))
    assert len(found) == 1


# ---- the table ----------------------------------------------------------------------------------

def test_columns_and_types(seed_quotes):
    assert list(seed_quotes.columns) == quotes.QUOTE_COLUMNS
    assert str(seed_quotes["start"].dtype) == "int64" and str(seed_quotes["speaker_start"].dtype) == "Int64"
    assert set(seed_quotes["kind"]) <= {"direct", "partial", "indirect"}
    assert set(seed_quotes["resolved_by"]) <= {"same-sentence", "pronoun", "continuation", "none"}


def test_empty_table_has_the_columns():
    found = quotes.extract(from_text("Nothing was reported today."))
    assert found.empty and list(found.columns) == quotes.QUOTE_COLUMNS


@pytest.mark.parametrize("source", ["seed"] + [r[1] for r in RULES])
def test_offsets_slice_the_article_text(source, seed):
    article = seed if source == "seed" else from_text(source)
    found = quotes.extract(article)
    for _, row in found.iterrows():
        assert article.text[row["start"]:row["end"]] == row["text"]
        if row["speaker"]:
            assert article.text[row["speaker_start"]:row["speaker_end"]] == row["speaker"]
        if row["cue"]:
            assert article.text[row["cue_start"]:row["cue_end"]] == row["cue"]


def test_mark_brackets_each_quote(seed, seed_quotes):
    marked = quotes.mark(seed, seed_quotes)
    assert "[The armed forces have restored security" in marked and "]{4: state television}" in marked


# ---- the command line ---------------------------------------------------------------------------

def test_cli_quotes_csv(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text("“We will win,” an activist told AFP via the internet.\n", encoding="utf-8")
    assert main(["quotes", str(path), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(",")[:4] == ["article_id", "quote_id", "kind", "text"]
    assert len(lines) == 2 and "We will win" in lines[1] and "via the internet" in lines[1]


def test_cli_quotes_jsonl_corpus_keeps_ids(tmp_path, capsys):
    path = tmp_path / "corpus.jsonl"
    rows = [{"id": "a1", "text": "The mayor says the water is safe."},
            {"id": "b2", "text": "“We won,” said the governor."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["quotes", str(path), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["article_id"], r["text"], r["speaker"]) for r in records] == [
        ("a1", "the water is safe", "The mayor"), ("b2", "We won", "the governor")]


# ---- the PolNeAR scorer -------------------------------------------------------------------------

def _polnear_record(text: str, attributions: list[dict], canonical: bool = True) -> dict:
    def fragment(piece: str) -> list[dict]:
        if not piece:
            return []
        start = text.index(piece)
        return [{"start": start, "end": start + len(piece), "text": piece}]

    return {"doc_id": "made-up", "canonical": canonical, "text": text, "attributions": [
        {"id": f"E{n}", "type": "Attribution", "source": fragment(s), "cue": fragment(c), "content": fragment(q)}
        for n, (s, c, q) in enumerate(attributions, start=1)]}


def test_eval_quotes_on_a_made_up_polnear_file(tmp_path, capsys):
    text = ("“We will win,” the commander said.\n\nThe mayor says the water is safe.\n\n"
            "Critics were thrilled with the plan.")
    gold = [("the commander", "said", "“We will win,”"), ("The mayor", "says", "the water is safe"),
            ("Critics", "were thrilled with", "the plan")]  # a belief with no listed cue: missed
    path = tmp_path / "dev.jsonl"
    lines = [_polnear_record(text, gold), _polnear_record("Ignored.", [], canonical=False)]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    assert main(["eval", "quotes", "--polnear", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] == 1
    every, quoted = result["all"], result["quoted"]
    assert every["attribution"]["gold"] == 3 and every["attribution"]["correct"] == 2
    assert every["attribution"]["precision"] == 1.0 and every["attribution"]["recall"] == 0.6667
    assert every["spans"]["source"]["correct"] == 2 and every["spans"]["source"]["gold"] == 3
    assert every["spans"]["cue"]["correct"] == 2
    assert every["spans"]["content"]["correct"] == 2  # quote marks and the comma are trimmed
    assert every["attribution"]["speaker_accuracy_exact"] == 1.0
    assert quoted["attribution"]["gold"] == 1 and quoted["attribution"]["f1"] == 1.0


def test_eval_quotes_counts_two_apostrophes_as_a_quotation_mark(tmp_path):
    text = "''We will win,'' the commander said.\n\nThe mayor says the water is safe."
    gold = [("the commander", "said", "''We will win,''"), ("The mayor", "says", "the water is safe")]
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(_polnear_record(text, gold)) + "\n", encoding="utf-8")
    result = evaluation.evaluate(path)
    assert evaluation.gold_statements(_polnear_record(text, gold))[0].quoted
    assert not evaluation.gold_statements(_polnear_record(text, gold))[1].quoted
    assert result["quoted"]["attribution"]["gold"] == 1 and result["quoted"]["attribution"]["f1"] == 1.0
    assert result["quoted"]["spans"]["content"]["correct"] == 1  # the two apostrophes are trimmed


def test_eval_quotes_counts_a_wrong_speaker(tmp_path):
    text = "“We will win,” the commander said."
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(_polnear_record(text, [("the commander said", "said", "We will win")])) + "\n",
                    encoding="utf-8")
    result = evaluation.evaluate(path)
    assert result["all"]["attribution"]["correct"] == 1
    assert result["all"]["attribution"]["speaker_accuracy_exact"] == 0.0
    assert result["all"]["attribution"]["speaker_accuracy_overlap"] == 1.0


def test_eval_quotes_rejects_a_bad_file(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "no attributions"}\n', encoding="utf-8")
    assert main(["eval", "quotes", "--polnear", str(path)]) == 2
    assert "attributions" in capsys.readouterr().err


# Measured on PolNeAR dev (84 canonical articles) when docs/evaluation.md was written.
DEV_FLOOR = 0.02
DEV_MEASURED = {
    ("all", "spans", "source"): 0.6476, ("all", "spans", "cue"): 0.6357, ("all", "spans", "content"): 0.5645,
    ("all", "attribution", "f1"): 0.7202, ("quoted", "attribution", "f1"): 0.9078,
    ("quoted", "attribution", "speaker_accuracy_exact"): 0.8636, ("quoted", "spans", "source"): 0.8109,
}


def test_polnear_dev_numbers_do_not_drop(shared_eval):
    path = shared_eval / "polnear" / "dev.jsonl"
    if not path.is_file():
        pytest.skip("PolNeAR dev is not present")
    result = evaluation.evaluate(path)
    assert result["documents"] == 84
    for (subset, kind, key), measured in DEV_MEASURED.items():
        value = result[subset][kind][key]
        value = value["f1"] if isinstance(value, dict) else value
        assert value >= measured - DEV_FLOOR, (subset, kind, key, value)


# ---- the data files are validated when loaded -----------------------------------------------------
CUES_HEADER = "# comment\nlemma,forms,kind,addressee,inverted,participles\n"
BAD_DATA = [
    (lexicon.read_cues, CUES_HEADER + "say,say said,speech,,,\nshout,shouted,speach,,,\n",
     "cues.csv line 4: unknown kind 'speach'"),
    (lexicon.read_cues, CUES_HEADER + "say,say said saying,speech,,,sayin\n",
     "cues.csv line 3: participles names 'sayin', which is not in forms"),
    (lexicon.read_cues, CUES_HEADER + "tell,told,speech,maybe,,\n", "cues.csv line 3: addressee must be"),
    (lexicon.read_cues, CUES_HEADER + ",told,speech,,,\n", "cues.csv line 3: missing lemma"),
    (lexicon.read_cues, CUES_HEADER.replace("participles", "participles,prepositions") + "ask,asked,speech,,,,about-\n",
     "cues.csv line 3: prepositions must be single words"),
    (lexicon.read_words, "word,class\nal-,name_prefix\nabu,name_prefix\n",
     "word_classes.csv line 3: a name_prefix ends with '-', not 'abu'"),
    (lexicon.read_words, "word,class\nhe,pronoun\nthe,determinr\n", "word_classes.csv line 3: unknown class 'determinr'"),
    (lexicon.read_channels, "phrase,medium\nby phone,telephone\nby fax,fax\n",
     "channels.csv line 3: unknown medium 'fax'"),
]


@pytest.mark.parametrize("reader,content,message", BAD_DATA, ids=[m for _, _, m in BAD_DATA])
def test_a_bad_data_file_names_the_file_and_line(reader, content, message):
    with pytest.raises(lexicon.LexiconError, match="^" + re.escape(message)):
        reader(content)


def test_the_shipped_data_files_are_valid():
    data = lexicon.lexicon()
    forms = [form for entries in data.cues.values() for form in entries]
    assert all(form.words[0].endswith("ing") for form in forms if form.participle)
    assert {form.lemma for form in forms if form.addressee} == {"tell", "assure", "warn"}
    assert {" ".join(form.words) for form in forms if form.inverted} == {"said", "says"}
    assert all(data.words[name] for name in lexicon.WORD_CLASSES)  # no class is left empty


ANTECEDENTS = [
    # a person pronoun skips the institutions before it, and records the statement it takes
    ("An officer said the town fell. The ministry said it was quiet. “We won,” he said.", [None, None, 1]),
    ("The ministry said the town fell. “We won,” he said.", [None, None]),  # no person before: unresolved
    ("The ministry said the town fell. “We won,” they said.", [None, 1]),
    ("“We won,” the officer said.\n\n“They lost.”", [None, 1]),  # a continuation
]


@pytest.mark.parametrize("text,expected", ANTECEDENTS, ids=[t for t, _ in ANTECEDENTS])
def test_pronouns_and_continuations_name_their_antecedent(text, expected):
    found = quotes.extract(from_text(text))
    assert [None if value is pd.NA else value for value in found["antecedent_quote_id"]] == expected
    assert str(found["antecedent_quote_id"].dtype) == "Int64"
