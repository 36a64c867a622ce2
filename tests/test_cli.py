"""The command line: formats, help, and one-line errors with the right exit codes."""
import json
import subprocess
import sys

import pytest

import presslens
from presslens import cli

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "presslens", *args], cwd=ROOT, capture_output=True, text=True,
                          input=stdin, timeout=300)


def test_tokens_csv_on_seed():
    result = run("tokens", "seeds/khaldiyeh-homs.txt", "--format", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "article_id,sentence,token,start,end,text"
    assert lines[1] == "khaldiyeh-homs,0,0,0,5,Syria"
    assert len(lines) == 568


def test_tokens_jsonl_from_stdin():
    result = run("tokens", "-", "--format", "jsonl", stdin="We won.")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["We", "won", "."]
    assert rows[0]["article_id"] == "stdin"


@pytest.mark.parametrize("command", ["tokens", "quotes", "sentiment", "timex", "analyze", "eval"])
def test_help_everywhere(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert "usage: presslens" in result.stdout


@pytest.mark.parametrize("args,message", [
    (["tokens", "missing.txt"], "missing.txt: no such file or folder"),
    (["tokens", "seeds/khaldiyeh-homs.txt", "--format", "xml"], "invalid choice"),
    (["nonsense"], "invalid choice"),
    (["eval", "sentiment"], "needs at least one of"),
])
def test_errors_are_one_line_exit_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_internal_error_exit_1_with_hint(monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setitem(cli.COMMANDS, "tokens", broken)
    assert cli.main(["tokens", "seeds"]) == 1
    err = capsys.readouterr().err
    assert "boom" in err and "--debug" in err and "Traceback" not in err
    assert cli.main(["--debug", "tokens", "seeds"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_full_disk_is_a_clear_error(monkeypatch, capsys, tmp_path):
    import errno

    def no_space(args):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out" / "quotes.csv"))

    monkeypatch.setitem(cli.COMMANDS, "analyze", no_space)
    assert cli.main(["analyze", "seeds", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert "No space left on device" in err and "quotes.csv" in err and len(err.splitlines()) == 1


def test_analyze_mode_changes_story_time_and_resume_keeps_it(tmp_path, capsys):
    story = {"id": "siege", "published": "2013-07-29",
             "text": "The rebels took the old town in March 2003 after a long siege. In May they lost it again."}
    source = tmp_path / "story.jsonl"
    source.write_text(json.dumps(story) + "\n", encoding="utf-8")
    values = {}
    for mode in ("news", "narrative"):
        out = tmp_path / mode
        assert cli.main(["analyze", str(source), "--out", str(out), "--mode", mode, "--date-order", "dmy",
                         "--quiet"]) == 0
        timexes = __import__("pandas").read_csv(out / "timexes.csv")
        values[mode] = dict(zip(timexes["text"], timexes["value"]))
        settings = json.loads((out / ".presslens" / "run.json").read_text(encoding="utf-8"))
        assert (settings["mode"], settings["date_order"]) == (mode, "dmy")
    assert values["news"]["May"] == "2013-05" and values["narrative"]["May"] == "2003-05"
    assert cli.main(["analyze", str(source), "--out", str(tmp_path / "news"), "--mode", "narrative",
                     "--date-order", "dmy", "--resume", "--quiet"]) == 2
    assert "different mode" in capsys.readouterr().err


@pytest.mark.filterwarnings("error")  # charts of tables left empty draw without a legend warning
def test_analyze_tables_makes_only_the_tables_asked_for(tmp_path, monkeypatch):
    from presslens import sentiment, timeline

    calls = []
    for module, name in ((sentiment, "article_sentence_scores"), (timeline, "timex_rows")):
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _original=original, _name=name, **k: calls.append(_name)
                            or _original(*a, **k))
    out = tmp_path / "out"
    assert cli.main(["analyze", str(SEEDS), "--out", str(out), "--tables", "quotes,sources", "--quiet"]) == 0
    assert calls == []  # neither tone nor the timeline ran
    from presslens.corpus import read_tables

    tables = read_tables(out)
    assert len(tables["quotes"]) > 10 and len(tables["sources"]) > 3
    assert tables["timexes"].empty and tables["events"].empty and tables["sentences"].empty
    assert tables["quotes"]["compound"].isna().all()
    assert json.loads((out / ".presslens" / "run.json").read_text(encoding="utf-8"))["tables"] == ["quotes", "sources"]
    assert cli.main(["analyze", str(SEEDS), "--out", str(tmp_path / "all"), "--quiet"]) == 0
    assert calls == ["article_sentence_scores", "timex_rows"]
    full = read_tables(tmp_path / "all")
    columns = [c for c in full["quotes"].columns if c != "compound"]
    assert full["quotes"][columns].equals(tables["quotes"][columns])


def test_analyze_tables_unknown_name_is_one_line_exit_2(tmp_path):
    result = run("analyze", str(SEEDS), "--out", str(tmp_path / "out"), "--tables", "quotes,speakers")
    assert result.returncode == 2
    assert "unknown table 'speakers'" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


# ---- --format table fits the terminal (classb, issue 14) -------------------------------------------

@pytest.mark.parametrize("width", [60, 80, 120])
def test_table_format_shows_the_main_columns_in_the_terminals_width(monkeypatch, capsys, width):
    monkeypatch.setenv("COLUMNS", str(width))
    assert cli.main(["quotes", str(SEEDS)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= width
    header = lines[0].split()
    assert "text" in header and set(header) <= set(cli.TABLE_COLUMNS["quotes"])
    assert len(lines) == 1 + len(presslens.analyze(presslens.load(SEEDS)).quotes)


def test_wide_csv_and_columns_show_what_was_asked(monkeypatch, capsys):
    from presslens.quotes import QUOTE_COLUMNS

    monkeypatch.setenv("COLUMNS", "80")
    assert cli.main(["quotes", str(SEEDS), "--format", "wide"]) == 0
    assert set(capsys.readouterr().out.splitlines()[0].split()) >= set(QUOTE_COLUMNS)
    assert cli.main(["quotes", str(SEEDS), "--columns", "speaker,side", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["speaker,side", "The Syrian regime,pro-government"]
    assert cli.main(["tokens", str(SEEDS), "--columns", "text,start", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "text,start"
    assert cli.main(["sentiment", str(SEEDS), "--columns", "nope"]) == 2
    err = capsys.readouterr().err
    assert "--columns: no column 'nope' (choose from" in err and len(err.splitlines()) == 1


def test_the_command_line_starts_without_pandas_nltk_or_pyarrow():
    """`presslens --help` and argument errors answer at once: the heavy libraries load with the command."""
    script = ("import sys, contextlib, io\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              "    try:\n        __import__('presslens.cli').cli.main(['--help'])\n"
              "    except SystemExit:\n        pass\n"
              "print(sorted(m for m in ('pandas', 'nltk', 'pyarrow', 'numpy', 'matplotlib') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert presslens.sources.table is __import__("presslens.sources").sources.table  # modules load when used
    assert callable(presslens.analyze) and "analyze" in dir(presslens)
