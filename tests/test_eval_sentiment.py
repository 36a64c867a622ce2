"""The tone scorer: metrics, readers, and the numbers on the public dev data."""
import json

import pytest

from presslens import cli
from presslens.errors import InputError
from presslens.evaluation import sentiment as ev


def test_pearson():
    assert ev.pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert ev.pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert ev.pearson([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)


def test_three_class_weighted_and_macro():
    gold = [1, 1, 1, -1, 0]
    system = [1, 1, 0, -1, -1]
    scores = ev.three_class(gold, system)
    assert scores["accuracy"] == pytest.approx(0.6)
    # F1: positive 0.8 (P 1, R 2/3), negative 2/3 (P 1/2, R 1), neutral 0
    assert scores["macro_f1"] == pytest.approx((0.8 + 2 / 3 + 0) / 3)
    assert scores["weighted_f1"] == pytest.approx((0.8 * 3 + 2 / 3 * 1) / 5)
    assert scores["weighted_recall"] == pytest.approx(scores["accuracy"])


@pytest.mark.parametrize("value, vader, semeval", [
    (0.05, 1, 0), (0.049, 0, 0), (-0.05, -1, 0), (0.5, 1, 0), (50, 1, 1), (-50, -1, -1), (-49, -1, 0),
])
def test_class_thresholds(value, vader, semeval):
    assert ev.vader_class(value) == vader
    assert ev.semeval_class(value) == semeval


def test_semeval_reads_the_task_format_with_a_bare_ampersand(tmp_path):
    (tmp_path / "affectivetext_test.xml").write_text(
        '<corpus task="affective text">\n<instance id="7">Troops win great victory</instance>\n'
        '<instance id="8">Bombs & shelling kill dozens</instance>\n</corpus>\n', encoding="utf-8")
    (tmp_path / "affectivetext_test.valence.gold").write_text("7 60\n8 -90\n", encoding="utf-8")
    assert ev.read_semeval(tmp_path) == [("Troops win great victory", 60.0), ("Bombs & shelling kill dozens", -90.0)]
    result = ev.evaluate(semeval=tmp_path)["semeval2007"]
    assert result["headlines"] == 2
    assert result["vader+conflict"]["pearson_r"] == pytest.approx(1.0)
    assert result["vader+conflict"]["coarse_accuracy"] == 1.0


@pytest.mark.parametrize("name, content, message", [
    ("nyt.txt", "1_1\tnot-a-number\tText.\n", "line 1: expected"),
    ("nyt.txt", "1_1\t0.5\n", "line 1: expected"),
])
def test_nyt_bad_lines(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        ev.read_nyt(path)


def test_bad_folders(tmp_path):
    with pytest.raises(InputError, match="no \\*.valence.gold"):
        ev.read_semeval(tmp_path)
    with pytest.raises(InputError, match="no NewsMTSC"):
        ev.read_newsmtsc(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        ev.read_nyt(tmp_path / "missing.txt")
    (tmp_path / "dev_x_flat.jsonl").write_text('{"sentence": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="dev_x_flat.jsonl: line 1"):
        ev.read_newsmtsc(tmp_path)


def test_cli_needs_a_benchmark(capsys):
    assert cli.main(["eval", "sentiment"]) == 2
    assert "needs at least one of" in capsys.readouterr().err


@pytest.fixture(scope="module")
def dev_result(shared_eval):
    folder = shared_eval / "sentiment"
    return ev.evaluate(semeval=folder / "semeval2007", nyt=folder / "vader_nyt" / "nytEditorialSnippets_GroundTruth.txt",
                       newsmtsc=folder / "newsmtsc")


def test_cli_prints_the_dev_numbers(shared_eval, capsys, dev_result):
    folder = shared_eval / "sentiment"
    argv = ["eval", "sentiment", "--semeval", str(folder / "semeval2007"),
            "--nyt", str(folder / "vader_nyt" / "nytEditorialSnippets_GroundTruth.txt"),
            "--newsmtsc", str(folder / "newsmtsc")]
    assert cli.main(argv) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(dev_result))


def test_dev_numbers(dev_result):
    result = dev_result
    nyt, semeval = result["nyt"], result["semeval2007"]
    # plain VADER reproduces the published NLTK reference run (vader_nyt/FORMAT.md)
    assert nyt["snippets"] == 5190
    assert nyt["vader"]["pearson_r"] == pytest.approx(0.490, abs=0.001)
    assert nyt["vader"]["accuracy"] == pytest.approx(0.481, abs=0.001)
    assert nyt["vader"]["weighted_f1"] == pytest.approx(0.544, abs=0.001)
    # the supplement and the news rules raise SemEval r clearly and do not lower NYT r
    assert semeval["headlines"] == 250
    assert semeval["vader+conflict"]["pearson_r"] >= 0.64
    assert semeval["vader+conflict"]["pearson_r"] - semeval["vader"]["pearson_r"] >= 0.03
    assert nyt["vader+conflict"]["pearson_r"] >= nyt["vader"]["pearson_r"] + 0.01
    # the ensemble (weights chosen on the SemEval trial): issue 17's trial target, and clear gains on NYT
    assert semeval["ensemble"]["pearson_r"] >= 0.66
    assert nyt["ensemble"]["pearson_r"] >= nyt["vader+conflict"]["pearson_r"] + 0.03
    assert nyt["ensemble"]["weighted_f1"] >= nyt["vader+conflict"]["weighted_f1"] + 0.03
    assert set(result["newsmtsc"]) == {"dev_mt", "dev_rw"}
    for split in result["newsmtsc"].values():
        assert 0.45 <= split["vader"]["macro_f1"] <= 0.56
        assert split["vader+conflict"]["macro_f1"] >= split["vader"]["macro_f1"] - 0.01
        assert split["ensemble"]["macro_f1"] >= split["vader"]["macro_f1"] - 0.02


def test_ensemble_reaches_the_nyt_target(dev_result):
    """Met by 0.0001 since the contrast-word rule (fourth round); weights chosen on SemEval trial only."""
    assert dev_result["nyt"]["ensemble"]["pearson_r"] >= 0.55


def test_ensemble_is_not_below_vader_conflict_on_newsmtsc_rw(dev_result):
    split = dev_result["newsmtsc"]["dev_rw"]
    assert split["ensemble"]["macro_f1"] >= split["vader+conflict"]["macro_f1"]


@pytest.mark.xfail(reason="issue 17 target missed: on dev_mt (several targets per sentence) the ensemble scores "
                          "0.501 macro-F1 against 0.523 for vader+conflict", strict=True)
def test_ensemble_is_not_below_vader_conflict_on_newsmtsc_mt(dev_result):
    split = dev_result["newsmtsc"]["dev_mt"]
    assert split["ensemble"]["macro_f1"] >= split["vader+conflict"]["macro_f1"]


def test_the_shipped_ensemble_is_the_one_chosen_on_the_trial_split(shared_eval):
    from presslens import sentiment

    chosen = ev.choose_ensemble(shared_eval / "sentiment" / "semeval2007")
    assert chosen["headlines"] == 250
    assert chosen["weights"] == sentiment.ENSEMBLE_WEIGHTS
    assert chosen["scales"] == pytest.approx(sentiment.ENSEMBLE_SCALES, abs=1e-4)


@pytest.mark.parametrize("lexicon", ["vader", "vader+conflict", "ensemble"])
def test_explain_reproduces_vader_on_real_news(shared_eval, lexicon):
    from presslens import sentiment

    snippets = ev.read_nyt(shared_eval / "sentiment" / "vader_nyt" / "nytEditorialSnippets_GroundTruth.txt")
    for text, _ in snippets[::20]:
        total = sentiment.explain(text, lexicon)["score"].sum()
        compound = max(-1, min(1, total)) if lexicon == "ensemble" else total / (total * total + 15) ** 0.5
        assert compound == pytest.approx(sentiment.score(text, lexicon)["compound"], abs=2e-4), text
