"""The view kept in the link: the one home of link state.

The address bar is the source of truth for what a page shows. Every run reads the link and
sets the filters from it (with a notice for anything that made no sense), except a run that
the user started by changing a filter: then the widgets' values stand. After the filters are
drawn, the link is rewritten from their values, so copying the address always reproduces the
view, and a fresh link, a page change or the Back button always shows the link's view. Years and sectors are shared by every page; each page's own options are
kept per page, so one page's `milestones` never switches off another's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd
import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from jvties.data import filters

YEAR_MIN = 1973  # diplomatic relations were established on 21 September 1973
YEARS_KEY, SECTORS_KEY = "view_years", "view_sectors"
_REMEMBERED, _CURRENT, _CHANGED = "_link_page_options", "_link_current", "_link_widget_changed"


def year_bounds() -> tuple[int, int]:
    return YEAR_MIN, dt.date.today().year


def option_state_key(page: str, option: filters.PageOption) -> str:
    """Session-state key of a page option: namespaced by page, so pages never share one."""
    return f"option.{page}.{option.key}"


@dataclass(frozen=True)
class Current:
    """What the page being drawn shows: the global view, its own options, link notices."""

    page: str
    view: filters.View
    options: Mapping[str, Any]
    notices: tuple[str, ...]
    # The view as its link writes it (defaults left out): downloads name their files by it.
    params: Mapping[str, list[str]] = field(default_factory=dict)


def _link_params() -> dict[str, list[str]]:
    query = st.query_params
    return {key: query.get_all(key) for key in query}


def _dropped_query() -> bool:
    """True when the browser sent a query string that Streamlit refused to parse (over 1,000
    parameters or 512 KiB), which would otherwise drop every filter without a word."""
    ctx = get_script_run_ctx()
    raw = getattr(ctx, "query_string", "") if ctx else ""
    return bool(raw) and not len(st.query_params)


def _apply(params: dict[str, list[str]], page: str, options: Sequence[filters.PageOption], sector_ids) -> list[str]:
    result = filters.parse_view(params, sector_ids, year_bounds(), page_keys=[o.key for o in options])
    notices = result.notices
    st.session_state[YEARS_KEY] = (result.view.year_from, result.view.year_to)
    st.session_state[SECTORS_KEY] = list(result.view.sectors)
    for option in options:
        st.session_state[option_state_key(page, option)] = option.parse(params, notices)
    return notices


def _mark_changed() -> None:
    """A filter widget's on_change: this run, the widgets speak and the link follows them."""
    st.session_state[_CHANGED] = True


def set_option(page: str, option: filters.PageOption, value: object) -> None:
    """Sets a page option from a control other than its own widget (a click on the map),
    before the sidebar is drawn; the link follows as after a widget change."""
    st.session_state[option_state_key(page, option)] = value
    _mark_changed()


def _reset(page: str, options: Sequence[filters.PageOption]) -> None:
    _mark_changed()
    st.session_state[YEARS_KEY] = year_bounds()
    st.session_state[SECTORS_KEY] = []
    for option in options:
        st.session_state[option_state_key(page, option)] = option.default_value()


def _option_widget(page: str, option: filters.PageOption) -> object:
    key = option_state_key(page, option)
    if option.kind == "choices":
        labels = option.labels or {}
        return st.multiselect(
            option.label,
            option.options,
            format_func=lambda value: labels.get(value, value),
            key=key,
            placeholder="All",
            help=option.help,
            on_change=_mark_changed,
        )
    if option.kind == "flag":
        return st.toggle(option.label, key=key, help=option.help, on_change=_mark_changed)
    return st.text_input(
        option.label, key=key, max_chars=filters.MAX_TEXT_LENGTH, help=option.help, on_change=_mark_changed
    )


def sidebar(
    page: str,
    options: Sequence[filters.PageOption],
    sectors: pd.DataFrame,
    destinations: Sequence[tuple[str, StreamlitPage, str, str]],
) -> Current:
    """Reads the link, draws the navigation and the filters in the sidebar, writes the link.

    `destinations` lists (page key, st.Page, label, icon) for the navigation; each link
    carries the shared filters and the destination's own last options."""
    sector_ids = sectors["sector_id"].tolist()
    labels = dict(zip(sectors["sector_id"], sectors["label"], strict=True))
    params = _link_params()
    notices: list[str] = []
    if _dropped_query():
        notices.append("The link was too long (over 1,000 parameters) to read; the default view is shown.")
    # The link wins on every run except one that a filter widget started: then the widgets
    # win and the link is rewritten. So a fresh link, a page change or Back always shows the
    # link's view, even when the browser resends stale widget values (a reconnect under load).
    if not st.session_state.pop(_CHANGED, False) or YEARS_KEY not in st.session_state:
        notices += _apply(params, page, options, sector_ids)

    bounds = year_bounds()
    with st.sidebar:
        navigation = st.container()
        st.markdown("**Filters** · apply to every chart, map and table")
        # A range: the session state set from the link holds (from, to).
        years = cast(
            tuple[int, int],
            st.slider(
                "Years",
                bounds[0],
                bounds[1],
                key=YEARS_KEY,
                on_change=_mark_changed,
                help="Observations whose period ends in these years; projects active in them; events dated in them.",
            ),
        )
        chosen = st.multiselect(
            "Sectors",
            sector_ids,
            format_func=lambda sector_id: labels.get(sector_id, sector_id),
            key=SECTORS_KEY,
            on_change=_mark_changed,
            placeholder="All sectors",
            help="Leave empty for all sectors.",
        )
        values = {}
        if options:
            st.markdown("**This page**")
            values = {o.key: _option_widget(page, o) for o in options}
        st.button(
            "Reset filters", on_click=_reset, args=(page, options), icon=":material/restart_alt:", width="stretch"
        )
        st.caption("The address bar holds this view: copy it to share exactly what you see.")

    first, last = years
    view = filters.View(int(first), int(last), tuple(s for s in sector_ids if s in chosen))
    shared = view.to_params(bounds)
    own = filters.options_to_params(options, values)
    remembered = dict(st.session_state.get(_REMEMBERED, {}))
    remembered[page] = own
    st.session_state[_REMEMBERED] = remembered
    written = {**shared, **own}
    if written != params:
        st.query_params.from_dict(written)

    with navigation:
        for key, target, label, icon in destinations:
            st.page_link(target, label=label, icon=icon, query_params={**shared, **remembered.get(key, {})} or None)
        st.divider()

    current = Current(page, view, values, tuple(notices), written)
    st.session_state[_CURRENT] = current
    return current


def current() -> Current:
    """The view of the page being drawn (set by the navigation before the page runs)."""
    return st.session_state[_CURRENT]


def view() -> tuple[filters.View, Mapping[str, Any]]:
    state = current()
    return state.view, state.options


def notices() -> tuple[str, ...]:
    return current().notices
