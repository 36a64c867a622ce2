"""The notebooks' sample answers run: each exercise's code, after the notebook's own cells, gives what
its answer says (issue 14: an answer that used an unimported module, named a missing column, or
claimed a date moves when it does not).

Runs the code cells of a notebook in one namespace (as a kernel would, charts drawn off screen) in a
scratch folder beside a link to `seeds/`, so answers that write files write nothing into the tree.
"""
import contextlib
import io
import re
import textwrap
from pathlib import Path

import matplotlib
import nbformat

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
ANSWER_CODE = re.compile(r"^( *)```python\n(.*?)^\1```", re.S | re.M)


def answers(notebook: dict) -> list[str]:
    """The ```python blocks of the exercises (the cell after `## Exercises`), in order."""
    exercises = next(c.source for c in notebook.cells if c.cell_type == "markdown" and c.source.startswith("## Exercises"))
    return [textwrap.dedent(code) for _, code in ANSWER_CODE.findall(exercises)]


def run(tmp_path, monkeypatch, name: str) -> tuple[dict, list[str]]:
    """The namespace after the notebook's cells, and its sample answers' code."""
    notebook = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in notebook.cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, f"{name} cell", "exec"), namespace)
    return namespace, answers(notebook)


def run_answer(code: str, namespace: dict) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "sample answer", "exec"), namespace)


def test_01_the_quote_count_of_exercise_3_is_the_one_the_report_gives(tmp_path, monkeypatch):
    namespace, codes = run(tmp_path, monkeypatch, "01-quotes")
    for code in codes:
        run_answer(code, namespace)
    found = namespace["found"]
    assert (found["quote_id"].nunique(), len(found)) == (15, 16)  # "15 quotes in 16 rows"
    import presslens
    from presslens import report

    assert report.summary(presslens.analyze(namespace["article"]))["quotes"].tolist() == [15]


def test_03_sample_answers_run_and_give_the_numbers_they_state(tmp_path, monkeypatch):
    namespace, codes = run(tmp_path, monkeypatch, "03-sourcing")
    copy_and_load, as_dict, classify, chart = codes
    import yaml

    # exercise 1: the copy step runs; the student's edit is made here as the answer describes it
    copy_step = copy_and_load.split("# ... edit")[0]
    run_answer(copy_step, namespace)
    profile = yaml.safe_load(Path("my-syria.yaml").read_text(encoding="utf-8"))
    for phrase in ["Syrian Observatory for Human Rights", "SOHR", "Observatory"]:
        profile["sides"]["independent"].remove(phrase)
        profile["sides"]["opposition"].append(phrase)
    Path("my-syria.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    run_answer(copy_and_load.split("then:\n")[1], namespace)  # the steps after the edit
    run_answer(as_dict.replace("sources.side_summary(", "summary = sources.side_summary("), namespace)
    summary = namespace["summary"].set_index("side")
    from presslens import sources

    assert summary.equals(sources.side_summary(namespace["mine"].quotes).set_index("side"))
    assert summary.loc["opposition", "quotes"] == 9 and summary.loc["opposition", "words_quoted"] == 128
    assert summary["words_quoted"].sum() == 205 and "independent" not in summary.index
    run_answer(f"result = {classify}", namespace)
    assert namespace["result"] == [("military", "pro-government"), ("international", "pro-government"),
                                   ("witness", "unassigned")]
    run_answer(chart, namespace)


def test_05_sample_answers_run_and_give_what_they_say(tmp_path, monkeypatch):
    namespace, codes = run(tmp_path, monkeypatch, "05-your-own-articles")
    share_code, folder_code, dates_code = codes
    run_answer(share_code.replace("sides.xs(", "shares = sides.xs("), namespace)
    shares = namespace["shares"]
    seed, mine = namespace["seed"].id, namespace["mine"].id
    assert shares.loc["opposition", seed] > shares.loc["opposition", mine]
    assert shares.loc["independent", mine] > shares.loc["independent", seed]
    assert (shares.loc["opposition", seed], shares.loc["independent", mine]) == (53.2, 29.5)
    run_answer(folder_code, namespace)
    run_answer(dates_code.replace("both.timexes.pivot_table(", "dates = both.timexes.pivot_table("), namespace)
    dates = namespace["dates"]
    assert dates.loc["late June", "my-article"] == dates.loc["late June", "a-week-later"]  # stays in June
    assert dates.loc["last week", "my-article"] != dates.loc["last week", "a-week-later"]
    assert dates.loc["Tuesday", "my-article"] != dates.loc["Tuesday", "a-week-later"]


def test_every_chart_cell_of_every_notebook_shows_its_chart():
    """A cell that ends with `plt.show()` has a picture among its stored outputs (notebook 06 once
    stored none: importing the corpus views switched matplotlib off screen, so its charts never showed)."""
    blank = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for number, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type == "code" and cell.source.rstrip().endswith("plt.show()") and not any(
                    "image/png" in output.get("data", {}) for output in cell.outputs):
                blank.append(f"{path.name} cell {number}")
    assert not blank, blank
