"""The HTML report: escaping, well-formed highlighting, self-containment, charts and the corpus bound."""
import base64
import dataclasses
import re
from html.parser import HTMLParser

import matplotlib
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import presslens
from presslens import plots, report, report_tables, sources
from presslens.quotes import QUOTE_COLUMNS
from presslens.tokenize import paragraphs

matplotlib.use("Agg")

VOID = {"meta", "img", "br", "hr", "link", "input"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class Page(HTMLParser):
    """Parses HTML, failing on any misnested or unclosed tag; collects paragraph text and speaker labels."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.paragraphs: list[str] = []
        self.labels: list[str] = []
        self.marks: list[dict] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "mark":
            self.marks.append(attrs)
        if tag == "p":
            self.paragraphs.append("")
        if tag == "span" and "speaker" in attrs.get("class", ""):
            self.labels.append("")
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        assert self.stack, f"</{tag}> closes nothing"
        opened, _ = self.stack.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"

    def handle_data(self, data):
        if any(t == "span" and "speaker" in a.get("class", "") for t, a in self.stack):
            self.labels[-1] += data
        elif any(t == "p" for t, _ in self.stack):
            self.paragraphs[-1] += data

    def close(self):
        super().close()
        assert not self.stack, f"unclosed tags: {[t for t, _ in self.stack]}"


def parse(markup: str) -> Page:
    page = Page()
    page.feed(markup)
    page.close()
    return page


def quotes_table(article_id: str, rows: list[dict]) -> pd.DataFrame:
    """A quotes table shaped like the pipeline's (source columns from `sources.attribute`), with the
    sides (default: none) and tone (default: 0) given in `rows`."""
    base = {column: None for column in QUOTE_COLUMNS}
    records = [{**base, "article_id": article_id, "quote_id": f"q{i}", "kind": "direct", "text": "one two",
                "paragraph": 1, **{k: v for k, v in row.items() if k not in ("side", "compound")}}
               for i, row in enumerate(rows)]
    table = sources.attribute(pd.DataFrame(records, columns=QUOTE_COLUMNS))
    return table.assign(side=[row.get("side") for row in rows], compound=[row.get("compound", 0.0) for row in rows])


HOSTILE = ("Rebels <b>win</b> & \"celebrate\"\n\n"
           "\"<script>alert('x')</script> is what we found,\" said <i>Abu Omar</i> of the FSA.\n\n"
           "State TV said <img src=x onerror=alert(1)> was fake.")


@pytest.fixture()
def hostile():
    return presslens.from_text(HOSTILE, id="hostile", title="<script>document.title='pwned'</script>",
                               outlet="<a href='http://evil.example'>AFP</a>")


# ---- escaping ----------------------------------------------------------------------------------

def test_article_markup_in_text_is_shown_as_text(hostile):
    start = HOSTILE.index("\"<script>")
    quotes = quotes_table("hostile", [{"start": start, "end": HOSTILE.index(" said <i>"),
                                       "speaker": "<i>Abu Omar</i>", "side": "<opposition>"}])
    markup = report.article_html(hostile, quotes, colors={})
    assert "<script" not in markup and "<img" not in markup and "<b>" not in markup and "<i>" not in markup
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in markup
    page = parse(markup)
    assert page.labels == ["<i>Abu Omar</i>"]
    assert page.marks[0]["data-side"] == "<opposition>"
    assert "\n".join(page.paragraphs) == "\n".join(HOSTILE[s:e] for s, e in paragraphs(HOSTILE))


def test_report_page_escapes_text_and_metadata(hostile, tmp_path):
    analysis = presslens.analyze(hostile)
    path = report.write(analysis, tmp_path)
    page = path.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "<img src=x" not in page and "<a href" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page  # the title, as text
    assert "&lt;a href=&#x27;http://evil.example&#x27;&gt;AFP&lt;/a&gt;" in page  # the outlet, as text
    parse(page)


# ---- highlighting ------------------------------------------------------------------------------

def test_quotes_are_highlighted_in_side_colour_with_speaker_labels(seed):
    text = seed.text
    first = text.index("“The armed forces")
    second = text.index("“Collapse")
    quotes = quotes_table(seed.id, [
        {"start": first, "end": text.index("”", first) + 1, "speaker_name": "state television", "side": "government"},
        {"start": second, "end": text.index("”", second + 1) + 1, "speaker": "a banner", "side": "opposition"},
    ])
    colors = {"government": "#0072B2", "opposition": "#D55E00"}
    page = parse(report.article_html(seed, quotes, colors=colors))
    assert page.labels == ["state television", "a banner"]
    styles = [mark["style"] for mark in page.marks]
    assert "border-bottom:0.16em solid #0072b2" in styles[0] and "border-bottom:0.16em solid #d55e00" in styles[1]
    assert len(page.paragraphs) == len(paragraphs(text))


def test_colours_come_from_the_shared_palette_unless_overridden(seed):
    quotes = quotes_table(seed.id, [{"start": 60, "end": 90, "side": "a profile's own side"},
                                    {"start": 100, "end": 120, "side": "opposition"},
                                    {"start": 130, "end": 140, "side": None}])
    page = parse(report.article_html(seed, quotes))
    assert page.labels == [report.UNKNOWN_SPEAKER] * 3
    assert [m["data-side"] for m in page.marks] == ["a profile's own side", "opposition", report.NO_SIDE]
    expected = plots.side_colors(["a profile's own side"])
    for mark in page.marks:
        assert f"solid {expected[mark['data-side']].lower()}" in mark["style"]
    overridden = parse(report.article_html(seed, quotes, colors={"opposition": "#123456"}))
    assert "solid #123456" in overridden.marks[1]["style"]


def test_quotes_of_other_articles_and_rows_without_offsets_are_ignored(seed):
    quotes = pd.concat([quotes_table("another-article", [{"start": 60, "end": 90, "speaker": "elsewhere"}]),
                        quotes_table(seed.id, [{"start": float("nan"), "end": 90, "speaker": "no offsets"},
                                               {"start": 95, "end": 95, "speaker": "empty span"},
                                               {"start": 100, "end": 120, "speaker": "kept"}])])
    page = parse(report.article_html(seed, quotes, colors={}))
    assert page.labels == ["kept"]


def test_quote_across_paragraphs_is_marked_in_each_and_labelled_once():
    text = "One paragraph starts here.\n\nAnother one follows.\n\nA third."
    article = presslens.from_text(text, id="a")
    quotes = quotes_table("a", [{"start": 4, "end": text.index("follows"), "speaker": "Ann"},
                                {"start": 10, "end": text.index("third"), "speaker": "Ben"}])
    page = parse(report.article_html(article, quotes, colors={}))
    assert page.labels == ["Ann", "Ben"]
    covered = {(m["data-quote"]) for m in page.marks}
    assert covered == {"q0", "q1"}
    assert page.paragraphs == [text[s:e] for s, e in paragraphs(text)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-5, 80), st.integers(-5, 80)), max_size=6))
def test_any_quote_spans_give_well_formed_html_that_keeps_the_text(spans):
    text = "A <first> & \"quoted\" line.\n\nSecond paragraph,\nwrapped.\n\nThird one's end."
    article = presslens.from_text(text, id="t")
    quotes = quotes_table("t", [{"start": s, "end": e, "speaker": f"S{i}"} for i, (s, e) in enumerate(spans)])
    page = parse(report.article_html(article, quotes, colors={}))
    assert page.paragraphs == [text[s:e] for s, e in paragraphs(text)]
    expected = {f"S{i}" for i, (s, e) in enumerate(spans)
                if any(max(s, ps) < min(e, pe) for ps, pe in paragraphs(text))}
    assert set(page.labels) == expected


# ---- tables ------------------------------------------------------------------------------------

def test_table_html_bounds_rows_and_escapes_cells():
    frame = pd.DataFrame({"name": [f"<b>{i}</b>" for i in range(5)], "score": [0.12345] * 5})
    markup = report.table_html(frame, max_rows=3)
    assert markup.count("<tr>") == 4  # header + 3 rows
    assert "&lt;b&gt;2&lt;/b&gt;" in markup and "&lt;b&gt;3&lt;/b&gt;" not in markup
    assert "0.123" in markup and "Showing 3 of 5 rows" in markup


def test_table_html_says_the_whole_tables_size_when_given_its_first_rows():
    frame = pd.DataFrame({"name": list("abc")})
    markup = report.table_html(frame, max_rows=2, total=40)
    assert markup.count("<tr>") == 3 and "Showing 2 of 40 rows" in markup
    assert "Showing" not in report.table_html(frame, max_rows=5, total=3)


# ---- the page ----------------------------------------------------------------------------------

def fake_chart(table, figsize):
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=figsize)
    axes.bar(["a", "b"], [len(table), 1])
    return figure


@pytest.fixture()
def seed_analysis(seed):
    analysis = presslens.analyze(seed)
    text = seed.text
    start = text.index("“The armed forces")
    quotes = quotes_table(seed.id, [{"start": start, "end": text.index("”", start) + 1,
                                     "speaker": "state television", "side": "government", "compound": 0.4}])
    return dataclasses.replace(analysis, quotes=quotes)


def test_report_is_self_contained_with_embedded_charts(seed_analysis, tmp_path, monkeypatch):
    for chart in report.CHARTS.values():
        monkeypatch.setattr(plots, chart.plot, fake_chart, raising=False)
    events = pd.DataFrame([{"article_id": seed_analysis.articles["article_id"][0], "event_id": "e0",
                            "label": "recapture", "value": "2013-07-29"}])
    analysis = dataclasses.replace(seed_analysis, events=events)
    path = report.write(analysis, tmp_path / "out")
    assert path == tmp_path / "out" / "report.html"
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"<(?:script|link|iframe|object|embed)\b|@import|url\(", page, re.IGNORECASE)
    images = re.findall(r'<img [^>]*src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == len(report.CHARTS)
    for chart, data in zip(report.CHARTS.values(), images):
        png = (tmp_path / "out" / f"{chart.name}.png").read_bytes()
        assert png.startswith(PNG_MAGIC) and base64.b64decode(data) == png
    assert "@media print" in page
    parse(page)


def test_report_of_the_seed_has_article_sources_tone_and_timeline(seed_analysis, tmp_path):
    page = report.write(seed_analysis, tmp_path).read_text(encoding="utf-8")
    parsed = parse(page)
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings == ["The article", "Who speaks: sources", "Tone by side", "Timeline"]
    assert re.search(r"<h1>(.*?)</h1>", page).group(1) == seed_analysis.article().title
    assert parsed.labels == ["state television"]
    assert "2013-07-29" in page and "AFP" in page
    tone = re.search(r"<h2>Tone by side</h2>.*?</table>", page, re.DOTALL).group(0)
    assert re.search(r"<td>government</td><td>0.4</td><td>0</td><td>1</td>", tone)
    assert page.count("<img ") == len(report.CHARTS) == 3
    assert 'id="chart-timeline"' in page and 'id="chart-share-of-voice"' in page


def test_report_shows_every_chart_plots_provides(seed_analysis, tmp_path, monkeypatch):
    monkeypatch.setattr(plots, report.CHARTS["tone"].plot, fake_chart, raising=False)
    page = report.write(seed_analysis, tmp_path).read_text(encoding="utf-8")
    assert 'id="chart-tone-by-side"' in page
    assert (tmp_path / "tone-by-side.png").read_bytes().startswith(PNG_MAGIC)


def test_report_of_an_article_without_quotes_says_so(tmp_path):
    analysis = presslens.analyze(presslens.from_text("Quiet day.\n\nNothing was said.", id="quiet"))
    analysis = dataclasses.replace(analysis, quotes=analysis.quotes.iloc[0:0])
    page = report.write(analysis, tmp_path).read_text(encoding="utf-8")
    assert "No sources found." in page and "No quotes, so no tone by side." in page
    assert "0 quotes highlighted" in page and "<img " not in page


def test_corpus_report_shows_a_summary_and_only_the_first_articles_in_full(tmp_path):
    articles = [presslens.from_text(f"Headline {i}\n\nBody of article {i}.", id=f"a{i}") for i in range(5)]
    analysis = presslens.analyze(articles)
    page = report.write(analysis, tmp_path, max_articles=2).read_text(encoding="utf-8")
    parse(page)
    assert page.count('<section class="article"') == 2
    assert 'id="article-a0"' in page and 'id="article-a1"' in page and 'id="article-a2"' not in page
    assert "The first 2 of 5 articles in full." in page
    assert re.search(r"<td>articles</td><td>5</td>", page)
    assert all(f"<td>a{i}</td>" in page for i in range(5))  # the listing names every article


def test_summary_has_one_row_per_article_with_counts_and_tone():
    articles = [presslens.from_text(f"Headline {i}\n\nBody of article {i}.", id=f"a{i}") for i in range(3)]
    analysis = presslens.analyze(articles)
    quotes = pd.concat([quotes_table("a2", [{"start": 0, "end": 4, "side": "opposition", "compound": 0.5},
                                            {"start": 5, "end": 8, "side": None, "compound": -0.1},
                                            {"start": 9, "end": 12, "side": "opposition", "compound": 0.2}]),
                        quotes_table("a0", [{"start": 0, "end": 4, "side": "independent", "compound": 0.0}])])
    events = pd.DataFrame({"article_id": ["a1", "a1"], "event_id": ["e0", "e1"]})
    table = report.summary(dataclasses.replace(analysis, quotes=quotes, events=events))
    assert list(table["article_id"]) == ["a0", "a1", "a2"]
    assert list(table["quotes"]) == [1, 0, 3]
    assert list(table["sides"]) == [1, 0, 2]
    assert list(table["dated events"]) == [0, 2, 0]
    assert table["mean tone"].tolist()[0] == 0.0 and pd.isna(table["mean tone"][1])
    assert table["mean tone"][2] == pytest.approx(0.2)
    assert list(table["title"]) == ["Headline 0", "Headline 1", "Headline 2"]


def test_legend_names_each_side_once_in_its_colour():
    quotes = pd.DataFrame({"side": ["opposition", None, "opposition", "<b>x</b>"]})
    markup = report.legend_html(quotes, colors={"<b>x</b>": "#010203"})
    items = re.findall(r'<li><span class="swatch" style="background-color:(#[0-9a-f]{6})"></span>(.*?)</li>', markup)
    assert items == [(plots.SIDE_COLORS["opposition"].lower(), "opposition"), ("#010203", "&lt;b&gt;x&lt;/b&gt;"),
                     (plots.SIDE_COLORS[report.NO_SIDE].lower(), report.NO_SIDE)]  # the charts' side order
    assert report.legend_html(quotes.iloc[0:0]) == ""


def test_compare_sides_puts_articles_side_by_side():
    articles = [presslens.from_text(f"Headline {i}\n\nBody of article {i}.", id=f"a{i}") for i in range(3)]
    analysis = presslens.analyze(articles)
    quotes = pd.concat([quotes_table("a1", [{"start": 0, "end": 4, "side": "opposition", "compound": 0.5},
                                            {"start": 5, "end": 8, "side": None, "compound": -0.1},
                                            {"start": 9, "end": 12, "side": "opposition", "compound": 0.2}]),
                        quotes_table("a0", [{"start": 0, "end": 4, "side": "independent", "compound": -0.3}])])
    table = report.compare_sides(dataclasses.replace(analysis, quotes=quotes), article_ids=["a1", "a0"])
    assert list(table.index) == ["opposition", "independent", report.NO_SIDE]
    assert list(table.columns.get_level_values("article_id")[::3]) == ["a1", "a0"]
    assert list(table[("a1", "quotes")]) == [2, 0, 1] and list(table[("a0", "quotes")]) == [0, 1, 0]
    assert list(table[("a1", "share of voice %")]) == [66.7, 0.0, 33.3]
    assert table.loc["opposition", ("a1", "mean tone")] == pytest.approx(0.35)
    assert pd.isna(table.loc["opposition", ("a0", "mean tone")])
    assert report.compare_sides(analysis).empty


# ---- readable by a class (classb, issue 14) ------------------------------------------------------

@pytest.fixture(scope="module")
def seed_page(tmp_path_factory):
    from pathlib import Path

    analysis = presslens.analyze(presslens.load(Path(__file__).resolve().parents[1] / "seeds"))
    return analysis, report.write(analysis, tmp_path_factory.mktemp("seed")).read_text(encoding="utf-8")


def _tables(page: str) -> list[tuple[list[str], list[list[str]]]]:
    found = []
    for table in re.findall(r"<table>(.*?)</table>", page, re.DOTALL):
        head = re.findall(r"<th>(.*?)</th>", table)
        rows = [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table)[1:]]
        found.append((head, rows))
    return found


def test_report_tables_speak_words_not_identifiers(seed_page):
    analysis, page = seed_page
    tables = _tables(page)
    assert len(tables) >= 4
    for head, rows in tables:
        assert all("_" not in heading for heading in head), head
        for row in rows:
            assert not any(re.fullmatch(r"[a-z]+(?:_[a-z]+)+", cell) for cell in row), row
    for identifier in ("hedged_quotes", "mean_compound", "armed_opposition", "share_of_voice", "00:00:00"):
        assert identifier not in re.sub(r"<img [^>]*>", "", page)
    assert {"armed_opposition", "state_media"} <= set(analysis.sources["source_type"])  # the seed has them


def test_events_table_has_dates_in_words_and_no_ids(seed_page):
    analysis, page = seed_page
    head, rows = next((h, r) for h, r in _tables(page) if h[:1] == ["when"])
    assert head == ["when", "what", "how exact", "dated by", "paragraph"]
    assert len(rows) == len(analysis.events)
    cells = {cell for row in rows for cell in row}
    assert {"March 2012", "June 2013", "29 Jul 2013", "a month", "the article"} <= cells
    assert not cells & set(analysis.events["event_id"].astype(str)) and not any(re.fullmatch(r"[et]\d+", c) for c in cells)
    assert any(cell.startswith("a quote of ") for cell in cells)


def test_the_first_events_by_date_are_the_same_with_a_limit(seed_page):
    analysis, _ = seed_page
    events = analysis.events.sample(frac=1, random_state=3)  # any row order
    whole = report_tables.events_table(events)
    first = report_tables.events_table(events, limit=4)
    assert len(whole) > 4
    pd.testing.assert_frame_equal(first, whole.head(4))


@pytest.fixture(scope="module")
def demo_analysis():
    from pathlib import Path

    demo = Path(__file__).resolve().parents[1] / "notebooks" / "data"
    return presslens.analyze(presslens.load(demo / "demo-corpus.csv"), profile=str(demo / "demo-profile.yaml"))


def test_the_side_table_adds_up_the_sources_as_side_summary_counts_the_quotes(demo_analysis):
    expected = report_tables.readable(report_tables.in_side_order(
        sources.side_summary(demo_analysis.quotes)[report.SIDE_TABLE_COLUMNS]))
    table = report._side_table(demo_analysis)
    assert len(table) >= 3  # several sides
    pd.testing.assert_frame_equal(table, expected)


def test_sides_come_in_one_order_in_legend_charts_and_tables(seed_page):
    analysis, page = seed_page
    order = plots.side_order(analysis.quotes["side"])
    legend = re.findall(r'<span class="swatch"[^>]*></span>(.*?)</li>', page)
    assert legend == order
    side_rows = [row[0] for row in _tables(page)[0][1]]  # "By side"
    assert side_rows == order
    tone_rows = [row[0] for head, row_list in _tables(page) if head[:2] == ["side", "mean tone"] for row in row_list]
    assert tone_rows == order
    source_sides = [row[3] for row in _tables(page)[1][1]]
    assert sorted(source_sides, key=order.index) == source_sides
    figure = plots.tone_by_side(analysis.quotes)
    drawn = [label.get_text().split(" (n=")[0] for label in figure.axes[0].get_yticklabels()][::-1]  # top first
    assert drawn == order
    figure = plots.share_of_voice(analysis.quotes)
    assert [label.get_text() for label in figure.axes[0].get_yticklabels()] == order


def test_share_of_voice_caption_says_what_the_chart_shows(seed_analysis):
    caption = report.CHARTS["sourcing"].caption.lower()
    figure = getattr(plots, report.CHARTS["sourcing"].plot)(seed_analysis.quotes, figsize=report.CHART_FIGSIZE)
    axes = figure.axes[0]
    assert axes.get_title().lower().endswith("by side") and "each side" in caption
    assert "quoted words" in axes.get_xlabel() and "quoted words" in caption
    assert "source type" not in caption  # the chart is drawn by side only


@pytest.mark.parametrize("color", [*plots.SIDE_COLORS.values(), *plots.EXTRA_SIDE_COLORS, "#777777", "#767676",
                                   "#ff0000", "#00ff00", "#808000", "#ffffff", "#000000"])
def test_speaker_labels_have_at_least_4_5_to_1_contrast(color):
    assert report.contrast(report._text_color(color), color) >= 4.5


def test_contrast_is_the_wcag_ratio():
    assert report.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert report.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # WCAG's lightest AA grey
    assert report.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


def test_quote_kinds_are_told_apart_by_their_underline(seed):
    text = seed.text
    kinds = list(report.KIND_UNDERLINES)
    starts = [text.index("“The armed forces"), text.index("“Collapse"), text.index("“If Homs")]
    quotes = quotes_table(seed.id, [{"start": start, "end": start + 10, "kind": kind, "side": "opposition"}
                                    for start, kind in zip(starts, kinds)])
    marks = parse(report.article_html(seed, quotes)).marks
    assert [re.search(r"border-bottom:[^;]* (solid|dashed|dotted) ", m["style"]).group(1) for m in marks] == \
        ["solid", "dashed", "dotted"]
    assert len(set(report.KIND_UNDERLINES.values())) == len(report.KIND_UNDERLINES)
    key = report.kinds_html()
    assert all(f"{style} " in key for style in report.KIND_UNDERLINES.values())


def test_a_report_with_only_the_publication_date_draws_its_timeline_without_warnings(tmp_path):
    import warnings

    article = presslens.from_text("Calm day\n\nThe army said \"All is quiet\" here.", id="calm", published="2013-07-29")
    analysis = presslens.analyze(article)
    assert list(analysis.events["kind"]) == ["publication"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = report.write(analysis, tmp_path).read_text(encoding="utf-8")
    assert [str(w.message) for w in caught] == []
    assert 'id="chart-timeline"' in page and "<td>29 Jul 2013</td>" in page
