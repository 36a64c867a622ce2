"""corpus.html in headless Chromium, for a run of 10 articles and for 10,000 (skipped without Chromium)."""
import pytest
from conftest import ROOT, benchmark_script
from test_browser import CHROMIUM, browser, console_errors, open_report, page, requested_urls  # noqa: F401

from presslens import corpus, corpus_plots, corpus_report

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed")

FACTS = """(() => {
  const images = [...document.querySelectorAll("section figure img")];
  return {
    sections: [...document.querySelectorAll("section")].map(s => s.id),
    images: images.length,
    shown: images.filter(i => i.complete && i.naturalWidth > 300 && i.getBoundingClientRect().width > 300).length,
    scripts: document.scripts.length,
    totals: document.getElementById("totals").textContent,
    title: document.title,
  };
})()"""


def _check(tools, path, articles: int) -> None:
    open_report(tools, path)
    facts = tools.evaluate(FACTS)
    assert facts["title"] == "presslens corpus report"
    assert facts["sections"] == [chart.name for chart in corpus_plots.CHARTS]
    assert facts["images"] == facts["shown"] == len(corpus_plots.CHARTS)
    assert facts["scripts"] == 0
    assert facts["totals"].startswith(f"{articles:,} articles".replace(",", ""))
    assert all(url.startswith(("file:", "data:")) for url in requested_urls(tools)), requested_urls(tools)
    assert console_errors(tools) == []


def test_corpus_report_of_ten_articles(page, tmp_path):  # noqa: F811
    demo = ROOT / "notebooks" / "data"
    source = tmp_path / "ten.csv"
    lines = (demo / "demo-corpus.csv").read_text(encoding="utf-8")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(lines)))[:10]
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    summary = corpus.run(source, tmp_path / "out", profile=str(demo / "demo-profile.yaml"), quiet=True)
    _check(page, tmp_path / "out" / "corpus.html", 10)
    assert summary["articles"] == 10


def test_corpus_report_of_ten_thousand_articles(page, tmp_path):  # noqa: F811
    out = benchmark_script("corpus_views").synthetic_output(tmp_path / "big", 10_000)
    path = corpus_report.write(out)
    _check(page, path, 10_000)
    assert path.stat().st_size < 3_000_000  # charts aggregate: the page does not grow with the corpus
