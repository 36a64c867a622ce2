"""The sourcing charts: what each one draws (bar sizes, order, colours, labels, marks), not only that it runs."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

import presslens  # noqa: E402
from presslens import plots, report, sources  # noqa: E402

SEED_SIDES = ["pro-government", "opposition", "independent"]  # the seed's sides in `side_order`


@pytest.fixture(scope="module")
def analysis(seed):
    return presslens.analyze(seed)


@pytest.fixture(autouse=True)
def no_show_and_close(monkeypatch):
    def show(*args, **kwargs):
        raise AssertionError("a chart function must not call plt.show()")

    monkeypatch.setattr(plt, "show", show)
    yield
    plt.close("all")


def bars(container):
    return [(patch.get_y() + patch.get_height() / 2, patch.get_x(), patch.get_width(), patch.get_facecolor())
            for patch in container.patches]


def tick_labels(axis):
    return [label.get_text() for label in axis.get_ticklabels()]


def texts(ax):
    return [text.get_text() for text in ax.texts]


def colour(side, sides=()):
    return to_rgba(plots.side_colors(sides)[side])


# ---- order and colours -------------------------------------------------------------------------

@pytest.mark.parametrize("sides, expected", [
    (["unassigned", "opposition", "pro-government"], ["pro-government", "opposition", "unassigned"]),
    (["independent", "zealots", "unassigned", "agrarians"], ["independent", "agrarians", "zealots", "unassigned"]),
    ([], []),
])
def test_side_order_is_palette_order_then_alphabetical_then_unassigned(sides, expected):
    assert plots.side_order(sides) == expected
    assert plots.side_order(list(reversed(sides))) == expected


# ---- share of voice ----------------------------------------------------------------------------

def test_share_of_voice_by_side_draws_each_sides_share_of_quoted_words(analysis):
    table = analysis.sources
    total = table["words_quoted"].sum()
    opposition = table.loc[table["side"] == "opposition", "words_quoted"].sum()
    assert total == 205 and opposition == 109  # the seed: Abu Rami, al-Lowz, activists, rebels
    fig = plots.share_of_voice(analysis.quotes, figsize=(6.5, 3.0))
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == (6.5, 3.0)
    assert tick_labels(ax.yaxis) == SEED_SIDES
    drawn = bars(ax.containers[0])
    assert [y for y, _, _, _ in drawn] == [0, 1, 2]
    expected = [table.loc[table["side"] == side, "words_quoted"].sum() / total for side in SEED_SIDES]
    assert [width for _, _, width, _ in drawn] == pytest.approx(expected)
    assert drawn[1][2] == pytest.approx(opposition / total)
    assert [color for _, _, _, color in drawn] == [colour(side) for side in SEED_SIDES]
    assert texts(ax) == ["38% (77 words)", "53% (109 words)", "9% (19 words)"]
    assert ax.get_title() == "Share of voice by side"
    assert ax.get_xlabel() == "share of all quoted words (205 words)" and ax.get_ylabel() == "side"


def test_share_of_voice_agrees_with_side_summary_and_the_sources_table(analysis):
    summary = sources.side_summary(analysis.quotes).set_index("side")["share_of_voice"]
    from_quotes = plots.share_of_voice(analysis.quotes).axes[0]
    from_sources = plots.share_of_voice(analysis.sources).axes[0]
    widths = [width for _, _, width, _ in bars(from_quotes.containers[0])]
    assert widths == pytest.approx(summary[SEED_SIDES].tolist())
    assert widths == [width for _, _, width, _ in bars(from_sources.containers[0])]


def test_share_of_voice_by_source_type_splits_each_type_into_its_sides(analysis):
    table = analysis.sources
    total = table["words_quoted"].sum()
    ax = plots.share_of_voice(analysis.sources, by="source_type", figsize=(7.0, 3.5)).axes[0]
    types = tick_labels(ax.yaxis)
    assert types == ["government", "state_media", "military", "armed_opposition", "activist", "monitor"]
    assert types == [t for t in sources.SOURCE_TYPES if t in set(table["source_type"])]
    assert [container.get_label() for container in ax.containers] == SEED_SIDES
    widths = {}
    for container in ax.containers:
        side = container.get_label()
        for y, left, width, color in bars(container):
            source_type = types[round(y)]
            expected = table.loc[(table["source_type"] == source_type) & (table["side"] == side), "words_quoted"]
            assert width == pytest.approx(expected.sum() / total)
            assert left == pytest.approx(widths.get(source_type, 0.0))  # segments follow each other
            assert color == colour(side)
            widths[source_type] = widths.get(source_type, 0.0) + width
    by_type = table.groupby("source_type")["words_quoted"].sum() / total
    assert [widths[t] for t in types] == pytest.approx(by_type[types].tolist())
    assert texts(ax)[types.index("activist")] == "51% (104 words)"
    assert [text.get_text() for text in ax.get_legend().get_texts()] == SEED_SIDES
    assert ax.get_title() == "Share of voice by source type" and ax.get_ylabel() == "source type"


def test_share_of_voice_rejects_an_unknown_grouping(analysis):
    with pytest.raises(ValueError, match="'speaker'"):
        plots.share_of_voice(analysis.quotes, by="speaker")


def test_a_profiles_own_sides_get_the_colours_of_the_html_highlighting(seed):
    profile = {"name": "class", "sides": {"loyalists": ["regime", "state television", "army", "soldier"],
                                          "opposition": ["activist", "rebel"]}}
    analysis = presslens.analyze(seed, profile=profile)
    ax = plots.share_of_voice(analysis.quotes).axes[0]
    sides = tick_labels(ax.yaxis)
    assert sides == ["opposition", "loyalists", "unassigned"]  # palette sides, own sides, unassigned last
    highlight = report.palette(set(analysis.quotes["side"]))
    assert [color for _, _, _, color in bars(ax.containers[0])] == [to_rgba(highlight[side]) for side in sides]
    assert to_rgba(highlight["loyalists"]) not in [to_rgba(c) for c in plots.SIDE_COLORS.values()]


# ---- where each side speaks --------------------------------------------------------------------

def marks(ax):
    """(side, kind) -> sorted x positions of the marks of that side and kind, checking their colour."""
    found = {}
    for line in ax.lines:
        side, kind = line.get_label().split(": ")
        assert to_rgba(line.get_color()) == colour(side)
        assert line.get_fillstyle() == plots.KIND_MARKERS[kind]
        found[side, kind] = sorted(line.get_xdata())
    return found


def test_quote_positions_puts_a_mark_per_quote_at_its_paragraph_in_its_sides_row(analysis):
    quotes = analysis.quotes
    fig = plots.quote_positions(quotes, analysis.sentences, figsize=(8.0, 2.8))
    ax = fig.axes[0]
    counts = quotes["side"].value_counts()
    assert tick_labels(ax.yaxis) == [f"{side} (n={counts[side]})" for side in SEED_SIDES]
    expected = {(side, kind): sorted(group["paragraph"].tolist())
                for (side, kind), group in quotes.groupby(["side", "kind"])}
    assert marks(ax) == expected
    assert expected["opposition", "direct"] == [10, 11, 17, 18, 19]  # al-Lowz, then Abu Rami
    assert expected["independent", "indirect"] == [15]
    for line in ax.lines:  # each mark in its side's row (shifted a little when a side speaks twice in a paragraph)
        row = SEED_SIDES.index(line.get_label().split(": ")[0])
        assert all(abs(y - row) < 0.5 for y in line.get_ydata())
    independent = [(x, y) for line in ax.lines if line.get_label().startswith("independent")
                   for x, y in line.get_xydata()]
    assert len({y for _, y in independent}) == 2  # the Observatory's two quotes in paragraph 15 do not overlap
    assert ax.get_xlim() == (-0.5, 20.5)  # the whole article: headline (0) to the last paragraph (20)
    assert ax.get_xlabel() == "paragraph (0 = headline)" and ax.get_ylabel() == "side"
    assert ax.get_title() == "Where each side speaks: one mark per quote"
    assert [text.get_text() for text in ax.get_legend().get_texts()] == list(sources.KINDS)


def test_quote_positions_relative_divides_by_the_last_paragraph(analysis):
    quotes = analysis.quotes
    ax = plots.quote_positions(quotes, analysis.sentences, relative=True).axes[0]
    last = analysis.sentences["paragraph"].max()
    assert last == 20
    expected = {(side, kind): pytest.approx(sorted((group["paragraph"] / last).tolist()))
                for (side, kind), group in quotes.groupby(["side", "kind"])}
    assert marks(ax) == expected
    assert ax.get_xlabel().startswith("position in the article")


# ---- cues and channels -------------------------------------------------------------------------

def counted(ax):
    """category -> side -> number of quotes drawn."""
    categories = tick_labels(ax.yaxis)
    found = {}
    for container in ax.containers:
        side = container.get_label()
        for y, _, width, color in bars(container):
            assert color == colour(side)
            found.setdefault(categories[round(y)], {})[side] = width
    return found


@pytest.mark.parametrize("by, categories", [
    ("cue_class", list(sources.CUE_CLASSES)),
    ("kind", list(sources.KINDS)),
    ("channel", ["by internet", "interview on state television", "via the internet", plots.NO_CHANNEL]),
    ("cue", ["said", "told", "added", "adding", "calling", "chanting", "dubbed", "says", plots.NO_CUE]),
])
def test_attribution_by_side_counts_quotes_per_category_and_side(analysis, by, categories):
    quotes = analysis.quotes
    ax = plots.attribution_by_side(quotes, by=by, figsize=(7.0, 3.0)).axes[0]
    assert tick_labels(ax.yaxis) == categories
    assert [container.get_label() for container in ax.containers] == SEED_SIDES
    values = quotes[by].fillna("").str.strip()
    values = values.str.lower().replace("", plots.NO_CUE) if by == "cue" else values.replace("", plots.NO_CHANNEL)
    crosstab = pd.crosstab(values, quotes["side"])
    drawn = counted(ax)
    for category in categories:
        for side in SEED_SIDES:
            expected = crosstab.loc[category, side] if category in crosstab.index else 0
            assert drawn[category][side] == expected, (category, side)
    assert ax.get_xlabel() == "number of quotes" and ax.get_ylabel() == plots.ATTRIBUTION_BY[by]
    assert ax.get_title() == f"How each side is quoted: quotes per {plots.ATTRIBUTION_BY[by]}"


def test_attribution_by_side_shows_the_seeds_channels_and_no_loaded_cue(analysis):
    channels = counted(plots.attribution_by_side(analysis.quotes, by="channel").axes[0])
    assert channels["interview on state television"] == {"pro-government": 1, "opposition": 0, "independent": 0}
    assert channels["via the internet"]["opposition"] == 1 and channels["by internet"]["opposition"] == 1
    cue_classes = counted(plots.attribution_by_side(analysis.quotes).axes[0])
    assert cue_classes["loaded"] == dict.fromkeys(SEED_SIDES, 0)  # shown, with no bar, rather than left out
    assert cue_classes["neutral"] == {"pro-government": 5, "opposition": 5, "independent": 2}


def test_attribution_by_side_rejects_an_unknown_grouping(analysis):
    with pytest.raises(ValueError, match="'hedges'"):
        plots.attribution_by_side(analysis.quotes, by="hedges")


# ---- no quotes ---------------------------------------------------------------------------------

EMPTY_CASES = [  # chart, keyword arguments, table of `presslens.analyze` it is given
    ("share_of_voice", {}, "quotes"), ("share_of_voice", {"by": "source_type"}, "quotes"),
    ("share_of_voice", {}, "sources"), ("share_of_voice", {"by": "source_type"}, "sources"),
    ("quote_positions", {}, "quotes"), ("quote_positions", {"relative": True}, "quotes"),
    ("attribution_by_side", {}, "quotes"), ("attribution_by_side", {"by": "channel"}, "quotes"),
]


@pytest.mark.parametrize("chart, options, table", EMPTY_CASES)
def test_an_empty_table_gives_a_no_quotes_figure(analysis, chart, options, table):
    fig = getattr(plots, chart)(getattr(analysis, table).iloc[0:0], figsize=(5.0, 2.0), **options)
    ax = fig.axes[0]
    assert texts(ax) == ["no quotes"] and not ax.axison and ax.get_title()
    assert not ax.patches and not ax.lines
    assert tuple(fig.get_size_inches()) == (5.0, 2.0)


def test_the_pipeline_table_of_an_article_without_quotes_is_drawn_as_no_quotes():
    analysis = presslens.analyze(presslens.from_text("Quiet day.\n\nNothing happened.", id="quiet"))
    assert analysis.quotes.empty
    for fig in (plots.share_of_voice(analysis.quotes), plots.quote_positions(analysis.quotes, analysis.sentences),
                plots.attribution_by_side(analysis.quotes, by="cue")):
        assert texts(fig.axes[0]) == ["no quotes"]


# ---- the timeline's date axis (classb, issue 14) ---------------------------------------------------

def _events(*periods, published="2013-07-29"):
    rows = [{"event_id": f"e{n}", "label": f"event {n}", "start_date": pd.Timestamp(start),
             "end_date": pd.Timestamp(end), "kind": "timex", "in_quote": False, "mod": ""}
            for n, (start, end) in enumerate(periods)]
    rows.append({"event_id": "p", "label": "published", "start_date": pd.Timestamp(published),
                 "end_date": pd.Timestamp(published), "kind": "publication", "in_quote": False, "mod": ""})
    return pd.DataFrame(rows)


def _tick_labels(events):
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = plots.timeline_chart(events, figsize=(9.0, 4.0))
        figure.canvas.draw()
        figure.savefig(__import__("io").BytesIO(), format="png", dpi=40)
    assert [str(w.message) for w in caught] == []
    return [label.get_text() for label in figure.axes[0].get_xticklabels()]


@pytest.mark.parametrize("periods, years", [
    ([("2012-03-01", "2012-03-31"), ("2013-06-01", "2013-06-30")], range(2012, 2014)),  # the seed's span
    ([("2012-12-20", "2012-12-20")], range(2012, 2014)),  # across a new year, in days
    ([("2001-09-11", "2001-09-11")], range(2001, 2014)),  # twelve years: a tick on each
    ([("2000-05-01", "2000-05-31")], range(2000, 2014)),  # fourteen years
])
def test_timeline_axis_names_every_year_it_spans_without_warnings(periods, years):
    labels = _tick_labels(_events(*periods))
    shown = {int(word) for label in labels for word in label.split() if word.isdigit() and len(word) == 4}
    assert set(years) <= shown, labels


@pytest.mark.parametrize("periods", [[], [("1914-07-28", "1918-11-11")], [("0001-01-01", "0001-12-31")],
                                     [("9999-01-01", "9999-12-31")]], ids=["publication only", "a century",
                                                                             "year 1", "year 9999"])
def test_timeline_axis_is_sensible_for_a_single_date_or_a_long_span(periods):
    labels = _tick_labels(_events(*periods))
    assert 3 <= len(labels) <= 14 and all(labels), labels
    if not periods:  # a month around the one date, in days, the year written once
        assert sum("2013" in label for label in labels) == 1 and labels[0].endswith("2013")
