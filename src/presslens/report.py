"""The HTML report: one self-contained `report.html` a student can open, read and print.

`article_html()` renders an article with every quote highlighted in its side's colour and
labelled with its speaker; `write()` puts articles, tables and charts into `report.html` (no
external scripts, fonts or styles: charts are embedded as PNG) and saves each chart as a PNG
beside it. Every piece of text from an article or its metadata is escaped, so an article that
contains `<script>` or HTML shows it as text. The page layout and look live in
`data/report.html` and `data/report.css`, which a teacher can edit.
"""
from __future__ import annotations

import base64
import bisect
import html
import io
import re
import string
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import __version__, datafiles
from .model import Analysis, Article
from .output import atomic_open, atomic_path
from .report_tables import events_table, in_side_order, readable
from .sentiment import tone_by
from .sources import side_summary
from .tokenize import paragraphs

__all__ = ["CHARTS", "CHART_DPI", "CHART_FIGSIZE", "CHART_FONT_SIZE", "DEFAULT_MAX_ARTICLES", "HIGHLIGHT_STRENGTH",
           "KIND_UNDERLINES", "KIND_WORDS", "MAX_TABLE_ROWS", "NO_SIDE", "SIDE_TABLE_COLUMNS",
           "SOURCE_TABLE_COLUMNS", "SPEAKER_LABELS", "UNKNOWN_SPEAKER", "ArticleView", "Chart", "article_html",
           "compare_sides", "contrast", "kinds_html", "legend_html", "luminance", "page_html", "palette",
           "render_charts", "summary", "table_html", "view", "write"]

DEFAULT_MAX_ARTICLES = 10
MAX_TABLE_ROWS = 200
NO_SIDE = "unassigned"  # the side of a quote no profile rule places (as in `plots.SIDE_COLORS`)
UNKNOWN_SPEAKER = "unattributed"
SPEAKER_LABELS = ("speaker_name", "speaker_role", "speaker")  # a quote's label: the first of these that is set
SOURCE_TABLE_COLUMNS = ["article_id", "name", "role", "source_type", "side", "quotes", "direct", "partial",
                        "indirect", "share_of_voice", "cues", "hedged_quotes"]
SIDE_TABLE_COLUMNS = ["side", "sources", "quotes", "direct", "partial", "indirect", "share_of_voice",
                      "hedged_quotes"]
CHART_FIGSIZE = (7.0, 3.5)
CHART_DPI = 200  # about twice the pixels the page shows: sharp on a projector and in print
CHART_FONT_SIZE = 11  # points at the chart's size on the page: readable at the back of a classroom
#: How the underline of a quote shows its kind (explained in the report's key; also in `title`).
KIND_UNDERLINES: dict[str, str] = {"direct": "solid", "partial": "dashed", "indirect": "dotted"}
KIND_WORDS: dict[str, str] = {"direct": "direct quote: the speaker's exact words in quotation marks",
                              "partial": "partial quote: a few quoted words inside the reporter's sentence",
                              "indirect": "reported speech: what the speaker said, in the reporter's words"}
HIGHLIGHT_STRENGTH = 0.35  # how much of the side's colour shows behind a quote (0 = white, 1 = full)


# ---- colours -----------------------------------------------------------------------------------

def palette(sides, *, colors: Mapping | None = None) -> dict[str, str]:
    """A colour for each of `sides`: the shared `presslens.plots` palette, overridden by `colors`."""
    from .plots import side_colors

    return {**side_colors(sides), **(colors or {})}


def _hex(color) -> str:
    from matplotlib.colors import to_hex

    return to_hex(color)


def _tint(color: str, strength: float = HIGHLIGHT_STRENGTH) -> str:
    from matplotlib.colors import to_hex, to_rgb

    return to_hex(tuple(strength * c + (1 - strength) for c in to_rgb(color)))


