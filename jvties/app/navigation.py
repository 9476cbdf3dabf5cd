"""The pages, declared once, and the frame every page runs in: set-up, sign-in, the shared
sidebar (navigation and filters kept in the link), then the page itself."""

from __future__ import annotations

import csv
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from jvties.app import link, loading
from jvties.data.catalog import DEFAULT_DATA_DIR, REPO_DIR, catalog
from jvties.data.filters import ROLE_LABELS, PageOption
from jvties.data.filters import View as Filters
from jvties.data.labels import DIRECTION_LABELS, EVENT_TYPE_LABELS, KIND_LABELS, STATUS_LABELS


@dataclass(frozen=True)
class PageSpec:
    """One page: its key (used in tests and session state), script, label, icon and the
    options it keeps in its link."""

    key: str
    script: str
    title: str
    icon: str
    options: tuple[PageOption, ...] = ()

    @property
    def url_path(self) -> str:
        """The page's address after the server's: Streamlit's own (the script's name without
        its number), empty for the default page."""
        return "" if self.key == "overview" else self.script.rsplit("/", 1)[-1].removesuffix(".py").split("_", 1)[1]


def _province_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    # The two boundary sets are fixed facts, read once from the shipped file (not a user's folder).
    with (DEFAULT_DATA_DIR / "provinces.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(sorted(r["province"] for r in rows)), tuple(sorted({r["province_2025"] for r in rows}))


PROVINCES, UNITS_2025 = _province_names()
# Shipped with the app: a page icon named by an emoji or icon font is fetched from the internet.
PAGE_ICON = Path(__file__).parent / "assets" / "icon.png"


def _choices(resource: str, field: str, key: str, label: str, labels: dict[str, str]) -> PageOption:
    return PageOption(key, label, "choices", catalog().resource(resource).field(field).enum, labels)


PAGES = (
    PageSpec("overview", "pages/0_Overview.py", "Overview", ":material/dashboard:"),
    PageSpec(
        "fdi",
        "pages/1_FDI_trends.py",
        "FDI trends",
        ":material/trending_up:",
        (
            PageOption(
                "compare",
                "Compare with other top investors",
                "flag",
                help="Korea, Singapore, China, Taiwan and Hong Kong beside Japan.",
            ),
            PageOption(
                "milestones",
                "Show diplomatic milestones",
                "flag",
                default=True,
                help="Partnership upgrades and leader visits drawn on the time axis.",
            ),
        ),
    ),
    PageSpec(
        "oda",
        "pages/2_ODA.py",
        "ODA",
        ":material/volunteer_activism:",
        (PageOption("milestones", "Show diplomatic milestones", "flag", default=True),),
    ),
    PageSpec(
        "map",
        "pages/3_Project_map.py",
        "Project map",
        ":material/map:",
        (
            _choices("projects", "kind", "kind", "Kind of project", KIND_LABELS),
            _choices("projects", "status", "status", "Status", STATUS_LABELS),
            PageOption(
                "province",
                "Provinces (before July 2025)",
                "choices",
                PROVINCES,
                help="List only projects in these provinces. Click a province on the map to choose it.",
            ),
            PageOption(
                "unit",
                "Provincial units (since July 2025)",
                "choices",
                UNITS_2025,
                help="List only projects in these units, each the union of one or more former provinces.",
            ),
            PageOption(
                "units2025",
                "Draw the 34 units of July 2025",
                "flag",
                help="On 1 July 2025 Viet Nam's 63 provinces were merged into 34 provincial units; sources mostly "
                "report by the former provinces.",
            ),
            PageOption(
                "counts",
                "Shade areas by mapped projects",
                "flag",
                help="Instead of Japan's cumulative FDI as the latest source states it.",
            ),
        ),
    ),
    PageSpec(
        "timeline",
        "pages/4_Visits_timeline.py",
        "Visits timeline",
        ":material/timeline:",
        (
            _choices("events", "event_type", "type", "Type of event", EVENT_TYPE_LABELS),
            _choices("events", "direction", "dir", "Direction", DIRECTION_LABELS),
            PageOption(
                "role",
                "Office held",
                "choices",
                tuple(ROLE_LABELS),
                ROLE_LABELS,
                help="Events in which someone holding one of these offices took part, on the side named.",
            ),
            PageOption(
                "q",
                "Search people",
                "text",
                help="Part of a name or title on either side, with or without accents: Phúc or Phuc, Chính or Chinh, Emperor.",
            ),
        ),
    ),
    PageSpec(
        "people",
        "pages/6_Trade_and_people.py",
        "Trade & people",
        ":material/groups:",
        (PageOption("milestones", "Show diplomatic milestones", "flag", default=True),),
    ),
    PageSpec("sources", "pages/5_Data_and_sources.py", "Data & sources", ":material/table_view:"),
)
PAGE_OPTIONS = {spec.key: spec.options for spec in PAGES}


def _auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises rather than answering False
        return False


def require_sign_in() -> None:
    """With sign-in configured ([auth] in secrets.toml), a signed-out visitor sees only a
    sign-in button: nothing below it runs, so no data reaches them."""
    if not _auth_configured() or st.user.get("is_logged_in", False):
        return
    st.title("Japan–Viet Nam economic and diplomatic ties")
    st.markdown("This dashboard is private to its organisation. Sign in to continue.")
    st.button("Sign in", on_click=st.login, icon=":material/login:", type="primary")
    st.stop()


# Set while dashboard.py runs a page in this thread (each session's script runs in its own).
_running = threading.local()


def _setup(page_key: str | None = None) -> StreamlitPage:
    """Page config, sign-in, the declared pages and the shared sidebar; returns the st.Page
    to run. `page_key` names the page when a page script sets up its own frame."""
    st.set_page_config(page_title="Japan–Viet Nam ties", page_icon=str(PAGE_ICON), layout="wide")
    require_sign_in()
    pages = {
        spec.key: st.Page(REPO_DIR / spec.script, title=spec.title, icon=spec.icon, default=spec.key == "overview")
        for spec in PAGES
    }
    current = st.navigation(list(pages.values()), position="hidden")
    key = page_key or next(s.key for s in PAGES if pages[s.key].url_path == current.url_path)
    spec = next(s for s in PAGES if s.key == key)
    sectors = loading.require("sectors")["sectors"]
    link.sidebar(spec.key, spec.options, sectors, [(s.key, pages[s.key], s.title, s.icon) for s in PAGES])
    return current


def run() -> None:
    """The whole app: what `streamlit run dashboard.py` executes on every rerun."""
    current = _setup()
    _running.framed = True
    try:
        current.run()
    finally:
        _running.framed = False


def frame(page_key: str) -> tuple[Filters, Mapping[str, Any]]:
    """The view a page draws: its years, sectors and own options.

    Until some session has called st.navigation, Streamlit runs a script in pages/ directly
    (its older multipage mode), without dashboard.py: the first deep link on a fresh server
    does that. The page then sets up the same frame itself."""
    if not getattr(_running, "framed", False):
        _setup(page_key)
    return link.view()
