"""`analyze(..., tables=...)`: only the tables asked for, without the stages only the others need."""
import math

import pytest

import presslens
from presslens import pipeline, schema, sentiment, timeline


@pytest.fixture
def stage_calls(monkeypatch):
    calls = []
    for module, name in ((sentiment, "article_sentence_scores"), (sentiment, "quote_compounds"),
                         (timeline, "timex_rows"), (timeline, "event_rows")):
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _original=original, _name=name, **k: calls.append(_name)
                            or _original(*a, **k))
    return calls


def test_quotes_and_sources_skip_tone_and_the_timeline(seed, stage_calls):
    analysis = presslens.analyze(seed, tables="quotes,sources")
    assert stage_calls == []
    full = presslens.analyze(seed)
    columns = [c for c in full.quotes.columns if c != "compound"]
    assert analysis.quotes[columns].equals(full.quotes[columns])
    assert analysis.quotes["compound"].isna().all() and not full.quotes["compound"].isna().any()
    assert analysis.sources["source_id"].tolist() == full.sources["source_id"].tolist()
    for name in ("articles", "sentences", "timexes", "events"):
        table = getattr(analysis, name)
        assert table.empty and list(table.columns) == list(schema.empty(name).columns)


def test_each_stage_runs_for_the_tables_that_need_it(seed, stage_calls):
    presslens.analyze(seed, tables=["events"])
    assert stage_calls == ["timex_rows", "event_rows"]
    stage_calls.clear()
    analysis = presslens.analyze(seed, tables=("articles",))
    assert stage_calls == ["article_sentence_scores", "quote_compounds"]
    assert not math.isnan(analysis.articles["tone_mean"].iloc[0])


def test_the_default_is_every_table(seed):
    assert pipeline.analyze(seed).quotes.equals(pipeline.analyze(seed, tables=schema.TABLES).quotes)


@pytest.mark.parametrize("tables,message", [
    ("quotes,speakers", "tables: unknown table 'speakers' (choose from articles, sentences, quotes"),
    ([], "tables: name at least one table"),
])
def test_an_unknown_table_is_a_one_line_input_error(seed, tables, message):
    with pytest.raises(presslens.InputError) as raised:
        presslens.analyze(seed, tables=tables)
    assert message in str(raised.value) and "\n" not in str(raised.value)