def luminance(color) -> float:
    """The relative luminance of a colour (WCAG 2: 0 for black, 1 for white)."""
    from matplotlib.colors import to_rgb

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in to_rgb(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground, background) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _text_color(color: str) -> str:
    """Black or white, whichever contrasts more with `color` (at least 4.58:1 for any colour)."""
    return "#000000" if contrast("#000000", color) >= contrast("#ffffff", color) else "#ffffff"


def _side_name(value) -> str:
    return NO_SIDE if _missing(value) or not str(value).strip() else str(value)


def _color_for(side: str, colors: Mapping) -> str:
    return _hex(colors[side])


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


# ---- the highlighted article -------------------------------------------------------------------

@dataclass(frozen=True)
class _QuoteSpan:
    row: int  # position in the quotes table: identifies the quote even where quote ids repeat
    start: int
    end: int
    quote_id: str
    speaker: str
    side: str
    kind: str


def _quote_spans(article: Article, quotes: pd.DataFrame) -> list[_QuoteSpan]:
    """The article's quotes as clipped, valid character spans, outermost first."""
    if quotes is None or quotes.empty or not {"start", "end"} <= set(quotes.columns):
        return []
    if "article_id" in quotes.columns:
        quotes = quotes[quotes["article_id"].astype(str) == article.id]
    spans = []
    for number, row in enumerate(quotes.to_dict("records")):
        if _missing(row["start"]) or _missing(row["end"]):
            continue
        start, end = max(0, int(row["start"])), min(len(article.text), int(row["end"]))
        if start >= end:
            continue
        speaker = next((str(row[c]) for c in SPEAKER_LABELS
                        if not _missing(row.get(c)) and str(row[c]).strip()), UNKNOWN_SPEAKER)
        quote_id = row.get("quote_id")
        spans.append(_QuoteSpan(number, start, end, f"q{number}" if _missing(quote_id) else str(quote_id),
                                speaker, _side_name(row.get("side")),
                                "" if _missing(row.get("kind")) else str(row["kind"])))
    return sorted(spans, key=_outermost_first)


def _speaker_label(span: _QuoteSpan, colors: Mapping) -> str:
    color = _color_for(span.side, colors)
    return (f'<span class="speaker" data-quote="{html.escape(span.quote_id)}" '
            f'style="background-color:{color};color:{_text_color(color)}">{html.escape(span.speaker)}</span>')


def _open_mark(span: _QuoteSpan, colors: Mapping) -> str:
    color = _color_for(span.side, colors)
    title = f"{span.speaker} · {span.side}" + (f" · {span.kind}" if span.kind else "")
    underline = KIND_UNDERLINES.get(span.kind, "solid")
    return (f'<mark class="quote" data-quote="{html.escape(span.quote_id)}" data-side="{html.escape(span.side)}" '
            f'data-kind="{html.escape(span.kind)}" title="{html.escape(title)}" '
            f'style="background-color:{_tint(color)};border-bottom:0.16em {underline} {color}">')


def article_html(article: Article, quotes: pd.DataFrame, *, colors: Mapping | None = None) -> str:
    """The article as HTML paragraphs (`<p>`), each quote highlighted and labelled with its speaker.

    `quotes` is a quotes table (`start`, `end`, `speaker_name`/`speaker_role`/`speaker`, `side`, ...); rows of
    other articles are ignored. Quotes may nest, overlap or cross paragraph breaks: each piece of
    text is wrapped in the marks of every quote covering it, so the HTML is always well formed.
    `colors` maps a side to a colour, overriding the shared palette of `presslens.plots`.
    """
    text = article.text
    spans = _quote_spans(article, quotes)  # sorted by start, outermost first
    colors = palette({s.side for s in spans}, colors=colors)
    boundaries = sorted({x for s in spans for x in (s.start, s.end)})
    labelled: set[int] = set()
    active: dict[int, _QuoteSpan] = {}  # the quotes covering the current piece, outermost first
    next_span = 0
    out = []
    for index, (p_start, p_end) in enumerate(paragraphs(text)):
        first = bisect.bisect_right(boundaries, p_start)
        last = bisect.bisect_left(boundaries, p_end, lo=first)
        cuts = [p_start, *boundaries[first:last], p_end]
        pieces = []
        for start, end in zip(cuts, cuts[1:]):
            # one sweep over the text: a quote joins at its start and leaves at its end
            while next_span < len(spans) and spans[next_span].start <= start:
                active[spans[next_span].row] = spans[next_span]
                next_span += 1
            for row in [row for row, span in active.items() if span.end <= start]:
                del active[row]
            covering = sorted(active.values(), key=_outermost_first) if len(active) > 1 else list(active.values())
            for span in covering:
                if span.row not in labelled:
                    labelled.add(span.row)
                    pieces.append(_speaker_label(span, colors))
            pieces.append("".join(_open_mark(s, colors) for s in covering) + html.escape(text[start:end])
                          + "</mark>" * len(covering))
        headline = index == 0 and article.title and text[p_start:p_end].strip() == article.title.strip()
        out.append(f'<p class="headline">{"".join(pieces)}</p>' if headline else f'<p>{"".join(pieces)}</p>')
    return "\n".join(out)


