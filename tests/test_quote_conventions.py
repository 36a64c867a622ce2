"""Quote conventions of other countries: single primary marks (British and Commonwealth style, ‘…’ or
'…', with "…" nested inside) read as quotes, told from apostrophes, in any layout.

Every sentence and article here is made up. A golden row is written once as a template and read in
four styles: `<` `>` are the primary marks and `{` `}` the nested ones; ’ is an apostrophe (‘ one
typed the wrong way round). British style puts single marks first, American style double marks
first, and a straight style types every mark straight. All four must give the same rows, and the
American ones are what presslens read before single primary marks were known.
"""
from __future__ import annotations

import pytest

from presslens import from_text, quotes, tokenize
from presslens.quotes.marks import DOUBLE, SINGLE, _single_spans, convention, mark_view, single_quote_marks

STYLES = {
    "british curly": str.maketrans({"<": "‘", ">": "’", "{": "“", "}": "”"}),
    "british straight": str.maketrans({"<": "'", ">": "'", "{": '"', "}": '"', "’": "'", "‘": "'"}),
    "american curly": str.maketrans({"<": "“", ">": "”", "{": "‘", "}": "’"}),
    "american straight": str.maketrans({"<": '"', ">": '"', "{": "'", "}": "'", "’": "'", "‘": "'"}),
}

# (rule, template, expected rows as (text, kind, speaker name or role)[, {style: reason} of known misses])
GOLDEN = [
    ("single primary marks, a quote goes on after its cue",
     "The mayor said the city would recover. <We will rebuild every home,> she told reporters. <It will take years.>",
     [("the city would recover", "indirect", "mayor"), ("We will rebuild every home", "direct", "mayor"),
      ("It will take years.", "direct", "mayor")]),
    ("double marks nest inside single ones",
     "<They called it {a disgrace} and walked out,> said the union leader, Maria Costa.",
     [("They called it {a disgrace} and walked out", "direct", "Maria Costa")]),
    ("apostrophe: possessive ’s",
     "<Assad’s army will not stop at the river,> the students’ union said.",
     [("Assad’s army will not stop at the river", "direct", "students’ union")]),
    ("apostrophe: s’ before a space is a possessive, inside a quote",
     "<The players’ wages must be paid by Friday,> said Dan Reilly, the club’s captain.",
     [("The players’ wages must be paid by Friday", "direct", "Dan Reilly")]),
    ("apostrophe: a name in s takes a bare ’",
     "<Jesus’ words still matter to us,> the vicar told the congregation.",
     [("Jesus’ words still matter to us", "direct", "vicar")]),
    ("apostrophe: contractions and ’em",
     "<We don’t want ’em back and we won’t pay for it,> the landlord said.",
     [("We don’t want ’em back and we won’t pay for it", "direct", "landlord")]),
    ("apostrophe: rock ’n’ roll",
     "<It’s only rock ’n’ roll, but the town loves it,> the festival’s organiser said.",
     [("It’s only rock ’n’ roll, but the town loves it", "direct", "festival’s organiser")]),
    ("apostrophe: ’tis at a quote start",
     "<’Tis the season for giving,> said Nora Quill, who runs the food bank.",
     [("’Tis the season for giving", "direct", "Nora Quill")],
     {"british straight": "two straight marks side by side ('') read as one double mark"}),
    ("apostrophe: a decade",
     "<Back in the ’90s we had nothing,> said Joan Pike, a retired miner.",
     [("Back in the ’90s we had nothing", "direct", "Joan Pike")]),
    ("apostrophe: a decade typed with an opening mark",
     "<We have not seen floods like this since the ‘80s,> a farmer said.",
     [("We have not seen floods like this since the ‘80s", "direct", "farmer")]),
    ("apostrophe: elisions o’clock and O’Brien",
     "<The last bus leaves at nine o’clock,> said Sean O’Brien.",
     [("The last bus leaves at nine o’clock", "direct", "Sean O’Brien")]),
    ("a closing mark before the punctuation (British logical punctuation)",
     "<It was a disaster>, the coach said after the match.",
     [("It was a disaster", "direct", "coach")]),
    ("a quote ended by a question mark, then a lower-case cue",
     "<Are we ready for another storm?> asked Ellen Park, the harbour master.",
     [("Are we ready for another storm?", "direct", "Ellen Park")]),
    ("a quote after a colon",
     "The minister told parliament: <We will not give in to threats.>",
     [("We will not give in to threats.", "direct", "minister")]),
    ("quoted words inside reported speech are a partial quote",
     "The council said the plan was <a step too far> and would be dropped.",
     [("the plan was <a step too far> and would be dropped", "partial", "council")]),
    ("an opening mark after a dash",
     "The verdict came late. Her lawyer was blunt — <we will appeal,> he said.",
     [("we will appeal", "direct", "")]),
    ("s’ before a space ends no quote",
     "<They are all heroes> he said of the crew.",
     [("They are all heroes", "direct", "")],
     {"british curly": "a closing mark after s and before a space reads as a plural possessive",
      "british straight": "a closing mark after s and before a space reads as a plural possessive"}),
]


