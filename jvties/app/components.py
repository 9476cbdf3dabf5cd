"""Components every page shares: the page header, the chart block (chart, caption, sources,
CSV of exactly what is drawn), the sources footer and downloads."""

from __future__ import annotations

import datetime
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from jvties import exports
from jvties.app import link, loading
from jvties.data import dictionary as docs
from jvties.data import filters
from jvties.data.filters import SECTOR_KEY, YEAR_FROM_KEY, YEAR_TO_KEY
from jvties.figures.common import MILESTONES_META, Drawn, with_citation
from jvties.text import md_text, prose

# Figures are cached per builder and inputs; bounded so that a long-running server that sees
# many views keeps a fixed ceiling (measured by bench/soak.py).
FIGURE_CACHE_ENTRIES = 256
LEGEND_ROW_PX = 35  # Streamlit's dataframe row height


NARROW_PX = 640  # at or below this width a page shows its narrow-screen forms
WIDE_ONLY, NARROW_ONLY = "wide_only", "narrow_only"
# Fixed rules, no data: which of two forms of a view shows at the screen's width.
_LAYOUT_CSS = f"""<style>
@media (max-width: {NARROW_PX}px) {{ [class*="st-key-{WIDE_ONLY}"] {{ display: none; }} }}
@media (min-width: {NARROW_PX + 1}px) {{ [class*="st-key-{NARROW_ONLY}"] {{ display: none; }} }}
</style>"""


def screen_forms(key: str) -> tuple[Any, Any]:
    """Two containers for one view: the first shows on wide screens, the second on narrow ones."""
    return st.container(key=f"{WIDE_ONLY}_{key}"), st.container(key=f"{NARROW_ONLY}_{key}")


def header(title: str, intro: str | None = None) -> None:
    """The page title, its introduction (jvties/prose/<intro>.md), and any notice about the
    link that opened it."""
    st.html(_LAYOUT_CSS)
    st.title(title)
    st.session_state[_SHEETS] = []  # the page's workbook: each download below adds its sheet
    if intro:
        st.markdown(prose(intro))
    for notice in link.notices():
        st.info(notice, icon=":material/link_off:")


def source_link(row: pd.Series) -> str:
    published = row["published"] if isinstance(row["published"], str) and row["published"] else "undated"
    label = f"{md_text(row['publisher'])}, {md_text(published)}"
    url = row["url"]
    if pd.isna(url) or not str(url).lower().startswith(("http://", "https://")):
        return label
    return f"[{label}]({quote(str(url), safe=':/?&=#%~+,;@')})"


def milestones_caption(figure: go.Figure) -> None:
    """The key to the numbered milestones on a chart's time axis."""
    listed = (figure.layout.meta or {}).get(MILESTONES_META) if isinstance(figure.layout.meta, dict) else None
    if listed:
        st.caption("Milestones: " + "; ".join(md_text(item) for item in listed) + ".")


def sources_caption(source_ids: Sequence[str], sources: pd.DataFrame, prefix: str = "Sources") -> None:
    """The one footer under every chart: each cited source, linked, oldest first."""
    ids = tuple(sorted(set(source_ids)))
    key = loading.digest((ids, prefix, loading.key_of(sources)))
    st.caption(_captions.get(key, lambda: _sources_text(prefix, ids, sources)))


def download(
    rows: pd.DataFrame,
    name: str,
    key: str,
    sources: pd.DataFrame | None = None,
    whole_dataset: bool = False,
    sheet: str | None = None,
) -> None:
    """A CSV of `rows` that Excel opens as UTF-8, each row's source spelled out beside it
    (from `sources`), named by the page, `name` and the filters of the view. A whole dataset
    keeps its file's column order. The rows are also a sheet (`sheet`, else `name`) of the
    page's workbook."""
    current = link.current()
    st.session_state.setdefault(_SHEETS, []).append((sheet or name, rows))
    st.download_button(
        "Download CSV",
        data=lambda: exports.csv_bytes(rows, sources, reorder=not whole_dataset),
        file_name=exports.file_stem(current.page, name, current.params) + ".csv",
        mime="text/csv",
        key=f"download_{key}",
        icon=":material/download:",
        disabled=rows.empty,
        on_click="ignore",
    )