def _outermost_first(span: _QuoteSpan) -> tuple[int, int, int]:
    return span.start, -span.end, span.row


def legend_html(quotes: pd.DataFrame, *, colors: Mapping | None = None) -> str:
    """A key of the side colours in a quotes table, one swatch per side (sorted); empty without quotes."""
    if quotes.empty or "side" not in quotes.columns:
        return ""
    from .plots import side_order

    sides = side_order({_side_name(value) for value in quotes["side"]})
    colors = palette(sides, colors=colors)
    items = "".join(f'<li><span class="swatch" style="background-color:{_color_for(side, colors)}"></span>'
                    f"{html.escape(side)}</li>" for side in sides)
    return f'<ul class="legend">{items}</ul>'



# ---- the notebook view -------------------------------------------------------------------------
# JupyterLab shows an HTML output without report.css (and sanitises <style> away in an untrusted
# notebook), so the notebook view carries the report's look as inline styles, read from the same
# report.css: one place for the look of both.

_CSS_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
_TAG = re.compile(r'<([a-z]+)\b([^>]*?)\bclass="([^"]*)"([^>]*)>')


def _declarations(body: str, variables: Mapping[str, str]) -> str:
    parts = [d.strip() for d in body.split(";") if ":" in d]
    resolved = [re.sub(r"var\((--[\w-]+)\)", lambda m: variables.get(m.group(1), m.group(0)), d) for d in parts]
    return ";".join(d for d in resolved if not d.startswith("--"))


def _css_rules(css: str) -> list[tuple[str, str]]:
    """(compound selector, declarations) of report.css's top-level rules, variables resolved; @media
    blocks and rules for nested elements (`mark.quote mark.quote`) are left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)  # @media ... { rules }
    rules = [(selector.strip(), body) for selector, body in _CSS_RULE.findall(css)]
    variables = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+)", "".join(b for sel, b in rules if sel == ":root")))
    out = []
    for selectors, body in rules:
        for selector in selectors.split(","):
            compound = selector.split()[-1] if selector.split()[:-1] == [".text"] else selector.strip()
            if " " not in compound:
                out.append((compound, _declarations(body, variables)))
    return out


def _matches(compound: str, tag: str, classes: set[str]) -> bool:
    name, *wanted = compound.split(".")
    return (not name or name == tag) and set(wanted) <= classes


def _inline_styles(fragment: str, rules: list[tuple[str, str]]) -> str:
    """`fragment` with each classed element's report.css declarations in its style attribute (an
    element's own style attribute, e.g. its side's colour, comes last and wins, as in the report)."""
    def styled(match: re.Match) -> str:
        tag, before, classes, after = match.groups()
        css = ";".join(body for compound, body in rules if _matches(compound, tag, set(classes.split())) and body)
        own = re.search(r'\sstyle="([^"]*)"', before + after)
        rest = re.sub(r'\sstyle="[^"]*"', "", before.rstrip() + after)
        style = ";".join(part for part in (css, own.group(1) if own else "") if part)
        style = style.replace('"', "&quot;")  # font names in quotes
        return f'<{tag} class="{classes}"{rest.rstrip()}' + (f' style="{style}"' if style else "") + ">"
    return _TAG.sub(styled, fragment)


@dataclass(frozen=True)
class ArticleView:
    """The highlighted article with its legend, as a notebook shows it (`_repr_html_`) and as HTML (`html`)."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def view(article: Article, quotes: pd.DataFrame, *, colors: Mapping | None = None) -> ArticleView:
    """The legend and the highlighted article (`legend_html` + `article_html`) styled like the report,
    with inline styles from `data/report.css`, so it looks the same in JupyterLab: `display(view(...))`
    or a cell that ends with it."""
    rules = _css_rules(datafiles.text("report.css"))
    body = next((b for compound, b in rules if compound == "body"), "")
    page = ";".join(d for d in body.split(";") if d.split(":")[0].strip() in ("font-family", "font-size", "line-height",
                                                                                  "max-width"))
    inner = _inline_styles(legend_html(quotes, colors=colors) + article_html(article, quotes, colors=colors), rules)
    return ArticleView(f'<div class="presslens-view" style="{html.escape(page)}">{inner}</div>')