def render(template: str, style: str) -> str:
    return template.translate(STYLES[style])


def rows(text: str) -> list[tuple[str, str, str]]:
    table = quotes.extract(from_text(text))
    return [(r.text, r.kind, r.speaker_name or r.speaker_role) for r in table.itertuples()]


def _golden_params():
    for rule, template, expected, *misses in GOLDEN:
        misses = misses[0] if misses else {}
        for style in STYLES:
            marks = [pytest.mark.xfail(reason=misses[style], strict=True)] if style in misses else []
            yield pytest.param(template, expected, style, id=f"{rule} [{style}]", marks=marks)


@pytest.mark.parametrize("template,expected,style", list(_golden_params()))
def test_golden_rows_in_every_style(template, expected, style):
    assert rows(render(template, style)) == [(render(text, style), kind, render(who, style)) for text, kind, who in expected]


# -- telling apostrophes from quote marks: the text as the pairing reads it ----------------------

VIEWS = [
    ("an opener at a word start, a closer before punctuation", "‘We will,’ she said.", "“We will,” she said."),
    ("straight marks", "'We will,' she said.", "“We will,” she said."),
    ("apostrophes inside words", "‘Don’t call O’Brien,’ he said.", "“Don’t call O’Brien,” he said."),
    ("s’ before a space", "‘The boys’ coach left.’", "“The boys’ coach left.”"),
    ("s’ at the end of a quote before punctuation", "‘Ask the Joneses’, he said.", "“Ask the Joneses”, he said."),
    ("rock ’n’ roll", "‘Rock ’n’ roll,’ he said.", "“Rock ’n’ roll,” he said."),
    ("straight rock 'n' roll", "'Rock 'n' roll,' he said.", "“Rock ’n’ roll,” he said."),
    ("decades", "‘In the ’90s and ‘80s and '70s,’ she said.", "“In the ’90s and ‘80s and ’70s,” she said."),
    ("a year is no decade", "‘2012 was hard,’ she said.", "“2012 was hard,” she said."),
    ("’em and ’tis", "‘Tell ’em ’tis over,’ she said.", "“Tell ’em ’tis over,” she said."),
    ("a feet mark", "'It is a 6' wall,' he said.", "“It is a 6’ wall,” he said."),
    ("nested double marks read as text", "‘It was a “joke”,’ he said.", "“It was a ’joke’,” he said."),
    ("a closer glued to the next sentence", "‘Go.’The end.", "“Go.”The end."),
    ("a straight mark glued between sentences may open or close", "'Go.'But not yet.'", "“Go.\"But not yet.”"),
    ("an opener after a bracket", "(‘no’) was the answer", "(“no”) was the answer"),
]


@pytest.mark.parametrize("text,view", [(t, v) for _, t, v in VIEWS], ids=[rule for rule, _, _ in VIEWS])
def test_single_quote_marks_are_told_from_apostrophes(text, view):
    assert mark_view(text, dict(single_quote_marks(text, 0, len(text)))) == view