_SHEETS = "workbook_sheets"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _about_rows(current: link.Current, url: str | None, sources: pd.DataFrame) -> list[tuple[str, str]]:
    version = loading.data_version()
    view = current.view
    own = {k: v for k, v in current.params.items() if k not in (YEAR_FROM_KEY, YEAR_TO_KEY, SECTOR_KEY)}
    accessed = datetime.date.today().isoformat()
    return [
        ("Dashboard", docs.CITATION_TITLE),
        ("Page", current.page),
        ("Years", f"{view.year_from}–{view.year_to}"),
        ("Sectors", _sectors_text(view)),
        ("Page options", "; ".join(f"{k}={', '.join(v)}" for k, v in own.items()) or "as the page opens"),
        ("Link to this view", url or "–"),
        ("Data version", f"{version} (a fingerprint of the data files' contents)"),
        ("Sheets", "one per chart or table of the page, exactly the rows it draws, each with its source"),
        ("Licence", docs.DATA_LICENCE),
        ("Cite as", docs.citation(version, sources, accessed, url)),
        ("Downloaded", accessed),
    ]


def _sectors_text(view: filters.View) -> str:
    return ", ".join(view.sectors) if view.sectors else "all sectors"


def view_text(view: filters.View) -> str:
    return f"Years {view.year_from}–{view.year_to}, {_sectors_text(view)}"


def image_download(drawn: Drawn, sources: pd.DataFrame, key: str, fmt: str) -> None:
    """The chart as a picture that stands alone: its title, sources, as-of date, view and link
    printed on it. Drawn only when the reader asks (about 2 s)."""
    current, url = link.current(), view_address()

    def picture() -> bytes:
        lines = exports.citation_lines(drawn.rows, sources, view_text(current.view), loading.data_version(), url)
        return exports.image_bytes(with_citation(drawn.figure, lines), fmt)

    st.download_button(
        f"Download {fmt.upper()}",
        data=picture,
        file_name=exports.file_stem(current.page, key, current.params) + f".{fmt}",
        mime=exports.IMAGE_FORMATS[fmt],
        key=f"download_{key}_{fmt}",
        icon=":material/image:",
        on_click="ignore",
    )


def view_address() -> str | None:
    """The address of the view being read, filters included, so a citation leads back to it."""
    url = getattr(st.context, "url", None)
    params = link.current().params
    return f"{url}?{urlencode(params, doseq=True)}" if url and params else url


def workbook(sources: pd.DataFrame) -> None:
    """One Excel workbook of everything the page drew: a sheet per chart or table, the sources
    they cite and a first sheet describing the view. Built only when the reader asks for it."""
    sheets = list(st.session_state.get(_SHEETS, []))
    current, url = link.current(), view_address()
    st.download_button(
        "Download all as an Excel workbook",
        data=lambda: exports.workbook_bytes(sheets, sources, _about_rows(current, url, sources)),
        file_name=exports.file_stem(current.page, "workbook", current.params) + ".xlsx",
        mime=XLSX_MIME,
        key="download_workbook",
        icon=":material/table_view:",
        disabled=not sheets,
        on_click="ignore",
    )


def no_figures(what: str = "this chart") -> None:
    st.warning(
        f"No figures match the selected years and sectors for {what}. Widen the filters or press Reset filters.",
        icon=":material/filter_alt_off:",
    )


_figures = loading.Memo(FIGURE_CACHE_ENTRIES)
_captions = loading.Memo(FIGURE_CACHE_ENTRIES)
# Legends as Arrow tables: Streamlit sends one without converting it from pandas first.
_legends = loading.Memo(FIGURE_CACHE_ENTRIES)


