"""The `presslens` command: `tokens`, `quotes`, `sentiment`, `timex`, `analyze` and `eval`.

Bad input gives one line on stderr and exit code 2; an internal error gives exit code 1 and a
hint to rerun with `--debug` for the traceback. No output file is ever left half-written.
"""
from __future__ import annotations

import argparse
import math
import signal
import sys
import threading
import traceback
from collections.abc import Sequence

from . import __version__
from .errors import InputError, excerpt, printable
from .output import FORMATS, format_table

__all__ = ["COMMANDS", "TABLE_COLUMNS", "Terminated", "build_parser", "cmd_analyze", "cmd_eval", "cmd_quotes",
           "cmd_sentiment", "cmd_timex", "cmd_tokens", "main"]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, exit code 2."""

    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _add_input(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT",
                        help="a .txt file, a folder of .txt files, a .csv/.jsonl/.parquet table (id, text), or - for stdin")
    parser.add_argument("--follow-links", action="store_true",
                        help="follow links in a folder that point outside it (refused by default)")


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="output format: table (the main columns, fitted to the terminal), wide (every "
                             "column), csv or jsonl (default: table)")
    parser.add_argument("--columns", metavar="A,B,...", help="the columns to show, in this order (any format)")


#: The columns `--format table` shows first (as many as fit the terminal), per command.
TABLE_COLUMNS = {
    "quotes": ["paragraph", "kind", "speaker", "side", "cue", "compound", "text"],
    "sentiment": ["sentence", "compound", "text"],
    "timex": ["sentence", "text", "type", "value", "mod"],
}


def _add_profile(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", default=None,
                        help="sides profile for every article: a shipped name (neutral, syria) or a path to your own "
                             "YAML (default: the profile an article's metadata names, else neutral)")


def _add_lexicon(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lexicon", choices=("vader", "vader+conflict", "ensemble"), default="vader",
                        help="sentiment lexicon (default: vader)")


def _add_time_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mode", choices=("auto", "news", "narrative"), default="auto",
                        help="what relative dates are resolved against: the publication date (news), the time the "
                             "story has set (narrative), or decided per article (auto, the default)")
    parser.add_argument("--date-order", choices=("mdy", "dmy"), default="mdy",
                        help="how to read 07-04-2019: month first (mdy, the default) or day first (dmy)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _Parser(prog="presslens", description="Who speaks in the news, in what tone, and when.")
    parser.add_argument("--version", action="version", version=f"presslens {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback on an internal error")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    tokens = commands.add_parser("tokens", help="paragraphs, sentences and word tokens with offsets")
    _add_input(tokens)
    _add_format(tokens)

    quotes = commands.add_parser("quotes", help="quotes and reported speech with speakers, cues and channels")
    _add_input(quotes)
    _add_format(quotes)
    _add_profile(quotes)

    sentiment = commands.add_parser("sentiment", help="tone of every sentence (VADER)")
    _add_input(sentiment)
    _add_format(sentiment)
    _add_lexicon(sentiment)

    timex = commands.add_parser("timex", help="time expressions normalised against the publication date")
    timex.add_argument("input", metavar="INPUT", nargs="?", help="as for the other commands (or use --timeml)")
    timex.add_argument("--follow-links", action="store_true", help=argparse.SUPPRESS)
    timex.add_argument("--published", help="publication date YYYY-MM-DD (overrides the input's)")
    timex.add_argument("--timeml", metavar="IN_DIR", help="tag every TimeML file in IN_DIR (DCT as reference date)")
    timex.add_argument("--out", metavar="OUT_DIR", help="with --timeml: where to write the tagged files")
    _add_time_options(timex)
    _add_format(timex)

    analyze = commands.add_parser("analyze", help="the whole analysis: tables, charts and report.html")
    _add_input(analyze)
    analyze.add_argument("--out", required=True, metavar="DIR", help="output folder")
    _add_profile(analyze)
    _add_lexicon(analyze)
    analyze.add_argument("--engine", choices=("local", "dask"), default="local", help="where to run (default: local)")
    analyze.add_argument("--workers", type=int, default=1,
                         help="worker processes, local or in the Dask cluster started for the run (default: 1)")
    analyze.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --engine dask: join this Dask scheduler (e.g. tcp://host:8786) instead of "
                              "starting a cluster; its workers must see --out")
    analyze.add_argument("--chunk-size", type=int, default=1000, help="articles per chunk (default: 1000)")
    analyze.add_argument("--csv", action="store_true", help="also write the tables as CSV")
    analyze.add_argument("--resume", action="store_true", help="skip chunks already written by an earlier run")
    analyze.add_argument("--quiet", action="store_true", help="no progress bar")
    analyze.add_argument("--tables", default="all", metavar="A,B,...",
                         help="the tables to make (default: all): articles, sentences, quotes, sources, timexes, "
                              "events; the others are written empty, and tone and the timeline run only when a "
                              "table needs them")
    _add_time_options(analyze)

    evaluate = commands.add_parser("eval", help="measure accuracy on annotated data")
    tasks = evaluate.add_subparsers(dest="task", metavar="TASK", parser_class=_Parser)
    tasks.required = True
    eval_quotes = tasks.add_parser("quotes", help="quotes against PolNeAR (JSON on stdout)")
    eval_quotes.add_argument("--polnear", required=True, metavar="FILE.jsonl")
    eval_quotes.add_argument("--flat", action="store_true",
                             help="replace every paragraph break by a space first (one article per line)")
    eval_timex = tasks.add_parser("timex", help="time expressions against TimeML gold (JSON on stdout)")
    eval_timex.add_argument("--gold", required=True, nargs="+", metavar="DIR")
    _add_time_options(eval_timex)
    eval_sentiment = tasks.add_parser("sentiment", help="tone against news benchmarks (JSON on stdout)")
    eval_sentiment.add_argument("--semeval", metavar="DIR", help="SemEval-2007 Affective Text folder")
    eval_sentiment.add_argument("--nyt", metavar="FILE", help="VADER's NYT editorial snippets ground truth")
    eval_sentiment.add_argument("--newsmtsc", metavar="DIR", help="NewsMTSC folder with dev_*_flat.jsonl")
    return parser


def _articles(args):
    from .loader import load

    return load(args.input, follow_outside=args.follow_links)


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _columns(args) -> list[str]:
    return [name.strip() for name in (args.columns or "").split(",") if name.strip()]


def _show(table, args) -> None:
    """Write a table in `--format`: for `table`, the command's main columns (or `--columns`) fitted to
    the terminal's width, saying on stderr, at a terminal, which columns were left out."""
    import shutil

    from .output import fit_to_width, select_columns

    chosen = _columns(args)
    table = select_columns(table, chosen)
    if args.format == "table":
        preferred = chosen or TABLE_COLUMNS[args.command]
        if not chosen and "article_id" in table.columns and table["article_id"].nunique() > 1:
            preferred = ["article_id", *preferred]
        fitted = fit_to_width(table, preferred, shutil.get_terminal_size((100, 24)).columns, drop=not chosen)
        if len(fitted.columns) < len(table.columns) and sys.stdout.isatty():
            _say(f"presslens: showing {len(fitted.columns)} of {len(table.columns)} columns; --columns A,B,... to "
                 "choose, --format wide or csv for all")
        table = fitted
    _emit(format_table(table, fmt=args.format))


