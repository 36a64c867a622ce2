"""Backtracking benchmark: adversarial text of growing size through every stage.

Each pattern is a short unit (quote marks, dashes, digits, capitalised words, full stops, cue
words, a mix, a title with initials, a line break every few words as PDF-to-text gives) repeated
into one paragraph of 1 KB up to 1 MB, the worst case for rules that work a paragraph or a
sentence at a time. Every stage runs on it through its public function, timed
with `time.process_time` (CPU seconds, so other load on a shared machine matters less). The
*growth* column is the exponent k in time ~ size**k between the two largest sizes: about 1 is
linear, 2 quadratic; a catastrophically backtracking rule would show far more, or never finish.

    .venv/bin/python benchmarks/adversarial.py                 # 1 KB .. 1 MB, writes docs/reliability.md
    .venv/bin/python benchmarks/adversarial.py --max-kb 64 --no-write

`tests/test_hostile.py` imports `adversarial_text` and `PATTERNS` from here and guards the worst
case with a generous time bound.
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "reliability.md"
BEGIN, END = "<!-- adversarial:begin -->", "<!-- adversarial:end -->"

PATTERNS: dict[str, str] = {
    "quote marks": '“"”‘’«»„‟"\' “ ” " ',
    "unclosed quotes": '“He said “they said “we ',
    "closed quotes": '“We won.” ',
    "dashes": "- – — -- --- -–- ",
    "digits": "1,000.5 2013-07-29 12/07/2013 10:30 90 per cent 1989-90 ",
    "capitalised words": "Homs Khaldiyeh Bashar Al-Assad Abu Rami Mahmud Al-Lowz State Television ",
    "full stops": ". . ... Mr. U.S. a.m. ",
    "cue words": "said told according to added says claimed said that ",
    "mixed": 'He said, “A-1 B. 2013 Homs – ',
    "hard-wrapped lines": "the army said on\n",
    "title initials": "Rep. G.K. ",
    # "he" after an institution: pronoun resolution once scanned every earlier statement for each pronoun
    "pronoun quotes": '“A,” the ministry said. “B,” he said. ',
    # quote marks glued between a sentence end and a word: each one once read every later mark
    "glued quotes": 'cd."Ef ',
}
SIZES_KB = (1, 4, 16, 64, 256, 1024)
STOP_AFTER_SECONDS = 60.0  # a pattern that takes longer than this at one size is not grown further


def adversarial_text(pattern: str, size: int) -> str:
    """`size` characters of the pattern's unit repeated, as one paragraph after a short headline."""
    unit = PATTERNS[pattern]
    body = (unit * (size // len(unit) + 1))[:size]
    return "Adversarial input\n\n" + body.strip() + "\n"


def run_stages(text: str) -> dict[str, float]:
    """CPU seconds per stage for one article (every public stage function, in pipeline order)."""
    import presslens
    from presslens import quotes, report, sentiment, sources, timeline, tokenize

    article = presslens.Article(id="adversarial", text=text, published=dt.date(2013, 7, 29))
    times: dict[str, float] = {}

    def timed(name, function, *args):
        start = time.process_time()
        result = function(*args)
        times[name] = times.get(name, 0.0) + time.process_time() - start
        return result

    sentence_table = timed("sentences", tokenize.sentences, article)
    timed("tokens", tokenize.tokens, article, sentence_table)
    quote_table = timed("quotes", quotes.extract, article, sentence_table)
    attributed = timed("sources", sources.attribute, quote_table)
    timed("sources", sources.table, attributed)
    scored = timed("sentiment", sentiment.score_quotes, attributed)
    timed("sentiment", sentiment.score_sentences, sentence_table)
    timex_table = timed("timexes", timeline.timexes, article, sentence_table)
    timed("events", timeline.events, article, timex_table, sentence_table, scored)
    timed("report", report.article_html, article, scored)
    timed("analyze", presslens.analyze, article)
    return times


STAGES = ("sentences", "tokens", "quotes", "sources", "sentiment", "timexes", "events", "report", "analyze")


def growth(small: tuple[int, float], large: tuple[int, float]) -> str:
    """The exponent k in time ~ size**k between two measurements ("-" when too fast to tell)."""
    (s1, t1), (s2, t2) = small, large
    if t1 < 0.02 or t2 < 0.02:
        return "-"
    return f"{math.log(t2 / t1) / math.log(s2 / s1):.2f}"


def measure(sizes_kb=SIZES_KB, patterns=None, out=sys.stdout) -> list[dict]:
    rows = []
    for pattern in patterns or PATTERNS:
        for kb in sizes_kb:
            text = adversarial_text(pattern, kb * 1024)
            try:
                times = run_stages(text)
            except Exception as error:  # noqa: BLE001 - a crash is a result here
                rows.append({"pattern": pattern, "kb": kb, "error": f"{type(error).__name__}: {error}"[:120]})
                print(f"{pattern:18} {kb:5} KB  FAILED {rows[-1]['error']}", file=out, flush=True)
                break
            rows.append({"pattern": pattern, "kb": kb, **times})
            print(f"{pattern:18} {kb:5} KB  " + "  ".join(f"{s} {times[s]:.3f}" for s in STAGES), file=out, flush=True)
            if max(times.values()) > STOP_AFTER_SECONDS:
                break
    return rows


def table(rows: list[dict]) -> str:
    """Markdown: CPU seconds of the whole `analyze` per size, its slowest stage and growth, and the
    CPU seconds and growth of the report's highlighted article (`report.article_html`) at the largest size."""
    sizes = sorted({r["kb"] for r in rows})
    head = ("| pattern | " + " | ".join(f"{kb} KB" for kb in sizes) +
            " | slowest stage | growth | article_html | its growth |")
    lines = [head, "|" + "---|" * (len(sizes) + 5)]
    for pattern in dict.fromkeys(r["pattern"] for r in rows):
        mine = {r["kb"]: r for r in rows if r["pattern"] == pattern}
        cells = []
        for kb in sizes:
            r = mine.get(kb)
            cells.append("" if r is None else ("error" if "error" in r else f"{r['analyze']:.2f}"))
        good = [mine[kb] for kb in sizes if kb in mine and "error" not in mine[kb]]
        stage = max((s for s in STAGES if s != "analyze"), key=lambda s: good[-1][s]) if good else "-"
        k = growth((good[-2]["kb"], good[-2]["analyze"]), (good[-1]["kb"], good[-1]["analyze"])) if len(good) > 1 else "-"
        html = f"{good[-1]['report']:.2f}" if good else "-"
        html_k = growth((good[-2]["kb"], good[-2]["report"]), (good[-1]["kb"], good[-1]["report"])) if len(good) > 1 else "-"
        errors = [r["error"] for r in mine.values() if "error" in r]
        lines.append(f"| {pattern} | " + " | ".join(cells) + f" | {stage} | {k} | {html} | {html_k} |"
                     + (f" {errors[0]}" if errors else ""))
    return "\n".join(lines)


def write_doc(markdown: str, note: str) -> None:
    """Put the table between the markers in docs/reliability.md (the rest of the file is kept)."""
    block = f"{BEGIN}\n{note}\n\n{markdown}\n{END}"
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Reliability\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text = text.rstrip("\n") + f"\n\n{BEGIN}\n{END}\n"
    text = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    DOC.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-kb", type=int, default=SIZES_KB[-1], help="largest size in KB (default 1024)")
    parser.add_argument("--pattern", action="append", choices=list(PATTERNS), help="only this pattern (repeatable)")
    parser.add_argument("--no-write", action="store_true", help="print the table only; leave docs/reliability.md")
    args = parser.parse_args(argv)
    sizes = [kb for kb in SIZES_KB if kb <= args.max_kb]
    rows = measure(sizes, args.pattern)
    markdown = table(rows)
    print()
    print(markdown)
    if not args.no_write:
        import platform

        import presslens

        note = (f"CPU seconds (`time.process_time`) for `presslens.analyze` on one paragraph of each pattern, "
                f"presslens {presslens.__version__}, Python {platform.python_version()}, measured "
                f"{dt.date.today().isoformat()} by `benchmarks/adversarial.py`. *growth* is k in time ~ size^k "
                f"between the two largest sizes (1 = linear).")
        write_doc(markdown, note)
        print(f"\nwrote the table into {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
