"""Quotes and attribution: every statement an article attributes to someone, and who said it.

`extract(article)` returns one row per attributed statement:

- **direct**: words inside the article's primary quote marks that stand as a whole utterance.
  The primary marks are double (straight, curly or guillemets; American style) unless the
  article's single-mark quotes outside double marks outnumber its double quotes outside single
  marks (British and Commonwealth style: ‘…’ or '…', straight and curly mixed); the marks of the
  other kind nest inside and stay part of the text. A single mark is a quote mark only where it
  opens at a word start (after a space, a dash, a bracket or a sentence end) or closes before a
  space or punctuation; apostrophes are not (Assad’s, don’t, O’Brien, o’clock, the students’ union,
  Jesus’ words, ’em, ’tis, rock ’n’ roll, the ’90s). A quote that runs over several paragraphs
  (each paragraph opens with a quote mark, only the last one closes) is one quote split into
  parts, one row per paragraph, sharing a `quote_id`, also across a line of the page between
  them ("Advertisement", a photo caption). A quote that is never closed ends at its paragraph end.
  „…“ (German) and »…« pair up; a “ that no word follows closes a quote; an opening mark inside an
  open quote stays part of it (so unbalanced marks cost linear time).
- **partial**: reported speech that contains quoted words (`regime forces hope to "cleanse the
  whole of Syria"`), or quoted words after a naming cue (`dubbed by rebels "the capital ..."`).
  `text` is the whole attributed content, quote marks included.
- **indirect**: reported speech without quote marks (`X said (that) ...`, `..., X said`,
  `according to X, ...`, `X said: ...`, `..., adding ...`), beliefs and intentions (`X fears ...`,
  `X declined to ...`), and the question of a sentence-initial `Asked if ...,` (no speaker).
  A bare pro-form (`denied it`, `said so`) is no statement. A passive without "by" or an
  impression names nobody (`The commander is believed to be hiding`, `It is understood that ...`,
  `The truce seems to hold`): the speaker is empty, `resolved_by` is `none`, and the content is
  the subject and what follows the cue (two parts), or only the clause after it.

Two layouts have no reporting verb: a quote signed after a dash (`“…” ― Sonya Herridge`, cue
"―") and a transcript turn (`PENCE: Well, ...`, a label in capitals at a paragraph start, cue
":"; the whole paragraph is the content). Their kind follows the quote marks like any other:
a turn inside quote marks is direct, one without them partial (when it holds quoted words) or indirect.

`text`, `start`, `end` give the content (without the enclosing quote marks of a direct quote,
and without a trailing comma); every offset indexes `Article.text` exactly.

Speakers. `speaker` is the mention as written next to the cue ("he", "state television",
"Homs-based activist Mahmud al-Lowz"), empty when the text names nobody. `speaker_name` and
`speaker_role` describe who it is after resolution, with this convention:

- a mention ending in a proper name: the name is the trailing run of capitalised words (with
  particles such as "al-"), the role is what comes before it, determiners dropped
  ("Homs-based activist Mahmud al-Lowz" -> role "Homs-based activist", name "Mahmud al-Lowz";
  "Brian Fallon, the campaign's press secretary" -> name "Brian Fallon", role "campaign's press
  secretary");
- an organisation or medium (its last word is an institution noun in `data/word_classes.csv`):
  the name is the mention without its determiner, the role is empty ("state television");
- any other description is a role with an empty name ("An army officer" -> role "army officer");
- a role with a name in apposition gives that name ("The mayor, Ana Ruiz" -> name "Ana Ruiz", role
  "mayor"); an honorific is no role ("Mr Beck" -> name "Beck"); a place after a role is no name ("a
  UN spokesman in Geneva" -> role only); a name before its affiliation keeps the affiliation as role
  ("Sergeant Ames of the Harbour Police" -> name "Ames", role "Sergeant, Harbour Police"); a later
  surname alone takes the one full name given earlier that ends with it ("Okafor" -> "Ngozi Okafor").

`resolved_by` says how the speaker was found: `same-sentence` (the cue links the mention,
including "X said:" before a quote), `pronoun` ("he added" takes the latest earlier speaker that
is not a pronoun), `continuation` (a paragraph that is only a quote continues the speaker of the
statement just before it) or `none`. `antecedent_quote_id` is the `quote_id` of the statement a
pronoun or continuation takes its speaker from (empty for the others), so that later stages group
by the real antecedent rather than by the row before.

`rule` names the rule that found the statement: a rule function of `presslens.quotes.rules`
without its `rule_` prefix (`trailing_cue`, `according_to`, ...), or one of the rules across units
in `presslens.quotes.discourse`: `transcript_turn`, `colon_intro` (a quote after "X said:"),
`continuation` and `unattributed_quote`. Every part of a statement carries its statement's rule.

`cue` is the reporting verb or phrase with its auxiliary or adverb ("also told", "according to");
the cue vocabulary is `data/cues.csv`, the channels ("via the internet", "in a statement") are
`data/channels.csv`, the word classes for speaker phrases are `data/word_classes.csv`.

The package, one module per job: `marks` (quote marks and their pairing), `lexicon` (the data files,
validated), `document` (an article's quotes, tokens and reading units), `cues`, `unit` (what the rules
read), `content` (content bounds), `speakers` (speaker phrases, names and roles), `rules` (the ordered
rules of one unit), `discourse` (continuations, turns, pronoun resolution).
"""
from __future__ import annotations