def cmd_tokens(args) -> None:
    import pandas as pd

    from .output import select_columns, write_chunks
    from .tokenize import TOKEN_COLUMNS, token_chunks

    articles = _articles(args)
    columns = list(select_columns(pd.DataFrame(columns=TOKEN_COLUMNS), _columns(args)).columns)  # names checked first
    write_chunks(lambda: (chunk[columns] for article in articles for chunk in token_chunks(article)), columns,
                 args.format, _emit)


def cmd_quotes(args) -> None:
    from .pipeline import analyze

    _show(analyze(_articles(args), profile=args.profile).quotes, args)


def cmd_sentiment(args) -> None:
    import pandas as pd

    from .sentiment import score_article

    frames = [score_article(a, lexicon=args.lexicon) for a in _articles(args)]
    table = pd.concat(frames, ignore_index=True)
    table = table[["article_id", "sentence", "start", "end", "compound", "pos", "neu", "neg", "text"]]
    _show(table, args)


def cmd_timex(args) -> None:
    import dataclasses

    import pandas as pd

    from . import timeline
    from .loader import publication_date

    if args.timeml:
        if not args.out:
            raise InputError("--timeml needs --out OUT_DIR")
        from .timeml import tag_folder

        written = tag_folder(args.timeml, args.out, mode=args.mode, date_order=args.date_order)
        _say(f"presslens: wrote {written} TimeML file(s) to {args.out}")
        return
    if not args.input:
        raise InputError("timex needs INPUT (or --timeml IN_DIR --out OUT_DIR)")
    published = publication_date(args.published, "--published") if args.published else None
    frames = []
    for article in _articles(args):
        if published:
            article = dataclasses.replace(article, published=published)
        frames.append(timeline.timexes(article, mode=args.mode, date_order=args.date_order))
    _show(pd.concat(frames, ignore_index=True), args)