# ---- tables ------------------------------------------------------------------------------------

def kinds_html() -> str:
    """A key to the underlines: solid for a direct quote, dashed for a partial one, dotted for reported speech."""
    items = "".join(f'<li><span class="kind-sample" style="border-bottom:0.16em {KIND_UNDERLINES[kind]} #1d1d1f">'
                    f'{html.escape(kind)}</span> {html.escape(words.split(": ", 1)[1])}</li>'
                    for kind, words in KIND_WORDS.items())
    return f'<ul class="kinds">{items}</ul>'


def _cell(value) -> str:
    if _missing(value):
        return ""
    if isinstance(value, float):
        return f"{round(value, 3):g}"
    if isinstance(value, pd.Timestamp):
        return html.escape(value.date().isoformat() if value == value.normalize() else value.isoformat(" "))
    return html.escape(str(value))


def table_html(frame: pd.DataFrame, *, max_rows: int = MAX_TABLE_ROWS, empty: str = "No rows.",
               total: int | None = None) -> str:
    """A table as escaped HTML, at most `max_rows` rows (with a note saying how many are left out).

    `total`: how many rows the whole table has, when `frame` holds only its first rows (default: `len(frame)`).
    """
    if frame.empty:
        return f'<p class="empty">{html.escape(empty)}</p>'
    total = len(frame) if total is None else total
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
                   for row in frame.head(max_rows).itertuples(index=False))
    note = ""
    if total > max_rows:
        note = f'<p class="note">Showing {max_rows} of {total} rows; the CSV tables have them all.</p>'
    return f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>{note}'


# ---- charts ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Chart:
    """A chart the report shows when `presslens.plots` provides its function.

    `plot` names a function in `presslens.plots` that takes the table named `table` and a
    `figsize` and returns a matplotlib Figure; the chart is left out while the table is empty.
    """

    name: str
    plot: str
    table: str
    caption: str


CHARTS: dict[str, Chart] = {
    "sourcing": Chart("share-of-voice", "share_of_voice", "sources",
                      "Share of voice: the share of all quoted words spoken by each side."),
    "tone": Chart("tone-by-side", "tone_by_side", "quotes", "Tone of the quoted words by side (VADER compound, -1 to 1)."),
    "timeline": Chart("timeline", "timeline_chart", "events", "Dated events on a time axis, coloured by who dates them."),
}


