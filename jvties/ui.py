"""Streamlit glue shared by every page: page set-up, sidebar filters kept in the link,
cached loading, data-error display, and the chart block (chart, sources, CSV download).

Pages stay thin: they call `page_setup`, `load`, builders from jvties.charts / jvties.maps,
and `chart_block`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import streamlit as st

from jvties import filters
from jvties.catalog import catalog, data_dir
from jvties.loaders import load_table
from jvties.validation import DataError

YEAR_MIN = 1973  # diplomatic relations were established on 21 September 1973
PAGES = (
    ("dashboard.py", "Overview", ":material/dashboard:"),
    ("pages/1_FDI_trends.py", "FDI trends", ":material/trending_up:"),
    ("pages/2_ODA.py", "ODA", ":material/volunteer_activism:"),
    ("pages/3_Project_map.py", "Project map", ":material/map:"),
    ("pages/4_Visits_timeline.py", "Visits timeline", ":material/timeline:"),
    ("pages/5_Data_and_sources.py", "Data & sources", ":material/table_view:"),
)
YEARS_KEY, SECTORS_KEY, SYNCED_KEY = "view_years", "view_sectors", "_synced_params"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def year_bounds() -> tuple[int, int]:
    return YEAR_MIN, dt.date.today().year


# Loading -----------------------------------------------------------------------------------


def _signature(folder: Path) -> tuple:
    """Changes when any data file changes, so an edited file is reloaded without a restart."""
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.csv")))


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_table(name: str, folder: str, signature: tuple) -> pd.DataFrame:
    return load_table(name, Path(folder))


def load(name: str) -> pd.DataFrame:
    """A validated table from the configured data folder (raises DataError)."""
    folder = data_dir()
    return _cached_table(name, str(folder), _signature(folder))


def show_data_error(err: DataError, name: str, stops_page: bool = True) -> None:
    """What is wrong with a data file, where, and how to fix it; no traceback."""
    path = catalog().resource(name).path
    lead = "This page cannot be shown: the" if stops_page else "The"
    st.error(
        f"{lead} data file {path} has {len(err.problems)} problem(s). Fix them, then reload the page.",
        icon=":material/error:",
    )
    # A code block shows the messages literally, whatever the data cells contain.
    st.code(
        "\n".join(str(p) for p in err.problems[:50]) + ("\n…" if len(err.problems) > 50 else ""),
        language=None,
        wrap_lines=True,
    )
    st.caption("Run `python -m jvties.validate` to list every problem in the data folder.")


def require(*names: str) -> dict[str, pd.DataFrame]:
    """Loads the tables a page needs, or shows what is wrong with them and stops the page."""
    tables = {}
    for name in names:
        try:
            tables[name] = load(name)
        except DataError as err:
            show_data_error(err, name)
            st.stop()
    return tables


# Filters kept in the link ------------------------------------------------------------------


@dataclass(frozen=True)
class PageParam:
    """A page-specific filter that lives in the link: a multiple choice, a flag or a text."""

    key: str
    label: str
    kind: str  # "choices", "flag" or "text"
    options: Sequence[str] = ()
    labels: dict[str, str] | None = None
    default: bool = False
    help: str | None = None

    def parse(self, params: dict[str, list[str]], notices: list[str]) -> object:
        if self.kind == "choices":
            return list(filters.parse_choices(filters.param_values(params, self.key), self.options, self.key, notices))
        if self.kind == "flag":
            return filters.parse_flag(params, self.key, self.default, notices)
        return filters.parse_text(params, self.key, notices)

    def to_params(self, value: object) -> list[str] | None:
        if self.kind == "choices":
            return list(value) or None
        if self.kind == "flag":
            return None if value == self.default else ["1" if value else "0"]
        return [value] if value else None

    def widget(self) -> object:
        state_key = f"page_{self.key}"
        if self.kind == "choices":
            return st.multiselect(
                self.label,
                self.options,
                format_func=lambda o: (self.labels or {}).get(o, o),
                key=state_key,
                placeholder="All",
                help=self.help,
            )
        if self.kind == "flag":
            return st.toggle(self.label, key=state_key, help=self.help)
        return st.text_input(self.label, key=state_key, max_chars=filters.MAX_TEXT_LENGTH, help=self.help)


def _current_params() -> dict[str, list[str]]:
    query = st.query_params
    return {key: query.get_all(key) for key in query}


def _apply_link(params: dict[str, list[str]], sector_ids: list[str], page_params: Sequence[PageParam]) -> list[str]:
    result = filters.parse_view(params, sector_ids, year_bounds(), page_keys=[p.key for p in page_params])
    notices = result.notices
    st.session_state[YEARS_KEY] = (result.view.year_from, result.view.year_to)
    st.session_state[SECTORS_KEY] = list(result.view.sectors)
    for param in page_params:
        st.session_state[f"page_{param.key}"] = param.parse(params, notices)
    return notices


def _reset(page_params: Sequence[PageParam]) -> None:
    st.session_state[YEARS_KEY] = year_bounds()
    st.session_state[SECTORS_KEY] = []
    for param in page_params:
        st.session_state[f"page_{param.key}"] = param.parse({}, [])


def _navigation(view_params: dict[str, list[str]]) -> None:
    for path, label, icon in PAGES:
        st.sidebar.page_link(path, label=label, icon=icon, query_params=view_params or None)


def page_setup(
    title: str, intro: str | None = None, page_params: Sequence[PageParam] = ()
) -> tuple[filters.View, dict[str, object]]:
    """Sets up a page: title, navigation, and the filters, read from and written to the link.

    Returns the global view and the values of the page's own filters.
    """
    st.set_page_config(page_title=f"{title} · Japan–Viet Nam ties", page_icon=":material/handshake:", layout="wide")
    sectors = require("sectors")["sectors"]
    sector_ids = sectors["sector_id"].tolist()
    labels = dict(zip(sectors["sector_id"], sectors["label"], strict=True))
    params = _current_params()
    notices: list[str] = []
    if (
        st.session_state.get(SYNCED_KEY) != params
        or YEARS_KEY not in st.session_state
        or any(f"page_{p.key}" not in st.session_state for p in page_params)
    ):
        notices = _apply_link(params, sector_ids, page_params)

    bounds = year_bounds()
    with st.sidebar:
        st.markdown("**Filters** · apply to every chart, map and table")
        years = st.slider(
            "Years",
            bounds[0],
            bounds[1],
            key=YEARS_KEY,
            help="Observations whose period ends in these years; projects active in them; events dated in them.",
        )
        chosen = st.multiselect(
            "Sectors",
            sector_ids,
            format_func=labels.get,
            key=SECTORS_KEY,
            placeholder="All sectors",
            help="Leave empty for all sectors.",
        )
        values = {}
        if page_params:
            st.markdown("**This page**")
            values = {p.key: p.widget() for p in page_params}
        st.button("Reset filters", on_click=_reset, args=(page_params,), icon=":material/restart_alt:", width="stretch")

    view = filters.View(int(years[0]), int(years[1]), tuple(s for s in sector_ids if s in chosen))
    global_params = view.to_params(bounds)
    link_params = dict(global_params)
    for param in page_params:
        encoded = param.to_params(values[param.key])
        if encoded:
            link_params[param.key] = encoded
    if link_params != params:
        st.query_params.from_dict(link_params)
    st.session_state[SYNCED_KEY] = link_params

    st.sidebar.divider()
    _navigation(global_params)
    st.sidebar.caption("The address bar holds this view: copy it to share exactly what you see.")

    st.title(title)
    if intro:
        st.markdown(intro)
    for notice in notices:
        st.info(notice, icon=":material/link_off:")
    return view, values


# Sources, captions and downloads -----------------------------------------------------------


def md_text(value: object) -> str:
    """Data text made safe for Markdown: every markup character is shown as itself."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(value))