CONVENTIONS = [
    ("single marks primary", "‘We will,’ she said. ‘Soon.’", SINGLE),
    ("straight single marks primary", "'We will,' she said.", SINGLE),
    ("single marks nested in double ones", "“They call it ‘madness’,” she said.", DOUBLE),
    ("double marks nested in single ones", "‘They call it “madness”,’ she said.", SINGLE),
    ("apostrophes only", "The students’ union said Assad’s men don’t care.", DOUBLE),
    ("a headline in single marks, a body in double ones",
     "Mayor: ‘No deal’\n\n“We walk away,” she said. “It is over,” he said.", DOUBLE),
    ("a headline in single marks is no convention", "Mayor says ‘no deal’ on budget\n\nThe talks ended.", DOUBLE),
    ("a heading in capitals is no convention", "The talks ended.\n\nMAYOR: ‘NO DEAL.’\n\nShe left.", DOUBLE),
    ("a single sentence is no headline", "‘No deal,’ the mayor said.", SINGLE),
    ("a headline run into the story", "Mayor says ‘no deal’ on budget. The talks ended.", DOUBLE),
    ("single marks inside the answers of a Q&A interview nest",
     "Q: What did they say?\n\nThey told us, ‘Leave now.’ We left.", DOUBLE),
    ("a tie stays double", "He said ‘no’. She said “yes”.", DOUBLE),
    ("a quote over paragraphs", "‘We will.\n\n‘We must.\n\n‘Now,’ she said. He said “fine”.", SINGLE),
]


@pytest.mark.parametrize("text,expected", [(t, e) for _, t, e in CONVENTIONS], ids=[r for r, _, _ in CONVENTIONS])
def test_convention_of_an_article(text, expected):
    spans, sentences = tokenize.paragraphs(text), tokenize.sentence_spans(text)
    headline_end = sentences[0][2] if len(sentences) > 1 else 0
    assert convention(text, spans, _single_spans(text, spans)[0], headline_end) == expected


# -- sentences: a quote ended by . ? or ! and a lower-case reporting clause is one sentence ---------

SENTENCES = [
    ("full stop inside, lower-case cue", "‘We are ready.’ he said. The team left.",
     ["‘We are ready.’ he said.", "The team left."]),
    ("question mark inside", "‘Are you ready?’ she asked the crowd. Nobody answered.",
     ["‘Are you ready?’ she asked the crowd.", "Nobody answered."]),
    ("exclamation mark inside", "‘Go home!’ the officer shouted. They did.",
     ["‘Go home!’ the officer shouted.", "They did."]),
    ("straight marks", "'We are ready.' he said. The team left.", ["'We are ready.' he said.", "The team left."]),
    ("a capital after the quote starts a sentence", "‘We are ready.’ The team left.",
     ["‘We are ready.’", "The team left."]),
    ("an apostrophe is no quote end", "The players’ union met. ‘No,’ it said.",
     ["The players’ union met.", "‘No,’ it said."]),
    ("a quote over paragraphs", "‘We will. We must.\n\n‘Now,’ she said.", ["‘We will.", "We must.", "‘Now,’ she said."]),
]


@pytest.mark.parametrize("text,expected", [(t, e) for _, t, e in SENTENCES], ids=[r for r, _, _ in SENTENCES])
def test_sentences_of_single_mark_quotes(text, expected):
    assert list(tokenize.sentences(from_text(text))["text"]) == expected


# -- whole articles in British style: every statement, speaker and kind ----------------------------

