"""Components every page shares: the page header, the chart block (chart, caption, sources,
CSV of exactly what is drawn), the sources footer and downloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import quote

import pandas as pd
import streamlit as st

from jvties.app import link, loading
from jvties.figures.common import Drawn
from jvties.text import csv_bytes, md_text, prose

# Figures are cached per builder and inputs; bounded so that a long-running server that sees
# many views keeps a fixed ceiling (measured by bench/soak.py).
FIGURE_CACHE_ENTRIES = 256
LEGEND_ROW_PX = 35  # Streamlit's dataframe row height


def header(title: str, intro: str | None = None) -> None:
    """The page title, its introduction (jvties/prose/<intro>.md), and any notice about the
    link that opened it."""
    st.title(title)
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


def sources_caption(source_ids: Sequence[str], sources: pd.DataFrame, prefix: str = "Sources") -> None:
    """The one footer under every chart: each cited source, linked, oldest first."""
    ids = tuple(sorted(set(source_ids)))
    st.caption(_sources_text(loading.digest((ids, prefix, loading.key_of(sources))), prefix, ids, sources))


def download(rows: pd.DataFrame, file_stem: str, key: str) -> None:
    """A CSV of `rows`, with text cells a spreadsheet would run as formulas neutralised."""
    st.download_button(
        "Download CSV",
        data=lambda: csv_bytes(rows),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=f"download_{key}",
        icon=":material/download:",
        disabled=rows.empty,
        on_click="ignore",
    )


def no_figures(what: str = "this chart") -> None:
    st.warning(
        f"No figures match the selected years and sectors for {what}. Widen the filters or press Reset filters.",
        icon=":material/filter_alt_off:",
    )


@st.cache_resource(max_entries=FIGURE_CACHE_ENTRIES, show_spinner=False)
def _draw(key: str, _build: Callable[..., Drawn], _inputs: tuple) -> Drawn:
    # Keyed by the builder's name and what its inputs are (loading.key_of), so a chart is
    # rebuilt only when what it draws changes: a sector change leaves totals alone.
    # cache_resource hands out the object itself: rebuilding a Plotly figure re-runs its
    # validation, which is what costs time. Figures are never mutated after.
    return _build(*_inputs)


@st.cache_resource(max_entries=FIGURE_CACHE_ENTRIES, show_spinner=False)
def _sources_text(key: str, prefix: str, _source_ids: tuple[str, ...], _sources: pd.DataFrame) -> str:
    cited = _sources[_sources["source_id"].isin(set(_source_ids))].sort_values("published")
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
    drawn = _draw(loading.digest((f"{build.__module__}.{build.__qualname__}", loading.key_of(inputs))), build, inputs)
    rows = drawn.rows
    if rows.empty:
        no_figures()
        return
    st.plotly_chart(drawn.figure, width="stretch", theme=None, key=f"chart_{key}", config={"displaylogo": False})
    if caption:
        st.caption(caption)
    sources_caption(rows["source_id"].dropna().unique().tolist() if "source_id" in rows else [], sources)
    download(rows, key, key)


def swatch_table(colors: Sequence[str], texts: Sequence[str], heading: str) -> None:
    """A legend: one row per colour with its text, tall enough to show every row."""
    legend = pd.DataFrame({"": ["" for _ in texts], heading: list(texts)})
    swatches = [f"background-color: {c}" for c in colors]
    st.dataframe(
        legend.style.apply(lambda _: swatches, subset=[""]),
        hide_index=True,
        width="stretch",
        height=LEGEND_ROW_PX * (len(texts) + 1) + 3,
        column_config={"": st.column_config.TextColumn(width=28), heading: st.column_config.TextColumn(width="large")},
    )
