"""Visits timeline: every dated exchange, agreement and milestone since 1973."""

import streamlit as st

from jvties.app import components, loading, navigation
from jvties.data import filters
from jvties.figures import events as event_figures

view, options = navigation.frame("timeline")
components.header("Visits timeline", "timeline")
tables = loading.require("events", "sources")
events, sources = tables["events"], tables["sources"]
shown = loading.derive(
    filters.filter_events,
    events,
    view,
    types=tuple(options["type"]),
    directions=tuple(options["dir"]),
    people=options["q"],
    roles=tuple(options["role"]),
)

st.markdown(f"**{len(shown)} of {len(events)} events** shown.")
if shown.empty:
    st.warning(
        "No events match the selected filters. Widen them or press Reset filters.", icon=":material/filter_alt_off:"
    )
    st.stop()
wide, narrow = components.screen_forms("timeline")
with wide:
    components.chart(event_figures.timeline, shown, sources=sources, key="events_shown")
with narrow:
    # On a phone the chart's markers are too small to tap apart: the events as a dated list.
    st.markdown(loading.derive(event_figures.dated_list, shown))

st.subheader("Events, latest first")
components.table(
    loading.derive(event_figures.event_listing, shown, sources),
    column_config={
        "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
        "milestone": st.column_config.TextColumn("", help="Milestone", width=30),
        "title": st.column_config.TextColumn("Event", width="large"),
        "event_type": "Type",
        "direction": "Direction",
        "japan_side": "Japan",
        "vietnam_side": "Viet Nam",
        "place": "Place",
        "summary": st.column_config.TextColumn("Summary", width="large"),
        "publisher": "Source",
        "url": st.column_config.LinkColumn("Link", display_text="open source"),
    },
)

components.workbook(sources)