def _figure_png(figure) -> bytes:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CHART_DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def render_charts(analysis: Analysis, out_dir: Path) -> dict[str, tuple[Chart, bytes]]:
    """Draw every available chart, save it as `out_dir/<name>.png`; returns the PNG bytes by topic.

    A chart that fails to draw is left out with a warning; the rest of the report is still written.
    """
    from . import plots

    rendered = {}
    for topic, chart in CHARTS.items():
        plot: Callable = getattr(plots, chart.plot)
        table = getattr(analysis, chart.table)
        if table.empty:
            continue
        try:
            import matplotlib.pyplot as plt

            with plt.rc_context({"font.size": CHART_FONT_SIZE}):
                png = _figure_png(plot(table, figsize=CHART_FIGSIZE))
        except Exception as error:  # noqa: BLE001 - a chart that cannot be drawn never costs the report
            warnings.warn(f"report: the {chart.name} chart could not be drawn ({type(error).__name__}); "
                          "left out", RuntimeWarning, stacklevel=2)
            import matplotlib.pyplot as plt

            plt.close("all")
            continue
        with atomic_path(out_dir / f"{chart.name}.png") as temporary:
            temporary.write_bytes(png)
        rendered[topic] = (chart, png)
    return rendered


def _chart_html(rendered: dict[str, tuple[Chart, bytes]], topic: str) -> str:
    if topic not in rendered:
        return ""
    chart, png = rendered[topic]
    data = base64.b64encode(png).decode("ascii")
    return (f'<figure class="chart" id="chart-{chart.name}"><img alt="{html.escape(chart.caption)}" '
            f'src="data:image/png;base64,{data}"><figcaption>{html.escape(chart.caption)}</figcaption></figure>')


# ---- the page ----------------------------------------------------------------------------------

def _metadata_html(article: Article) -> str:
    items = [("Outlet", article.outlet), ("Published", article.published.isoformat() if article.published else ""),
             ("Source file", article.origin), ("Id", article.id)]
    return '<dl class="meta">' + "".join(f"<dt>{label}</dt><dd>{html.escape(value)}</dd>"
                                         for label, value in items if value) + "</dl>"


def _article_section(article: Article, quotes: pd.DataFrame, colors: Mapping, heading: str = "h2",
                     title: str | None = None) -> str:
    own = quotes[quotes["article_id"].astype(str) == article.id] if "article_id" in quotes.columns else quotes
    count = len(_one_row_per_quote(own))
    title = title or article.title or article.id
    return (f'<section class="article" id="article-{html.escape(article.id)}">'
            f"<{heading}>{html.escape(title)}</{heading}>{_metadata_html(article)}"
            f'<p class="note">{count} quote{"" if count == 1 else "s"} highlighted; the label before each names the speaker.</p>'
            f"{legend_html(own, colors=colors)}{kinds_html()}"
            f'<div class="text">{article_html(article, own, colors=colors)}</div></section>')


def _section(title: str, *parts: str) -> str:
    return f"<section><h2>{html.escape(title)}</h2>{''.join(parts)}</section>"