def cmd_analyze(args) -> None:
    from pathlib import Path

    from .corpus import run
    from .progress import analysed_line
    from .schema import TABLES

    summary = run(args.input, args.out, profile=args.profile, lexicon=args.lexicon, engine=args.engine,
                  workers=args.workers, scheduler=args.scheduler, chunk_size=args.chunk_size, csv=args.csv,
                  resume=args.resume, quiet=args.quiet or None, follow_outside=args.follow_links, mode=args.mode,
                  date_order=args.date_order, tables=TABLES if args.tables == "all" else args.tables)
    report = summary.get("report") or summary.get("corpus_report")
    counts = analysed_line(summary["articles"], summary["skipped"], errors=str(Path(args.out) / "errors.csv"))
    _say(f"presslens: {counts}; "
         f"report: {report}")


def cmd_eval(args) -> None:
    import json

    inputs = " ".join(str(v) for v in (args.polnear if args.task == "quotes" else None,
                                       *(args.gold if args.task == "timex" else ()),
                                       *((args.semeval, args.nyt, args.newsmtsc) if args.task == "sentiment" else ()))
                      if v)
    if args.task == "sentiment" and not inputs:
        raise InputError("eval sentiment needs at least one of --semeval, --nyt, --newsmtsc")
    try:
        result = _evaluate(args)
    except (InputError, OSError):
        raise
    except UnicodeDecodeError as error:
        raise InputError(f"{inputs}: not UTF-8 text (byte offset {error.start})") from None
    except (KeyError, ValueError, TypeError, IndexError, AttributeError, RecursionError) as error:
        raise InputError(f"{inputs}: not the expected gold data ({type(error).__name__}: "
                         f"{excerpt(str(error), 80)})") from None
    _emit(json.dumps(_finite(result), indent=2, sort_keys=True, allow_nan=False) + "\n")


def _evaluate(args) -> dict:
    if args.task == "quotes":
        from .evaluation.quotes import evaluate

        return evaluate(args.polnear, flat=args.flat)
    if args.task == "timex":
        from .evaluation.timex import evaluate

        return evaluate(args.gold, mode=args.mode, date_order=args.date_order)
    from .evaluation.sentiment import evaluate

    return evaluate(semeval=args.semeval, nyt=args.nyt, newsmtsc=args.newsmtsc)


def _finite(value):
    """A result with every NaN or infinite number as null (JSON has no NaN)."""
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


COMMANDS = {"tokens": cmd_tokens, "quotes": cmd_quotes, "sentiment": cmd_sentiment, "timex": cmd_timex,
            "analyze": cmd_analyze, "eval": cmd_eval}


class Terminated(BaseException):
    """A termination signal (SIGTERM, as a batch system sends at its wall time) ends the run like Ctrl-C."""


def _terminate(signum, frame) -> None:
    raise Terminated(signum)


def _say(message: str) -> None:
    """One line on stderr, with control characters from file names or article text escaped."""
    print(printable(message), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        COMMANDS[args.command](args)
    except InputError as error:
        _say(f"presslens: error: {error}")
        return 2
    except BrokenPipeError:
        return 0
    except OSError as error:
        name = f"{error.filename}: " if error.filename else ""
        _say(f"presslens: error: {name}{error.strerror or error}")
        return 2
    except KeyboardInterrupt:
        _say("presslens: interrupted")
        return 130
    except Terminated:
        _say("presslens: terminated")
        return 143
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if args.debug:
            traceback.print_exc()
        else:
            _say(f"presslens: internal error: {type(error).__name__}: {str(error)[:500]} "
                 "(rerun with --debug for the traceback)")
        return 1
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
    return 0


if __name__ == "__main__":
    sys.exit(main())