ARTICLES = {
    "british curly, a quote over paragraphs": (
        "Flood defences in Kelbridge will be rebuilt by the spring, the council said on Monday.\n\n"
        "‘We have learned a hard lesson. The old walls were built for a different climate.\n\n"
        "‘The new ones will be higher and they will be finished before the winter,’ said Aileen Marsh, "
        "the council’s chief engineer.\n\n"
        "Residents were not convinced. ‘We’ve heard it all before,’ said Ray Doyle, who runs the village’s "
        "bakery. ‘They said the same thing in the ’90s.’\n\n"
        "The Environment Agency said it would publish its own report in June."),
    "british straight, a colon before a quote over paragraphs": (
        "LONDON (Reuters) - Rail strikes will end next week after months of talks.\n\n"
        "Speaking in the Commons, Priya Lal told MPs: 'This is a fair settlement. It was never a \"surrender\", "
        "whatever the opposition says.\n\n"
        "'The drivers' union has accepted it and the trains will run on Monday.'\n\n"
        "The opposition's transport spokesman, Gareth Bell, said the deal was 'a blank cheque'.\n\n"
        "'Passengers will pay for this,' he said. 'They always do.'"),
    "british curly, byline, caption and advertisement lines": (
        "By Helen Ward, Health Correspondent\n\n"
        "Hospitals in the north-east are running out of beds, health officials said on Thursday.\n\n"
        "‘The pressure on our staff is enormous. Some nurses haven’t had a day off in a month.\n\n"
        "Advertisement\n\n"
        "‘We cannot go on like this,’ said Dr Amir Khan, a consultant at Tyneview General.\n\n"
        "Nurses at Tyneview General hospital. Photograph: Jan Kowal/PA\n\n"
        "The Department of Health said more money had been found. ‘We are investing in the workforce,’ "
        "a spokeswoman said."),
    "british mixed curly and straight marks": (
        "WELLINGTON (AFP) - New Zealand’s farmers said on Friday the drought was the worst in decades.\n\n"
        "‘The grass is gone,' said Tama Hohaia, who farms sheep near Masterton. 'We are feeding them hay.’\n\n"
        "Her neighbour, Kate Burns, said: 'It's the same everywhere. Nobody’s had rain like this since the ’80s.’"),
}

EXPECTED = {
    "british curly, a quote over paragraphs": [
        (1, "Flood defences in Kelbridge will be rebuilt by the spring", "indirect", "council"),
        (2, "We have learned a hard lesson. The old walls were built for a different climate.", "direct",
         "Aileen Marsh"),
        (2, "The new ones will be higher and they will be finished before the winter", "direct", "Aileen Marsh"),
        (3, "We’ve heard it all before", "direct", "Ray Doyle"),
        (3, "They said the same thing in the ’90s.", "direct", "Ray Doyle"),
        (4, "it would publish its own report in June", "indirect", "Environment Agency")],
    "british straight, a colon before a quote over paragraphs": [
        (1, 'This is a fair settlement. It was never a "surrender", whatever the opposition says.', "direct",
         "Priya Lal"),
        (1, "The drivers' union has accepted it and the trains will run on Monday.", "direct", "Priya Lal"),
        (2, "the deal was 'a blank cheque'", "partial", "Gareth Bell"),
        (3, "Passengers will pay for this", "direct", "Gareth Bell"),
        (3, "They always do.", "direct", "Gareth Bell")],
    "british curly, byline, caption and advertisement lines": [
        (1, "Hospitals in the north-east are running out of beds", "indirect", "health officials"),
        (2, "The pressure on our staff is enormous. Some nurses haven’t had a day off in a month.", "direct",
         "Amir Khan"),
        (2, "We cannot go on like this", "direct", "Amir Khan"),
        (3, "more money had been found", "indirect", "Department of Health"),
        (4, "We are investing in the workforce", "direct", "spokeswoman")],
    "british mixed curly and straight marks": [
        (1, "the drought was the worst in decades", "indirect", "New Zealand’s farmers"),
        (2, "The grass is gone", "direct", "Tama Hohaia"),
        (2, "We are feeding them hay.", "direct", "Tama Hohaia"),
        (3, "It's the same everywhere. Nobody’s had rain like this since the ’80s.", "direct", "Kate Burns")],
}


@pytest.mark.parametrize("name", list(ARTICLES))
def test_british_articles(name):
    table = quotes.extract(from_text(ARTICLES[name]))
    assert [(r.quote_id, r.text, r.kind, r.speaker_name or r.speaker_role) for r in table.itertuples()] \
        == EXPECTED[name]