def _one_row_per_quote(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes table with one row per quote (a quote over two paragraphs has a row per paragraph)."""
    if quotes.empty or not {"article_id", "quote_id"} <= set(quotes.columns):
        return quotes
    return quotes[~quotes.duplicated(["article_id", "quote_id"]) | quotes["quote_id"].isna()]


def _totals(analysis: Analysis) -> pd.DataFrame:
    return pd.DataFrame({"what": ["articles", "quotes", "sources", "dated events"],
                         "count": [len(analysis.articles), len(_one_row_per_quote(analysis.quotes)), len(analysis.sources),
                                   len(analysis.events)]})


def _count_by_article(table: pd.DataFrame, ids: pd.Series) -> pd.Series:
    if table.empty or "article_id" not in table.columns:
        return pd.Series(0, index=ids, dtype="int64")
    return table["article_id"].astype(str).value_counts().reindex(ids, fill_value=0).astype("int64")


def summary(analysis: Analysis) -> pd.DataFrame:
    """One row per article: its metadata, and how many quotes, sources, sides and dated events it has,
    with the mean tone of its quotes (`compound`, -1 to 1; empty without quotes). Input order."""
    articles = analysis.articles
    ids = articles["article_id"].astype(str)
    quotes = analysis.quotes
    table = articles[["article_id", "title", "published", "outlet"]].copy()
    table["quotes"] = _count_by_article(_one_row_per_quote(quotes), ids).to_numpy()
    table["sources"] = _count_by_article(analysis.sources, ids).to_numpy()
    table["dated events"] = _count_by_article(analysis.events, ids).to_numpy()
    if quotes.empty:
        table["sides"] = 0
        table["mean tone"] = float("nan")
    else:
        by_article = quotes.assign(article_id=quotes["article_id"].astype(str),
                                   side=quotes["side"].map(_side_name),
                                   compound=pd.to_numeric(quotes["compound"], errors="coerce")).groupby("article_id")
        table["sides"] = by_article["side"].nunique().reindex(ids, fill_value=0).astype("int64").to_numpy()
        table["mean tone"] = by_article["compound"].mean().reindex(ids).to_numpy()
    return table[["article_id", "title", "published", "outlet", "quotes", "sources", "sides", "mean tone",
                  "dated events"]].reset_index(drop=True)


def compare_sides(analysis: Analysis, *, article_ids: list[str] | None = None) -> pd.DataFrame:
    """Articles side by side: per side (rows), each article's quotes, share of voice (% of its quoted
    words, as in `presslens.sources`) and mean tone of the quotes (`compound`, -1 to 1).

    Columns are (article_id, measure) pairs in the order of `article_ids` (default: every article);
    sides are sorted by their quotes over these articles, most quoted first.
    """
    ids = [str(i) for i in (analysis.articles["article_id"] if article_ids is None else article_ids)]
    measures = ["quotes", "share of voice %", "mean tone"]
    columns = pd.MultiIndex.from_product([ids, measures], names=["article_id", "measure"])
    quotes = analysis.quotes
    quotes = quotes[quotes["article_id"].astype(str).isin(ids)] if not quotes.empty else quotes
    if quotes.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="side"))
    quotes = quotes.assign(article_id=quotes["article_id"].astype(str), side=quotes["side"].map(_side_name))
    voice = side_summary(quotes, by="article_id")
    tone = pd.concat([tone_by(group, "side").assign(article_id=article_id)
                      for article_id, group in quotes.groupby("article_id")])
    rows = voice.merge(tone[["article_id", "side", "mean_compound"]], on=["article_id", "side"], how="left")
    rows["share of voice %"] = (100 * rows["share_of_voice"].astype(float)).round(1)
    rows = rows.rename(columns={"mean_compound": "mean tone"})
    table = rows.pivot(index="side", columns="article_id", values=measures).swaplevel(axis=1).reindex(columns=columns)
    counts = table.xs("quotes", axis=1, level="measure").fillna(0).astype("int64")
    for article_id in ids:
        table[(article_id, "quotes")] = counts[article_id]
        table[(article_id, "share of voice %")] = table[(article_id, "share of voice %")].astype(float).fillna(0.0)
        table[(article_id, "mean tone")] = table[(article_id, "mean tone")].astype(float)
    order = sorted(table.index, key=lambda side: (-counts.loc[side].sum(), side))
    return table.loc[order].rename_axis("side").rename_axis(["article_id", "measure"], axis=1)


def _shown_html(frame: pd.DataFrame, *, empty: str) -> str:
    """`table_html` of `readable(frame)`, made readable only in the rows the page shows."""
    return table_html(readable(frame.head(MAX_TABLE_ROWS)), empty=empty, total=len(frame))


def _sources_html(analysis: Analysis, corpus: bool) -> str:
    columns = [c for c in SOURCE_TABLE_COLUMNS if c in analysis.sources.columns and (corpus or c != "article_id")]
    return _shown_html(in_side_order(analysis.sources[columns]), empty="No sources found.")


def _events_html(events: pd.DataFrame) -> str:
    """The dated events (`events_table`), only the rows the page shows made readable."""
    dated = int(events["start_date"].notna().sum()) if "start_date" in events.columns else 0
    return table_html(events_table(events, limit=MAX_TABLE_ROWS), empty="No dated events found.", total=dated)


def _side_table(analysis: Analysis) -> pd.DataFrame:
    """`sources.side_summary` of the quotes (its `SIDE_TABLE_COLUMNS`), added up from the sources table, which
    has each source's quotes and words already counted (one side per source)."""
    table = analysis.sources
    if table.empty:
        return pd.DataFrame(columns=SIDE_TABLE_COLUMNS)
    counts = SIDE_TABLE_COLUMNS[2:6] + ["hedged_quotes"]
    frame = table[["side", *counts[:-1], "words_quoted", "hedged_quotes"]].astype(
        {c: "int64" for c in [*counts, "words_quoted"]})
    sides = frame.groupby("side", sort=True).agg(sources=("side", "size"), **{c: (c, "sum") for c in counts},
                                                  words_quoted=("words_quoted", "sum")).reset_index()
    total = sides["words_quoted"].sum()
    sides["share_of_voice"] = (sides["words_quoted"] / total) if total > 0 else 0.0
    sides = sides.sort_values(["share_of_voice", "side"], ascending=[False, True], kind="stable")
    return readable(in_side_order(sides[SIDE_TABLE_COLUMNS].reset_index(drop=True)))