def _draw(build: Callable[..., Drawn], inputs: tuple) -> Drawn:
    # Keyed by the builder's name and what its inputs are (loading.key_of), so a chart is
    # rebuilt only when what it draws changes: a sector change leaves totals alone.
    # The memo hands out the object itself: rebuilding a Plotly figure re-runs its
    # validation, which is what costs time. Figures are never mutated after.
    key = loading.digest((f"{build.__module__}.{build.__qualname__}", loading.key_of(inputs)))
    return _figures.get(key, lambda: _drawn(build, inputs, key))


def _drawn(build: Callable[..., Drawn], inputs: tuple, key: str) -> Drawn:
    drawn = build(*inputs)
    _serialise_once(drawn.figure)
    # Known by where it came from, so its table and download are derived once, not re-hashed.
    loading.remember(drawn.rows, ("drawn", key), replace=False)
    return drawn


def _serialise_once(figure: go.Figure) -> None:
    """st.plotly_chart turns the figure into a dict on every rerun, re-encoding every array;
    a cached figure is never changed, so its dict is made once and reused."""
    as_dict = figure.to_dict()
    object.__setattr__(figure, "to_dict", lambda: as_dict)


# Space above the plot for Plotly's toolbar: the title is drawn by the page, above the chart,
# where it wraps on a narrow screen and no toolbar can cover it.
CHART_TOP_PX = 34
LEGEND_WRAP = 34  # characters per legend line: a long entry wraps instead of running off a phone
SHOWN_ATTRIBUTE = "_jvties_shown"  # where a cached figure keeps the form the page shows


def chart_heading(figure: go.Figure) -> tuple[str, str]:
    """The figure's title and subtitle, as the page prints them above the chart."""
    title = figure.layout.title
    return (title.text or "", (title.subtitle.text if title.subtitle else None) or "")


def display_figure(figure: go.Figure) -> go.Figure:
    """The figure as the page shows it: without its title (printed above it instead), with
    long legend entries on several lines. Pictures and the figure itself keep the title."""
    shown = figure.__dict__.get(SHOWN_ATTRIBUTE)
    if shown is None:
        full = figure.to_dict()
        layout = {k: v for k, v in full.get("layout", {}).items() if k != "title"}
        layout["margin"] = {**(layout.get("margin") or {}), "t": CHART_TOP_PX}
        data = [
            {**trace, "name": "<br>".join(textwrap.wrap(trace["name"], LEGEND_WRAP))}
            if isinstance(trace.get("name"), str) and len(trace["name"]) > LEGEND_WRAP
            else trace
            for trace in full.get("data", [])
        ]
        as_dict = {**full, "layout": layout, "data": data}
        shown = go.Figure()
        object.__setattr__(shown, "to_dict", lambda: as_dict)
        # Kept on the figure, so it lives exactly as long as the cached figure does.
        object.__setattr__(figure, SHOWN_ATTRIBUTE, shown)
    return shown


def _sources_text(prefix: str, source_ids: tuple[str, ...], sources: pd.DataFrame) -> str:
    cited = sources[sources["source_id"].isin(set(source_ids))].sort_values("published")
    if cited.empty:
        return f"{prefix}: none for the rows shown."
    return f"{prefix}: " + "; ".join(source_link(r) for _, r in cited.iterrows()) + "."