def source_link(row: pd.Series) -> str:
    published = row["published"] if isinstance(row["published"], str) and row["published"] else "undated"
    label = f"{md_text(row['publisher'])}, {md_text(published)}"
    if pd.isna(row["url"]) or not str(row["url"]).lower().startswith(("http://", "https://")):
        return label
    return f"[{label}]({quote(str(row['url']), safe=':/?&=#%~+,;@')})"


def sources_caption(source_ids: Sequence[str], sources: pd.DataFrame, prefix: str = "Sources") -> None:
    """The one footer under every chart: each cited source, linked, oldest first."""
    cited = sources[sources["source_id"].isin(set(source_ids))].sort_values("published")
    if cited.empty:
        st.caption(f"{prefix}: none for the rows shown.")
        return
    st.caption(f"{prefix}: " + "; ".join(source_link(r) for _, r in cited.iterrows()) + ".")


def download(rows: pd.DataFrame, file_stem: str, key: str) -> None:
    st.download_button(
        "Download CSV",
        data=rows.to_csv(index=False).encode("utf-8"),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=f"download_{key}",
        icon=":material/download:",
        disabled=rows.empty,
    )


def state_key(view: filters.View, options: dict[str, object], sectors: bool = True) -> tuple:
    """Everything a page's figures depend on besides the data: the view and the page options.
    With `sectors=False`, for figures of totals that the sector filter does not change."""
    if not sectors:
        view = filters.View(view.year_from, view.year_to)
    return (view, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items())))


@st.cache_resource(max_entries=512, show_spinner=False)
def _figure_cache(key: tuple, _build: Callable[[], object]) -> object:
    # cache_resource hands out the object itself, not an unpickled copy: rebuilding a Plotly
    # figure re-runs its validation, which is what costs time. Figures are never mutated after.
    return _build()


def figure(state: tuple, chart: str, build: Callable[[], object]) -> object:
    """The figure for this chart and state, built once per state and data version."""
    folder = data_dir()
    return _figure_cache((chart, state, str(folder), _signature(folder)), build)


def chart_block(
    state: tuple,
    build: Callable[[], object],
    rows: pd.DataFrame,
    sources: pd.DataFrame,
    key: str,
    caption: str | None = None,
) -> None:
    """A chart with its caption, its sources and a CSV of exactly the rows it draws."""
    if rows.empty or ("value" in rows and rows["value"].notna().sum() == 0):
        st.warning(
            "No figures match the selected years and sectors for this chart. Widen the filters or press Reset filters.",
            icon=":material/filter_alt_off:",
        )
        return
    chart = figure(state, key, build)
    st.plotly_chart(chart, width="stretch", theme=None, key=f"chart_{key}", config={"displaylogo": False})
    if caption:
        st.caption(caption)
    sources_caption(rows["source_id"].dropna().unique().tolist() if "source_id" in rows else [], sources)
    download(rows, key, key)
