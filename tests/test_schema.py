"""The declared tables (`presslens.schema`): every stage follows them, empty tables keep their types."""
import pandas as pd
import pyarrow as pa
import pytest

import presslens
from presslens import corpus, schema
from presslens.model import Article

NO_QUOTES = Article(id="plain", text="The river rose overnight.\n\nRoads stayed closed.")


@pytest.fixture(scope="module")
def seed_tables():
    return presslens.analyze(presslens.load("seeds")[0]).tables()


@pytest.fixture(scope="module")
def plain_tables():
    return presslens.analyze(NO_QUOTES).tables()


@pytest.mark.parametrize("name", schema.TABLES)
def test_every_stage_writes_the_declared_columns_in_order(name, seed_tables, plain_tables):
    declared = [column for column, _ in schema.COLUMNS[name]]
    assert list(seed_tables[name].columns) == declared
    assert list(plain_tables[name].columns) == declared


@pytest.mark.parametrize("name", schema.TABLES)
def test_an_empty_table_has_the_types_of_a_full_one(name, seed_tables):
    assert len(seed_tables[name]), "the seed fills every table"
    full = schema.to_pandas(corpus.to_arrow(seed_tables[name], schema.arrow_schema(name)))
    empty = schema.empty(name)
    assert empty.empty and empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert corpus.to_arrow(seed_tables[name].iloc[0:0], schema.arrow_schema(name)).schema == schema.arrow_schema(name)


def test_an_article_without_quotes_or_dates_gives_empty_tables_of_the_declared_types(plain_tables):
    for name in ("quotes", "sources", "events"):
        assert plain_tables[name].empty, name
        table = corpus.to_arrow(plain_tables[name], schema.arrow_schema(name))
        assert table.schema == schema.arrow_schema(name) and schema.to_pandas(table).dtypes.equals(
            schema.empty(name).dtypes), name


def test_one_type_per_shared_column_in_every_table():
    kinds: dict[str, set] = {}
    for name in schema.TABLES:
        for column, kind in schema.COLUMNS[name]:
            kinds.setdefault(column, set()).add(kind)
    assert {column: k for column, k in kinds.items() if len(k) > 1} == {}
    assert kinds["sentence"] == kinds["paragraph"] == kinds["quote_id"] == {"int"}


def test_declared_types_are_the_only_ones_a_run_writes():
    types = {field.type for name in (*schema.TABLES, schema.ERRORS) for field in schema.arrow_schema(name)}
    assert types == {pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.timestamp("ms")}
    assert set(corpus.schemas()) == {*schema.TABLES, schema.ERRORS}


def test_a_bad_profile_or_lexicon_fails_before_any_work():
    with pytest.raises(presslens.InputError):
        corpus.schemas(lexicon="no-such-lexicon")
    assert isinstance(corpus.metas()["quotes"], pd.DataFrame)
