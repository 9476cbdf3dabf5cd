"""Data & sources: every source with its link, the data dictionary, definitions and downloads."""

import datetime

import streamlit as st

from jvties.app import components, loading, navigation
from jvties.data import dictionary as docs
from jvties.data.catalog import catalog, data_dir
from jvties.data.validation import DataError

navigation.frame("sources")
components.header("Data & sources", "sources")

spec = catalog()
try:
    sources = loading.load("sources")
except DataError as err:
    loading.show_data_error(err, "sources")
    st.stop()

st.subheader("Datasets")
# One line and one button per file: bordered cards with columns sent four more elements each,
# which made this page's reruns the slowest of the dashboard.
for resource in spec.resources:
    try:
        table = loading.load(resource.name)
    except DataError as err:
        st.markdown(f"**{resource.title}** (`{resource.path}`)")
        loading.show_data_error(err, resource.name, stops_page=False)
        continue
    current = loading.derive(docs.as_of, resource.name, table, sources)
    when = f", current to {current}" if current else ""
    st.markdown(f"**{resource.title}** (`{resource.path}`): {len(table):,} rows{when}.  \n{resource.row}")
    components.download(table, resource.name, f"dataset_{resource.name}", sources, whole_dataset=True)

components.workbook(sources)

for geo in spec.geo:
    path = data_dir() / geo.path
    st.markdown(f"**{geo.title}** (`{geo.path}`)  \n{geo.row}")
    if path.is_file():
        st.download_button(
            "Download GeoJSON",
            data=path.read_bytes,
            file_name=path.name,
            mime="application/geo+json",
            key=f"dataset_{geo.name}",
            icon=":material/download:",
            on_click="ignore",
        )
    else:
        st.warning(f"{geo.path} is missing.", icon=":material/error:")

st.subheader("Sources")
components.table(
    loading.derive(docs.sources_listing, sources),
    column_config={"url": st.column_config.LinkColumn("Link"), "source_id": "Id", "published": "Published"},
)

st.markdown(docs.DEFINITIONS)

st.subheader("Cite this dashboard")
st.markdown(docs.DATA_LICENCE)
st.code(
    docs.citation(loading.data_version(), sources, datetime.date.today().isoformat(), components.view_address()),
    language=None,
    wrap_lines=True,
)
st.caption("Cite each figure's own source too: it is on the figure's row in every download.")

st.subheader("Data dictionary")
for resource in spec.resources:
    with st.expander(f"{resource.path}: {resource.title}"):
        st.markdown(resource.row + "\n\n" + loading.derive(docs.field_table, resource))
