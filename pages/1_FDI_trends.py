"""FDI trends: Japan's registered capital by year, beside other investors, its cumulative
stock, and the split of that stock by sector and province."""

import streamlit as st

from jvties.app import components, loading, navigation
from jvties.data import filters, series
from jvties.data.labels import PARTNER_LABELS
from jvties.figures import fdi, overview
from jvties.figures.theme import sector_colors, sector_labels
from jvties.text import md_text

PEERS = ["JPN", "KOR", "SGP", "CHN", "TWN", "HKG"]

view, options = navigation.frame("fdi")
components.header("FDI trends", "fdi")
tables = loading.require("indicators", "events", "sources", "sectors")
indicators, events, sources, sectors = tables["indicators"], tables["events"], tables["sources"], tables["sectors"]
years = (view.year_from, view.year_to)
milestones = loading.derive(filters.milestones, events, years) if options["milestones"] else None
rank = loading.derive(overview.investor_rank, indicators, view.year_to)
if rank.source_id:
    st.markdown(f"**{rank.label}: {rank.value_text}.** {md_text(rank.help)}")
    components.sources_caption([rank.source_id], sources, prefix="Source")
if view.sectors:
    st.caption(
        "Yearly and cumulative totals are reported for all sectors together, so the sector filter applies to the sector breakdown only."
    )

st.subheader("Registered capital by year")
if options["compare"]:
    annual = loading.derive(
        series.annual, indicators, "fdi_registered_capital", PEERS, years, start=series.FDI_SERIES_START
    )
    components.chart(
        fdi.fdi_compare,
        annual,
        milestones,
        sources=sources,
        key="fdi_by_investor",
        caption="Each point is the figure for a calendar year; its marker names the basis (legend). A line joins "
        "only consecutive years on the same basis, so a break is a missing year or a change of basis. The agency's "
        "year-end report stops around 20 December; its full-year total runs to 31 December. Figures include new, "
        "adjusted and contributed capital unless a row's note says otherwise; hover or tap a point for its source note.",
    )
    missing = annual[annual["value"].isna()].groupby("partner")["year"].apply(lambda y: ", ".join(map(str, y)))
    if len(missing):
        st.caption(
            "Years without a figure: " + "; ".join(f"{PARTNER_LABELS.get(p, p)}: {y}" for p, y in missing.items())
        )
else:
    capital = loading.derive(
        series.annual, indicators, "fdi_registered_capital", "JPN", years, start=series.FDI_SERIES_START
    )
    projects = loading.derive(
        series.annual, indicators, "fdi_new_projects", "JPN", years, start=series.FDI_SERIES_START
    )
    ytd = loading.derive(
        series.year_to_date,
        indicators,
        "fdi_registered_capital",
        "JPN",
        years,
        past_years_from_month=series.PARTIAL_YEAR_MIN_MONTH,
    )
    components.chart(
        fdi.fdi_annual,
        capital,
        projects,
        ytd,
        milestones,
        sources=sources,
        key="fdi_japan_annual",
        caption="Bars: capital registered in the calendar year (new, adjusted and contributed), shaded by basis: solid "
        "for the agency's full-year total, lighter for its year-end report (to about 20 December), hatched for "
        "JETRO's approvals, estimates and other bases, which are not comparable with the agency's figures. Hatched "
        "pale bar: year to date. Crosses on the axis: no figure found. Ringed: uncertain (hover or tap for why). "
        "Triangles: diplomatic milestones.",
    )

st.subheader("Cumulative stock of valid projects")
capital_stock = loading.derive(series.snapshots, indicators, "fdi_cumulative_capital", years)
project_stock = loading.derive(series.snapshots, indicators, "fdi_cumulative_projects", years)
components.chart(
    fdi.cumulative,
    capital_stock,
    project_stock,
    milestones,
    sources=sources,
    key="fdi_japan_cumulative",
    caption="Each point is a figure a source reports for that date; nothing is drawn between them. "
    "Valid projects are licensed projects not yet expired or withdrawn.",
)

st.subheader("Where Japan's stock sits: by sector and by province")
left, right = st.columns(2)
colors, labels = loading.derive(sector_colors, sectors), loading.derive(sector_labels, sectors)
with left:
    by_sector = loading.derive(series.latest_breakdown, indicators, "sector", view.year_to, view.sectors)
    components.chart(
        fdi.breakdown,
        by_sector,
        "sector",
        "By sector (cumulative registered capital)",
        colors,
        labels,
        sources=sources,
        key="fdi_japan_by_sector",
        caption="Sources name only Japan's largest sectors, so the bars do not add up to the whole stock.",
    )
with right:
    by_province = loading.derive(series.latest_breakdown, indicators, "province", view.year_to)
    components.chart(
        fdi.breakdown,
        by_province,
        "province",
        "By province (cumulative registered capital)",
        sources=sources,
        key="fdi_japan_by_province",
        caption="Province names as before the 2025 merger into 34 provincial units.",
    )

components.workbook(sources)
