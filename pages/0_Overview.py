"""Overview: the headline figures, small trends, the latest exchanges and a guide to the pages."""

import streamlit as st

from jvties.app import components, link, loading, navigation
from jvties.data import filters, series
from jvties.figures import overview
from jvties.figures.overview import overview_kpis
from jvties.text import md_text

view, options = navigation.frame("overview")
components.header("Japan–Viet Nam economic and diplomatic ties", "overview")
tables = loading.require("indicators", "events", "sources")
indicators, events, sources = tables["indicators"], tables["events"], tables["sources"]

kpis = loading.derive(overview_kpis, indicators, events, view)
columns = st.columns(3) + st.columns(3) + st.columns(3)
for column, kpi in zip(columns, kpis, strict=True):
    with column:
        st.metric(
            kpi.label, kpi.value_text, delta=kpi.delta_text, delta_color="normal", help=md_text(kpi.help), border=True
        )
        older = kpi.age_note(view.year_from)
        if older:
            st.caption(f":material/history: {older}")
        # Each figure names its own source, so a reader can tell which one gives which number.
        if kpi.source_id:
            components.sources_caption([kpi.source_id], sources, prefix="Source")
        elif kpi.source_note:
            st.caption(kpi.source_note)
if view.sectors:
    st.caption("The sector filter does not change these figures: sources report them for all sectors together.")

left, right = st.columns(2)
with left:
    annual = loading.derive(
        series.annual_points, indicators, "fdi_registered_capital", "JPN", (view.year_from, view.year_to)
    )
    components.chart(
        overview.sparkline,
        annual,
        "date",
        "Registered FDI capital from Japan, by year",
        "USD million",
        sources=sources,
        key="overview_fdi_annual",
    )
with right:
    stock = loading.derive(series.snapshots, indicators, "fdi_cumulative_capital", (view.year_from, view.year_to))
    components.chart(
        overview.sparkline,
        stock,
        "period_end",
        "Japan's cumulative FDI at reported dates",
        "USD million",
        False,
        sources=sources,
        key="overview_fdi_stock",
    )

st.subheader("Latest high-level exchanges")
recent = loading.derive(overview.latest_exchanges, loading.derive(filters.filter_events, events, view))
if recent.text:
    st.markdown(recent.text)
else:
    st.info("No events in the selected years and sectors.")
components.sources_caption(recent.source_ids, sources)

components.workbook(sources)

st.subheader("Where to look next")
guide = {
    "FDI trends": "registered capital by year, Japan beside the other top investors, the stock by sector and province.",
    "ODA": "aid commitments by Japanese fiscal year, totals to date, Japan's share of Viet Nam's aid.",
    "Project map": "Japanese-funded and Japanese-invested projects by sector, kind and status.",
    "Visits timeline": "every dated visit, summit meeting, agreement and anniversary since 1973.",
    "Trade & people": "goods trade both ways, Vietnamese residents, interns and workers in Japan, visitors.",
    "Data & sources": "every source with its link, the data dictionary, definitions and downloads.",
}
for spec in navigation.PAGES[1:]:
    st.page_link(
        spec.script,
        label=f"{spec.title}: {guide[spec.title]}",
        icon=spec.icon,
        query_params=view.to_params(link.year_bounds()) or None,
    )