def page_html(analysis: Analysis, rendered: dict[str, tuple[Chart, bytes]], *,
              max_articles: int = DEFAULT_MAX_ARTICLES, colors: Mapping | None = None,
              corpus_link: str = "") -> str:
    """The whole report as one self-contained HTML page (`corpus_link`: the run's corpus.html, linked at the top)."""
    quotes = analysis.quotes
    colors = palette(quotes["side"].drop_duplicates().map(_side_name) if "side" in quotes.columns else (),
                     colors=colors)
    articles = list(analysis.texts.values())
    corpus = len(analysis.articles) > 1
    sources = _section("Who speaks: sources", _chart_html(rendered, "sourcing"),
                       "<h3>By side</h3>", table_html(_side_table(analysis), empty="No quotes found."),
                       "<h3>By source</h3>", _sources_html(analysis, corpus))
    tone = _section("Tone by side", _chart_html(rendered, "tone"),
                    table_html(readable(in_side_order(tone_by(quotes, "side"))), empty="No quotes, so no tone by side."))
    timeline = _section("Timeline", _chart_html(rendered, "timeline"),
                        _events_html(analysis.events))
    if corpus:
        shown = articles[:max_articles]
        title = f"presslens report: {len(analysis.articles)} articles"
        body = [_section("Summary", table_html(_totals(analysis))), sources, tone, timeline,
                _section("Articles", _shown_html(summary(analysis), empty="No rows."),
                         f'<p class="note">The first {len(shown)} of {len(analysis.articles)} articles in full.</p>',
                         *(_article_section(a, quotes, colors, heading="h3") for a in shown))]
    else:
        article = articles[0] if articles else None
        title = (article.title or article.id) if article else "presslens report"
        body = ([_article_section(article, quotes, colors, title="The article")] if article else []) + [
            sources, tone, timeline]
    if corpus_link:
        body.insert(0, f'<p class="note">The views of the whole run (share of voice by outlet and over time, the '
                       f'most quoted sources): <a href="{html.escape(corpus_link)}">{html.escape(corpus_link)}</a>.</p>')
    return string.Template(datafiles.text("report.html")).substitute(
        title=html.escape(title), css=datafiles.text("report.css"), body="\n".join(body),
        version=html.escape(__version__))


def write(analysis: Analysis, out_dir: str | Path, *, max_articles: int = DEFAULT_MAX_ARTICLES,
          colors: Mapping | None = None, corpus_link: str = "") -> Path:
    """Write `out_dir/report.html` and the charts as PNG files; returns the report's path.

    `corpus_link`: the path of the run's corpus view (`corpus.html`) to link to from the top of the page.

    For a corpus the report has a summary, the tables and charts over all articles, and the
    first `max_articles` articles in full (the CSV tables hold everything).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    page = page_html(analysis, render_charts(analysis, out_dir), max_articles=max_articles, colors=colors,
                     corpus_link=corpus_link)
    path = out_dir / "report.html"
    with atomic_open(path, "w", encoding="utf-8") as handle:
        handle.write(page)
    return path