import bisect

import numpy as np
import pandas as pd

from .. import tokenize
from ..model import Article
from . import discourse
from .document import Document
from .lexicon import LexiconError

__all__ = ["QUOTE_COLUMNS", "LexiconError", "extract", "frame", "mark", "rows"]

QUOTE_COLUMNS = [
    "article_id", "quote_id", "kind", "text", "start", "end",
    "speaker", "speaker_start", "speaker_end", "speaker_name", "speaker_role", "resolved_by",
    "cue", "cue_start", "cue_end", "channel", "paragraph", "sentence", "rule", "antecedent_quote_id",
]


def extract(article: Article, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per quote (direct, partial or indirect) in `article`, columns `QUOTE_COLUMNS`.

    `sentences` is `presslens.tokenize.sentences(article)` (computed when not given). A statement
    whose content runs over several paragraphs gives one row per part, sharing a `quote_id`.
    """
    doc = tokenize.document(article) if sentences is None else tokenize.Document.from_table(article, sentences)
    return frame(rows(doc))


def rows(doc: tokenize.Document) -> dict[str, list]:
    """The quotes of one tokenized article as plain column lists (`QUOTE_COLUMNS`; None where `extract`
    has a missing value)."""
    article, sentences = doc.article, doc.columns
    statements = discourse.statements(Document(article, sentences))
    sentence_starts, sentence_ids, paragraph_ids = sentences["start"], sentences["sentence"], sentences["paragraph"]
    text = article.text
    columns: dict[str, list] = {name: [] for name in QUOTE_COLUMNS}
    appenders = [columns[name].append for name in QUOTE_COLUMNS]
    numbers = {id(statement): number for number, statement in enumerate(statements, start=1)}
    for number, statement in enumerate(statements, start=1):
        antecedent = numbers.get(id(statement.antecedent)) if statement.antecedent is not None else None
        speaker = statement.speaker or (None, None)
        cue = statement.cue or (None, None)
        for start, end in statement.parts:
            index = max(bisect.bisect_right(sentence_starts, start) - 1, 0)
            values = (article.id, number, statement.kind, text[start:end], start, end,
                      text[speaker[0]:speaker[1]] if statement.speaker else "", speaker[0], speaker[1],
                      statement.speaker_name, statement.speaker_role, statement.resolved_by,
                      text[cue[0]:cue[1]] if statement.cue else "", cue[0], cue[1], statement.channel,
                      paragraph_ids[index], sentence_ids[index], statement.rule, antecedent)
            for append, value in zip(appenders, values):
                append(value)
    return columns


_TEXT_COLUMNS = ("article_id", "kind", "text", "speaker", "speaker_name", "speaker_role", "resolved_by", "cue",
                 "channel", "rule")
_INT_COLUMNS = ("start", "end", "quote_id", "paragraph", "sentence")
_OPTIONAL_INT_COLUMNS = ("speaker_start", "speaker_end", "cue_start", "cue_end", "antecedent_quote_id")


def frame(columns: dict[str, list]) -> pd.DataFrame:
    """The quotes table of `rows` (of one article or of many joined), typed as `extract` types it."""
    columns = dict(columns)
    if not columns["text"]:
        for column in _TEXT_COLUMNS:
            columns[column] = pd.array([], dtype="str")
    for column in _INT_COLUMNS:
        columns[column] = np.array(columns[column], dtype=np.int64)
    for column in _OPTIONAL_INT_COLUMNS:
        missing = np.array([value is None for value in columns[column]], dtype=bool)
        values = np.array([0 if value is None else value for value in columns[column]], dtype=np.int64)
        columns[column] = pd.arrays.IntegerArray(values, missing)
    return pd.DataFrame(columns, columns=QUOTE_COLUMNS)


def mark(article: Article, quotes: pd.DataFrame) -> str:
    """The article text with each quote in [brackets] followed by its number and speaker: `[...]{1: name}`."""
    text = article.text
    pieces, position = [], 0
    for row in quotes.sort_values("start").itertuples(index=False):
        if row.start < position:
            continue
        who = row.speaker_name or row.speaker_role or row.speaker or "?"
        pieces += [text[position:row.start], "[", text[row.start:row.end], f"]{{{row.quote_id}: {who}}}"]
        position = row.end
    pieces.append(text[position:])
    return "".join(pieces)