def chart(
    build: Callable[..., Drawn],
    *inputs: object,
    sources: pd.DataFrame,
    key: str,
    caption: str | None = None,
) -> None:
    """Draws `build(*inputs)` with its caption, the sources of the rows it drew and a CSV of
    exactly those rows; the "no figures" notice when the selection leaves nothing to draw."""
    drawn = _draw(build, inputs)
    rows = drawn.rows
    if rows.empty:
        no_figures()
        return
    heading, subheading = chart_heading(drawn.figure)
    if heading:
        st.markdown(f"**{md_text(heading)}**")
    if subheading:
        st.caption(md_text(subheading))
    st.plotly_chart(
        display_figure(drawn.figure), width="stretch", theme=None, key=f"chart_{key}", config={"displaylogo": False}
    )
    if caption:
        st.caption(caption)
    milestones_caption(drawn.figure)
    sources_caption(drawn.source_ids, sources)
    title = drawn.figure.layout.title.text
    # A switch rather than an expander: an expander's table is sent on every rerun even while
    # it is closed, which doubled what the FDI and ODA pages send and cost their reruns.
    if st.toggle("Table of the figures drawn", key=f"table_{key}"):
        # The same rows, columns and sources as the CSV below.
        shown = loading.derive(exports.export_frame, rows, sources)
        dates = {c: DATE_COLUMN for c in shown.columns if pd.api.types.is_datetime64_any_dtype(shown[c])}
        table(shown, column_config=dates)
    with st.container(horizontal=True):
        download(rows, key, key, sources, sheet=title or key)
        for fmt in exports.IMAGE_FORMATS:
            image_download(drawn, sources, key, fmt)


DATE_COLUMN = st.column_config.DateColumn(format="YYYY-MM-DD")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
NO_COLOUR = "#9e9e9e"


def _swatch(colour: str) -> str:
    """A small square of one colour, as the data address of an SVG image."""
    fill = colour if HEX_COLOUR.match(colour) else NO_COLOUR
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' width='18' height='18'><rect width='18' height='18' rx='3' fill='{fill}'/></svg>"
    return "data:image/svg+xml," + quote(svg)


def swatch_table(colors: Sequence[str], texts: Sequence[str], heading: str) -> None:
    """A legend: one row per colour with its text, tall enough to show every row. The swatch is
    an image cell: a styled table costs a rerun about ten times as much to send."""
    key = loading.digest(("legend", tuple(colors), tuple(texts), heading))
    legend = _legends.get(key, lambda: pa.table({"": [_swatch(c) for c in colors], heading: list(texts)}))
    st.dataframe(
        legend,
        hide_index=True,
        width="stretch",
        height=LEGEND_ROW_PX * (len(texts) + 1) + 3,
        column_config={"": st.column_config.ImageColumn(width=28), heading: st.column_config.TextColumn(width="large")},
        placeholder=MISSING_CELL,
    )


_arrow_tables = loading.Memo(FIGURE_CACHE_ENTRIES)


# Streamlit's row and header heights, so a table's box fits its rows; longer tables scroll.
TABLE_ROW_PX, TABLE_HEADER_PX, TABLE_MAX_PX = 35, 36, 560
MISSING_CELL = "–"  # what an empty cell shows (Streamlit's own is the word "None")


def fitted_height(rows: int) -> int:
    """The height that shows `rows` rows without empty space, up to TABLE_MAX_PX."""
    return min(TABLE_HEADER_PX + TABLE_ROW_PX * max(rows, 1) + 2, TABLE_MAX_PX)


def header_labels(columns: Sequence[str], column_config: Mapping[str, Any] | None) -> dict[str, Any]:
    """Every column headed in one style, sentence case: 'start_year' reads 'Start year'.
    Columns the page labels itself keep its label."""
    labelled = dict(column_config or {})
    for column in columns:
        labelled.setdefault(column, column.replace("_", " ").strip().capitalize() or column)
    return labelled


def table(
    rows: pd.DataFrame,
    columns: Sequence[str] | None = None,
    column_config: Mapping[str, Any] | None = None,
) -> None:
    """A shared frame (from loading.load or loading.derive) as a table as tall as its rows,
    headed in one style, with a dash in empty cells. Its Arrow form is made once per frame and
    columns: converting pandas to Arrow on every rerun cost a warm rerun of the map more than
    all its text."""
    shown = tuple(columns) if columns is not None else tuple(rows.columns)
    key = loading.digest(("table", loading.key_of(rows), shown))
    arrow = _arrow_tables.get(key, lambda: pa.Table.from_pandas(rows[list(shown)], preserve_index=False))
    st.dataframe(
        arrow,
        hide_index=True,
        width="stretch",
        height=fitted_height(len(rows)),
        column_config=header_labels(shown, column_config),
        placeholder=MISSING_CELL,
    )
