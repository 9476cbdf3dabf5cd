"""Project map: Japanese-funded and Japanese-invested projects at their locations."""

import os

import pandas as pd
import streamlit as st

from jvties.app import components, link, loading, navigation
from jvties.data import filters, series
from jvties.data import geography as geo
from jvties.data.validation import DataError
from jvties.figures import project_map as maps
from jvties.figures.theme import sector_colors, sector_labels
from jvties.text import md_text

BASEMAP_ENV = "JVTIES_BASEMAP"
NO_FIGURES = pd.DataFrame({"province": pd.Series(dtype="string"), "value": pd.Series(dtype=float)})

view, options = navigation.frame("map")
components.header("Project map", "map")
tables = loading.require("projects", "sources", "sectors", "provinces")
projects, sources, sectors = tables["projects"], tables["sources"], tables["sectors"]
in_view = loading.derive(
    filters.filter_projects, projects, view, kinds=tuple(options["kind"]), statuses=tuple(options["status"])
)
shown = loading.derive(
    filters.filter_projects,
    in_view,
    filters.View(view.year_from, view.year_to),
    provinces=tuple(options["province"]),
    units=tuple(options["unit"]),
)
use_units, shading = bool(options["units2025"]), "projects" if options["counts"] else "fdi"

colors, labels = loading.derive(sector_colors, sectors), loading.derive(sector_labels, sectors)
source_labels = loading.derive(maps.source_labels, sources)
basemap = os.environ.get(BASEMAP_ENV, "none").strip().lower()
if basemap not in maps.BASEMAPS:
    st.warning(f"{BASEMAP_ENV} must be one of {', '.join(maps.BASEMAPS)}; the map is drawn from the shipped geography.")
    basemap = "none"
geography_files = loading.load_geography()
base_layers: list = []
if geography_files:
    province_features, countries = geography_files
    units = loading.derive(geo.units_2025, tables["provinces"])
    try:
        by_province = loading.derive(series.latest_breakdown, loading.load("indicators"), "province", view.year_to)
    except DataError as err:
        # Without figures the map still shows every project; the shading says "no figure".
        loading.show_data_error(err, "indicators", stops_page=False)
        by_province = NO_FIGURES
    # Shading counts the projects the other filters leave, before a province is chosen.
    areas = loading.derive(maps.area_values, province_features, by_province, in_view, units, use_units)
    area_rows = loading.derive(maps.province_rows, province_features, areas, units, use_units, shading)
    grouping = units if use_units else {p: p for p in units}
    outlines = loading.derive(geo.borders, province_features, grouping)
    area_names = loading.derive(maps.area_labels, province_features, units, use_units)
    base_layers = loading.derive(
        maps.geography_layers, countries, area_rows, outlines, area_names, over_tiles=basemap == "carto"
    )

st.markdown(loading.derive(maps.shown_summary, shown, len(projects)))
st.caption(filters.ACTIVE_YEARS_RULE)
chosen_areas = [*options["province"], *options["unit"]]
if chosen_areas:
    st.caption(
        "Listing only projects in: "
        + ", ".join(md_text(a) for a in chosen_areas)
        + ". Clear the choice in the sidebar."
    )
if shown.empty:
    st.warning(
        "No projects match the selected years, sectors, kinds and statuses. Widen the filters or press Reset filters.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

MAP_OPTIONS = {option.key: option for option in navigation.PAGE_OPTIONS["map"]}


def choose_area() -> None:
    """A click on a province (or unit) lists only its projects, and the choice joins the link."""
    selection = st.session_state["project_map"].selection
    picked = (selection.objects.get(maps.PROVINCES_LAYER_ID) if selection else None) or []
    if picked:
        key = "unit" if use_units else "province"
        link.set_option("map", MAP_OPTIONS[key], [picked[0]["area"]])
        link.set_option("map", MAP_OPTIONS["province" if key == "unit" else "unit"], [])


map_column, legend_column = st.columns([5, 2])
with map_column:
    event = st.pydeck_chart(
        loading.derive(maps.project_deck, shown, colors, labels, source_labels, basemap, base_layers),
        height=560,
        on_select=choose_area,
        selection_mode="single-object",
        key="project_map",
    )
with legend_column:
    st.markdown("**Sector colours**")
    present = loading.derive(maps.sectors_present, shown, labels)
    components.swatch_table([colors[s] for s in present], [labels[s] for s in present], "Sector")
    st.markdown("**Position of a marker**")
    st.caption("  \n".join(text for _, text in maps.PRECISION_LEGEND))
    if geography_files:
        title = "Japan's FDI stock (USD million)" if shading == "fdi" else "Mapped projects"
        st.markdown(f"**{'Units' if use_units else 'Provinces'}: {title}**")
        legend = maps.shading_legend(shading)
        components.swatch_table([maps.rgb_to_hex(c) for c, _ in legend], [t for _, t in legend], "Class")
    st.caption(
        "Marker area grows with the stated value, compared only within the same currency. A dark disc with a "
        "number stands for the projects placed at one town centre; zoom in and they spread around it, each "
        "hoverable. Province FDI figures are the latest a source "
        "gives for each province, dated in the hover. On 1 July 2025 Viet Nam merged its 63 provinces into 34 "
        "provincial units; most sources report by the former provinces, so a unit shows a total only when every "
        "former province in it has a figure. Outlines: Natural Earth."
    )

selected = (event.selection.objects.get(maps.LAYER_ID) if event and event.selection else None) or []
if selected:
    chosen = projects[projects["project_id"] == selected[0].get("project_id")]
    if len(chosen):
        project = chosen.iloc[0]
        with st.container(border=True):
            # Data text goes through md_text or into a dataframe cell: both show it as typed.
            st.markdown(f"#### {md_text(project['name'])}")
            st.markdown(md_text(project["description"]))
            card = maps.project_card(project, labels)
            st.dataframe(
                pd.DataFrame({"Detail": list(card), "Value": list(card.values())}),
                hide_index=True,
                width="stretch",
                height=components.fitted_height(len(card)),
                placeholder=components.MISSING_CELL,
            )
            components.sources_caption([project["source_id"]], sources, prefix="Source")

st.subheader("Projects shown")
TABLE_LIMIT = 1_000
if len(shown) > maps.POINT_LIMIT:
    st.caption(
        f"With more than {maps.POINT_LIMIT:,} projects the map counts projects per area instead of drawing each one."
    )
if len(shown) > TABLE_LIMIT:
    st.caption(f"The table lists the first {TABLE_LIMIT:,} of {len(shown):,} projects; the CSV download has them all.")
table = loading.derive(maps.project_table, shown, sources, labels, TABLE_LIMIT)
columns = [
    "name",
    "kind",
    "sector",
    "province",
    "start_year",
    "end_year",
    "status",
    "value",
    "japanese_party",
    "position",
    "publisher",
    "url",
]
components.table(
    table,
    columns,
    column_config={
        "name": "Project",
        "start_year": st.column_config.NumberColumn("From", format="%d"),
        "end_year": st.column_config.NumberColumn("To", format="%d"),
        "japanese_party": "Japanese party",
        "publisher": "Source",
        "url": st.column_config.LinkColumn("Link", display_text="open source"),
    },
)
components.download(shown, "projects", "projects_shown", sources)

components.workbook(sources)
