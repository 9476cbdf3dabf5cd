"""FDI trends: Japan's registered capital by year, beside other investors, its cumulative
stock, and the split of that stock by sector and province."""

import streamlit as st

from jvties.app import components, loading, navigation
from jvties.data import filters, series
from jvties.data.labels import PARTNER_LABELS
from jvties.figures import fdi
from jvties.figures.theme import sector_colors, sector_labels

PEERS = ["JPN", "KOR", "SGP", "CHN", "TWN", "HKG"]

view, options = navigation.frame("fdi")
components.header("FDI trends", "fdi")
tables = loading.require("indicators", "events", "sources", "sectors")
indicators, events, sources, sectors = tables["indicators"], tables["events"], tables["sources"], tables["sectors"]
years = (view.year_from, view.year_to)
shown_events = filters.filter_events(events, filters.View(*years))
milestones = shown_events[shown_events["milestone"]] if options["milestones"] else None
if view.sectors:
    st.caption(
        "Yearly and cumulative totals are reported for all sectors together, so the sector filter applies to the sector breakdown only."
    )

st.subheader("Registered capital by year")
if options["compare"]:
    annual = series.annual(indicators, "fdi_registered_capital", PEERS, years, start=series.FDI_SERIES_START)
    year_end = series.year_end_reports(indicators, "fdi_registered_capital", PEERS, years)
    components.chart(
        fdi.fdi_compare,
        annual,
        milestones,
        year_end,
        sources=sources,
        key="fdi_by_investor",
        caption="Lines: full calendar years; a break is a year for which no full-year figure was found. Open circles: "
        "the agency's year-end report, which stops around 20 December, where no full-year figure exists. "
        "Figures include new, adjusted and contributed capital unless a row's note says otherwise.",
    )
    missing = annual[annual["value"].isna()].groupby("partner")["year"].apply(lambda y: ", ".join(map(str, y)))
    if len(missing):
        st.caption(
            "Years without a figure: " + "; ".join(f"{PARTNER_LABELS.get(p, p)}: {y}" for p, y in missing.items())
        )
else:
    capital = series.annual(indicators, "fdi_registered_capital", "JPN", years, start=series.FDI_SERIES_START)
    projects = series.annual(indicators, "fdi_new_projects", "JPN", years, start=series.FDI_SERIES_START)
    ytd = series.year_to_date(
        indicators, "fdi_registered_capital", "JPN", years, past_years_from_month=series.PARTIAL_YEAR_MIN_MONTH
    )
    components.chart(
        fdi.fdi_annual,
        capital,
        projects,
        ytd,
        milestones,
        sources=sources,
        key="fdi_japan_annual",
        caption="Bars: capital registered in the calendar year (new, adjusted and contributed). Hatched bar: year to date, "
        "not comparable with full years. Crosses on the axis: years for which no source was found. "
        "Triangles: diplomatic milestones (hover for the event).",
    )

st.subheader("Cumulative stock of valid projects")
capital_stock = series.snapshots(indicators, "fdi_cumulative_capital", years)
project_stock = series.snapshots(indicators, "fdi_cumulative_projects", years)
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
colors, labels = sector_colors(sectors), sector_labels(sectors)
until_end_year = indicators[indicators["period_end"].dt.year <= view.year_to]
with left:
    by_sector = series.latest_breakdown(until_end_year, "sector")
    by_sector = by_sector[filters.in_sectors(by_sector["sector"], view.sectors)]
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
    by_province = series.latest_breakdown(until_end_year, "province")
    components.chart(
        fdi.breakdown,
        by_province,
        "province",
        "By province (cumulative registered capital)",
        sources=sources,
        key="fdi_japan_by_province",
        caption="Province names as before the 2025 merger into 34 provincial units.",
    )
