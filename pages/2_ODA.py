"""ODA: Japan's aid commitments, totals to date, its share of Viet Nam's aid, and ODA projects."""

import streamlit as st

from jvties.app import components, loading, navigation
from jvties.data import filters, series
from jvties.figures import oda
from jvties.figures import projects as project_figures
from jvties.figures.theme import sector_colors, sector_labels

view, options = navigation.frame("oda")
components.header("ODA", "oda")
tables = loading.require("indicators", "events", "projects", "sources", "sectors")
indicators, events, projects, sources, sectors = (
    tables[n] for n in ("indicators", "events", "projects", "sources", "sectors")
)
years = (view.year_from, view.year_to)
in_years = loading.derive(filters.filter_period, indicators, filters.View(*years))
milestones = loading.derive(filters.milestones, events, years) if options["milestones"] else None
if view.sectors:
    st.caption(
        "Aid totals are reported for all sectors together, so the sector filter applies to the projects below only."
    )

st.subheader("Commitments by year")
commitments = loading.derive(series.select, in_years, "oda_commitment", "JPN", ("fiscal_year_jp", "calendar_year"))
components.chart(
    oda.oda_commitments,
    commitments,
    milestones,
    sources=sources,
    key="oda_commitments",
    caption="Each bar is the amount a source reports for that year, in the currency it reports; yen and dollars are kept "
    "apart and never converted. Solid bars: exchanges of notes, Japan's formal commitment; dotted bars: loan "
    "agreements signed, a different count; hatched: part of the year or an expected total; diamonds: pledges at the "
    "donors' meeting. Hover or tap a bar for what it covers.",
)

st.subheader("Totals to date")
cumulative = loading.derive(series.select, in_years, "oda_cumulative_commitment", "JPN", ("as_of",))
components.chart(
    oda.cumulative_by_basis,
    cumulative,
    milestones,
    sources=sources,
    key="oda_cumulative",
    caption="Totals since Japan resumed aid in 1992, as each source states them, in the currency it states. Each line "
    "is one basis: all ODA committed, yen loans only, or a statement that does not say how it counts; a total on "
    "one basis is not comparable with another, which is why lines can sit apart. Triangles: 'over' (up) or "
    "'nearly' (down) in the source's wording.",
)

st.subheader("Japan's share of Viet Nam's ODA")
share = loading.derive(series.select, in_years, "oda_share_of_total", "JPN", ("as_of", "calendar_year"))
components.chart(
    oda.share_statements,
    share,
    milestones,
    sources=sources,
    key="oda_share",
    caption="Dated statements, not a time series: each point is what one source said, coloured by what the share is "
    "of (all donors, bilateral donors only, one year's receipts, or not stated). An upward triangle is 'over' the "
    "value shown, a lower bound. Sources rarely give the base period, so points are never joined.",
)

st.subheader("ODA projects in the project register")
oda_projects = loading.derive(filters.filter_projects, projects, view, kinds=("ODA",))
colors, labels = loading.derive(sector_colors, sectors), loading.derive(sector_labels, sectors)
left, right = st.columns(2)
with left:
    components.chart(
        project_figures.projects_by_sector, oda_projects, colors, labels, sources=sources, key="oda_projects_count"
    )
with right:
    components.chart(
        project_figures.project_values_by_sector,
        oda_projects,
        colors,
        labels,
        sources=sources,
        key="oda_projects_value",
    )
st.caption("The register lists major projects that sources describe; it is not a complete list of Japanese ODA.")

components.workbook(sources)
