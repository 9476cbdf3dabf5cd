"""Project map: Japanese-funded and Japanese-invested projects at their locations."""

import os

import pandas as pd
import streamlit as st

from jvties.app import components, loading, navigation
from jvties.data import filters
from jvties.data.catalog import catalog
from jvties.data.labels import KIND_LABELS
from jvties.figures import project_map as maps
from jvties.figures.theme import sector_colors, sector_labels
from jvties.text import md_text

BASEMAP_ENV = "JVTIES_BASEMAP"
kinds = list(catalog().resource("projects").field("kind").enum)

view, options = navigation.frame("map")
components.header("Project map", "map")
tables = loading.require("projects", "sources", "sectors")
projects, sources, sectors = tables["projects"], tables["sources"], tables["sectors"]
shown = loading.derive(
    filters.filter_projects, projects, view, kinds=tuple(options["kind"]), statuses=tuple(options["status"])
)

colors, labels = loading.derive(sector_colors, sectors), loading.derive(sector_labels, sectors)
source_labels = loading.derive(maps.source_labels, sources)
basemap = os.environ.get(BASEMAP_ENV, "carto").strip().lower()
if basemap not in maps.BASEMAPS:
    st.warning(f"{BASEMAP_ENV} must be one of {', '.join(maps.BASEMAPS)}; the map is drawn without a basemap.")
    basemap = "none"

kind_counts = shown["kind"].value_counts()
st.markdown(
    f"**{len(shown)} of {len(projects)} projects** shown · "
    + " · ".join(f"{KIND_LABELS[k]}: {int(kind_counts.get(k, 0))}" for k in kinds)
    + f" · {int((shown['coord_quality'] != 'site').sum())} at approximate positions (paler markers)"
)
if shown.empty:
    st.warning(
        "No projects match the selected years, sectors, kinds and statuses. Widen the filters or press Reset filters.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

map_column, legend_column = st.columns([3, 1])
with map_column:
    event = st.pydeck_chart(
        loading.derive(maps.project_deck, shown, colors, labels, source_labels, basemap),
        height=560,
        on_select="rerun",
        selection_mode="single-object",
        key="project_map",
    )
with legend_column:
    st.markdown("**Sector colours**")
    present = sorted(shown["sector"].unique(), key=lambda s: labels[s])
    legend = pd.DataFrame({"": ["" for _ in present], "Sector": [labels[s] for s in present]})
    swatches = [f"background-color: {colors[s]}" for s in present]
    st.dataframe(
        legend.style.apply(lambda _: swatches, subset=[""]),
        hide_index=True,
        width="stretch",
        column_config={"": st.column_config.TextColumn(width=28), "Sector": st.column_config.TextColumn(width="large")},
    )
    st.caption(
        "Marker area grows with the stated value, compared only within the same currency; projects with no "
        "stated value have the smallest marker. Pale markers are placed at the centre of the town named, not "
        "at the site; several projects in one town are fanned out around its centre so each can be hovered."
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
table = loading.derive(maps.project_table, shown.head(TABLE_LIMIT), sources, labels)
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
st.dataframe(
    table[columns],
    hide_index=True,
    width="stretch",
    column_config={
        "name": "Project",
        "start_year": st.column_config.NumberColumn("From", format="%d"),
        "end_year": st.column_config.NumberColumn("To", format="%d"),
        "japanese_party": "Japanese party",
        "publisher": "Source",
        "url": st.column_config.LinkColumn("Link", display_text="open source"),
    },
)
components.download(shown, "projects_shown", "projects_shown")
