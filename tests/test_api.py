"""One small public API: every module says what it offers (`__all__`), options are keyword-only, there
is one `analyze`, and bad input is an `InputError` with a one-line message in every stage."""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pandas as pd
import pytest

import presslens
from presslens import corpus, loader, output, plots, report, sentiment, sources, timeline, tokenize
from presslens import quotes as quotes_stage

PACKAGE = Path(presslens.__file__).resolve().parent
MODULES = sorted(info.name for info in pkgutil.walk_packages([str(PACKAGE)], prefix="presslens."))


def _top_level_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                elements = target.elts if isinstance(target, ast.Tuple) else [target]  # A, B = ...
                names.update(element.id for element in elements if isinstance(element, ast.Name))
    return names


def _declared_all(tree: ast.Module) -> list[str] | None:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            return ast.literal_eval(node.value)
    return None


def _source(module: str) -> Path:
    relative = Path(*module.split(".")[1:])
    package = PACKAGE / relative / "__init__.py"
    return package if package.is_file() else PACKAGE / relative.with_suffix(".py")


def test_the_package_has_modules_to_check():
    assert {"presslens.corpus", "presslens.quotes.rules", "presslens.evaluation.timex", "presslens.__main__"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_every_module_declares_all_and_every_listed_name_exists(module):
    tree = ast.parse(_source(module).read_text(encoding="utf-8"))
    declared = _declared_all(tree)
    assert declared is not None, f"{module}: no __all__"
    assert len(declared) == len(set(declared)), f"{module}: a name is listed twice in __all__"
    missing = set(declared) - _top_level_names(tree)
    assert not missing, f"{module}: __all__ lists names it does not define: {sorted(missing)}"
    if module != "presslens.__main__":  # importing __main__ runs the CLI
        imported = importlib.import_module(module)
        assert [name for name in declared if not hasattr(imported, name)] == []


def test_private_names_are_not_exported():
    for module in MODULES:
        declared = _declared_all(ast.parse(_source(module).read_text(encoding="utf-8"))) or []
        assert [name for name in declared if name.startswith("_") and name != "__version__"] == [], module


# ---- keyword-only options ----------------------------------------------------------------------

KEYWORD_ONLY = [  # (function, the parameters that may be given by position)
    (loader.load, ["source"]), (loader.from_text, ["text"]), (loader.iter_records, ["source"]),
    (output.format_table, ["frame"]), (report.write, ["analysis", "out_dir"]), (report.table_html, ["frame"]),
    (report.compare_sides, ["analysis"]), (report.article_html, ["article", "quotes"]),
    (plots.share_of_voice, ["table"]), (plots.timeline_chart, ["events", "published"]),
    (corpus.run, ["source", "out"]), (corpus.analyze_frame, ["frame"]), (corpus.analyze_articles, ["articles"]),
    (corpus.write_chunk, ["chunk", "out"]), (corpus.schemas, []), (corpus.read_tables, ["out"]),
]


@pytest.mark.parametrize("function, positional", KEYWORD_ONLY, ids=lambda v: getattr(v, "__qualname__", ""))
def test_options_are_keyword_only(function, positional):
    parameters = inspect.signature(function).parameters.values()
    assert [p.name for p in parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY] == positional


def test_article_options_are_keyword_only():
    with pytest.raises(TypeError):
        presslens.Article("a", "Text.", "A title")
    assert presslens.Article("a", "Text.", title="A title").title == "A title"


# ---- one analyze -------------------------------------------------------------------------------

def test_there_is_one_analyze_and_the_corpus_one_has_its_own_name():
    assert presslens.analyze is presslens.pipeline.analyze
    with pytest.raises(AttributeError, match="analyze_frame"):
        corpus.analyze  # noqa: B018 - the old name says where the function went
    frame = pd.DataFrame({"id": ["a"], "text": ["“We won,” the mayor said."]})
    assert len(corpus.analyze_frame(frame)["quotes"]) == 1


# ---- bad input: the same error in every stage ----------------------------------------------------

SEED_TEXT = "“We won,” the mayor said on Monday.\n\nThe rebels disagreed."
NO_TEXT = pd.DataFrame({"article_id": ["a"]})


def _article():
    return presslens.from_text(SEED_TEXT, id="a", published="2013-07-29")


BAD_INPUT = [  # (stage, a call with input that breaks the stage's contract)
    pytest.param(lambda: loader.load("no/such/file.jsonl"), id="loader: no such file"),
    pytest.param(lambda: loader.from_text(""), id="loader: empty text"),
    pytest.param(lambda: tokenize.sentences(SEED_TEXT), id="tokenize: text instead of an Article"),
    pytest.param(lambda: quotes_stage.extract(SEED_TEXT), id="quotes: text instead of an Article"),
    pytest.param(lambda: timeline.timexes(SEED_TEXT), id="timeline: text instead of an Article"),
    pytest.param(lambda: quotes_stage.extract(_article(), NO_TEXT), id="quotes: sentences without columns"),
    pytest.param(lambda: sources.attribute(quotes_stage.extract(_article()), "no-such-profile"),
                 id="sources: unknown profile"),
    pytest.param(lambda: sources.table(NO_TEXT), id="sources: table before attribute"),
    pytest.param(lambda: sources.compare(presslens.analyze(_article()), measure="loudness"),
                 id="sources: unknown measure"),
    pytest.param(lambda: sentiment.score_sentences(tokenize.sentences(_article()), "no-such-lexicon"),
                 id="sentiment: unknown lexicon"),
    pytest.param(lambda: sentiment.score_sentences(NO_TEXT), id="sentiment: sentences without text"),
    pytest.param(lambda: sentiment.score_quotes(NO_TEXT), id="sentiment: quotes without text"),
    pytest.param(lambda: timeline.timexes(_article(), mode="story"), id="timeline: unknown mode"),
    pytest.param(lambda: timeline.timexes(_article(), date_order="ymd"), id="timeline: unknown date order"),
    pytest.param(lambda: presslens.analyze([]), id="analyze: no articles"),
    pytest.param(lambda: corpus.analyze_frame(pd.DataFrame({"id": ["a"], "body": ["x"]})),
                 id="analyze_frame: no text column"),
    pytest.param(lambda: corpus.run("no/such/file.jsonl", "out-never-written", quiet=True),
                 id="corpus run: no such input"),
]


@pytest.mark.parametrize("call", BAD_INPUT)
def test_bad_input_is_an_input_error_with_a_one_line_message(call):
    with pytest.raises(presslens.InputError) as raised:
        call()
    message = str(raised.value)
    assert message and "\n" not in message and len(message) < 400, message
